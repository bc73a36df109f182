"""What a payment or a repayment must amount to (a duty's ``montant …``), in exact decimals.

The act's ``montant`` (or ``amount``) column must be at least the duty's amount, computed
on the day of the act: named amounts and parameters as lint computes them, and attributes
of logged events (``rapport.dépenses``: the act's own when it is a ``rapport``, else the
latest ``rapport`` on or before the act), rounded to the cent half up. A pro-rata repayment
is written as the expression it is: ``montant subvention × (1 - rapport.dépenses / budget)``.
"""

from __future__ import annotations

from clauses.amounts import cents, value_of
from clauses.evaluation.conditions import Evaluator, number
from clauses.evaluation.context import Context
from clauses.events import Event
from clauses.i18n import tr
from clauses.language import model as m

AMOUNT_FIELDS = ("montant", "amount", "somme")


def amount_problem(ctx: Context, duty: m.Duty, event: Event) -> str | None:
    """Why the act pays less than the duty requires (None when it pays enough or cannot be told)."""
    reader = Evaluator(ctx, event.date, event)

    def attr(name: str):
        head, _, field = name.partition(".")
        source = reader._event_for(head)
        return number(source.attrs.get(field)) if source is not None else None

    required, why = value_of(ctx.convention, duty.amount, attr)
    if required is None:
        return None   # cannot be computed from the log: the act is not rejected on a guess
    required = cents(required)
    paid = next((number(event.attrs[f]) for f in AMOUNT_FIELDS if f in event.attrs), None)
    if paid is None:
        return None
    if paid < required:
        return tr("pays {paid}, less than the {required} due ({expr})", paid=str(m.Amount(value=paid)),
                  required=str(m.Amount(value=required)), expr=str(duty.amount))
    return None
