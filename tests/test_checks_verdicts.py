"""Issue 9 items 8-10: lint findings that were missed or mislabelled (articles and dates in comments)."""

from __future__ import annotations

from clauses.language.source import SourceText
from clauses.lint.pipeline import lint_loaded
from clauses.language.load import load_source

HEADER = """langue fr.
convention "Essai" signée à "Lyon" le {signed}.
partie a "Alpha" rôle "membre".
partie b "Beta" rôle "membre".
événement retrait "retrait".
événement bilan "bilan".
"""


def lint(body: str, signed: str = "2023-01-02"):
    loaded = load_source(SourceText("t.clauses", HEADER.format(signed=signed) + body))
    return lint_loaded(loaded).diagnostics


def codes(found) -> list[str]:
    return [d.code for d in found]


def test_signed_after_its_own_term_ended_is_t008():
    # art. 6: 1 year from 2023-01-01, not renewed: out of force from 2024-01-01; signed 2024-03-01
    found = lint("durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.\n", signed="2024-03-01")
    t008 = [d for d in found if d.code == "T008"]
    assert len(t008) == 1 and "out of force from 2024-01-01" in t008[0].message
    # signed on the last day in force (2023-12-31): no finding
    assert "T008" not in codes(lint("durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.\n",
                                    signed="2023-12-31"))


def test_a_duty_of_a_non_signatory_is_g006_and_seed_004_has_one():
    from pathlib import Path

    from clauses.lint.pipeline import lint_file

    seed = Path(__file__).resolve().parent.parent / "rules" / "004_groupement_mons_en_baroeul.clauses"
    g006 = [d for d in lint_file(seed).diagnostics if d.code == "G006"]
    # art. 5.3: « le titulaire … adresse ses demandes de paiement » — the contractor does not sign
    assert [(d.span.line, "`titulaire`" in d.message) for d in g006] == [(94, True)]


def test_a_key_period_past_the_latest_end_is_m008():
    # art. 6: 1 year from 2023-01-01 renewed by periods of 1 year, at most 2 years: last day 2024-12-31
    term = ("durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an "
            "dans la limite de 2 ans.\n")
    key = "clé parts article 5.2 :\n  du 2023-01-01 au 2023-12-31 : a 50 %, b 50 %\n  du {p} : a 50 %, b 50 %.\n"
    late = [d for d in lint(term + key.format(p="2025-01-01 au 2025-12-31")) if d.code == "M008"]
    assert len(late) == 1 and "(2024-12-31)" in late[0].message
    assert "M008" not in codes(lint(term + key.format(p="2024-01-01 au 2024-12-31")))


def test_a_renewal_contradiction_over_two_term_statements_names_both_articles():
    found = lint("durée article 6.1 : 1 an à compter du 2023-01-02 renouvellement tacite par périodes de 1 an.\n"
                 "durée article 6.2 : 1 an à compter du 2023-01-02 sans renouvellement.\n")
    v008 = [d for d in found if d.code == "V008"]
    assert len(v008) == 1
    assert ("article 6.1 says the convention is renewed tacitly, article 6.2 that it is not renewed "
            "(`sans renouvellement`)") in v008[0].message


def test_a_withdrawal_counted_back_from_a_renewal_that_never_comes_is_x006_not_v009():
    # art. 1: one year, `sans renouvellement`; art. 7: withdrawal 3 months before the renewal, which never comes
    found = lint("durée article 1 : 1 an à compter du 2023-01-02 sans renouvellement.\n"
                 "pouvoir partir article 7 :\n  chaque partie peut retrait\n  au moins 3 mois avant la reconduction\n"
                 "  retire la partie.\n")
    assert "V009" not in codes(found)
    x006 = [d for d in found if d.code == "X006"]
    assert len(x006) == 1 and "the convention is not renewed" in x006[0].message and x006[0].span.line == 10
    # a duty counted back from that renewal is still V009 (it never falls due)
    found = lint("durée article 1 : 1 an à compter du 2023-01-02 sans renouvellement.\n"
                 "obligation préavis article 7 :\n  a doit bilan\n  au moins 3 mois avant la reconduction.\n")
    assert "V009" in codes(found)


# ---------------------------------------------------------------------- item 11: one error hides nothing
SIGNED_LATE = "durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.\n"


def test_a_syntax_error_in_one_statement_does_not_hide_the_other_findings():
    # art. 9 lacks its colon (S001); the file is still signed after its term ended (T008, see above)
    found = lint(SIGNED_LATE + "obligation z article 9 les parties doivent bilan.\n", signed="2024-03-01")
    assert set(codes(found)) == {"S001", "T008"}


def test_a_name_error_in_one_clause_does_not_hide_the_other_findings():
    # clause y names an unknown party (N001): left out; the rest is checked (T008)
    found = lint(SIGNED_LATE + "obligation y article 8 : zz doit bilan au moins 1 fois par an périodes civiles.\n",
                 signed="2024-03-01")
    assert "N001" in codes(found) and "T008" in codes(found)


def test_suppressing_an_error_never_turns_the_other_checks_off():
    body = SIGNED_LATE + ("obligation y article 8 : zz doit bilan au moins 1 fois par an périodes civiles."
                          "  # clauses: ignore[N001] party added in the next draft\n")
    found = lint(body, signed="2024-03-01")
    assert "N001" not in codes(found) and "T008" in codes(found)


# ---------------------------------------------------------------------- item 12: false positives
def test_an_event_declared_for_the_logs_is_information_not_a_warning():
    # HEADER declares `retrait`, which no clause below uses
    g005 = [d for d in lint("obligation bilan article 5 : a doit bilan au moins 1 fois par an périodes civiles.\n")
            if d.code == "G005"]
    assert [d.severity.value for d in g005] == ["info"] and "`retrait`" in g005[0].message


def test_g003_says_where_an_idle_party_is_named_and_never_suggests_removing_it():
    # b bears nothing and holds nothing, but the cascade of art. 9 names it: G003 used to say "no
    # clause names it" and to suggest removing the declaration, which gives N001 in clause `fin`
    body = ("obligation bilan article 5 : a doit bilan au moins 1 fois par an périodes civiles.\n"
            "conséquence fin article 9 : bilan de b entraîne fin de la convention.\n")
    g003 = [d for d in lint(body) if d.code == "G003"]
    assert len(g003) == 1 and g003[0].message.endswith("it is only named in clause `fin`")
    assert "remove" not in g003[0].hint


def test_a_code_article_is_not_a_missing_article_of_the_convention():
    from clauses.checks.document import references
    from clauses.language.articles import ArticleIndex

    text = ("Article 1 - Objet\nconformément à l'article L. 1231-2 du code du travail, à l'article R.441-1 et "
            "à l'article 12\n")
    assert [number for _, number, _ in references(text, ArticleIndex.from_text(text))] == ["12"]


def test_annexes_that_restart_their_numbering_are_not_duplicate_articles():
    from pathlib import Path

    from clauses.checks import CheckContext
    from clauses.checks.document import duplicate_article_number
    from clauses.language.articles import ArticleIndex
    from clauses.language.resolve import ConventionText

    def d001(text: str) -> list:
        loaded = load_source(SourceText("t.clauses", HEADER.format(signed="2023-01-02")))
        conv_text = ConventionText(Path("t.txt"), text, ArticleIndex.from_text(text))
        return list(duplicate_article_number(CheckContext(loaded.convention, conv_text, loaded.source)))

    main = "Article 1 - Objet\nx\nArticle 2 - Durée\ny\n"
    assert d001(main + "ANNEXE 1 - Fiche\nArticle 1 - Bénéficiaires\nz\n") == []
    assert len(d001(main + "Article 1 - Objet encore\nz\n")) == 1
