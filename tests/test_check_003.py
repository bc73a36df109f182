"""Seed 003 — CCAS de Dijon / ADOMA (Dijon, signed 2023-05-24): hand-worked verdicts.

The articles (conventions/003_ccas_dijon_adoma.txt):

- art. 5: « Points bimestriels » (one per two-month period), « Deux fois par an un
  temps de coordination », « Un comité de pilotage annuel », « Un calendrier annuel
  de ces temps sera conjointement établi et transmis ». The rules count periods from
  the signature: two-month periods 2023-05-24 – 07-23, 07-24 – 09-23, ... and years
  2023-05-24 – 2024-05-23, 2024-05-24 – 2025-05-23, 2025-05-24 – 2026-05-23.
- art. 3: ADOMA « présente annuellement aux équipes les différents patrimoines ».
- art. 6.1/6.2: 1 year from the signature, tacit renewal year by year (the rules'
  reading of « renouvelée expressément par tacite reconduction »): open-ended.
- art. 6.3: « Toute modification ... fera l'objet d'un avenant » approved by the parties.
- art. 6.4: termination « à l'expiration d'un délai de quinze jours suivant l'envoi
  d'une lettre recommandée avec accusé de réception valant mise en demeure, restée
  sans effet ».
- art. 7: the provisions « demeurent applicables au-delà de la durée d'exécution »;
  7.1 confidentiality; 7.2 destruction « au plus tard dans un délai de deux mois ».

Time limits (CPC): art. 641 (days: the starting day does not count; months: the
same-numbered day, else the month's last day), art. 642 (a limit ending on a
Saturday, Sunday or public holiday runs to the next working day).

A period cut short by the end of the convention is a stub: it owes its share of
the whole period, times × days / full days rounded to the nearest, and nothing when
it is shorter than the interval between two occurrences (docs/check-output.md,
issue 9 item 2); what was done in a stub owing nothing is fulfilled, never lost.
Horizon: 60 days after the as-of date.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json

import pytest

from clauses.evaluation import evaluate
from clauses.events import read_events, validate_events
from clauses.findings import Status
from clauses.language.resolve import used_events
from conftest import GOLDEN, ROOT, assert_golden, check_cli, loaded_convention, when

RULES = ROOT / "rules" / "003_ccas_dijon_adoma.clauses"
EXAMPLES = ROOT / "examples" / "003_ccas_dijon_adoma"
COMPLIANT = EXAMPLES / "compliant.csv"
BREACHES = EXAMPLES / "breaches.csv"

D = dt.date.fromisoformat
BOTH = ("ccas", "adoma")
CCAS, ADOMA = ("ccas",), ("adoma",)
B, U, P, F, X = Status.BREACH, Status.UPCOMING, Status.PENDING, Status.FULFILLED, Status.DISCHARGED
PB, CO, CP, CAL, PAT = ("points_bimestriels", "coordination_semestrielle", "comité_annuel", "calendrier",
                        "présentation_patrimoines")
MOD, RES, CONF, DEST = "modifier", "résilier", "confidentialité", "destruction_des_données"

# The ADOMA modification of 2025-02-17 relies on amendment av-2025-01 (its `ref`), signed by ADOMA
# alone: a breach (see test_modification_needs_its_own_amendment); the summaries check it there.
DISPUTED = (MOD, ADOMA, D("2025-02-17"))


@pytest.fixture(scope="module")
def convention():
    return loaded_convention(RULES)


def run(convention, log, as_of: str):
    events, problems = read_events(log)
    assert problems == []
    return evaluate(convention, events, D(as_of), 60)


def summary(findings) -> list[tuple]:
    """(status, clause, parties, due, counted, required) of every finding, sorted (order-free)."""
    rows = [(f.status, f.clause, f.parties, when(f), f.extra.get("counted"), f.extra.get("required"))
            for f in findings if (f.clause, f.parties, when(f)) != DISPUTED]
    return sorted(rows, key=repr)


def rows(*items) -> list[tuple]:
    return sorted(items, key=repr)


def one(findings, clause: str, due: str, parties=None):
    found = [f for f in findings if f.clause == clause and when(f) == D(due)
             and (parties is None or f.parties == parties)]
    assert len(found) == 1, found
    return found[0]


def note(finding, ref: str):
    return next(n for n in finding.events if n.ref == ref)


def test_logs_are_clean(convention) -> None:
    names = used_events(convention) | {e.id for e in convention.events}
    for log in (COMPLIANT, BREACHES):
        events, problems = read_events(log)
        assert problems == []
        assert validate_events(events, {p.id for p in convention.parties}, names) == []


# ---------------------------------------------------------------------- compliant.csv

def test_compliant_2024_06_30(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2024-06-30")
    assert ignored == 22                     # the 22 rows dated from 2024-07-01 on
    # horizon end: 2024-06-30 + 60 days = 2024-08-29
    assert summary(findings) == rows(
        # art. 5, two-month periods from 2023-05-24 (periods counted from the start):
        # 05-24 + 2 months = 07-24, so the first ends 07-23; pb-2023-06, -09, -11, 2024-01, -03, -05
        (F, PB, BOTH, D("2023-07-23"), 1, 1),
        (F, PB, BOTH, D("2023-09-23"), 1, 1),
        (F, PB, BOTH, D("2023-11-23"), 1, 1),
        (F, PB, BOTH, D("2024-01-23"), 1, 1),
        (F, PB, BOTH, D("2024-03-23"), 1, 1),
        (F, PB, BOTH, D("2024-05-23"), 1, 1),
        (U, PB, BOTH, D("2024-07-23"), 0, 1),    # 2024-05-24 – 07-23: ends before 08-29
        (P, PB, BOTH, D("2024-09-23"), 0, 1),    # 2024-07-24 – 09-23: starts within the horizon
        # art. 5, year 1 = 2023-05-24 – 2024-05-23: tc-2023-10 + tc-2024-04, copil-2024-05-06, cal-2023
        (F, CO, BOTH, D("2024-05-23"), 2, 2),
        (F, CP, BOTH, D("2024-05-23"), 1, 1),
        (F, CAL, BOTH, D("2024-05-23"), 1, 1),
        # year 2 = 2024-05-24 – 2025-05-23: only the calendar of 2024-06-06 so far
        (P, CO, BOTH, D("2025-05-23"), 0, 2),
        (P, CP, BOTH, D("2025-05-23"), 0, 1),
        (F, CAL, BOTH, D("2025-05-23"), 1, 1),
        # art. 3: ADOMA's presentation to the CCAS teams on 2023-10-19
        (F, PAT, ADOMA, D("2024-05-23"), 1, 1),
        (P, PAT, ADOMA, D("2025-05-23"), 0, 1),
        # art. 7.2: fb-2024-03 on Fri 2024-03-15 + 2 months = Wed 2024-05-15 (art. 641, working day)
        # CCAS destroyed on 2024-04-10, ADOMA on 2024-05-06
        (F, DEST, CCAS, D("2024-05-15"), None, None),
        (F, DEST, ADOMA, D("2024-05-15"), None, None),
        # art. 6.1/6.2: 2023-05-24 + 1 year = 2024-05-24 (art. 641), renewed tacitly year by year;
        # the next renewal after 2024-06-30 is 2025-05-24 (no end known)
        (P, "term", BOTH, D("2025-05-24"), None, None),
    )
    assert all(f.status is not B for f in findings)


def test_compliant_2025_12_31(convention) -> None:
    findings, ignored = run(convention, COMPLIANT, "2025-12-31")
    assert ignored == 0
    # horizon end: 2025-12-31 + 60 days = 2026-03-01
    ends = ["2023-07-23", "2023-09-23", "2023-11-23", "2024-01-23", "2024-03-23", "2024-05-23",
            "2024-07-23", "2024-09-23", "2024-11-23", "2025-01-23", "2025-03-23", "2025-05-23",
            "2025-07-23", "2025-09-23", "2025-11-23"]
    assert summary(findings) == rows(
        *[(F, PB, BOTH, D(e), 1, 1) for e in ends],           # 15 periods, one point each
        (U, PB, BOTH, D("2026-01-23"), 0, 1),                  # 2025-11-24 – 2026-01-23
        (P, PB, BOTH, D("2026-03-23"), 0, 1),                  # 2026-01-24 starts before 03-01
        (F, CO, BOTH, D("2024-05-23"), 2, 2),
        (F, CO, BOTH, D("2025-05-23"), 2, 2),                  # tc-2024-10, tc-2025-04
        (P, CO, BOTH, D("2026-05-23"), 1, 2),                  # tc-2025-10 so far
        (F, CP, BOTH, D("2024-05-23"), 1, 1),
        (F, CP, BOTH, D("2025-05-23"), 1, 1),                  # copil-2025-05-05
        (P, CP, BOTH, D("2026-05-23"), 0, 1),
        (F, CAL, BOTH, D("2024-05-23"), 1, 1),
        (F, CAL, BOTH, D("2025-05-23"), 1, 1),
        (F, CAL, BOTH, D("2026-05-23"), 1, 1),                 # cal-2025 of 2025-06-05
        (F, PAT, ADOMA, D("2024-05-23"), 1, 1),
        (F, PAT, ADOMA, D("2025-05-23"), 1, 1),
        (F, PAT, ADOMA, D("2026-05-23"), 1, 1),                # pat-2025 of 2025-10-16
        # art. 6.3: amendment av-2024-01 signed by ccas and adoma on 2024-06-20, applied 07-01
        # (the power's finding names the first party of `by`)
        (F, MOD, BOTH, D("2024-07-01"), None, None),   # a joint power: both parties act
        # art. 7.2
        (F, DEST, CCAS, D("2024-05-15"), None, None),
        (F, DEST, ADOMA, D("2024-05-15"), None, None),
        # 2024-12-31 + 2 months: 2025-02-31 does not exist → last day, Fri 2025-02-28 (art. 641)
        (F, DEST, CCAS, D("2025-02-28"), None, None),          # 2025-01-20
        (F, DEST, ADOMA, D("2025-02-28"), None, None),         # 2025-02-27
        # 2025-11-28 + 2 months = Wed 2026-01-28; CCAS on 2025-12-15, ADOMA not yet
        (F, DEST, CCAS, D("2026-01-28"), None, None),
        (U, DEST, ADOMA, D("2026-01-28"), None, None),
        (P, "term", BOTH, D("2026-05-24"), None, None),        # renewals 2024-05-24, 2025-05-24, next 2026-05-24
    )
    assert all(f.status is not B for f in findings)
    feb = one(findings, DEST, "2025-02-28", ADOMA)
    assert feb.derivation["computed"] == "2025-02-28" and feb.derivation["adjustments"] == []


# ---------------------------------------------------------------------- breaches.csv

BEFORE_2025 = [
    # art. 5 two-month periods: pb-2023-06, pb-2023-09, none in 2023-09-24 – 11-23,
    # pb-2023-11-28 (counts for 2023-11-24 – 2024-01-23), pb-2024-03, -05, -07, -09, -11
    (F, PB, BOTH, D("2023-07-23"), 1, 1),
    (F, PB, BOTH, D("2023-09-23"), 1, 1),
    (B, PB, BOTH, D("2023-11-23"), 0, 1),
    (F, PB, BOTH, D("2024-01-23"), 1, 1),
    (F, PB, BOTH, D("2024-03-23"), 1, 1),
    (F, PB, BOTH, D("2024-05-23"), 1, 1),
    (F, PB, BOTH, D("2024-07-23"), 1, 1),
    (F, PB, BOTH, D("2024-09-23"), 1, 1),
    (F, PB, BOTH, D("2024-11-23"), 1, 1),
    # year 1 (full, 2023-05-24 – 2024-05-23): only tc-2023-10 (the spring 2024 one was cancelled)
    # → 1 of the 2 required; copil-2024-05-06, cal-2023
    (B, CO, BOTH, D("2024-05-23"), 1, 2),
    (F, CP, BOTH, D("2024-05-23"), 1, 1),
    (F, CAL, BOTH, D("2024-05-23"), 1, 1),
    # art. 3 year 1: pat-2023 was addressed to the DAC 21, not to the CCAS → not counted
    (B, PAT, ADOMA, D("2024-05-23"), 0, 1),
    # art. 6.3: av-2024-01 signed by the CCAS alone → mod-2024-07 has no amendment of both
    (B, MOD, CCAS, D("2024-07-01"), None, None),
    # av-2024-02 signed by both on 2024-09-26 → mod-2024-10 valid
    (F, MOD, BOTH, D("2024-10-01"), None, None),   # a joint power: both parties act
    # art. 6.4: ADOMA's formal notice of 2024-11-04 went by email, not LRAR → no effect
    (B, RES, ADOMA, D("2024-11-29"), None, None),
    # art. 7.1
    (B, CONF, ADOMA, D("2024-12-05"), None, None),
    # art. 7.2: fb-2024-06 on Fri 2024-06-28 + 2 months = Wed 2024-08-28; 07-15 and 08-26
    (F, DEST, CCAS, D("2024-08-28"), None, None),
    (F, DEST, ADOMA, D("2024-08-28"), None, None),
]


def test_breaches_2024_12_31(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2024-12-31")
    assert ignored == 14
    # horizon end: 2025-03-01
    assert summary(findings) == rows(
        *BEFORE_2025,
        (U, PB, BOTH, D("2025-01-23"), 0, 1),    # 2024-11-24 – 2025-01-23
        (P, PB, BOTH, D("2025-03-23"), 0, 1),    # 2025-01-24 – 03-23
        (P, CO, BOTH, D("2025-05-23"), 1, 2),    # tc-2024-10 so far
        (P, CP, BOTH, D("2025-05-23"), 0, 1),
        (F, CAL, BOTH, D("2025-05-23"), 1, 1),   # cal-2024
        (F, PAT, ADOMA, D("2025-05-23"), 1, 1),  # pat-2024, to ccas
        (P, "term", BOTH, D("2025-05-24"), None, None),   # renewed 2024-05-24; next renewal 2025-05-24
    )
    pat = one(findings, PAT, "2024-05-23")
    assert note(pat, "pat-2023").counted is False
    assert "DAC 21" in note(pat, "pat-2023").reason
    early = one(findings, RES, "2024-11-29")
    assert note(early, "med-2024-11").counted is False
    assert "email" in note(early, "med-2024-11").reason


def test_breaches_2025_05_12(convention) -> None:
    """The day after the premature termination, before the valid one."""
    findings, ignored = run(convention, BREACHES, "2025-05-12")
    assert ignored == 5                          # rows of 2025-05-13 and later
    # horizon end: 2025-05-12 + 60 days = 2025-07-11
    assert summary(findings) == rows(
        *BEFORE_2025,
        (F, PB, BOTH, D("2025-01-23"), 1, 1),    # pb-2025-01
        (F, PB, BOTH, D("2025-03-23"), 1, 1),    # pb-2025-03
        (F, PB, BOTH, D("2025-05-23"), 1, 1),    # pb-2025-04 (2025-03-24 – 05-23)
        (P, PB, BOTH, D("2025-07-23"), 0, 1),    # 2025-05-24 – 07-23 starts before 07-11
        (U, CO, BOTH, D("2025-05-23"), 1, 2),    # still one meeting short, due in 11 days
        (F, CP, BOTH, D("2025-05-23"), 1, 1),    # copil-2025 of 2025-03-20
        (F, CAL, BOTH, D("2025-05-23"), 1, 1),
        (F, PAT, ADOMA, D("2025-05-23"), 1, 1),
        # the convention runs on (renewed on 2024-05-24, to be renewed on 2025-05-24): year 3
        (P, CO, BOTH, D("2026-05-23"), 0, 2),
        (P, CP, BOTH, D("2026-05-23"), 0, 1),
        (P, CAL, BOTH, D("2026-05-23"), 0, 1),
        (P, PAT, ADOMA, D("2026-05-23"), 0, 1),
        # art. 6.4: LRAR sent Fri 2025-04-25; 15 days, day of sending not counted (art. 641):
        # day 15 = Sat 2025-05-10 → art. 642 → Mon 2025-05-12. A termination on day 15 is
        # premature (the limit runs out at the end of its last day) → no effect
        (B, RES, CCAS, D("2025-05-10"), None, None),
        # the premature termination has no effect: the next tacit renewal is still 2025-05-24
        (P, "term", BOTH, D("2025-05-24"), None, None),
    )
    early = one(findings, RES, "2025-05-10")
    assert note(early, "res-2025-05-10").counted is False
    assert note(early, "mq-2025-04").counted is True
    assert note(early, "med-2025-04").counted is False
    assert note(early, "med-2025-04").reason == "its 15 days run until 2025-05-12"
    assert "had not run out (they end on 2025-05-12)" in early.message


def test_breaches_2025_12_31(convention) -> None:
    findings, ignored = run(convention, BREACHES, "2025-12-31")
    assert ignored == 0
    assert summary(findings) == rows(
        *BEFORE_2025,
        (F, PB, BOTH, D("2025-01-23"), 1, 1),
        (F, PB, BOTH, D("2025-03-23"), 1, 1),
        # the convention ends on 2025-05-13, inside the periods 2025-03-24 – 05-23 (points) and
        # 2024-05-24 – 2025-05-23 (year 2): each is cut at 2025-05-12, a stub (issue 9 item 2).
        # Points: 2025-03-24 – 05-12 = 50 days of 61 (03-24 -> 05-24); once per 61 days, 50 < 61:
        # owes nothing; pb-2025-04 was held in it -> fulfilled, 0 required.
        (F, PB, BOTH, D("2025-05-12"), 1, 0),
        # year 2 cut at 2025-05-12: 2024-05-24 – 2025-05-12 = 354 days of 365. Coordination twice a
        # year: 2 × 354 / 365 = 1.94 -> nearest 2; only tc-2024-10 in 354 days -> a breach (it was
        # discharged when the period was judged whole, the second meeting "still possible" after
        # the end: a duty that vanished).
        (B, CO, BOTH, D("2025-05-12"), 1, 2),
        # once a year: 354 < 365 days between two occurrences -> owes nothing; held -> fulfilled
        (F, CP, BOTH, D("2025-05-12"), 1, 0),    # copil-2025
        (F, CAL, BOTH, D("2025-05-12"), 1, 0),   # cal-2024
        (F, PAT, ADOMA, D("2025-05-12"), 1, 0),  # pat-2024
        # art. 6.4
        (B, RES, CCAS, D("2025-05-10"), None, None),
        # Tue 2025-05-13 > Mon 2025-05-12 (last day of the extended limit) → valid, ends the
        # convention. Counted from receipt (2025-04-29) the limit would end Wed 05-14 and this
        # would be premature too: the rules' reading « suivant l'envoi » (from sending) decides.
        (F, RES, CCAS, D("2025-05-13"), None, None),
        # art. 7.1 survives the term (art. 7): still a breach after the end
        (B, CONF, ADOMA, D("2025-09-10"), None, None),
        # art. 7.2 survives: fb-2025-05 of Tue 2025-05-13 + 2 months = Sun 2025-07-13 → art. 642:
        # Mon 07-14 is the Fête nationale → Tue 2025-07-15. CCAS destroyed on 07-15 (the last day,
        # on time); ADOMA on 07-18, 3 days late (2 months and 5 days after the data became useless)
        (F, DEST, CCAS, D("2025-07-15"), None, None),
        (B, DEST, ADOMA, D("2025-07-15"), None, None),
        # art. 6.1/6.2: ended by the valid termination
        (X, "term", BOTH, D("2025-05-13"), None, None),
    )
    late = one(findings, DEST, "2025-07-15", ADOMA)
    assert "3 days after the deadline of 2025-07-15" in late.message
    assert late.derivation["computed"] == "2025-07-13"
    assert [(a["from"], a["to"]) for a in late.derivation["adjustments"]] == \
        [("2025-07-13", "2025-07-14"), ("2025-07-14", "2025-07-15")]
    assert note(one(findings, DEST, "2025-07-15", CCAS), "dd-2025-05-ccas").counted is True
    valid = one(findings, RES, "2025-05-13")
    assert "ends the convention on 2025-05-13" in valid.message
    assert note(valid, "med-2025-04").counted is True


def test_after_the_termination_only_the_surviving_duties_remain(convention) -> None:
    """Art. 6.4 ends the convention on 2025-05-13; art. 7 survives it."""
    findings, _ = run(convention, BREACHES, "2025-12-31")
    recurring = {PB, CO, CP, CAL, PAT}
    # no period of a recurring duty starts after the end: the last ones are cut at it (to 2025-05-12)
    assert all(f.due <= D("2025-05-12") for f in findings if f.clause in recurring)
    assert not [f for f in findings if f.clause in recurring and f.window_start >= D("2025-05-13")]
    # the missing points/meetings of 2025-05-24 onwards are not breaches
    after = [f for f in findings if f.status is B and when(f) > D("2025-05-13")]
    assert {f.clause for f in after} == {CONF, DEST}
    # surviving clauses are never discharged; what is discharged is the term
    assert not [f for f in findings if f.clause in (CONF, DEST) and f.status is X]
    assert sorted((f.clause, f.due) for f in findings if f.status is X) == [("term", D("2025-05-13"))]
    term = one(findings, "term", "2025-05-13")
    assert term.status is X and "résiliation by ccas on 2025-05-13" in term.message


def test_termination_limit_extended_by_art_642(convention, tmp_path) -> None:
    """LRAR sent Fri 2025-04-25: day 15 = Sat 05-10 → Sun 05-11 → Mon 05-12 (art. 642).

    Every termination up to the end of Mon 05-12 is premature; Tue 05-13 is the first valid day.
    """
    verdicts = {}
    for day in ("2025-05-09", "2025-05-10", "2025-05-11", "2025-05-12", "2025-05-13", "2025-05-14"):
        log = tmp_path / f"t-{day}.csv"
        log.write_text("date,event,by,to,via,id,ref,received\n"
                       "2025-04-01,manquement,adoma,,,mq,,\n"
                       "2025-04-25,mise_en_demeure,ccas,adoma,lrar,med,mq,2025-04-29\n"
                       f"{day},résiliation,ccas,adoma,lrar,res,med,\n", encoding="utf-8")
        findings, _ = run(convention, log, "2025-05-31")
        verdicts[day] = one(findings, RES, day).status
    assert verdicts == {"2025-05-09": B,   # day 14
                        "2025-05-10": B,   # day 15 (Saturday)
                        "2025-05-11": B,   # Sunday, still inside the extension
                        "2025-05-12": B,   # Monday: the extended last day
                        "2025-05-13": F,
                        "2025-05-14": F}


def test_non_renewal_ends_the_convention_at_the_next_anniversary(convention, tmp_path) -> None:
    """Art. 6.2 (rules' reading: tacit renewal a party may refuse, no notice period stated)."""
    log = tmp_path / "nr.csv"
    log.write_text("date,event,by,to,via,id,ref\n2024-02-12,non_reconduction,adoma,ccas,lrar,nr,\n",
                   encoding="utf-8")
    findings, _ = run(convention, log, "2024-06-30")
    # ADOMA refuses the renewal on 2024-02-12: the first term ends 2023-05-24 + 1 year = 2024-05-24
    # (art. 641); the convention is not renewed and ends then
    power = one(findings, "ne_pas_reconduire", "2024-02-12", ADOMA)
    assert power.status is F and "ends the convention on 2024-05-24" in power.message
    term = one(findings, "term", "2024-05-24")
    assert term.status is X
    # nothing is owed after the end: the last two-month period and year 1 end on 2024-05-23
    recurring = {PB, CO, CP, CAL, PAT}
    assert max(f.due for f in findings if f.clause in recurring) == D("2024-05-23")


# ---------------------------------------------------------------------- engine verdicts disputed

def test_modification_needs_its_own_amendment(convention) -> None:
    # art. 6.3: « Toute modification ... fera l'objet d'un avenant »: each modification its own
    # amendment, approved by both parties. mod-2025-02 (ref av-2025-01, `by: adoma` only) → breach.
    findings, _ = run(convention, BREACHES, "2025-12-31")
    assert one(findings, MOD, "2025-02-17", ADOMA).status is B


def _small_log(tmp_path, body: str):
    log = tmp_path / "log.csv"
    log.write_text("date,event,by,to,via,id,ref\n" + body, encoding="utf-8")
    return log


def test_termination_needs_the_terminating_partys_own_notice(convention, tmp_path) -> None:
    # art. 6.4: « résiliée ... par l'autre partie ... suivant l'envoi d'une lettre recommandée ...
    # valant mise en demeure »: the notice is the terminating party's. Here ADOMA sent an LRAR
    # to the CCAS (about the CCAS's failure) and the CCAS terminates without any notice of its own.
    log = _small_log(tmp_path, "2025-03-03,manquement,ccas,,,mq,\n"
                               "2025-03-10,mise_en_demeure,adoma,ccas,lrar,med,mq\n"
                               "2025-04-07,résiliation,ccas,adoma,lrar,res,med\n")
    findings, _ = run(convention, log, "2025-04-30")
    assert one(findings, RES, "2025-04-07").status is B


def test_termination_needs_a_failure_of_the_other_party(convention, tmp_path) -> None:
    # art. 6.4: « En cas de non-respect par l'une des Parties ... résiliée ... par l'autre partie ».
    # The only recorded failure is the CCAS's own; the CCAS cannot terminate on it.
    log = _small_log(tmp_path, "2025-03-03,manquement,ccas,,,mq,\n"
                               "2025-03-10,mise_en_demeure,ccas,adoma,lrar,med,mq\n"
                               "2025-04-07,résiliation,ccas,adoma,lrar,res,med\n")
    findings, _ = run(convention, log, "2025-04-30")
    assert one(findings, RES, "2025-04-07").status is B


# ---------------------------------------------------------------------- breaches.xlsx

def _make_xlsx():
    spec = importlib.util.spec_from_file_location("make_xlsx_003", EXAMPLES / "make_xlsx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_xlsx_gives_the_same_findings_as_the_csv(convention, tmp_path) -> None:
    xlsx = _make_xlsx().build(BREACHES, tmp_path / "breaches.xlsx")
    from_csv, problems_csv = read_events(BREACHES)
    from_xlsx, problems_xlsx = read_events(xlsx)
    assert problems_csv == problems_xlsx == []
    assert [e.model_dump() for e in from_xlsx] == [e.model_dump() for e in from_csv]
    for as_of in ("2024-12-31", "2025-05-12", "2025-12-31"):
        a, ignored_a = evaluate(convention, from_csv, D(as_of), 60)
        b, ignored_b = evaluate(convention, from_xlsx, D(as_of), 60)
        assert ignored_a == ignored_b
        assert [f.to_json() for f in b] == [f.to_json() for f in a]


# ---------------------------------------------------------------------- the CLI


def cli(log, as_of: str, *extra: str):
    return check_cli(RULES, log, as_of, *extra)


@pytest.mark.parametrize(("log", "as_of", "code"), [
    (COMPLIANT, "2024-06-30", 0),
    (COMPLIANT, "2025-12-31", 0),
    (BREACHES, "2023-10-31", 0),   # nothing overdue yet: the missed period ends 2023-11-23
    (BREACHES, "2023-11-24", 1),   # the day after it
    (BREACHES, "2024-12-31", 1),
    (BREACHES, "2025-12-31", 1),
], ids=str)
def test_cli_exit_code(monkeypatch, log, as_of, code) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(log.relative_to(ROOT), as_of)
    assert result.exit_code == code, result.output


def test_cli_exit_code_on_the_xlsx(convention, tmp_path) -> None:
    xlsx = _make_xlsx().build(BREACHES, tmp_path / "breaches.xlsx")
    result = cli(xlsx, "2025-12-31")
    assert result.exit_code == 1, result.output
    # 11 breaches: the year-2 coordination cut by the termination (2 × 354 / 365 -> 2, 1 held) joined
    # the 10 of before (see test_breaches_2025_12_31); discharged: the term only
    assert "11 breaches, 0 upcoming, 0 pending, 21 fulfilled, 1 discharged" in result.output


def test_cli_json_matches_in_process(monkeypatch, convention) -> None:
    monkeypatch.chdir(ROOT)
    result = cli(BREACHES.relative_to(ROOT), "2025-12-31", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    findings, _ = run(convention, BREACHES, "2025-12-31")
    assert [(f["status"], f["clause"], tuple(f["parties"]), f["due"]) for f in data["findings"]] == \
        [(f.status.value, f.clause, f.parties, f.due.isoformat() if f.due else None) for f in findings]
    assert data["summary"]["breach"] == 11   # see test_cli_exit_code_on_the_xlsx


# ---------------------------------------------------------------------- golden outputs

@pytest.mark.parametrize("log", [COMPLIANT, BREACHES], ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["txt", "json"])
def test_golden(monkeypatch, log, fmt) -> None:
    monkeypatch.chdir(ROOT)
    extra = ("--explain",) if fmt == "txt" else ("--format", "json")
    result = cli(log.relative_to(ROOT), "2025-12-31", *extra)
    assert result.exit_code == (0 if log is COMPLIANT else 1)
    assert_golden(GOLDEN / "check" / f"003-{log.stem}.{fmt}", result.output)
