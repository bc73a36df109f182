"""Lowering of the time of day a limit's last day ends at (issue 10, item 4): `avant 12 heures`,
`avant midi`, `à 18 h 30`, `au plus tard à 18:30`, `before 12:00`, `no later than noon`.

A mixin of :class:`clauses.language.lower._Lower` (one method per rule of the ``time of day`` section
of ``clauses.lark``); the duty's field is ``time_of_day`` (:class:`clauses.language.model.TimeOfDay`).
Values are checked here: a time of day runs from 00:00 to 23:59 (V033).
"""

from __future__ import annotations

import re
from typing import Any

from lark import Token

from clauses.i18n import tr
from clauses.language import model as m


def _tokens(children: list) -> list[Token]:
    return [c for c in children if isinstance(c, Token)]


class TimeLowering:
    """Rule methods for the time of day of a limit (mixed into ``_Lower``)."""

    def _time_item(self, meta: Any, children: list, before: bool) -> Any:
        from clauses.language.lower import Item

        clock = next(c for c in children if isinstance(c, tuple) and not isinstance(c, Item))
        hour, minute, span = clock
        span = span or self.mspan(meta)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            self.report("V033", tr("{hour}:{minute} is not a time of day: hours run from 0 to 23, minutes from 0 "
                                   "to 59", hour=hour, minute=f"{minute:02d}"), span,
                        tr("a limit of 24 hours is written `dans les 24 heures à compter de X`; the end of the day "
                           "needs no time (a limit in days ends at 24:00)"))
            hour, minute = min(hour, 23), min(minute, 59)
        return Item("time_of_day", m.TimeOfDay(hour=hour, minute=minute, before=before, span=self.mspan(meta)),
                    self.mspan(meta))

    def time_before(self, meta: Any, children: list) -> Any:
        return self._time_item(meta, children, True)

    def time_at_latest(self, meta: Any, children: list) -> Any:
        return self._time_item(meta, children, False)

    def clock_hours(self, meta: Any, children: list) -> tuple[int, int, Any]:
        numbers = [t for t in _tokens(children) if t.type == "NUMBER"]
        hour = self.integer(numbers[0])
        minute = self.integer(numbers[1]) if len(numbers) > 1 else 0
        return hour, minute, self.mspan(meta)

    def clock_digits(self, meta: Any, children: list) -> tuple[int, int, Any]:
        token = _tokens(children)[0]
        hour, _, minute = re.split(r"([:hH])", str(token), maxsplit=1)
        return int(hour), int(minute or 0), self.tspan(token)

    def clock_noon(self, meta: Any, children: list) -> tuple[int, int, Any]:
        return 12, 0, self.mspan(meta)
