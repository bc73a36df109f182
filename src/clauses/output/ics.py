"""Upcoming and pending duties as an RFC 5545 calendar (``clauses agenda``, ``check --format ics``).

One all-day ``VEVENT`` per finding that is still to be done (``upcoming`` or
``pending``) and has a due date, built with the ``icalendar`` library:

- ``SUMMARY``: the convention (shortened), the clause, the article, the parties;
- ``DESCRIPTION``: the convention, article, clause, parties, the status as of the
  check, the finding's message and how the date was computed (the derivation, one
  step per line);
- ``UID``: a hash of the convention's identity (its rules file's stem, or the name
  a portfolio gives it), the clause, the parties and the due date -- the same duty
  gets the same UID on every run, so re-importing the calendar updates its events
  instead of duplicating them; ``SEQUENCE`` grows with the as-of date and
  ``DTSTAMP`` is the as-of date, so a later export wins and the same export is
  byte-identical;
- ``VALARM`` (``alarm_days``): a display alarm N days before the due date.

Text from the rules and logs is stripped of control characters (RFC 5545 TEXT
allows none but tab) and escaped by the library (``,``, ``;``, ``\\``, newlines);
lines are folded at 75 octets and end with CRLF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from pathlib import Path
from typing import Iterable, Sequence

from icalendar import Alarm, Calendar, Event

from clauses import DISTRIBUTION
from clauses.diagnostics import shorten
from clauses.findings import Finding, Status
from clauses.i18n import localized, tr, trn
from clauses.output.report import CheckReport, sorted_findings

PRODID = f"-//{DISTRIBUTION}//clauses agenda//EN"
UID_DOMAIN = DISTRIBUTION
#: the statuses a calendar shows: what is still to be done
AGENDA_STATUSES = (Status.UPCOMING, Status.PENDING)
_EPOCH = dt.date(2000, 1, 1)


def clean(text: str) -> str:
    """``text`` without control characters (newlines become spaces; tabs are kept)."""
    return "".join(" " if c in "\r\n" else c for c in text
                   if c in "\t\r\n" or unicodedata.category(c) not in ("Cc", "Cs"))


def identity(report: CheckReport) -> str:
    """A convention's identity for UIDs: its rules file's name without the suffix."""
    return Path(report.rules_path).stem


def uid(ident: str, finding: Finding) -> str:
    key = "\x1f".join([ident, finding.clause, finding.kind, ",".join(finding.parties),
                       finding.due.isoformat() if finding.due else ""])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def _parties(finding: Finding) -> str:
    return ", ".join(finding.parties) if finding.parties else "\u2014"


def summary_text(report: CheckReport, finding: Finding, lang: str = "en") -> str:
    return clean(tr("{convention}: {clause}, art. {article} ({parties})",
                    convention=shorten(report.convention_title, 40), clause=finding.clause,
                    article=finding.article, parties=_parties(finding)).localized(lang))


def description(report: CheckReport, finding: Finding, lang: str = "en") -> str:
    status = (trn("upcoming (due within {n} day of {as_of})", "upcoming (due within {n} days of {as_of})",
                  report.horizon_days, as_of=report.as_of)
              if finding.status is Status.UPCOMING else
              tr("pending as of {as_of}", as_of=report.as_of))
    lines = [
        tr("Convention: {title}", title=report.convention_title),
        tr("Article: {article}", article=finding.article),
        tr("Clause: {clause} ({kind})", clause=finding.clause, kind=finding.kind),
        tr("Parties: {parties}", parties=_parties(finding)),
        tr("Status: {status}", status=status),
        "",
        finding.message,
    ]
    if finding.window_start:
        lines += ["", tr("Window: from {start} to {due}.", start=finding.window_start, due=finding.due)]
    if finding.explanation:
        lines += ["", tr("How the date was computed:"), *(f"- {localized(line, lang)}" for line in finding.explanation)]
    return "\n".join(clean(localized(line, lang)) for line in lines)


def _event(report: CheckReport, ident: str, finding: Finding, alarm_days: int | None, lang: str) -> Event:
    assert finding.due is not None
    event = Event()
    event.add("uid", uid(ident, finding))
    event.add("dtstamp", dt.datetime.combine(report.as_of, dt.time(0, 0), tzinfo=dt.timezone.utc))
    event.add("sequence", max(0, (report.as_of - _EPOCH).days))
    event.add("dtstart", finding.due)
    event.add("dtend", finding.due + dt.timedelta(days=1))
    event.add("summary", summary_text(report, finding, lang))
    event.add("description", description(report, finding, lang))
    event.add("categories", [clean(shorten(report.convention_title, 60)), finding.status.value])
    event.add("transp", "TRANSPARENT")
    event.add("status", "CONFIRMED")
    if alarm_days is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary_text(report, finding, lang))
        alarm.add("trigger", dt.timedelta(days=-alarm_days))
        event.add_component(alarm)
    return event


def calendar(reports: Iterable[CheckReport], *, alarm_days: int | None = None,
             identities: Sequence[str] | None = None, name: str = "clauses agenda",
             languages: Sequence[str] | None = None) -> Calendar:
    """The calendar of the duties still to be done in ``reports`` (one per convention), each
    convention's text in its language (``languages``, default English)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", clean(name))
    reports = list(reports)
    idents = list(identities) if identities is not None else [identity(r) for r in reports]
    langs = list(languages) if languages is not None else ["en"] * len(reports)
    for report, ident, lang in zip(reports, idents, langs):
        for finding in sorted_findings(report, lambda f: f.status in AGENDA_STATUSES and f.due is not None):
            cal.add_component(_event(report, ident, finding, alarm_days, lang))
    return cal


def render_ics(reports: Iterable[CheckReport], *, alarm_days: int | None = None,
               identities: Sequence[str] | None = None, languages: Sequence[str] | None = None) -> bytes:
    """The calendar as bytes (UTF-8, CRLF line ends, folded at 75 octets)."""
    return calendar(reports, alarm_days=alarm_days, identities=identities, languages=languages).to_ical()
