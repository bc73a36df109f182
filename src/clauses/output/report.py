"""The result of ``clauses check``: breaches and what is due next, as text or JSON.

Evaluation produces :class:`~clauses.findings.Finding` data; this module only
renders it. :class:`CheckReport` bundles the findings with what staff need to
trust them (which convention, which log, as of when, what went wrong reading
the log). Three outputs:

- :func:`render_text`: for people. Problems in the event log first, then the
  findings grouped BREACHES, UPCOMING, PENDING, FULFILLED, DISCHARGED, most
  urgent first, one line each; ``explain`` adds how each date was computed and
  which events counted.
- :func:`render_json`: for programs, the versioned ``clauses-check`` document
  described by :func:`check_output_schema` and ``docs/check-output.md``.
- :func:`exit_code`: 2 invalid input, 1 breaches, 0 otherwise.

Nothing here prints, reads files or looks at the clock: same report, same output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Callable, Iterable

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic, has_errors, render
from clauses.findings import SUMMARISED as _SUMMARISED, SUMMARY_LIMIT, Counted, Finding, Status, report_rank
from clauses.gcpause import paused
from clauses.i18n import Message, localized, tr, trn
from clauses.output.counts import breaches_count, errors_count, events_count, findings_count
from clauses.output.escape import terminal

SCHEMA_NAME = "clauses-check"
SCHEMA_VERSION = 1


NO_VALUE = "\u2014"  # "—": no due date, no party
COUNTED = tr("\u2713 counted    ")  # "✓"
NOT_COUNTED = tr("\u2717 not counted")  # "✗"

_HEADINGS: dict[Status, tuple[Message, Message]] = {
    Status.BREACH: (tr("BREACHES"), tr("not done in time, or the clause was broken")),
    Status.UPCOMING: (tr("UPCOMING"), tr("due within the horizon")),
    Status.PENDING: (tr("PENDING"), tr("due later")),
    Status.FULFILLED: (tr("FULFILLED"), tr("done in time")),
    Status.DISCHARGED: (tr("DISCHARGED"), tr("no longer applies")),
}
_ALWAYS_SHOWN = (Status.BREACH, Status.UPCOMING)

_ANSI = {
    Status.BREACH: "\x1b[1;31m",      # bold red
    Status.UPCOMING: "\x1b[1;33m",    # bold yellow
    Status.PENDING: "\x1b[1;36m",     # bold cyan
    Status.FULFILLED: "\x1b[1;32m",   # bold green
    Status.DISCHARGED: "\x1b[2m",     # dim
}
_RESET = "\x1b[0m"

_SEVERITY_ORDER = {s: i for i, s in enumerate(Severity)}


@dataclass(frozen=True)
class CheckReport:
    """Everything ``clauses check`` found, ready to render."""

    convention_title: str
    rules_path: str
    log_path: str
    as_of: dt.date
    horizon_days: int
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]   # problems of the log (E0xx), readings used (R001)...
    events_read: int
    events_ignored_after_as_of: int
    #: the findings counted, not kept (``clauses check`` to text without ``--explain``,
    #: :mod:`clauses.evaluation.tally`); empty: every finding is in ``findings``
    counted: tuple[Counted, ...] = ()

    def complete(self, what: str) -> "CheckReport":
        """This report, which ``what`` renders whole; ValueError if it counted findings instead of keeping them."""
        if self.counted:
            raise ValueError(f"{what} needs every finding: this report counted its fulfilled and discharged "
                             "findings (check again without counting them)")
        return self


# --------------------------------------------------------------------------- ordering


def _finding_key(f: Finding) -> tuple:
    """Most urgent first (``Finding.sort_key``), then fixed tie-breakers for determinism."""
    return (*report_rank(f), f.message)


def _diagnostic_key(d: Diagnostic) -> tuple:
    return (d.sort_key(), _SEVERITY_ORDER.get(d.severity, len(_SEVERITY_ORDER)), d.message,
            d.hint or "", d.notes)


def sorted_findings(report: CheckReport, keep: Callable[[Finding], bool] | None = None) -> list[Finding]:
    """The findings in report order: by status, then due date (oldest breach first); ``keep``: only
    those it keeps (the same order, fewer of them sorted).

    The order of :func:`_finding_key`, the message read only to order findings that tie on all the
    rest: a fulfilled finding's message is worked out when read (``Finding.later``)."""
    if report.counted and (keep is None or any(keep(c.first) for c in report.counted)):
        report.complete("this output")
    findings = report.findings if keep is None else [f for f in report.findings if keep(f)]
    return _in_order(findings, by_message=True)


def _in_order(findings: Iterable[Finding], by_message: bool) -> list[Finding]:
    """Findings by :func:`~clauses.findings.report_rank`; ``by_message``: findings of the same rank by message too
    (:func:`_finding_key`), otherwise as they came."""
    ranked = sorted(((report_rank(f), f) for f in findings), key=itemgetter(0))
    if not by_message:
        return [f for _, f in ranked]
    out: list[Finding] = []
    i, n = 0, len(ranked)
    while i < n:
        j = i + 1
        while j < n and ranked[j][0] == ranked[i][0]:
            j += 1
        if j - i == 1:
            out.append(ranked[i][1])
        else:
            out += sorted((f for _, f in ranked[i:j]), key=lambda f: f.message)
        i = j
    return out


def sorted_diagnostics(report: CheckReport) -> list[Diagnostic]:
    """The diagnostics by file, line, column, code."""
    return sorted(report.diagnostics, key=_diagnostic_key)


def listed(status: Status, count: int, explain: bool) -> bool:
    """Whether the text reports list a status group's findings one by one (else they say how many)."""
    return explain or status not in _SUMMARISED or count <= SUMMARY_LIMIT


def grouped(report: CheckReport, explain: bool | None = None) -> dict[Status, list[Finding]]:
    """Findings by status, every status present (possibly empty), in urgency order; a counted group
    (``report.counted``: a text report without ``explain`` only) by the first finding of each of its
    clauses, which :func:`weights` says how many findings it stands for.

    ``explain`` given (a text report): the findings of a group that report does not list
    (:func:`listed`) are ordered without reading their messages, which only break ties between
    findings of the same clause, article, kind and dates: what the report shows of them is the
    same in any order of a tie."""
    groups: dict[Status, list[Finding]] = {s: [] for s in Status}
    for f in report.findings:
        groups[f.status].append(f)
    if report.counted:
        if explain is not False:
            report.complete("this report")
        for c in report.counted:
            groups[c.first.status].append(c.first)
    sizes = summary(report, by_member=True)
    return {s: _in_order(fs, by_message=explain is None or listed(s, sizes[s], explain)) for s, fs in groups.items()}


def weights(report: CheckReport) -> dict[int, int]:
    """How many findings each finding of :func:`grouped` stands for where it is more than itself (by ``id``)."""
    return {id(c.first): c.count for c in report.counted}


def size(findings: list[Finding], weights: dict[int, int]) -> int:
    """How many findings ``findings`` (of :func:`grouped`) stand for."""
    return sum(weights.get(id(f), 1) for f in findings) if weights else len(findings)


def summary(report: CheckReport, by_member: bool = False) -> dict[Any, int]:
    """Count of findings per status value (``by_member``: per status), all five statuses present, the
    counted ones included."""
    by_status = dict.fromkeys(Status, 0)
    for f in report.findings:   # counted by the members themselves (``.value`` of each is a descriptor call)
        by_status[f.status] += 1
    for c in report.counted:
        by_status[c.first.status] += c.count
    return by_status if by_member else {s.value: n for s, n in by_status.items()}


def exit_code(report: CheckReport) -> int:
    """2 if the input is invalid (an error diagnostic), else 1 if any breach, else 0."""
    if has_errors(report.diagnostics):
        return 2
    if any(f.status is Status.BREACH for f in report.findings):
        return 1
    return 0


# --------------------------------------------------------------------------- text


def summary_line(report: CheckReport, lang: str = "en") -> str:
    """"2 breaches, 1 upcoming, 3 pending, 5 fulfilled, 0 discharged" (French: "0 manquement, …, 1 respecté")."""
    c = summary(report)
    return localized(tr("{breaches}, {upcoming}, {pending}, {fulfilled}, {discharged}",
                        breaches=breaches_count(c["breach"]),
                        upcoming=trn("{n} upcoming", "{n} upcoming", c["upcoming"]),
                        pending=trn("{n} pending", "{n} pending", c["pending"]),
                        fulfilled=trn("{n} fulfilled", "{n} fulfilled", c["fulfilled"]),
                        discharged=trn("{n} discharged", "{n} discharged", c["discharged"])), lang)


def _due(f: Finding) -> str:
    return f.due.isoformat() if f.due else NO_VALUE


def _parties(f: Finding) -> str:
    return ", ".join(f.parties) if f.parties else NO_VALUE


def clause_label(clause: str, kind: str, lang: str = "en") -> str:
    """How a reader sees the clause of a finding: its id, but the convention's term (whose findings carry
    the id ``term``, kept as it is in JSON and the machine formats) as a word of ``lang``: « durée » in
    French, "term" in English. The text report, the terminal and the dossier all show it this way."""
    return localized(tr("term"), lang) if kind == "term" else clause


def _columns(f: Finding, lang: str = "en") -> tuple[str, str, str, str]:
    return (_due(f), f"art. {f.article}", _parties(f), clause_label(f.clause, f.kind, lang))


def finding_line(f: Finding, widths: tuple[int, int, int, int] | None = None, lang: str = "en",
                 cols: tuple[str, str, str, str] | None = None) -> str:
    """One line: due date, article, parties, clause, message (columns padded to ``widths``); ``cols``: the
    finding's :func:`_columns`, when the caller has them already."""
    cols = cols or _columns(f, lang)
    widths = widths or tuple(len(c) for c in cols)  # type: ignore[assignment]
    cells = [c.ljust(w) for c, w in zip(cols, widths)]
    return terminal(("  " + "  ".join(cells) + "  " + localized(f.message, lang)).rstrip())


def when(f: Finding):
    """The date a finding is placed at: its due date, else the date of the act it judges (a prohibited act,
    a power exercised, a decision), else None."""
    return f.due or getattr(f, "acted", None)


def window_text(f: Finding) -> Message | None:
    """"Window: from … to …." of a finding with a window start, else None."""
    if not f.window_start:
        return None
    if f.due:
        return tr("Window: from {start} to {due}.", start=f.window_start, due=f.due)
    return tr("Window: from {start}.", start=f.window_start)


def said(text, lang: str = "en") -> str:
    """": text" after what it explains, as each language writes it (French: " : text"); "" for no text."""
    return localized(tr(": {text}", text=text), lang) if text else ""


def event_line(note, lang: str = "en") -> str:
    """"✓ counted  2020-01-30  name (ref): reason" for one event note."""
    mark = localized(COUNTED if note.counted else NOT_COUNTED, lang)
    return terminal(f"{mark}  {note.date.isoformat()}  {note.name} ({note.ref}){said(note.reason, lang)}")


def _explain_lines(f: Finding, lang: str = "en") -> list[str]:
    pad = " " * 6
    lines: list[str] = []
    window = window_text(f)
    if window:
        lines.append(pad + localized(window, lang))
    if f.acted:
        acted = (tr("Act dated {acted}; latest permissible date {due}.", acted=f.acted, due=f.due) if f.due
                 else tr("Act dated {acted}; the clause sets no latest date.", acted=f.acted))
        lines.append(pad + localized(acted, lang))
    lines += [f"{pad}{terminal(localized(line, lang))}" for line in f.explanation]
    lines += [pad + event_line(note, lang) for note in f.events]
    return lines


def heading_parts(status: Status, report: CheckReport) -> tuple[Message, Message]:
    """The name of a status group and what it means."""
    name, meaning = _HEADINGS[status]
    if status is Status.UPCOMING:
        meaning = trn("due within the {n}-day horizon", "due within the {n}-day horizon", report.horizon_days)
    return name, meaning


def _heading(status: Status, count: int, report: CheckReport, color: bool, lang: str = "en") -> str:
    name, meaning = heading_parts(status, report)
    title = f"{localized(name, lang)} ({count})"
    if color:
        title = f"{_ANSI[status]}{title}{_RESET}"
    return f"{title} - {localized(meaning, lang)}"


def _indent(text: str, pad: str = "  ") -> str:
    return "\n".join(pad + line for line in text.splitlines())


def header_lines(report: CheckReport, lang: str = "en") -> list[str]:
    """Convention, date and horizon, rules file, log (with the events read and ignored)."""
    events = events_count(report.events_read)
    n = report.events_ignored_after_as_of
    ignored = tr("; {events} dated after {date} ignored", events=events_count(n), date=report.as_of) if n else ""
    lines = [tr("Convention: {title}", title=report.convention_title),
             trn("As of {date}, horizon {n} day", "As of {date}, horizon {n} days", report.horizon_days,
                 date=report.as_of),
             tr("Rules: {path}", path=report.rules_path),
             tr("Log:   {path} ({events} read{ignored})", path=report.log_path, events=events, ignored=ignored)]
    return [terminal(localized(line, lang)) for line in lines]


@paused()
def render_text(report: CheckReport, *, explain: bool = False, color: bool = False, lang: str = "en") -> str:
    """The report for people (no trailing newline). See ``docs/check-output.md`` for a sample."""
    out: list[str] = header_lines(report, lang)
    L = lambda message: localized(message, lang)  # noqa: E731

    # Problems of the log, then readings used.
    diagnostics = sorted_diagnostics(report)
    problems = [d for d in diagnostics if d.severity is not Severity.INFO]
    readings = [d for d in diagnostics if d.severity is Severity.INFO]
    if problems:
        out += ["", L(tr("Problems in the event log ({n})", n=len(problems)))]
        out += [_indent(render(d, lang=lang)) for d in problems]
        errors = sum(1 for d in problems if d.severity is Severity.ERROR)
        if errors:
            out.append(L(tr("  The event log has {errors}: the findings below may be incomplete.",
                            errors=errors_count(errors))))
    if readings:
        out += ["", L(tr("Readings used ({n})", n=len(readings)))]
        if explain:
            out += [_indent(render(d, lang=lang)) for d in readings]
        else:
            out.append(L(tr("  Readings recorded by the rule authors were applied (--explain lists them).")))

    # Findings.
    groups = grouped(report, explain)
    if not report.findings and not report.counted:
        out += ["", L(tr("Nothing to report: no clause gave a finding for this log and date."))]
    else:
        sizes = summary(report, by_member=True)
        shown_in_full = {s: listed(s, sizes[s], explain) for s in groups}
        columns = {id(f): _columns(f, lang) for s, fs in groups.items() if shown_in_full[s] for f in fs}
        widths = tuple(max((len(cols[i]) for cols in columns.values()), default=0) for i in range(4))
        for status, fs in groups.items():
            if not fs and status not in _ALWAYS_SHOWN:
                continue
            out += ["", _heading(status, sizes[status], report, color, lang)]
            if not fs:
                out.append(L(tr("  None.")))
            elif not shown_in_full[status]:
                n = sizes[status]
                out.append(L(tr("  {findings} not listed (--explain lists them).",
                                findings=findings_count(n))))
            else:
                for f in fs:
                    # each finding's columns let go as its line is made: not both for every finding at once
                    out.append(finding_line(f, widths, lang, columns.pop(id(f))))  # type: ignore[arg-type]
                    if explain:
                        out += _explain_lines(f, lang)

    out += ["", summary_line(report, lang)]
    return "\n".join(out)


# --------------------------------------------------------------------------- JSON


def render_json(report: CheckReport) -> dict[str, Any]:
    """The ``clauses-check`` document, version 1 (see :func:`check_output_schema`).

    Deterministic: findings and diagnostics are sorted, so the same report gives
    byte-identical ``json.dumps(..., sort_keys=True)``.
    """
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "convention": report.convention_title,
        "rules": report.rules_path,
        "log": report.log_path,
        "as_of": report.as_of.isoformat(),
        "horizon_days": report.horizon_days,
        "events_read": report.events_read,
        "events_ignored_after_as_of": report.events_ignored_after_as_of,
        "summary": summary(report.complete("the JSON report")),
        "findings": [f.to_json() for f in sorted_findings(report)],
        "diagnostics": [d.to_json() for d in sorted_diagnostics(report)],
    }


_DATE = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_STATUS_MEANINGS = {
    "breach": "the due date has passed without a counting event, or an act broke the clause "
              "(a prohibited act, an irregular vote)",
    "upcoming": "not yet done, due within the horizon (as_of + horizon_days)",
    "pending": "not yet done, due after the horizon",
    "fulfilled": "done in time: an event counted",
    "discharged": "no longer applies (e.g. the convention ended or its condition lapsed)",
}


def _d(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, **schema}


def check_output_schema() -> dict[str, Any]:
    """JSON schema (draft 2020-12) of the ``clauses check --format json`` document, version 1.

    Objects accept properties not listed: additive changes keep version 1 (see
    ``docs/check-output.md``), so consumers must ignore fields they do not know.
    """
    statuses = list(_STATUS_MEANINGS)
    status_text = "; ".join(f"`{k}`: {v}" for k, v in _STATUS_MEANINGS.items())
    event_note = {
        "description": "An event that counted, or failed to count, for the finding, and why.",
        "type": "object",
        "required": ["ref", "date", "event", "counted", "reason"],
        "properties": {
            "ref": _d("The event's id, else its position in the log as \"file:row\".",
                      {"type": "string"}),
            "date": _d("Date of the event (ISO 8601).", _DATE),
            "event": _d("Event name as written in the log.", {"type": "string"}),
            "counted": _d("True if the event counted towards the finding.", {"type": "boolean"}),
            "reason": _d("Why it counted or did not (in English).", {"type": "string"}),
        },
    }
    derivation = {
        "description": (
            "Machine-readable derivation of `due` (French time-limit rules, CPC art. 640-642), "
            "or null when the due date is not computed from a time limit."
        ),
        "type": ["object", "null"],
        "properties": {
            "anchor": _d("Date the limit runs from (or is counted back from).", _DATE),
            "anchor_label": _d("What the anchor is (e.g. end of the financial year).",
                               {"type": "string"}),
            "direction": _d("`forward` (within N units after) or `backward` (at least N units "
                            "before).", {"enum": ["forward", "backward"]}),
            "amount": _d("Number of units.", {"type": "integer", "minimum": 0}),
            "unit": _d("Unit of the limit.", {"enum": ["days", "clear_days", "working_days",
                                                      "business_days", "weeks", "months",
                                                      "years", "hours", "business_hours",
                                                      "working_hours"]}),
            "rule": _d("The counting rule applied, in English.", {"type": "string"}),
            "month_rule": _d("For months/years: what happens when the day number does not exist "
                             "in the target month.",
                             {"enum": ["last_day", "first_of_next", "strict", None]}),
            "region": _d("Holiday calendar used.", {"enum": ["metropole", "alsace-moselle"]}),
            "computed": _d("Date before any adjustment.", _DATE),
            "adjustments": _d("Moves of the date (e.g. CPC art. 642 extension past a weekend or "
                              "public holiday), in order.", {
                "type": "array",
                "items": {"type": "object", "properties": {
                    "from": _d("Date before the move.", _DATE),
                    "to": _d("Date after the move.", _DATE),
                    "reason": _d("Why the date moved.", {"type": "string"}),
                }},
            }),
            "notes": _d("Further remarks on the computation.",
                        {"type": "array", "items": {"type": "string"}}),
            "result": _d("The resulting date (equals the finding's `due`).", _DATE),
        },
    }
    finding = {
        "description": (
            "One obligation instance, power exercise, prohibited act or vote, with its status."
        ),
        "type": "object",
        "required": ["status", "clause", "kind", "article", "parties", "due", "window_start",
                     "message", "events", "event_notes", "explanation", "derivation"],
        "properties": {
            "status": _d(f"Where the finding stands on `as_of`. {status_text}.",
                         {"enum": statuses}),
            "clause": _d("Id of the clause in the rules file.", {"type": "string"}),
            "kind": _d("What the clause is: `duty`, `power`, `prohibition`, `vote` or `term`.",
                       {"type": "string", "examples": ["duty", "power", "prohibition", "vote",
                                                       "term"]}),
            "article": _d("Article of the convention the clause cites.",
                          {"type": "string", "examples": ["7", "8.2", "V (évaluation)"]}),
            "parties": _d("Ids of the parties bound or concerned.",
                          {"type": "array", "items": {"type": "string"}}),
            "due": _d("Due date (last day of the limit, or latest permissible date), "
                      "null when there is none.", {"anyOf": [_DATE, {"type": "null"}]}),
            "acted": _d("Date of the act the finding judges (a power exercised, a prohibited act, a "
                        "recorded decision), null for duties and the term. `due` stays the latest "
                        "permissible date.", {"anyOf": [_DATE, {"type": "null"}]}),
            "window_start": _d("First day an event can count, null when unbounded.",
                               {"anyOf": [_DATE, {"type": "null"}]}),
            "message": _d("One sentence, in English, saying what is due or what went wrong.",
                          {"type": "string"}),
            "events": _d(
                "References of the events that counted for the finding: each event's id, "
                "else its position in the log as \"file:row\". Empty when none counted.",
                {"type": "array", "items": {"type": "string"}}),
            "event_notes": _d("Every event considered, counted or not, with the reason.",
                              {"type": "array", "items": {"$ref": "#/$defs/event_note"}}),
            "explanation": _d("How the due date was computed and the readings used, one "
                              "sentence per item, in English.",
                              {"type": "array", "items": {"type": "string"}}),
            "derivation": {"$ref": "#/$defs/derivation"},
            "extra": _d("Further details specific to the kind of clause (present only when "
                        "non-empty).", {"type": "object"}),
        },
    }
    diagnostic = {
        "description": (
            "A problem found reading the event log (codes E0xx, F0xx) or a note such as a "
            "reading recorded by the rule author that was used (R001)."
        ),
        "type": "object",
        "required": ["code", "severity", "message"],
        "properties": {
            "code": _d("Stable code (see `clauses.codes`); never changes meaning.",
                       {"type": "string", "pattern": "^[A-Z][0-9]{3}$"}),
            "severity": _d("`error`: input invalid, events were left out and the exit code is "
                           "2; `warning`: suspicious but used; `info`: a note.",
                           {"enum": ["error", "warning", "info"]}),
            "message": _d("What is wrong, in English.", {"type": "string"}),
            "file": _d("File the problem is in.", {"type": "string"}),
            "line": _d("1-based line (a CSV row's line).", {"type": "integer", "minimum": 1}),
            "column": _d("1-based column.", {"type": "integer", "minimum": 1}),
            "end_line": _d("1-based line where the span ends.", {"type": "integer", "minimum": 1}),
            "end_column": _d("1-based column where the span ends (exclusive).",
                             {"type": "integer", "minimum": 1}),
            "hint": _d("How to fix it.", {"type": "string"}),
            "notes": _d("Further remarks.", {"type": "array", "items": {"type": "string"}}),
        },
    }
    count = {"type": "integer", "minimum": 0}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "clauses check output",
        "description": (
            "Result of `clauses check RULES LOG --as-of DATE --format json`: the convention's "
            "clauses evaluated against an event log. Version 1; fields may be added without "
            "changing the version, so ignore the ones you do not know. Dates are ISO 8601."
        ),
        "type": "object",
        "required": ["schema", "version", "convention", "rules", "log", "as_of", "horizon_days",
                     "events_read", "events_ignored_after_as_of", "summary", "findings",
                     "diagnostics"],
        "properties": {
            "schema": _d("Always \"clauses-check\".", {"const": SCHEMA_NAME}),
            "version": _d("Format version: bumped only when a field is renamed, removed or "
                          "changes meaning.", {"const": SCHEMA_VERSION}),
            "convention": _d("Title of the convention.", {"type": "string"}),
            "rules": _d("Path of the rules (clause) file, as given.", {"type": "string"}),
            "log": _d("Path of the event log, as given.", {"type": "string"}),
            "as_of": _d("Date of the check: events after it are ignored, breaches are judged "
                        "on it.", _DATE),
            "horizon_days": _d("Findings due within this many days after `as_of` are "
                               "`upcoming`, later ones `pending`.", count),
            "events_read": _d("Events read from the log and used.", count),
            "events_ignored_after_as_of": _d("Events dated after `as_of`, left out.", count),
            "summary": _d("Number of findings per status (all five always present).", {
                "type": "object",
                "required": statuses,
                "properties": {s: _d(f"Number of `{s}` findings: {m}.", count)
                               for s, m in _STATUS_MEANINGS.items()},
            }),
            "findings": _d("All findings, most urgent first: by status (breach, upcoming, "
                           "pending, fulfilled, discharged), then due date (oldest first; "
                           "none last), clause id, parties.",
                           {"type": "array", "items": {"$ref": "#/$defs/finding"}}),
            "diagnostics": _d("Problems of the event log and notes, by file, line, column.",
                              {"type": "array", "items": {"$ref": "#/$defs/diagnostic"}}),
        },
        "$defs": {
            "finding": finding,
            "event_note": event_note,
            "derivation": derivation,
            "diagnostic": diagnostic,
        },
    }
