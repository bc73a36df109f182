"""What ``clauses check`` and ``clauses agenda`` do between reading their arguments and printing.

:func:`gather` turns the arguments into portfolio entries (one clause file and its
logs; a folder; a manifest) and checks them (:mod:`clauses.portfolio`), with a
progress bar on a terminal; :func:`render` gives the output in the format asked:
``text`` and ``json`` (one convention: the ``clauses-check`` report, unchanged;
several: the portfolio report), ``sarif``, ``junit``, ``github``, ``ics``, ``csv``,
``xlsx`` (the same for one convention or many).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from clauses.diagnostics import Diagnostic
from clauses.gcpause import paused
from clauses.i18n import tr
from clauses.portfolio import MANIFEST, Entry, Outcome, exit_code_of, from_folder, read_manifest, run
from clauses.language.loaded import is_instance   # notice: an instance file is a rules file, not a manifest

FORMATS = ("text", "json", "sarif", "junit", "github", "ics", "csv", "xlsx")
BINARY = ("ics", "csv", "xlsx")


class UsageError(ValueError):
    """The arguments cannot be used (the CLI exits 2 with the message)."""


@dataclass
class Gathered:
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    single: bool = True

    @property
    def exit_code(self) -> int:
        return exit_code_of(self.outcomes, self.problems)


def entries_of(rules: Path, logs: list[Path], as_of: dt.date, horizon_days: int,
               parse_horizon: Callable[[str], int], register: tuple = (None, None, None), cache: bool = False,
               summarised: bool = False) -> tuple[list[Entry], list[Diagnostic], bool]:
    """(entries, problems, single): what the arguments name; ``register`` = (mapping file, date
    order, configuration): how every log is read (docs/registers.md); ``cache``: loaded rules kept
    on disk (:mod:`clauses.cache`); ``summarised``: for a text report without ``--explain``, the
    findings it does not list counted rather than kept (``api.check``)."""
    manifest = None
    if rules.is_dir() and (rules / MANIFEST).is_file():
        manifest = rules / MANIFEST
    elif rules.suffix.lower() in (".yaml", ".yml") and rules.is_file() and not is_instance(rules):
        manifest = rules     # (a signed instance of a template, NAME.instance.yaml, is a rules file)
    if manifest is not None or (rules.is_dir() and not rules.name.endswith(".clauses")):
        if logs:
            raise UsageError(tr("a folder or a manifest names its own logs: give no LOG after it"))
        portfolio = (read_manifest(manifest, as_of, horizon_days, parse_horizon) if manifest is not None
                     else from_folder(rules, as_of, horizon_days))
        entries = [replace(e, mapping=register[0], dates=register[1], config=register[2], cache=cache,
                           summarised=summarised) for e in portfolio.entries]
        return entries, portfolio.problems, False
    if not logs:
        raise UsageError(tr("name the event log after the clause file: clauses check RULES LOG"))
    return [Entry(rules.stem, rules, tuple(logs), as_of, horizon_days, *register, cache=cache,
                  summarised=summarised)], [], True


def _progress_bar(total: int):
    """A rich progress bar on standard error when it is a terminal, else nothing."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.description}"), console=Console(stderr=True), transient=True)


def gather(rules: Path, logs: list[Path], as_of: dt.date, horizon_days: int,
           parse_horizon: Callable[[str], int], register: tuple = (None, None, None), cache: bool = False,
           summarised: bool = False) -> Gathered:
    entries, problems, single = entries_of(rules, logs, as_of, horizon_days, parse_horizon, register, cache,
                                           summarised)
    if len(entries) > 1:   # a portfolio: its work is not bounded like one file's
        from clauses.gcpause import release

        release()
    bar = _progress_bar(len(entries))
    if bar is None:
        return Gathered(run(entries), problems, single)
    with bar:
        task = bar.add_task("", total=len(entries))

        def advance(outcome: Outcome) -> None:
            from rich.markup import escape

            name = "".join(c for c in outcome.entry.name[:40] if c.isprintable())
            bar.update(task, advance=1, description=escape(name))  # a name is text, never rich markup

        return Gathered(run(entries, advance), problems, single)


def _language(lang: str | None, outcome: Outcome) -> str:
    from clauses.output.catalogue import choose_language

    conv = outcome.loaded.convention if outcome.loaded is not None else None
    return choose_language(lang, conv.language if conv is not None else None)


@paused()   # a long log's findings: no cyclic-GC pass over them while the output is built (clauses.gcpause)
def render(format: str, gathered: Gathered, *, explain: bool = False, alarm_days: int | None = None,
           lang: str | None = None) -> str | bytes:
    """The output in ``format``; ``lang`` (``en``/``fr``, default: each rules file's language, else the
    locale) is the language of the text report."""
    checked = [o for o in gathered.outcomes if o.report is not None]
    reports = [o.report for o in checked]
    langs = [_language(lang, o) for o in checked]
    if format == "ics":
        from clauses.output.ics import render_ics

        return render_ics(reports, alarm_days=alarm_days, identities=[o.entry.name for o in checked],
                          languages=langs)
    if format == "csv":
        from clauses.output.exports import render_csv

        return render_csv(reports, langs)
    if format == "xlsx":
        from clauses.output.exports import render_xlsx

        return render_xlsx(reports, langs)
    if format in ("sarif", "junit", "github"):
        from clauses.output import check_ci

        errors = [d for o in gathered.outcomes if o.report is None for d in o.errors]
        return check_ci.render(format, [(o.report, o.loaded) for o in checked], [*gathered.problems, *errors])
    if format == "html":
        from clauses.output.html import render_outcomes

        return render_outcomes(checked, [_language(lang, o) for o in checked],
                               portfolio=None if gathered.single else list(gathered.outcomes))
    if gathered.single:
        from clauses.output.report import render_json, render_text

        report = gathered.outcomes[0].report
        if format == "json":
            return json.dumps(render_json(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if format == "text":
            from clauses.output.terminal import render_for_stdout

            return render_for_stdout(report, explain=explain, lang=_language(lang, gathered.outcomes[0]))
        return render_text(report, explain=explain, lang=_language(lang, gathered.outcomes[0])) + "\n"
    from clauses.output import portfolio as portfolio_output

    if format == "json":
        doc = portfolio_output.render_json(gathered.outcomes, gathered.problems)
        return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    languages = {o.entry.name: _language(lang, o) for o in gathered.outcomes}
    from clauses.output.catalogue import choose_language

    shared = set(languages.values())
    table = shared.pop() if len(shared) == 1 and lang is None else choose_language(lang, None)
    return portfolio_output.render_text(gathered.outcomes, gathered.problems, explain=explain,
                                        languages=languages, lang=table) + "\n"
