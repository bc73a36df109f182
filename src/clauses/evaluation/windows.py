"""Calendar windows (issue 10, item 5): "au cours du second semestre 2019", "en novembre de chaque
année", "entre le 1er septembre et le 31 octobre", "au cours du dernier trimestre de chaque année".

The act must fall inside the window: one instance per window (per calendar year of the term when
the clause names no year), due on the window's last day, open from its first. An act before the
window does not count (``--explain`` lists it, with why); none in the window is a breach at the
window's end; while the window is open or still to come, the instance is upcoming (or pending
beyond the horizon). A window that opens once the convention has ended is not owed (unless the
duty survives the term); one that closed before it started neither. The last day of a window is
named by the text: it is never extended (CPC art. 642 applies to limits counted in days).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterator

from clauses.findings import Finding, Status
from clauses.i18n import tr, trn
from clauses.language import model as m
from clauses.timelimits import Deadline, Derivation, Direction, Unit
from clauses.evaluation.context import Context
from clauses.evaluation.duties import INSTANCES, Instance, _scope
from clauses.evaluation.schedule import Life


def _day(year: int, month: int, day: int) -> dt.date:
    """``day`` of a month, or its last day when the month is shorter (the 31st of a semester's end)."""
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return min(dt.date(year, month, 1) + dt.timedelta(days=day - 1), nxt - dt.timedelta(days=1))


def bounds(window: m.Window, year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the window of ``year`` (a window whose end comes before its start
    in the year runs into the next year)."""
    if window.first is not None and window.last is not None:
        return window.first, window.last
    first = _day(year, window.start_month, window.start_day)
    crosses = (window.end_month, window.end_day) < (window.start_month, window.start_day)
    return first, _day(year + 1 if crosses else year, window.end_month, window.end_day)


def windows_of(ctx: Context, life: Life, duty: m.Duty, window: m.Window) -> list[tuple[dt.date, dt.date]]:
    """The windows a duty owes while the convention is in force (up to the horizon)."""
    if window.before_event is not None:   # the year before each (logged or scheduled) event
        events = ctx.named(window.before_event) + ctx.future_by_name.get(window.before_event, [])
        years = sorted({e.date.year - 1 for e in events})
    elif window.year is not None:
        years = [window.year]
    elif life.start is None:
        return []
    else:
        last = min(ctx.horizon_end, (life.end or ctx.horizon_end) - dt.timedelta(days=1))
        years = list(range(life.start.year, last.year + 1))
    found = []
    for year in years:
        first, last_day = bounds(window, year)
        if life.start is not None and last_day < life.start:
            continue               # closed before the convention started
        if life.end is not None and first >= life.end and not duty.survives:
            continue               # opens once the convention has ended
        found.append((first, last_day))
    return found


def window_deadline(first: dt.date, last: dt.date, region) -> Deadline:
    derivation = Derivation(anchor=first, anchor_label=tr("the first day of the window"), direction=Direction.FORWARD,
                            amount=(last - first).days, unit=Unit.DAYS,
                            rule=tr("the act must fall in the window {first} – {last}: an act before it does not "
                                    "count; its last day is named by the text and is not extended",
                                    first=first, last=last),
                            computed=last, region=region)
    return Deadline(last, derivation)


def window_instances(ctx: Context, life: Life, duty: m.Duty, window: m.Window) -> Iterator[Instance]:
    for first, last in windows_of(ctx, life, duty, window):
        what = tr("in the window {first} – {last}", first=first, last=last)
        for party, parties in _scope(ctx, duty):
            # window_end: an act after the window is not taken from the next window's
            yield Instance(party, parties, window_deadline(first, last, ctx.calendar.region), first, what,
                           window_end=last)


def window_findings(ctx: Context, life: Life, duty: m.Duty) -> list[Finding]:
    """Each window's finding, with the acts made outside every window listed as not counting."""
    from clauses.evaluation.duties import assess

    spans = windows_of(ctx, life, duty, duty.deadline)
    used: set[int] = set()
    findings = []
    for inst in window_instances(ctx, life, duty, duty.deadline):
        finding = assess(ctx, life, duty, inst, used)
        k = spans.index((inst.window_start, inst.window_end))
        before = spans[k - 1][1] + dt.timedelta(days=1) if k else None
        after = spans[k + 1][0] - dt.timedelta(days=1) if k + 1 < len(spans) else ctx.as_of
        if finding.status is Status.PENDING and inst.window_start <= ctx.horizon_end:
            # open, or opening within the horizon: the act is to be done now, whenever the window closes
            finding = dataclasses.replace(finding, status=Status.UPCOMING)
        findings.append(_outside(ctx, duty, inst, finding, before, after))
    return findings


def _outside(ctx: Context, duty: m.Duty, inst: Instance, finding: Finding, since: dt.date | None,
             until: dt.date) -> Finding:
    """Acts since the previous window and until the next one that fall outside this window: they do
    not count, and ``--explain`` says why (an act before the window does not count)."""
    if finding.status is Status.FULFILLED:
        return finding
    first, last = inst.window_start, inst.window_end
    notes = []
    for event in ctx.between(duty.action, since, until):
        if first <= event.date <= last or not ctx.acted_by(event, inst.party):
            continue
        reason = (tr("made on {date}, before the window opens on {first}: it does not count", date=event.date,
                     first=first) if event.date < first else
                  trn("made on {date}, {days} day after the window closed on {last}: it does not count",
                      "made on {date}, {days} days after the window closed on {last}: it does not count",
                      (event.date - last).days, date=event.date, days=(event.date - last).days, last=last))
        notes.append(ctx.note(event, False, reason))
    if not notes:
        return finding
    message = finding.message
    if finding.status is Status.BREACH:
        message = tr("no {action} by {who} in the window {first} – {last}: {reason}", action=ctx.label(duty.action),
                     who=inst.party or tr("the parties"), first=first, last=last, reason=notes[0].reason)
    return dataclasses.replace(finding, message=message, events=tuple(notes) + finding.events)


INSTANCES[m.Window] = window_instances
