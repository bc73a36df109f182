"""Recurrence started and stopped by events, unlimited terms started by an event, powers with
windows, clauses that follow another clause's breach (issue 10, items 6 and 8; issue 9 item 6).

Every date is worked out by hand from the clause, in the comment next to the assertion.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clauses.codes import Severity
from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status
from clauses.language.load import load_source
from clauses.language.source import SourceText

HEADER = """langue fr.
convention "Exemple" signée à "Lyon" le 2024-01-10.
partie asso "Association".
partie ville "Ville".
événement création "création du comité".
événement dissolution "dissolution du comité".
événement réunion "réunion du comité".
événement avenant "avenant".
événement rapport "rapport".
événement indemnité "indemnité d'occupation".
événement libération "libération des lieux".
événement approbation "approbation par le préfet".
"""
TERM = "durée article 1 : 3 ans à compter du 2024-01-10 sans renouvellement.\n"


def model(text: str, header: str = HEADER):
    result = load_source(SourceText("t.clauses", header + text))
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert not errors, [d.message for d in errors]
    return result.convention


def ev(date: str, name: str, by: str = "asso", **attrs) -> Event:
    return Event(date=dt.date.fromisoformat(date), event=name, by=tuple(by.split(",")), attrs=attrs,
                 origin="log.csv:1", row=1)


def findings(conv, events, as_of: str, clause: str | None = None):
    found, _ = evaluate(conv, events, dt.date.fromisoformat(as_of), 60)
    return [f for f in found if clause is None or f.clause == clause]


def by_window(found):
    return {f.window_start.isoformat() if f.window_start else None: f for f in found}


# ------------------------------------------------------------------ a series started and stopped by events
COMMITTEE = TERM + """obligation réunions article 2 :
  à compter de création, asso doit réunion au moins 1 fois par an périodes à compter du début
  jusqu'à dissolution.
"""


def test_before_its_start_event_the_duty_is_not_triggered_and_listed() -> None:
    conv = model(COMMITTEE)
    found = findings(conv, [], "2024-06-01", "réunions")
    assert [f.status for f in found] == [Status.PENDING]
    assert "not triggered" in found[0].message and "création" in found[0].message
    assert found[0].due is None and found[0].extra.get("not_triggered")


def test_yearly_duty_of_a_body_runs_from_its_creation_to_its_dissolution() -> None:
    conv = model(COMMITTEE)
    log = [ev("2024-03-15", "création"), ev("2024-06-01", "réunion"), ev("2025-10-01", "dissolution")]
    found = by_window(findings(conv, log, "2026-03-01", "réunions"))
    # periods counted from the creation, 2024-03-15: the first is 2024-03-15 – 2025-03-14, and the
    # meeting of 2024-06-01 falls in it
    first = found["2024-03-15"]
    assert first.status is Status.FULFILLED and first.due == dt.date(2025, 3, 14)
    # the second, 2025-03-15 – 2026-03-14, is cut by the dissolution of 2025-10-01: a stub of
    # 2025-03-15 – 2025-09-30 = 200 days of a 365-day year, shorter than the interval between two
    # occurrences (365 / 1 days): nothing is owed in it (the stub rule)
    second = found["2025-03-15"]
    assert second.due == dt.date(2025, 9, 30) and second.extra["required"] == 0
    assert second.status is Status.DISCHARGED
    assert any("stopped by `dissolution`" in line for line in second.explanation)
    # nothing after the dissolution (one finding says the series stopped), nothing before the creation
    # (the year 2024-01-10 – 2024-03-14)
    assert set(found) == {"2024-03-15", "2025-03-15", "2025-10-01"}
    assert found["2025-10-01"].status is Status.DISCHARGED and "no longer owed from 2025-10-01" in found["2025-10-01"].message


def test_no_meeting_in_a_whole_year_of_the_body_is_a_breach() -> None:
    conv = model(COMMITTEE)
    log = [ev("2024-03-15", "création")]
    found = by_window(findings(conv, log, "2025-04-01", "réunions"))
    # 2024-03-15 – 2025-03-14 has passed without a meeting
    assert found["2024-03-15"].status is Status.BREACH
    # 2025-03-15 – 2026-03-14 is still running (due after the 60-day horizon: pending)
    assert found["2025-03-15"].status is Status.PENDING


def test_each_occurrence_starts_its_own_series_running_alongside() -> None:
    # « tous les trois mois à compter de la signature de chaque avenant »: each avenant its own series
    conv = model(TERM + """obligation rapports article 3 :
  à compter de chaque avenant, asso doit rapport au moins 1 fois tous les 3 mois
  périodes à compter du début.
""")
    log = [ev("2025-02-01", "avenant", "asso,ville"), ev("2025-04-01", "rapport"),
           ev("2025-09-01", "avenant", "asso,ville")]
    found = by_window(findings(conv, log, "2026-03-01", "rapports"))
    # series 1 from 2025-02-01 runs on after the second avenant: 02-01 – 04-30 (the report of 04-01),
    # 05-01 – 07-31, 08-01 – 10-31 (whole, no longer cut), 11-01 – 2026-01-31 (breaches), 2026-02-01 – 04-30
    assert found["2025-02-01"].status is Status.FULFILLED
    assert found["2025-05-01"].status is Status.BREACH and found["2025-05-01"].due == dt.date(2025, 7, 31)
    assert found["2025-08-01"].status is Status.BREACH and found["2025-08-01"].due == dt.date(2025, 10, 31)
    assert found["2025-11-01"].status is Status.BREACH and found["2025-11-01"].due == dt.date(2026, 1, 31)
    assert found["2026-02-01"].status is Status.UPCOMING
    # series 2 from 2025-09-01 alongside: 09-01 – 11-30 and 12-01 – 2026-02-28 without a report, 2026-03-01 running
    assert found["2025-09-01"].status is Status.BREACH and found["2025-09-01"].due == dt.date(2025, 11, 30)
    assert found["2025-12-01"].status is Status.BREACH and found["2025-12-01"].due == dt.date(2026, 2, 28)
    assert found["2026-03-01"].status is Status.PENDING


def test_each_series_is_stopped_by_its_own_stop_and_counts_its_own_acts() -> None:
    conv = model(TERM + """obligation rapports article 3 :
  à compter de chaque avenant, asso doit rapport au moins 1 fois tous les 3 mois
  périodes à compter du début jusqu'à dissolution.
""")
    a1 = Event(date=dt.date(2025, 2, 1), event="avenant", by=("asso", "ville"), id="a1", origin="log.csv:1", row=1)
    a2 = Event(date=dt.date(2025, 9, 1), event="avenant", by=("asso", "ville"), id="a2", origin="log.csv:2", row=2)
    for_a2 = Event(date=dt.date(2025, 10, 15), event="rapport", by=("asso",), ref="a2", origin="log.csv:3", row=3)
    stop_a1 = Event(date=dt.date(2025, 12, 15), event="dissolution", by=("asso",), ref="a1", origin="log.csv:4",
                    row=4)
    found = findings(conv, [a1, a2, for_a2, stop_a1], "2026-03-01", "rapports")
    first = {f.window_start.isoformat(): f for f in found if f.window_start and "2025-02-01" in f.explanation[0]}
    second = {f.window_start.isoformat(): f for f in found if f.window_start and "2025-09-01" in f.explanation[0]}
    # the report of 10-15 names avenant a2: it counts for series 2 (09-01 – 11-30), not for series 1's 08-01 – 10-31
    assert second["2025-09-01"].status is Status.FULFILLED
    assert first["2025-08-01"].status is Status.BREACH
    # the stop of 12-15 names a1: series 1 stops (11-01 – 2026-01-31 falls due after it: not owed) ...
    assert first["2025-11-01"].status is Status.DISCHARGED
    # ... series 2 runs on: 12-01 – 2026-02-28 without a report
    assert second["2025-12-01"].status is Status.BREACH


def test_tant_que_replaces_the_running_series() -> None:
    conv = model(TERM + "obligation r article 3 : tant que avenant, asso doit rapport au moins 1 fois tous les 3 mois "
                        "périodes à compter du début.\n")
    log = [ev("2025-02-01", "avenant", "asso,ville"), ev("2025-04-01", "rapport"),
           ev("2025-09-01", "avenant", "asso,ville")]
    found = by_window(findings(conv, log, "2026-03-01", "r"))
    # the series of 2025-02-01 is cut by the avenant of 09-01: 08-01 – 08-31, 31 days of 92, nothing owed
    assert found["2025-08-01"].due == dt.date(2025, 8, 31) and found["2025-08-01"].extra["required"] == 0
    assert any("a new series starts with `avenant`" in line for line in found["2025-08-01"].explanation)
    assert conv.clause("r").series.replaces


def test_tant_que_is_a_series_from_each_occurrence() -> None:
    conv = model(TERM + "obligation r article 3 : tant que avenant, asso doit rapport au moins 1 fois par an "
                        "périodes à compter du début.\n")
    assert conv.clause("r").series.each and conv.clause("r").series.event == "avenant"


def test_day_of_each_month_from_the_term_end_until_the_occupant_leaves() -> None:
    # 009 art. 15 as a construct: a monthly indemnity while the occupant stays without title
    conv = model("""durée article 1 : du 2024-01-01 au 2024-12-31.
obligation pénalité article 15 :
  à compter du terme, asso doit indemnité avant le 10 de chaque mois jusqu'à libération.
""")
    log = [ev("2025-02-05", "indemnité"), ev("2025-03-12", "indemnité"), ev("2025-04-15", "libération")]
    found = by_window(findings(conv, log, "2025-06-01", "pénalité"))
    # the term's last day is 2024-12-31: the series starts at its end, 2025-01-01. "avant le 10 de chaque
    # mois" owes from the month after the start: February (due 2025-02-09), March (03-09), April (04-09)
    assert found["2025-02-01"].status is Status.FULFILLED and found["2025-02-01"].due == dt.date(2025, 2, 9)
    # March's, paid on 03-12, is 3 days late; April's was never paid
    assert found["2025-03-01"].status is Status.BREACH and "3 days" in found["2025-03-01"].message
    assert found["2025-04-01"].status is Status.BREACH
    # nothing from the departure of 04-15 on (May's, due 05-09, is not owed): discharged, and said so
    assert found["2025-04-15"].status is Status.DISCHARGED and "libération" in found["2025-04-15"].message
    assert "2025-05-01" not in found


def test_a_series_from_the_term_end_is_not_triggered_while_the_convention_runs() -> None:
    conv = model("""durée article 1 : du 2024-01-01 au 2024-12-31.
obligation pénalité article 15 :
  à compter du terme, asso doit indemnité avant le 10 de chaque mois jusqu'à libération.
""")
    # as of 2024-06-01 the term end (2025-01-01) is after the 60-day horizon: not triggered yet
    found = findings(conv, [], "2024-06-01", "pénalité")
    assert [f.status for f in found] == [Status.PENDING] and "not triggered" in found[0].message


def test_a_stop_before_any_start_stops_nothing_later() -> None:
    conv = model(COMMITTEE)
    log = [ev("2024-02-01", "dissolution"), ev("2024-03-15", "création")]
    found = by_window(findings(conv, log, "2025-04-01", "réunions"))
    # the dissolution of 2024-02-01 precedes the creation: the series from 2024-03-15 runs on
    assert found["2024-03-15"].status is Status.BREACH


# ------------------------------------------------------------------ an unlimited term started by its in-force event
UNLIMITED = """durée article 3 : durée indéterminée entrée en vigueur à approbation.
obligation réunions article 18 : asso doit réunion au moins 4 fois par an périodes civiles.
"""


def test_unlimited_term_starts_at_its_in_force_event() -> None:
    conv = model(UNLIMITED, HEADER.replace('le 2024-01-10', 'date inconnue'))
    log = [ev("2024-05-20", "approbation", "ville"), ev("2024-06-10", "réunion"), ev("2024-11-05", "réunion")]
    found = by_window(findings(conv, log, "2025-02-01", "réunions"))
    # in force from the approval of 2024-05-20; the calendar year 2024 is a stub of 2024-05-20 –
    # 2024-12-31 = 226 days of 366: it owes 4 × 226 / 366 = 2.47, rounded to the nearest: 2
    first = found["2024-05-20"]
    assert first.extra["required"] == 2 and first.status is Status.FULFILLED
    # 2025 is a whole year, running
    assert found["2025-01-01"].extra["required"] == 4 and found["2025-01-01"].status is Status.PENDING


def test_unlimited_term_whose_in_force_event_is_not_logged_lists_its_duties_as_not_triggered() -> None:
    conv = model(UNLIMITED, HEADER.replace('le 2024-01-10', 'date inconnue'))
    found = findings(conv, [], "2025-02-01", "réunions")
    assert [f.status for f in found] == [Status.PENDING]
    assert "not triggered" in found[0].message and "approbation" in found[0].message


# ------------------------------------------------------------------ powers with windows
WINDOWS = HEADER + """événement fin_mission "fin de la mission".
événement notification "notification".
événement reversement "demande de reversement".
événement manquement "manquement grave".
""" + TERM


@pytest.mark.parametrize("act, valid", [("2027-06-30", True), ("2027-07-01", False), ("2024-06-01", False)])
def test_power_within_three_years_following_an_event(act: str, valid: bool) -> None:
    conv = model("pouvoir reprise article 9 : ville peut reversement dans les 3 années suivant fin_mission "
                 "survit au terme.\n", WINDOWS)
    log = [ev("2024-06-30", "fin_mission"), ev(act, "reversement", "ville")]
    [f] = findings(conv, log, "2027-08-01", "reprise")
    # the window opens with the end of the mission, 2024-06-30, and closes 3 years later, 2027-06-30
    # (a Wednesday: no extension); an act before the end of the mission is outside it too
    assert (f.status is Status.FULFILLED) is valid
    if not valid:
        assert f.extra["code"] == "C004"
    if act != "2024-06-01":
        assert f.due == dt.date(2027, 6, 30)


def test_power_at_the_latest_two_months_after_an_event_and_not_after_a_date() -> None:
    conv = model("pouvoir reprise article 9 : ville peut reversement au plus tard 2 mois après notification "
                 "pas après le 2024-05-15.\n", WINDOWS)
    # notification 2024-03-31 + 2 months = 2024-05-31 (a Friday); the date cap 2024-05-15 is earlier
    late = findings(conv, [ev("2024-03-31", "notification"), ev("2024-05-20", "reversement", "ville")],
                    "2024-06-01", "reprise")
    assert late[0].status is Status.BREACH and "after 2024-05-15" in late[0].message
    on_time = findings(conv, [ev("2024-03-31", "notification"), ev("2024-05-15", "reversement", "ville")],
                       "2024-06-01", "reprise")
    assert on_time[0].status is Status.FULFILLED and on_time[0].due == dt.date(2024, 5, 31)


def test_power_during_the_first_year_composes_with_its_condition() -> None:
    conv = model("pouvoir sortie article 9 : ville peut reversement si manquement pendant la première année.\n",
                 WINDOWS)
    # the convention starts on 2024-01-10: its first year runs to 2025-01-09
    inside = findings(conv, [ev("2024-03-01", "manquement"), ev("2025-01-09", "reversement", "ville")],
                      "2025-03-01", "sortie")
    assert inside[0].status is Status.FULFILLED and inside[0].due == dt.date(2025, 1, 9)
    outside = findings(conv, [ev("2024-03-01", "manquement"), ev("2025-01-10", "reversement", "ville")],
                       "2025-03-01", "sortie")
    assert outside[0].status is Status.BREACH and outside[0].extra["code"] == "C004"
    # inside the window but without its condition: a breach, not one of the window
    missing = findings(conv, [ev("2024-06-01", "reversement", "ville")], "2025-03-01", "sortie")
    assert missing[0].status is Status.BREACH and "code" not in missing[0].extra


# ------------------------------------------------------------------ clauses that follow another clause's breach
BREACHES = HEADER + """événement versement "versement de la subvention".
événement rappel "lettre de rappel".
événement mise_en_demeure "mise en demeure du préfet".
événement suite "suite donnée à la mise en demeure".
événement résiliation "résiliation".
""" + TERM + """obligation dossier article 4 : asso doit rapport au plus tard 2024-04-30.
obligation verser article 3 : ville doit versement au plus tard 2024-06-30 sous réserve du respect de dossier.
"""


def test_a_duty_applies_only_while_another_clause_is_respected() -> None:
    conv = model("", BREACHES)
    # the report of 2024-05-10 is late: `dossier` is breached from 2024-05-01 (the day after its due date);
    # the payment due 2024-06-30 is judged on that day: not owed
    late = findings(conv, [ev("2024-05-10", "rapport")], "2024-08-01", "verser")
    assert late[0].status is Status.DISCHARGED and "does not apply" in late[0].message
    assert any("breached since 2024-05-01" in line for line in late[0].explanation)
    # a report on time: the payment is owed, and missing
    on_time = findings(conv, [ev("2024-04-30", "rapport")], "2024-08-01", "verser")
    assert on_time[0].status is Status.BREACH


@pytest.mark.parametrize("act, valid", [("2024-04-30", False), ("2024-05-01", True)])
def test_a_power_that_follows_the_breach_of_a_duty(act: str, valid: bool) -> None:
    conv = model("pouvoir retenir article 5 : ville peut résiliation en cas de manquement à dossier.\n", BREACHES)
    # no report by 2024-04-30: breached from 2024-05-01, not on the due date itself
    [f] = findings(conv, [ev(act, "résiliation", "ville")], "2024-06-01", "retenir")
    assert (f.status is Status.FULFILLED) is valid


def test_a_reminder_when_a_duty_stays_undone_a_month_after_its_due_date() -> None:
    conv = model("obligation rappeler article 15 : ville doit rappel dès manquement à dossier persistant pendant "
                 "1 mois.\n", BREACHES)
    # `dossier` due 2024-04-30; one month later is 2024-05-30 (a Thursday): still not done then, the
    # reminder is owed from 2024-05-31, with no number of days (due now)
    found = findings(conv, [], "2024-06-10", "rappeler")
    assert [f.status for f in found] == [Status.PENDING] and found[0].extra.get("due_now")
    assert found[0].window_start == dt.date(2024, 5, 31)
    sent = findings(conv, [ev("2024-06-03", "rappel", "ville")], "2024-06-10", "rappeler")
    assert sent[0].status is Status.FULFILLED
    # a report done late but within the month (2024-05-20): no reminder is owed
    assert findings(conv, [ev("2024-05-20", "rapport")], "2024-06-10", "rappeler") == []


def test_termination_when_a_formal_notice_gets_no_follow_up_in_time() -> None:
    # 009 art. 13: « si, à l'expiration d'un délai de …, le service n'a pas donné suite, la convention
    # est résiliée par le préfet »
    conv = model("""obligation donner_suite article 13 : asso doit suite dans un délai de 6 mois à compter de mise_en_demeure.
pouvoir résilier article 13 : ville peut résiliation si manquement à donner_suite met fin à la convention.
""", BREACHES)
    # notice of 2024-02-15 + 6 months = 2024-08-15, Assumption (a holiday): extended to Friday 2024-08-16
    # (CPC art. 642); breached from 2024-08-17
    early = findings(conv, [ev("2024-02-15", "mise_en_demeure", "ville"), ev("2024-08-16", "résiliation", "ville")],
                     "2024-10-01")
    assert next(f for f in early if f.clause == "résilier").status is Status.BREACH
    log = [ev("2024-02-15", "mise_en_demeure", "ville"), ev("2024-09-02", "résiliation", "ville")]
    done = findings(conv, log, "2024-10-01")
    assert next(f for f in done if f.clause == "résilier").status is Status.FULFILLED
    term = next(f for f in done if f.kind == "term")
    assert term.status is Status.DISCHARGED and term.due == dt.date(2024, 9, 2)
    # with a follow-up in time, the power has no ground
    answered = findings(conv, [ev("2024-02-15", "mise_en_demeure", "ville"), ev("2024-07-01", "suite"),
                               ev("2024-09-02", "résiliation", "ville")], "2024-10-01", "résilier")
    assert answered[0].status is Status.BREACH


def test_clauses_depending_on_each_other_in_a_cycle_cannot_be_told_and_do_not_recurse() -> None:
    conv = model("""obligation a article 4 : asso doit rapport avant le 10 de chaque mois sous réserve du respect de b.
obligation b article 5 : ville doit versement avant le 10 de chaque mois sous réserve du respect de a.
""", BREACHES.split("obligation dossier")[0])
    found = findings(conv, [], "2024-04-01")
    assert any("cannot be told" in line for f in found if f.clause == "a" for line in f.explanation)


def test_names_of_series_windows_and_breaches_are_checked() -> None:
    result = load_source(SourceText("t.clauses", HEADER + TERM + """obligation x article 2 :
  à compter de créaton, asso doit réunion au moins 1 fois par an périodes civiles jusqu'à dissolution
  sous réserve du respect de inconnue.
pouvoir p article 3 : ville peut rapport dans 3 mois suivant avenat.
"""))
    codes = sorted((d.code, d.span.line) for d in result.diagnostics if d.severity is Severity.ERROR)
    assert ("N002", 15) in codes and ("N002", 17) in codes and ("N003", 16) in codes


def test_english_forms() -> None:
    conv = model("""duty meetings article 2:
  from each avenant, asso must réunion at least 1 time per year periods from the start until dissolution.
power claim article 9: ville may rapport within 3 years following fin_mission not after 2027-01-01
  subject to compliance with meetings.
duty remind article 15: ville must rapport as soon as failure to comply with meetings persisting for 1 month.
""", WINDOWS.replace("langue fr.", "language en.").replace(TERM, "term article 1: 3 years from 2024-01-10 "
                                                                "no renewal.\n"))
    meetings = conv.clause("meetings")
    assert meetings.series.each and meetings.series.until == "dissolution"
    assert [c.type for c in conv.clause("claim").conditions] == ["window", "not_after", "when"]
    assert conv.clause("remind").deadline.lasting.amount == 1


def test_an_occupant_who_left_before_the_term_end_owes_no_indemnity() -> None:
    conv = model("""durée article 1 : du 2024-01-01 au 2024-12-31.
obligation pénalité article 15 :
  à compter du terme, asso doit indemnité avant le 10 de chaque mois jusqu'à libération.
""")
    # the premises were vacated on 2024-12-20, before the end (2025-01-01): nothing is owed after it
    found = findings(conv, [ev("2024-12-20", "libération")], "2025-06-01", "pénalité")
    assert [f.status for f in found] == [Status.DISCHARGED] and "before the series started" in found[0].message


def test_each_call_dates_its_own_limit() -> None:
    # 005 art. 7 as a construct: « verser … selon l'échéancier fixé par [la fédération] »
    conv = model("""événement appel "appel de cotisations de la fédération".
événement versement "versement des cotisations".
obligation cotisations article 7 : asso doit versement envers ville au plus tard appel.échéance.
""", HEADER + TERM)
    log = [ev("2024-03-01", "appel", "ville", échéance="2024-03-31"), ev("2024-03-25", "versement"),
           ev("2024-06-01", "appel", "ville", échéance="2024-06-30"), ev("2024-07-03", "versement"),
           ev("2024-09-01", "appel", "ville")]
    found = by_window(findings(conv, log, "2024-10-01", "cotisations"))
    # the first call is due on the date it records, 2024-03-31: paid on 03-25
    assert found["2024-03-01"].status is Status.FULFILLED and found["2024-03-01"].due == dt.date(2024, 3, 31)
    # the second, due 2024-06-30, paid 3 days late
    assert found["2024-06-01"].status is Status.BREACH and "3 days" in found["2024-06-01"].message
    # the third records no due date: pending, and why
    assert found["2024-09-01"].status is Status.PENDING and "échéance" in found["2024-09-01"].message


def test_subject_to_several_clauses() -> None:
    conv = model("obligation verser article 3 : ville doit rapport au plus tard 2024-06-30 "
                 "sous réserve du respect de a et b.\nobligation a article 4 : asso doit rapport au plus tard "
                 "2024-04-30.\nobligation b article 5 : asso doit réunion au plus tard 2024-04-30.\n", HEADER + TERM)
    assert [i.item.clause for i in conv.clause("verser").condition.items] == ["a", "b"]


def test_an_event_named_manquement_keeps_its_forms() -> None:
    # `manquement au moins …`, `manquement de l'autre partie`: the event `manquement`, not a clause's breach
    conv = model("pouvoir p article 9 : ville peut reversement si manquement de l'autre partie "
                 "au moins 1 mois avant le terme.\n", WINDOWS)
    assert conv.clause("p").conditions[0].type == "if"


def test_a_power_outside_its_window_has_the_code_c004_in_ci_output() -> None:
    from clauses.findings import Finding
    from clauses.output.check_ci import _diagnostic

    conv = model("pouvoir reprise article 9 : ville peut reversement pas après le 2024-05-15.\n", WINDOWS)
    [f] = findings(conv, [ev("2024-05-20", "reversement", "ville")], "2024-06-01", "reprise")
    assert isinstance(f, Finding) and f.extra["code"] == "C004"

    class Report:
        rules_path = "t.clauses"

    assert _diagnostic(Report(), f, {}).code == "C004"
