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


# ---------------------------------------------------------------------- item 3: acts after the end
ONE_YEAR = "durée article 1 : 1 an à compter du 2023-01-02 sans renouvellement.\n"
EXIT = """
pouvoir partir article 7 :
  chaque partie peut retrait
  retire la partie.
pouvoir résilier article 8 :
  chaque partie peut resiliation
  met fin à la convention.
"""


def test_an_exit_notice_after_the_end_has_no_object():
    # art. 1: 1 year from 2023-01-02: in force until 2024-01-01, ended on 2024-01-02 (CPC art. 641).
    # a's withdrawal of 2024-02-01 comes after the end: not fulfilled, it has no object.
    found = findings(text(EXIT, ONE_YEAR), [ev("2024-02-01", "retrait", "a")], "2024-06-01")
    late = one(found, "partir")
    assert late.status is Status.DISCHARGED and late.acted == D("2024-02-01")
    assert "has no object: the convention had ended on 2024-01-02" in late.message
    assert late.events[0].counted is False and "after the end (2024-01-02)" in late.events[0].reason
    # on the last day in force (2024-01-01) it is a valid withdrawal
    found = findings(text(EXIT, ONE_YEAR), [ev("2024-01-01", "retrait", "a")], "2024-06-01")
    assert one(found, "partir").status is Status.FULFILLED


def test_an_act_after_a_termination_has_no_object_but_the_termination_itself_counts():
    # art. 8: b terminates on 2023-05-10 (valid, it ends the convention that day). a's withdrawal of
    # the same day takes effect that day too: a log does not order acts within a day, so both stand.
    # c's withdrawal of 2023-06-01 comes once the convention had ended: no object.
    events = [ev("2023-05-10", "resiliation", "b"), ev("2023-05-10", "retrait", "a", row=2),
              ev("2023-06-01", "retrait", "c", row=3)]
    found = findings(text(EXIT), events, "2023-12-01")
    assert one(found, "résilier").status is Status.FULFILLED
    assert one(found, "partir", party="a").status is Status.FULFILLED
    assert one(found, "partir", party="c").status is Status.DISCHARGED
    assert "the convention had ended on 2023-05-10" in one(found, "partir", party="c").message


# ---------------------------------------------------------------------- item 7: acts without effect
ANSWER = """
événement reponse "réponse".
pouvoir demander article 10 :
  chaque partie peut rapport par LRAR.
obligation répondre article 10 :
  les autres parties doivent reponse
  dans un délai de 15 jours à compter de rapport.
"""


def test_the_duties_an_act_without_effect_would_trigger_are_reported_not_dropped():
    # art. 10: a's request of 2023-03-01 by email has no effect (an LRAR is required): the answers of b
    # and c (15 days: 2023-03-16) are not owed, and are listed as not triggered with the reason.
    found = findings(text(ANSWER), [ev("2023-03-01", "rapport", "a", via="email", id="r1")], "2023-06-01")
    assert one(found, "demander").status is Status.BREACH
    replies = [f for f in found if f.clause == "répondre"]
    assert sorted((f.status, f.parties, f.due) for f in replies) == \
        [(Status.DISCHARGED, ("b",), None), (Status.DISCHARGED, ("c",), None)]
    assert all("not triggered" in f.message and "sent by email" in f.message for f in replies)
    assert all(f.window_start == D("2023-03-01") and f.events[0].ref == "r1" for f in replies)
    # by LRAR it is owed: 2023-03-01 + 15 days = Thu 2023-03-16
    found = findings(text(ANSWER), [ev("2023-03-01", "rapport", "a", via="lrar", id="r1")], "2023-06-01")
    assert {(f.status, f.due) for f in found if f.clause == "répondre"} == {(Status.BREACH, D("2023-03-16"))}


# ---------------------------------------------------------------------- item 4: matching without ref
MEETINGS = """
événement reunion "réunion".
événement commission "commission".
événement convocation "convocation".
obligation convoquer article 4 :
  a doit convocation
  au moins 5 jours francs avant chaque reunion.
obligation convoquer_commission article 4 :
  a doit convocation
  objet "commission"
  au moins 5 jours francs avant chaque commission.
"""


def test_a_convocation_without_ref_counts_for_the_nearest_following_occasion_only():
    # art. 4: a's convocation of Wed 2023-03-01 names no meeting. The first occasion after it is the
    # commission of Fri 2023-03-10 (5 clear days: latest Sat 2023-03-04): it counts there. The
    # meeting of Thu 2023-06-15 (latest 2023-06-15 - 6 days = Fri 2023-06-09) had no convocation of
    # its own: a breach, the March convocation listed as counted for the commission (it used to
    # count for June as well).
    events = [ev("2023-03-01", "convocation", "a"), ev("2023-03-10", "commission", "a", row=2),
              ev("2023-06-15", "reunion", "a", row=3)]
    found = findings(text(MEETINGS), events, "2023-07-01")
    assert one(found, "convoquer_commission").status is Status.FULFILLED
    assert "nearest following one" in one(found, "convoquer_commission").events[0].reason
    june = one(found, "convoquer")
    assert (june.status, june.due) == (Status.BREACH, D("2023-06-09"))
    assert [n.counted for n in june.events] == [False]
    assert "counts for the nearest following one, commission of 2023-03-10" in june.events[0].reason
    # with a ref to the June meeting it is the June meeting's: 2023-03-01 <= 2023-06-09
    events = [ev("2023-03-01", "convocation", "a", ref="r6"), ev("2023-03-10", "commission", "a", row=2),
              ev("2023-06-15", "reunion", "a", row=3, id="r6")]
    found = findings(text(MEETINGS), events, "2023-07-01")
    assert one(found, "convoquer").status is Status.FULFILLED
    assert one(found, "convoquer_commission").status is Status.BREACH


def test_a_notice_binds_only_the_parties_it_is_addressed_to():
    # art. 10: a's request of 2023-03-01 by LRAR is addressed to b: b owes an answer within 15 days
    # (2023-03-16), c does not (it used to be a breach for c too).
    request = ev("2023-03-01", "rapport", "a", via="lrar", id="r1").model_copy(update={"to": ("b",)})
    found = findings(text(ANSWER), [request], "2023-06-01")
    assert [(f.status, f.parties, f.due) for f in found if f.clause == "répondre"] == \
        [(Status.BREACH, ("b",), D("2023-03-16"))]


# ---------------------------------------------------------------------- item 5: a decision without value
VOTE = """
vote décider article 4 :
  bulletins bulletin
  décision deliberation
  votants a, b et c
  à la majorité des membres.
"""


def test_a_decision_recorded_without_a_value_has_an_unknown_outcome():
    # art. 4: a and b vote `pour`, c `contre` on 2023-06-01: 2 of 3 members, adopted. The decision of
    # 2023-06-02 records no value: it is not "consistent with the ballots", its outcome is unknown.
    ballots = [ev("2023-06-01", "bulletin", "a", value="pour"), ev("2023-06-01", "bulletin", "b", row=2, value="pour"),
               ev("2023-06-01", "bulletin", "c", row=3, value="contre")]
    found = findings(text(VOTE), ballots + [ev("2023-06-02", "deliberation", "a", row=4)], "2023-12-01")
    decision = one(found, "décider")
    assert decision.status is Status.PENDING and decision.acted == D("2023-06-02")
    assert "unknown outcome (no value is recorded)" in decision.message and "give adopted" in decision.message
    # a value that is neither for nor against says so
    found = findings(text(VOTE), ballots + [ev("2023-06-02", "deliberation", "a", row=4, value="ajourné")],
                     "2023-12-01")
    assert "its value `ajourné` is neither for nor against" in one(found, "décider").message
    # recorded `pour`: consistent
    found = findings(text(VOTE), ballots + [ev("2023-06-02", "deliberation", "a", row=4, value="pour")],
                     "2023-12-01")
    assert one(found, "décider").status is Status.FULFILLED


# ---------------------------------------------------------------------- item 6: before things exist
def test_a_period_that_starts_after_its_own_due_date_owes_nothing():
    # "au plus tard 2 mois avant la fin de chaque exercice", calendar years, from 2023-11-30: the first
    # period 2023-11-30 – 12-31 is due 2023-12-31 - 2 months = 2023-10-31, before the convention
    # existed: nothing owed (it was a breach). 2024: due 2024-10-31, no report by then: a breach.
    source = HEADER.replace("2023-01-02", "2023-11-30") + \
        "durée article 1 : 3 ans à compter du 2023-11-30 sans renouvellement.\n" + """
obligation bilan article 5 :
  chaque partie doit rapport
  au plus tard 2 mois avant la fin de chaque exercice
  périodes civiles.
"""
    found = findings(source, [], "2025-01-15")
    first = [f for f in found if f.clause == "bilan" and f.window_start == D("2023-11-30")]
    assert {(f.status, f.due) for f in first} == {(Status.DISCHARGED, D("2023-10-31"))} and len(first) == 3
    assert "starts after its due date 2023-10-31" in first[0].message
    assert {f.status for f in found if f.clause == "bilan" and f.due == D("2024-10-31")} == {Status.BREACH}


def test_a_fixed_date_after_the_scheduled_end_is_not_discharged_before_the_end_comes():
    # art. 1: 1 year from 2023-01-02, ends on 2024-01-02. A duty "au plus tard le 2024-06-30": as of
    # 2023-06-01 the end has not come (the parties may still extend the convention): pending, with
    # the scheduled end in --explain (it was discharged a year ahead). As of 2024-07-01: discharged.
    body = """
obligation rendre article 6 :
  a doit rapport
  au plus tard le 2024-06-30.
"""
    early = one(findings(text(body, ONE_YEAR), [], "2023-06-01", horizon=30), "rendre")
    assert (early.status, early.due) == (Status.PENDING, D("2024-06-30"))
    assert any("scheduled end (2024-01-02" in line for line in early.explanation)
    late = one(findings(text(body, ONE_YEAR), [], "2024-07-01"), "rendre")
    assert late.status is Status.DISCHARGED and "the term ended on 2024-01-02" in late.message


def test_acts_between_the_signature_and_the_start_are_listed_as_not_counted():
    # Signed 2023-01-02, the term starts 2023-03-01 (3 years). A report of 2023-02-15 falls in no
    # period: the first yearly period (2023-03-01 – 2024-02-29) lists it as not counted, with why.
    term = "durée article 1 : 3 ans à compter du 2023-03-01 sans renouvellement.\n"
    body = """
obligation annuel article 5 :
  a doit rapport
  au moins 1 fois par an
  périodes à compter du début.
"""
    found = findings(text(body, term), [ev("2023-02-15", "rapport", "a")], "2024-03-15")
    first = one(found, "annuel", due="2024-02-29")
    assert first.status is Status.BREACH
    assert [(n.date, n.counted) for n in first.events] == [(D("2023-02-15"), False)]
    assert "dated before the term started on 2023-03-01 (signed on 2023-01-02)" in first.events[0].reason


# ---------------------------------------------------------------------- issue 11 item 7: every renewal
def test_duties_before_each_renewal_go_on_past_the_400th_renewal():
    # Monthly tacit renewal from 2000-01-01: renewals on the 1st of each month; the 480th is
    # 2040-01-01, the 481st 2040-02-01. "au moins 10 jours avant la reconduction": 2040-02-01 - 10
    # days = 2040-01-22, upcoming as of 2040-01-15 (the schedule used to stop after 400 renewals,
    # at 2033-05-01, while the convention went on).
    source = HEADER.replace("2023-01-02", "2000-01-01") + \
        "durée article 1 : 1 mois à compter du 2000-01-01 renouvellement tacite par périodes de 1 mois.\n" + """
obligation préavis article 2 :
  a doit rapport
  au moins 10 jours avant la reconduction.
"""
    found = findings(source, [], "2040-01-15", horizon=30)
    upcoming = [f for f in found if f.clause == "préavis" and f.status is Status.UPCOMING]
    assert [f.due for f in upcoming] == [D("2040-01-22")]
    assert len([f for f in found if f.clause == "préavis" and f.status is Status.BREACH]) == 480


def test_renewal_dates_are_all_listed_up_to_the_bound():
    import datetime as _dt

    from clauses.language.load import load_source
    from clauses.language.source import SourceText
    from clauses.term import renewal_dates
    from clauses.timelimits import Calendar

    source = HEADER.replace("2023-01-02", "2000-01-01") + \
        "durée article 1 : 1 mois à compter du 2000-01-01 renouvellement tacite par périodes de 1 mois.\n"
    term_conv = load_source(SourceText("t.clauses", source)).convention
    term = term_conv.term
    dates, latest = renewal_dates(term, D("2000-01-01"), D("2000-02-01"), Calendar.for_region(term_conv.holidays),
                                  until=D("2050-01-01"))
    # 2000-02-01 .. 2050-01-01 is 600 first days of a month, then the first after the bound
    assert len(dates) == 601 and dates[-1] == D("2050-02-01") and latest is None
    assert _dt.date(2040, 2, 1) in dates
