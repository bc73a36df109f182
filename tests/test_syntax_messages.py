"""Syntax errors name the forms accepted at that point in the file's language and point to the
section of the reference (issue 10 item 14): a wrong limit inside a duty, a misspelt keyword, a
missing full stop; in French (`--lang fr` renders the French catalogue) and in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clauses.language.parser import parse
from clauses.language.source import SourceText

ROOT = Path(__file__).resolve().parents[1]
HEAD_FR = 'convention "X".\npartie a "A".\npartie b "B".\névénement e "e".\n'
HEAD_EN = 'language en.\nagreement "X".\nparty a "A".\nparty b "B".\nevent e "e".\n'
ANCHORS = set(re.findall(r"\{#([a-z_-]+)\}", (ROOT / "docs" / "language.md").read_text(encoding="utf-8")))
FRENCH_ANCHORS = set(re.findall(r"\{#([a-z_-]+)\}", (ROOT / "docs" / "langage.md").read_text(encoding="utf-8")))


def errors(text: str):
    return parse(SourceText("t.clauses", text)).diagnostics


def _section(hint: str) -> str:
    link = re.search(r"docs/language\.md#([a-z_-]+)", hint)
    assert link, hint
    assert link.group(1) in ANCHORS, link.group(1)
    french = re.search(r"docs/langage\.md#([a-z_-]+)", hint.localized("fr"))
    assert french and french.group(1) == link.group(1) and french.group(1) in FRENCH_ANCHORS, hint.localized("fr")
    return link.group(1)


def test_a_wrong_limit_inside_a_duty() -> None:
    [d] = errors(HEAD_FR + "obligation x article 1 : a doit e envers b au moins 3 mois après e.\n")
    assert (d.code, d.span.line, d.span.column) == ("S001", 5, 60)
    assert d.message == "unexpected keyword `après`: expected `avant`"
    assert d.message.localized("fr") == "mot-clé `après` inattendu : attendu `avant`"
    assert "dans un délai de 30 jours à compter de EVENT" in d.hint.localized("fr")
    assert _section(d.hint) == "statement-duty_clause"
    # in French, the link goes to the French reference, same anchor
    assert d.hint.localized("fr").endswith("référence : docs/langage.md#statement-duty_clause (`obligation`)")


def test_a_wrong_limit_in_english() -> None:
    [d] = errors(HEAD_EN + "duty x article 1: a must e to b at least 3 months after e.\n")
    assert d.message == "unexpected keyword `after`: expected `before`"
    assert "`within 30 days of EVENT`" in d.hint and d.hint.endswith("(`duty`)")
    assert _section(d.hint) == "statement-duty_clause"


@pytest.mark.parametrize(("text", "suggestion", "section", "keyword"), [
    (HEAD_FR + "oblgation x article 1 : a doit e envers b au plus tard 2025-01-01.\n", "obligation",
     "statement-duty_clause", "obligation"),
    (HEAD_FR + "obligation x article 1 : a doit e enver b au plus tard 2025-01-01.\n", "envers",
     "statement-duty_clause", "obligation"),
    (HEAD_EN + "dutty x article 1: a must e to b at the latest 2025-01-01.\n", "duty", "statement-duty_clause",
     "duty"),
])
def test_a_misspelt_keyword(text: str, suggestion: str, section: str, keyword: str) -> None:
    [d] = errors(text)
    assert d.code == "S001"
    assert f"did you mean `{suggestion}`?" in d.hint
    assert f"vouliez-vous dire `{suggestion}` ?" in d.hint.localized("fr")
    assert _section(d.hint) == section and f"(`{keyword}`)" in d.hint


def test_a_missing_full_stop_between_statements_and_at_the_end() -> None:
    text = 'convention "X".\npartie a "A".\npartie b "B"\névénement e "e".\n' \
           "obligation x article 1 : a doit e envers b au plus tard 2025-01-01\n"
    first, last = errors(text)
    assert (first.code, first.span.line, last.code) == ("S001", 4, "S002")
    assert first.message.localized("fr").startswith("mot-clé `événement` inattendu : attendu un point `.` qui termine")
    assert _section(first.hint) == "statement-party_decl"
    assert "finissez-le par un point" in first.hint.localized("fr")
    # the cut list of forms is given in full in the hint, in French
    french = last.hint.localized("fr")
    assert french.startswith("il manque le point `.` final du dernier énoncé ; formes acceptées ici : un point")
    assert "`dans un délai de`" in french and "`au plus tard`" in french
    assert _section(last.hint) == "statement-duty_clause"


def test_messages_in_english_stay_as_they_were() -> None:
    [d] = errors(HEAD_EN + "party c \"C\"\nevent f \"f\".\n")
    assert d.message.startswith("unexpected keyword `event`: expected a full stop `.` ending the statement")
    assert d.hint.startswith("the previous statement is not finished: end it with a full stop `.` — reference: "
                             "docs/language.md#statement-party_decl (`party`)")
