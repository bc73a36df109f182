"""A power usable only inside a calendar window, written as a duty's window (issue 10, item 8):
`au cours du second semestre 2026`, `en novembre [de chaque année]`, `entre le 1er septembre et le 31
octobre`, `entre le 2026-09-01 et le 2026-10-31`, `… de l'année précédant X` (evaluation/calendar_windows.py).
Dates worked out by hand next to each assertion.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status
from clauses.language import model as m

from langa_helpers import convention, diagnostics

HEAD = """langue fr.
convention "Statuts" signée à "Lyon" le 2025-01-02.
partie asso "Association".
partie membre "Membre".
événement démission "démission".
événement candidature "candidature".
événement élection "élection".
durée article 1 : du 2025-01-02 au 2028-12-31.
"""


def conv(power: str):
    return convention(HEAD + power)


def ev(date: str, name: str, by: str = "membre") -> Event:
    return Event(date=dt.date.fromisoformat(date), event=name, by=(by,), origin="log.csv:1", row=1)


def judged(c, events, as_of="2028-06-01"):
    found, _ = evaluate(c, events, dt.date.fromisoformat(as_of), 60)
    return [f for f in found if f.kind == "power"]


def test_the_window_is_the_duties_window() -> None:
    c = conv("pouvoir démissionner article 5 : membre peut démission en novembre de chaque année.\n")
    power = c.clause("démissionner")
    window = next(cond for cond in power.conditions if isinstance(cond, m.InWindow)).window
    assert (window.start_month, window.start_day, window.end_month, window.end_day, window.year) == (11, 1, 11, 31, None)


@pytest.mark.parametrize("day, status", [
    ("2026-11-01", Status.FULFILLED),     # the window's first day
    ("2026-11-30", Status.FULFILLED),     # its last day (30 November: `31` is the month's last day)
    ("2026-12-01", Status.BREACH),        # the day after
    ("2026-10-31", Status.BREACH),        # the day before
])
def test_in_november_of_each_year(day: str, status: Status) -> None:
    c = conv("pouvoir démissionner article 5 : membre peut démission en novembre de chaque année.\n")
    found = judged(c, [ev(day, "démission")])
    assert [f.status for f in found] == [status]
    if status is Status.BREACH:
        assert found[0].extra.get("code") == "C004"
        assert "outside its window" in found[0].message


def test_outside_the_window_says_the_nearest_windows() -> None:
    c = conv("pouvoir démissionner article 5 : membre peut démission en novembre de chaque année.\n")
    found = judged(c, [ev("2026-12-01", "démission")])[0]
    # the last window before: 2026-11-01 – 2026-11-30; the next: 2027-11-01 – 2027-11-30
    assert "the last window before the act: 2026-11-01 – 2026-11-30" in found.explanation
    assert "the next window: 2027-11-01 – 2027-11-30" in found.explanation
    assert found.due == dt.date(2027, 11, 30)


def test_a_semester_of_a_given_year() -> None:
    c = conv("pouvoir candidater article 6 : membre peut candidature au cours du second semestre 2026.\n")
    assert [f.status for f in judged(c, [ev("2026-07-01", "candidature")])] == [Status.FULFILLED]
    assert [f.status for f in judged(c, [ev("2026-06-30", "candidature")])] == [Status.BREACH]
    assert [f.status for f in judged(c, [ev("2027-07-01", "candidature")])] == [Status.BREACH]   # 2026 only


def test_days_of_each_year_and_dates() -> None:
    days = conv("pouvoir candidater article 6 : membre peut candidature entre le 1er septembre et le 15 octobre.\n")
    assert [f.status for f in judged(days, [ev("2027-10-15", "candidature")])] == [Status.FULFILLED]
    assert [f.status for f in judged(days, [ev("2027-10-16", "candidature")])] == [Status.BREACH]
    dates = conv("pouvoir candidater article 6 : membre peut candidature entre le 2026-09-01 et le 2026-10-31.\n")
    assert [f.status for f in judged(dates, [ev("2026-09-01", "candidature")])] == [Status.FULFILLED]
    assert [f.status for f in judged(dates, [ev("2027-09-01", "candidature")])] == [Status.BREACH]


def test_a_window_that_runs_into_the_next_year() -> None:
    # 1 November – 31 January: 15 January 2027 falls in the window opened on 1 November 2026
    c = conv("pouvoir candidater article 6 : membre peut candidature entre le 1er novembre et le 31 janvier.\n")
    assert [f.status for f in judged(c, [ev("2027-01-15", "candidature")])] == [Status.FULFILLED]
    assert [f.status for f in judged(c, [ev("2027-02-01", "candidature")])] == [Status.BREACH]


def test_the_year_before_each_election() -> None:
    # elections on 2027-03-10: the last quarter of 2026 is the window
    c = conv("pouvoir candidater article 6 : membre peut candidature au cours du dernier trimestre de l'année "
             "précédant élection.\n")
    log = [ev("2027-03-10", "élection", "asso")]
    assert [f.status for f in judged(c, log + [ev("2026-10-01", "candidature")])] == [Status.FULFILLED]
    assert [f.status for f in judged(c, log + [ev("2027-01-05", "candidature")])] == [Status.BREACH]


def test_composes_with_the_other_conditions() -> None:
    c = conv("pouvoir démissionner article 5 : membre peut démission en novembre de chaque année après "
             "candidature de membre.\n")
    assert [f.status for f in judged(c, [ev("2026-11-10", "démission")])] == [Status.BREACH]      # no candidature
    assert [f.status for f in judged(c, [ev("2026-01-10", "candidature"), ev("2026-11-10", "démission")])] == \
        [Status.FULFILLED]


def test_lint_checks_a_powers_window_as_a_duties(tmp_path) -> None:
    from clauses.lint.pipeline import lint_file

    path = tmp_path / "t.clauses"
    path.write_text(HEAD + "pouvoir candidater article 6 : membre peut candidature au cours du second semestre 2019.\n"
                    + "pouvoir p2 article 6 : membre peut démission entre le 31 octobre et le 1er septembre.\n",
                    encoding="utf-8")
    found = {d.code for d in lint_file(path).diagnostics}
    assert {"T140", "T141"} <= found


def test_an_unknown_event_in_the_window_is_a_name_error() -> None:
    found = diagnostics(HEAD + "pouvoir candidater article 6 : membre peut candidature au cours du dernier "
                               "trimestre de l'année précédant électio.\n")
    assert "N002" in [d.code for d in found]
