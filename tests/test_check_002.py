"""Seed 002 — SOLiHA Métropole Nord / Marcq Terre d'Accueil (Croix, 2021-02-16): hand-worked verdicts.

The articles:
- IV: steering committee « composé de deux représentants de chaque structure »,
  « se réunira deux fois [par an] »: 2 meetings per calendar year, each with at
  least 2 representatives of each party; operational committee « se réunit de
  manière mensuelle »: 1 meeting per calendar month; the steering committee
  agrees to follow a household « sur la base d'un accord de chacune des
  structures » (each party must agree).
- V (évaluation): « un bilan annuel sera transmis aux conseils d'administration »,
  one per year of the convention counted from the signature.
- VI: discretion on the households' personal data (prohibition).
- VII: one year from the signature, « reconductible »: tacit renewal from year to
  year (reading of the rules file): 2022-02-16, 2023-02-16, 2024-02-16, ...

Period arithmetic (CPC art. 641 for months/years: same-numbered day):
- year k of the convention runs 2021-02-16 + k years .. the day before the next
  anniversary: 2021-02-16..2022-02-15, 2022-02-16..2023-02-15, 2023-02-16..2024-02-15.
- stub periods owe their share of the whole period rounded to the nearest, nothing when
  shorter than the interval between two occurrences (docs/check-output.md, issue 9 item 2):
- first calendar year 2021-02-16..2021-12-31 = 319 days of 2021 (365 days):
  2 × 319 / 365 = 1.75 -> nearest 2 meetings of the steering committee.
- first month 2021-02-16..2021-02-28 = 13 days of February 2021 (28 days): once a month is
  one meeting per 28 days, 13 < 28 -> the stub owes nothing (it owed ceil(13 / 28) = 1
  before, a whole month's meeting for half a month); the meeting held in it is fulfilled.
Horizon: as-of + 60 days: 2022-03-01 -> 2022-04-30; 2023-06-30 -> 2023-08-29;
2024-03-01 -> 2024-04-30.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from clauses.evaluation import evaluate
from clauses.events import Event, read_events, validate_events
from clauses.findings import Status
from clauses.language.resolve import used_events
from conftest import GOLDEN, ROOT, assert_golden, check_cli, loaded_convention, when

RULES = ROOT / "rules" / "002_soliha_mta_croix.clauses"
EXAMPLES = ROOT / "examples" / "002_soliha_mta_croix"
COMPLIANT = EXAMPLES / "compliant.jsonl"
BREACHES = EXAMPLES / "breaches.jsonl"

D = dt.date.fromisoformat
BOTH = ("soliha", "mta")
B, U, P, F = Status.BREACH, Status.UPCOMING, Status.PENDING, Status.FULFILLED
COPIL, COP, VOTE, BILAN, DISC = ("comité_de_pilotage", "comité_opérationnel", "suivi_des_ménages",
                                 "bilan_annuel", "discrétion")


@pytest.fixture(scope="module")
def convention():
    return loaded_convention(RULES)


def run(convention, log, as_of: str, extra: list[Event] = ()):
    events, problems = read_events(log)
    assert problems == []
    findings, ignored = evaluate(convention, list(events) + list(extra), D(as_of), 60)
    return findings, ignored


def key(f) -> tuple:
    return (f.status, f.clause, f.parties, when(f))


#: art. IV: 2021-02-16..2021-02-28, 13 days < 28 (one meeting per month of 28 days): owes nothing;
#: both logs hold a meeting in it: fulfilled (0 required).
FEB_STUB = (Status.FULFILLED, COP, BOTH, D("2021-02-28"))


def month_ends(first: str, last: str) -> list[dt.date]:
    """Last day of every calendar month from ``first`` to ``last`` (YYYY-MM)."""
    y, m = map(int, first.split("-"))
    ends = []
    while f"{y:04d}-{m:02d}" <= last:
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        ends.append(dt.date(ny, nm, 1) - dt.timedelta(days=1))
        y, m = ny, nm
    return ends


def monthly(status, first: str, last: str, skip=()) -> set[tuple]:
    return {(status, COP, BOTH, d) for d in month_ends(first, last) if d.strftime("%Y-%m") not in skip}


def only(findings, clause, due):
    found = [f for f in findings if f.clause == clause and when(f) == D(due)]
    assert len(found) == 1, found
    return found[0]


def counted_refs(finding) -> list[str]:
    return [n.ref for n in finding.events if n.counted]


def TERM_AT(renewal: str) -> tuple:
    """Tacit renewal every year from 2021-02-16 (art. VII + 641): the next renewal date is the due date."""
    return (P, "term", BOTH, D(renewal))


# ---------------------------------------------------------------------- the logs read clean

@pytest.mark.parametrize("log", [COMPLIANT, BREACHES], ids=lambda p: p.stem)
def test_log_reads_clean(convention, log) -> None:
    events, problems = read_events(log)
    assert problems == []
    names = used_events(convention) | {e.id for e in convention.events}
    assert validate_events(events, {p.id for p in convention.parties}, names) == []


# ---------------------------------------------------------------------- compliant.jsonl

def test_compliant_2022_03_01(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2022-03-01")
    assert ignored == 40
    expected = {
        # art. IV op. committee: March 2022 (due 03-31) and April 2022 (due 04-30 <= horizon 04-30)
        (U, COP, BOTH, D("2022-03-31")), (U, COP, BOTH, D("2022-04-30")),
        # art. IV steering committee 2022: due 2022-12-31 > 2022-04-30 -> pending
        (P, COPIL, BOTH, D("2022-12-31")),
        # art. V year 2: 2022-02-16..2023-02-15 -> pending
        (P, BILAN, BOTH, D("2023-02-15")),
        TERM_AT("2023-02-16"),  # next renewal after the as-of date
        # art. IV steering committee 2021 (2 of 2 pro rata): 2021-03-18, 2021-10-14
        (F, COPIL, BOTH, D("2021-12-31")),
        # art. V year 1: 2021-02-16..2022-02-15, report of 2022-01-27
        (F, BILAN, BOTH, D("2022-02-15")),
        # art. IV households F01 (2021-03-18) and F02 (2021-10-14): both structures agree, adopted
        (F, VOTE, BOTH, D("2021-03-18")), (F, VOTE, BOTH, D("2021-10-14")),
    } | monthly(F, "2021-03", "2022-02") | {FEB_STUB}    # 12 months, Feb 2021 a stub owing nothing
    assert {key(f) for f in findings} == expected
    assert len(findings) == len(expected) == 22
    feb = only(findings, COP, "2021-02-28")
    assert feb.window_start == D("2021-02-16") and feb.extra == {"required": 0, "counted": 1}
    copil = only(findings, COPIL, "2021-12-31")
    assert copil.window_start == D("2021-02-16") and copil.extra == {"required": 2, "counted": 2}
    # F02's ballots carry no ref: they are the ballots since the previous decision (2021-03-18)
    f02 = only(findings, VOTE, "2021-10-14")
    assert counted_refs(f02) == ["dec-F02", "acc-F02-soliha", "acc-F02-mta"]


def test_compliant_2023_06_30(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2023-06-30")
    assert ignored == 13
    expected = {
        (U, COP, BOTH, D("2023-07-31")),     # 2023-07-31 <= horizon 2023-08-29
        (P, COP, BOTH, D("2023-08-31")),     # 2023-08-31 > 2023-08-29; September starts after it
        (P, COPIL, BOTH, D("2023-12-31")),   # 2023-03-16 so far, 1 of 2
        (P, BILAN, BOTH, D("2024-02-15")),   # year 3: 2023-02-16..2024-02-15, nothing yet
        TERM_AT("2024-02-16"),  # next renewal after the as-of date
        (F, COPIL, BOTH, D("2021-12-31")), (F, COPIL, BOTH, D("2022-12-31")),
        (F, BILAN, BOTH, D("2022-02-15")),   # 2022-01-27
        (F, BILAN, BOTH, D("2023-02-15")),   # 2023-01-26
        (F, VOTE, BOTH, D("2021-03-18")), (F, VOTE, BOTH, D("2021-10-14")),
        # F03: soliha `accord`, mta `refus` -> not each structure agrees -> rejected, recorded
        # `rejeté`: consistent
        (F, VOTE, BOTH, D("2022-04-07")),
        (F, VOTE, BOTH, D("2023-03-16")),
    } | monthly(F, "2021-03", "2023-06") | {FEB_STUB}     # June 2023 ends on the as-of date: done on 2023-06-13
    assert {key(f) for f in findings} == expected
    assert len(findings) == len(expected) == 42
    f03 = only(findings, VOTE, "2022-04-07")
    assert "(rejected) is consistent" in f03.message
    assert only(findings, COPIL, "2023-12-31").extra == {"required": 2, "counted": 1}


def test_compliant_2024_03_01(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2024-03-01")
    assert ignored == 2                      # op. committee 2024-03-12, steering committee 2024-03-14
    expected = {
        (U, COP, BOTH, D("2024-03-31")), (U, COP, BOTH, D("2024-04-30")),
        (P, COPIL, BOTH, D("2024-12-31")),
        (P, BILAN, BOTH, D("2025-02-15")),   # year 4: 2024-02-16..2025-02-15
        TERM_AT("2025-02-16"),  # next renewal after the as-of date
        (F, COPIL, BOTH, D("2021-12-31")), (F, COPIL, BOTH, D("2022-12-31")),
        (F, COPIL, BOTH, D("2023-12-31")),   # 2023-03-16 (soliha=3;mta=2), 2023-10-12
        (F, BILAN, BOTH, D("2022-02-15")), (F, BILAN, BOTH, D("2023-02-15")),
        (F, BILAN, BOTH, D("2024-02-15")),   # 2024-02-08
        (F, VOTE, BOTH, D("2021-03-18")), (F, VOTE, BOTH, D("2021-10-14")),
        (F, VOTE, BOTH, D("2022-04-07")), (F, VOTE, BOTH, D("2023-03-16")),
    } | monthly(F, "2021-03", "2024-02") | {FEB_STUB}     # 37 months
    assert {key(f) for f in findings} == expected
    assert len(findings) == len(expected) == 52


@pytest.mark.parametrize("as_of", ["2021-02-20", "2022-03-01", "2023-06-30", "2024-03-01"])
def test_compliant_never_breaches(convention, as_of) -> None:
    findings, _ = run(convention, COMPLIANT, as_of)
    assert [f for f in findings if f.status is B] == []
    # must not report: powers (the rules have none; `reconduction` events are only recorded)
    # or a discretion finding (no disclosure in this log)
    assert not any(f.kind == "power" or f.clause == DISC for f in findings)


# ---------------------------------------------------------------------- breaches.jsonl

def test_breaches_2022_03_01_nothing_wrong_yet(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2022-03-01")
    assert ignored == 41
    assert [f for f in findings if f.status is B] == []
    # the first year is the same as in the compliant log
    compliant, _ = run(convention, COMPLIANT, "2022-03-01")
    assert {key(f) for f in findings} == {key(f) for f in compliant}


BREACHES_FOUND = {
    # art. IV F03: soliha `accord` (2022-03-15), mta `refus` (2022-03-29): "each agrees" fails ->
    # rejected; the decision of 2022-04-07 is recorded `adopté` -> breach, dated by the decision
    (B, VOTE, BOTH, D("2022-04-07")),
    # art. IV: no operational committee in 2022-08-01..2022-08-31 -> breach due 2022-08-31
    (B, COP, BOTH, D("2022-08-31")),
    # art. IV: 2022 has 2022-04-07 (soliha=2;mta=2) and 2022-11-17 (soliha=2;mta=1: only one MTA
    # representative, does not count) -> 1 of 2 -> breach due 2022-12-31
    (B, COPIL, BOTH, D("2022-12-31")),
    # art. V: year 2 = 2022-02-16..2023-02-15; its report came on 2023-03-09, 22 days after the
    # period ended -> breach due 2023-02-15
    (B, BILAN, BOTH, D("2023-02-15")),
    # art. VI: disclosure by mta on 2023-05-22, no exception in the article -> breach
    (B, DISC, ("mta",), D("2023-05-22")),
}


def test_breaches_2023_06_30(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2023-06-30")
    assert ignored == 13
    year3 = (BILAN, D("2024-02-15"))         # see test_breaches_2023_06_30_year3_report_pending
    expected = BREACHES_FOUND | {
        (U, COP, BOTH, D("2023-07-31")),
        (P, COP, BOTH, D("2023-08-31")),
        (P, COPIL, BOTH, D("2023-12-31")),   # 2023-03-16 so far
        TERM_AT("2024-02-16"),  # next renewal after the as-of date
        (F, COPIL, BOTH, D("2021-12-31")),
        (F, BILAN, BOTH, D("2022-02-15")),
        (F, VOTE, BOTH, D("2021-03-18")), (F, VOTE, BOTH, D("2021-10-14")),
        (F, VOTE, BOTH, D("2023-03-16")),
    } | monthly(F, "2021-03", "2023-06", skip={"2022-08"}) | {FEB_STUB}
    assert {key(f) for f in findings if (f.clause, f.due) != year3} == expected
    assert sum(f.status is B for f in findings) == 5

    copil = only(findings, COPIL, "2022-12-31")
    assert copil.extra == {"required": 2, "counted": 1}
    assert [(n.ref, n.counted) for n in copil.events] == [("copil-2022-04-07", True),
                                                          ("copil-2022-11-17", False)]
    assert "fewer than 2 representatives of mta" in copil.events[1].reason
    # September 2022: two meetings (2022-09-13 and the catch-up of 2022-09-27); they do not
    # make up for August
    sept = only(findings, COP, "2022-09-30")
    assert sept.status is F and sept.extra == {"required": 1, "counted": 2}
    aug = only(findings, COP, "2022-08-31")
    assert aug.extra == {"required": 1, "counted": 0} and aug.window_start == D("2022-08-01")
    vote = only(findings, VOTE, "2022-04-07")
    assert "recorded as adopted, but the ballots give rejected" in vote.message
    assert counted_refs(vote) == ["dec-F03", "acc-F03-soliha", "acc-F03-mta"]
    disc = only(findings, DISC, "2023-05-22")
    assert disc.kind == "prohibition" and disc.article == "VI"
    # the late report says it accounts for year 2 (`period` column): listed as late, not counted
    year2 = only(findings, BILAN, "2023-02-15")
    assert [(n.ref, n.counted) for n in year2.events] == [("bilan-2", False)]
    assert "22 days after its end" in year2.events[0].reason


def test_breaches_2023_06_30_year3_report_pending(convention) -> None:
    findings, _ = run(convention, BREACHES, "2023-06-30")
    year3 = only(findings, BILAN, "2024-02-15")
    # art. V: year 3 = 2023-02-16..2024-02-15; due 2024-02-15 > horizon 2023-08-29 -> pending
    assert (year3.status, year3.extra["counted"]) == (P, 0)


def test_breaches_2024_03_01(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2024-03-01")
    assert ignored == 2
    expected = BREACHES_FOUND | {
        (U, COP, BOTH, D("2024-03-31")), (U, COP, BOTH, D("2024-04-30")),
        (P, COPIL, BOTH, D("2024-12-31")),
        (P, BILAN, BOTH, D("2025-02-15")),
        TERM_AT("2025-02-16"),  # next renewal after the as-of date
        (F, COPIL, BOTH, D("2021-12-31")),
        (F, COPIL, BOTH, D("2023-12-31")),   # 2023-03-16, 2023-10-12: goes right again
        (F, BILAN, BOTH, D("2022-02-15")),
        # year 3 (2023-02-16..2024-02-15): its own report of 2024-02-08 -> fulfilled
        (F, BILAN, BOTH, D("2024-02-15")),
        (F, VOTE, BOTH, D("2021-03-18")), (F, VOTE, BOTH, D("2021-10-14")),
        (F, VOTE, BOTH, D("2023-03-16")),
    } | monthly(F, "2021-03", "2024-02", skip={"2022-08"}) | {FEB_STUB}
    assert {key(f) for f in findings} == expected
    assert len(findings) == len(expected) == 53
    assert "bilan-3" in counted_refs(only(findings, BILAN, "2024-02-15"))


@pytest.mark.parametrize("as_of", ["2023-06-30", "2024-03-01"])
def test_breaches_must_not_report(convention, as_of) -> None:
    findings, _ = run(convention, BREACHES, as_of)
    breaches = [f for f in findings if f.status is B]
    # soliha disclosed nothing; the only discretion finding is mta's
    assert [f.parties for f in findings if f.clause == DISC] == [("mta",)]
    # the steering committees of 2021 and 2023 (3 soliha, 2 mta on 2023-03-16) are not breaches
    assert not any(f.clause == COPIL and f.due in (D("2021-12-31"), D("2023-12-31")) for f in breaches)
    # only August 2022 among the months
    assert [f.due for f in breaches if f.clause == COP] == [D("2022-08-31")]
    # the recorded renewals are no powers and end nothing
    assert not any(f.kind == "power" or f.status is Status.DISCHARGED for f in findings)


# ---------------------------------------------------------------------- non-renewal

def test_non_renewal_ends_the_convention(convention) -> None:
    events, _ = read_events(COMPLIANT)
    kept = [e for e in events if e.date <= D("2023-02-15")]
    notice = Event(date=D("2023-01-10"), event="non_reconduction", by=("mta",), to=("soliha",), via="lrar",
                   id="non-reconduction-mta", subject="MTA ne reconduit pas la convention", origin="test:1", row=1)
    findings, _ = evaluate(convention, kept + [notice], D("2023-06-30"), 60)
    term = next(f for f in findings if f.clause == "term")
    # art. VII: 2nd year 2022-02-16 + 1 year = 2023-02-16 (CPC art. 641, same-numbered day): no renewal
    assert (term.status, term.due) == (Status.DISCHARGED, D("2023-02-16"))
    assert [f for f in findings if f.status is B] == []


# ---------------------------------------------------------------------- the CLI


def cli(log, as_of: str, *extra: str):
    return check_cli(RULES, log, as_of, *extra)


@pytest.mark.parametrize(("log", "as_of", "code"), [
    (COMPLIANT, "2022-03-01", 0),
    (COMPLIANT, "2023-06-30", 0),
    (COMPLIANT, "2024-03-01", 0),
    (BREACHES, "2022-03-01", 0),             # nothing has gone wrong yet
    (BREACHES, "2023-06-30", 1),
    (BREACHES, "2024-03-01", 1),
], ids=lambda v: getattr(v, "stem", str(v)))
def test_cli_exit_code(monkeypatch, log, as_of, code) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(log, as_of)
    assert result.exit_code == code, result.output


def test_cli_json_lists_the_breaches(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(BREACHES, "2024-03-01", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    # an act's date is `acted`; its `due` is its latest permissible date, none for a vote or a
    # prohibited act (issue 9 item 1)
    got = {(f["status"], f["clause"], tuple(f["parties"]), f["acted"] or f["due"]) for f in data["findings"]
           if f["status"] == "breach"}
    assert all(f["due"] is None for f in data["findings"] if f["kind"] in ("vote", "prohibition"))
    assert got == {(s.value, c, p, d.isoformat()) for s, c, p, d in BREACHES_FOUND}


# ---------------------------------------------------------------------- golden outputs

@pytest.mark.parametrize("log", [COMPLIANT, BREACHES], ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_golden(monkeypatch, log, fmt) -> None:
    monkeypatch.chdir(ROOT)
    extra = ("--explain",) if fmt == "txt" else ("--format", "json")
    result = cli(log, "2024-03-01", *extra)
    assert result.exit_code == (0 if log is COMPLIANT else 1)
    assert_golden(GOLDEN / "check" / f"002-{log.stem}.{fmt}", result.output)
