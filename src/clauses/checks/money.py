"""M — money: financial keys and price-revision formulas, in exact decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .. import model as m
from ..codes import Severity
from ..diagnostics import Diagnostic
from . import CheckContext, check, where

HUNDRED = Decimal(100)


@check("M001", "key-not-100", Severity.ERROR,
       "the shares of a financial key do not add up to 100 % for a period",
       """
A financial key splits a cost between the members; shares that add up to 99.9 %
leave part of the cost unpaid, 100.1 % charges it twice. The sum is computed in
exact decimals, never floats (0.1 + 0.2 is not 0.3 in binary floating point).
""",
       bad='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 49,9 %.',
       good='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 50 %.')
def key_not_100(ctx: CheckContext) -> Iterator[Diagnostic]:
    for clause in ctx.convention.clauses:
        if not isinstance(clause, m.FinancialKey):
            continue
        for period in clause.periods:
            total = sum((s.percent for s in period.shares), Decimal(0))
            if total != HUNDRED:
                yield Diagnostic.of("M001", f"{where(clause)}: the shares for {period.start.isoformat()} – "
                                            f"{period.end.isoformat()} add up to {total} %, not 100 %",
                                    period.span or clause.span)
