"""Duties due on a date after (or in) each calendar year they account for (issue 10, item 5):
"au plus tard le 30 avril de chaque année, pour l'année précédente", "avant le 1er février de
l'année suivante", "au plus tard le 30 juin de chaque année".

One instance per calendar year the convention is in force (the first and last clipped to its
start and end); its due date comes from :func:`clauses.timelimits.annual_due`. An act counts
for the year its ``period`` column names when it names one; otherwise for the earliest year
still owed (acts are taken in date order, each once). Registered in
:data:`clauses.evaluation.duties.INSTANCES`.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from clauses.i18n import tr
from clauses.language import model as m
from clauses.timelimits import Period, annual_due
from clauses.evaluation.context import Context
from clauses.evaluation.duties import INSTANCES, Instance, _scope
from clauses.evaluation.schedule import Life


def annual_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.AnnualDate) -> Iterator[Instance]:
    if life.start is None:
        return
    last_year = ctx.horizon_end.year
    if life.end is not None:
        last_year = min(last_year, (life.end - dt.timedelta(days=1)).year)
    for year in range(life.start.year, last_year + 1):
        period = Period(max(dt.date(year, 1, 1), life.start), dt.date(year, 12, 31))
        if life.end is not None and period.end >= life.end:
            period = Period(period.start, life.end - dt.timedelta(days=1))
        due = annual_due(year, deadline.years_after, deadline.month, deadline.day, deadline.inclusive,
                         ctx.calendar.region)
        what = tr("for the year {year}, {when} {date}", year=year,
                  when=tr("by") if deadline.inclusive else tr("before"),
                  date=due.date if deadline.inclusive else due.date + dt.timedelta(days=1))
        for party, parties in _scope(ctx, duty):
            yield Instance(party, parties, due, period.start, what, accounts_for=period)


INSTANCES[m.AnnualDate] = annual_instances
