"""A recurring duty's partial periods (008 titre 2 art. 4: « chaque année » in a one-season convention):
the stub rule, or `périodes incomplètes dues en entier` / `au prorata`. Days counted by hand."""

from __future__ import annotations

from pathlib import Path

from clauses.evaluation.duties import stub_share
from clauses.findings import Status
from langa_helpers import convention, diagnostics, findings, of

HEAD = ('langue fr.\nconvention "Mise à disposition" signée à "Chartrettes" le 2025-09-01.\n'
        'partie ville "Ville".\npartie occupant "Occupant".\n'
        'événement attestation_assurance "remise de l\'attestation d\'assurance".\n'
        'durée article 1 : du 2025-09-08 au 2026-07-10 sans renouvellement.\n')


def _duty(periods: str, partial: str) -> str:
    return (HEAD + 'obligation attestation article 4 :\n  occupant doit attestation_assurance envers ville\n'
            f'  au moins 1 fois par an\n  {periods}\n  {partial}.\n')


def test_the_share_of_a_partial_period() -> None:
    # 306 days of a 365-day year: 1 × 306 / 365 = 0,84; the stub rule owes nothing (306 < 365 / 1)
    assert stub_share(1, 306, 365) == 0
    assert stub_share(1, 306, 365, "in_full") == 1
    assert stub_share(1, 306, 365, "pro_rata") == 1          # 0,84 -> 1
    assert stub_share(1, 100, 365, "pro_rata") == 0          # 0,27 -> 0
    assert stub_share(1, 100, 365, "in_full") == 1
    assert stub_share(4, 115, 365, "pro_rata") == 1          # 4 × 115 / 365 = 1,26 -> 1
    assert stub_share(4, 115, 365, "in_full") == 4
    assert stub_share(4, 365, 365, "pro_rata") == 4          # a whole period is never cut


def test_a_one_season_convention_owes_its_yearly_act(tmp_path: Path) -> None:
    conv = convention(_duty("périodes à compter du début", "périodes incomplètes dues en entier"))
    # one period, 2025-09-08 – 2026-07-10 (cut by the end: 306 days), owed in full: 1 by 2026-07-10
    [none] = of(findings(conv, tmp_path, "", "2026-07-31"), "attestation")
    assert (none.status, none.due.isoformat()) == (Status.BREACH, "2026-07-10")
    assert any("owed in full, 1 required" in line for line in none.explanation)
    rows = "2025-09-08,attestation_assurance,occupant,ville,,,,,,,\n"
    [done] = of(findings(conv, tmp_path, rows, "2026-07-31"), "attestation")
    assert done.status is Status.FULFILLED
    # without the item, the stub rule owes nothing in the season
    [stub] = of(findings(convention(_duty("périodes à compter du début", "lecture \"x\" car \"y\"")), tmp_path, "",
                         "2026-07-31"), "attestation")
    assert stub.status is Status.DISCHARGED


def test_calendar_years_pro_rata(tmp_path: Path) -> None:
    conv = convention(_duty("périodes civiles", "périodes incomplètes au prorata"))
    found = of(findings(conv, tmp_path, "", "2026-07-31"), "attestation")
    # 2025-09-08 – 2025-12-31: 115 days, 1 × 115 / 365 = 0,32 -> 0; 2026-01-01 – 2026-07-10: 191 days, 0,52 -> 1
    by_due = {f.due.isoformat(): f for f in found}
    assert by_due["2025-12-31"].status is Status.DISCHARGED
    assert by_due["2026-07-10"].status is Status.BREACH
    assert any("pro rata, 1 × 191 / 365 = 0.52" in line for line in by_due["2026-07-10"].explanation)
    # owed in full: one in each calendar year begun
    found = of(findings(convention(_duty("périodes civiles", "périodes incomplètes dues en entier")), tmp_path,
                        "2025-10-01,attestation_assurance,occupant,ville,,,,,,,\n", "2026-07-31"), "attestation")
    assert sorted((f.due.isoformat(), f.status.value) for f in found) == [("2025-12-31", "fulfilled"),
                                                                         ("2026-07-10", "breach")]


def test_english_and_a_duty_that_is_not_recurring() -> None:
    fr = convention(_duty("périodes civiles", "périodes incomplètes au prorata"))
    en = convention('language en.\nconvention "Mise à disposition" signed at "Chartrettes" on 2025-09-01.\n'
                    'party ville "Ville".\nparty occupant "Occupant".\n'
                    'event attestation_assurance "remise de l\'attestation d\'assurance".\n'
                    'term article 1: from 2025-09-08 to 2026-07-10 no renewal.\n'
                    'duty attestation article 4:\n  occupant must attestation_assurance towards ville\n'
                    '  at least 1 times per year\n  calendar periods\n  partial periods pro rata.\n')
    assert fr.clause("attestation").partial_periods == en.clause("attestation").partial_periods == "pro_rata"
    codes = [d.code for d in diagnostics(HEAD + 'obligation a article 4 : occupant doit attestation_assurance '
                                                'au plus tard 2025-10-01 périodes incomplètes dues en entier.\n')]
    assert "V012" in codes


def test_lint_does_not_warn_of_a_period_longer_than_the_convention_once_the_text_says_what_it_owes() -> None:
    from clauses.checks import run_checks

    # a yearly duty in a 306-day convention: T004 under the stub rule, not when partial periods are owed in full
    stub = convention(_duty("périodes à compter du début", "lecture \"x\" car \"y\""))
    full = convention(_duty("périodes à compter du début", "périodes incomplètes dues en entier"))
    assert [d.code for d in run_checks(stub, None, None) if d.code == "T004"] == ["T004"]
    assert [d.code for d in run_checks(full, None, None) if d.code == "T004"] == []
