"""Amounts (issue 10 item 10): money in exact decimals, caps and totals checked by lint,
percentages of a budget, pro-rata repayment checked by the engine."""

from __future__ import annotations

from decimal import Decimal

import pytest

from clauses.amounts import value_of
from clauses.findings import Status
from clauses.lint.pipeline import lint_loaded
from clauses.language.load import load_source
from clauses.language.source import SourceText
from langa_helpers import convention, findings, of

HEAD = '''langue fr.
convention "Cofinancement" signée à "Nantes" le 2024-01-10.
partie région "Région".
partie porteur "Porteur".
événement titre "titre de reversement".
événement reversement "reversement".
événement rapport "rapport final".
paramètre heures nombre "Heures d'accompagnement" par défaut 120.
durée article 1 : 2 ans à compter du 2024-01-10 sans renouvellement.
montant budget article 3 : 150 000 €.
'''


def lint_codes(text: str) -> list[tuple[str, int]]:
    result = lint_loaded(load_source(SourceText("t.clauses", text)))
    return [(d.code, d.span.line) for d in result.diagnostics if d.code.startswith("M")]


@pytest.mark.parametrize("text, value", [
    ("1 250,50 €", Decimal("1250.50")), ("1250.5 EUR", Decimal("1250.5")), ("300 euros", Decimal("300")),
    ("1\u202f000\u00a0000 €", Decimal("1000000")),
])
def test_amounts_are_exact_decimals(text: str, value: Decimal) -> None:
    conv = convention(HEAD + f"montant x article 3 : {text}.\n")
    assert value_of(conv, conv.clause("x").expression)[0] == value


def test_units_times_a_unit_price_against_a_cap() -> None:
    # {heures} defaults to 120: 120 × 35 € + 2 × 1 500,50 € = 4 200 + 3 001 = 7 201 € > 5 000 €
    text = HEAD + "montant prestations article 5 : {heures} × 35 € + 2 × 1 500,50 € au maximum 5 000 €.\n"
    assert lint_codes(text) == [("M010", 11)]
    assert lint_codes(text.replace("au maximum 5 000 €", "au maximum 7 201 €")) == []


def test_a_percentage_of_a_budget_and_a_floor() -> None:
    # 80 % of 150 000 € = 120 000 €
    assert lint_codes(HEAD + "montant subvention article 4 : 130 000 € au maximum 80 % de budget.\n") == [("M010", 11)]
    assert lint_codes(HEAD + "montant subvention article 4 : 120 000 € au maximum 80 % de budget.\n") == []
    assert lint_codes(HEAD + "montant subvention article 4 : 10 000 € au moins 10 % de budget.\n") == [("M010", 11)]


def test_a_total_of_named_amounts() -> None:
    text = HEAD + ("montant part_région article 4 : 60 000 €.\nmontant part_état article 4 : 70 000 €.\n"
                   "montant total article 4 : part_région + part_état au maximum budget.\n")
    assert lint_codes(text) == []
    assert lint_codes(text.replace("70 000 €", "95 000 €")) == [("M010", 13)]


def test_an_unknown_name_is_reported() -> None:
    assert lint_codes(HEAD + "montant subvention article 4 : 120 000 € au maximum 80 % de budjet.\n") == [("M011", 11)]


PRORATA = HEAD + '''montant subvention article 4 : 100 000 €.
obligation reverser article 9 :
  porteur doit reversement dans un délai de 30 jours à compter de titre
  montant subvention × (1 - rapport.dépenses / budget).
'''


def test_pro_rata_repayment(tmp_path) -> None:
    found = findings(convention(PRORATA), tmp_path, """\
2024-11-30,rapport,porteur,région,90000,
2024-12-02,titre,région,porteur,,
2024-12-10,reversement,porteur,région,,30000
2024-12-12,titre,région,porteur,,
2024-12-20,reversement,porteur,région,,40000
""", "2025-02-01", header="date,event,by,to,dépenses,montant\n")
    # due: 100 000 € × (1 - 90 000 / 150 000) = 40 000 €; 30 000 € is not enough
    # titre of 2024-12-02 + 30 days = 2025-01-01 (holiday) -> Thursday 2025-01-02: paid 40 000 € on 2024-12-20
    first = of(found, "reverser", due="2025-01-02")[0]
    assert first.status is Status.FULFILLED
    assert any("less than the 40 000,00 € due" in n.reason for n in first.events if not n.counted)
    # titre of 2024-12-12 + 30 days = Saturday 2025-01-11 -> Monday 2025-01-13: nothing left for it
    assert of(found, "reverser", due="2025-01-13")[0].status is Status.BREACH
