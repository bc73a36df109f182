"""The public Python API: load a convention, read its event log, check it.

``import clauses`` gives these names (documented with examples in ``docs/api.md``,
whose examples the test suite runs)::

    import clauses

    report = clauses.check("rules/000_pisco_manosque.clauses",
                           "examples/000_pisco_manosque/breaches.csv", as_of="2022-03-01")
    for finding in report.findings:
        print(finding.status.value, finding.article, finding.due, finding.message)

- :func:`load` reads and checks one clause file: a :class:`Loaded` (its model,
  its diagnostics);
- :func:`read_events` reads an event log: its good events and a diagnostic per
  problem (never raises for bad input);
- :func:`check` evaluates a convention against one or more logs (or events
  already read) as of a date: a :class:`CheckReport` (findings, diagnostics,
  counts), with :func:`exit_code` and :func:`summary`;
- :func:`evaluate` is the engine underneath: findings only.

Everything returned is immutable data. A clause file with errors raises
:class:`RulesError` from :func:`check` (its ``diagnostics`` say why), and so does
a log that cannot be used at all (:class:`LogError`: missing, refused, no
header) — never a report computed against zero events; bad rows of a readable
log never raise: their problems are in ``report.diagnostics`` and make
``exit_code(report)`` 2.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Iterable, Sequence

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.evaluation import evaluate, evaluate_counting
from clauses.events import Event, log_unusable, read_events, register_settings, validate_events
from clauses.events.model import in_key_order
from clauses.findings import EventNote, Finding, Status
from clauses.i18n import tr, trn
from clauses.language.loaded import Loaded
from clauses.language.model import Convention
from clauses.language.resolve import used_events
from clauses.output.report import CheckReport, exit_code, render_json, render_text, summary

__all__ = [
    "CheckReport", "Convention", "Diagnostic", "Event", "EventNote", "Finding", "Loaded", "LogError", "RulesError",
    "Severity", "Status", "check", "evaluate", "exit_code", "load", "read_events", "render_json",
    "render_text", "summary",
]

PathLike = str | os.PathLike[str]


def load(path: PathLike) -> Loaded:
    """Read, parse, lower and resolve the clause file ``path`` (:func:`clauses.language.load.load`);
    the parser is imported on the first call, not with this module (rules served from the cache
    never need it)."""
    from clauses.language.load import load as load_file

    return load_file(path)


class RulesError(ValueError):
    """The clause file cannot be evaluated: it could not be read or has errors.

    ``loaded`` is what :func:`load` gave; ``diagnostics`` its error diagnostics."""

    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.diagnostics = tuple(d for d in loaded.diagnostics if d.severity is Severity.ERROR)
        first = self.diagnostics[0] if self.diagnostics else None
        detail = f": {first.location}: {first.message}" if first is not None else ""
        count = len(self.diagnostics)
        super().__init__(trn("{path} has {count} error{detail}", "{path} has {count} errors{detail}", count,
                             path=loaded.path, count=count, detail=detail))


def _as_date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def _logs(log: PathLike | Sequence[PathLike] | None) -> list[PathLike]:
    if log is None:
        return []
    if isinstance(log, (str, os.PathLike)):
        return [log]
    return list(log)


class LogError(ValueError):
    """An event log cannot be used at all (missing, refused, not a register, no header):
    nothing is checked against it, rather than a report computed against zero events.

    ``path`` is the log; ``diagnostics`` say why."""

    def __init__(self, path: PathLike, diagnostics: Sequence[Diagnostic]) -> None:
        self.path = os.fspath(path)
        self.diagnostics = tuple(diagnostics)
        super().__init__(tr("the event log {log} cannot be used: nothing was checked", log=self.path))


def check(rules: PathLike | Loaded, log: PathLike | Sequence[PathLike] | None = None, *,
          events: Iterable[Event] = (), as_of: dt.date | str | None = None,
          horizon_days: int = 60, mapping: PathLike | None = None, dates: str | None = None,
          config: Any = None, summarised: bool = False) -> CheckReport:
    """Evaluate the convention ``rules`` (a path, or what :func:`load` gave) against the event
    log(s) ``log`` and/or ``events`` already read, as of ``as_of`` (a date or ``YYYY-MM-DD``;
    default today). Duties due within ``horizon_days`` after it are ``upcoming``.

    How the logs are read (column names, values, day-first dates, sheet) comes from the
    ``mapping`` file, else from ``config`` (a :class:`clauses.lint.config.Config` with a
    ``[tool.clauses.register]`` table), and ``dates`` (``auto``, ``iso``, ``day-first``,
    ``month-first``) overrides both; see docs/registers.md.

    Raises :class:`RulesError` when the clause file has errors, :class:`LogError` when a log
    cannot be used at all, ``ValueError`` for an as-of date outside 1900-2999 or a horizon
    over 100 years. Other problems of the logs are diagnostics of the report (an error among
    them makes :func:`exit_code` 2).

    ``summarised``: for a text report without ``explain`` only (``render_text``, the terminal
    report), the fulfilled and discharged findings that report would not list are counted in
    ``report.counted`` rather than kept (a long log's memory and time: most of its findings are
    fulfilled); JSON, the exports and ``explain`` refuse such a report (ValueError)."""
    loaded = rules if isinstance(rules, Loaded) else load(rules)
    if not loaded.ok:
        raise RulesError(loaded)
    conv = loaded.convention
    day = _as_date(as_of)
    all_events = list(events)
    problems: list[Diagnostic] = []
    paths = _logs(log)
    settings = register_settings(conv, Path(mapping) if mapping is not None else None, config, dates)
    for path in paths:
        read, diagnostics = read_events(path, settings)
        if log_unusable(diagnostics):
            raise LogError(path, diagnostics)
        if all_events:
            all_events += read
        else:
            all_events = read   # one log (the usual case): its list, not a copy of a million events
        problems += diagnostics
    all_events = in_key_order(all_events)
    parties = {p.id for p in conv.parties}
    problems += validate_events(all_events, parties, used_events(conv) | {e.id for e in conv.events})
    problems += [d for d in loaded.diagnostics if d.code == "R001"]
    if summarised:
        findings, counted, ignored = evaluate_counting(conv, all_events, day, horizon_days)
    else:
        (findings, ignored), counted = evaluate(conv, all_events, day, horizon_days), ()
    shown_log = ", ".join(os.fspath(p) for p in paths) if paths else tr("(events given)")
    return CheckReport(conv.title, loaded.path, shown_log, day, horizon_days, tuple(findings), tuple(problems),
                       len(all_events), ignored, counted)

