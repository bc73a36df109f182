"""Suspension of duties while a situation lasts (issue 10, item 7: force majeure).

``suspension fm : pendant force_majeure jusqu'à fin_force_majeure [des obligations x, y]``:
each logged start event opens a suspension that lasts until the next end event (or is still
running as of the evaluation date). The forward limit of a duty instance (a payment within
30 days, a fixed date) that has not fallen due when the suspension starts stops running and
resumes when it ends: the days it lasted, from the later of its start and the instance's own
start, are added to the due date (:func:`clauses.timelimits.suspend`). While the suspension
still runs, the instance has no due date: it is pending, and the message says since when.
Backward notices ("au moins 3 mois avant le terme") are not suspended: they protect the
other party and do not run while a duty is performed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from clauses.i18n import tr
from clauses.language import model as m
from clauses.timelimits import Direction, suspend
from clauses.evaluation.context import Context


def periods_of(ctx: Context, clause: m.Suspension) -> list[tuple[dt.date, dt.date | None]]:
    """Each (start, end) of the situation; end None while it still runs."""
    ends = [e.date for e in ctx.named(clause.end)] if clause.end else []
    found: list[tuple[dt.date, dt.date | None]] = []
    for event in ctx.named(clause.start):
        if found and (found[-1][1] is None or event.date < found[-1][1]):
            continue                       # the situation is already running
        end = next((d for d in ends if d >= event.date), None)
        found.append((event.date, end))
    return found


def applying(ctx: Context, duty: m.Duty) -> list[tuple[m.Suspension, list[tuple[dt.date, dt.date | None]]]]:
    """The suspensions that apply to the duty, each with its periods (worked out once per duty)."""
    key = ("suspensions", duty.id)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = [(c, periods_of(ctx, c)) for c in ctx.convention.clauses
                                 if isinstance(c, m.Suspension) and (not c.duties or duty.id in c.duties)]
    return found


def suspended(ctx: Context, duty: m.Duty, inst):
    """The instance with its due date moved by every suspension that stopped its limit."""
    if inst.due is None or inst.due.derivation.direction is not Direction.FORWARD:
        return inst
    due = inst.due
    for clause, spans in applying(ctx, duty):
        for start, end in spans:
            begins = max(start, inst.window_start or start)
            if start > due.date:
                continue                   # the limit had already run out
            if end is None:
                return replace(inst, due=None, unknown=tr(
                    "the limit is suspended since {start} ({event}, suspension `{clause}`) and has not resumed",
                    start=start, event=ctx.label(clause.start), clause=clause.id))
            if end <= begins:
                continue
            due = suspend(due, begins, end, tr("{event}, suspension `{clause}`", event=ctx.label(clause.start),
                                             clause=clause.id),
                          calendar=ctx.calendar, extend=duty.extend is not False)
    return inst if due is inst.due else replace(inst, due=due)
