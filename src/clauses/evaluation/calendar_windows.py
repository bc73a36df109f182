"""A power usable only inside a calendar window (issue 10, item 8), the windows the duties accept:
« au cours du second semestre 2026 », « en novembre de chaque année », « entre le 1er septembre et le
31 octobre », « entre le 2026-09-01 et le 2026-10-31 », « au cours du dernier trimestre de l'année
précédant l'élection ».

The windows are those of ``evaluation/windows.py`` (the same :func:`bounds`): a window with a year, or
dates, is that one; one without a year comes back each calendar year (one that runs into the next year,
« entre le 1er novembre et le 31 janvier », is counted from its start); « de l'année précédant X » is the
year before each logged or scheduled X. The act must fall inside one, its first and last days
included (never extended: the text names them); an act outside is a breach with no effect (C004), the
windows before and after it in ``--explain``; the last day of the window it fell in, or of the next one,
is the finding's ``due``.
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation.context import Context
from clauses.evaluation.windows import bounds, window_deadline
from clauses.events import Event
from clauses.i18n import tr
from clauses.language import model as m
from clauses.timelimits import Deadline


def _candidates(ctx: Context, window: m.Window, act: dt.date) -> list[tuple[dt.date, dt.date]]:
    if window.before_event is not None:
        events = ctx.named(window.before_event) + ctx.future_by_name.get(window.before_event, [])
        years = sorted({e.date.year - 1 for e in events})
    elif window.year is not None:
        years = [window.year]
    else:
        years = [act.year - 1, act.year, act.year + 1]
    return sorted(bounds(window, year) for year in years)


def calendar_window_problems(ctx: Context, window: m.Window, event: Event, start: dt.date | None,
                             term_end: dt.date | None, explanation: list[str]) -> tuple[list[str], Deadline | None]:
    """Why the act falls outside the power's calendar window (none: inside), and that window's last day."""
    spans = _candidates(ctx, window, event.date)
    if not spans:
        return [tr("no {event} is recorded or scheduled: the window (the year before it) is unknown",
                   event=ctx.label(window.before_event))], None
    inside = next(((first, last) for first, last in spans if first <= event.date <= last), None)
    if inside is not None:
        explanation.append(tr("the power may be exercised in the window {first} – {last}: the act of {date} falls in "
                              "it", first=inside[0], last=inside[1], date=event.date))
        return [], window_deadline(inside[0], inside[1], ctx.calendar.region)
    before = [s for s in spans if s[1] < event.date]
    after = [s for s in spans if s[0] > event.date]
    if before:
        explanation.append(tr("the last window before the act: {first} – {last}", first=before[-1][0],
                              last=before[-1][1]))
    if after:
        explanation.append(tr("the next window: {first} – {last}", first=after[0][0], last=after[0][1]))
    shown = after[0] if after else before[-1]
    return [tr("exercised on {date}, outside its window (the power may be exercised only from {first} to {last}, "
               "the nearest window)", date=event.date, first=shown[0], last=shown[1])], \
        window_deadline(shown[0], shown[1], ctx.calendar.region)
