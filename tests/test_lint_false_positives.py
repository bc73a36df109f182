"""Lint findings that were wrong on real rules files of the repository (issue 14 item 5).

- B002 (a tie decides nothing) and B005 (no ballot event) fired on votes *counted on
  the meeting event* (``majorité de la moitié plus un des présents``, ``quorum 1/2 des
  membres en exercice``: the counts are columns of the decision event, see
  ``clauses.evaluation.governance``): such a vote has no ballots to name, and how many
  members are present changes from one meeting to the next, so "an even number of
  voters" says nothing; its stated rule decides a tie.
- D001 (two articles with the same number) read the list item « 2. Axes d'intervention : »
  inside article 1 of convention 007 as an article 2, next to the real « Article 2 ».
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clauses.language.articles import ArticleIndex
from clauses.lint.pipeline import lint_file

ROOT = Path(__file__).resolve().parent.parent


def _codes(path: Path, *codes: str) -> list[str]:
    return [f"{d.span.line if d.span else '-'}:{d.code}" for d in lint_file(path).diagnostics if d.code in codes]


@pytest.mark.parametrize("name", ["005_statuts_aappma.clauses", "010_statuts_aventuriers_du_jeu.clauses"])
def test_counted_votes_raise_neither_b002_nor_b005(name: str) -> None:
    assert _codes(ROOT / "rules" / name, "B002", "B005") == []


def test_a_vote_by_ballots_still_gets_b002_and_b005(tmp_path: Path) -> None:
    path = tmp_path / "v.clauses"
    path.write_text(
        "convention \"v\".\npartie a \"A\".\npartie b \"B\".\n"
        "vote reconduction article 4 :\n  votants a et b\n  à la majorité des membres.\n", encoding="utf-8")
    assert _codes(path, "B002", "B005") == ["4:B002", "4:B005"]


def test_a_list_item_inside_an_article_is_not_an_article() -> None:
    text = (ROOT / "conventions" / "007_convention_objectifs_unaf_udaf.md").read_text(encoding="utf-8")
    index = ArticleIndex.from_text(text)
    assert index.duplicates() == {}
    assert [(a.number, a.line) for a in index.find("2")] == [("2", 85)]   # « Article 2 », not « 2. Axes … » (line 71)
    assert _codes(ROOT / "rules" / "007_convention_objectifs_unaf_udaf.clauses", "D001") == []


def test_a_text_that_numbers_bare_headings_keeps_them() -> None:
    # « 11. Résiliation » after « Article 10 » (no « Article 11 » anywhere) is still article 11
    index = ArticleIndex.from_text("Article 10 : Durée\nLa convention...\n\n11. Résiliation\nElle peut...\n")
    assert [a.number for a in index] == ["10", "11"]


def test_d001_inside_a_titre_that_restarts_numbering_cites_the_titre(tmp_path: Path) -> None:
    # TITRE 2 restarts at 1 and numbers two articles 1: the hint cites `titre 2 article 1 "…"`,
    # the form a clause file writes (not `article titre 2 article 1`); TITRE 1's article 1 is no clash
    (tmp_path / "conventions").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "conventions" / "t.txt").write_text(
        "TITRE 1 – Objet\n\nArticle 1 – Objet\nTexte.\n\nArticle 2 – Durée\nTexte.\n\n"
        "TITRE 2 – Engagements\n\nArticle 1 – Ville\nTexte.\n\nArticle 1 – Occupant\nTexte.\n", encoding="utf-8")
    path = tmp_path / "rules" / "t.clauses"
    path.write_text('langue fr.\nconvention "t" texte "t.txt".\npartie a "A".\n', encoding="utf-8")
    (found,) = [d for d in lint_file(path).diagnostics if d.code == "D001"]
    assert "line 11 « Ville », line 14 « Occupant »" in found.message
    assert found.hint == ('cite them by division, number and title (`titre 2 article 1 "occupant"`), '
                          "and have the text renumbered")
    assert found.hint.localized("fr").startswith('citez-les par division, numéro et titre (`titre 2 article 1')
