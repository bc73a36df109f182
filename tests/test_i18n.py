"""Messages in English and French from one catalogue (issue 14 item 1).

Every ``tr("template", ...)`` of the source must have a French translation in
``src/clauses/output/locales/fr/LC_MESSAGES/clauses.po`` with the same
placeholders; English renderings stay byte-identical; codes and JSON never change
with the language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from clauses.i18n import Message, Plural, Weekday, joined, localized, tr, trn
from clauses.output import catalogue
from clauses.output.catalogue import choose_language, format_value, placeholders

#: a template with no letter outside its placeholders (``"{a}; {b}"``) reads the same in every language
_LETTERS = staticmethod(lambda t: any(c.isalpha() for c in "".join(
    literal for literal, *_ in __import__("string").Formatter().parse(t))))


def _needs_translation(template: str) -> bool:
    return _LETTERS(template)


def test_every_template_has_a_french_translation() -> None:
    absent = [(t, f, n) for t, f, n in catalogue.missing("fr") if _needs_translation(t)]
    assert not absent, (
        f"{len(absent)} message template(s) have no French translation. Add each to "
        f"{catalogue.catalogue_path('fr').relative_to(catalogue.LOCALES.parent.parent.parent.parent)} "
        "(msgid = the English template, msgstr = the French, same {placeholders}); "
        "`python -m clauses.output.catalogue` prints these stubs:\n" + catalogue.po_stubs(absent))


def test_translations_keep_the_placeholders_of_their_template() -> None:
    wrong = {t: s for t, s in catalogue.catalogue("fr").items() if placeholders(t) != placeholders(s)}
    assert not wrong, "translations whose {placeholders} differ from their template:\n" + "\n".join(
        f"  {t!r}\n    -> {s!r}" for t, s in wrong.items())


def test_templates_are_plain_strings_the_scanner_sees() -> None:
    # the source holds a good number of templates, and every one parses as a format string
    found = list(catalogue.source_templates())
    assert len(found) > 100
    for template, file, line in found:
        placeholders(template)  # raises on a malformed template


def test_english_is_the_plain_string_and_french_is_rendered_on_demand() -> None:
    msg = tr("no {action} by {who} by {due} ({what})", action="`intentions`", who=tr("the parties"),
             due=dt.date(2022, 3, 25), what=tr("at least {duration} before the term end", duration="6 months"))
    assert msg == "no `intentions` by the parties by 2022-03-25 (at least 6 months before the term end)"
    assert isinstance(msg, Message) and str(msg) == msg
    assert msg.localized("fr") == ("pas de `intentions` par les parties au vendredi 25 mars 2022 "
                                   "(au moins 6 months avant le terme)")
    assert localized("plain", "fr") == "plain"


def test_french_values() -> None:
    assert format_value(dt.date(2022, 3, 25), "fr") == "vendredi 25 mars 2022"
    assert format_value(Weekday.of(dt.date(2022, 3, 25)), "fr") == "vendredi 25 mars 2022"
    assert str(tr("{d}", d=Weekday.of(dt.date(2022, 3, 25)))) == "Friday 2022-03-25"
    assert format_value(Decimal("1234.5"), "fr").replace("\u202f", " ").replace("\xa0", " ") == "1 234,5"
    from clauses.language.model import Duration
    from clauses.timelimits import Unit

    six = Duration(amount=6, unit=Unit.MONTHS)
    assert format_value(six, "fr") == "6 mois"
    assert format_value(Duration(amount=1, unit=Unit.MONTHS, plus=Duration(amount=5, unit=Unit.CLEAR_DAYS)),
                        "fr") == "1 mois et 5 jours francs"
    assert format_value(six, "en") == "6 months"


def test_joined_reads_and_and_et() -> None:
    both = joined(["h2p", "fp", "ville"], tr("{a} and {b}").template)
    assert both == "h2p and fp and ville"
    assert both.localized("fr") == "h2p et fp et ville"


@pytest.mark.parametrize("option, rules, env, expected", [
    ("en", "fr", {"LANG": "fr_FR.UTF-8"}, "en"),
    (None, "fr", {"LANG": "en_US.UTF-8"}, "fr"),
    (None, "en", {"LANG": "fr_FR.UTF-8"}, "en"),
    (None, None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
    (None, None, {}, "en"),
])
def test_choice_of_language(option, rules, env, expected) -> None:
    assert choose_language(option, rules, env) == expected


def test_a_template_without_parameters_is_its_text_in_every_language() -> None:
    # a syntax message names the form `{montant}`: braces of clause text, not a placeholder
    msg = tr("a parameter such as `{montant}`")
    assert msg == "a parameter such as `{montant}`"
    assert msg.localized("fr") == "un paramètre comme `{montant}`"


# --------------------------------------------------------------------------- plural forms (trn)


def test_every_plural_message_has_french_forms() -> None:
    absent = catalogue.missing_plurals("fr")
    assert not absent, (
        f"{len(absent)} trn() message(s) have no French plural entry; `python -m clauses.output.catalogue` "
        "prints these stubs:\n" + catalogue.po_stubs([], absent))


def test_plural_forms_keep_the_placeholders_of_their_templates() -> None:
    # French form 0 (0 and 1) answers the English singular, form 1 the plural: same {placeholders}
    _rule, entries = catalogue.plurals("fr")
    wrong = {}
    for pair, _file, _line in catalogue.source_plurals():
        forms = entries.get(pair, ())
        if [placeholders(f) for f in forms] != [placeholders(t) for t in pair][:len(forms)]:
            wrong[pair] = forms
    assert not wrong, wrong


def test_the_scanner_sees_plural_messages() -> None:
    found = {pair for pair, _file, _line in catalogue.source_plurals()}
    assert ("{n} breach", "{n} breaches") in found and ("{n} fulfilled", "{n} fulfilled") in found


@pytest.mark.parametrize("n, english, french", [
    (0, "0 breaches", "0 manquement"), (1, "1 breach", "1 manquement"), (2, "2 breaches", "2 manquements"),
    (21, "21 breaches", "21 manquements")])
def test_a_plural_message_agrees_with_its_count_in_each_language(n, english, french) -> None:
    msg = trn("{n} breach", "{n} breaches", n)
    assert msg == english and isinstance(msg, Message)
    assert msg.localized("fr") == french and msg.localized("en") == english


def test_a_plural_message_inside_another_and_through_pickle() -> None:
    import pickle

    msg = tr("{count} so far", count=trn("{n} fulfilled", "{n} fulfilled", 1))
    assert msg == "1 fulfilled so far"
    again = pickle.loads(pickle.dumps(msg))
    assert again == msg and again.params["count"].localized("fr") == "1 respecté"
    assert pickle.loads(pickle.dumps(trn("{n} finding", "{n} findings", 3))).localized("fr") == "3 constats"


def test_a_plural_message_with_no_french_entry_is_english() -> None:
    assert trn("{n} apple", "{n} apples", 2).localized("fr") == "2 apples"
    assert trn("{n} apple", "{n} apples", 1, n="one").localized("fr") == "one apple"


def test_the_summary_line_agrees_in_french() -> None:
    from clauses.findings import Status
    from clauses.output.report import summary_line

    class _F:
        def __init__(self, status):
            self.status = status

    class _R:
        findings = [_F(Status.BREACH), _F(Status.FULFILLED), _F(Status.FULFILLED), _F(Status.DISCHARGED)]
        counted = ()

    assert summary_line(_R(), "en") == "1 breach, 0 upcoming, 0 pending, 2 fulfilled, 1 discharged"
    assert summary_line(_R(), "fr") == "1 manquement, 0 à venir, 0 en attente, 2 respectés, 1 éteint"


def test_a_later_message_reads_as_the_message_it_stands_for() -> None:
    """``tr_later`` keeps the template and values only; what it gives, alone or as a parameter of another
    message, in English and in French, through pickle and JSON, is what ``tr`` gives."""
    import json
    import pickle

    from clauses.i18n import Later, made, tr_later

    day = dt.date(2024, 3, 2)
    now, later = tr("{event} of {date}", event="notification", date=day), tr_later("{event} of {date}",
                                                                                   event="notification", date=day)
    assert type(later) is Later and later == now and str(later) == str.__str__(now) and hash(later) == hash(now)
    assert later.localized("fr") == now.localized("fr") == "notification du samedi 2 mars 2024"
    assert made(later) == now and type(made(later)) is Message and made(later).params == now.params
    outer_now, outer_later = tr("Anchor: {anchor}.", anchor=now), tr("Anchor: {anchor}.", anchor=later)
    assert outer_later == outer_now and outer_later.localized("fr") == outer_now.localized("fr")
    assert localized(later, "fr") == now.localized("fr")
    assert pickle.loads(pickle.dumps(later)) == later
    assert json.dumps(made(later)) == json.dumps(now)
    nested = tr_later("{label} (receipt date not recorded)", label=later)
    assert nested.localized("fr") == tr("{label} (receipt date not recorded)", label=now).localized("fr")
    assert tr_later("{a}", a=1).names is tr_later("{a}", a=2).names   # one tuple of names per set


def test_the_scanner_sees_later_messages() -> None:
    found = {t for t, _, _ in catalogue.source_templates()}
    assert "receipt on {received} of {event} sent {sent}" in found


def test_the_lowerings_diagnostics_are_french_in_a_french_report() -> None:
    """The diagnostics the lowering gives (a date that does not exist, a duration that is no limit, a term
    whose end comes before its start) are messages of the catalogue, not English text."""
    from clauses.language.load import load_source
    from clauses.language.source import SourceText

    text = ('langue fr.\nconvention "C" signée à "Lyon" le 2023-02-30.\npartie a "A".\n'
            'durée article 1 : du 2024-05-01 au 2024-04-01.\n')
    found = {d.code: d for d in load_source(SourceText("c.clauses", text)).diagnostics}
    assert str(found["V002"].message) in ("`2023-02-30` is not a date: February 2023 has 28 days",
                                         "the term's last day 2024-04-01 is before its first day 2024-05-01")
    french = sorted(localized(d.message, "fr") for d in load_source(SourceText("c.clauses", text)).diagnostics
                    if d.code == "V002")
    assert "`2023-02-30` n'est pas une date : février 2023 compte 28 jours" in french
    assert any(f.startswith("le dernier jour de la durée, ") and "précède son premier jour" in f for f in french)


def test_an_item_stated_twice_is_named_in_the_readers_words() -> None:
    """V012 names the clause's kind and the item stated twice as a jurist says them (not the model's names)."""
    from clauses.language.load import load_source
    from clauses.language.source import SourceText

    head = ('langue fr.\nconvention "C" signée à "Lyon" le 2023-02-01.\npartie a "A".\npartie b "B".\n'
            'événement avis "avis".\ndurée article 1 : 3 ans à compter du 2023-02-01 sans renouvellement.\n')
    for clause, english, french in (
            ("a doit avis par lettre recommandée par courriel au terme.", "this duty states its channel twice",
             "cette clause (obligation) indique deux fois son élément « canal »"),
            ("a doit avis au terme au terme.", "this duty states its time limit twice",
             "cette clause (obligation) indique deux fois son élément « délai »")):
        [twice] = [d for d in load_source(SourceText("c.clauses", head + f"obligation o article 2 : {clause}\n")
                                          ).diagnostics if d.code == "V012"]
        assert str(twice.message) == english and localized(twice.message, "fr") == french


def test_a_message_made_again_is_the_same_message() -> None:
    """tr gives back a recent message of the same template and parameters (messages are immutable): the same
    English and the same French as a message made afresh, whatever the parameters' types."""
    first = tr("{action} by {who}: {counted} in {span} ({required} required)", action="réunion", who="h2p",
               counted=2, span="2021", required=1)
    again = tr("{action} by {who}: {counted} in {span} ({required} required)", action="réunion", who="h2p",
               counted=2, span="2021", required=1)
    fresh = Message("{action} by {who}: {counted} in {span} ({required} required)",
                    dict(action="réunion", who="h2p", counted=2, span="2021", required=1))
    assert again is first and again == fresh and again.localized("fr") == fresh.localized("fr")
    assert tr("for") is tr("for")


def test_parameters_that_look_alike_are_not_taken_for_one_another() -> None:
    """A message parameter is not its English text (French translates one, not the other), True is not 1, a
    datetime is not its date: each gives its own message."""
    as_message, as_text = tr("{voter} votes {word}", voter="fp", word=tr("for")), tr("{voter} votes {word}",
                                                                                    voter="fp", word="for")
    assert as_message == as_text and as_message is not as_text
    assert as_message.localized("fr") != as_text.localized("fr")
    assert str(tr("{n} days late", n=True)) != str(tr("{n} days late", n=1))
    day = dt.date(2024, 3, 1)
    assert tr("{date} is a Sunday", date=day) is not tr("{date} is a Sunday", date=dt.datetime(2024, 3, 1))
    other = tr("{voter} votes {word}", voter="fp", word=tr("{x}", x="for"))   # another message, the same English
    assert other is not as_message


def test_plural_messages_are_remembered_by_their_forms_count_and_parameters() -> None:
    """``trn`` gives again the message it made recently for the same forms, count and parameters (the notes
    of a long log say "3 days late" thousands of times): never one of another count, form or template."""
    late = trn("{days} day late", "{days} days late", 3, days=3)
    assert late is trn("{days} day late", "{days} days late", 3, days=3)
    assert late.localized("fr") == Plural("{days} day late", "{days} days late", 3, dict(days=3, n=3)).localized("fr")
    one = trn("{days} day late", "{days} days late", 1, days=1)
    assert one is not late and str(one) == "1 day late" and str(late) == "3 days late"
    assert trn("{days} day early", "{days} days early", 3, days=3) is not late
    assert tr("{days} days late", days=3) is not late and type(tr("{days} days late", days=3)) is Message
    by_message = trn("{n} {what}", "{n} {what}s", 2, what=tr("week"))
    assert by_message is trn("{n} {what}", "{n} {what}s", 2, what=by_message.params["what"])
    assert by_message is not trn("{n} {what}", "{n} {what}s", 2, what=tr("{x}", x="week"))


def test_the_recent_messages_stay_few() -> None:
    import clauses.i18n as i18n

    for n in range(i18n._RECENT_SIZE + 10):
        tr("{n} days late", n=n)
    assert len(i18n._RECENT) <= i18n._RECENT_SIZE
