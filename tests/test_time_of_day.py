"""The time of day a limit's last day ends at (issue 10, item 4): « avant 12 heures le jour ouvré
précédent », « au plus tard à 18 heures », `before noon`, `no later than 18:30`.

The rules (clauses/evaluation/time_of_day.py, docs/language.md *Time of day in limits*): the limit's
last day is computed as without the time (CPC art. 641/642, working days, jours francs); the time is the
convention zone's wall-clock (Europe/Paris by default, DST-correct); `avant` is strict (an act at that
minute is late), `au plus tard à` / `à` inclusive; an act without a time on the last day is judged in time.
Every instant is worked out by hand in the comment next to the assertion.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from clauses.evaluation import evaluate
from clauses.evaluation.time_of_day import due_instant
from clauses.events import Event
from clauses.findings import Status
from clauses.language import model as m
from clauses.language.translate import translate

from langa_helpers import convention, diagnostics

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.timezone.utc

HEAD = """langue fr.
convention "Mise à disposition" signée à "Melun" le 2026-01-02{zone}.
partie commune "Commune".
partie club "Club".
événement utilisation "utilisation de la salle".
événement réservation "réservation".
événement demande "demande".
événement réponse "réponse".
durée article 1 : du 2026-01-05 au 2026-12-18.
pouvoir demander article 3 : club peut demande.
"""


def conv(duty: str, zone: str = ""):
    return convention(HEAD.format(zone=zone) + duty)


def ev(when: str, name: str, by: str = "club") -> Event:
    date, _, time = when.partition("T")
    parsed = None
    if time:
        offset = UTC if time.endswith("Z") else None
        parsed = dt.time.fromisoformat(time.rstrip("Z")).replace(tzinfo=offset)
    return Event(date=dt.date.fromisoformat(date), time=parsed, event=name, by=(by,), origin="log.csv:1", row=1)


def duties(c, events, as_of="2026-11-30"):
    found, _ = evaluate(c, events, dt.date.fromisoformat(as_of), 60)
    return [f for f in found if f.kind == "duty"]


def one(c, events, as_of="2026-11-30"):
    found = duties(c, events, as_of)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


RESERVE = ("obligation réserver article 2 : club doit réservation envers commune\n"
           "  au moins 1 jour ouvré avant chaque utilisation avant 12 heures.\n")
USE = ev("2026-03-30", "utilisation", "commune")     # Monday 30 March 2026


# ------------------------------------------------------------------ the model
def test_the_forms_lower_to_one_model() -> None:
    c = conv(RESERVE + "obligation r2 article 2 : club doit réservation au plus tard 2026-06-30 au plus tard à 18 h 30.\n"
             "obligation r3 article 2 : club doit réservation au plus tard 2026-06-30 à 18h30.\n"
             "obligation r4 article 2 : club doit réservation au plus tard 2026-06-30 avant midi.\n"
             "obligation r5 article 2 : club doit réservation au plus tard 2026-06-30 au plus tard 9:05.\n")
    times = {d.id: d.time_of_day for d in c.clauses if isinstance(d, m.Duty)}
    assert (times["réserver"].hour, times["réserver"].minute, times["réserver"].before) == (12, 0, True)
    assert (times["r2"].hour, times["r2"].minute, times["r2"].before) == (18, 30, False)
    assert times["r3"] == times["r2"]
    assert (times["r4"].hour, times["r4"].before) == (12, True)
    assert (times["r5"].hour, times["r5"].minute) == (9, 5)


def test_english_forms_mean_the_same() -> None:
    french = conv(RESERVE + "obligation r2 article 2 : club doit réservation au plus tard 2026-06-30 au plus tard à 18:30.\n")
    english = translate(HEAD.format(zone="") + RESERVE + "obligation r2 article 2 : club doit réservation au plus tard "
                        "2026-06-30 au plus tard à 18:30.\n", "en")
    assert "at least 1 working days before each utilisation before 12 hours." in english
    assert "at the latest 2026-06-30 at the latest at 18:30." in english
    written = convention(english.replace("before 12 hours.", "before noon.").replace("at the latest at 18:30",
                                                                                      "no later than 18:30"))
    assert [d.time_of_day for d in written.clauses if isinstance(d, m.Duty)] == \
        [d.time_of_day for d in french.clauses if isinstance(d, m.Duty)]


# ------------------------------------------------------------------ « avant 12 heures le jour ouvré précédent »
def test_before_noon_on_the_previous_working_day() -> None:
    # Monday 30 March: the previous working day is Friday 27 March; 12:00 CET (UTC+1; summer time starts on the 29th)
    found = one(conv(RESERVE), [USE, ev("2026-03-27T11:59", "réservation")])
    assert found.status is Status.FULFILLED and found.due == dt.date(2026, 3, 27)
    assert any("the last day ends at 12:00 (Europe/Paris, 2026-03-27 12:00 UTC+01:00)" in line
               for line in found.explanation)


def test_at_the_minute_of_an_avant_limit_is_late() -> None:
    found = one(conv(RESERVE), [USE, ev("2026-03-27T12:00", "réservation")])
    assert found.status is Status.BREACH
    assert "not before 12:00" in found.events[0].reason


def test_an_instant_with_an_offset_is_compared_in_the_zone() -> None:
    # 10:59 UTC on 27 March = 11:59 in Paris (UTC+1): in time; 11:00 UTC = 12:00: late
    assert one(conv(RESERVE), [USE, ev("2026-03-27T10:59Z", "réservation")]).status is Status.FULFILLED
    assert one(conv(RESERVE), [USE, ev("2026-03-27T11:00Z", "réservation")]).status is Status.BREACH


def test_an_act_without_a_time_on_the_last_day_is_judged_in_time_and_said() -> None:
    found = one(conv(RESERVE), [USE, ev("2026-03-27", "réservation")])
    assert found.status is Status.FULFILLED
    assert "no time recorded on the last day: judged in time" in found.events[0].reason


def test_an_act_without_a_time_the_day_after_is_late() -> None:
    # Saturday 28 March, no time: the last day (Friday) ended at 12:00
    found = one(conv(RESERVE), [USE, ev("2026-03-28", "réservation")])
    assert found.status is Status.BREACH
    assert "1 day late" in found.events[0].reason and "a day after the last day is late" in found.events[0].reason


def test_the_previous_working_day_skips_a_public_holiday() -> None:
    # Tuesday 7 April 2026: Monday 6 April is Easter Monday, so the previous working day is Friday 3 April
    use = ev("2026-04-07", "utilisation", "commune")
    found = one(conv(RESERVE), [use, ev("2026-04-03T11:30", "réservation")])
    assert found.status is Status.FULFILLED and found.due == dt.date(2026, 4, 3)
    assert one(conv(RESERVE), [use, ev("2026-04-06T09:00", "réservation")]).status is Status.BREACH


# ------------------------------------------------------------------ DST change days
DAY_BEFORE = ("obligation réserver article 2 : club doit réservation au moins 1 jour avant chaque utilisation "
              "{time}.\n")


def test_spring_forward_day() -> None:
    # utilisation Monday 30 March: the last day is Sunday 29 March, the day summer time starts (02:00 → 03:00);
    # 12:00 that day is 10:00 UTC (UTC+2), not 11:00 as the day before
    c = conv(DAY_BEFORE.format(time="avant 12 heures"))
    assert one(c, [USE, ev("2026-03-29T09:59Z", "réservation")]).status is Status.FULFILLED    # 11:59 CEST
    late = one(c, [USE, ev("2026-03-29T10:30Z", "réservation")])                               # 12:30 CEST
    assert late.status is Status.BREACH and "0 h 30 late" in late.events[0].reason
    assert "2026-03-29 12:30 UTC+02:00" in late.events[0].reason


def test_fall_back_day() -> None:
    # utilisation Monday 26 October: the last day is Sunday 25 October, the day summer time ends (03:00 → 02:00);
    # 12:00 that day is 11:00 UTC (UTC+1); 10:30 UTC is 11:30 in Paris
    c = conv(DAY_BEFORE.format(time="au plus tard à 12 heures"))
    use = ev("2026-10-26", "utilisation", "commune")
    assert one(c, [use, ev("2026-10-25T10:30Z", "réservation")]).status is Status.FULFILLED
    assert one(c, [use, ev("2026-10-25T11:00Z", "réservation")]).status is Status.FULFILLED   # 12:00: inclusive
    assert one(c, [use, ev("2026-10-25T11:01Z", "réservation")]).status is Status.BREACH      # 12:01
    strict = conv(DAY_BEFORE.format(time="avant 12 heures"))
    assert one(strict, [use, ev("2026-10-25T11:00Z", "réservation")]).status is Status.BREACH


def test_a_skipped_time_is_after_the_jump_and_a_repeated_one_the_later() -> None:
    # 02:30 on 29 March 2026 does not exist in Paris: the clocks show 03:30 CEST = 01:30 UTC
    skipped = due_instant(dt.date(2026, 3, 29), m.TimeOfDay(hour=2, minute=30), PARIS)
    assert skipped.astimezone(UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    # 02:30 on 25 October 2026 happens twice (00:30 UTC in summer time, 01:30 UTC in winter time): the later
    repeated = due_instant(dt.date(2026, 10, 25), m.TimeOfDay(hour=2, minute=30), PARIS)
    assert repeated.astimezone(UTC) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


# ------------------------------------------------------------------ composed with every anchor
def test_clear_days_before_an_event() -> None:
    # utilisation Thursday 16 April: 2 jours francs lie strictly between the act's day and the event's,
    # 14 and 15 April, so the last day is Monday 13 April, here until 18:30 inclusive
    c = conv("obligation réserver article 2 : club doit réservation au moins 2 jours francs avant chaque utilisation "
             "au plus tard à 18 h 30.\n")
    use = ev("2026-04-16", "utilisation", "commune")
    found = one(c, [use, ev("2026-04-13T18:30", "réservation")])
    assert found.status is Status.FULFILLED and found.due == dt.date(2026, 4, 13)
    assert one(c, [use, ev("2026-04-13T18:31", "réservation")]).status is Status.BREACH


def test_working_days_after_an_event_over_a_holiday() -> None:
    # demande Thursday 30 April; Friday 1 May is a public holiday, then Monday 4 (1), Tuesday 5 (2),
    # Wednesday 6 May (3): due Wednesday 6 May before noon
    c = conv("obligation répondre article 4 : commune doit réponse dans 3 jours ouvrés à compter de demande "
             "avant midi.\n")
    ask = ev("2026-04-30", "demande")
    found = one(c, [ask, ev("2026-05-06T11:45", "réponse", "commune")])
    assert found.status is Status.FULFILLED and found.due == dt.date(2026, 5, 6)
    late = one(c, [ask, ev("2026-05-06T14:10", "réponse", "commune")])
    assert late.status is Status.BREACH and "2 h 10 late" in late.events[0].reason


def test_a_limit_in_days_extended_by_cpc_642_then_the_time() -> None:
    # demande Wednesday 8 April + 10 days = Saturday 18 April, extended to Monday 20 April (CPC art. 642),
    # which ends at 18:00
    c = conv("obligation répondre article 4 : commune doit réponse dans 10 jours à compter de demande à 18 h.\n")
    found = one(c, [ev("2026-04-08", "demande"), ev("2026-04-20T17:59", "réponse", "commune")])
    assert found.status is Status.FULFILLED and found.due == dt.date(2026, 4, 20)


def test_a_fixed_date_at_a_time() -> None:
    c = conv("obligation attestation article 5 : club doit réservation au plus tard 2026-06-30 à 18 h.\n")
    assert one(c, [ev("2026-06-30T18:00", "réservation")]).status is Status.FULFILLED
    late = one(c, [ev("2026-06-30T18:01", "réservation")])
    assert late.status is Status.BREACH and "0 h 01 late" in late.events[0].reason


def test_a_window_that_closes_at_a_time() -> None:
    # the window's last day, 30 September, ends at 17:00 (strictly before)
    c = conv("obligation attestation article 5 : club doit réservation entre le 2026-09-01 et le 2026-09-30 "
             "avant 17 heures.\n")
    assert one(c, [ev("2026-09-30T16:59", "réservation")]).status is Status.FULFILLED
    assert one(c, [ev("2026-09-30T17:00", "réservation")]).status is Status.BREACH


def test_the_conventions_zone() -> None:
    # Cayenne is UTC-3 all year: 12:00 there on Friday 27 March is 15:00 UTC
    c = conv(RESERVE, zone=' fuseau "America/Cayenne"')
    assert one(c, [USE, ev("2026-03-27T14:59Z", "réservation")]).status is Status.FULFILLED
    assert one(c, [USE, ev("2026-03-27T15:00Z", "réservation")]).status is Status.BREACH


def test_upcoming_says_the_time() -> None:
    found = one(conv(RESERVE), [ev("2026-12-07", "utilisation", "commune")], as_of="2026-12-01")
    assert found.status is Status.UPCOMING and found.due == dt.date(2026, 12, 4)
    assert "before 12:00" in found.message


# ------------------------------------------------------------------ lint
@pytest.mark.parametrize("limit, why", [
    ("dans les 24 heures à compter de demande", "a limit in hours"),
    ("au moins 2 fois par an années civiles", "a count per period"),
    ("sans délai après demande", "a limit without a number"),
])
def test_a_time_of_day_needs_a_last_day(limit: str, why: str) -> None:
    found = diagnostics(HEAD.format(zone="") + f"obligation x article 2 : club doit réservation {limit} avant midi.\n")
    v034 = [d for d in found if d.code == "V034"]
    assert len(v034) == 1 and why in v034[0].message


def test_a_numberless_limit_given_days_by_a_reading_takes_a_time() -> None:
    text = (HEAD.format(zone="") + 'obligation x article 2 : club doit réservation sans délai après demande avant midi '
            'lecture 2 jours car "usage".\n')
    assert not [d for d in diagnostics(text) if d.severity.value == "error"]


def test_a_time_that_does_not_exist() -> None:
    found = diagnostics(HEAD.format(zone="") + "obligation x article 2 : club doit réservation au plus tard "
                        "2026-06-30 à 24 heures.\n")
    assert [d.code for d in found if d.code == "V033"] == ["V033"]
    assert "dans les 24 heures" in (found[[d.code for d in found].index("V033")].hint or "")
