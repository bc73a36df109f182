"""Checks of the time of day of a limit (issue 10, item 4; a hook of ``resolve``): `avant 12 heures`
ends a limit's *last day* at that time, so the limit must have a last day (V034): not a limit in
hours (which ends at an instant already), not a count per period, not a limit without a number that
no reading gives days."""

from __future__ import annotations

from clauses.clock import HOUR_UNITS
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m


def _why_no_last_day(duty: m.Duty) -> str | None:
    deadline = duty.deadline
    if deadline is None:
        return tr("the duty has no limit")
    duration = getattr(deadline, "duration", None)
    if isinstance(duration, m.Duration) and duration.unit in HOUR_UNITS:
        return tr("a limit in hours ends at an instant of its own")
    if isinstance(deadline, m.Recurrence):
        return tr("a count per period has no last day of its own")
    numberless = isinstance(deadline, m.Prompt) or (isinstance(deadline, m.AfterBreach) and deadline.duration is None)
    if numberless and duty.read_as is None:
        return tr("a limit without a number has no last day (unless a `lecture N jours` gives it one)")
    return None


def check_time_of_day(conv: m.Convention) -> list[Diagnostic]:
    found = []
    for duty in conv.clauses:
        if not isinstance(duty, m.Duty) or duty.time_of_day is None:
            continue
        why = _why_no_last_day(duty)
        if why:
            found.append(Diagnostic.of(
                "V034", tr("`{time}` ends a limit's last day at that time, but this limit has none: {why}",
                           time=str(duty.time_of_day), why=why), duty.time_of_day.span or duty.span,
                tr("count the limit in days (`au moins 1 jour ouvré avant chaque X avant 12 heures`), or remove the "
                   "time")))
    return found
