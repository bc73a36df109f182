"""The scheduled term of a convention, from its clauses alone (no events).

When the first period ends and on which dates it would be renewed, up to its
maximum: what the evaluation starts from (before renewal decisions,
terminations and departures recorded in a log change it) and what the time
and exit checks of ``clauses lint`` reason about. One computation for both, so
that the linter never warns about a schedule the checker does not follow.
Terms and renewals run from date to date (CPC art. 641 for months and years),
never extended to a working day.
"""

from __future__ import annotations

import datetime as dt

from clauses.language import model as m
from clauses.timelimits import Calendar, MonthRule, forward_date, inclusive_end

MAX_RENEWALS = 400      # renewal dates listed when no end date bounds them (lint); the evaluation lists all
LAST_YEAR = 2999        # no renewal is scheduled past this year (the evaluation's as-of dates stop there)


def later(d: dt.date, duration: m.Duration, calendar: Calendar, rule: MonthRule | None = None) -> dt.date:
    """``d`` plus a duration (months first, then days), never extended: how terms are counted."""
    for part in (duration, duration.plus):
        if part is not None:
            d = forward_date(d, part.amount, part.unit, calendar=calendar, month_rule=rule or MonthRule.LAST_DAY)
    return d


def first_end(term: m.Term | None, start: dt.date | None, calendar: Calendar) -> dt.date | None:
    """The end of the first period: the stated end date, else the start plus the duration."""
    if term is None or start is None:
        return None
    if term.end_date:
        return term.end_date
    if term.last_day:   # `du … au …`: the last day is in force
        return inclusive_end(term.last_day, "the last day stated", calendar.region).date
    if term.duration:
        return later(start, term.duration, calendar)
    return None


def renewal_dates(term: m.Term, start: dt.date, end: dt.date, calendar: Calendar, *,
                  until: dt.date | None = None, limit: int | None = None) -> tuple[list[dt.date], dt.date | None]:
    """Every scheduled renewal date from the first end, and the latest possible end.

    The latest end is the maximum duration when the term states one, else None (renewed
    without limit); dates are listed up to the first one after ``until`` — all of them, however
    many (the evaluation needs every renewal a duty counts back from) — or, without ``until``, the
    first ``limit`` of them (MAX_RENEWALS by default: what the lint checks reason about).
    Nothing is scheduled past the year 2999 (:data:`LAST_YEAR`)."""
    if limit is None:
        limit = MAX_RENEWALS if until is None else 10 ** 9
    renewal = None if term.no_renewal else term.renewal
    if renewal is None:
        return [], end
    maximum = later(start, term.maximum, calendar) if term.maximum else None
    period = renewal.period or term.duration
    dates: list[dt.date] = []
    current = end
    while len(dates) < limit:
        if maximum and current >= maximum:
            return dates, maximum
        dates.append(current)
        if period is None or (until is not None and current > until) or current.year >= LAST_YEAR:
            return dates, maximum   # the checker evaluates nothing past 2999 (the calendar ends in 9999)
        current = later(current, period, calendar)
    return dates, maximum
