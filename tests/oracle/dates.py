"""The reference evaluator's own date arithmetic: nothing from ``clauses.timelimits`` but its enums.

Written independently of the engine, the slow obvious way, so that a fault in the engine's
date arithmetic shows up as a disagreement (issue 9 item 13):

- days are stepped one at a time (calendar days, clear days, working and business days);
- months are counted on (year, month) pairs with this module's own month lengths and leap
  years: the same-numbered day, else the month's last day (CPC art. 641), or the first day of
  the next month, or :class:`NoSuchDay` (`jour manquant à signaler`);
- French public holidays are this module's own list (Easter by the anonymous Gregorian
  algorithm; Alsace-Moselle adds Good Friday and 26 December), cross-checked against the
  ``holidays`` package by tests/test_differential.py;
- CPC art. 642: a forward limit ending on a Saturday, Sunday or public holiday runs to the next
  working day; a backward limit is never moved.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from clauses.language import model as m
from clauses.timelimits import MonthRule, Region, Unit

ONE = dt.timedelta(days=1)


class NoSuchDay(ValueError):
    """A month count reached a day the month lacks, under `jour manquant à signaler`."""


def leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def easter(year: int) -> dt.date:
    """Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m_ = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m_ + 114) // 31
    day = (h + l_ - 7 * m_ + 114) % 31 + 1
    return dt.date(year, month, day)


@lru_cache(maxsize=None)
def public_holidays(region: Region, year: int) -> frozenset[dt.date]:
    """The French public holidays of a year (from 1990 on: the rules below are today's, with
    Whit Monday not a holiday in 2005-2007, the « journée de solidarité » years)."""
    sunday = easter(year)
    days = {dt.date(year, 1, 1), sunday + ONE, dt.date(year, 5, 1), dt.date(year, 5, 8),
            sunday + dt.timedelta(days=39), dt.date(year, 7, 14), dt.date(year, 8, 15),
            dt.date(year, 11, 1), dt.date(year, 11, 11), dt.date(year, 12, 25)}
    if not 2005 <= year <= 2007:
        days.add(sunday + dt.timedelta(days=50))
    if Region(region) is Region.ALSACE_MOSELLE:
        days |= {sunday - dt.timedelta(days=2), dt.date(year, 12, 26)}
    return frozenset(days)


class Days:
    """Which days are worked in a region."""

    def __init__(self, region: Region | str) -> None:
        self.region = Region(region)

    def holiday(self, d: dt.date) -> bool:
        return d in public_holidays(self.region, d.year)

    def working(self, d: dt.date) -> bool:       # jour ouvré: Monday to Friday, not a holiday
        return d.weekday() < 5 and not self.holiday(d)

    def business(self, d: dt.date) -> bool:      # jour ouvrable: Monday to Saturday, not a holiday
        return d.weekday() < 6 and not self.holiday(d)


def shift_months(d: dt.date, months: int, rule: MonthRule | None = None) -> dt.date:
    """``d`` moved by whole months, counted on (year, month) pairs."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    length = month_length(year, month)
    if d.day <= length:
        return dt.date(year, month, d.day)
    rule = rule or MonthRule.LAST_DAY
    if rule is MonthRule.STRICT:
        raise NoSuchDay(f"{year:04d}-{month:02d}-{d.day:02d} does not exist")
    if rule is MonthRule.FIRST_OF_NEXT:
        return dt.date(year, month, length) + ONE
    return dt.date(year, month, length)


def step(d: dt.date, n: int, sign: int, counts=lambda d: True) -> dt.date:
    """Walk ``n`` counting days after (sign 1) or before (sign -1) ``d``, one day at a time."""
    while n:
        d = d + ONE if sign > 0 else d - ONE
        if counts(d):
            n -= 1
    return d


def count(d: dt.date, amount: int, unit: Unit, sign: int, days: Days, rule: MonthRule | None) -> dt.date:
    unit = Unit(unit)
    if unit is Unit.DAYS:
        return step(d, amount, sign)
    if unit is Unit.CLEAR_DAYS:          # jours francs: neither the starting nor the last day counts
        return step(d, amount + 1, sign)
    if unit is Unit.WEEKS:
        return step(d, 7 * amount, sign)
    if unit is Unit.WORKING_DAYS:
        return step(d, amount, sign, days.working)
    if unit is Unit.BUSINESS_DAYS:
        return step(d, amount, sign, days.business)
    if unit is Unit.MONTHS:
        return shift_months(d, sign * amount, rule)
    return shift_months(d, sign * 12 * amount, rule)


def after(anchor: dt.date, duration: m.Duration, days: Days, extend: bool = True,
          rule: MonthRule | None = None) -> dt.date:
    """"Within N of the anchor": months (or the first part) first, then the rest; CPC art. 642
    moves the last day off weekends and holidays unless ``extend`` is False."""
    d = count(anchor, duration.amount, duration.unit, 1, days, rule)
    if duration.plus is not None:
        d = count(d, duration.plus.amount, duration.plus.unit, 1, days, rule)
    while extend and not days.working(d):
        d += ONE
    return d


def before(anchor: dt.date, duration: m.Duration, days: Days, rule: MonthRule | None = None) -> dt.date:
    """"At least N before the anchor": the latest permissible date, never moved."""
    d = count(anchor, duration.amount, duration.unit, -1, days, rule)
    if duration.plus is not None:
        d = count(d, duration.plus.amount, duration.plus.unit, -1, days, rule)
    return d
