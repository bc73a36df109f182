"""Money (issue 10 item 10): published series, interest at a published rate, instalments.

Amounts and dates are worked out by hand in each test's comment; the rates are those of
``series/taux_interet_legal.csv`` (each row cites its arrêté) or of a series written here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from clauses import series as published
from clauses.evaluation.interest import accrue
from clauses.findings import Status
from clauses.language.load import load_source
from clauses.language.source import SourceText
from langa_helpers import D, convention, findings, of

ROOT = Path(__file__).resolve().parents[1]
LEGAL = ROOT / "series" / "taux_interet_legal.csv"

HEAD = ('langue fr.\nconvention "Loyer" signée à "Lyon" le 2025-12-15.\n'
        'partie propriétaire "Propriétaire".\npartie utilisateur "Utilisateur".\n'
        'événement paiement_loyer "paiement du loyer".\n')


def _rent(series_file: str, tmp_path: Path, extra: str = "") -> str:
    text = (HEAD + f'série taux "Taux de l\'intérêt légal" fichier "{series_file}".\n'
            'durée article 1 : du 2026-01-01 au 2034-12-31.\n'
            'obligation loyer article 11 :\n  utilisateur doit paiement_loyer envers propriétaire\n'
            '  au plus tard 2026-03-31\n  montant 12 000 €\n  intérêts au taux de taux.autres_cas' + extra + '.\n')
    path = tmp_path / "rules" / "loyer.clauses"
    path.parent.mkdir(exist_ok=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    path.write_text(text, encoding="utf-8")
    return str(path)


def _load(path: str):
    return load_source(SourceText(path, Path(path).read_text(encoding="utf-8")), Path(path))


def test_the_repository_series_cites_a_source_on_every_row() -> None:
    data = published.read(LEGAL)
    assert data.problems == ()
    assert data.columns == ("particuliers", "autres_cas")
    assert all(r.source for r in data.rows)
    # arrêté du 15 décembre 2025: first half of 2026, 6,67 % and 2,62 %
    row = data.on(dt.date(2026, 3, 31))
    assert (row.start, row.end) == (D("2026-01-01"), D("2026-06-30"))
    assert row.values == {"particuliers": Decimal("6.67"), "autres_cas": Decimal("2.62")}
    assert data.on(dt.date(2026, 7, 1)) is None   # the second half of 2026 is not in the file: not invented


def test_interest_per_day_across_two_rates_and_a_leap_year() -> None:
    data = published.parse("du,au,taux,source\n2023-07-01,2023-12-31,\"4,22\",a\n2024-01-01,2024-06-30,\"5,07\",b\n")
    # 10 000 € due on 2023-12-21, paid on 2024-01-10: 10 days of 2023 at 4,22 % / 365 and 10 days of 2024
    # at 5,07 % / 366: 10 000 × 0,0422 × 10 / 365 = 11,5616… ; 10 000 × 0,0507 × 10 / 366 = 13,8524… ;
    # total 25,4141… -> 25,41 €
    owed = accrue(data, "taux", Decimal(10000), D("2023-12-21"), D("2024-01-10"))
    assert [(a.start, a.end, a.days, a.rate) for a in owed.accruals] == [
        (D("2023-12-22"), D("2023-12-31"), 10, Decimal("4.22")), (D("2024-01-01"), D("2024-01-10"), 10, Decimal("5.07"))]
    assert owed.total == Decimal("25.41")


def test_days_without_a_rate_are_named_and_not_counted() -> None:
    data = published.parse("du,au,taux,source\n2026-01-01,2026-06-30,\"2,62\",arrêté\n")
    # 12 000 € due on 2026-06-25, as of 2026-07-05: 5 days at 2,62 % (12 000 × 0,0262 × 5 / 365 = 4,3068… -> 4,31 €)
    # and 5 days of July without a rate
    owed = accrue(data, "taux", Decimal(12000), D("2026-06-25"), D("2026-07-05"))
    assert owed.total == Decimal("4.31")
    assert [(a.start, a.days) for a in owed.missing] == [(D("2026-07-01"), 5)]
    assert "at least" in owed.explain(type("R", (), {"__str__": lambda s: "taux.x"})())[-1]


def test_a_late_rent_owes_interest_shown_in_explain(tmp_path: Path) -> None:
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "taux.csv").write_text(LEGAL.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = _load(_rent("../series/taux.csv", tmp_path))
    assert loaded.ok, [str(d) for d in loaded.diagnostics]
    # due 2026-03-31, paid 2026-04-10: 12 000 € × 2,62 % × 10 / 365 = 8,6137 -> 8,61 €
    found = findings(loaded.convention, tmp_path, "2026-04-10,paiement_loyer,utilisateur,propriétaire,,,,,12000,,\n",
                     "2026-05-01")
    [late] = of(found, "loyer")
    assert late.status is Status.BREACH
    assert late.message.endswith("interest at the rate of taux.autres_cas: 8,61 €")
    assert late.extra["interest"]["periods"][0]["days"] == 10
    assert any("10 days at 2,62 %" in line for line in late.explanation)


def test_series_files_are_checked_when_loading(tmp_path: Path) -> None:
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "bad.csv").write_text("du,au,autres_cas,source\n2026-01-01,2026-06-30,\"2,62\",\n"
                                                 "2026-02-30,2026-06-30,1,x\n", encoding="utf-8")
    codes = [d.code for d in _load(_rent("../series/bad.csv", tmp_path)).diagnostics]
    assert codes.count("V040") == 2                      # a row without a source; a date that does not exist
    assert "F005" in [d.code for d in _load(_rent("../series/none.csv", tmp_path)).diagnostics]
    assert "F004" in [d.code for d in _load(_rent("../../outside.csv", tmp_path)).diagnostics]


def test_unknown_series_or_column_is_n011(tmp_path: Path) -> None:
    (tmp_path / "series").mkdir()
    (tmp_path / "series" / "taux.csv").write_text(LEGAL.read_text(encoding="utf-8"), encoding="utf-8")
    path = _rent("../series/taux.csv", tmp_path)
    Path(path).write_text(Path(path).read_text().replace("taux.autres_cas", "taux.autre_cas"), encoding="utf-8")
    [diag] = [d for d in _load(path).diagnostics if d.code == "N011"]
    assert "no column `autre_cas`" in diag.message and "autres_cas" in (diag.hint or "")


INSTALMENTS = (HEAD + 'événement adhésion "inscription".\n'
               'durée article 1 : du 2026-01-01 au 2026-12-31.\n'
               'obligation cotiser article 29 :\n  utilisateur doit paiement_loyer envers propriétaire\n'
               '  dès adhésion\n  montant adhésion.cotisation\n  payable en plusieurs versements.\n')
LOG = "date,event,by,to,id,ref,montant,cotisation\n"


def test_instalments_add_up_to_the_amount(tmp_path: Path) -> None:
    conv = convention(INSTALMENTS)
    # 90,00 € due from the registration of 2026-02-01; 30,00 € + 30,00 € + 30,00 € complete it on 2026-04-01
    rows = ("2026-02-01,adhésion,utilisateur,,A,,,\"90,00\"\n"
            "2026-02-01,paiement_loyer,utilisateur,propriétaire,,A,30,\n"
            "2026-03-01,paiement_loyer,utilisateur,propriétaire,,A,30,\n"
            "2026-04-01,paiement_loyer,utilisateur,propriétaire,,A,30,\n")
    [done] = of(findings(conv, tmp_path, rows, "2026-06-30", LOG), "cotiser")
    assert done.status is Status.FULFILLED and "2026-04-01" in done.message
    # two instalments only: 60,00 € paid, 30,00 € left
    [open_] = of(findings(conv, tmp_path, "".join(rows.splitlines(True)[:3]), "2026-06-30", LOG), "cotiser")
    assert open_.status is Status.PENDING
    assert "60,00 € paid of the 90,00 € due (30,00 € still to pay)" in open_.message
    assert (open_.extra["amount_due"], open_.extra["amount_paid"]) == ("90.00", "60")


def test_the_amount_of_the_event_a_payment_names(tmp_path: Path) -> None:
    conv = convention(INSTALMENTS.replace("  payable en plusieurs versements.\n", "  .\n").replace("cotisation\n  .", "cotisation."))
    # two registrations (80,00 € and 40,00 €); the payment of 40,00 € names the second (`ref` B): it pays it,
    # although the latest registration before it is the first one's card at 80,00 €
    rows = ("2026-02-01,adhésion,utilisateur,,B,,,\"40,00\"\n"
            "2026-02-02,adhésion,utilisateur,,A,,,\"80,00\"\n"
            "2026-02-03,paiement_loyer,utilisateur,propriétaire,,B,40,\n")
    found = of(findings(conv, tmp_path, rows, "2026-03-01", LOG), "cotiser", status=Status.FULFILLED)
    assert len(found) == 1


def test_lint_interest_without_amount() -> None:
    from clauses.lint.pipeline import lint_file

    result = lint_file(ROOT / "tests" / "fixtures" / "checks" / "M020-bad.clauses")
    assert [d.code for d in result.diagnostics if d.code.startswith("M02")] == ["M020"]
