"""Issue 9: verdicts a jurist can defend — one regression test (or more) per item, dates by hand.

Each test states the article it encodes, works the dates out in a comment, and runs the engine and
the differential oracle (``findings`` of test_differential_regressions: both must agree).
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation.duties import stub_share
from clauses.findings import Status
from test_differential_regressions import HEADER, ev, findings, one, text

D = dt.date.fromisoformat
RENEWED = "durée article 1 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an.\n"


# ---------------------------------------------------------------------- item 1: `due` of an act
WITHDRAWAL = """
pouvoir partir article 7 :
  chaque partie peut retrait
  au moins 3 mois avant la reconduction
  effet à la reconduction
  retire la partie.
"""


def test_a_late_withdrawal_reports_its_latest_permissible_date_as_due_and_its_date_as_acted():
    # art. 7: renewals on 2024-01-01, 2025-01-01...; "au moins 3 mois avant la reconduction":
    # 2024-01-01 - 3 months = 2023-10-01 (a backward limit, never extended). a's notice of
    # 2023-10-02 is one day late: a breach whose due is 2023-10-01 and whose act is 2023-10-02.
    found = findings(text(WITHDRAWAL, RENEWED), [ev("2023-10-02", "retrait", "a")], "2023-12-01")
    late = one(found, "partir")
    assert late.status is Status.BREACH
    assert (late.due, late.acted) == (D("2023-10-01"), D("2023-10-02"))
    assert late.derivation["result"] == "2023-10-01" and late.derivation["direction"] == "backward"
    assert late.to_json()["due"] == "2023-10-01" and late.to_json()["acted"] == "2023-10-02"
    # b's notice of 2023-09-15 is on time: fulfilled, same latest date
    found = findings(text(WITHDRAWAL, RENEWED), [ev("2023-09-15", "retrait", "b")], "2023-12-01")
    on_time = one(found, "partir")
    assert on_time.status is Status.FULFILLED and (on_time.due, on_time.acted) == (D("2023-10-01"), D("2023-09-15"))


def test_prohibited_acts_and_votes_have_no_due_date_but_their_act_date():
    source = text("""
interdiction secret article 9 :
  chaque partie ne doit pas divulgation.
vote décider article 4 :
  bulletins bulletin
  décision deliberation
  votants a, b et c
  à la majorité des membres.
""")
    events = [ev("2023-05-04", "divulgation", "b"), ev("2023-06-01", "bulletin", "a", row=2, value="pour"),
              ev("2023-06-01", "bulletin", "b", row=3, value="pour"), ev("2023-06-02", "deliberation", "a", row=4,
                                                                         value="pour")]
    found = findings(source, events, "2023-12-01")
    assert (one(found, "secret").due, one(found, "secret").acted) == (None, D("2023-05-04"))
    assert (one(found, "décider").due, one(found, "décider").acted) == (None, D("2023-06-02"))


# ---------------------------------------------------------------------- item 2: stub periods
TWICE = """
obligation comité article 4 :
  les parties doivent rapport
  au moins 2 fois par an
  périodes civiles.
"""


def test_stub_share_rounds_to_the_nearest_and_owes_nothing_below_the_interval():
    assert stub_share(2, 32, 366) == 0      # 32 < 366 / 2 = 183 days
    assert stub_share(2, 183, 366) == 1     # 2 × 183 / 366 = 1.0
    assert stub_share(2, 319, 365) == 2     # 1.75 -> 2
    assert stub_share(3, 5, 6) == 3         # 2.5: a half rounds up
    assert stub_share(3, 1, 6) == 0         # 1 < 6 / 3 = 2 days
    assert stub_share(3, 6, 6) == 3         # a whole period


def test_a_convention_starting_on_30_november_owes_nothing_in_its_32_day_first_year():
    # Signed 2023-11-30, 2 years: the term ends 2025-11-30 (out of force from that day). Calendar
    # years: 2023-11-30 – 12-31 = 32 days of 365: twice a year is one meeting per 182.5 days, so the
    # stub owes nothing (no meeting: discharged, not a breach). 2024 is whole: 2 meetings (held
    # 03-01 and 09-01). 2025 is cut by the end at 2025-11-29: 333 days of 365, 2 × 333 / 365 = 1.82
    # -> 2 required; one meeting (06-01): a breach due 2025-11-29 (it was discharged, the period
    # judged whole: a duty that vanished).
    source = HEADER.replace("2023-01-02", "2023-11-30") + \
        "durée article 1 : 2 ans à compter du 2023-11-30 sans renouvellement.\n" + TWICE
    events = [ev("2024-03-01", "rapport", "a"), ev("2024-09-01", "rapport", "b", row=2),
              ev("2025-06-01", "rapport", "c", row=3)]
    found = findings(source, events, "2026-01-10")
    stub = one(found, "comité", due="2023-12-31")
    assert stub.status is Status.DISCHARGED and stub.extra == {"required": 0, "counted": 0}
    assert any("owes nothing" in line for line in stub.explanation)
    assert one(found, "comité", due="2024-12-31").status is Status.FULFILLED
    last = one(found, "comité", due="2025-11-29")
    assert last.status is Status.BREACH and last.extra == {"required": 2, "counted": 1}
    assert last.window_start == D("2025-01-01")
    assert any("2 × 333 / 365 = 1.82" in line for line in last.explanation)
