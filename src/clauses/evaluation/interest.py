"""Interest at a published rate on a payment made late or not made (``intérêts au taux de
taux_légal.autres_cas``), pro rata per day, in exact decimals.

Interest runs on the amount still unpaid from the day after the due date to the day of payment
(or to the as-of date while it is unpaid), each day at the rate of the series row that holds it,
divided by the number of days of its civil year (365, or 366 in a leap year): for each row the
period used, its days, its rate and the interest are listed in ``--explain``. Days no row of the
series covers (a half-year whose rate is not in the file yet) earn nothing and are named: the
interest is then a minimum, never a guess. The total is rounded to the cent, half up.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext

from clauses import series as published
from clauses.amounts import cents
from clauses.files import Refused
from clauses.i18n import tr, trn
from clauses.language import model as m


@dataclass(frozen=True)
class Accrual:
    start: dt.date
    end: dt.date
    days: int
    rate: Decimal | None      # None: the series has no value for these days
    amount: Decimal
    source: str = ""


@dataclass(frozen=True)
class Interest:
    capital: Decimal
    total: Decimal
    accruals: tuple[Accrual, ...]

    @property
    def missing(self) -> tuple[Accrual, ...]:
        return tuple(a for a in self.accruals if a.rate is None)

    def explain(self, rate: m.InterestRate) -> list[str]:
        from clauses.evaluation.payments import shown

        lines = [tr("interest at the rate of {rate}: {capital} × rate × days / days of the year, from {start} "
                    "to {end}", rate=str(rate), capital=shown(self.capital), start=self.accruals[0].start,
                    end=self.accruals[-1].end)]
        for a in self.accruals:
            if a.rate is None:
                lines.append(trn("  {start} – {end}: {days} day, no rate in the series: not counted",
                                 "  {start} – {end}: {days} days, no rate in the series: not counted", a.days,
                                 start=a.start, end=a.end, days=a.days))
            else:
                lines.append(trn("  {start} – {end}: {days} day at {rate} % ({source}): {amount}",
                                 "  {start} – {end}: {days} days at {rate} % ({source}): {amount}", a.days,
                                 start=a.start, end=a.end, days=a.days, rate=_percent(a.rate), source=a.source,
                                 amount=shown(cents(a.amount))))
        total = shown(self.total)
        lines.append(tr("interest owed: at least {total} (days without a rate not counted)", total=total)
                     if self.missing else tr("interest owed: {total}", total=total))
        return lines

    def to_json(self) -> dict:
        return {"capital": f"{self.capital:f}", "total": f"{self.total:f}", "complete": not self.missing,
                "periods": [{"from": a.start.isoformat(), "to": a.end.isoformat(), "days": a.days,
                             "rate": None if a.rate is None else f"{a.rate:f}", "interest": f"{cents(a.amount):f}",
                             "source": a.source} for a in self.accruals]}


def _percent(rate: Decimal) -> str:
    return f"{rate.normalize():f}".replace(".", ",")


def _year_days(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def accrue(data: published.Series, column: str, capital: Decimal, due: dt.date, until: dt.date) -> Interest | None:
    """Interest on ``capital`` for the days after ``due`` up to ``until`` inclusive (None: no day)."""
    if until <= due or capital <= 0:
        return None
    accruals: list[Accrual] = []
    day = due + dt.timedelta(days=1)
    with localcontext() as exact:
        exact.prec = 28
        while day <= until:
            row = data.on(day)
            year_end = dt.date(day.year, 12, 31)
            if row is None:
                nxt = min((r.start for r in data.rows if r.start > day), default=None)
                last = min(until, year_end, (nxt - dt.timedelta(days=1)) if nxt else until)
                rate = None
            else:
                last = min(until, year_end, row.end)
                rate = row.values.get(column)
            days = (last - day).days + 1
            amount = capital * rate / 100 * days / _year_days(day.year) if rate is not None else Decimal(0)
            accruals.append(Accrual(day, last, days, rate, amount, row.source if row else ""))
            day = last + dt.timedelta(days=1)
        total = cents(sum((a.amount for a in accruals), Decimal(0)))
    return Interest(capital, total, tuple(accruals))


def interest_on(convention: m.Convention, rate: m.InterestRate, capital: Decimal | None, due: dt.date | None,
                until: dt.date) -> Interest | None:
    """The interest a duty's late or missing payment owes (None when it cannot be computed)."""
    decl = convention.series_decl(rate.series)
    if capital is None or due is None or decl is None or decl.path is None:
        return None
    try:
        data = published.read(decl.path)
    except (Refused, OSError, UnicodeDecodeError):
        return None
    if rate.column not in data.columns:
        return None
    return accrue(data, rate.column, capital, due, until)


def late(ctx, duty: m.Duty, finding, paid_on: dt.date | None, tally=None, partial=()):
    """A breach of a duty with an amount: the amounts due and paid, and the interest its rate owes
    (on what is still unpaid, from the due date to each payment, else to the as-of date; ``partial``:
    acts that paid less than the amount, which do not meet the duty but reduce what bears interest)."""
    from dataclasses import replace

    from clauses.evaluation.payments import amounts_extra, paid, required

    if tally is None and partial:
        paid_parts = [(e.date, paid(e)) for e in partial if paid(e) is not None]
        if paid_parts:
            from clauses.evaluation.payments import Tally

            tally = Tally(ctx, duty)
            tally.due = required(ctx, duty, finding.due)
            tally.payments = paid_parts
            tally.total = sum((a for _, a in paid_parts), Decimal(0))
            tally.count = len(paid_parts)

    if duty.amount is None or finding.due is None:
        return finding
    due_amount = tally.due if tally is not None and tally.due is not None else required(ctx, duty, finding.due)
    extra = dict(finding.extra)
    extra.update(amounts_extra(due_amount, tally.total if tally is not None and tally.count else None))
    explanation = list(finding.explanation)
    if duty.interest is not None and due_amount is not None:
        payments = [(d, a) for d, a in (tally.payments if tally is not None else ()) if d > finding.due]
        outstanding = due_amount - sum((a for d, a in (tally.payments if tally is not None else ())
                                        if d <= finding.due), Decimal(0))
        if tally is None and paid_on is not None:
            payments = [(paid_on, outstanding)]
        owed = _piecewise(ctx.convention, duty.interest, outstanding, finding.due, payments,
                          paid_on if paid_on is not None else ctx.as_of)
        if owed is not None:
            explanation += owed.explain(duty.interest)
            extra["interest"] = owed.to_json()
            message = (tr("{message}; interest at the rate of {rate}: at least {total}", message=finding.message,
                          rate=str(duty.interest), total=_shown(owed.total)) if owed.missing else
                       tr("{message}; interest at the rate of {rate}: {total}", message=finding.message,
                          rate=str(duty.interest), total=_shown(owed.total)))
            return replace(finding, message=message, extra=extra, explanation=tuple(explanation))
    return replace(finding, extra=extra, explanation=tuple(explanation))


def _shown(value: Decimal) -> str:
    from clauses.evaluation.payments import shown

    return shown(value)


def _piecewise(convention: m.Convention, rate: m.InterestRate, capital: Decimal, due: dt.date,
               payments: list[tuple[dt.date, Decimal]], until: dt.date) -> Interest | None:
    """Interest on a capital that each payment after the due date reduces."""
    pieces: list[Interest] = []
    start = due
    for day, amount in sorted(payments) + [(until, Decimal(0))]:
        end = min(day, until)
        if end > start and capital > 0:
            piece = interest_on(convention, rate, capital, start, end)
            if piece is None and convention.series_decl(rate.series) is not None:
                return None
            if piece is not None:
                pieces.append(piece)
        capital -= amount
        start = max(start, end)
    if not pieces:
        return None
    accruals = tuple(a for p in pieces for a in p.accruals)
    return Interest(pieces[0].capital, cents(sum((a.amount for a in accruals), Decimal(0))), accruals)


def open_amounts(finding, tally):
    """A duty still open whose instalments were begun: what is paid and what is left, in the message."""
    from dataclasses import replace

    from clauses.evaluation.payments import amounts_extra

    if tally is None or not tally.short():
        return finding
    return replace(finding, message=tr("{message}: {short}", message=finding.message, short=tally.short()),
                   extra={**finding.extra, **amounts_extra(tally.due, tally.total)})
