"""`clauses agenda` / `check --format ics`: the duties still to be done as an RFC 5545 calendar.

Read back three ways: with icalendar (which wrote it), with `ical` (an independent, strict
parser, as a validator), and with line-level RFC 5545 checks (CRLF, folding at 75 octets,
required properties, no control characters)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

import clauses
from clauses.cli import app
from clauses.findings import Status
from clauses.output.ics import render_ics
from conftest import ROOT

runner = CliRunner()
RULES = ROOT / "rules" / "000_pisco_manosque.clauses"
LOG = ROOT / "examples" / "000_pisco_manosque" / "breaches.csv"


@pytest.fixture(scope="module")
def report():
    return clauses.check(RULES, LOG, as_of="2022-03-01")


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk("VEVENT")]


def rfc5545_problems(data: bytes) -> list[str]:
    """Strict checks of the content lines (RFC 5545 §3.1, §3.4, §3.6.1, §3.8.7.2)."""
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    for n, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {n}: bare LF or CR")
        if len(line) > 75:
            problems.append(f"line {n}: {len(line)} octets (more than 75)")
        if re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line):
            problems.append(f"line {n}: control character")
        line.decode("utf-8")  # folding never splits a UTF-8 sequence
    unfolded = re.sub(rb"\r\n[ \t]", b"", data).decode("utf-8").split("\r\n")[:-1]
    if unfolded[0] != "BEGIN:VCALENDAR" or unfolded[-1] != "END:VCALENDAR":
        problems.append("not one VCALENDAR")
    for prop in ("VERSION:2.0", "PRODID:"):
        if not any(ln.startswith(prop) for ln in unfolded[:8]):
            problems.append(f"no {prop}")
    block: list[str] = []
    for ln in unfolded:
        if ln == "BEGIN:VEVENT":
            block = []
        elif ln == "END:VEVENT":
            names = [b.split(":", 1)[0].split(";", 1)[0] for b in block if not b.startswith((" ", "\t"))]
            for required in ("UID", "DTSTAMP", "DTSTART"):
                if names.count(required) != 1:
                    problems.append(f"VEVENT with {names.count(required)} {required}")
        else:
            block.append(ln)
    return problems


def test_one_event_per_duty_still_to_do(report) -> None:
    data = render_ics([report])
    todo = [f for f in report.findings if f.status in (Status.UPCOMING, Status.PENDING) and f.due]
    found = events(data)
    assert len(found) == len(todo) == 5
    # all-day events on the due date: art. 7, intentions due 2022-09-25 - 6 months = 2022-03-25
    intentions = [e for e in found if "intentions" in str(e["SUMMARY"])]
    assert {e.decoded("DTSTART") for e in intentions} == {dt.date(2022, 3, 25)}
    for event in found:
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)


def test_description_has_article_parties_and_derivation(report) -> None:
    event = next(e for e in events(render_ics([report])) if "intentions" in str(e["SUMMARY"]))
    text = str(event["DESCRIPTION"])
    assert "Article: 7" in text and "Parties: fp" in text and "Clause: intentions (duty)" in text
    assert "6 months before the anchor" in text and "Result: Friday 2022-03-25" in text
    assert "Convention: PISCO" in text and "upcoming" in text
    assert "art. 7" in str(event["SUMMARY"])


def test_uids_are_stable_across_runs_and_unique(report) -> None:
    later = clauses.check(RULES, LOG, as_of="2022-03-05")
    first, second = events(render_ics([report])), events(render_ics([later]))
    uids = [str(e["UID"]) for e in first]
    assert len(set(uids)) == len(uids)
    same = {str(e["UID"]): e for e in second}
    for event in first:  # the same duty keeps its UID: a re-import updates it
        if event.decoded("DTSTART") >= dt.date(2022, 3, 5):
            assert str(event["UID"]) in same
            assert int(same[str(event["UID"])]["SEQUENCE"]) > int(event["SEQUENCE"])
    assert render_ics([report]) == render_ics([report])  # byte-identical


def test_alarm_n_days_before(report) -> None:
    data = render_ics([report], alarm_days=7)
    for event in events(data):
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == dt.timedelta(days=-7)
    assert not events(render_ics([report]))[0].walk("VALARM")


def test_strict_rfc5545_and_an_independent_parser(report) -> None:
    from ical.calendar_stream import IcsCalendarStream

    data = render_ics([report], alarm_days=3)
    assert rfc5545_problems(data) == []
    parsed = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert len(parsed.events) == 5
    assert {e.uid for e in parsed.events} == {str(e["UID"]) for e in events(data)}
    assert all(e.dtstart == e.dtstart and isinstance(e.dtstart, dt.date) for e in parsed.events)


def test_hostile_text_cannot_forge_an_event(report) -> None:
    f = next(f for f in report.findings if f.status is Status.UPCOMING)
    evil = dataclasses.replace(f, message="ok\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged\x1b[2J\x07; a, b\\",
                               clause="x\nSUMMARY:forged")
    hostile = dataclasses.replace(report, findings=(evil,), convention_title="T\x00itle\x1b]0;pwn\x07")
    data = render_ics([hostile])
    assert rfc5545_problems(data) == []
    (event,) = events(data)
    assert "forged" not in str(event["UID"]) and str(event["SUMMARY"]).count("SUMMARY") == 1
    text = str(event["DESCRIPTION"])
    assert "ok  END:VEVENT  BEGIN:VEVENT  UID:forged[2J; a, b\\" in text  # one line of text, escapes gone
    assert "\x1b" not in text and "\x07" not in text and "Title]0;pwn" in text


def test_a_portfolio_calendar_keeps_each_conventions_uids_apart(tmp_path) -> None:
    a = clauses.check(RULES, LOG, as_of="2022-03-01")
    data = render_ics([a, a], identities=["territoire-nord", "territoire-sud"])
    uids = [str(e["UID"]) for e in events(data)]
    assert len(uids) == 10 and len(set(uids)) == 10


def test_agenda_command_and_check_format_ics(tmp_path) -> None:
    out = tmp_path / "agenda.ics"
    result = runner.invoke(app, ["agenda", str(RULES), str(LOG), "--as-of", "2022-03-01", "--alarm", "7",
                                 "-o", str(out)])
    assert result.exit_code == 1  # as `check`: the log has breaches
    assert len(events(out.read_bytes())) == 5 and rfc5545_problems(out.read_bytes()) == []
    result = runner.invoke(app, ["check", str(RULES), str(LOG), "--as-of", "2022-03-01", "-f", "ics",
                                 "--alarm", "7"])
    assert result.stdout_bytes == out.read_bytes()
    result = runner.invoke(app, ["check", str(RULES), str(LOG), "--as-of", "2022-03-01", "--alarm", "7"])
    assert result.exit_code == 2 and "--alarm" in result.output
