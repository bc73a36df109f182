"""Consistency checks M (money), G (graph) and D (the convention text).

Every check has a failing fixture ``tests/fixtures/checks/<CODE>-bad.clauses``
whose first line says where the finding is expected (``# expect: CODE line:col``)
and a passing fixture ``<CODE>-good.clauses`` that must not produce it. Both
must pass the pipeline (syntax, names, values), or the checks would not run.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from clauses.checks import REGISTRY, CheckContext, run_checks
from clauses.checks.document import mentions, references
from clauses.checks.money import revision_weights
from clauses.codes import Severity
from clauses.diagnostics import has_errors
from clauses.lint.pipeline import lint_file
from clauses.language.load import load, load_source
from clauses.language.source import SourceText
from conftest import ROOT, RULES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "checks"
FAMILIES = ("M", "G", "D")
CODES = sorted(code for code in REGISTRY if code[0] in FAMILIES)
EXPECT = re.compile(r"^# expect: (?P<code>[A-Z][0-9]{3}) (?P<line>[0-9]+):(?P<column>[0-9]+)$")


def test_the_families_are_registered() -> None:
    assert {"M001", "M002", "G001", "D001"} <= set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_each_check_is_documented(code: str) -> None:
    check = REGISTRY[code]
    assert check.summary and check.rationale and check.bad and check.good
    assert check.bad != check.good
    assert (FIXTURES / f"{code}-bad.clauses").is_file() and (FIXTURES / f"{code}-good.clauses").is_file()


@pytest.mark.parametrize("code", CODES)
def test_documented_examples_are_valid_clauses(code: str) -> None:
    """`clauses rules CODE` prints the examples: they must at least parse."""
    for example in (REGISTRY[code].bad, REGISTRY[code].good):
        header = "" if re.search(r"^convention ", example, re.MULTILINE) else 'convention "exemple".\n'
        loaded = load_source(SourceText("example.clauses", f"langue fr.\n{header}{example}\n"))
        assert [d.message for d in loaded.diagnostics if d.code[0] in "SLV"] == []


@pytest.mark.parametrize("code", CODES)
def test_bad_fixture_is_reported_where_expected(code: str) -> None:
    path = FIXTURES / f"{code}-bad.clauses"
    expect = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert expect and expect["code"] == code, f"{path.name}: first line must be `# expect: {code} line:col`"
    result = lint_file(path)
    assert result.loaded.ok, [str(d) for d in result.loaded.diagnostics]
    found = [(d.span.line, d.span.column) for d in result.diagnostics if d.code == code and d.span]
    assert (int(expect["line"]), int(expect["column"])) in found, found
    assert all(d.severity is REGISTRY[code].severity for d in result.diagnostics if d.code == code)


@pytest.mark.parametrize("code", CODES)
def test_good_fixture_is_not_reported(code: str) -> None:
    result = lint_file(FIXTURES / f"{code}-good.clauses")
    assert result.loaded.ok, [str(d) for d in result.loaded.diagnostics]
    assert [d for d in result.diagnostics if d.code == code] == []


# ------------------------------------------------------------------ the seeds
SEEDS = sorted(RULES.rglob("*.clauses"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: str(p.relative_to(RULES)))
def test_seeds_have_no_error_from_these_families(path: Path) -> None:
    result = lint_file(path)
    assert result.loaded.ok
    errors = [f"{d.location} {d.code} {d.message}" for d in result.diagnostics
              if d.code[0] in FAMILIES and d.severity is Severity.ERROR]
    assert errors == []


def _codes(name: str) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in lint_file(RULES / name).diagnostics if d.code[0] in FAMILIES]


def test_seed_004_month_zero_differs_from_the_base_month_of_i0() -> None:
    """Art. 5.1: prices of September 2022 (« mois zéro »), I0 of October 2022."""
    text = (RULES / "004_groupement_mons_en_baroeul.clauses").read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "mois de base 2022-10" in ln)
    assert ("M003", line) in _codes("004_groupement_mons_en_baroeul.clauses")


def test_seed_002_text_numbers_two_articles_v() -> None:
    text = (RULES / "002_soliha_mta_croix.clauses").read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if re.match(r'\s*texte\s+"', ln))
    assert ("D001", line) in _codes("002_soliha_mta_croix.clauses")


def test_seed_000_uncovered_articles_are_information_only() -> None:
    found = [d for d in lint_file(RULES / "000_pisco_manosque.clauses").diagnostics if d.code == "D004"]
    assert found and all(d.severity is Severity.INFO for d in found)
    assert any("article 4.2 " in d.message and "« chaque semestre »" in d.message for d in found)


# ------------------------------------------------------------------ money
def _formula(text: str):
    source = SourceText("f.clauses", f'langue fr.\nconvention "x".\nindexation r article 1 : P = {text}.\n')
    return load_source(source).convention.clauses[0].formulas[0].expression


@pytest.mark.parametrize("text, total", [
    ("P0 × (0,15 + 0,85 × I / I0)", Decimal("1")),
    ("P0 × (0,15 + 0,80 × I / I0)", Decimal("0.95")),
    ("(0,1 + 0,2 × I / I0) × P0", Decimal("0.3")),
    ("P0 × I / I0", Decimal("1")),
    ("P0 × (0,125 + 0,5 × A / A0 + 0,375 × B / B0)", Decimal("1")),
    ("P0 × (1 + 0,85 × (I - I0) / I0)", Decimal("1")),
    ("P0 × (0,1 + 0,2 + 0,7 × I / I0)", Decimal("1")),      # 0.1 + 0.2 is exactly 0.3 here
])
def test_revision_weights_of_linear_formulas(text: str, total: Decimal) -> None:
    assert revision_weights(_formula(text)) == total


@pytest.mark.parametrize("text", [
    "P0 + 10",                                     # not a revision
    "P0 × (I / I0) × (J / J0)",                    # a product of indices
    "P0 × (0,15 + 0,85 × I / I0) / 3",             # 1/3 is not an exact decimal
    "P0 × 0,15 / (I + I0)",                        # division by a sum
])
def test_other_shapes_are_not_judged(text: str) -> None:
    assert revision_weights(_formula(text)) is None


# ------------------------------------------------------------------ the text
def test_references_to_other_texts_are_not_cross_references() -> None:
    loaded = load(RULES / "003_ccas_dijon_adoma.clauses")
    found = {(line, number) for line, number, _ in references(loaded.text.text, loaded.text.articles)}
    # not « articles 226-13 et suivants du code pénal » nor « articles 15 à 23 du règlement »
    assert found == {(108, "5"), (119, "1"), (129, "5")}


def test_references_of_seed_000_are_all_found() -> None:
    loaded = load(RULES / "000_pisco_manosque.clauses")
    numbers = [n for _, n, _ in references(loaded.text.text, loaded.text.articles)]
    assert numbers == ["8.1", "3", "1", "2", "12"]
    assert all(loaded.text.articles.find(n) for n in numbers)


def test_mentions_name_what_the_article_sets() -> None:
    found = mentions("En cas d'écart constaté chaque semestre, la cellule se réunit. "
                     "La reconduction est décidée à la majorité des voix ; 31,61 % pour la Ville. "
                     "En cas d'égalité, la voix du coordonnateur prévaut.")
    assert found == {"time limits": ["chaque semestre"],
                     "majorities": ["majorité des voix", "voix du coordonnateur"],
                     "amounts": ["31,61 %"]}


def test_amounts() -> None:
    assert mentions("une subvention de 12 000 euros, soit 12\u00a0000 € HT, et 31,61 %")["amounts"] == [
        "12 000 euros", "12 000 €", "31,61 %"]


def test_the_date_of_another_text_is_not_a_time_limit() -> None:
    circular = "conformément à la circulaire N° DGCS/DIHAL/DHUP/2013/219 du 30 mai 2013 relative à l'AGLS"
    assert mentions(circular) == {}
    assert mentions("elle se terminera le 25 Septembre 2022") == {"time limits": ["25 Septembre 2022"]}


def test_document_checks_say_nothing_without_a_text() -> None:
    loaded = load(FIXTURES / "G001-good.clauses")
    assert loaded.text is None
    assert [d for d in run_checks(loaded.convention, None, loaded.source) if d.code.startswith("D")] == []
    assert not has_errors(run_checks(loaded.convention, None, loaded.source))
    assert CheckContext(loaded.convention, None, loaded.source).text is None


def test_root_is_the_project() -> None:
    assert (ROOT / "rules").is_dir()


def test_a_power_that_waits_for_its_own_act_is_a_cycle() -> None:
    source = SourceText("self.clauses", 'langue fr.\nconvention "x".\npartie a "A".\npartie b "B".\n'
                                        'événement résiliation "résiliation".\n'
                                        'pouvoir résilier article 1 :\n'
                                        '  chaque partie peut résiliation après résiliation.\n')
    loaded = load_source(source)
    found = [d for d in run_checks(loaded.convention, None, loaded.source) if d.code == "G001"]
    assert [(d.span.line, d.span.column) for d in found] == [(6, 9)]
    assert "its own act" in found[0].message
