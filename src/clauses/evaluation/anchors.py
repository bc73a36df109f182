"""Limits anchored on calendar points (issue 10, item 5).

- Dates after (or in) each calendar year accounted for: "au plus tard le 30 avril de chaque année,
  pour l'année précédente", "avant le 1er février de l'année suivante", "au plus tard la fin du mois
  de janvier de chaque année". One instance per calendar year the convention is in force (the first
  and last clipped to its start and end) — or, with ``de chaque année de la convention``, per year
  whose date falls while it is in force; its due date comes from :func:`clauses.timelimits.annual_due`.
- Points of the term or of each period: "avant le début", "au plus tard le dernier jour du trimestre
  précédent" (rent payable in advance), "dans 4 mois suivant l'échéance", "dans 6 mois suivant la
  clôture de chaque exercice" (one instance per period, due that long after its end).
- The later (or earlier) of several events: "dans un délai de 30 jours à compter de la dernière des
  deux dates : notification et approbation" — pending until all of them happened.

An act counts for the period its ``period`` column names when it names one; otherwise for the
earliest period still owed (acts are taken in date order, each once). A limit counted from the
term end is not discharged by that end (it is what triggers it); one counted from the end of each
period is, for the last period, unless the duty ``survit au terme``. Registered in
:data:`clauses.evaluation.duties.INSTANCES`.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from clauses.i18n import joined, tr
from clauses.language import model as m
from clauses.timelimits import Period, annual_due, periods, point_due
from clauses.evaluation.context import Context
from clauses.evaluation.duties import INSTANCES, Instance, _limit, _scope, triggers
from clauses.evaluation.schedule import Life



def part_of_year(year: int, pick: m.PeriodPick) -> Period:
    """The ``pick.ordinal``-th part (quarter, semester, month) of a calendar year."""
    parts = 12 // pick.period_months
    k = parts if pick.ordinal == -1 else pick.ordinal
    start = dt.date(year, (k - 1) * pick.period_months + 1, 1)
    end_month = k * pick.period_months
    end = (dt.date(year + 1, 1, 1) if end_month == 12 else dt.date(year, end_month + 1, 1)) - dt.timedelta(days=1)
    return Period(start, end)


def picked(pick: m.PeriodPick | None, period: Period) -> bool:
    """Whether a period is one of those a duty counts (`pour le premier trimestre`, `sauf …`)."""
    if pick is None:
        return True
    part = part_of_year(period.start.year, pick)
    inside = part.start <= period.start <= part.end
    return inside if pick.only else not inside


def _pick_words(pick: m.PeriodPick, year: int) -> str:
    """"quarter 1 of 2027": the part of a year a duty accounts for."""
    k = 12 // pick.period_months if pick.ordinal == -1 else pick.ordinal
    if pick.period_months == 6:
        return tr("semester {n} of {year}", n=k, year=year)
    if pick.period_months == 3:
        return tr("quarter {n} of {year}", n=k, year=year)
    if pick.period_months == 1:
        return tr("month {n} of {year}", n=k, year=year)
    return tr("the year {year}", year=year)


def term_end(life: Life) -> tuple[dt.date | None, str]:
    """The term end a limit counts from: the last day in force (the term ends at its midnight, the
    event CPC art. 641 counts from) — of the effective end when the convention ended (or will end)
    early, else of the scheduled one. "Dans les quatre mois suivant l'échéance" of a term that runs
    to 2014-12-31 ends on 2015-04-30; "au plus tard à l'échéance" is that last day itself."""
    end = life.end or life.scheduled_end
    if end is None:
        return None, tr("the convention's term end is not known")
    last = end - dt.timedelta(days=1)
    if life.end is not None and life.scheduled_end is not None and life.end < life.scheduled_end:
        return last, tr("the end of the convention, its last day in force {date} ({why})", date=last,
                        why=life.end_reason)
    return last, tr("the term end, its last day in force {date}", date=last)


# ------------------------------------------------------------------ dates of each year
def annual_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.AnnualDate) -> Iterator[Instance]:
    if life.start is None:
        return
    last_year = ctx.horizon_end.year
    ends = life.scheduled_end or life.end if deadline.in_force else life.end
    if ends is not None:
        last_year = min(last_year, (ends - dt.timedelta(days=1)).year)
    first_year = life.start.year - (deadline.years_after if deadline.in_force else 0)
    for year in range(first_year, last_year + 1):
        period = Period(max(dt.date(year, 1, 1), life.start), dt.date(year, 12, 31))
        if deadline.in_force:
            period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        elif life.end is not None and period.end >= life.end:
            period = Period(period.start, life.end - dt.timedelta(days=1))
        accounted = ""
        if duty.periods is not None and duty.periods.only:
            part = part_of_year(year, duty.periods)
            if not deadline.in_force and (part.end < life.start or (life.end is not None and part.start >= life.end)):
                continue           # that part of the year is not in force
            period = Period(max(part.start, period.start), min(part.end, period.end))
            accounted = _pick_words(duty.periods, year)
        due = annual_due(year, deadline.years_after, deadline.month, deadline.day, deadline.inclusive,
                         ctx.calendar.region, month_end=deadline.month_end, accounted=accounted)
        scheduled = life.scheduled_end or life.end
        if deadline.in_force and not (life.start <= due.date and (scheduled is None or due.date < scheduled)):
            continue               # its date falls outside the term (an early end discharges it: assess)
        void = ""
        if due.date < life.start:  # `au plus tard le 30 juin de chaque année` in a convention that starts in July
            void = tr("nothing is owed for {what}: its date {due} falls before the convention starts on {start}",
                      what=accounted or tr("the year {year}", year=year), due=due.date, start=life.start)
        shown = due.date if deadline.inclusive or deadline.month_end else due.date + dt.timedelta(days=1)
        when = tr("by") if deadline.inclusive or deadline.month_end else tr("before")
        what = (tr("for {part}, {when} {date}", part=accounted, when=when, date=shown) if accounted else
                tr("for the year {year}, {when} {date}", year=year, when=when, date=shown))
        for party, parties in _scope(ctx, duty):
            yield Instance(party, parties, None if void else due, period.start, what, accounts_for=period,
                           unknown=void, void=void)


# ------------------------------------------------------------------ points of the term and of each period
def anchored_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.Anchored) -> Iterator[Instance]:
    point = deadline.point
    if point.of in ("period_end", "previous_period_end"):
        yield from _periodic(ctx, life, duty, deadline)
        return
    if point.of == "term_start":
        anchor, label = life.start, tr("the start of the convention ({date})", date=life.start)
        unknown = "" if anchor is not None else tr("the start of the convention is not known")
    else:   # the term end is a moment (midnight of the last day in force): `avant` it, that day still counts
        anchor, label = term_end(life)
        unknown = "" if anchor is not None else label
        deadline = deadline.model_copy(update={"inclusive": True})
    what = _what(deadline, tr("the start") if point.of == "term_start" else tr("the term end"))
    for party, parties in _scope(ctx, duty):
        if anchor is None:   # counted from a point not known yet: nothing done so far counts for it
            yield Instance(party, parties, None, life.start, what, unknown=unknown,
                           waiting=deadline.after is not None or point.of == "term_end")
            continue
        due, why = _due(ctx, duty, deadline, anchor, label)
        # a limit counted forward from a point runs from it; one on the start takes any earlier act
        opens = anchor if deadline.after is not None else (None if point.of == "term_start" else life.start)
        yield Instance(party, parties, due, opens, what, unknown=why)


def _what(deadline: m.Anchored, point: str) -> str:
    if deadline.after is not None:
        return tr("within {duration} after {point}", duration=deadline.after, point=point)
    return (tr("by {point}", point=point) if deadline.inclusive else tr("before {point}", point=point))


def _due(ctx: Context, duty: m.Duty, deadline: m.Anchored, anchor: dt.date, label: str):
    if deadline.after is not None:
        extend = True if duty.extend is None else duty.extend
        return _limit(lambda: ctx.after(anchor, deadline.after, label, extend=extend, month_rule=duty.month_rule))
    return point_due(anchor, label, tr("the point the article names"), ctx.calendar.region, deadline.inclusive), ""


def duty_periods(ctx: Context, life: Life, duty: m.Duty, months: int, lead: int = 0) -> Iterator[Period]:
    """The periods of a duty counted per period, while the convention is in force (the last one kept
    whole: what falls after the end is discharged unless the duty survives); ``lead``: days before
    its start a period's act falls due (a payment in advance), so that it is listed in time."""
    if life.start is None or life.start > ctx.horizon_end:
        return
    anchoring = "calendar" if duty.anchoring is m.Anchoring.CALENDAR else "term"
    stop = max(ctx.horizon_end, life.end or ctx.horizon_end) + dt.timedelta(days=400)
    for period in periods(life.start, stop, months, anchoring):
        if period.start - dt.timedelta(days=lead) > ctx.horizon_end or (life.end is not None
                                                                         and period.start >= life.end):
            return
        if picked(duty.periods, period):
            yield period


def _periodic(ctx: Context, life: Life, duty: m.Duty, deadline: m.Anchored) -> Iterator[Instance]:
    point, months = deadline.point, deadline.point.period_months or 12
    for period in duty_periods(ctx, life, duty, months, lead=1 if point.of == "previous_period_end" else 0):
        span = tr("{start} – {end}", start=period.start, end=period.end)
        if point.of == "period_end":
            anchor, label = period.end, tr("the end of the period {span}", span=span)
            opens = period.start
        else:    # the last day of the period before: a payment in advance
            anchor = period.start - dt.timedelta(days=1)
            label = tr("the last day of the period before {span}", span=span)
            opens = None      # paid in advance: any earlier act counts (in date order, or for its `period`)
        what = tr("{rule}, for the period {span}", rule=_what(deadline, tr("the end of the period") if
                                                               point.of == "period_end" else
                                                               tr("the last day of the previous period")), span=span)
        due, why = _due(ctx, duty, deadline, anchor, label)
        if due is not None and life.start is not None and due.date < life.start:
            # the first period's date falls before the convention starts: nothing was owed then
            why = tr("nothing is owed for the period {span}: its date {due} falls before the convention starts on "
                     "{start}", span=span, due=due.date, start=life.start)
            for party, parties in _scope(ctx, duty):
                yield Instance(party, parties, None, opens, what, unknown=why, void=why, accounts_for=period)
            continue
        for party, parties in _scope(ctx, duty):
            yield Instance(party, parties, due, opens, what, unknown=why, accounts_for=period)


def point_prompt_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.Prompt, words: str,
                           extend: bool) -> Iterator[Instance]:
    """A limit without a number from a calendar point: ``dès le terme``, ``sans délai après le terme``
    (from the term end), ``à la fin de chaque exercice`` (from each period's end): due now from it, or
    the number of days of its reading."""
    import dataclasses

    from clauses.evaluation.prompt import _instance

    if deadline.point.of == "term_end":
        anchor, label = term_end(life)
        what = tr("{manner} the term end", manner=words) if deadline.manner in ("as_soon_as", "at_end") else \
            tr("{manner} after the term end", manner=words)
        for party, parties in _scope(ctx, duty):
            if anchor is None:
                yield Instance(party, parties, None, life.start, what, unknown=label, waiting=True)
                continue
            yield _instance(ctx, life, duty, party, parties, anchor, label, what, None, extend, window=anchor)
        return
    for period in duty_periods(ctx, life, duty, deadline.point.period_months or 12):
        span = tr("{start} – {end}", start=period.start, end=period.end)
        label = tr("the end of the period {span}", span=span)
        what = tr("{manner} each period, for the period {span}", manner=words, span=span)
        for party, parties in _scope(ctx, duty):
            inst = _instance(ctx, life, duty, party, parties, period.end, label, what, None, extend,
                             window=period.end)
            yield dataclasses.replace(inst, accounts_for=period)


# ------------------------------------------------------------------ the later (or earlier) of several events
def later_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.LaterOf) -> Iterator[Instance]:
    found = {name: [(t, anchor, label) for t, anchor, label in triggers(ctx, life, name, False)]
             for name in deadline.events}
    names = joined(list(deadline.events), "{a} and {b}")
    what = (tr("within {duration} of the earlier of {names}", duration=deadline.duration, names=names)
            if deadline.earliest else
            tr("within {duration} of the later of {names}", duration=deadline.duration, names=names))
    extend = True if duty.extend is None else duty.extend
    for k in range(max((len(v) for v in found.values()), default=0)):
        present = {name: v[k] for name, v in found.items() if len(v) > k}
        missing = [name for name in deadline.events if name not in present]
        if missing and not deadline.earliest:
            seen = joined([tr("{event} on {date}", event=name, date=item[1]) for name, item in present.items()],
                          tr("{a}; {b}").template)
            why = tr("waits for {missing} ({seen}): the limit runs from the later of the events",
                     missing=joined(missing, "{a} and {b}"), seen=seen)
            trigger = max((item[0] for item in present.values()), key=lambda e: e.date)
            for party, parties in _scope(ctx, duty, trigger, addressed=True):
                yield Instance(party, parties, None, trigger.date, what, trigger=trigger, unknown=why, waiting=True)
            continue
        pick = min if deadline.earliest else max
        name, (trigger, anchor, _) = pick(present.items(), key=lambda item: (item[1][1], item[0]))
        dates = joined([tr("{event} on {date}", event=n, date=item[1]) for n, item in present.items()],
                       tr("{a}, {b}").template)
        label = (tr("the earlier of {dates}: {event} of {date}", dates=dates, event=name, date=anchor)
                 if deadline.earliest else
                 tr("the later of {dates}: {event} of {date}", dates=dates, event=name, date=anchor))
        due, why = _limit(lambda: ctx.after(anchor, deadline.duration, label, extend=extend,
                                            month_rule=duty.month_rule))
        for party, parties in _scope(ctx, duty, trigger, addressed=True):
            yield Instance(party, parties, due, anchor, what, trigger=trigger, unknown=why)


INSTANCES[m.AnnualDate] = annual_instances
INSTANCES[m.Anchored] = anchored_instances
INSTANCES[m.LaterOf] = later_instances

from clauses.evaluation import windows  # noqa: E402,F401  (registers calendar windows)
