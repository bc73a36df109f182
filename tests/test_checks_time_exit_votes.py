"""Consistency checks T (time), X (renewal and exit) and B (votes and bodies).

Every check has a failing and a passing fixture in ``tests/fixtures/checks``:
the failing one names the code, line and column it must be reported at on its
first line (``# expect: T002 15:3``); the passing one must not produce that
code. The seeds must produce no error from these checks, and exactly the
warnings their real defects call for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clauses.checks import REGISTRY, run_checks
from clauses.codes import Severity
from clauses.lint.pipeline import lint_file
from clauses.language.load import load_source
from clauses.language.source import SourceText
from conftest import ROOT, RULES

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "checks"
FAMILIES = ("T", "X", "B")
CODES = sorted(code for code in REGISTRY if code[0] in FAMILIES)
EXPECT = re.compile(r"#\s*expect:\s*([A-Z][0-9]{3})\s+([0-9]+):([0-9]+)")


def expectation(path: Path) -> tuple[str, int, int]:
    match = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name}: the first line must read `# expect: CODE line:col`"
    return match.group(1), int(match.group(2)), int(match.group(3))


def codes_in(path: Path, code: str) -> list:
    return [d for d in lint_file(path).diagnostics if d.code == code]


@pytest.mark.parametrize("code", CODES)
def test_every_check_has_both_fixtures(code: str) -> None:
    assert (FIXTURES / f"{code}-bad.clauses").is_file()
    assert (FIXTURES / f"{code}-good.clauses").is_file()


@pytest.mark.parametrize("code", CODES)
def test_bad_fixture_is_reported_at_its_line_and_column(code: str) -> None:
    path = FIXTURES / f"{code}-bad.clauses"
    expected_code, line, column = expectation(path)
    assert expected_code == code
    found = codes_in(path, code)
    assert [(d.span.line, d.span.column) for d in found] == [(line, column)], [d.message for d in found]
    assert found[0].severity is REGISTRY[code].severity
    assert found[0].message and "\n" not in found[0].message


@pytest.mark.parametrize("code", CODES)
def test_good_fixture_is_not_reported(code: str) -> None:
    path = FIXTURES / f"{code}-good.clauses"
    result = lint_file(path)
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR and d.code[0] in "SNVAFL"], \
        "the passing fixture must load cleanly, or the checks would not run"
    assert codes_in(path, code) == []


@pytest.mark.parametrize("code", CODES)
def test_check_is_documented(code: str) -> None:
    check = REGISTRY[code]
    assert check.summary and check.rationale and check.bad and check.good
    assert check.bad != check.good
    assert len(check.rationale.split()) >= 30


# ------------------------------------------------------------------ the seeds
SEEDS = sorted(RULES.glob("00[0-4]_*.clauses")) + sorted((RULES / "en").glob("*.clauses"))  # the corpus: test_seeds.py
SEED_FINDINGS = {
    # seed 003, art. 6.2: « renouvelée expressément par tacite reconduction »
    "003_ccas_dijon_adoma": [("X001", 57, 1)],
    # seed 002, art. VII: « signée pour une durée d'un an et est reconductible » — no mode
    "002_soliha_mta_croix": [("X003", 57, 1)],
    # seed 004, art. 7: the withdrawal for the reconduction of 01/01/2024 is due by
    # 01/10/2023, during the first year when no member may leave
    "004_groupement_mons_en_baroeul": [("T007", 122, 3)],
}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_seeds_give_only_their_real_defects(path: Path) -> None:
    found = [d for d in lint_file(path).diagnostics if d.code in CODES]
    assert not [d for d in found if d.severity is Severity.ERROR]
    expected = SEED_FINDINGS.get(path.stem, []) if path.parent == RULES else []
    assert [(d.code, d.span.line, d.span.column) for d in found] == expected, [d.message for d in found]


def test_seed_004_withdrawal_message_names_both_dates() -> None:
    [diag] = [d for d in lint_file(RULES / "004_groupement_mons_en_baroeul.clauses").diagnostics if d.code == "T007"]
    assert "clause `retrait` (article 7)" in diag.message
    assert "2024-01-01" in diag.message and "2023-10-01" in diag.message
    assert diag.severity is Severity.WARNING


# ------------------------------------------------------------------ variants, from strings
HEADER = 'langue fr.\nconvention "Test" signée à "Paris" le 2023-01-01.\npartie a "A".\npartie b "B".\n' \
         'partie t "Titulaire" non signataire.\névénement x "x".\névénement y "y".\n'


def check_codes(text: str, *, strict: bool = True) -> list[tuple[str, str]]:
    loaded = load_source(SourceText("test.clauses", HEADER + text))
    if strict:
        assert loaded.ok, [d.message for d in loaded.diagnostics if d.severity is Severity.ERROR]
    found = run_checks(loaded.convention, None, loaded.source)
    return [(d.code, d.message) for d in found if d.code in CODES]


def only(found: list[tuple[str, str]]) -> list[str]:
    return [code for code, _ in found]


def test_notice_before_the_first_renewal_longer_than_the_term() -> None:
    found = check_codes("durée article 6 : 6 mois à compter du 2023-01-01 renouvellement tacite "
                        "par périodes de 1 an.\nobligation avis article 6 : a doit x au moins 9 mois avant la "
                        "reconduction.\n")
    assert only(found) == ["T002"]
    assert "first renewal on 2023-07-01" in found[0][1]


def test_convocation_longer_than_the_whole_convention() -> None:
    found = check_codes("durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.\n"
                        "obligation convocation article 4 : a doit x envers b au moins 2 ans avant chaque y.\n")
    assert only(found) == ["T002"]


def test_period_end_notice_fits_an_exercice_but_not_a_quarter() -> None:
    assert check_codes("obligation r article 9 : a doit x au plus tard 2 mois avant la fin de chaque exercice "
                       "périodes civiles.\n") == []
    assert only(check_codes("obligation r article 9 : a doit x au plus tard 3 mois avant la fin de chaque "
                            "trimestre périodes à compter du début.\n")) == ["T003"]


def test_frequency_that_fails_only_in_february() -> None:
    assert only(check_codes("obligation r article 9 : a doit x au moins 29 fois par mois périodes civiles.\n")) \
        == ["T005"]
    assert check_codes("obligation r article 9 : a doit x au moins 28 fois par mois périodes civiles.\n") == []
    assert only(check_codes("obligation r article 9 : a doit x au moins 8 fois par semaine "
                            "périodes civiles.\n")) == ["T005"]


def test_fixed_date_after_the_end_unless_it_survives() -> None:
    term = "durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.\n"
    found = check_codes(term + "obligation r article 9 : a doit x au plus tard le 2024-06-30.\n")
    assert only(found) == ["T006"] and "after the convention ends on 2024-01-01" in found[0][1]
    assert check_codes(term + "obligation r article 9 : a doit x au plus tard le 2024-06-30 survit au terme.\n") == []


def test_fixed_date_before_the_signature_without_a_term() -> None:
    assert only(check_codes("obligation r article 9 : a doit x au plus tard le 2022-12-31.\n")) == ["T006"]


def test_window_closed_at_every_renewal_is_one_error_not_warnings() -> None:
    """Seed 004's withdrawal, in a convention of two years at most: the only renewal falls in the first year."""
    found = check_codes("durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de "
                        "1 an dans la limite de 2 ans.\npouvoir retrait article 7 : chaque partie peut x "
                        "au moins 3 mois avant la reconduction jamais pendant la première année "
                        "effet à la reconduction retire la partie.\n")
    assert only(found) == ["X006"]
    assert "no party can ever leave" in found[0][1]


def test_not_before_a_date_after_the_end() -> None:
    found = check_codes("durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.\n"
                        "pouvoir résilier article 7 : chaque partie peut x pas avant le 2024-03-01 "
                        "met fin à la convention.\n")
    assert only(found) == ["X006"]


def test_termination_notice_longer_than_a_term_without_renewal() -> None:
    found = check_codes("durée article 6 : 3 mois à compter du 2023-01-01 sans renouvellement.\n"
                        "pouvoir résilier article 7 : chaque partie peut x au moins 6 mois avant le terme "
                        "met fin à la convention.\n")
    assert only(found) == ["X006"]
    assert "falls before the convention starts" in found[0][1]


def test_notice_longer_than_the_renewal_period_is_a_warning() -> None:
    found = check_codes("durée article 6 : 2 ans à compter du 2023-01-01 renouvellement tacite par périodes de "
                        "1 an.\npouvoir retrait article 7 : chaque partie peut x au moins 18 mois avant la "
                        "reconduction effet à la reconduction retire la partie.\n")
    assert only(found) == ["X007"]
    assert "before the previous renewal" in found[0][1]


def test_open_ended_renewals_always_open_a_window() -> None:
    found = check_codes("durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de "
                        "1 an.\npouvoir retrait article 7 : chaque partie peut x au moins 3 mois avant la "
                        "reconduction pas avant le 2026-01-01 effet à la reconduction retire la partie.\n")
    assert only(found) == ["T007", "T007", "T007"]  # the renewals of 2024, 2025 and 2026


def test_undated_convention_compares_durations_without_dates() -> None:
    text = HEADER.replace('le 2023-01-01', 'date inconnue')
    loaded = load_source(SourceText("t.clauses", text + "durée article 6 : 3 mois à compter de la signature sans "
                                    "renouvellement.\nobligation i article 7 : a doit x au moins 6 mois avant "
                                    "le terme.\n"))
    [diag] = [d for d in run_checks(loaded.convention, None, loaded.source) if d.code == "T002"]
    assert not re.search(r"\d{4}-\d{2}-\d{2}", diag.message)


def test_maximum_equal_to_the_initial_term_voids_the_renewal() -> None:
    found = check_codes("durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de "
                        "1 an dans la limite de 12 mois.\n")
    assert only(found) == ["X005"] and "can never be renewed" in found[0][1]
    assert check_codes("durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement "
                       "dans la limite de 1 an.\n") == []


def test_renewal_without_mode_but_decided_by_a_vote_is_express_enough() -> None:
    found = check_codes("durée article 6 : 1 an à compter du 2023-01-01 décidé par le vote v par périodes de "
                        "1 an.\nvote v article 6 : bulletins x décision y votants a et b "
                        "avec l'accord de chaque partie.\n")
    assert found == []


def test_express_renewal_hint_names_an_existing_vote() -> None:
    loaded = load_source(SourceText("t.clauses", HEADER + "durée article 6 : 1 an à compter du 2023-01-01 "
                                    "renouvellement exprès par périodes de 1 an.\nvote v article 6 : bulletins x "
                                    "décision y votants a et b avec l'accord de chaque partie.\n"))
    [diag] = [d for d in run_checks(loaded.convention, None, loaded.source) if d.code == "X008"]
    assert "`décidé par le vote v`" in diag.hint


def test_body_quorum_larger_than_its_deliberative_members() -> None:
    found = check_codes('instance copil "comité" article 4 : voix délibérative a et b quorum 3.\n')
    assert only(found) == ["B006"] and "body `copil` (article 4)" in found[0][1]


def test_vote_in_a_body_counts_its_deliberative_members() -> None:
    body = 'instance copil "comité" article 4 : présidée par a voix délibérative a et b.\n'
    found = check_codes(body + "vote v article 4 : bulletins x décision y au sein de copil "
                               "à la majorité des membres.\n")
    assert only(found) == ["B002"]
    assert "(the default rule" not in found[0][1]


def test_voter_that_is_not_a_party_when_checks_run_on_an_unresolved_model() -> None:
    """N001 stops `lint` first; run directly, B001 and B004 still say why the vote is wrong."""
    found = check_codes("vote v article 4 : bulletins x décision y votants a et z à l'unanimité.\n", strict=False)
    assert sorted(only(found)) == ["B001", "B004"]


def test_checks_never_fail_on_a_convention_without_a_term() -> None:
    assert check_codes("pouvoir p article 7 : chaque partie peut x au moins 3 mois avant la reconduction.\n",
                       strict=False) == []


def test_fixtures_directory_holds_only_known_codes() -> None:
    for path in FIXTURES.glob("[TXB]*.clauses"):
        code = path.name.split("-")[0]
        assert code in CODES, f"{path.name}: no check {code}"
    assert ROOT.is_dir()
