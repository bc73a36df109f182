"""Powers with windows (issue 10, item 8): when a power may be exercised.

- ``dans les 3 années suivant fin_mission`` (``dans 3 ans suivant le terme``, ``… la
  signature``): from the last occurrence of the anchor on or before the act to the end of the
  time counted forward from it (CPC art. 641-642: extended to the next working day unless the
  power says ``sans prorogation``); ``au plus tard 2 mois après notification`` is the same window;
- ``pendant la première année``: before the first anniversary of the start of the convention
  (the counterpart of ``jamais pendant la première année``);
- ``pas après le 2026-06-30`` (``au plus tard 2026-06-30``): on or before that day;
- the duties' calendar windows (``au cours du second semestre 2026``, ``en novembre de chaque année``,
  ``entre le 1er septembre et le 31 octobre``): inside one of them (evaluation/calendar_windows.py).

An act outside its window is a breach with no effect, with the code ``C004`` in CI output and
the window's dates in ``--explain``; the latest permissible date is the finding's ``due``.
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation.context import Context
from clauses.events import Event
from clauses.i18n import tr
from clauses.language import model as m
from clauses.timelimits import AmbiguousDate, Deadline

#: the code of a power exercised outside its window (``clauses check`` in CI formats)
OUTSIDE_WINDOW = "C004"


def _anchor(ctx: Context, power: m.Power, cond: m.PowerWindow, event: Event, start: dt.date | None,
            term_end: dt.date | None) -> tuple[dt.date | None, str]:
    """The day the window opens (and how it is named), or None and why it has not opened."""
    if cond.anchor == "event":
        earlier = list(ctx.between(cond.event, None, event.date))
        if not earlier:
            return None, tr("no {event} is recorded on or before it: its window ({duration} from {event}) has not "
                            "opened", event=ctx.label(cond.event), duration=cond.duration)
        return earlier[-1].date, tr("{event} of {date}", event=ctx.label(cond.event), date=earlier[-1].date)
    if cond.anchor == "term_end":
        if term_end is None:
            return None, tr("the convention has no term end: its window ({duration} from the term end) never opens",
                            duration=cond.duration)
        return term_end, tr("the term end ({date})", date=term_end)
    if cond.anchor == "signature":
        signed = ctx.convention.signature.date if ctx.convention.signature else None
        if signed is None:
            return None, tr("the convention is undated: its window ({duration} from the signature) is unknown",
                            duration=cond.duration)
        return signed, tr("the signature ({date})", date=signed)
    if start is None:
        return None, tr("the start of the convention is unknown: its first year cannot be told")
    return start, tr("the start of the convention ({date})", date=start)


def window_problems(ctx: Context, power: m.Power, cond: m.PowerWindow | m.NotAfter | m.InWindow, event: Event,
                    start: dt.date | None, term_end: dt.date | None,
                    explanation: list[str]) -> tuple[list[str], Deadline | None]:
    """Why the act falls outside the power's window (none: inside), and the window's last day."""
    if isinstance(cond, m.InWindow):   # time: the duties' calendar windows
        from clauses.evaluation.calendar_windows import calendar_window_problems

        return calendar_window_problems(ctx, cond.window, event, start, term_end, explanation)
    if isinstance(cond, m.NotAfter):
        if event.date > cond.date:
            return [tr("exercised on {date}, after {last}, the last day it may be", date=event.date,
                       last=cond.date)], None
        return [], None
    opens, label = _anchor(ctx, power, cond, event, start, term_end)
    if opens is None:
        return [label], None
    try:
        if cond.anchor == "start":   # `pendant la première année`: before the first anniversary
            closes = ctx.after(opens, cond.duration, label, extend=False, month_rule=power.month_rule)
            closes = Deadline(closes.date - dt.timedelta(days=1), closes.derivation)
            words = tr("during the first {duration} (until {last})", duration=cond.duration, last=closes.date)
        else:
            closes = ctx.after(opens, cond.duration, label, extend=power.extend is not False,
                               month_rule=power.month_rule)
            words = tr("within {duration} of {anchor} (until {last})", duration=cond.duration, anchor=label,
                       last=closes.date)
    except AmbiguousDate as err:   # `jour manquant à signaler`: reported, not guessed
        return [tr("the end of its window cannot be computed: {error}", error=err.message)], None
    explanation.extend(closes.derivation.explain())
    explanation.append(tr("the power may be exercised {words}", words=words))
    if event.date < opens:
        return [tr("exercised on {date}, before its window opens on {opens}", date=event.date, opens=opens)], closes
    if event.date > closes.date:
        return [tr("exercised on {date}, after its window closed on {last} ({words})", date=event.date,
                   last=closes.date, words=words)], closes
    return [], closes
