"""Limits in hours, in the convention's time zone (issue 10, item 4): « dans les 72 heures »,
« dans les vingt-quatre heures ouvrables », « au moins 48 heures avant chaque réunion ».

The rules (clauses/clock.py, docs/language.md *Limits in hours*): elapsed time counted in UTC
and shown in the zone (Europe/Paris by default, DST-correct); `heures ouvrables` count every hour
of Monday–Saturday except public holidays, `heures ouvrées` of Monday–Friday; never moved by CPC
art. 642; a trigger without a time is taken at 24:00 of its day, an act without one at 00:00.
Every instant is worked out by hand in the comment next to the assertion.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from clauses import clock
from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status
from clauses.timelimits import Calendar, Region, Unit

from langa_helpers import convention, diagnostics

PARIS = ZoneInfo("Europe/Paris")
CAL = Calendar.for_region(Region.METROPOLE)

HEAD = """langue fr.
convention "Stage" signée à "Lyon" le 2026-01-02{zone}.
partie stagiaire "Stagiaire".
partie org "Organisme".
événement absence "absence".
événement avis "avis d'absence".
événement réunion "réunion".
événement convocation "convocation".
durée article 3 : du 2026-01-05 au 2026-12-18.
"""


def conv(duty: str, zone: str = ""):
    return convention(HEAD.format(zone=zone) + duty)


def ev(when: str, name: str, by: str = "stagiaire") -> Event:
    date, _, time = when.partition("T")
    parsed = None
    if time:
        tz = dt.timezone.utc if time.endswith("Z") else None
        parsed = dt.time.fromisoformat(time.rstrip("Z")).replace(tzinfo=tz)
    return Event(date=dt.date.fromisoformat(date), time=parsed, event=name, by=(by,), origin="log.csv:1", row=1)


def duty_findings(c, events, as_of="2026-12-01"):
    found, _ = evaluate(c, events, dt.date.fromisoformat(as_of), 60)
    return [f for f in found if f.kind == "duty"]


AVIS = "obligation avis article 9 : stagiaire doit avis envers org dans les 24 heures ouvrables à compter de absence.\n"


# ------------------------------------------------------------------ the arithmetic
def test_business_hours_skip_sunday() -> None:
    # Sat 2026-04-18 10:00: Saturday 10:00-24:00 = 14 h; Sunday does not count; Monday 00:00-10:00 = 10 h
    start = dt.datetime(2026, 4, 18, 10, tzinfo=PARIS)
    assert clock.shift(start, 24, Unit.BUSINESS_HOURS, CAL, PARIS) == dt.datetime(2026, 4, 20, 10, tzinfo=PARIS)


def test_working_hours_skip_the_weekend() -> None:
    # Fri 2026-04-17 15:00: Friday 15:00-24:00 = 9 h; Saturday and Sunday do not count; Monday 00:00-15:00 = 15 h
    start = dt.datetime(2026, 4, 17, 15, tzinfo=PARIS)
    assert clock.shift(start, 24, Unit.WORKING_HOURS, CAL, PARIS) == dt.datetime(2026, 4, 20, 15, tzinfo=PARIS)


def test_business_hours_skip_a_public_holiday() -> None:
    # Thu 2026-05-07 24:00 (= Fri 00:00); Fri 8 May is a public holiday; Sat 2026-05-09 00:00-24:00 = 24 h
    start = dt.datetime(2026, 5, 8, 0, tzinfo=PARIS)
    assert clock.shift(start, 24, Unit.BUSINESS_HOURS, CAL, PARIS) == dt.datetime(2026, 5, 10, 0, tzinfo=PARIS)


def test_hours_across_the_spring_change_of_time() -> None:
    # Sat 2026-03-28 10:00 CET = 09:00 UTC; + 72 h = Tue 2026-03-31 09:00 UTC = 11:00 CEST (summer time
    # from Sun 29 March 02:00): 72 elapsed hours are 73 wall-clock hours
    start = dt.datetime(2026, 3, 28, 10, tzinfo=PARIS)
    due = clock.shift(start, 72, Unit.HOURS, CAL, PARIS)
    assert (due.date(), due.hour) == (dt.date(2026, 3, 31), 11)


def test_hours_across_the_autumn_change_of_time() -> None:
    # Sat 2026-10-24 12:00 CEST = 10:00 UTC; + 24 h = Sun 2026-10-25 10:00 UTC = 11:00 CET
    due = clock.shift(dt.datetime(2026, 10, 24, 12, tzinfo=PARIS), 24, Unit.HOURS, CAL, PARIS)
    assert (due.date(), due.hour) == (dt.date(2026, 10, 25), 11)


def test_business_hours_backwards() -> None:
    # Mon 2026-04-20 09:00: Monday 00:00-09:00 = 9 h; Sunday does not count; Saturday 09:00-24:00 = 15 h
    start = dt.datetime(2026, 4, 20, 9, tzinfo=PARIS)
    assert clock.shift(start, 24, Unit.BUSINESS_HOURS, CAL, PARIS, -1) == dt.datetime(2026, 4, 18, 9, tzinfo=PARIS)


# ------------------------------------------------------------------ duties
def test_notified_within_twenty_four_business_hours() -> None:
    c = conv(AVIS)
    assert str(c.clause("avis").deadline.duration) == "24 business hours"
    # absence Sat 2026-04-18 10:00 -> due Mon 2026-04-20 10:00; notified Mon 09:30: on time
    found = duty_findings(c, [ev("2026-04-18T10:00", "absence"), ev("2026-04-20T09:30", "avis")])
    assert [(f.status, f.due) for f in found] == [(Status.FULFILLED, dt.date(2026, 4, 20))]
    assert any("due at 2026-04-20 10:00 (Europe/Paris)" in line for line in found[0].explanation)


def test_half_an_hour_late() -> None:
    # the same absence, notified Mon 2026-04-20 10:30: 0 h 30 after 10:00
    found = duty_findings(conv(AVIS), [ev("2026-04-18T10:00", "absence"), ev("2026-04-20T10:30", "avis")])
    assert found[0].status is Status.BREACH and "0 h 30 late" in found[0].message


def test_a_trigger_without_a_time_is_taken_at_the_end_of_its_day() -> None:
    # absence Thu 2026-05-07, no time: from 24:00; Fri 8 May is a holiday; Saturday counts 24 h:
    # due Sat 2026-05-09 24:00; notified Mon 2026-05-11 10:00: 34 h late (Sunday 24 h + Monday 10 h)
    found = duty_findings(conv(AVIS), [ev("2026-05-07", "absence"), ev("2026-05-11T10:00", "avis")])
    assert found[0].status is Status.BREACH and found[0].due == dt.date(2026, 5, 9)
    assert "34 h 00 late" in found[0].message and "due at 2026-05-09 24:00" in found[0].message
    assert any("taken at 24:00, the end of 2026-05-07" in line for line in found[0].explanation)


def test_an_act_without_a_time_on_the_due_day_is_on_time() -> None:
    # due Mon 2026-04-20 10:00; the notice is logged on Monday without a time: taken at 00:00, on time
    found = duty_findings(conv(AVIS), [ev("2026-04-18T10:00", "absence"), ev("2026-04-20", "avis")])
    assert found[0].status is Status.FULFILLED
    assert any("taken at 00:00" in note.reason for note in found[0].events)


def test_a_time_with_an_offset_is_that_instant() -> None:
    # 2026-04-20T08:30Z = 10:30 in Paris (summer time, UTC+2): 0 h 30 after 10:00
    found = duty_findings(conv(AVIS), [ev("2026-04-18T10:00", "absence"), ev("2026-04-20T08:30Z", "avis")])
    assert found[0].status is Status.BREACH and "0 h 30 late" in found[0].message


def test_the_convention_time_zone() -> None:
    c = conv(AVIS, zone=' fuseau "America/Cayenne"')
    assert c.time_zone == "America/Cayenne"
    # Cayenne is UTC-3: absence Sat 10:00 local -> due Mon 2026-04-20 10:00 local = 13:00 UTC;
    # a notice at 12:30 UTC is 09:30 in Cayenne: on time (in Paris it would be 14:30, late)
    events = [ev("2026-04-18T10:00", "absence"), ev("2026-04-20T12:30Z", "avis")]
    assert duty_findings(c, events)[0].status is Status.FULFILLED
    assert duty_findings(conv(AVIS), events)[0].status is Status.BREACH


def test_seventy_two_hours_across_the_change_of_time() -> None:
    c = conv("obligation avis article 9 : stagiaire doit avis dans un délai de 72 heures à compter de absence.\n")
    # Sat 2026-03-28 10:00 + 72 h = Tue 2026-03-31 11:00 (summer time): 10:30 is on time
    found = duty_findings(c, [ev("2026-03-28T10:00", "absence"), ev("2026-03-31T10:30", "avis")])
    assert found[0].status is Status.FULFILLED


def test_at_least_forty_eight_hours_before_each_meeting() -> None:
    c = conv("obligation convoquer article 10 : org doit convocation au moins 48 heures avant chaque réunion.\n")
    # meeting Wed 2026-05-20 14:00 - 48 h = Mon 2026-05-18 14:00; convened at 15:00: 1 h late
    found = duty_findings(c, [ev("2026-05-18T15:00", "convocation", "org"), ev("2026-05-20T14:00", "réunion", "org")])
    assert found[0].status is Status.BREACH and "1 h 00 late" in found[0].message
    found = duty_findings(c, [ev("2026-05-18T13:59", "convocation", "org"), ev("2026-05-20T14:00", "réunion", "org")])
    assert found[0].status is Status.FULFILLED


def test_english_spelling_means_the_same() -> None:
    fr = conv(AVIS)
    en = convention("""language en.
convention "Internship" signed at "Lyon" on 2026-01-02 time zone "Europe/Paris".
party stagiaire "Student".
party org "Host".
event absence "absence".
event avis "notice of absence".
term article 3: from 2026-01-05 to 2026-12-18.
duty avis article 9: stagiaire must avis to org within 24 business hours from absence.
""")
    assert fr.clause("avis").deadline == en.clause("avis").deadline
    assert en.time_zone == "Europe/Paris"


def test_an_unknown_time_zone_is_reported() -> None:
    found = diagnostics(HEAD.format(zone=' fuseau "Europe/Parsi"') + AVIS)
    assert any(d.code == "V030" and "Europe/Parsi" in d.message for d in found)


@pytest.mark.parametrize("clause", [
    "obligation r article 7 : org doit convocation au moins 48 heures avant le terme.\n",
    "obligation r article 7 : org doit convocation au moins 2 fois par an périodes civiles "
    "lecture 24 heures car \"x\".\n",
    "pouvoir p article 7 : org peut convocation avec un préavis de 72 heures met fin à la convention.\n",
])
def test_hours_where_only_days_count_are_reported(clause: str) -> None:
    found = diagnostics(HEAD.format(zone="") + clause)
    assert any(d.code == "V031" for d in found), [(d.code, d.message) for d in found]


def test_a_total_of_hours_of_presence_still_counts_hours() -> None:
    c = convention(HEAD.format(zone="") + """événement présence "présence".
unité jour_de_présence article 2 : 7 heures.
obligation avis article 9 : stagiaire doit avis dans un délai de 3 jours à compter de absence
  si total de présence.heures plus de 300 heures.
""")
    right = c.clause("avis").condition.right
    assert (right.type, right.text, int(right.number)) == ("units", "heures", 300)
