"""Properties of clauses.timelimits over dates 1990-2100 (CPC art. 641/642)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clauses.timelimits import (
    AmbiguousDate,
    Calendar,
    MonthRule,
    Region,
    Unit,
    add_period,
    backward,
    clear_days_between,
    forward,
    periods,
)

PROFILE = settings(max_examples=200, deadline=None)  # modest, and no timing assertions

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
CALENDARS = st.sampled_from([Calendar.for_region(r) for r in Region])
AMOUNTS = {
    Unit.DAYS: 400, Unit.CLEAR_DAYS: 400, Unit.WORKING_DAYS: 60, Unit.BUSINESS_DAYS: 60,
    Unit.WEEKS: 60, Unit.MONTHS: 120, Unit.YEARS: 10,
}
# the units of date limits (limits in hours are counted to the instant by clauses.clock: tests/test_hours.py)
LIMITS = st.sampled_from(list(AMOUNTS)).flatmap(
    lambda u: st.tuples(st.just(u), st.integers(0, AMOUNTS[u])))


@PROFILE
@given(DATES, LIMITS, CALENDARS, st.booleans())
def test_forward_never_ends_before_anchor(anchor: date, limit: tuple[Unit, int],
                                          cal: Calendar, extend: bool) -> None:
    unit, amount = limit
    deadline = forward(anchor, amount, unit, calendar=cal, extend=extend)
    assert deadline.date >= anchor
    assert deadline.date == deadline.derivation.result


@PROFILE
@given(DATES, LIMITS, CALENDARS)
def test_extended_forward_lands_on_working_day(anchor: date, limit: tuple[Unit, int],
                                               cal: Calendar) -> None:
    unit, amount = limit
    deadline = forward(anchor, amount, unit, calendar=cal)
    assert cal.is_working_day(deadline.date)
    for adj in deadline.derivation.adjustments:
        assert adj.from_date < adj.to_date and "CPC art. 642" in adj.reason


@PROFILE
@given(DATES, st.integers(0, 400), CALENDARS)
def test_backward_clear_days_leave_exactly_n(anchor: date, n: int, cal: Calendar) -> None:
    deadline = backward(anchor, n, Unit.CLEAR_DAYS, calendar=cal)
    assert clear_days_between(deadline.date, anchor) == n
    assert deadline.derivation.adjustments == ()


@PROFILE
@given(DATES, LIMITS, CALENDARS)
def test_backward_never_after_anchor_nor_moved(anchor: date, limit: tuple[Unit, int],
                                               cal: Calendar) -> None:
    unit, amount = limit
    deadline = backward(anchor, amount, unit, calendar=cal)
    assert deadline.date <= anchor
    assert deadline.date == deadline.derivation.computed


@PROFILE
@given(DATES, st.integers(0, 1000), CALENDARS)
def test_forward_days_without_extension(anchor: date, n: int, cal: Calendar) -> None:
    assert forward(anchor, n, Unit.DAYS, calendar=cal, extend=False).date == anchor + timedelta(n)


@PROFILE
@given(DATES, st.integers(-240, 240))
def test_last_day_rule_never_overflows_the_month(start: date, months: int) -> None:
    result = add_period(start, months=months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    if result.day < start.day:  # clamped: must be the month's last day
        assert (result + timedelta(1)).day == 1


@PROFILE
@given(DATES, st.integers(-20, 20), st.integers(-240, 240))
def test_month_rules_agree_except_on_missing_days(start: date, years: int, months: int) -> None:
    low = add_period(start, years, months, rule=MonthRule.LAST_DAY)
    high = add_period(start, years, months, rule=MonthRule.FIRST_OF_NEXT)
    assert (high - low).days in (0, 1)
    try:
        assert add_period(start, years, months, rule=MonthRule.STRICT) == low == high
    except AmbiguousDate:
        assert high.day == 1 and low != high


@PROFILE
@given(DATES, st.integers(0, 2000), st.sampled_from([1, 2, 3, 4, 6, 12]))
def test_calendar_periods_tile_the_range(start: date, length: int, months: int) -> None:
    _check_tiling(start, start + timedelta(length), periods(start, start + timedelta(length),
                                                           months, "calendar"))


@PROFILE
@given(DATES, st.integers(0, 2000), st.integers(1, 24))
def test_term_periods_tile_the_range(start: date, length: int, months: int) -> None:
    end = start + timedelta(length)
    got = periods(start, end, months, "term")
    _check_tiling(start, end, got)
    assert all(p.start == add_period(start, months=k * months) for k, p in enumerate(got))


def _check_tiling(start: date, end: date, got: list) -> None:
    assert got and got[0].start == start and got[-1].end == end
    for p in got:
        assert p.start <= p.end
    for prev, nxt in zip(got, got[1:]):
        assert nxt.start == prev.end + timedelta(1)


# ----------------------------------------------------------------- issue 5 §2: for all dates
WORKING = {Unit.WORKING_DAYS: Calendar.is_working_day, Unit.BUSINESS_DAYS: Calendar.is_business_day}


@PROFILE
@given(DATES, st.integers(0, 400), CALENDARS)
def test_forward_clear_days_leave_exactly_n_clear_days(anchor: date, n: int, cal: Calendar) -> None:
    """Adding N jours francs and checking: exactly N whole days lie strictly between, before any
    art. 642 extension; the extension only moves the last day later."""
    raw = forward(anchor, n, Unit.CLEAR_DAYS, calendar=cal, extend=False)
    assert clear_days_between(anchor, raw.date) == n
    extended = forward(anchor, n, Unit.CLEAR_DAYS, calendar=cal)
    assert extended.date >= raw.date and clear_days_between(anchor, extended.date) >= n


@PROFILE
@given(DATES, LIMITS, CALENDARS)
def test_extension_never_moves_a_working_day_and_skips_no_working_day(anchor: date, limit: tuple[Unit, int],
                                                                      cal: Calendar) -> None:
    unit, amount = limit
    raw = forward(anchor, amount, unit, calendar=cal, extend=False).date
    extended = forward(anchor, amount, unit, calendar=cal).date
    if cal.is_working_day(raw):
        assert extended == raw
    else:  # the first working day after the computed date, none skipped
        assert extended == cal.next_working_day(raw)
        d = raw
        while d < extended:
            assert not cal.is_working_day(d)
            d += timedelta(1)


@PROFILE
@given(DATES, st.sampled_from(sorted(WORKING, key=lambda u: u.value)), st.integers(1, 60), CALENDARS,
       st.sampled_from([1, -1]))
def test_working_and_business_days_count_exactly_n_qualifying_days(anchor: date, unit: Unit, n: int,
                                                                   cal: Calendar, sign: int) -> None:
    """N jours ouvrés/ouvrables: the limit ends on a qualifying day, and exactly N qualifying days lie
    between the anchor (not counted) and it (counted), forward or backward."""
    qualifies = WORKING[unit]
    got = (forward(anchor, n, unit, calendar=cal, extend=False) if sign > 0
           else backward(anchor, n, unit, calendar=cal)).date
    assert qualifies(cal, got)
    lo, hi = (anchor, got) if sign > 0 else (got - timedelta(1), anchor - timedelta(1))
    counted, d = 0, lo + timedelta(1)
    while d <= hi:
        counted += qualifies(cal, d)
        d += timedelta(1)
    assert counted == n


@PROFILE
@given(DATES, DATES, LIMITS, CALENDARS, st.booleans())
def test_forward_is_monotonic_in_its_anchor(a: date, b: date, limit: tuple[Unit, int], cal: Calendar,
                                            extend: bool) -> None:
    """A later start never gives an earlier last day (months clamp, they never wrap)."""
    unit, amount = limit
    early, late = min(a, b), max(a, b)
    assert (forward(early, amount, unit, calendar=cal, extend=extend).date
            <= forward(late, amount, unit, calendar=cal, extend=extend).date)


@PROFILE
@given(DATES, LIMITS, CALENDARS)
def test_backward_is_the_latest_date_whose_forward_limit_reaches_the_anchor(anchor: date,
                                                                            limit: tuple[Unit, int],
                                                                            cal: Calendar) -> None:
    """For calendar-day units, counting back then forward (no extension) never overshoots the anchor."""
    unit, amount = limit
    if unit in WORKING:
        return
    latest = backward(anchor, amount, unit, calendar=cal).date
    assert forward(latest, amount, unit, calendar=cal, extend=False).date <= anchor


@PROFILE
@given(DATES, st.integers(-20, 20), st.integers(-240, 240), st.integers(-400, 400))
def test_years_months_then_days_with_last_day_never_overflow(start: date, years: int, months: int,
                                                             days_: int) -> None:
    """add_period: months (years = 12 months) first, on the same day number or the month's last day,
    then days; the month reached is always the intended one."""
    shifted = add_period(start, years, months)
    assert (shifted.year * 12 + shifted.month) - (start.year * 12 + start.month) == 12 * years + months
    assert add_period(start, years, months, days_) == shifted + timedelta(days_)


@PROFILE
@given(DATES, st.integers(0, 2000), st.sampled_from([1, 2, 3, 4, 6, 12]), st.sampled_from(["calendar", "term"]))
def test_periods_cover_each_day_exactly_once(start: date, length: int, months: int, anchoring: str) -> None:
    end = start + timedelta(length)
    got = periods(start, end, months, anchoring)
    owners = {}
    for i, p in enumerate(got):
        d = p.start
        while d <= p.end:
            assert d not in owners
            owners[d] = i
            d += timedelta(1)
    assert len(owners) == length + 1
    if anchoring == "calendar":  # every period but the clipped first starts on a boundary month
        assert all(p.start.day == 1 and (p.start.month - 1) % months == 0 for p in got[1:])


@settings(max_examples=500, deadline=None)
@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), st.integers(-120_000, 120_000))
def test_months_later_clamps_as_relativedelta(d: date, months: int) -> None:
    """The month arithmetic of CPC art. 641 (the same day, the month's last day when it is shorter) is
    dateutil's relativedelta, the reference it replaces, on every date of the calendar: the same date,
    or the same error when the result leaves the years 1-9999."""
    from dateutil.relativedelta import relativedelta

    from clauses.timelimits import _months_later

    try:
        expected: date | type = d + relativedelta(months=months)
    except (ValueError, OverflowError) as err:
        expected = type(err)
    try:
        got: date | type = _months_later(d, months)
    except (ValueError, OverflowError) as err:
        got = type(err)
    assert got == expected


def test_months_later_end_of_month_by_hand() -> None:
    from clauses.timelimits import _months_later

    assert _months_later(date(2024, 1, 31), 1) == date(2024, 2, 29)    # leap year
    assert _months_later(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert _months_later(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert _months_later(date(2024, 8, 31), 1) == date(2024, 9, 30)
    assert _months_later(date(2024, 12, 15), 1) == date(2025, 1, 15)   # over the year's end
    assert _months_later(date(2025, 1, 15), -1) == date(2024, 12, 15)
    assert _months_later(date(2024, 2, 29), 12) == date(2025, 2, 28)
