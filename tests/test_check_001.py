"""Seed 001 — « Emplois d'Avenir », USH / CNLRQ (Paris, 2012-11-30): hand-worked verdicts.

Article 4: « Un comité de pilotage composé du CNLRQ et de l'USH sera mis en
place. Il se réunira au moins deux fois par an. » The rules count calendar
years (`périodes civiles`), the first one from the signature (2012-11-30) to
2012-12-31. The text has no duration clause: the convention runs open-ended
(no term finding). A stub period owes its share of the whole period, rounded
to the nearest, and nothing when it is shorter than the interval between two
occurrences (docs/check-output.md, "Stub periods"; issue 9 item 2). The stub
2012-11-30..2012-12-31 has 32 days of the calendar year 2012 (366 days): twice a
year is one meeting every 183 days, 32 < 183, so it owes nothing (it was asked
for ceil(2 × 32 / 366) = 1 meeting before, more than « deux fois par an » can
mean for one month): fulfilled when a meeting was held in it anyway, else
discharged, never a breach.

Horizon: 60 days after the as-of date.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from clauses.evaluation import evaluate
from clauses.events import read_events, validate_events
from clauses.findings import Status
from clauses.language.resolve import used_events
from conftest import GOLDEN, ROOT, assert_golden, check_cli, loaded_convention

RULES = ROOT / "rules" / "001_emplois_avenir_paris.clauses"
EXAMPLES = ROOT / "examples" / "001_emplois_avenir_paris"
COMPLIANT = EXAMPLES / "compliant.yaml"
BREACHES = EXAMPLES / "breaches.yaml"

D = dt.date.fromisoformat
PARTIES = ("ush", "cnlrq")
CLAUSE = "comité_de_pilotage"
B, U, P, F, X = Status.BREACH, Status.UPCOMING, Status.PENDING, Status.FULFILLED, Status.DISCHARGED


@pytest.fixture(scope="module")
def convention():
    return loaded_convention(RULES)


def run(convention, log, as_of: str):
    events, problems = read_events(log)
    assert problems == []
    findings, ignored = evaluate(convention, events, D(as_of), 60)
    return findings, ignored


def summary(findings) -> list[tuple]:
    """(status, clause, parties, due, counted, required) of every finding, in report order."""
    return [(f.status, f.clause, f.parties, f.due, f.extra.get("counted"), f.extra.get("required"))
            for f in findings]


def counted_refs(finding) -> list[str]:
    return [n.ref for n in finding.events if n.counted]


def row(status, due, counted, required):
    return (status, CLAUSE, PARTIES, D(due), counted, required)


# ---------------------------------------------------------------------- the logs read clean

@pytest.mark.parametrize("log", [COMPLIANT, BREACHES], ids=lambda p: p.stem)
def test_log_reads_clean(convention, log) -> None:
    events, problems = read_events(log)
    assert problems == []
    names = used_events(convention) | {e.id for e in convention.events}
    assert validate_events(events, {p.id for p in convention.parties}, names) == []
    assert all(e.event == "comité_pilotage" and set(e.by) == set(PARTIES) for e in events)


# ---------------------------------------------------------------------- compliant.yaml

def test_compliant_2013_01_15(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2013-01-15")
    assert ignored == 8                      # every meeting from 2013-04-11 on
    assert summary(findings) == [
        # 2013-01-01..2013-12-31: 2 meetings; due 2013-12-31 > horizon 2013-01-15 + 60 d = 2013-03-16 -> pending
        row(P, "2013-12-31", 0, 2),
        # 2012-11-30..2012-12-31 = 32 days of 2012 (366 days); 2 a year = one per 183 days;
        # 32 < 183: the stub owes nothing; the meeting of 2012-12-18 was held -> fulfilled
        row(F, "2012-12-31", 1, 0),
    ]
    assert counted_refs(findings[1]) == ["copil-2012-12-18"]
    assert findings[1].window_start == D("2012-11-30")
    assert "nothing is owed in this stub period" in findings[1].message
    assert any("stub period of 32 days (a whole period has 366)" in line and "(366 / 2 = 183 days) owes nothing" in line
               for line in findings[1].explanation)


def test_compliant_2014_12_01(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2014-12-01")
    assert ignored == 4
    assert summary(findings) == [
        # 2015: due 2015-12-31 > horizon 2014-12-01 + 60 d = 2015-01-30 -> pending
        row(P, "2015-12-31", 0, 2),
        # 2012-11-30..2012-12-31: 32 days < 183 (one meeting per 183 days of 2012): owes nothing;
        # 2012-12-18 held -> fulfilled
        row(F, "2012-12-31", 1, 0),
        row(F, "2013-12-31", 2, 2),          # 2013-04-11, 2013-11-07
        row(F, "2014-12-31", 2, 2),          # 2014-03-20, 2014-10-09: done before the year ends
    ]


def test_compliant_2016_01_15(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2016-01-15")
    assert ignored == 1                      # 2016-03-17, planned
    assert summary(findings) == [
        # 2016: due 2016-12-31 > horizon 2016-01-15 + 60 d = 2016-03-15 -> pending; the planned
        # meeting of 2016-03-17 is after the as-of date and does not count yet
        row(P, "2016-12-31", 0, 2),
        row(F, "2012-12-31", 1, 0),          # the stub owes nothing; 2012-12-18 held
        row(F, "2013-12-31", 2, 2),
        row(F, "2014-12-31", 2, 2),
        row(F, "2015-12-31", 3, 2),          # 2015-02-12, 2015-06-25, 2015-12-03: a third is allowed
    ]


@pytest.mark.parametrize("as_of", ["2012-12-15", "2013-01-15", "2014-12-01", "2016-01-15", "2016-06-30"])
def test_compliant_never_breaches(convention, as_of) -> None:
    findings, _ = run(convention, COMPLIANT, as_of)
    assert [f for f in findings if f.status is B] == []
    # must not report: a term (the text has none), or any clause but the steering committee
    assert {f.clause for f in findings} == {CLAUSE}
    assert all(f.kind == "duty" and f.article == "4" for f in findings)


# ---------------------------------------------------------------------- breaches.yaml

def test_breaches_2012_12_15_first_year_upcoming(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2012-12-15")
    assert ignored == 5
    assert summary(findings) == [
        # 2013 starts 2013-01-01 <= horizon 2013-02-13 -> listed; due 2013-12-31 -> pending
        row(P, "2013-12-31", 0, 2),
        # 2012-11-30..2012-12-31: 32 days < 183 (one meeting per 183 days of 2012): owes nothing
        row(X, "2012-12-31", 0, 0),
    ]


def test_breaches_2013_01_15(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2013-01-15")
    assert ignored == 5                      # 2013-01-24 and later
    assert summary(findings) == [
        row(P, "2013-12-31", 0, 2),
        # 2012-11-30..2012-12-31: 32 days < 183 (one meeting per 183 days of 2012): owes nothing
        row(X, "2012-12-31", 0, 0),
    ]
    assert findings[0].events == ()          # 2012-10-16 (before the signature) is not even considered


def test_breaches_2014_12_01(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2014-12-01")
    assert ignored == 3                      # 2014-12-11, 2015-03-19, 2016-01-14
    assert summary(findings) == [
        # 2013: only 2013-01-24; 2013-12-31 < 2014-12-01 -> breach, 1 of 2
        row(B, "2013-12-31", 1, 2),
        # 2014: 2014-05-15 so far (2014-12-11 is after the as-of date); due 2014-12-31
        # <= horizon 2014-12-01 + 60 d = 2015-01-30 -> upcoming
        row(U, "2014-12-31", 1, 2),
        # 2015 starts 2015-01-01 <= 2015-01-30 -> listed, due 2015-12-31 -> pending
        row(P, "2015-12-31", 0, 2),
        # 2012-11-30..2012-12-31: 32 days < 183 (one meeting per 183 days of 2012): owes nothing
        row(X, "2012-12-31", 0, 0),
    ]
    assert counted_refs(findings[0]) == ["copil-2013-01-24"]


def test_breaches_2016_01_15(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2016-01-15")
    assert ignored == 0
    assert summary(findings) == [
        row(B, "2013-12-31", 1, 2),
        # 2015: only 2015-03-19; the postponed meeting of 2016-01-14 is outside
        # 2015-01-01..2015-12-31 and counts for 2016 -> breach, 1 of 2
        row(B, "2015-12-31", 1, 2),
        # 2016: 2016-01-14 so far; due 2016-12-31 > horizon 2016-03-15 -> pending
        row(P, "2016-12-31", 1, 2),
        # 2014: 2014-05-15 and 2014-12-11 -> fulfilled (the clause going right)
        row(F, "2014-12-31", 2, 2),
        # 2012-11-30..2012-12-31: 32 days < 183 (one meeting per 183 days of 2012): owes nothing
        row(X, "2012-12-31", 0, 0),
    ]
    by_due = {f.due: f for f in findings}
    assert counted_refs(by_due[D("2015-12-31")]) == ["copil-2015-03-19"]
    assert counted_refs(by_due[D("2016-12-31")]) == ["copil-2016-01-14"]
    assert counted_refs(by_due[D("2014-12-31")]) == ["copil-2014-05-15", "copil-2014-12-11"]


@pytest.mark.parametrize("as_of", ["2013-01-15", "2014-12-01", "2016-01-15"])
def test_breaches_must_not_report(convention, as_of) -> None:
    findings, _ = run(convention, BREACHES, as_of)
    # the pre-signature meeting never counts, for any period
    assert all(n.ref != "prep-2012-10-16" for f in findings for n in f.events)
    # one finding per calendar year, nothing else (no term, no other clause)
    assert {f.clause for f in findings} == {CLAUSE}
    assert len({f.due for f in findings}) == len(findings)
    # 2014 is never a breach
    assert all(not (f.due == D("2014-12-31") and f.status is B) for f in findings)


# ---------------------------------------------------------------------- the CLI


def cli(log, as_of: str, *extra: str):
    return check_cli(RULES, log, as_of, *extra)


@pytest.mark.parametrize(("log", "as_of", "code"), [
    (COMPLIANT, "2013-01-15", 0),
    (COMPLIANT, "2014-12-01", 0),
    (COMPLIANT, "2016-01-15", 0),
    (BREACHES, "2012-12-15", 0),             # nothing overdue yet
    (BREACHES, "2013-01-15", 0),             # the 2012 stub owes nothing (32 days < 183); 2013 is open
    (BREACHES, "2014-12-01", 1),
    (BREACHES, "2016-01-15", 1),
], ids=lambda v: getattr(v, "stem", str(v)))
def test_cli_exit_code(monkeypatch, log, as_of, code) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(log, as_of)
    assert result.exit_code == code, result.output


def test_cli_json_matches_in_process(monkeypatch, convention) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(BREACHES, "2016-01-15", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    findings, _ = run(convention, BREACHES, "2016-01-15")
    assert [(f["status"], f["clause"], tuple(f["parties"]), f["due"]) for f in data["findings"]] == \
        [(f.status.value, f.clause, f.parties, f.due.isoformat()) for f in findings]


# ---------------------------------------------------------------------- golden outputs

@pytest.mark.parametrize("log", [COMPLIANT, BREACHES], ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_golden(monkeypatch, log, fmt) -> None:
    monkeypatch.chdir(ROOT)
    extra = ("--explain",) if fmt == "txt" else ("--format", "json")
    result = cli(log, "2016-01-15", *extra)
    assert result.exit_code == (0 if log is COMPLIANT else 1)
    assert_golden(GOLDEN / "check" / f"001-{log.stem}.{fmt}", result.output)
