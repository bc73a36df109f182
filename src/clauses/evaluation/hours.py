"""Limits in hours of duties (issue 10, item 4): the due instant of « dans les 72 heures à compter
de X », « dans les vingt-quatre heures ouvrables », « au moins 48 heures avant chaque réunion »,
and whether an act came in time, in the convention's time zone (the rules: clauses/clock.py)."""

from __future__ import annotations

import datetime as dt

from clauses import clock
from clauses.events import Event
from clauses.i18n import tr
from clauses.language import model as m
from clauses.timelimits import Deadline, Derivation, Direction
from clauses.evaluation.context import Context


def is_hours(duration: m.Duration | None) -> bool:
    return duration is not None and duration.unit in clock.HOUR_UNITS


def _zone(ctx: Context):
    return clock.zone(ctx.convention.time_zone)


def hour_limit(ctx: Context, anchor: Event, anchor_date: dt.date, duration: m.Duration, label: str,
               direction: Direction) -> tuple[Deadline, dt.datetime]:
    """The due instant, ``duration`` after (before) the anchor event (its receipt day when
    ``anchor_date`` differs from its date: a receipt date carries no time)."""
    tz = _zone(ctx)
    time = anchor.time if anchor_date == anchor.date else None
    # a trigger without a time counts from the end of its day; a meeting without one, from its start
    start = clock.instant(anchor_date, time, tz, missing="end" if direction is Direction.FORWARD else "start")
    sign = 1 if direction is Direction.FORWARD else -1
    due = clock.shift(start.at, duration.amount, duration.unit, ctx.calendar, tz, sign)
    name = ctx.convention.time_zone or clock.DEFAULT_ZONE
    notes = [tr("anchor instant: {at} ({zone})", at=start.shown(), zone=name)]
    if start.assumed:
        notes.append(start.assumed)
    notes.append(tr("due at {at} ({zone})", at=clock.shown_due(due), zone=name) if sign > 0 else
                 tr("latest instant: {at} ({zone})", at=clock.shown_due(due), zone=name))
    derivation = Derivation(anchor=anchor_date, anchor_label=label, direction=direction, amount=duration.amount,
                            unit=duration.unit, rule=clock.rule_text(duration.unit), computed=clock.last_day(due),
                            region=ctx.calendar.region, notes=tuple(notes))
    return Deadline(clock.last_day(due), derivation), due


def lateness(ctx: Context, due_at: dt.datetime, event: Event) -> tuple[str | None, str]:
    """How late the act is (None: in time), and the time assumed for it when the log gives none."""
    at = clock.instant(event.date, event.time, _zone(ctx), missing="start")
    if at.at <= due_at:
        return None, at.assumed
    minutes = int((at.at - due_at).total_seconds() // 60)
    late = (tr("{hours} h {minutes} late (at {at}, due at {due})", hours=minutes // 60, minutes=f"{minutes % 60:02d}",
               at=at.shown(), due=clock.shown_due(due_at)))
    return late, at.assumed


def with_assumed(text: str, assumed: str) -> str:
    """``text`` followed by the time assumed for an act without one, in parentheses."""
    return tr("{text} ({assumed})", text=text, assumed=assumed) if assumed else text
