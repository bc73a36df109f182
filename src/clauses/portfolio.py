"""A portfolio: many conventions checked in one command (``clauses check FOLDER|portfolio.yaml``).

Two ways to name the conventions:

- a **manifest** (``portfolio.yaml``, or any ``*.yaml`` given to ``check``)::

      as_of: 2024-03-15            # default for every entry (default: today); `au:` in French
      horizon: 60d                 # default horizon
      conventions:
        - name: pisco-manosque     # optional: how the summary and calendar UIDs name it (`nom:`)
          rules: rules/000_pisco_manosque.clauses        # `convention:` / `règles:`
          logs: [examples/000_pisco_manosque/breaches.csv]   # `log:` / `journal:` / `journaux:`
          as_of: 2022-03-01        # this entry's date, if not the default

  Paths are relative to the manifest and must stay inside its project
  (:mod:`clauses.confine`); every problem is a ``P001`` diagnostic with its line.

- a **folder**: every ``NAME.clauses`` under it, with the event logs named
  ``NAME.<csv|jsonl|yaml|yml|xlsx>`` beside it or stored in a folder ``NAME/``
  beside it (a folder holding ``portfolio.yaml`` is read as that manifest).

:func:`run` checks the entries on the machine's cores (processes; the parser is
built once before the workers start, which inherit it) and gives one
:class:`Outcome` per entry, in manifest order, whatever order they finish in.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.events import EXTENSIONS
from clauses.i18n import tr
from clauses.language.loaded import RULES_SUFFIX, Loaded
from clauses.language.source import Span
from clauses.output.report import CheckReport, exit_code

MANIFEST = "portfolio.yaml"
CODE = "P001"
#: a manifest lists conventions: a few kilobytes; far more is not a manifest
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
KEYS = {
    "name": "name", "nom": "name",
    "rules": "rules", "convention": "rules", "règles": "rules", "regles": "rules",
    "logs": "logs", "log": "logs", "journal": "logs", "journaux": "logs",
    "as_of": "as_of", "au": "as_of",
    "horizon": "horizon",
}
TOP_KEYS = {"as_of": "as_of", "au": "as_of", "horizon": "horizon", "conventions": "conventions"}


@dataclass(frozen=True)
class Entry:
    """One convention of the portfolio: its rules, its logs, its date."""

    name: str
    rules: Path
    logs: tuple[Path, ...]
    as_of: dt.date
    horizon_days: int
    #: how its logs are read (docs/registers.md): a mapping file, the numeric date order, the configuration
    mapping: Path | None = None
    dates: str | None = None
    config: Any = None
    #: the loaded rules kept on disk while unchanged (:mod:`clauses.cache`); the CLI's ``--no-cache`` turns it off
    cache: bool = False
    #: the fulfilled and discharged findings a text report does not list counted, not kept (``api.check``)
    summarised: bool = False


@dataclass(frozen=True)
class Outcome:
    """What checking one entry gave: a report, or the rules' errors."""

    entry: Entry
    report: CheckReport | None
    loaded: Loaded | None
    errors: tuple[Diagnostic, ...] = ()
    #: the errors are a log's that could not be used at all (not the rules')
    unusable_log: str | None = None

    @property
    def exit_code(self) -> int:
        return 2 if self.report is None else exit_code(self.report)


@dataclass
class Portfolio:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


# ---------------------------------------------------------------------------- reading a manifest
def read_manifest(path: Path, as_of: dt.date, horizon_days: int,
                  parse_horizon: Callable[[str], int]) -> Portfolio:
    """The entries of a manifest, and a ``P001`` diagnostic per problem (all of them); YAML is
    imported only here (:mod:`clauses.manifest`), not by a check of one rules file."""
    from clauses.manifest import read_manifest as read

    return read(path, as_of, horizon_days, parse_horizon)


def from_folder(folder: Path, as_of: dt.date, horizon_days: int) -> Portfolio:
    """Every ``NAME.clauses`` under ``folder`` with its logs ``NAME.<ext>`` or ``NAME/*.<ext>``."""
    out = Portfolio()
    for rules in sorted(p for p in folder.rglob(f"*{RULES_SUFFIX}") if p.is_file()):
        stem = rules.name[: -len(RULES_SUFFIX)]
        logs = [rules.with_name(stem + ext) for ext in EXTENSIONS if rules.with_name(stem + ext).is_file()]
        beside = rules.with_name(stem)
        if beside.is_dir():
            logs += sorted(p for p in beside.iterdir() if p.suffix.lower() in EXTENSIONS and p.is_file())
        name = rules.relative_to(folder).as_posix()[: -len(RULES_SUFFIX)]
        if not logs:
            out.problems.append(Diagnostic.of(CODE, tr("no event log for {rules}", rules=str(rules)),
                                              Span(str(rules), 1, 1, 1, 2),
                                              tr("put the log beside it as {stem}.csv (or .jsonl, .yaml, "
                                                 ".xlsx), or in a folder {stem}/", stem=stem)))
            continue
        out.entries.append(Entry(name, rules, tuple(logs), as_of, horizon_days))
    if not out.entries and not out.problems:
        out.problems.append(Diagnostic.of(CODE, tr("no *.clauses file under {folder}", folder=str(folder)),
                                          Span(str(folder), 1, 1, 1, 2)))
    return out


# ---------------------------------------------------------------------------- checking
def check_entry(entry: Entry) -> Outcome:
    """Check one entry (in a worker process or in this one)."""
    from clauses.api import LogError, RulesError, check

    loaded = _load(entry)
    try:
        report = check(loaded, list(entry.logs), as_of=entry.as_of, horizon_days=entry.horizon_days,
                       mapping=entry.mapping, dates=entry.dates, config=entry.config, summarised=entry.summarised)
    except RulesError as err:
        return Outcome(entry, None, replace(loaded, text=None), err.diagnostics)
    except LogError as err:
        return Outcome(entry, None, replace(loaded, text=None), err.diagnostics, unusable_log=err.path)
    return Outcome(entry, report, replace(loaded, text=None))


def _load(entry: Entry) -> Loaded:
    """The entry's rules: from the on-disk cache when asked and the file is a clause file (an
    instance also depends on its template, which the cache does not track: it is loaded again)."""
    from clauses.files import limits
    from clauses.api import load   # the parser is imported only when a file is parsed

    try:  # a path that is not a regular file of an acceptable size is left to `load` to refuse
        usable = entry.rules.is_file() and not entry.rules.is_symlink() and entry.rules.stat().st_size <= limits().rules
    except OSError:
        usable = False
    if not entry.cache or not usable or not entry.rules.name.endswith(RULES_SUFFIX):
        return load(entry.rules)
    from clauses.cache import RulesCache, load_cached

    return load_cached(entry.rules, RulesCache.open(("rules", limits())))


#: below this many conventions, starting worker processes costs more than it saves
PARALLEL_FROM = 4


def run(entries: list[Entry], progress: Callable[[Outcome], None] | None = None,
        workers: int | None = None) -> list[Outcome]:
    """Every entry checked, in the order given; ``progress`` is told as each one finishes.

    Without the cyclic collector's passes meanwhile (:mod:`clauses.gcpause`), here and in the workers: each
    outcome is kept until the whole portfolio is rendered, and every pass walked all those received so far
    (a quarter to two thirds of this process's CPU for 100 logs of 1,000 events). Checking makes almost no
    cycles (about thirty objects an entry); they are collected in one pass at the end."""
    import gc

    from clauses.gcpause import paused

    collecting = gc.isenabled()   # off: held by the command's start-up (one convention), which it ends itself
    with paused():
        outcomes = _run(entries, progress, workers)
        if collecting:
            gc.collect()   # once, over everything received (no pass ran meanwhile)
    return outcomes


def _run(entries: list[Entry], progress: Callable[[Outcome], None] | None, workers: int | None) -> list[Outcome]:
    # a core for this process, which receives and unpickles every outcome: with 2 cores, 2 workers and this
    # process shared them and the run took 8.6 s of wall time against 7.2 s in this process alone (100 logs of
    # 1,000 events; 15.5 s when the reports' findings were worked out to be pickled)
    workers = workers or min((os.cpu_count() or 1) - 1, 8)
    results: dict[int, Outcome] = {}

    def done(index: int, outcome: Outcome) -> None:
        results[index] = outcome
        if progress is not None:
            progress(outcome)

    if len(entries) < PARALLEL_FROM or workers < 2:
        for index, entry in enumerate(entries):
            done(index, check_entry(entry))
        return [results[i] for i in range(len(entries))]
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # the first entry is checked here, before the fork: the parser is built and the lexer's scanners
    # (compiled on first use) are compiled once, and every worker inherits them
    done(0, check_entry(entries[0]))
    try:
        with ProcessPoolExecutor(max_workers=workers, initializer=_worker_starts) as pool:
            futures = {pool.submit(check_entry, entry): index for index, entry in enumerate(entries) if index}
            for future in as_completed(futures):
                done(futures[future], future.result())
    except (OSError, RuntimeError) as err:  # no process support here (a sandbox): do it in this process
        if isinstance(err, RuntimeError) and "process" not in str(err).lower():
            raise
        for index, entry in enumerate(entries):
            if index not in results:
                done(index, check_entry(entry))
    return [results[i] for i in range(len(entries))]


def _worker_starts() -> None:
    """A worker checks entries without the cyclic collector (as :func:`run` does here): each entry's objects are
    freed by reference counting once its outcome is sent, and the worker ends with the run."""
    import gc

    gc.disable()


def exit_code_of(outcomes: list[Outcome], problems: list[Diagnostic]) -> int:
    """As for one convention: 2 when any input is invalid, else 1 on any breach, else 0."""
    if any(d.severity is Severity.ERROR for d in problems):
        return 2
    codes = [o.exit_code for o in outcomes]
    return 2 if 2 in codes else 1 if 1 in codes else 0
