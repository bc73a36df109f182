"""The time of day a limit's last day ends at (issue 10, item 4): « avant 12 heures le jour ouvré
précédent », « au plus tard à 18 heures », `before 12:00`.

Any limit with a last day (from or before an event, in days, working days or jours francs, a fixed or
yearly date, a window, a limit without a number given days by a reading) keeps its last day, computed
as without the time; the time makes that day end at an instant:

- the time is wall-clock time in the convention's zone (`fuseau`, Europe/Paris by default), DST-correct:
  12:00 on the last Sunday of March is 10:00 UTC, on the day before 11:00 UTC;
- `avant 12 heures` (before): an act at 12:00 or later is late; `au plus tard à 12 heures`, `à 12 heures`
  (at the latest): an act at 12:00 is in time, one at 12:01 late;
- a time the clocks skip (02:30 on the day summer time starts) is the instant they show 03:30; a time
  that occurs twice (02:30 on the day it ends) is the second, the later one (no breach on a doubt);
- an act logged without a time: on a day before the last day it is in time, on a day after it late;
  on the last day itself it is judged in time (taken at 00:00, the start of its day: the log does not
  show it came after the time), and ``--explain`` says so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from clauses import clock
from clauses.events import Event
from clauses.i18n import tr, trn
from clauses.language import model as m
from clauses.timelimits import Deadline
from clauses.evaluation.context import Context

_UTC = dt.timezone.utc


def due_instant(day: dt.date, time: m.TimeOfDay, tz) -> dt.datetime:
    """``time`` on ``day`` in ``tz``: a skipped time is the instant after the jump, a repeated one the later."""
    wall = dt.datetime.combine(day, dt.time(time.hour, time.minute), tzinfo=tz)
    # zoneinfo reads a skipped wall time with the offset before the jump (fold=0) or after it (fold=1), a
    # repeated one as its first (fold=0) or second (fold=1) occurrence: the later instant of the two
    later = max(wall.replace(fold=0).astimezone(_UTC), wall.replace(fold=1).astimezone(_UTC))
    return later.astimezone(tz)


def _shown(at: dt.datetime) -> str:
    """An instant with its offset, so that a DST day shows which it is: ``2026-03-29 12:00 UTC+02:00``."""
    offset = at.strftime("%z")
    return f"{at:%Y-%m-%d %H:%M} UTC{offset[:3]}:{offset[3:]}"


def with_time_of_day(ctx: Context, duty: m.Duty, inst):
    """The instance with its due instant, when its duty gives a time of day and its limit a last day."""
    time = duty.time_of_day
    if time is None or inst.due is None or inst.due_at is not None:
        return inst
    tz = clock.zone(ctx.convention.time_zone)
    due_at = due_instant(inst.due.date, time, tz)
    zone = ctx.convention.time_zone or clock.DEFAULT_ZONE
    note = (tr("the last day ends at {time} ({zone}, {at}): an act at {time} or later is late", time=str(time),
               zone=zone, at=_shown(due_at)) if time.before else
            tr("the last day ends at {time} ({zone}, {at}): an act up to {time} is in time", time=str(time), zone=zone,
               at=_shown(due_at)))
    derivation = dataclasses.replace(inst.due.derivation, notes=inst.due.derivation.notes + (note,))
    what = (tr("{what}, before {time}", what=inst.what, time=str(time)) if time.before else
            tr("{what}, by {time}", what=inst.what, time=str(time)))
    return dataclasses.replace(inst, due=Deadline(inst.due.date, derivation), due_at=due_at, due_before=time.before,
                               what=what)


def lateness(ctx: Context, due_at: dt.datetime, before: bool, event: Event) -> tuple[str | None, str]:
    """How late an act is against a time of day (None: in time), and the time assumed when the log gives none."""
    tz = clock.zone(ctx.convention.time_zone)
    if event.time is None:
        last_day = due_at.date()
        if event.date <= last_day:
            assumed = (tr("no time recorded on the last day: judged in time (taken at 00:00, the log does not show "
                          "it came after {time})", time=due_at.strftime("%H:%M")) if event.date == last_day else "")
            return None, assumed
        days = (event.date - last_day).days
        return trn("{days} day late (the last day ended at {due})", "{days} days late (the last day ended at {due})",
                   days, days=days, due=_shown(due_at)), tr("no time recorded: a day after the last day is late whatever the time")
    at = clock.instant(event.date, event.time, tz, missing="start").at
    if at < due_at or (at == due_at and not before):
        return None, ""
    minutes = int((at - due_at).total_seconds() // 60)
    if before and minutes == 0:
        return tr("at {at}: not before {due}, as the clause requires", at=_shown(at), due=due_at.strftime("%H:%M")), ""
    return tr("{hours} h {minutes} late (at {at}, due at {due})", hours=minutes // 60, minutes=f"{minutes % 60:02d}",
              at=_shown(at), due=_shown(due_at)), ""
