"""Dates after a period (issue 10, item 5): "au plus tard le 30 avril de chaque année, pour
l'année précédente", "avant le 1er février de l'année suivante", "au plus tard le 30 juin de
chaque année", with `period` in the log naming the year an act accounts for.

Dates worked out by hand in the comment next to each assertion.
"""

from __future__ import annotations

import datetime as dt

from clauses.codes import Severity
from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status
from clauses.language.load import load_source
from clauses.language.source import SourceText

HEAD = """langue fr.
convention "Subvention" signée à "Lyon" le 2023-03-01.
partie etat "État".
partie asso "Association".
événement compte_rendu "compte rendu financier".
événement rapport "rapport d'activité".
durée article 1 : du 2023-03-01 au 2025-12-31.
"""


def load(body: str, head: str = HEAD):
    return load_source(SourceText("t.clauses", head + body))


def model(body: str, head: str = HEAD):
    result = load(body, head)
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR], result.diagnostics
    return result.convention


def act(date: str, name: str, period: str | None = None) -> Event:
    attrs = {"period": period} if period else {}
    return Event(date=dt.date.fromisoformat(date), event=name, by=("asso",), attrs=attrs, origin="log.csv:1", row=1)


def duty_findings(body: str, events, as_of: str):
    findings, _ = evaluate(model(body), events, dt.date.fromisoformat(as_of), 60)
    return sorted((f for f in findings if f.kind == "duty"), key=lambda f: f.due)


CR = "obligation cr article 10 : asso doit compte_rendu au plus tard le 30 avril de chaque année pour l'année précédente.\n"
RA = "obligation ra article 11 : asso doit rapport avant le 1er février de l'année suivante.\n"


def test_the_forms_in_french_and_english() -> None:
    fr = model(CR).clause("cr").deadline
    assert (fr.day, fr.month, fr.years_after, fr.inclusive) == (30, 4, 1, True)
    ra = model(RA).clause("ra").deadline
    assert (ra.day, ra.month, ra.years_after, ra.inclusive) == (1, 2, 1, False)
    en_head = ('language en.\nconvention "Grant" signed at "Lyon" on 2023-03-01.\nparty etat "State".\n'
               'party asso "Association".\nevent compte_rendu "report".\nevent rapport "activity report".\n'
               "term article 1: from 2023-03-01 to 2025-12-31.\n")
    en = model("duty cr article 10: asso must compte_rendu at the latest 30 April of each year for the previous year.\n",
               en_head)
    assert en.clause("cr").deadline == model(CR).clause("cr").deadline
    same = model("obligation cr article 10 : asso doit compte_rendu au plus tard le 30 juin de chaque année.\n")
    assert same.clause("cr").deadline.years_after == 0


def test_one_instance_per_year_accounted_for_due_the_year_after() -> None:
    found = duty_findings(CR, [act("2024-04-15", "compte_rendu", "2023"), act("2025-05-05", "compte_rendu", "2024")],
                          "2025-06-01")
    # year 2023 (from the start 2023-03-01): due 2024-04-30, report of 2024-04-15 on time;
    # year 2024: due 2025-04-30 inclusive, report of 2025-05-05: 5 days late;
    # year 2025: due 2026-04-30, after the end (2026-01-01), but as of 2025-06-01 the end has not come:
    # listed as pending, discharged only once the end has come (issue 9 item 6, docs/check-output.md).
    assert [(f.due, f.status) for f in found] == [
        (dt.date(2024, 4, 30), Status.FULFILLED), (dt.date(2025, 4, 30), Status.BREACH),
        (dt.date(2026, 4, 30), Status.PENDING)]
    assert found[0].window_start == dt.date(2023, 3, 1)


def test_before_a_day_excludes_it() -> None:
    found = duty_findings(RA, [act("2024-01-20", "rapport"), act("2025-02-01", "rapport")], "2025-06-01")
    # "avant le 1er février 2024": the last day that counts is 2024-01-31; 2025-02-01 is one day late
    assert [(f.due, f.status) for f in found[:2]] == [(dt.date(2024, 1, 31), Status.FULFILLED),
                                                     (dt.date(2025, 1, 31), Status.BREACH)]


def test_an_act_that_names_its_year_counts_for_that_year_only() -> None:
    # a late 2023 report filed on 2024-06-10 (period 2023) does not count for 2024,
    # whose report is still owed by 2025-04-30
    found = duty_findings(CR, [act("2024-06-10", "compte_rendu", "2023")], "2024-07-01")
    assert [(f.due, f.status) for f in found[:2]] == [(dt.date(2024, 4, 30), Status.BREACH),
                                                     (dt.date(2025, 4, 30), Status.PENDING)]
    assert "41 days after the deadline" in found[0].message   # 2024-04-30 → 2024-06-10


def test_an_act_without_a_year_counts_for_the_earliest_year_owed() -> None:
    found = duty_findings(CR, [act("2024-03-01", "compte_rendu"), act("2025-03-01", "compte_rendu")], "2025-06-01")
    assert [f.status for f in found[:2]] == [Status.FULFILLED, Status.FULFILLED]


def test_a_day_the_month_never_has_is_reported() -> None:
    result = load("obligation cr article 10 : asso doit compte_rendu au plus tard le 31 avril de chaque année.\n")
    assert [d.code for d in result.diagnostics if d.severity is Severity.ERROR] == ["V002"]


def test_the_derivation_is_explained() -> None:
    found = duty_findings(RA, [], "2024-03-01")
    assert any("`avant` excludes it" in line for line in found[0].explanation)
