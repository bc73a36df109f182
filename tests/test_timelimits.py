"""French time limits: the worked examples of french-time-limits.md, awkward cases, month vectors.

Worked examples: /work/shared/reference/french-time-limits.md (CPC art. 640-642, 668-669).
Month vectors: tests/data/month-arithmetic.csv, a copy of
/work/shared/reference/month-arithmetic.csv (upstream: CatalaLang/dates-calc test CSVs,
plus E vectors computed with its reference Python port).
"""

from __future__ import annotations

import csv
import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Callable

import pytest

from clauses.timelimits import (
    AmbiguousDate,
    Calendar,
    Deadline,
    Direction,
    MonthRule,
    Period,
    Region,
    Unit,
    add_period,
    backward,
    clear_days_between,
    days_between,
    forward,
    notification_date,
    parse_duration,
    periods,
)

METRO = Calendar.for_region(Region.METROPOLE)
ALSACE = Calendar.for_region(Region.ALSACE_MOSELLE)
D = date


# --------------------------------------------------------------------------- worked examples 1-15

def _ex13() -> date:
    # LRAR sent 2023-03-01, delivered 2023-03-03: the addressee's limit runs from receipt.
    received = notification_date(D(2023, 3, 1), D(2023, 3, 3), "addressee")
    return forward(received, 15, Unit.DAYS, calendar=METRO).date


WORKED: list[tuple[str, Callable[[], date], date]] = [
    ("01-days", lambda: forward(D(2023, 10, 2), 15, Unit.DAYS, calendar=METRO).date,
     D(2023, 10, 17)),
    ("02-1-may", lambda: forward(D(2024, 4, 16), 15, Unit.DAYS, calendar=METRO).date,
     D(2024, 5, 2)),
    ("03-sunday-then-new-year", lambda: forward(D(2023, 12, 16), 15, Unit.DAYS,
                                                calendar=METRO).date, D(2024, 1, 2)),
    ("04-31-jan-2024", lambda: forward(D(2024, 1, 31), 1, Unit.MONTHS, calendar=METRO).date,
     D(2024, 2, 29)),
    ("05-31-jan-2023", lambda: forward(D(2023, 1, 31), 1, Unit.MONTHS, calendar=METRO).date,
     D(2023, 2, 28)),
    ("06-31-dec-2-months", lambda: forward(D(2024, 12, 31), 2, Unit.MONTHS,
                                           calendar=METRO).date, D(2025, 2, 28)),
    ("07-backward-3-months", lambda: backward(D(2025, 6, 1), 3, Unit.MONTHS,
                                              calendar=METRO).date, D(2025, 3, 1)),
    ("08-5-jours-francs", lambda: backward(D(2024, 10, 10), 5, Unit.CLEAR_DAYS,
                                           calendar=METRO).date, D(2024, 10, 4)),
    ("09-10-jours-francs", lambda: backward(D(2024, 11, 18), 10, Unit.CLEAR_DAYS,
                                            calendar=METRO).date, D(2024, 11, 7)),
    ("10-jours-ouvres", lambda: forward(D(2024, 5, 6), 10, Unit.WORKING_DAYS,
                                        calendar=METRO).date, D(2024, 5, 23)),
    ("11-jours-ouvrables", lambda: forward(D(2024, 12, 18), 5, Unit.BUSINESS_DAYS,
                                           calendar=METRO).date, D(2024, 12, 24)),
    ("12-metropole", lambda: forward(D(2024, 12, 11), 15, Unit.DAYS, calendar=METRO).date,
     D(2024, 12, 26)),
    ("12-alsace-moselle", lambda: forward(D(2024, 12, 11), 15, Unit.DAYS,
                                          calendar=ALSACE).date, D(2024, 12, 27)),
    ("13-lrar-receipt", _ex13, D(2023, 3, 20)),
    # The doc gives the art. 641 date (a Sunday); art. 642 would move it: see below.
    ("14-29-feb-1-year", lambda: forward(D(2020, 2, 29), 1, Unit.YEARS, calendar=METRO,
                                         extend=False).date, D(2021, 2, 28)),
    ("15-month-and-days", lambda: add_period(D(2024, 1, 25), months=1, days=10),
     D(2024, 3, 6)),
]


@pytest.mark.parametrize(("compute", "expected"), [pytest.param(c, e, id=i) for i, c, e in WORKED])
def test_worked_example(compute: Callable[[], date], expected: date) -> None:
    assert compute() == expected


def test_example_14_with_art_642_moves_off_sunday() -> None:
    deadline = forward(D(2020, 2, 29), 1, Unit.YEARS, calendar=METRO)
    assert deadline.derivation.computed == D(2021, 2, 28)
    assert deadline.date == D(2021, 3, 1)


def test_example_3_records_each_step() -> None:
    deadline = forward(D(2023, 12, 16), 15, Unit.DAYS, calendar=METRO, anchor_label="notice")
    steps = [(a.from_date, a.to_date) for a in deadline.derivation.adjustments]
    assert steps == [(D(2023, 12, 31), D(2024, 1, 1)), (D(2024, 1, 1), D(2024, 1, 2))]
    reasons = [a.reason for a in deadline.derivation.adjustments]
    assert "Sunday" in reasons[0] and "Jour de l'an" in reasons[1]
    assert all("CPC art. 642" in r for r in reasons)


def test_example_13_sender_date_is_sending() -> None:
    assert notification_date(D(2023, 3, 1), D(2023, 3, 3), "sender") == D(2023, 3, 1)
    with pytest.raises(ValueError, match="668"):
        notification_date(D(2023, 3, 1), None, "addressee")


# --------------------------------------------------------------------------- awkward cases

@pytest.mark.parametrize(("year", "expected"), [(2023, D(2023, 2, 28)), (2024, D(2024, 2, 29))])
def test_31_january_plus_one_month(year: int, expected: date) -> None:
    assert add_period(D(year, 1, 31), months=1) == expected
    assert forward(D(year, 1, 31), 1, Unit.MONTHS, calendar=METRO).date == expected


def test_deadline_on_1_may_names_the_holiday_and_article() -> None:
    deadline = forward(D(2025, 4, 16), 15, Unit.DAYS, calendar=METRO, anchor_label="notice n°3")
    assert deadline.date == D(2025, 5, 2)
    (adj,) = deadline.derivation.adjustments
    assert (adj.from_date, adj.to_date) == (D(2025, 5, 1), D(2025, 5, 2))
    assert "Fête du Travail" in adj.reason and "CPC art. 642" in adj.reason
    text = "\n".join(deadline.derivation.explain())
    assert "CPC art. 641" in text and "notice n°3" in text and "Fête du Travail" in text


def test_deadline_on_a_sunday_moves_to_monday() -> None:
    deadline = forward(D(2024, 6, 1), 15, Unit.DAYS, calendar=METRO)
    assert deadline.derivation.computed == D(2024, 6, 16)
    assert deadline.date == D(2024, 6, 17)
    assert "Sunday" in deadline.derivation.adjustments[0].reason


def test_saturday_weekend_skipped_in_one_step() -> None:
    deadline = forward(D(2023, 3, 3), 15, Unit.DAYS, calendar=METRO)
    (adj,) = deadline.derivation.adjustments
    assert (adj.from_date, adj.to_date) == (D(2023, 3, 18), D(2023, 3, 20))
    assert "Saturday" in adj.reason


def test_no_extension_when_clause_excludes_it() -> None:
    deadline = forward(D(2024, 6, 1), 15, Unit.DAYS, calendar=METRO, extend=False)
    assert deadline.date == D(2024, 6, 16)
    assert deadline.derivation.adjustments == ()
    assert any("642" in n for n in deadline.derivation.notes)


def test_backward_limit_on_a_sunday_stays() -> None:
    deadline = backward(D(2024, 6, 30), 14, Unit.DAYS, calendar=METRO, anchor_label="meeting")
    assert deadline.date == D(2024, 6, 16)  # a Sunday
    derivation = deadline.derivation
    assert derivation.direction is Direction.BACKWARD and derivation.adjustments == ()
    text = "\n".join(derivation.explain())
    assert "CPC art. 642 does not apply" in text and "shorten" in text and "Sunday" in text


def test_backward_example_7_notes_the_saturday() -> None:
    derivation = backward(D(2025, 6, 1), 3, Unit.MONTHS, calendar=METRO).derivation
    assert any("Saturday" in n and "stays" in n for n in derivation.notes)


@pytest.mark.parametrize(
    ("anchor", "amount", "direction", "expected"),
    [
        (D(2024, 6, 10), 2, "backward", D(2024, 6, 7)),  # Fri 7 | Sat 8, Sun 9 | Mon 10
        (D(2024, 6, 7), 2, "forward", D(2024, 6, 10)),
        (D(2024, 6, 6), 1, "forward", D(2024, 6, 10)),  # Sat 8 extended to Mon 10
    ],
)
def test_jours_francs_across_a_weekend(anchor: date, amount: int, direction: str,
                                       expected: date) -> None:
    fn = forward if direction == "forward" else backward
    deadline: Deadline = fn(anchor, amount, Unit.CLEAR_DAYS, calendar=METRO)
    assert deadline.date == expected
    if direction == "backward":
        assert clear_days_between(deadline.date, anchor) == amount


@pytest.mark.parametrize(
    ("day", "alsace_name"),
    [(D(2024, 12, 26), "Saint-Étienne"), (D(2025, 12, 26), "Saint-Étienne"),
     (D(2023, 4, 7), "Vendredi saint"), (D(2024, 3, 29), "Vendredi saint"),
     (D(2025, 4, 18), "Vendredi saint")],
)
def test_alsace_moselle_extra_holidays(day: date, alsace_name: str) -> None:
    assert METRO.is_holiday(day) is None
    assert ALSACE.is_holiday(day) == alsace_name
    assert METRO.is_working_day(day) and not ALSACE.is_working_day(day)


def test_good_friday_deadline_differs_by_region() -> None:
    assert forward(D(2024, 3, 14), 15, Unit.DAYS, calendar=METRO).date == D(2024, 3, 29)
    alsace = forward(D(2024, 3, 14), 15, Unit.DAYS, calendar=ALSACE)
    assert alsace.date == D(2024, 4, 2)  # Good Friday, weekend, Easter Monday
    assert [a.to_date for a in alsace.derivation.adjustments] == [
        D(2024, 3, 30), D(2024, 4, 1), D(2024, 4, 2)]
    assert "Vendredi saint" in alsace.derivation.adjustments[0].reason
    assert alsace.derivation.region is Region.ALSACE_MOSELLE


def test_14_july() -> None:
    for year in (2012, 2024, 2030):
        assert METRO.is_holiday(D(year, 7, 14)) == "Fête nationale"
    assert forward(D(2025, 6, 29), 15, Unit.DAYS, calendar=METRO).date == D(2025, 7, 15)


@pytest.mark.parametrize(
    ("easter_monday", "ascension", "whit_monday"),
    [
        (D(2012, 4, 9), D(2012, 5, 17), D(2012, 5, 28)),
        (D(2019, 4, 22), D(2019, 5, 30), D(2019, 6, 10)),
        (D(2020, 4, 13), D(2020, 5, 21), D(2020, 6, 1)),
        (D(2023, 4, 10), D(2023, 5, 18), D(2023, 5, 29)),
        (D(2024, 4, 1), D(2024, 5, 9), D(2024, 5, 20)),
        (D(2025, 4, 21), D(2025, 5, 29), D(2025, 6, 9)),
        (D(2030, 4, 22), D(2030, 5, 30), D(2030, 6, 10)),
    ],
)
def test_movable_feasts(easter_monday: date, ascension: date, whit_monday: date) -> None:
    for cal in (METRO, ALSACE):
        assert cal.is_holiday(easter_monday) == "Lundi de Pâques"
        assert cal.is_holiday(ascension) == "Ascension"
        assert cal.is_holiday(whit_monday) == "Lundi de Pentecôte"
        assert not cal.is_working_day(whit_monday) and not cal.is_business_day(whit_monday)


def test_holiday_years_load_lazily_far_ahead() -> None:
    assert METRO.is_holiday(D(2099, 12, 25)) == "Noël"
    assert METRO.is_holiday(D(1995, 11, 11)) == "Armistice"
    assert METRO.is_holiday(D(2099, 12, 24)) is None


def test_calendar_cached_and_working_notions() -> None:
    assert Calendar.for_region("metropole") is METRO
    assert Calendar.for_region("alsace-moselle") is ALSACE
    saturday = D(2024, 12, 21)
    assert not METRO.is_working_day(saturday) and METRO.is_business_day(saturday)
    assert not METRO.is_business_day(D(2024, 12, 22))  # Sunday
    assert METRO.next_working_day(D(2024, 4, 30)) == D(2024, 5, 2)  # skips 1 May
    assert METRO.next_working_day(D(2024, 12, 20)) == D(2024, 12, 23)
    assert METRO.previous_working_day(D(2024, 5, 2)) == D(2024, 4, 30)


def test_working_days_counted_backward_mirror_example_10() -> None:
    assert backward(D(2024, 5, 23), 10, Unit.WORKING_DAYS, calendar=METRO).date == D(2024, 5, 6)
    assert backward(D(2024, 12, 24), 5, Unit.BUSINESS_DAYS, calendar=METRO).date == D(2024, 12, 18)


def test_weeks_and_years() -> None:
    assert forward(D(2024, 1, 3), 2, Unit.WEEKS, calendar=METRO).date == D(2024, 1, 17)
    assert backward(D(2024, 2, 29), 1, Unit.YEARS, calendar=METRO).date == D(2023, 2, 28)
    with pytest.raises(AmbiguousDate):
        backward(D(2024, 2, 29), 1, Unit.YEARS, calendar=METRO, month_rule=MonthRule.STRICT)


def test_negative_amount_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        forward(D(2024, 1, 1), -1, Unit.DAYS, calendar=METRO)


def test_derivation_json_and_immutability() -> None:
    deadline = forward(D(2024, 4, 16), 15, Unit.DAYS, calendar=METRO, anchor_label="term end")
    data = deadline.derivation.to_json()
    json.dumps(data)
    assert data["anchor"] == "2024-04-16" and data["anchor_label"] == "term end"
    assert data["direction"] == "forward" and data["unit"] == "days" and data["amount"] == 15
    assert data["computed"] == "2024-05-01" and data["result"] == "2024-05-02"
    assert data["adjustments"][0]["from"] == "2024-05-01"
    assert "CPC art. 641" in data["rule"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.derivation.amount = 3  # type: ignore[misc]
    months = forward(D(2024, 1, 31), 1, Unit.MONTHS, calendar=METRO).derivation.to_json()
    assert months["month_rule"] == "last_day" and "last day of the month" in months["rule"]


def test_clear_days_and_days_between() -> None:
    assert clear_days_between(D(2024, 10, 4), D(2024, 10, 10)) == 5
    assert clear_days_between(D(2024, 10, 9), D(2024, 10, 10)) == 0
    assert clear_days_between(D(2024, 10, 10), D(2024, 10, 10)) == 0
    assert clear_days_between(D(2024, 10, 12), D(2024, 10, 10)) == 0
    assert days_between(D(2024, 2, 28), D(2024, 3, 1)) == 2
    assert days_between(D(2024, 3, 1), D(2024, 2, 28)) == -2


# --------------------------------------------------------------------------- month vectors

def _vectors() -> list[dict[str, str]]:
    path = Path(__file__).parent / "data" / "month-arithmetic.csv"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


VECTORS = _vectors()
COLUMNS = {"round_up": MonthRule.FIRST_OF_NEXT, "round_down": MonthRule.LAST_DAY,
           "abort": MonthRule.STRICT}


def test_all_38_vectors_present() -> None:
    assert len(VECTORS) == 38


@pytest.mark.parametrize("column", list(COLUMNS))
@pytest.mark.parametrize("row", VECTORS, ids=[r["id"] for r in VECTORS])
def test_month_vector(row: dict[str, str], column: str) -> None:
    start = date.fromisoformat(row["date"])
    args = dict(years=int(row["years"]), months=int(row["months"]), days=int(row["days"]))
    if row[column] == "ambiguous":
        with pytest.raises(AmbiguousDate):
            add_period(start, **args, rule=COLUMNS[column])
    else:
        assert add_period(start, **args, rule=COLUMNS[column]) == date.fromisoformat(row[column])


def test_ambiguous_date_message_names_both_candidates() -> None:
    with pytest.raises(AmbiguousDate) as info:
        add_period(D(2013, 1, 31), months=1, rule=MonthRule.STRICT)
    message = str(info.value)
    assert "2013-02-28" in message and "2013-03-01" in message and "2013-02-31" in message
    assert isinstance(info.value, ValueError)
    assert info.value.candidates == (D(2013, 2, 28), D(2013, 3, 1))
    e2 = r"2024-03-31 shifted by -1 month gives 2024-02-31"
    with pytest.raises(AmbiguousDate, match=e2):
        add_period(D(2024, 3, 31), months=-1, rule=MonthRule.STRICT)  # vector E2
    with pytest.raises(AmbiguousDate, match="2023-01-31 shifted by 13 months gives 2024-02-31") as info:
        add_period(D(2023, 1, 31), months=13, rule=MonthRule.STRICT)
    assert info.value.message.localized("fr") == (   # in a French report: translated, its dates in French
        "mardi 31 janvier 2023 décalé de 13 mois donne 2024-02-31, qui n'existe pas : soit jeudi 29 février 2024 "
        "(dernier jour du mois, CPC art. 641), soit vendredi 1er mars 2024 (premier jour du mois suivant) ; "
        "choisissez une règle de mois")
    with pytest.raises(AmbiguousDate, match="2024-04-30"):
        forward(D(2024, 3, 31), 1, Unit.MONTHS, calendar=METRO, month_rule=MonthRule.STRICT)


# --------------------------------------------------------------------------- parse_duration

@pytest.mark.parametrize(
    ("text", "expected"),
    [("90d", (90, Unit.DAYS)), ("2w", (2, Unit.WEEKS)), ("3m", (3, Unit.MONTHS)),
     ("1y", (1, Unit.YEARS)), (" 12M ", (12, Unit.MONTHS)), ("0d", (0, Unit.DAYS))],
)
def test_parse_duration(text: str, expected: tuple[int, Unit]) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "d", "3", "-3d", "1.5m", "3 months", "3x", "d3", "٣d"])
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="expected a whole number"):
        parse_duration(text)


# --------------------------------------------------------------------------- periods

def test_calendar_quarters_from_mid_year() -> None:
    assert periods(D(2024, 5, 15), D(2025, 2, 10), 3, "calendar") == [
        Period(D(2024, 5, 15), D(2024, 6, 30)),
        Period(D(2024, 7, 1), D(2024, 9, 30)),
        Period(D(2024, 10, 1), D(2024, 12, 31)),
        Period(D(2025, 1, 1), D(2025, 2, 10)),
    ]


@pytest.mark.parametrize(
    ("months", "expected_ends"),
    [(12, [D(2024, 12, 31), D(2025, 12, 31), D(2026, 3, 31)]),
     (6, [D(2024, 12, 31), D(2025, 6, 30), D(2025, 12, 31), D(2026, 3, 31)]),
     (2, [D(2024, 10, 31), D(2024, 12, 31)]),
     (1, [D(2024, 9, 30), D(2024, 10, 31)])],
)
def test_calendar_anchoring(months: int, expected_ends: list[date]) -> None:
    end = expected_ends[-1]
    got = periods(D(2024, 9, 10), end, months, "calendar")
    assert [p.end for p in got] == expected_ends
    assert got[0].start == D(2024, 9, 10)


def test_term_anchoring_from_mid_year_and_month_end() -> None:
    assert periods(D(2024, 7, 1), D(2026, 3, 15), 12, "term") == [
        Period(D(2024, 7, 1), D(2025, 6, 30)),
        Period(D(2025, 7, 1), D(2026, 3, 15)),
    ]
    # From 31 January, period starts stay on the month's last day (no drift to the 28th/29th).
    got = periods(D(2024, 1, 31), D(2024, 5, 31), 1, "term")
    assert [p.start for p in got] == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31),
                                      D(2024, 4, 30), D(2024, 5, 31)]
    assert got[0].end == D(2024, 2, 28) and got[-1] == Period(D(2024, 5, 31), D(2024, 5, 31))


@pytest.mark.parametrize(
    ("args", "match"),
    [((D(2024, 1, 1), D(2023, 1, 1), 3, "calendar"), "before"),
     ((D(2024, 1, 1), D(2025, 1, 1), 5, "calendar"), "divide"),
     ((D(2024, 1, 1), D(2025, 1, 1), 0, "term"), "at least one month"),
     ((D(2024, 1, 1), D(2025, 1, 1), 3, "fiscal"), "unknown anchoring")],
)
def test_periods_errors(args: tuple, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        periods(*args)
