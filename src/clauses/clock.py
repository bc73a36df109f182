"""Limits in hours, in the convention's time zone (issue 10, item 4): « dans les 72 heures »,
« dans les vingt-quatre heures ouvrables », « au moins 48 heures avant chaque réunion ».

The rules (docs/language.md, *Limits in hours*):

- an hour is elapsed time: 72 hours from 10:00 on the Saturday before the end of summer time is
  71 wall-clock hours later (instants are counted in UTC, shown in the convention's zone);
- `heures ouvrables` count only the hours of jours ouvrables (Monday to Saturday except public
  holidays), every hour of such a day; `heures ouvrées` those of jours ouvrés (Monday to Friday
  except public holidays). A limit in business hours that starts on a Sunday starts counting at
  midnight on the next business day;
- a limit in hours ends at an instant, never moved by CPC art. 642 (which extends a limit's last
  *day*);
- the log's times without an offset are wall-clock times in the convention's zone (`fuseau`,
  Europe/Paris by default); a time with an offset (`Z`, `+02:00`) is that instant;
- an event logged without a time: a trigger is taken at the end of its day (24:00) and an act at
  the start of its day (00:00): no breach rests on a time the log does not give, and `--explain`
  says which time was assumed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from clauses.i18n import tr
from clauses.timelimits import Calendar, Unit

DEFAULT_ZONE = "Europe/Paris"
HOUR_UNITS = (Unit.HOURS, Unit.BUSINESS_HOURS, Unit.WORKING_HOURS)
_UTC = dt.timezone.utc


def zone_problem(name: str) -> str | None:
    """Why ``name`` is not a time zone zoneinfo knows, or None."""
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        return tr("unknown time zone `{name}`", name=name)
    return None


@lru_cache(maxsize=64)
def zone(name: str | None) -> ZoneInfo:
    return ZoneInfo(name or DEFAULT_ZONE)


@dataclass(frozen=True)
class When:
    """An event's instant, and the time assumed when the log gives none."""

    at: dt.datetime          # aware, in the convention's zone
    assumed: str = ""        # "" when the log gives the time

    def shown(self) -> str:
        return self.at.strftime("%Y-%m-%d %H:%M")


def instant(date: dt.date, time: dt.time | None, tz: ZoneInfo, *, missing: str) -> When:
    """The instant of an event: its time (an offset, else the convention's zone); without a time,
    the start (``missing="start"``) or the end (``"end"``) of its day, said in ``assumed``."""
    if time is None:
        day = date if missing == "start" else date + dt.timedelta(days=1)
        at = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
        words = (tr("no time recorded: taken at 00:00, the start of {date}", date=date) if missing == "start" else
                 tr("no time recorded: taken at 24:00, the end of {date}", date=date))
        return When(at, words)
    if time.tzinfo is not None:
        return When(dt.datetime.combine(date, time).astimezone(tz))
    return When(dt.datetime.combine(date, time, tzinfo=tz))


def last_day(at: dt.datetime) -> dt.date:
    """The day an instant ends a limit on: midnight belongs to the day it ends (24:00)."""
    return (at - dt.timedelta(microseconds=1)).date() if at.timetz().replace(tzinfo=None) == dt.time(0) else at.date()


def shown_due(at: dt.datetime) -> str:
    """A due instant as a person reads it: midnight is 24:00 of the day that ends."""
    if at.timetz().replace(tzinfo=None) == dt.time(0):
        return f"{last_day(at).isoformat()} 24:00"
    return at.strftime("%Y-%m-%d %H:%M")


def _midnight_after(at: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(at.astimezone(tz).date() + dt.timedelta(days=1), dt.time(0), tzinfo=tz)


def _midnight_of(at: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(at.astimezone(tz).date(), dt.time(0), tzinfo=tz)


def _qualifies(unit: Unit, calendar: Calendar) -> Callable[[dt.date], bool] | None:
    if unit is Unit.BUSINESS_HOURS:
        return calendar.is_business_day
    if unit is Unit.WORKING_HOURS:
        return calendar.is_working_day
    return None


def shift(start: dt.datetime, hours: int, unit: Unit, calendar: Calendar, tz: ZoneInfo,
          sign: int = 1) -> dt.datetime:
    """``hours`` of elapsed time after (sign 1) or before (sign -1) ``start``, counting only the hours
    of business (working) days for those units; DST-correct (the arithmetic is done in UTC)."""
    qualifies = _qualifies(Unit(unit), calendar)
    if qualifies is None:
        return (start.astimezone(_UTC) + sign * dt.timedelta(hours=hours)).astimezone(tz)
    remaining = dt.timedelta(hours=hours)
    cursor = start
    while True:
        if sign > 0:
            bound = _midnight_after(cursor, tz)
            day = cursor.astimezone(tz).date()
        else:
            bound = _midnight_of(cursor, tz)
            if bound == cursor:     # at midnight going back: the previous day is the one counted
                bound = _midnight_of(cursor - dt.timedelta(seconds=1), tz)
            day = bound.date()
        available = abs(bound.astimezone(_UTC) - cursor.astimezone(_UTC))
        if qualifies(day):
            if remaining <= available:
                return (cursor.astimezone(_UTC) + sign * remaining).astimezone(tz)
            remaining -= available
        cursor = bound


def rule_text(unit: Unit) -> str:
    if unit is Unit.BUSINESS_HOURS:
        return tr("heures ouvrables: only the hours of Monday to Saturday except public holidays count, every hour "
                  "of such a day; elapsed time in the convention's zone; a limit in hours ends at an hour and is "
                  "never moved by CPC art. 642")
    if unit is Unit.WORKING_HOURS:
        return tr("heures ouvrées: only the hours of Monday to Friday except public holidays count, every hour of "
                  "such a day; elapsed time in the convention's zone; a limit in hours ends at an hour and is never "
                  "moved by CPC art. 642")
    return tr("hours of elapsed time in the convention's zone (a change of summer time is counted as it happens); "
              "a limit in hours ends at an hour and is never moved by CPC art. 642")
