"""Seed 000 — PISCO, Manosque (H2P / F&P, 2019-2022): hand-worked verdicts.

The convention runs from 2019-09-25 to 2022-09-25 « de plein droit et sans
formalité » (art. 7, no renewal). Every date below is worked out by hand from
the articles with the CPC rules (art. 640-642 and 668-669, metropolitan public
holidays); the engine's result must match it.

- art. 7: each party states its intentions at least 6 months before the term:
  2022-09-25 - 6 months = Fri 2022-03-25 (backward: no art. 642 extension).
- art. 8.2: one steering committee a year; the rules count the years from the
  start (reading recorded in the rules): 2019-09-25 – 2020-09-24,
  2020-09-25 – 2021-09-24, 2021-09-25 – 2022-09-24 (three full years).
- art. 9: the roadmap meeting at the latest 2 months before the end of each
  exercise: 2020-09-24 - 2 months = Fri 2020-07-24; 2021-09-24 - 2 months =
  Sat 2021-07-24; 2022-09-24 - 2 months = Sun 2022-07-24 (backward limits are
  never moved off a weekend).
- art. 10: a modification request is an LRAR; the other party answers within
  15 days of receipt (CPC art. 668-669), by LRAR; a modification needs an
  avenant signed by both parties.
- art. 11: termination needs a serious breach, a formal notice by registered
  letter left unanswered for 15 days, and a failed conciliation.
- art. 12: no court action before a conciliation meeting (at least two
  representatives of each party).
- art. 15: no disclosure to a third party without the other party's express
  written consent.

Horizon: 60 days after the as-of date.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from clauses.evaluation import evaluate
from clauses.events import read_events, validate_events
from clauses.findings import Status
from clauses.language.resolve import used_events
from conftest import GOLDEN, ROOT, assert_golden, check_cli, loaded_convention, when

RULES = ROOT / "rules" / "000_pisco_manosque.clauses"
EXAMPLES = ROOT / "examples" / "000_pisco_manosque"
COMPLIANT = EXAMPLES / "compliant.csv"
BREACHES = EXAMPLES / "breaches.csv"

D = dt.date.fromisoformat
BOTH = ("h2p", "fp")
H2P, FP = ("h2p",), ("fp",)
B, U, P, F, X = Status.BREACH, Status.UPCOMING, Status.PENDING, Status.FULFILLED, Status.DISCHARGED


@pytest.fixture(scope="module")
def convention():
    return loaded_convention(RULES)


def run(convention, log: Path, as_of: str):
    events, problems = read_events(log)
    problems += validate_events(events, {p.id for p in convention.parties},
                                used_events(convention) | {e.id for e in convention.events})
    assert problems == []
    return evaluate(convention, events, D(as_of), 60)


def table(findings) -> list[tuple]:
    """(status, clause, parties, date) of every finding, sorted (order-independent comparison);
    the date is an act's date for an act, else the due date (conftest.when)."""
    return sorted(((f.status, f.clause, f.parties, when(f)) for f in findings),
                  key=lambda t: (t[0].value, t[1], t[2], t[3] or dt.date.max))


def only(findings, clause: str, due: str, parties: tuple[str, ...] | None = None):
    found = [f for f in findings if f.clause == clause and when(f) == D(due)
             and (parties is None or f.parties == parties)]
    assert len(found) == 1, found
    return found[0]


def counted(finding) -> list[str]:
    return [n.ref for n in finding.events if n.counted]


def sort(rows: list[tuple]) -> list[tuple]:
    return sorted(rows, key=lambda t: (t[0].value, t[1], t[2], t[3] or dt.date.max))


# ====================================================================== breaches.csv
#
# Every finding the breaches log must give, with the hand computation.

# -- breaches that are already there on 2021-06-30
BREACHES_2020_2021 = [
    # art. 15: CONF-2020-01, H2P sends the convention to Compost'Ere on 2020-01-30;
    # F&P never gave its written consent (the only consent, ACC-2020-01, is H2P's).
    (B, "confidentialité", H2P, D("2020-01-30")),
    # art. 10: DM-2020-01 is an email, the article requires an LRAR: no effect.
    (B, "demander_modification", H2P, D("2020-04-20")),
    # art. 10: MOD-2020-01 on 2020-05-12; the first avenant (AV-2020-01) is of 2020-12-10.
    # The power is the parties' jointly (« les parties »): the finding names both.
    (B, "modifier", BOTH, D("2020-05-12")),
    # art. 10: DM-2020-02 received Wed 2020-11-18; + 15 days (art. 641) = Thu 2020-12-03,
    # a working day. RM-2020-02 (2020-11-26) is an email, not an LRAR: not counted.
    (B, "réponse_modification", FP, D("2020-12-03")),
    # art. 10: DM-2021-01 received Fri 2021-04-02; + 15 days = Sat 2021-04-17 -> Mon
    # 2021-04-19 (art. 642). RM-2021-01 on 2021-04-28: 9 days late.
    (B, "réponse_modification", H2P, D("2021-04-19")),
]

FULFILLED_2020_2021 = [
    # art. 10: DM-2020-01 was sent by email: the request has no effect (the power
    # `demander_modification` requires an LRAR), so no reply is owed to it (RM-2020-01 answers
    # nothing the convention requires): F&P's reply is reported as not triggered, with why, not
    # dropped (issue 9 item 7); it has no due date.
    (X, "réponse_modification", FP, None),
    # art. 9: exercise 2019-09-25 – 2020-09-24, due Fri 2020-07-24; FDR-2020 on 2020-06-18.
    (F, "feuille_de_route", BOTH, D("2020-07-24")),
    # art. 15: CONF-2020-02 by F&P on 2020-09-10 after H2P's written consent of 2020-09-03.
    (F, "confidentialité", FP, D("2020-09-10")),
    # art. 8.2: year 2019-09-25 – 2020-09-24; COPIL-2020 on 2020-09-17.
    (F, "comité_annuel", BOTH, D("2020-09-24")),
    # art. 10: DM-2020-02 and DM-2021-01 are LRARs.
    (F, "demander_modification", H2P, D("2020-11-16")),
    (F, "demander_modification", FP, D("2021-03-31")),
    # art. 10: MOD-2020-02 on 2020-12-14 follows AV-2020-01 signed by both on 2020-12-10.
    (F, "modifier", BOTH, D("2020-12-14")),
]

EXPECTED_BREACHES_2021_06_30 = sort(BREACHES_2020_2021 + FULFILLED_2020_2021 + [
    # art. 9: exercise 2020-09-25 – 2021-09-24, due Sat 2021-07-24 <= horizon end
    # 2021-06-30 + 60 days = 2021-08-29: upcoming (FDR-2021 of 2021-08-30 is in the future).
    (U, "feuille_de_route", BOTH, D("2021-07-24")),
    # art. 8.2: year 2020-09-25 – 2021-09-24 ends after the horizon (COPIL-2021 is later).
    (P, "comité_annuel", BOTH, D("2021-09-24")),
    # art. 7: 2022-09-25 - 6 months = Fri 2022-03-25, after the horizon.
    (P, "intentions", FP, D("2022-03-25")),
    (P, "intentions", H2P, D("2022-03-25")),
    (P, "term", BOTH, D("2022-09-25")),
])

BREACHES_2021_2022 = [
    # art. 9: due Sat 2021-07-24; FDR-2021 on 2021-08-30 = 7 + 30 = 37 days late.
    (B, "feuille_de_route", BOTH, D("2021-07-24")),
    # art. 11: RES-2021-01 on 2021-10-15. MED-2021-01 sent Wed 2021-10-06: its 15 days
    # end Thu 2021-10-21 counted from sending (Mon 2021-10-25 counted from receipt on Fri
    # 2021-10-08: Sat 10-23 -> art. 642); either way they had not run out. No failed
    # conciliation either. The termination has no effect.
    (B, "résilier", FP, D("2021-10-15")),
    # art. 12: TJ-2021-01 on 2021-11-02; the only conciliation (CONC-2021-01) is of 2021-12-09.
    (B, "conciliation_préalable", H2P, D("2021-11-02")),
]

FULFILLED_2021_2022 = [
    # art. 8.2: year 2020-09-25 – 2021-09-24; COPIL-2021 on 2021-09-16.
    (F, "comité_annuel", BOTH, D("2021-09-24")),
    # art. 7: INT-H2P on 2022-02-15 <= 2022-03-25.
    (F, "intentions", H2P, D("2022-03-25")),
    # art. 10: DM-2022-01 is an LRAR.
    (F, "demander_modification", H2P, D("2022-02-21")),
]

EXPECTED_BREACHES_2022_03_01 = sort(BREACHES_2020_2021 + FULFILLED_2020_2021 + BREACHES_2021_2022
                                    + FULFILLED_2021_2022 + [
    # art. 10: DM-2022-01 received Wed 2022-02-23 + 15 days = Thu 2022-03-10 <= horizon end
    # 2022-04-30; RM-2022-01 (2022-03-08) is after the as-of date.
    (U, "réponse_modification", FP, D("2022-03-10")),
    # art. 7: Fri 2022-03-25 <= 2022-04-30; F&P has said nothing yet.
    (U, "intentions", FP, D("2022-03-25")),
    # art. 9: exercise 2021-09-25 – 2022-09-24: 2022-09-24 - 2 months = Sun 2022-07-24.
    (P, "feuille_de_route", BOTH, D("2022-07-24")),
    (P, "comité_annuel", BOTH, D("2022-09-24")),
    (P, "term", BOTH, D("2022-09-25")),
])

EXPECTED_BREACHES_2022_12_31 = sort(BREACHES_2020_2021 + FULFILLED_2020_2021 + BREACHES_2021_2022
                                    + FULFILLED_2021_2022 + [
    # art. 7: INT-FP on 2022-04-12, 18 days after Fri 2022-03-25.
    (B, "intentions", FP, D("2022-03-25")),
    # art. 10: RM-2022-01 (LRAR, 2022-03-08) <= Thu 2022-03-10.
    (F, "réponse_modification", FP, D("2022-03-10")),
    # art. 9: FDR-2022 on 2022-06-23 <= Sun 2022-07-24.
    (F, "feuille_de_route", BOTH, D("2022-07-24")),
    # art. 8.2: year 2021-09-25 – 2022-09-24; COPIL-2022 on 2022-09-08.
    (F, "comité_annuel", BOTH, D("2022-09-24")),
    # art. 10: DM-2022-02 is an LRAR.
    (F, "demander_modification", FP, D("2022-09-13")),
    # art. 7: the convention ended on 2022-09-25, de plein droit.
    (X, "term", BOTH, D("2022-09-25")),
    # art. 10: DM-2022-02 received Thu 2022-09-15 + 15 days = Fri 2022-09-30, after the
    # end of the convention (2022-09-25): H2P's answer is no longer due.
    (X, "réponse_modification", H2P, D("2022-09-30")),
    # art. 15: CONF-2022-01 on 2022-10-20, after the end (the article states no survival).
    (X, "confidentialité", H2P, D("2022-10-20")),
])


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2021-06-30", EXPECTED_BREACHES_2021_06_30),
    ("2022-03-01", EXPECTED_BREACHES_2022_03_01),
    ("2022-12-31", EXPECTED_BREACHES_2022_12_31),
])
def test_breaches_log_gives_exactly_the_hand_worked_findings(convention, as_of, expected) -> None:
    findings, _ = run(convention, BREACHES, as_of)
    assert table(findings) == expected


def test_breaches_log_events_after_as_of_are_ignored(convention) -> None:
    # 29 events: 14 up to 2021-06-30, 23 up to 2022-03-01, all 29 by 2022-12-31.
    assert run(convention, BREACHES, "2021-06-30")[1] == 15
    assert run(convention, BREACHES, "2022-03-01")[1] == 6
    assert run(convention, BREACHES, "2022-12-31")[1] == 0


def test_breaches_reasons(convention) -> None:
    findings, _ = run(convention, BREACHES, "2022-12-31")
    # art. 10: the email request is refused for its channel.
    ask = only(findings, "demander_modification", "2020-04-20")
    assert "sent by email" in ask.message and "no effect" in ask.message
    # art. 10: the email answer is listed, not counted, with the reason.
    email = only(findings, "réponse_modification", "2020-12-03")
    assert [(n.ref, n.counted) for n in email.events] == [("RM-2020-02", False)]
    assert "sent by email" in email.events[0].reason
    # the due date runs from the receipt (2020-11-18), not the sending (2020-11-16)
    assert email.window_start == D("2020-11-18")
    assert email.derivation["anchor"] == "2020-11-18"
    # art. 10: late answer, 9 days; the art. 642 extension is in the derivation
    late = only(findings, "réponse_modification", "2021-04-19")
    assert "9 days" in late.message
    assert late.derivation["computed"] == "2021-04-17"
    assert [a["to"] for a in late.derivation["adjustments"]] == ["2021-04-19"]
    # art. 9: 37 days late
    assert "37 days" in only(findings, "feuille_de_route", "2021-07-24").message
    # art. 7: F&P 18 days late, H2P on time
    assert "18 days" in only(findings, "intentions", "2022-03-25", FP).message
    assert counted(only(findings, "intentions", "2022-03-25", H2P)) == ["INT-H2P"]
    # art. 11: both missing conditions are named
    res = only(findings, "résilier", "2021-10-15")
    assert "had not run out" in res.message
    assert "conciliation_échouée" in res.message
    assert "no effect" in res.message
    # art. 12 and 15
    assert "without a prior `conciliation`" in only(findings, "conciliation_préalable", "2021-11-02").message
    assert "without a prior `accord_écrit`" in only(findings, "confidentialité", "2020-01-30").message
    assert counted(only(findings, "confidentialité", "2020-09-10")) == ["CONF-2020-02", "ACC-2020-01"]
    # art. 10: the valid modification cites the avenant
    assert counted(only(findings, "modifier", "2020-12-14")) == ["MOD-2020-02", "AV-2020-01"]


def test_breaches_invalid_termination_has_no_effect(convention) -> None:
    """art. 11: RES-2021-01 fails its conditions, so the convention runs to its term."""
    findings, _ = run(convention, BREACHES, "2022-03-01")
    term = only(findings, "term", "2022-09-25")
    assert term.status is P and "term ends on 2022-09-25" in term.message
    # must not report: nothing discharged by the failed termination (the only discharged finding is
    # the reply to DM-2020-01, which the request by email never triggered)
    assert [(f.clause, f.due) for f in findings if f.status is X] == [("réponse_modification", None)]
    # the duties after the termination attempt are still assessed (F&P's intentions upcoming)
    assert only(findings, "intentions", "2022-03-25", FP).status is U


def test_breaches_must_not_report(convention) -> None:
    findings, _ = run(convention, BREACHES, "2022-12-31")
    # F&P's disclosure with H2P's consent is not a breach
    assert not [f for f in findings if f.clause == "confidentialité" and f.status is B and f.parties == FP]
    # the steering committee met every year: no committee breach
    assert not [f for f in findings if f.clause == "comité_annuel" and f.status is not F]
    # nothing is due after the term: no upcoming or pending finding on 2022-12-31
    assert not [f for f in findings if f.status in (U, P)]
    # the post-term reply and disclosure are not breaches
    assert not [f for f in findings if f.status is B and f.due and f.due > D("2022-09-25")]


# ====================================================================== compliant.csv

COMPLIANT_2020_2021 = [
    # art. 9: FDR-2020 on 2020-06-11 <= Fri 2020-07-24.
    (F, "feuille_de_route", BOTH, D("2020-07-24")),
    # art. 8.2: COPIL-2020 on 2020-09-10 in 2019-09-25 – 2020-09-24.
    (F, "comité_annuel", BOTH, D("2020-09-24")),
    # art. 10: DM-2020-01 LRAR; received Wed 2020-11-18 + 15 = Thu 2020-12-03;
    # RM-2020-01 by LRAR on 2020-11-30; AV-2020-01 signed by both before MOD-2020-01.
    (F, "demander_modification", H2P, D("2020-11-16")),
    (F, "réponse_modification", FP, D("2020-12-03")),
    (F, "modifier", BOTH, D("2020-12-14")),
    # art. 15: CONF-2021-01 by H2P on 2021-03-11 after F&P's written consent of 2021-03-04.
    (F, "confidentialité", H2P, D("2021-03-11")),
    # art. 9: FDR-2021 on 2021-06-17 <= Sat 2021-07-24.
    (F, "feuille_de_route", BOTH, D("2021-07-24")),
]

EXPECTED_COMPLIANT = {
    "2021-06-30": sort(COMPLIANT_2020_2021 + [
        (P, "comité_annuel", BOTH, D("2021-09-24")),
        (P, "intentions", FP, D("2022-03-25")),
        (P, "intentions", H2P, D("2022-03-25")),
        (P, "term", BOTH, D("2022-09-25")),
    ]),
    "2022-03-01": sort(COMPLIANT_2020_2021 + [
        (F, "comité_annuel", BOTH, D("2021-09-24")),      # COPIL-2021 on 2021-09-16
        (F, "intentions", H2P, D("2022-03-25")),          # INT-H2P on 2022-02-15
        (U, "intentions", FP, D("2022-03-25")),           # INT-FP (2022-03-10) is after the as-of date
        (P, "feuille_de_route", BOTH, D("2022-07-24")),
        (P, "comité_annuel", BOTH, D("2022-09-24")),
        (P, "term", BOTH, D("2022-09-25")),
    ]),
    "2022-12-31": sort(COMPLIANT_2020_2021 + [
        (F, "comité_annuel", BOTH, D("2021-09-24")),
        (F, "intentions", H2P, D("2022-03-25")),
        (F, "intentions", FP, D("2022-03-25")),           # INT-FP on 2022-03-10 <= 2022-03-25
        (F, "feuille_de_route", BOTH, D("2022-07-24")),   # FDR-2022 on 2022-06-23
        (F, "comité_annuel", BOTH, D("2022-09-24")),      # COPIL-2022 on 2022-09-08
        (X, "term", BOTH, D("2022-09-25")),
    ]),
}


@pytest.mark.parametrize("as_of", sorted(EXPECTED_COMPLIANT))
def test_compliant_log_gives_exactly_the_hand_worked_findings(convention, as_of) -> None:
    findings, _ = run(convention, COMPLIANT, as_of)
    assert table(findings) == EXPECTED_COMPLIANT[as_of]
    # must not report: no breach in the compliant log, at any date
    assert not [f for f in findings if f.status is B]


# ====================================================================== edge cases
#
# Small logs for what the two example logs leave out: a valid termination (and
# the art. 11 consequence on the roadmaps), attendance at the conciliation, and
# verdicts the engine once got wrong (kept as regression tests).

HEADER = "date,event,by,to,subject,via,id,ref,received,representatives\n"


def run_rows(convention, tmp_path, rows: str, as_of: str):
    log = tmp_path / "log.csv"
    log.write_text(HEADER + rows, encoding="utf-8")
    return run(convention, log, as_of)[0]


VALID_TERMINATION = """\
2020-06-18,réunion_feuille_de_route,h2p;fp,,feuille de route 2020-2021,,FDR-2020,,,
2020-09-17,comité_pilotage,h2p;fp,,comité n°1,,COPIL-2020,,,
2020-12-03,comité_pilotage,h2p;fp,,comité n°2 (avancé),,COPIL-2021,,,
2021-01-20,manquement_grave,h2p,,H2P ne libère plus le temps de ses collaborateurs,,MG,,,
2021-01-22,mise_en_demeure,fp,h2p,mise en demeure,lrar,MED,MG,2021-01-25,
2021-02-25,conciliation,h2p;fp,,réunion de conciliation,,CONC,,,h2p=2;fp=2
2021-02-25,conciliation_échouée,h2p;fp,,échec de la conciliation,,ECH,CONC,,
2021-03-15,résiliation,fp,h2p,résiliation,lrar,RES,MED,2021-03-17,
"""


def test_valid_termination_ends_the_convention(convention, tmp_path) -> None:
    """art. 11: serious breach (2021-01-20), formal notice sent Fri 2021-01-22 (received Mon
    01-25: 15 days end Tue 02-09, or Sat 02-06 -> Mon 02-08 from sending), failed conciliation
    (2021-02-25, 2 + 2 representatives), termination on 2021-03-15: valid, ends the convention."""
    findings = run_rows(convention, tmp_path, VALID_TERMINATION, "2021-12-31")
    res = only(findings, "résilier", "2021-03-15", FP)
    assert res.status is F
    # art. 11-12: the serious breach, the formal notice, the conciliation meeting, its failure
    assert counted(res) == ["RES", "MG", "MED", "CONC", "ECH"]
    term = only(findings, "term", "2021-03-15")
    assert term.status is X and "résiliation by fp on 2021-03-15" in term.message
    # art. 7: the intentions due 2022-03-25 are no longer due
    assert [f.status for f in findings if f.clause == "intentions"] == [X, X]
    # art. 8.2: the termination cuts the year 2020-09-25 – 2021-09-24 on 2021-03-15: a stub of
    # 2020-09-25 – 2021-03-14 = 171 days of 365; once a year is one committee per 365 days, and
    # 171 < 365: the stub owes nothing (stub rule, issue 9 item 2); COPIL-2021 (2020-12-03) was
    # held in it: fulfilled
    annual = only(findings, "comité_annuel", "2021-03-14")
    assert annual.status is F and annual.extra == {"required": 0, "counted": 1}
    # nothing else breached, nothing left due (the roadmap duty: see the test below)
    assert not [f for f in findings if f.status in (B, U, P) and f.clause != "feuille_de_route"]


def test_roadmap_of_an_exercise_cut_by_termination_is_discharged(convention, tmp_path) -> None:
    findings = run_rows(convention, tmp_path, VALID_TERMINATION, "2021-12-31")
    roadmaps = [(f.status, f.due) for f in findings if f.clause == "feuille_de_route"]
    # 2020-09-24 - 2 months = 2020-07-24 (FDR-2020 on time);
    # 2021-09-24 - 2 months = Sat 2021-07-24 >= termination 2021-03-15: discharged
    assert sorted(roadmaps) == sorted([(F, D("2020-07-24")), (X, D("2021-07-24"))])


LATE_TERMINATION = """\
2020-06-18,réunion_feuille_de_route,h2p;fp,,feuille de route 2020-2021,,FDR-2020,,,
2020-09-17,comité_pilotage,h2p;fp,,comité n°1,,COPIL-2020,,,
2021-06-17,réunion_feuille_de_route,h2p;fp,,feuille de route 2021-2022,,FDR-2021,,,
2021-09-16,comité_pilotage,h2p;fp,,comité n°2,,COPIL-2021,,,
2021-10-04,manquement_grave,h2p,,H2P ne libère plus le temps de ses collaborateurs,,MG,,,
2021-10-06,mise_en_demeure,fp,h2p,mise en demeure,lrar,MED,MG,2021-10-08,
2021-10-20,conciliation,h2p;fp,,réunion de conciliation,,CONC,,,h2p=2;fp=2
2021-10-20,conciliation_échouée,h2p;fp,,échec de la conciliation,,ECH,CONC,,
2021-10-26,résiliation,fp,h2p,résiliation,lrar,RES,MED,2021-10-28,
"""


def test_year_cut_short_by_termination_owes_nothing(convention, tmp_path) -> None:
    findings = run_rows(convention, tmp_path, LATE_TERMINATION, "2021-12-31")
    assert only(findings, "résilier", "2021-10-26", FP).status is F
    assert not [f for f in findings if f.status is B]


def test_conciliation_needs_two_representatives_of_each_party(convention, tmp_path) -> None:
    """art. 12: a meeting with one F&P representative is not the conciliation the article
    requires, so it does not allow the court action; the meeting with 2 + 2 does."""
    findings = run_rows(convention, tmp_path, """\
2021-11-02,conciliation,h2p;fp,,réunion avec un seul représentant de F&P,,CONC-1,,,h2p=2;fp=1
2021-11-15,saisine_tribunal,h2p,,saisine du tribunal judiciaire,,TJ-1,,,
2021-12-09,conciliation,h2p;fp,,réunion de conciliation complète,,CONC-2,,,h2p=2;fp=2
2022-01-10,saisine_tribunal,fp,,saisine du tribunal judiciaire,,TJ-2,,,
""", "2022-03-01")
    assert only(findings, "conciliation_préalable", "2021-11-15", H2P).status is B
    allowed = only(findings, "conciliation_préalable", "2022-01-10", FP)
    assert allowed.status is F and counted(allowed) == ["TJ-2", "CONC-2"]


def test_consent_must_come_from_the_other_party(convention, tmp_path) -> None:
    """art. 15: a party's own 'consent' does not lift the prohibition; the other's does."""
    findings = run_rows(convention, tmp_path, """\
2021-01-05,accord_écrit,h2p,,H2P s'autorise elle-même,email,A-1,,,
2021-01-06,communication_tiers,h2p,Ville de Manosque,convention transmise,email,C-1,,,
2021-02-01,accord_écrit,fp,h2p,accord écrit de F&P,email,A-2,,,
2021-02-03,communication_tiers,h2p,Ville de Manosque,convention transmise,email,C-2,,,
""", "2021-06-30")
    assert only(findings, "confidentialité", "2021-01-06", H2P).status is B
    assert only(findings, "confidentialité", "2021-02-03", H2P).status is F


def test_formal_notice_runs_from_its_receipt(convention, tmp_path) -> None:
    findings = run_rows(convention, tmp_path, """\
2021-10-04,manquement_grave,h2p,,H2P ne libère plus le temps de ses collaborateurs,,MG,,,
2021-10-06,mise_en_demeure,fp,h2p,mise en demeure,lrar,MED,MG,2021-10-08,
2021-10-20,conciliation,h2p;fp,,réunion de conciliation,,CONC,,,h2p=2;fp=2
2021-10-20,conciliation_échouée,h2p;fp,,échec de la conciliation,,ECH,CONC,,
2021-10-22,résiliation,fp,h2p,résiliation,lrar,RES,MED,2021-10-26,
""", "2021-12-31")
    res = only(findings, "résilier", "2021-10-22", FP)
    assert res.status is B
    assert "2021-10-25" in res.message
    # the termination has no effect: on 2021-12-31 the convention still runs to its term
    assert only(findings, "term", "2022-09-25").status is P


def test_no_reply_owed_to_a_request_without_effect(convention, tmp_path) -> None:
    findings = run_rows(convention, tmp_path, """\
2020-04-20,demande_modification,h2p,fp,report des demi-journées,email,DM-1,,,
""", "2020-06-30")
    assert only(findings, "demander_modification", "2020-04-20", H2P).status is B
    assert not [f for f in findings if f.clause == "réponse_modification" and f.status is B]
    # the reply it would have triggered (art. 10: within 15 days) is listed as not triggered, with why
    reply = [f for f in findings if f.clause == "réponse_modification"]
    assert [(f.status, f.parties, f.due) for f in reply] == [(X, FP, None)]
    assert "not triggered" in reply[0].message and "sent by email" in reply[0].message
    assert reply[0].events[0].ref == "DM-1" and reply[0].events[0].counted is False


def test_each_modification_needs_its_own_avenant(convention, tmp_path) -> None:
    findings = run_rows(convention, tmp_path, """\
2020-11-16,demande_modification,h2p,fp,ajout d'une visite,lrar,DM-1,,2020-11-18,
2020-11-30,réponse_modification,fp,h2p,accord,lrar,RM-1,DM-1,2020-12-02,
2020-12-10,avenant,h2p;fp,,avenant n°1,hand,AV-1,DM-1,,
2020-12-14,modification,h2p;fp,,modification n°1,,MOD-1,AV-1,,
2021-03-31,demande_modification,h2p,fp,élargissement du partenariat,lrar,DM-2,,2021-04-02,
2021-04-12,réponse_modification,fp,h2p,refus,lrar,RM-2,DM-2,2021-04-14,
2021-05-20,modification,h2p;fp,,modification n°2 sans avenant,,MOD-2,DM-2,,
""", "2021-06-30")
    assert only(findings, "modifier", "2020-12-14").status is F
    assert only(findings, "modifier", "2021-05-20").status is B


def test_a_meeting_of_the_next_exercise_does_not_count_for_the_previous(convention, tmp_path) -> None:
    findings = run_rows(convention, tmp_path, """\
2020-06-18,réunion_feuille_de_route,h2p;fp,,feuille de route 2020-2021,,FDR-1,,,
2022-06-23,réunion_feuille_de_route,h2p;fp,,feuille de route 2022-2023,,FDR-3,,,
""", "2022-08-01")
    missed = only(findings, "feuille_de_route", "2021-07-24")
    assert missed.status is B
    assert [n.ref for n in missed.events] == []
    assert only(findings, "feuille_de_route", "2022-07-24").status is F


# ====================================================================== the CLI


def cli(log: Path, as_of: str, *extra: str):
    return check_cli(RULES, log, as_of, *extra)


@pytest.mark.parametrize(("log", "as_of", "code"), [
    (COMPLIANT, "2021-06-30", 0),
    (COMPLIANT, "2022-03-01", 0),
    (COMPLIANT, "2022-12-31", 0),
    (BREACHES, "2020-01-29", 0),     # the day before the first breach (CONF-2020-01)
    (BREACHES, "2021-06-30", 1),
    (BREACHES, "2022-03-01", 1),
    (BREACHES, "2022-12-31", 1),
], ids=lambda v: getattr(v, "stem", str(v)))
def test_cli_exit_code(monkeypatch, log, as_of, code) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(log, as_of)
    assert result.exit_code == code, result.output


def test_cli_readme_command_shows_breaches_and_upcoming(monkeypatch) -> None:
    """The README's first command: breaches and the duties due within 60 days."""
    monkeypatch.chdir(ROOT)
    result = cli(BREACHES, "2022-03-01")
    assert result.exit_code == 1
    assert "BREACHES (8)" in result.output
    assert "UPCOMING (2)" in result.output
    # 1 discharged: the reply the request by email of 2020-04-20 never triggered (art. 10)
    assert result.output.rstrip().endswith("8 breaches, 2 upcoming, 3 pending, 9 fulfilled, 1 discharged")


def test_cli_json_matches_in_process(monkeypatch, convention) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(BREACHES, "2022-12-31", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["summary"] == {"breach": 9, "upcoming": 0, "pending": 0, "fulfilled": 13, "discharged": 4}
    findings, _ = run(convention, BREACHES, "2022-12-31")
    assert sorted((f["status"], f["clause"], tuple(f["parties"]), f["due"], f["acted"]) for f in data["findings"]) \
        == sorted((f.status.value, f.clause, f.parties, f.due and f.due.isoformat(), f.acted and f.acted.isoformat())
                  for f in findings)


# ====================================================================== golden outputs
#
# breaches.csv as of 2022-03-01 (the README's example: breaches and upcoming duties);
# compliant.csv as of 2022-12-31 (after the term: all fulfilled, the term discharged).

GOLDEN_DATES = {COMPLIANT: "2022-12-31", BREACHES: "2022-03-01"}


@pytest.mark.parametrize("log", [COMPLIANT, BREACHES], ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_golden(monkeypatch, log, fmt) -> None:
    monkeypatch.chdir(ROOT)
    extra = ("--explain",) if fmt == "txt" else ("--format", "json")
    result = cli(log, GOLDEN_DATES[log], *extra)
    assert result.exit_code == (0 if log is COMPLIANT else 1)
    assert_golden(GOLDEN / "check" / f"000-{log.stem}.{fmt}", result.output)
