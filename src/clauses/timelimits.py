"""French time limits (délais): the only place in the project that does date arithmetic.

Rules of the Code de procédure civile, applied by analogy to contractual limits:

- art. 640: a limit runs from the act, event or notification that starts it;
- art. 641: in days, the starting day does not count; in months/years, the limit ends on
  the day bearing the same number, else on the last day of the month; months then days;
- art. 642: a limit ending on a Saturday, Sunday or public holiday is extended to the next
  working day (never for backward limits: that would shorten the notice owed);
- art. 668/669: a postal notification dates from sending for the sender, from receipt
  (the date the post affixes on an LRAR) for the addressee.

Every computed date carries a :class:`Derivation` saying how it was obtained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from calendar import monthrange
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from typing import Any, Callable, Literal

from clauses.i18n import Weekday, joined, made, tr, trn
from clauses.publicholidays import holidays_of

_ONE_DAY = timedelta(days=1)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Unit(str, Enum):
    DAYS = "days"  # calendar days, art. 641
    CLEAR_DAYS = "clear_days"  # jours francs
    WORKING_DAYS = "working_days"  # jours ouvrés: Mon-Fri minus holidays
    BUSINESS_DAYS = "business_days"  # jours ouvrables: Mon-Sat minus holidays
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"
    HOURS = "hours"  # notice: limits in hours (clauses/clock.py), elapsed time in the convention's zone
    BUSINESS_HOURS = "business_hours"  # heures ouvrables: hours of jours ouvrables only
    WORKING_HOURS = "working_hours"  # heures ouvrées: hours of jours ouvrés only


class MonthRule(str, Enum):
    LAST_DAY = "last_day"  # art. 641: same-numbered day, else last day of the month
    FIRST_OF_NEXT = "first_of_next"  # round up to the first day of the next month
    STRICT = "strict"  # refuse: raise AmbiguousDate


class Region(str, Enum):
    METROPOLE = "metropole"
    ALSACE_MOSELLE = "alsace-moselle"


class Direction(str, Enum):
    FORWARD = "forward"
    BACKWARD = "backward"


class AmbiguousDate(ValueError):
    """A month/year addition reached a day that does not exist and no rule was chosen."""

    def __init__(self, start: date, months: int, target: str, last_day: date,
                 first_of_next: date) -> None:
        self.candidates = (last_day, first_of_next)
        #: the same sentence as a message, for reports in another language (``str(err)`` is its English)
        self.message = trn("{start} shifted by {n} month gives {target}, which does not exist: either {last} (last "
                           "day of the month, CPC art. 641) or {first} (first day of the next month); choose a month "
                           "rule",
                           "{start} shifted by {n} months gives {target}, which does not exist: either {last} (last "
                           "day of the month, CPC art. 641) or {first} (first day of the next month); choose a month "
                           "rule", abs(months), n=months, start=start, target=target, last=last_day,
                           first=first_of_next)
        super().__init__(str.__str__(self.message))


def weekday_name(d: date) -> str:
    """English name of the day of the week."""
    return _WEEKDAYS[d.weekday()]


def _fmt(d: date) -> Weekday:
    return Weekday.of(d)


# --------------------------------------------------------------------------- calendar

# holidays (>= 0.50) models Alsace-Moselle as two subdivisions of FR with the same extra days
# (Good Friday, 26 December): "57" (Moselle) and "6AE" (Collectivité européenne d'Alsace,
# départements 67 and 68). "Alsace-Moselle" itself is a deprecated subdivision name.
_SUBDIVISIONS: dict[Region, tuple[str | None, ...]] = {
    Region.METROPOLE: (None,),
    Region.ALSACE_MOSELLE: ("57", "6AE"),
}


_SATURDAY, _SUNDAY = tr("a Saturday"), tr("a Sunday")


class Calendar:
    """Public holidays and working days of a region (CPC art. 642). Years load lazily."""

    def __init__(self, region: Region) -> None:
        self.region = Region(region)
        # expand=True (the default): any year asked for is populated on first lookup.
        self._sources = tuple(holidays_of(s) for s in _SUBDIVISIONS[self.region])
        self._reasons: dict[date, str | None] = {}               # non_working_reason, day by day
        self.extensions: dict[date, tuple[Adjustment, ...]] = {}  # the CPC art. 642 steps off a day (_extend)

    @classmethod
    def for_region(cls, region: Region | str) -> Calendar:
        """The shared, cached calendar of a region."""
        return _calendar(Region(region))

    def is_holiday(self, d: date) -> str | None:
        """The public holiday's name on ``d``, or None."""
        for source in self._sources:
            name = source.get(d)
            if name:
                return name
        return None

    def is_working_day(self, d: date) -> bool:
        """Mon-Fri and not a public holiday: the working day of art. 642 (jour ouvré)."""
        return d.weekday() < 5 and self.is_holiday(d) is None

    def is_business_day(self, d: date) -> bool:
        """Mon-Sat and not a public holiday (jour ouvrable)."""
        return d.weekday() < 6 and self.is_holiday(d) is None

    def non_working_reason(self, d: date) -> str | None:
        """Why ``d`` is not a working day ("a Saturday", "a public holiday (Noël)"), or None (worked out
        once per day)."""
        try:
            return self._reasons[d]
        except KeyError:
            why = self._reasons[d] = self._non_working_reason(d)
            return why

    def _non_working_reason(self, d: date) -> str | None:
        holiday = self.is_holiday(d)
        parts = [_SATURDAY if d.weekday() == 5 else _SUNDAY] if d.weekday() >= 5 else []
        if holiday:
            parts.append(tr("a public holiday ({holiday})", holiday=holiday))
        return joined(parts, tr("{a} and {b}").template) or None

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.step(d, 1, self.is_working_day)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        return self.step(d, -1, self.is_working_day)

    @staticmethod
    def step(d: date, n: int, qualifies: Callable[[date], bool]) -> date:
        """Move ``|n|`` qualifying days after (n > 0) or before (n < 0) ``d`` (not counted)."""
        delta = _ONE_DAY if n >= 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            d += delta
            if qualifies(d):
                remaining -= 1
        return d


@lru_cache(maxsize=None)
def _calendar(region: Region) -> Calendar:
    return Calendar(region)


# --------------------------------------------------------------------------- arithmetic


def _months_later(d: date, months: int) -> date:
    """The same day ``months`` calendar months later (earlier when negative), the month's last day when
    it is shorter (31 March + 1 month: 30 April)."""
    year, month = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(year, month + 1, min(d.day, monthrange(year, month + 1)[1]) if d.day > 28 else d.day)


@lru_cache(maxsize=65536)
def add_period(
    d: date, years: int = 0, months: int = 0, days: int = 0, rule: MonthRule = MonthRule.LAST_DAY
) -> date:
    """Add years and months first, then days (CPC art. 641 "months and days").

    When the same-numbered day does not exist in the target month, ``rule`` decides:
    LAST_DAY (art. 641) takes the month's last day, FIRST_OF_NEXT the next month's first,
    STRICT raises :class:`AmbiguousDate`.
    """
    total = 12 * years + months
    shifted = _months_later(d, total)
    if shifted.day != d.day:
        first_of_next = shifted + _ONE_DAY
        if rule is MonthRule.STRICT:
            target = f"{shifted.year:04d}-{shifted.month:02d}-{d.day:02d}"
            raise AmbiguousDate(d, total, target, shifted, first_of_next)
        if rule is MonthRule.FIRST_OF_NEXT:
            shifted = first_of_next
    return shifted + timedelta(days=days)


def days_between(a: date, b: date) -> int:
    """Signed number of days from ``a`` to ``b`` (``b - a``)."""
    return (b - a).days


def clear_days_between(a: date, b: date) -> int:
    """Whole days strictly between ``a`` and ``b`` (jours francs); 0 unless a < b - 1."""
    return max(days_between(a, b) - 1, 0)


def notification_date(
    sent: date, received: date | None, party: Literal["sender", "addressee"]
) -> date:
    """Date of a postal notification: sending for the sender (CPC art. 668), receipt for
    the addressee, i.e. the date the post affixes on delivering an LRAR (art. 669)."""
    if party == "sender":
        return sent
    if received is None:
        raise ValueError("the addressee's limit runs from receipt (CPC art. 668/669): no date")
    return received


# --------------------------------------------------------------------------- derivations


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One move of a date, with the reason (e.g. an art. 642 extension)."""

    from_date: date
    to_date: date
    reason: str


@dataclass(frozen=True, slots=True)   # one per limit computed: a long log's duties make one each
class Derivation:
    """How a date was computed: anchor, count, rule, then adjustments."""

    anchor: date
    anchor_label: str
    direction: Direction
    amount: int
    unit: Unit
    rule: str
    computed: date  # the date before any adjustment
    region: Region
    month_rule: MonthRule | None = None
    adjustments: tuple[Adjustment, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def result(self) -> date:
        return self.adjustments[-1].to_date if self.adjustments else self.computed

    def explain(self) -> list[str]:
        """Human-readable lines, in English."""
        from clauses.language.model import Duration

        anchor = (tr("{date} ({label})", date=_fmt(self.anchor), label=self.anchor_label) if self.anchor_label
                  else _fmt(self.anchor))
        amount = Duration.model_construct(amount=self.amount, unit=self.unit)   # valid already: no schema built
        if self.direction is Direction.BACKWARD:
            first = tr("Anchor: {anchor}; CPC art. 640: the limit is counted back from it.", anchor=anchor)
            count = tr("{amount} before the anchor: {rule}.", amount=amount, rule=self.rule)
        else:
            first = tr("Anchor: {anchor}; CPC art. 640: the limit runs from it.", anchor=anchor)
            count = tr("{amount} after the anchor: {rule}.", amount=amount, rule=self.rule)
        lines = [first, count, tr("Computed date: {date}.", date=_fmt(self.computed))]
        lines += [a.reason for a in self.adjustments]
        lines += list(self.notes)
        lines.append(tr("Result: {date} ({region} calendar).", date=_fmt(self.result), region=self.region.value))
        return lines

    def to_json(self) -> dict[str, Any]:
        return {
            "anchor": self.anchor.isoformat(),
            "anchor_label": made(self.anchor_label),
            "direction": self.direction.value,
            "amount": self.amount,
            "unit": self.unit.value,
            "rule": self.rule,
            "month_rule": self.month_rule.value if self.month_rule else None,
            "region": self.region.value,
            "computed": self.computed.isoformat(),
            "adjustments": [
                {"from": a.from_date.isoformat(), "to": a.to_date.isoformat(), "reason": a.reason}
                for a in self.adjustments
            ],
            "notes": list(self.notes),
            "result": self.result.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed date (last day of a forward limit, latest date of a backward one)."""

    date: date
    derivation: Derivation


_UNIT_RULES = {
    Unit.DAYS: tr("CPC art. 641: a limit in days starts the day after the event"),
    Unit.CLEAR_DAYS: tr("jours francs: neither the day of the event (CPC art. 641) nor the "
                        "closing day counts, so N whole days lie strictly between"),
    Unit.WORKING_DAYS: tr("jours ouvrés: Monday to Friday except public holidays, the day of the "
                          "event not counted (CPC art. 641)"),
    Unit.BUSINESS_DAYS: tr("jours ouvrables: Monday to Saturday except public holidays, the day "
                           "of the event not counted (CPC art. 641)"),
    Unit.WEEKS: tr("a week is 7 days, the day of the event not counted (CPC art. 641 by analogy)"),
}
_MONTH_RULES = {
    MonthRule.LAST_DAY: tr("failing that number, on the last day of the month"),
    MonthRule.FIRST_OF_NEXT: tr("failing that number, on the first day of the next month "
                                "(rule chosen by the clause, not art. 641's)"),
    MonthRule.STRICT: tr("a missing day number is refused as ambiguous"),
}


def _rule_text(unit: Unit, month_rule: MonthRule) -> str:
    if unit in _UNIT_RULES:
        return _UNIT_RULES[unit]
    return (tr("CPC art. 641: a limit in months ends on the day bearing the same number as the starting day; {rule}",
               rule=_MONTH_RULES[month_rule]) if unit is Unit.MONTHS else
            tr("CPC art. 641: a limit in years ends on the day bearing the same number as the starting day; {rule}",
               rule=_MONTH_RULES[month_rule]))


def _count(anchor: date, amount: int, sign: int, unit: Unit, calendar: Calendar,
           rule: MonthRule) -> date:
    """Raw count of ``amount`` units after (sign 1) or before (sign -1) the anchor."""
    n = sign * amount
    if unit is Unit.DAYS:
        return anchor + timedelta(days=n)
    if unit is Unit.CLEAR_DAYS:
        return anchor + timedelta(days=n + sign)
    if unit is Unit.WEEKS:
        return anchor + timedelta(weeks=n)
    if unit is Unit.WORKING_DAYS:
        return Calendar.step(anchor, n, calendar.is_working_day)
    if unit is Unit.BUSINESS_DAYS:
        return Calendar.step(anchor, n, calendar.is_business_day)
    if unit is Unit.MONTHS:
        return add_period(anchor, months=n, rule=rule)
    return add_period(anchor, years=n, rule=rule)


def _checked(amount: int, unit: Unit, month_rule: MonthRule) -> tuple[Unit, MonthRule]:
    """The unit and month rule of a limit a date can end (ValueError otherwise)."""
    if amount < 0:
        raise ValueError(f"a time limit cannot be negative: {amount}")
    # members are passed as they are (an Enum call costs more than the derivation); their values are converted
    unit = unit if type(unit) is Unit else Unit(unit)
    month_rule = month_rule if type(month_rule) is MonthRule else MonthRule(month_rule)
    if unit in (Unit.HOURS, Unit.BUSINESS_HOURS, Unit.WORKING_HOURS):
        raise ValueError(f"a limit in {unit.value.replace('_', ' ')} ends at an instant: clauses.clock counts it")
    return unit, month_rule


def _derive(anchor: date, amount: int, unit: Unit, calendar: Calendar, label: str,
            direction: Direction, month_rule: MonthRule, adjust: Callable[[date], tuple[tuple[Adjustment, ...],
                                                                                   tuple[str, ...]]]) -> Derivation:
    """The derivation of a limit; ``adjust`` gives the adjustments and notes of its computed date."""
    unit, month_rule = _checked(amount, unit, month_rule)
    sign = -1 if direction is Direction.BACKWARD else 1
    monthly = unit in (Unit.MONTHS, Unit.YEARS)
    computed = _count(anchor, amount, sign, unit, calendar, month_rule)
    adjustments, notes = adjust(computed)
    return Derivation(anchor, label, direction, amount, unit, _rule_text(unit, month_rule), computed,
                      calendar.region, month_rule if monthly else None, adjustments, notes)


def _extend(d: date, calendar: Calendar) -> tuple[Adjustment, ...]:
    """CPC art. 642: move a last day off weekends and holidays, one named step at a time (worked out
    once per day and calendar: most days need none, and a log's limits end on the same days again)."""
    steps = calendar.extensions.get(d)
    if steps is None:
        steps = calendar.extensions[d] = _extension(d, calendar)
    return steps


def _extension(d: date, calendar: Calendar) -> tuple[Adjustment, ...]:
    steps: list[Adjustment] = []
    while (why := calendar.non_working_reason(d)) is not None:
        to = d + _ONE_DAY
        while d.weekday() >= 5 and to.weekday() >= 5:  # a weekend is skipped in one step
            to += _ONE_DAY
        reason = (tr("{date} is {why} → extended to the next working day ({to}), CPC art. 642", date=d, why=why,
                     to=_fmt(to)) if calendar.is_working_day(to) else
                  tr("{date} is {why} → extended to the next day ({to}), CPC art. 642", date=d, why=why, to=_fmt(to)))
        steps.append(Adjustment(d, to, reason))
        d = to
    return tuple(steps)


def forward(
    anchor: date, amount: int, unit: Unit, *, calendar: Calendar, anchor_label: str = "",
    extend: bool = True, month_rule: MonthRule = MonthRule.LAST_DAY,
) -> Deadline:
    """"Within N units of the anchor": the last day of the limit (CPC art. 640-642)."""
    d = _derive(anchor, amount, unit, calendar, anchor_label, Direction.FORWARD, month_rule,
                (lambda computed: (_extend(computed, calendar), ())) if extend else
                (lambda computed: ((), _not_extended(computed, calendar))))
    return Deadline(d.result, d)


def _not_extended(computed: date, calendar: Calendar) -> tuple[str, ...]:
    """The note of a forward limit the clause keeps off CPC art. 642, when it ends on a day off."""
    why = calendar.non_working_reason(computed)
    if why is None:
        return ()
    return (tr("{date} is {why}; not extended: the clause excludes the CPC art. 642 extension.",
               date=computed, why=why),)


def forward_date(anchor: date, amount: int, unit: Unit, *, calendar: Calendar,
                 month_rule: MonthRule = MonthRule.LAST_DAY) -> date:
    """``forward(..., extend=False).date`` without its derivation (the messages that explain it): how
    terms and renewals are counted, a hundred times for a term renewed without limit. Raises as
    ``forward`` does (``tests/test_lint_speedups.py`` compares the two)."""
    unit, month_rule = _checked(amount, unit, month_rule)
    return _count(anchor, amount, 1, unit, calendar, month_rule)


def backward(
    anchor: date, amount: int, unit: Unit, *, calendar: Calendar, anchor_label: str = "",
    month_rule: MonthRule = MonthRule.LAST_DAY,
) -> Deadline:
    """"At least N units before the anchor": the latest permissible date. Never extended:
    CPC art. 642 does not apply to backward limits (it would shorten the notice owed)."""
    d = _derive(anchor, amount, unit, calendar, anchor_label, Direction.BACKWARD, month_rule,
                lambda computed: ((), _backward_notes(computed, calendar)))
    return Deadline(d.result, d)


def _backward_notes(computed: date, calendar: Calendar) -> tuple[str, ...]:
    notes = [tr("CPC art. 642 does not apply to a backward limit: extending it would shorten "
                "the notice owed, so the date is never moved.")]
    if (why := calendar.non_working_reason(computed)) is not None:
        notes.append(tr("{date} is {why}; it stays the latest permissible date.", date=computed, why=why))
    return tuple(notes)


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    """A period of a recurring duty; both ends inclusive."""

    start: date
    end: date


def periods(
    start: date, end: date, months: int, anchoring: Literal["calendar", "term"] = "calendar"
) -> list[Period]:
    """Split [start, end] into periods of ``months`` months.

    "calendar": periods aligned on 1 January (12 year, 6 semester, 3 quarter, 2, 1 month),
    first and last clipped to [start, end]. "term": consecutive periods from ``start``, the
    k-th starting at start + k*months (add_period, LAST_DAY, so month ends do not drift).
    """
    if end < start:
        raise ValueError(f"period end {end.isoformat()} is before its start {start.isoformat()}")
    if months <= 0:
        raise ValueError(f"a period must last at least one month, not {months}")
    if anchoring == "calendar":
        if 12 % months:
            raise ValueError(f"calendar periods of {months} months do not divide the year")
        origin = date(start.year, 1, 1)
        k = (start.month - 1) // months
    elif anchoring == "term":
        origin, k = start, 0
    else:
        raise ValueError(f"unknown anchoring {anchoring!r}: expected 'calendar' or 'term'")
    out: list[Period] = []
    while (p_start := add_period(origin, months=k * months)) <= end:
        p_end = add_period(origin, months=(k + 1) * months, days=-1)
        out.append(Period(max(p_start, start), min(p_end, end)))
        k += 1
    return out


# --------------------------------------------------------------------------- comparing durations

#: the fewest and the most calendar days one unit can last, wherever it starts (a month is 28 to 31
#: days, a year 365 or 366, a working day 1 to 3 — the Friday before a weekend —, 5 with holidays)
_UNIT_DAYS = {Unit.DAYS: (1, 1), Unit.CLEAR_DAYS: (1, 1), Unit.WORKING_DAYS: (1, 5), Unit.BUSINESS_DAYS: (1, 4),
              Unit.WEEKS: (7, 7), Unit.MONTHS: (28, 31), Unit.YEARS: (365, 366)}


def day_range(amount: int, unit: Unit, plus: tuple[int, Unit] | None = None) -> tuple[int, int]:
    """The fewest and the most calendar days ``amount unit`` (+ ``plus``) can last: two durations
    in different units compare for certain only when these ranges do not overlap."""
    low, high = (amount * n for n in _UNIT_DAYS.get(Unit(unit), (0, 0)))
    if plus is not None:
        more = day_range(*plus)
        low, high = low + more[0], high + more[1]
    return low, high


_EXACT = {Unit.MONTHS: ("months", 1), Unit.YEARS: ("months", 12), Unit.DAYS: ("days", 1), Unit.WEEKS: ("days", 7)}


def longer(a: tuple[int, Unit], b: tuple[int, Unit]) -> bool | None:
    """Whether ``a`` is certainly longer than ``b`` (True), certainly not (False), or it depends on
    the day it starts (None): months and years compare exactly (a year is 12 months, CPC art. 641),
    days and weeks too; across the two, on their fewest and most days."""
    (na, ua), (nb, ub) = (a[0], Unit(a[1])), (b[0], Unit(b[1]))
    if ua in _EXACT and ub in _EXACT and _EXACT[ua][0] == _EXACT[ub][0]:
        return na * _EXACT[ua][1] > nb * _EXACT[ub][1]
    (low, high), (b_low, b_high) = day_range(na, ua), day_range(nb, ub)
    return True if low > b_high else False if high <= b_low else None


# --------------------------------------------------------------------------- parsing

_DURATION = re.compile(r"\s*([0-9]+)\s*([dwmy])\s*", re.IGNORECASE)
_DURATION_UNITS = {"d": Unit.DAYS, "w": Unit.WEEKS, "m": Unit.MONTHS, "y": Unit.YEARS}


def parse_duration(text: str) -> tuple[int, Unit]:
    """Parse a CLI horizon such as "90d", "2w", "3m" or "1y"."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValueError(
            f"invalid duration {text!r}: expected a whole number followed by "
            "d (days), w (weeks), m (months) or y (years), e.g. 90d, 2w, 3m, 1y"
        )
    return int(match.group(1)), _DURATION_UNITS[match.group(2).lower()]


# --------------------------------------------------------------------------- inclusive periods


def inclusive_end(last_day: date, label: str, region: Region) -> Deadline:
    """``du … au 2025-08-29``: the last day is in force; the term ends when it does (at
    midnight, CPC art. 642 "every limit ends on its last day at midnight"), so the first day
    out of force is the next one. Never extended: the text names its last day."""
    derivation = Derivation(
        anchor=last_day, anchor_label=label, direction=Direction.FORWARD, amount=1, unit=Unit.DAYS,
        rule="the last day stated is inclusive: it is in force until midnight, and the term ends "
             "at the start of the next day",
        computed=last_day + _ONE_DAY, region=region)
    return Deadline(derivation.result, derivation)


def last_day_in_force(end: date) -> date:
    """The last day in force of a term that ends at the start of ``end``."""
    return end - _ONE_DAY


# --------------------------------------------------------------------------- suspension


def suspend(deadline: Deadline, start: date, end: date, label: str, *, calendar: Calendar,
            extend: bool = True) -> Deadline:
    """A limit suspended from ``start`` (inclusive) until ``end`` (the day it resumes): the time
    already run is kept, and the days the suspension took out of the limit are added to its
    end (Code civil art. 2230, by analogy: suspension stops the running without erasing it).
    A forward limit moved onto a non-working day is extended again (CPC art. 642)."""
    due = deadline.date
    days = max((end - start).days, 0)
    moved = due + timedelta(days=days)
    steps = [Adjustment(due, moved, tr("suspended from {start} to {end} ({label}): the limit stops running and "
                                       "resumes, {added} → {date}", start=start, end=end, label=label,
                                       added=trn("{days} day added", "{days} days added", days, days=days),
                                       date=_fmt(moved)))]
    if extend and deadline.derivation.direction is Direction.FORWARD:
        steps += _extend(moved, calendar)
    derivation = replace(deadline.derivation, adjustments=deadline.derivation.adjustments + tuple(steps))
    return Deadline(derivation.result, derivation)


# --------------------------------------------------------------------------- dates after a period


def annual_due(year: int, years_after: int, month: int, day: int, inclusive: bool, region: Region,
               month_end: bool = False, accounted: Any = "") -> Deadline:
    """The due date for calendar year ``year`` of "au plus tard le 30 avril de chaque année pour
    l'année précédente" (``years_after`` 1, inclusive) or "avant le 1er février de l'année
    suivante" (exclusive: the last day that counts is the day before). A 29 February in a
    common year is the 28th (the last day of the month, CPC art. 641 by analogy). ``month_end``:
    "avant la fin du mois de janvier", the month's last day (the end of a month is a moment: its
    last day counts). ``accounted`` names what the year accounts for when it is not the whole year."""
    target = year + years_after
    last = (date(target, month % 12 + 1, 1) if month < 12 else date(target + 1, 1, 1)) - _ONE_DAY
    named = last if month_end else date(target, month, min(day, last.day))
    notes = (tr("{year} has no {day}: the last day of the month counts", year=target,
                day=f"{day:02d}-{month:02d}"),) if day > last.day and not month_end else ()
    computed = named if inclusive or month_end else named - _ONE_DAY
    what = accounted or tr("the year {year}", year=year)
    if month_end:
        rule = tr("the end of the month, its last day {date} ({what} accounted for), inclusive", date=named, what=what)
    else:
        rule = (tr("the {date} of the year after {what} accounted for", date=named, what=what) if years_after
                else tr("the {date} of {what} accounted for", date=named, what=what) if not accounted
                else tr("the {date} of the year {year} ({what} accounted for)", date=named, year=year, what=what))
        rule = _inclusion(rule, inclusive)
    derivation = Derivation(anchor=date(year, 12, 31), anchor_label=tr("{what} accounted for", what=what),
                            direction=Direction.FORWARD, amount=0, unit=Unit.DAYS, rule=rule, computed=computed,
                            region=region, notes=notes)
    return Deadline(derivation.result, derivation)


def _inclusion(rule: Any, inclusive: bool) -> Any:
    return (tr("{rule}, inclusive", rule=rule) if inclusive else
            tr("{rule}: `avant` excludes it, the last day that counts is the day before", rule=rule))


def point_due(point: date, label: str, rule: str, region: Region, inclusive: bool = True) -> Deadline:
    """A limit on a calendar point (issue 10 item 5): the point itself ("au plus tard le dernier jour
    du trimestre précédent"), or the day before it ("avant le début": `avant` excludes the point)."""
    computed = point if inclusive else point - _ONE_DAY
    derivation = Derivation(anchor=point, anchor_label=label, direction=Direction.FORWARD, amount=0, unit=Unit.DAYS,
                            rule=_inclusion(rule, inclusive), computed=computed, region=region)
    return Deadline(derivation.result, derivation)
