"""A duty's series, started and stopped by events (issue 10, item 6).

``à compter de création_comité, comité doit réunion au moins 1 fois par an jusqu'à dissolution``:
the duty's limits run from its start — the start of the convention, the first occurrence of an
event, each occurrence of it (``à compter de chaque avenant``: each one starts its own series,
running alongside the others; ``tant que maintien``: each one starts a new series, which replaces
the one before), the term end (``à compter du terme``) or the signature — to its stop: the first
``jusqu'à`` event on or after the start (one whose ``ref`` names the occurrence that opened a
series stops that series only), the next start of a ``tant que`` series, or the end of the
convention (never, for a series that starts at the
term end). Each series is judged as the convention's own life would be, with every recurring
limit (times per period, every N months, day of each month, before the end of each period,
yearly anchors) counted from the series' start; what falls due on or after its stop is
discharged, and ``--explain`` says when and why the series started and stopped.

Before its start the duty is *not triggered*: one pending finding per bearer says why (the
event is not in the log, the convention has not started), never silence.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import NamedTuple

from clauses.evaluation.context import Context, article_of
from clauses.events import Event
from clauses.evaluation.duties import _scope, one_duty_findings, triggers
from clauses.evaluation.schedule import Life
from clauses.findings import Finding, Status
from clauses.i18n import tr
from clauses.language import model as m


class Run(NamedTuple):
    """One series: from ``start`` (how it is named) to ``stop`` (None: it still runs), and why it stops."""

    start: dt.date
    how: str
    stop: dt.date | None
    why: str
    by_event: bool = False   # stopped by its `jusqu'à` event (not by a new series nor by the end)
    opener: Event | None = None   # the occurrence that started it (`à compter de chaque X`)
    others: frozenset[str] = frozenset()   # the ids of the occurrences that started the other series


def not_triggered(ctx: Context, duty: m.Duty, why: str, due: dt.date | None = None) -> list[Finding]:
    """One pending finding per bearer: the duty's series has not started, and why."""
    action = ctx.label(duty.action)
    findings = []
    for party, parties in _scope(ctx, duty):
        findings.append(Finding(
            Status.PENDING, duty.id, "duty", article_of(duty), parties, None,
            tr("{action} by {who} is not triggered: {why}; nothing is owed before it", action=action,
               who=party or tr("the parties"), why=why),
            window_start=due, explanation=(why,), extra={"not_triggered": True}))
    return findings


def _starts(ctx: Context, life: Life, series: m.Series) -> tuple[list[tuple[dt.date, str, Event | None]], str]:
    """The dates the series starts on (and how each is named), or why it has not started."""
    if series.start == "start":
        return [(life.start, tr("the start of the convention on {date}", date=life.start), None)], ""
    if series.start == "signature":
        signed = ctx.convention.signature.date if ctx.convention.signature else None
        if signed is None:
            return [], tr("the convention is undated: the signature it starts from is unknown")
        return [(signed, tr("the signature on {date}", date=signed), None)], ""
    if series.start == "term_end":
        end = life.end if life.end is not None else life.scheduled_end
        if end is None:
            return [], tr("the convention has no end yet (the series starts at its term end)")
        return [(end, tr("the end of the convention on {date} ({why})", date=end, why=life.end_reason or "—"), None)], ""
    found = [(max(event.date, life.start), tr("{event} of {date}", event=ctx.label(series.event), date=event.date),
              event) for event, _, _ in triggers(ctx, life, series.event, False)]
    if not series.each:
        found = found[:1]
    if found:
        return found, ""
    planned = ctx.future_by_name.get(series.event, [])
    if planned:
        return [], tr("{event} is planned on {date}, after the as-of date", event=ctx.label(series.event),
                      date=planned[0].date)
    return [], tr("no {event} is recorded (the series starts with it)", event=ctx.label(series.event))


def runs(ctx: Context, life: Life, duty: m.Duty) -> tuple[list[Run], str]:
    """Each series of the duty with its stop, or why none has started."""
    series = duty.series or m.Series()
    starts, why = _starts(ctx, life, series)
    stops = [e for e, _, _ in triggers(ctx, life, series.until, False)] if series.until else []
    found = []
    openers = {opener.id for _, _, opener in starts if opener is not None and opener.id}
    for i, (start, how, opener) in enumerate(starts):
        ends: list[tuple[dt.date, str]] = []
        # a stop whose `ref` names the event that opened a series stops that series only
        stop = next((e for e in stops if e.date >= start and
                     (not (e.ref and e.ref in openers) or (opener is not None and e.ref == opener.id))), None)
        if stop is None and series.start == "term_end":
            # left on or before the end (the keys handed back on the last day): the series never runs
            stop = next((e for e in reversed(stops) if life.start is None or e.date >= life.start), None)
            if stop is not None:
                found.append(Run(start, how, start, tr("{event} on {date}, before the series started",
                                                       event=ctx.label(stop.event), date=stop.date), True,
                                 opener, frozenset(openers - {opener.id if opener else None})))
                continue
        if stop is not None:
            ends.append((stop.date, tr("the series was stopped by {event} on {date}", event=ctx.label(stop.event),
                                       date=stop.date)))
        if i + 1 < len(starts) and series.replaces:   # `tant que X`: the next X replaces it
            ends.append((starts[i + 1][0], tr("a new series starts with {how}", how=starts[i + 1][1])))
        if series.start != "term_end" and life.end is not None and not duty.survives:
            ends.append((life.end, life.end_reason))
        end = min(ends) if ends else None
        found.append(Run(start, how, end[0] if end else None, end[1] if end else "",
                         stop is not None and end is not None and end[0] == stop.date,
                         opener, frozenset(openers - {opener.id if opener else None})))
    return found, why


def series_findings(ctx: Context, life: Life, duty: m.Duty) -> list[Finding]:
    """The findings of every series of the duty, or why it is not triggered."""
    if life.start is None:
        return not_triggered(ctx, duty, life.start_how)
    found, why = runs(ctx, life, duty)
    if not found:
        return not_triggered(ctx, duty, why)
    findings: list[Finding] = []
    for run in found:
        if run.start > ctx.horizon_end:
            findings += not_triggered(ctx, duty, tr("the series starts with {how}, after the horizon", how=run.how),
                                      run.start)
            continue
        ends = dict(life.clause_ends)
        if run.stop is not None:
            ends[duty.id] = min(ends.get(duty.id, (run.stop, run.why)), (run.stop, run.why))
        own = dataclasses.replace(life, start=run.start, end=run.stop, end_reason=run.why, clause_ends=ends,
                                  opened_by=run.how)
        said = (tr("series from {how} to {stop}: what falls due on or after {stop} is not owed ({why})",
                   how=run.how, stop=run.stop, why=run.why) if run.stop is not None else
                tr("series from {how}, still running", how=run.how))
        findings += [dataclasses.replace(f, explanation=(said,) + f.explanation)
                     for f in one_duty_findings(_own_acts(ctx, duty, run), own, duty)]
        if run.by_event and run.stop <= ctx.as_of:
            findings += _stopped(ctx, duty, run)
    return findings


def _own_acts(ctx: Context, duty: m.Duty, run: Run) -> Context:
    """The log as one series sees it: an act whose `ref` names the occurrence that opened another series
    counts for that one only (series running alongside, `à compter de chaque X`)."""
    foreign = {id(e) for e in ctx.named(duty.action) if e.ref and e.ref in run.others}
    if not foreign:
        return ctx
    kept = [e for e in ctx.events + ctx.future if id(e) not in foreign]
    own = Context.build(ctx.convention, kept, ctx.as_of, (ctx.horizon_end - ctx.as_of).days)
    return dataclasses.replace(own, life=ctx.life, verdicts=ctx.verdicts)


def _stopped(ctx: Context, duty: m.Duty, run: Run) -> list[Finding]:
    """What a stop discharges: one finding per bearer, so that the report says the series ended."""
    return [Finding(Status.DISCHARGED, duty.id, "duty", article_of(duty), parties, None,
                    tr("{action} by {who} is no longer owed from {stop}: {why}", action=ctx.label(duty.action),
                       who=party or tr("the parties"), stop=run.stop, why=run.why),
                    window_start=run.stop,
                    explanation=(tr("series from {how} to {stop}: what falls due on or after {stop} is not owed "
                                    "({why})", how=run.how, stop=run.stop, why=run.why),),
                    extra={"series_stopped": True})
            for party, parties in _scope(ctx, duty)]


# ------------------------------------------------------------------ a limit each trigger event dates
def dated_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.DateOfEvent):
    """``au plus tard appel.échéance``: one instance per logged ``appel`` (not an act without effect),
    due on the date it records in its column, inclusive; why not when the column is missing."""
    from clauses.evaluation.duties import Instance
    from clauses.timelimits import Deadline, Derivation, Direction, Unit

    for trigger, _, _ in triggers(ctx, life, deadline.event, False):
        raw = trigger.attrs.get(deadline.name)
        label = tr("{event} of {date}", event=ctx.label(deadline.event), date=trigger.date)
        due, unknown = None, ""
        try:
            day = dt.date.fromisoformat(str(raw).strip()[:10]) if raw is not None else None
        except ValueError:
            day = None
        if day is None:
            unknown = tr("{what} records no date in its column `{column}`", what=label, column=deadline.name)
        else:
            derivation = Derivation(day, tr("the date {what} records ({column})", what=label, column=deadline.name),
                                    Direction.FORWARD, 0, Unit.DAYS, tr("a date set by the event"), day,
                                    ctx.calendar.region, None, (), ())
            due = Deadline(day, derivation)
        what = tr("by the date {event} records ({column})", event=deadline.event, column=deadline.name)
        for party, parties in _scope(ctx, duty, trigger, addressed=True):
            yield Instance(party, parties, due, trigger.date, what, trigger=trigger, unknown=unknown)


def _register() -> None:
    from clauses.evaluation.duties import INSTANCES

    INSTANCES[m.DateOfEvent] = dated_instances


_register()
