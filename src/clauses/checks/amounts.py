"""M — amounts: named amounts against their caps and floors, in exact decimals (langA)."""

from __future__ import annotations

from typing import Iterator

from clauses.amounts import bound_value, names, parameter_value, value_of
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m


@check("M010", "amount-over-cap", Severity.ERROR,
       "an amount exceeds its cap, or falls below its floor",
       """
A convention caps what it commits: a subsidy at 80 % of the budget, a fee at a ceiling, a
number of hours times an hourly price under the amount voted. When the amount written
elsewhere in the text (or an instance's parameter) goes past the cap, the convention
promises more than its authority allows; the sum is computed in exact decimals, with the
instance's parameter values, else their defaults.
""",
       bad='montant budget article 3 : 150 000 €.\n'
           'montant subvention article 4 : 130 000 € au maximum 80 % de budget.',
       good='montant budget article 3 : 150 000 €.\n'
            'montant subvention article 4 : 120 000 € au maximum 80 % de budget.')
def amount_over_cap(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    for clause in clauses_of(ctx, m.AmountClause):
        value, _ = value_of(conv, clause.expression)
        if value is None:
            continue
        for bounds, over in ((clause.maximum, True), (clause.minimum, False)):
            for bound in bounds:
                limit, _ = bound_value(conv, bound)
                if limit is None or (value <= limit if over else value >= limit):
                    continue
                shown, cap = m.Amount(value=value), m.Amount(value=limit.normalize())
                message = (tr("{where}: {value} exceeds its cap {bound} = {limit}", where=where(clause),
                              value=str(shown), bound=str(bound), limit=str(cap)) if over else
                           tr("{where}: {value} is below its floor {bound} = {limit}", where=where(clause),
                              value=str(shown), bound=str(bound), limit=str(cap)))
                yield Diagnostic.of("M010", message, bound.span or clause.span)


@check("M011", "amount-unknown-name", Severity.ERROR,
       "an amount reads a name that is neither an amount nor a parameter",
       """
An amount computed from `budget` needs `budget` stated as an amount (`montant budget … :`) or
declared as a parameter; otherwise nothing can be checked against it and the check passes
silently.
""",
       bad='montant subvention article 4 : 120 000 € au maximum 80 % de budjet.',
       good='montant budget article 3 : 150 000 €.\nmontant subvention article 4 : 120 000 € au maximum 80 % de budget.')
def amount_unknown_name(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    known = {c.id for c in clauses_of(ctx, m.AmountClause)} | {p.id for p in conv.parameters}
    for clause in conv.clauses:
        exprs: list[m.Expr] = []
        if isinstance(clause, m.AmountClause):
            exprs = [clause.expression] + [b.expression for b in clause.maximum + clause.minimum]
        elif isinstance(clause, m.Duty) and clause.amount is not None:
            exprs = [clause.amount]
        for expr in exprs:
            for ref in names(expr):
                if ref.name not in known and parameter_value(conv, str(ref.name)) is None:
                    yield Diagnostic.of("M011", tr("{where}: unknown amount `{name}`", where=where(clause),
                                                   name=str(ref.name)), ref.span or clause.span)
