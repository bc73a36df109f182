"""What a payment or a repayment must amount to (a duty's ``montant …``), in exact decimals.

The act's ``montant`` (or ``amount``) column must be at least the duty's amount, computed
on the day of the act: named amounts and parameters as lint computes them, and attributes
of logged events (``rapport.dépenses``: the act's own when it is a ``rapport``, else the
``rapport`` its ``ref`` names, else the latest on or before the act), rounded to the cent half up. A pro-rata repayment
is written as the expression it is: ``montant subvention × (1 - rapport.dépenses / budget)``.
A duty ``payable en plusieurs versements`` is met once its acts add up to the amount
(:class:`Tally`); the finding says what was due and what was paid.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clauses.amounts import cents, names, value_of
from clauses.evaluation.conditions import Evaluator, number
from clauses.evaluation.context import Context
from clauses.events import Event
from clauses.i18n import tr
from clauses.language import model as m

AMOUNT_FIELDS = ("montant", "amount", "somme")


def shown(value: Decimal) -> str:
    """An amount as the reports write it (``1 250,50 €``)."""
    return str(m.Amount(value=cents(value)))


def required(ctx: Context, duty: m.Duty, day: dt.date, event: Event | None = None) -> Decimal | None:
    """The duty's amount on ``day`` (attributes read as of the act), to the cent; None when unknown."""
    return computed(ctx, duty, day, event)[0]


def revision_day(ctx: Context, day: dt.date, event: Event | None) -> dt.date:
    """The day a revised amount is taken on: the period the act pays for (its ``period``), else ``day``."""
    claimed = ctx.period_date(event) if event is not None else None
    return claimed if claimed is not None else day


def computed(ctx: Context, duty: m.Duty, day: dt.date, event: Event | None = None) -> tuple[Decimal | None, list[str], str]:
    """The duty's amount to the cent, the derivation of the revisions it reads, and why it is unknown."""
    reader = Evaluator(ctx, day, event)

    named = ctx.by_id.get(event.ref) if event is not None and event.ref else None

    def attr(name: str):
        head, _, field = name.partition(".")
        # the act's own; else the event it names (`ref`: the registration it pays for); else the latest
        source = named if named is not None and named.event == head and event.event != head else reader._event_for(head)
        return number(source.attrs.get(field)) if source is not None else None

    trace: list[str] = []
    value, why = value_of(ctx.convention, duty.amount, attr, on=revision_day(ctx, day, event), trace=trace)
    return (cents(value) if value is not None else None), trace, why


def derivation(ctx: Context, duty: m.Duty, day: dt.date, event: Event | None = None) -> list[str]:
    """``--explain`` lines for a duty whose amount reads a revised amount: each revision's computation,
    or why the amount due cannot be computed (then no act is judged on its amount). [] otherwise."""
    if duty.amount is None or not reads_revision(ctx.convention, duty.amount):
        return []
    value, trace, why = computed(ctx, duty, day, event)
    if value is None:
        return trace + [tr("amount due not computed, acts not judged on their amount: {why}", why=why)]
    return trace + [tr("amount due: {expr} = {value}", expr=str(duty.amount), value=shown(value))]


def reads_revision(conv: m.Convention, expr: m.Expr, seen: tuple[str, ...] = ()) -> bool:
    """Whether an expression reads an amount revised each year (directly or through other amounts)."""
    for ref in names(expr):
        clause = conv.clause(str(ref.name))
        if isinstance(clause, m.AmountClause) and str(ref.name) not in seen and (
                clause.revision is not None or reads_revision(conv, clause.expression, seen + (str(ref.name),))):
            return True
    return False


def paid(event: Event) -> Decimal | None:
    """What the act pays (its ``montant`` column), None when it states nothing."""
    return next((number(event.attrs[f]) for f in AMOUNT_FIELDS if f in event.attrs), None)


def amount_problem(ctx: Context, duty: m.Duty, event: Event) -> str | None:
    """Why the act pays less than the duty requires (None when it pays enough or cannot be told)."""
    due = required(ctx, duty, event.date, event)
    if due is None:
        return None   # cannot be computed from the log: the act is not rejected on a guess
    given = paid(event)
    if given is None:
        return None
    if given < due:
        return tr("pays {paid}, less than the {required} due ({expr})", paid=shown(given),
                  required=shown(due), expr=str(duty.amount))
    return None


class Tally:
    """The instalments of one instance: acts add up until they reach the amount due."""

    def __init__(self, ctx: Context, duty: m.Duty) -> None:
        self.ctx, self.duty = ctx, duty
        self.due: Decimal | None = None
        self.total = Decimal(0)
        self.count = 0
        self.payments: list[tuple[dt.date, Decimal]] = []

    def add(self, event: Event) -> tuple[bool, str]:
        """Count one act; (the amount is reached, a note for the act)."""
        due = required(self.ctx, self.duty, event.date, event)
        self.due = due if due is not None else self.due
        given = paid(event)
        if given is None or self.due is None:
            return True, ""   # nothing to add up: the act is judged as a single payment
        self.total += given
        self.count += 1
        self.payments.append((event.date, given))
        if self.total >= self.due:
            return True, tr("instalment of {paid}: {total} paid of the {due} due", paid=shown(given),
                            total=shown(self.total), due=shown(self.due))
        return False, tr("instalment of {paid}: {total} paid of the {due} due, {rest} still to pay",
                         paid=shown(given), total=shown(self.total), due=shown(self.due),
                         rest=shown(self.due - self.total))

    def short(self) -> str:
        """Why the instance is not met although instalments were paid ('' when none was)."""
        if not self.count or self.due is None:
            return ""
        return still_to_pay(self.due, self.total)


def still_to_pay(due: Decimal, total: Decimal) -> str:
    return tr("{total} paid of the {due} due ({rest} still to pay)", total=shown(total), due=shown(due),
              rest=shown(due - total))


def open_note(extra: dict) -> str:
    """'' or what a finding's instalments paid (from its ``extra``): for messages rewritten later."""
    if "amount_paid" not in extra or "amount_due" not in extra:
        return ""
    return still_to_pay(Decimal(extra["amount_due"]), Decimal(extra["amount_paid"]))


def amounts_extra(due: Decimal | None, total: Decimal | None) -> dict:
    """The amounts of a finding, for JSON (strings: exact decimals)."""
    out = {}
    if due is not None:
        out["amount_due"] = f"{due:f}"
    if total is not None:
        out["amount_paid"] = f"{total:f}"
    return out
