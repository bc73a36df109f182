"""Amounts revised each year by a published index or rate (``montant loyer : … révisé chaque année
selon l'indice icc.icc …``), in exact decimals: the value in force on a day and its derivation.

Revision dates are the anniversaries of the revision's first day (``à compter du …``, else the
term's start). By an index, the amount in force from the k-th revision is the amount × the
reference index of that revision / the base index — never chained from the previous year's
rounded amount; the reference index is the value last published on the revision date (or on the
first day of the month before it). By a rate, each revision multiplies the previous year's exact
amount by (1 + the rate of the series row holding the day before the revision / 100). No
rounding happens before the end: the amount is rounded to the cent, half up, where it is paid
(:func:`clauses.amounts.cents`), as the texts encoded fix no other rule.

"Last published on D" is read from the series' ``publié`` column: the latest row published on
or before D, provided that no later period which had ended by D is missing from the file or
lacks its publication date — then the value cannot be told and the reason is given (the quarter
is named, never guessed). Shared by the engine (what a payment must amount to) and the lint
checks (M022, M023).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext

from clauses import series as published
from clauses.files import Refused
from clauses.i18n import tr
from clauses.language import model as m


@dataclass(frozen=True)
class Revised:
    """The amount in force on a day: its value (None: cannot be computed), the derivation, why not."""

    value: Decimal | None
    lines: tuple[str, ...] = ()
    why: str = ""


def period(row: published.Row) -> str:
    """A row's period as messages name it (``2019-04-01 – 2019-06-30``)."""
    return f"{row.start.isoformat()} – {row.end.isoformat()}"


def _months(row: published.Row) -> int:
    after = row.end + dt.timedelta(days=1)
    return max(1, (after.year - row.start.year) * 12 + after.month - row.start.month)


def _plus_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)


def latest_published(data: published.Series, column: str, day: dt.date) -> tuple[published.Row | None, str]:
    """The row whose value was the last published on or before ``day``, or None and why."""
    rows = [r for r in data.rows if r.values.get(column) is not None]
    known = [r for r in rows if r.published is not None and r.published <= day]
    best = max(known, key=lambda r: r.start, default=None)
    after = best.end if best is not None else dt.date.min
    unsure = [r for r in rows if r.start > after and r.end < day and r.published is None]
    if unsure:
        return None, tr("the series does not say when the value of {period} was published: the value last "
                        "published on {day} cannot be told", period=period(unsure[0]), day=day)
    if best is None:
        return None, tr("no value of the series is known to be published on or before {day}", day=day)
    start = best.end + dt.timedelta(days=1)
    end = _plus_months(best.start, 2 * _months(best)) - dt.timedelta(days=1)
    following = next((r for r in rows if r.start == start), None)
    if following is None and end < day:
        return None, tr("the series lacks the value of {start} – {end}, the period after {period}: the value last "
                        "published on {day} cannot be told", start=start.isoformat(), end=end.isoformat(), period=period(best), day=day)
    return best, ""


def _anniversary(anchor: dt.date, years: int) -> dt.date:
    try:
        return anchor.replace(year=anchor.year + years)
    except ValueError:   # 29 February: the 28th in a common year
        return anchor.replace(year=anchor.year + years, day=28)


def first_day(conv: m.Convention, revision: m.Revision) -> dt.date | None:
    """The day the revisions count from: ``à compter du …``, else the term's start date."""
    if revision.start is not None:
        return revision.start
    anchor = conv.term.start if conv.term else None
    return anchor.date if isinstance(anchor, m.DateAnchor) else None


def revision_dates(conv: m.Convention, revision: m.Revision, until: dt.date) -> list[dt.date]:
    """The revision dates on or before ``until`` (the anniversaries of the first day)."""
    anchor = first_day(conv, revision)
    if anchor is None:
        return []
    found: list[dt.date] = []
    years = 1
    while (day := _anniversary(anchor, years)) <= until and years <= 400:
        found.append(day)
        years += 1
    return found


def reference_day(revision: m.Revision, day: dt.date) -> dt.date:
    """The day whose last published index a revision on ``day`` reads."""
    if revision.reference == "first_of_previous_month":
        return _plus_months(day.replace(day=1), -1)
    return day


def read_series(conv: m.Convention, revision: m.Revision) -> published.Series | None:
    decl = conv.series_decl(revision.series)
    if decl is None or decl.path is None:
        return None
    try:
        data = published.read(decl.path)
    except (Refused, OSError, UnicodeDecodeError):
        return None
    return data if revision.column in data.columns else None


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def base_index(conv: m.Convention, revision: m.Revision, data: published.Series) -> tuple[Decimal | None, str, str]:
    """The base index: (value, how it was found, why it is unknown)."""
    from clauses.amounts import value_of

    if revision.base_value is not None:
        value, why = value_of(conv, revision.base_value)
        if value is not None:
            return value, tr("the base index {value}", value=_number(value)), ""
        if revision.base_on is None:
            return None, "", why
    on = revision.base_on if revision.base_on is not None else first_day(conv, revision)
    if on is None:
        return None, "", tr("the revision has no first day: write `à compter du …`")
    row, why = latest_published(data, revision.column, on)
    if row is None:
        return None, "", tr("base index, the last published on {day}: {why}", day=on, why=why)
    return row.values[revision.column], tr("the base index, the last published on {day}: {value} ({period}, "
                                           "{source})", day=on, value=_number(row.values[revision.column]),
                                           period=period(row), source=row.source), ""


def revised(conv: m.Convention, name: str, revision: m.Revision, amount: Decimal, day: dt.date) -> Revised:
    """The amount ``name`` in force on ``day``: ``amount`` (its first value) as revised up to that day."""
    from clauses.evaluation.payments import shown

    dates = revision_dates(conv, revision, day)
    if not dates:
        return Revised(amount)
    data = read_series(conv, revision)
    if data is None:
        return Revised(None, (), tr("series {series} cannot be read", series=str(revision)))
    last = dates[-1]
    with localcontext() as exact:
        exact.prec = 28
        if revision.mode == "index":
            base, how, why = base_index(conv, revision, data)
            if base is None or base == 0:
                return Revised(None, (), why or tr("the base index is 0"))
            on = reference_day(revision, last)
            row, why = latest_published(data, revision.column, on)
            if row is None:
                return Revised(None, (), tr("{name} revised on {date}: the reference index, the last published on "
                                            "{day}: {why}", name=name, date=last, day=on, why=why))
            reference = row.values[revision.column]
            value = amount * reference / base
            return Revised(value, (
                tr("{name} revised on {date} = {amount} × {reference} / {base} = {value}", name=name, date=last,
                   amount=shown(amount), reference=_number(reference), base=_number(base), value=shown(value)),
                tr("  {reference}: {series}, the last published on {day} ({period}, published {published}, "
                   "{source}); {how}", reference=_number(reference), series=str(revision), day=on,
                   period=period(row), published=row.published, source=row.source, how=how)))
        value = amount
        lines: list[str] = []
        for date in dates:
            row = data.on(date - dt.timedelta(days=1))
            rate = row.values.get(revision.column) if row is not None else None
            if row is None or rate is None:
                return Revised(None, tuple(lines), tr("{name} revised on {date}: no rate of {series} for the period "
                                                      "holding {day}", name=name, date=date, series=str(revision),
                                                      day=date - dt.timedelta(days=1)))
            before, value = value, value * (1 + rate / 100)
            lines.append(tr("{name} revised on {date} = {before} × (1 + {rate} %) = {value} ({period}, {source})",
                            name=name, date=date, before=shown(before), rate=_number(rate), value=shown(value),
                            period=period(row), source=row.source))
        return Revised(value, tuple(lines))
