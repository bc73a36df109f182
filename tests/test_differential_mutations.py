"""The oracle catches injected faults (issue 9 item 13).

The reference evaluator (tests/oracle/reference.py) has its own date arithmetic
(tests/oracle/dates.py); a fault injected into the engine or into ``clauses.timelimits`` must make
the two disagree on some of the campaign's cases. Each mutation below breaks one rule, by
monkeypatching, and the campaign's cases (seed 2020) are run until the first disagreement, at most
MAX_CASES of them: a mutation the oracle cannot see fails the test.

Also: the oracle's own holiday list agrees with the ``holidays`` package, day by day.
"""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest

import clauses.evaluation.context as context
import clauses.evaluation.duties as duties
import clauses.evaluation.schedule as schedule
import clauses.evaluation.series as series
import clauses.evaluation.shared_powers as shared_powers
import clauses.timelimits as timelimits
from clauses.timelimits import Calendar, MonthRule, Region
from oracle import dates
from oracle.compare import run
from oracle.generate import RandomSource, case

MAX_CASES = 1500


def _no_extension(d, calendar):          # CPC art. 642 forgotten
    return ()


def _no_holidays(self, d):               # weekends only: public holidays forgotten
    return None


def _clear_days_as_days(anchor, amount, sign, unit, calendar, rule, _count=timelimits._count):
    if unit is timelimits.Unit.CLEAR_DAYS:
        unit = timelimits.Unit.DAYS      # jours francs counted as plain days
    return _count(anchor, amount, sign, unit, calendar, rule)


def _month_rule_first_of_next(d, years=0, months=0, days=0, rule=MonthRule.LAST_DAY,
                              _add=timelimits.add_period.__wrapped__):
    if rule is MonthRule.LAST_DAY:
        rule = MonthRule.FIRST_OF_NEXT   # art. 641's last day of the month replaced
    return _add(d, years, months, days, rule)


def _old_stub_rule(times, days, full_days, partial=None):   # the pro-rata rule before issue 9 item 2
    return times if days >= full_days else max(1, math.ceil(times * days / full_days))


def _email_is_lrar(*_args):                  # channels no longer checked
    return None


def _series_never_stopped(ctx, life, duty, _runs=series.runs):   # `jusqu'à` ignored
    return _runs(ctx, life, duty.model_copy(update={"series": duty.series.model_copy(update={"until": None})}))


def _only_the_first_series(ctx, life, duty, _runs=series.runs):  # `chaque` ignored: one series only
    return _runs(ctx, life, duty.model_copy(update={"series": duty.series.model_copy(update={"each": False})}))


def _every_power_judges_every_act(ctx, group, start, renewals, term_end):   # the fault of issue 10
    from clauses.evaluation.acts import check_exercise

    found = {}
    for power in group:
        used: set[int] = set()
        found[power.id] = [check_exercise(ctx, power, event, start, renewals, term_end, used)
                           for event in ctx.named(power.action)]
    return found


def _each_series_replaced(ctx, life, duty, _runs=series.runs):   # `chaque` read as `tant que`
    return _runs(ctx, life, duty.model_copy(update={"series": duty.series.model_copy(update={"replaces": True})}))


def _stops_for_every_series(ctx, life, event, from_receipt, _triggers=series.triggers):   # a stop's ref ignored
    for trigger, anchor, label in _triggers(ctx, life, event, from_receipt):
        yield trigger.model_copy(update={"ref": None}), anchor, label


MUTATIONS = {
    "timelimits: no CPC art. 642 extension": [(timelimits, "_extend", _no_extension)],
    "timelimits: no public holidays": [(Calendar, "is_holiday", _no_holidays)],
    "timelimits: jours francs as plain days": [(timelimits, "_count", _clear_days_as_days)],
    "timelimits: month rule first of next month": [(timelimits, "add_period", _month_rule_first_of_next)],
    "engine: ceil stub rule": [(duties, "stub_share", _old_stub_rule)],
    "engine: channels not checked": [(context.Context, "channel_problem", _email_is_lrar)],
    "engine: acts after the end kept": [(schedule, "after_the_end", lambda *a: None)],
    "engine: a series never stopped": [(series, "runs", _series_never_stopped)],
    "engine: each occurrence does not start a series": [(series, "runs", _only_the_first_series)],
    "engine: every power of an action judges every act": [(shared_powers, "shared_exercises",
                                                           _every_power_judges_every_act)],
    "engine: `chaque` series replace each other": [(series, "runs", _each_series_replaced)],
    "engine: a stop naming one series stops them all": [(series, "triggers", _stops_for_every_series)],
    "engine: an act for one series counts for all": [(series, "_own_acts", lambda ctx, duty, run: ctx)],
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_the_oracle_sees_each_injected_fault(monkeypatch, name: str) -> None:
    for target, attr, replacement in MUTATIONS[name]:
        monkeypatch.setattr(target, attr, replacement)
    for index in range(MAX_CASES):
        if not run(case(RandomSource(random.Random(f"2020:{index}")))).agree:
            return
    pytest.fail(f"{name}: no disagreement in {MAX_CASES} cases: the oracle cannot see this fault")


def test_the_unmutated_engine_agrees_on_the_same_cases() -> None:
    for index in range(100):
        assert run(case(RandomSource(random.Random(f"2020:{index}")))).agree, index


@pytest.mark.parametrize("region", list(Region))
def test_the_oracle_holidays_agree_with_the_holidays_package(region: Region) -> None:
    calendar = Calendar.for_region(region)
    day, last = dt.date(1990, 1, 1), dt.date(2100, 12, 31)
    mismatches = []
    while day <= last:
        if (calendar.is_holiday(day) is not None) != (day in dates.public_holidays(region, day.year)):
            mismatches.append(day)
        day += dt.timedelta(days=1)
    assert mismatches == []


def test_the_oracle_month_rule_by_hand() -> None:
    # CPC art. 641: 31 January + 1 month = 28 February (29 in a leap year); 31 March - 1 month = 28/29 Feb
    assert dates.shift_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert dates.shift_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert dates.shift_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert dates.shift_months(dt.date(2023, 1, 31), 1, MonthRule.FIRST_OF_NEXT) == dt.date(2023, 3, 1)
    with pytest.raises(dates.NoSuchDay):
        dates.shift_months(dt.date(2023, 1, 31), 1, MonthRule.STRICT)
    assert dates.easter(2024) == dt.date(2024, 3, 31) and dates.easter(2025) == dt.date(2025, 4, 20)
