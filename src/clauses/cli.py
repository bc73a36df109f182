"""The command line: ``clauses lint``, ``clauses rules``, ``clauses check``, ``clauses parse``, ``clauses schema``.

Exit codes (ruff's convention): 0 clean, 1 findings (errors; any finding with
``--strict``; breaches for ``check``), 2 unusable invocation or unreadable
input. No command ever shows a Python traceback: an unexpected error is
reported in one line and exits 3.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from clauses import __version__
from clauses.i18n import Message, tr, trn
from clauses.output.clihelp import LocalizedGroup, run_language

app = typer.Typer(cls=LocalizedGroup, add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Rules-as-code for partnership conventions: lint clause files, check event logs.")


class Language(str, Enum):
    en = "en"
    fr = "fr"


LANG_HELP = "Language of the messages: en or fr (default: the rules file's `langue`, else the locale)."


class LintFormat(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"


def _reason(err: BaseException) -> "str | Message":
    """What an exception says: its message (a :class:`Message` stays one, to be shown in any language)."""
    first = err.args[0] if len(err.args) == 1 else None
    return first if isinstance(first, Message) else str(err)


def _say(message: "str | Message", lang: Optional[str] = None, *, safe=None) -> None:
    """``clauses: message`` on standard error, in ``lang`` (default: the language of the run, chosen
    like every message: ``--lang``, else the named rules file's ``langue``, else the locale); ``safe``
    escapes what a terminal should not interpret."""
    text = tr("clauses: {message}", message=message).localized(lang or run_language())
    typer.echo(safe(text) if safe else text, err=True)


def _diagnostic(diag, source=None) -> None:
    """A diagnostic on standard error, in the language of the run."""
    from clauses.diagnostics import render

    typer.echo(render(diag, source, run_language()), err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clauses {__version__}")
        raise typer.Exit(0)


#: commands whose start-up keeps the cyclic collector paused (``clauses.gcpause.hold``): one rules file is
#: bounded work (reading and evaluating pause it anyway); a portfolio turns it back on (``checking.gather``)
_HELD = ("check", "agenda", "report")


@app.callback()
def _root(ctx: typer.Context,
          version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Rules-as-code for partnership conventions."""
    if ctx.invoked_subcommand not in _HELD:
        from clauses.gcpause import release

        release()


def _explain_code(code: str, lang: Optional[str] = None) -> str:
    """The documentation of one code (in ``lang``, default the locale's); exits 2 on an unknown code."""
    import difflib

    from clauses.lint.config import known_codes
    from clauses.lint.pipeline import rule_doc
    from clauses.output.lint import explain

    doc = rule_doc(code.strip().upper())
    if doc is None:
        close = difflib.get_close_matches(code.strip().upper(), sorted(known_codes()), n=1)
        _say(tr("unknown code `{code}` (did you mean {close}?); `clauses rules` lists every code",
                code=code, close=close[0]) if close
             else tr("unknown code `{code}`; `clauses rules` lists every code", code=code), lang)
        raise typer.Exit(2)
    from clauses.output.catalogue import choose_language

    return explain(doc, choose_language(lang))


def _configure_limits(config) -> None:
    """[tool.clauses.limits] for every file this process reads (clauses.files)."""
    from clauses.files import Limits, configure
    from clauses.lint.config import ConfigError

    if config.limits is not None:
        try:
            configure(Limits.from_table(config.limits, str(config.origin)))
        except ValueError as err:
            raise ConfigError(_reason(err))


def _write_or_echo(text: str, output: Optional[Path]) -> None:
    """``text`` to the file ``output`` (exit 2 when it cannot be written), else to standard output."""
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        _say(tr("cannot write {path}: {reason}", path=str(output), reason=err.strerror or str(err)))
        raise typer.Exit(2)


@app.command()
def lint(
    ctx: typer.Context,
    paths: Optional[list[Path]] = typer.Argument(
        None, help="Clause files, or folders searched for *.clauses files (default: `paths` of tool.clauses in pyproject.toml)."),
    format: LintFormat = typer.Option(LintFormat.text, "--format", "-f",
                                      help="text (with excerpts), concise, json, sarif, github (annotations), junit."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    show_info: bool = typer.Option(False, "--show-info", help="Also show information (readings chosen by authors)."),
    statistics: bool = typer.Option(False, "--statistics", help="Count findings per code instead of listing them."),
    select: Optional[list[str]] = typer.Option(None, "--select", metavar="CODES",
                                               help="Only these codes or families (comma-separated); replaces `select`."),
    ignore: Optional[list[str]] = typer.Option(None, "--ignore", metavar="CODES",
                                               help="Also leave out these codes or families (comma-separated)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE",
                                          help="Read the tool.clauses settings from this file, not from the nearest pyproject.toml."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the report to FILE instead of standard output."),
    explain: Optional[str] = typer.Option(None, "--explain", metavar="CODE", help="Explain a code and exit."),
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Lint every file again instead of reusing results of unchanged files."),
    lang: Optional[Language] = typer.Option(None, "--lang", help="Language of the text and concise formats: en or fr "
                                                                  "(default: each file's `langue`, else the locale)."),
    watch: bool = typer.Option(False, "--watch", help="Lint again each time a file changes, until Ctrl-C."),
) -> None:
    """Parse and check clause files; report every diagnostic with file:line:col.

    Exit 0 clean, 1 error-level findings (any finding with --strict), 2 unusable
    invocation, configuration or input (a file that cannot be read, a missing path).
    """
    from clauses.lint.config import ConfigError, load_config
    from clauses.lint.pipeline import lint_files
    from clauses.output.lint import FORMATTERS, Report, statistics as statistics_text, write_step_summary
    from clauses.language.loaded import discover

    if explain is not None:
        typer.echo(_explain_code(explain, lang.value if lang else None), nl=False)
        raise typer.Exit(0)
    try:
        settings = load_config(config).with_cli(select, ignore)
        _configure_limits(settings)
    except ConfigError as err:
        _say(_reason(err))
        raise typer.Exit(2)
    if statistics and format not in (LintFormat.text, LintFormat.concise, LintFormat.json):
        _say(tr("--statistics works with --format text, concise or json, not {format}", format=format.value))
        raise typer.Exit(2)
    if not paths:
        if not settings.paths:
            _say(tr("no paths given: name files or folders, or set `paths` in [tool.clauses]"))
            raise typer.Exit(2)
        paths = list(settings.paths)
    if watch:
        from clauses.watch import rerun, watch_loop

        raise typer.Exit(watch_loop(paths, rerun(ctx, lint), lambda line: typer.echo(line, err=True)))
    files, missing = discover(paths)
    for message in missing:
        _say(message)
    if missing or not files:
        if not files and not missing:
            _say(tr("no *.clauses file found in the paths given"))
        raise typer.Exit(2)
    from clauses.cache import LintCache
    from clauses.output.lint import report_language

    cache = None if no_cache else LintCache.open(settings)
    results = lint_files(files, settings, cache)
    report = Report.of(results, show_info=show_info, strict=strict,
                       lang=report_language(lang.value if lang else None, results), follow_files=lang is None)
    if statistics and format is not LintFormat.json:
        rendered = statistics_text(report)
    else:
        rendered = FORMATTERS[format.value](report)
    _write_or_echo(rendered, output)
    if format is LintFormat.github:
        try:
            write_step_summary(report)
        except OSError as err:
            _say(tr("cannot write the step summary: {reason}", reason=err.strerror or str(err)))
    raise typer.Exit(report.exit_code())


@app.command()
def rules(code: Optional[str] = typer.Argument(None, help="A code (e.g. T001): explain it."),
          lang: Optional[Language] = typer.Option(
              None, "--lang", help="Language of the documentation: en or fr (default: the locale).")) -> None:
    """List every diagnostic code with its severity and summary, or explain one code."""
    if code is not None:
        typer.echo(_explain_code(code, lang.value if lang else None), nl=False)
        return
    from clauses.output.catalogue import choose_language
    from clauses.output.lint import rules_table

    typer.echo(rules_table(choose_language(lang.value if lang else None)), nl=False)


class CheckFormat(str, Enum):
    text = "text"
    plain = "plain"
    html = "html"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    ics = "ics"
    csv = "csv"
    xlsx = "xlsx"


def _as_of(value: Optional[str]) -> "dt.date":
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(tr("`{value}` is not a date: write YYYY-MM-DD (e.g. 2024-06-30)", value=value))
    if not dt.date(1900, 1, 1) <= day <= dt.date(2999, 12, 31):
        raise typer.BadParameter(tr("`{value}` is outside the years 1900-2999 this checker evaluates", value=value))
    return day


def _horizon(value: str) -> int:
    from clauses.timelimits import Unit, parse_duration

    try:
        amount, unit = parse_duration(value)
    except ValueError as err:
        raise typer.BadParameter(str(err))
    per = {Unit.DAYS: 1, Unit.WEEKS: 7, Unit.MONTHS: 30, Unit.YEARS: 365}
    if unit not in per:
        raise typer.BadParameter(tr("`{value}`: use days, weeks, months or years (90d, 2w, 3m, 1y)", value=value))
    days = amount * per[unit]
    if days > 36500:
        raise typer.BadParameter(tr("`{value}` is longer than the 100 years a horizon may span", value=value))
    return days


@app.command()
def check(
    ctx: typer.Context,
    rules: Path = typer.Argument(..., help="The convention's clause file; or a folder of them, or a portfolio "
                                           "manifest (portfolio.yaml), each naming its own logs."),
    log: Optional[list[Path]] = typer.Argument(None, help="One or more event logs of the clause file: "
                                                           ".csv, .jsonl, .yaml, .xlsx, .ods or .xls."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Evaluate as of this date (YYYY-MM-DD; default today)."),
    horizon: str = typer.Option("60d", "--horizon", help="Duties due within this horizon are 'upcoming' (90d, 2w, 3m)."),
    explain: bool = typer.Option(False, "--explain", help="Show how every date was computed and which events counted."),
    format: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f",
                                       help="text (grouped by status and clause, colour on a terminal), plain (one line "
                                            "per finding), json, sarif, junit, github (CI), ics (calendar), csv or "
                                            "xlsx (spreadsheets), html (the dossier, with -o FILE)."),
    mapping: Optional[Path] = typer.Option(None, "--mapping", metavar="FILE",
                                           help="How to read the log (columns, values, dates, sheet): a TOML file, "
                                                "instead of [tool.clauses.register]; see docs/registers.md."),
    dates: Optional[str] = typer.Option(None, "--dates", metavar="ORDER",
                                        help="Numeric dates of the log: auto, iso, day-first or month-first."),
    lang: Optional[Language] = typer.Option(None, "--lang", help=LANG_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the report to FILE instead of standard output."),
    alarm: Optional[int] = typer.Option(None, "--alarm", metavar="DAYS", min=0, max=3650,
                                        help="With --format ics: an alarm DAYS days before each due date."),
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Load the rules again instead of reusing the model kept for unchanged files."),
    watch: bool = typer.Option(False, "--watch", help="Check again each time the rules, a log or the text change."),
) -> None:
    """Evaluate event logs against conventions: breaches, upcoming duties, and why.

    Exit 0 no breach, 1 breaches, 2 invalid input (for a portfolio: the worst of its conventions)."""
    if watch:
        from clauses.watch import rerun, watch_loop

        raise typer.Exit(watch_loop([rules, *(log or [])], rerun(ctx, check), lambda line: typer.echo(line, err=True)))
    _check_or_agenda(rules, log or [], as_of, horizon, explain, format.value, output, alarm,
                     lang.value if lang else None, mapping, dates, not no_cache)


@app.command()
def agenda(
    rules: Path = typer.Argument(..., help="A clause file, a folder of them, or a portfolio manifest."),
    log: Optional[list[Path]] = typer.Argument(None, help="One or more event logs of the clause file."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="As of this date (YYYY-MM-DD; default today)."),
    horizon: str = typer.Option("60d", "--horizon", help="Duties due within this horizon are 'upcoming'."),
    alarm: Optional[int] = typer.Option(None, "--alarm", metavar="DAYS", min=0, max=3650,
                                        help="An alarm DAYS days before each due date."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                          help="Write the calendar to FILE (.ics) instead of standard output."),
    lang: Optional[Language] = typer.Option(None, "--lang", help=LANG_HELP),
    mapping: Optional[Path] = typer.Option(None, "--mapping", metavar="FILE",
                                           help="How to read the log (columns, values, dates, sheet): a TOML file; "
                                                "see docs/registers.md."),
    dates: Optional[str] = typer.Option(None, "--dates", metavar="ORDER",
                                        help="Numeric dates of the log: auto, iso, day-first or month-first."),
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Load the rules again instead of reusing the model kept for unchanged files."),
) -> None:
    """The duties still to be done as an iCalendar (RFC 5545) file: one event per duty and deadline."""
    _check_or_agenda(rules, log or [], as_of, horizon, False, "ics", output, alarm, lang.value if lang else None,
                     mapping, dates, not no_cache)


def _check_or_agenda(rules: Path, logs: list[Path], as_of: Optional[str], horizon: str, explain: bool, fmt: str,
                     output: Optional[Path], alarm: Optional[int], lang: Optional[str] = None,
                     mapping: Optional[Path] = None, dates: Optional[str] = None, cache: bool = False) -> None:
    from clauses.checking import BINARY, UsageError, gather, render as render_check
    from clauses.events import register_settings
    from clauses.lint.config import ConfigError, load_config

    try:
        config = load_config()
        _configure_limits(config)
        register_settings(None, mapping, None if mapping else config, dates)  # a bad mapping: exit 2 now
    except ConfigError as err:
        _say(_reason(err))
        raise typer.Exit(2)

    day = _as_of(as_of)
    days = _horizon(horizon)
    if alarm is not None and fmt != "ics":
        raise typer.BadParameter(tr("--alarm works with --format ics (or `clauses agenda`)"), param_hint="--alarm")
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise typer.BadParameter(tr("a workbook is not for a terminal: write it to a file with -o FILE.xlsx"),
                                 param_hint="--format")

    def parse_horizon(text: str) -> int:
        try:
            return _horizon(text)
        except typer.BadParameter as err:
            raise ValueError(err.message)

    try:
        gathered = gather(rules, logs, day, days, parse_horizon,   # text: what it does not list only counted
                          register=(mapping, dates, None if mapping else config), cache=cache,
                          summarised=fmt == "text" and not explain)
    except UsageError as err:
        _say(_reason(err))
        raise typer.Exit(2)
    if gathered.single and gathered.outcomes[0].report is None:
        outcome = gathered.outcomes[0]
        if outcome.unusable_log is not None:  # nothing was read: no report computed against zero events
            for diag in outcome.errors:
                _diagnostic(diag)
            _say(tr("the event log {log} cannot be used: nothing was checked", log=str(outcome.unusable_log)))
            raise typer.Exit(2)
        for diag in outcome.errors:
            _diagnostic(diag, outcome.loaded.source if outcome.loaded else None)
        _say(tr("{rules} has errors: fix them first (`clauses lint {rules}`)", rules=str(rules)))
        raise typer.Exit(2)
    if not gathered.single and fmt != "text":
        for diag in gathered.problems:
            _diagnostic(diag)
        for outcome in gathered.outcomes:
            if outcome.report is None and outcome.unusable_log is not None:
                _say(tr("the event log {log} cannot be used: {rules} not checked", log=str(outcome.unusable_log),
                        rules=str(outcome.entry.rules)))
            elif outcome.report is None:
                _say(tr("{rules} has errors: not checked", rules=str(outcome.entry.rules)))
    rendered = render_check(fmt, gathered, explain=explain, alarm_days=alarm, lang=lang)
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    if output is not None:
        try:
            output.write_bytes(data)
        except OSError as err:
            _say(tr("cannot write {path}: {reason}", path=str(output), reason=err.strerror or str(err)))
            raise typer.Exit(2)
    elif fmt in BINARY:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        typer.echo(rendered, nl=False)
    raise typer.Exit(gathered.exit_code)


@app.command()
def report(
    rules: Path = typer.Argument(..., help="The convention's clause file; or a folder of them, or a portfolio "
                                           "manifest (portfolio.yaml), each naming its own logs."),
    log: Optional[list[Path]] = typer.Argument(None, help="Its event logs, one or more: .csv, .jsonl, .yaml, .xlsx, .ods or .xls."),
    output: Path = typer.Option(..., "--output", "-o", metavar="FILE", help="The HTML file to write (e.g. dossier.html)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Evaluate as of this date (YYYY-MM-DD; default today)."),
    horizon: str = typer.Option("60d", "--horizon", help="Duties due within this horizon are 'upcoming' (90d, 2w, 3m)."),
    lang: Optional[Language] = typer.Option(None, "--lang", help=LANG_HELP),
    mapping: Optional[Path] = typer.Option(None, "--mapping", metavar="FILE",
                                           help="How to read the log (columns, values, dates, sheet): a TOML file; "
                                                "see docs/registers.md."),
    dates: Optional[str] = typer.Option(None, "--dates", metavar="ORDER",
                                        help="Numeric dates of the log: auto, iso, day-first or month-first."),
    no_cache: bool = typer.Option(False, "--no-cache",
                                  help="Load the rules again instead of reusing the model kept for unchanged files."),
) -> None:
    """Write the dossier: one self-contained HTML file (summary, timeline, verdicts beside their articles, graph).

    Exit as `check`: 0 no breach, 1 breaches, 2 invalid input."""
    _check_or_agenda(rules, log or [], as_of, horizon, False, "html", output, None, lang.value if lang else None,
                     mapping, dates, not no_cache)


def _load_or_exit(path: Path, *, unreadable: int, invalid: int):
    """The model of a clause file, or its errors on stderr and the exit code given."""
    from clauses.language.load import load

    result = load(path)
    if result.convention is None or not result.ok:
        for diag in result.diagnostics:
            if diag.severity.value == "error":
                _diagnostic(diag, result.source)
        raise typer.Exit(unreadable if any(d.code.startswith("F") for d in result.diagnostics) else invalid)
    return result.convention


@app.command("parse")
def parse_command(path: Path = typer.Argument(..., help="One clause file.")) -> None:
    """Print the model of a clause file as JSON (what golden tests pin)."""
    typer.echo(_load_or_exit(path, unreadable=2, invalid=1).model_dump_json(indent=2))


class TestFormat(str, Enum):
    text = "text"
    junit = "junit"


@app.command("test")
def test_command(
    paths: list[Path] = typer.Argument(None, help="Scenario files, or folders searched for *.scenario.yaml "
                                                  "(default: scenarios/)."),
    format: TestFormat = typer.Option(TestFormat.text, "--format", "-f", help="text, or junit (XML)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    lang: Optional[Language] = typer.Option(None, "--lang", help="Language of the report: en or fr (default: the "
                                                                 "`langue` of the rules files, else the locale)."),
) -> None:
    """Run the scenarios rule authors wrote: expected (and forbidden) findings of `clauses check`."""
    from clauses.diagnostics import SEVERITY_WORDS, has_errors
    from clauses.i18n import localized
    from clauses.scenario import discover, load_scenarios, render_junit, render_outcome, report_language, run, tally

    files, missing = discover(paths or [Path("scenarios")])
    for message in missing:
        _say(message)
    if missing or not files:
        if not files and not missing:
            _say(tr("no *.scenario.yaml file found"))
        raise typer.Exit(2)
    cache: dict = {}
    results = []
    for path in files:
        scenarios, problems = load_scenarios(path)
        results.append((path, [run(s, cache) for s in scenarios], problems))
    language = report_language(lang.value if lang else None, [o for _, outcomes, _ in results for o in outcomes])
    lines: list[str] = []
    for path, outcomes, problems in results:
        lines += [f"{d.location}: {localized(SEVERITY_WORDS[d.severity], language)}[{d.code}]: "
                  f"{localized(d.message, language)}" + (f" ({localized(d.hint, language)})" if d.hint else "")
                  for d in problems]
        # each scenario in its rules file's language (as lint reports each file), --lang for all of them
        lines += [render_outcome(o, language if lang else o.language or language) for o in outcomes]
    passed = sum(o.passed for _, outcomes, _ in results for o in outcomes)
    failed = sum(not o.passed for _, outcomes, _ in results for o in outcomes)
    invalid = any(has_errors(problems) for _, _, problems in results)
    if format is TestFormat.junit:
        text = render_junit(results, language)
    else:
        text = "\n".join(lines + ["", tally(passed, failed, language)]) + "\n"
    if output is not None:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)
    raise typer.Exit(2 if invalid else 1 if failed else 0)


class GraphFormat(str, Enum):
    dot = "dot"
    svg = "svg"
    mermaid = "mermaid"
    json = "json"


@app.command()
def graph(
    path: Path = typer.Argument(..., help="One clause file."),
    format: GraphFormat = typer.Option(GraphFormat.mermaid, "--format", "-f",
                                       help="dot (Graphviz, clustered and coloured), svg (drawn by Graphviz), "
                                            "mermaid (the same drawing for Markdown/GitHub) or json (node-link)."),
    party: Optional[str] = typer.Option(None, "--party", help="Only the clauses this party bears or is owed."),
    clause: Optional[str] = typer.Option(None, "--clause", help="Only this clause and what it links to."),
    article: Optional[str] = typer.Option(None, "--article", help="Only the clauses citing this article."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE."),
    lang: Optional[Language] = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Render the graph of parties, clauses, events and articles of a convention."""
    from clauses.graph import build_graph, to_json
    from clauses.output import graphview
    from clauses.output.catalogue import choose_language

    conv = _load_or_exit(path, unreadable=2, invalid=2)
    g = build_graph(conv)
    try:
        keep = graphview.focus(g, party=party, clause=clause, article=article)
    except KeyError as err:
        _say(tr("{problem} in {path}", problem=err.args[0], path=str(path)))
        raise typer.Exit(2)
    language = choose_language(lang.value if lang else None, conv.language)
    if format in (GraphFormat.dot, GraphFormat.svg):
        text = graphview.to_dot(g, keep, language)
        if format is GraphFormat.svg:
            try:
                text = graphview.to_svg(text)
            except graphview.GraphvizMissing as err:
                _say(_reason(err))
                raise typer.Exit(2)
    elif format is GraphFormat.mermaid:
        text = graphview.to_mermaid(g, keep, language)
    else:
        text = to_json(g.subgraph(keep).copy() if len(keep) < len(g) else g)
    _write_or_echo(text, output)


class SchemaKind(str, Enum):
    model = "model"
    events = "events"
    check = "check"


@app.command()
def schema(kind: SchemaKind = typer.Argument(SchemaKind.model, help="`model` (clause files), `events` (log rows) or `check` (the JSON of `check`).")) -> None:
    """Print a JSON schema: of the convention model, or of one event-log row."""
    import json   # here: --help and the other commands do not import it

    if kind is SchemaKind.model:
        from clauses.language.model import convention_schema

        typer.echo(json.dumps(convention_schema(), ensure_ascii=False, indent=2))
    elif kind is SchemaKind.events:
        from clauses.events import event_log_schema

        typer.echo(json.dumps(event_log_schema(), ensure_ascii=False, indent=2))
    else:
        from clauses.output.report import check_output_schema

        typer.echo(json.dumps(check_output_schema(), ensure_ascii=False, indent=2))


@app.command("fmt")
def fmt_command(
    paths: Optional[list[Path]] = typer.Argument(
        None, help="Clause files or folders (default: `paths` of tool.clauses); `-` reads standard input."),
    check: bool = typer.Option(False, "--check", help="Change nothing; exit 1 with a diff if a file is not formatted."),
    diff: bool = typer.Option(False, "--diff", help="Print the changes as a diff instead of writing them."),
    lang: Optional[Language] = typer.Option(None, "--lang", help=LANG_HELP),
) -> None:
    """Lay clause files out in the one canonical layout; comments, readings and order are kept.

    Exit 0 formatted (or nothing to do), 1 with --check/--diff when a file would change,
    2 a file that cannot be read or parsed (left as it is).
    """
    from clauses.language.fmt import FormatError, format_file, format_text, terminal_safe
    from clauses.language.loaded import discover, is_instance
    from clauses.lint.config import ConfigError, load_config

    language = run_language()   # --lang, else the langue of the first clause file named, else the locale
    if paths and [str(p) for p in paths] == ["-"]:
        text = sys.stdin.read()
        try:
            typer.echo(format_text(text, "<stdin>"), nl=False)
        except FormatError as err:
            for diag in err.diagnostics:
                _diagnostic(diag)
            _say(_reason(err), language, safe=terminal_safe)
            raise typer.Exit(2)
        raise typer.Exit(0)
    if not paths:
        try:
            paths = list(load_config(None).paths)
        except ConfigError as err:
            _say(_reason(err), language)
            raise typer.Exit(2)
        if not paths:
            _say(tr("no paths given: name files or folders, or set `paths` in [tool.clauses]"), language)
            raise typer.Exit(2)
    files, missing = discover(paths)
    named = {str(p) for p in paths}
    for path in files:   # an instance is YAML that names a template: nothing of it to lay out
        if is_instance(path) and str(path) in named:
            _say(tr("{path}: an instance (YAML) is left as it is: fmt lays out clause files", path=str(path)),
                 language, safe=terminal_safe)
    files = [p for p in files if not is_instance(p)]
    for message in missing:
        _say(message, language, safe=terminal_safe)
    if missing or not files:
        if not files and not missing:
            _say(tr("no *.clauses file found in the paths given"), language)
        raise typer.Exit(2)
    changed = failed = 0
    for path in files:
        outcome = format_file(path, write=not (check or diff))
        if outcome.error:
            failed += 1
            for diag in outcome.diagnostics:
                _diagnostic(diag)
            _say(outcome.error, language, safe=terminal_safe)
            continue
        if outcome.changed:
            changed += 1
            if check or diff:
                typer.echo(outcome.diff, nl=False)
            if check:
                typer.echo(terminal_safe(tr("would reformat {path}", path=outcome.path).localized(language)), err=True)
    unchanged = len(files) - changed - failed
    if check or diff:
        summary = tr("{changed}, {unchanged}", changed=trn("{n} file would be reformatted",
                                                          "{n} files would be reformatted", changed),
                     unchanged=trn("{n} already formatted", "{n} already formatted", unchanged))
    else:
        summary = tr("{changed}, {unchanged}", changed=trn("{n} file reformatted", "{n} files reformatted", changed),
                     unchanged=trn("{n} left unchanged", "{n} left unchanged", unchanged))
    typer.echo(summary.localized(language)
               + (trn(", {n} not formatted (errors)", ", {n} not formatted (errors)", failed).localized(language)
                  if failed else ""),
               err=True)
    raise typer.Exit(2 if failed else 1 if changed and (check or diff) else 0)


@app.command("lsp")
def lsp_command() -> None:
    """Run the language server over standard input and output (for editors: VS Code, Neovim, Emacs...)."""
    try:
        from clauses.lsp.server import main as serve
    except ImportError as err:  # pygls is a dependency; an incomplete install says so in one line
        _say(tr("the language server needs pygls: {reason}", reason=str(err)))
        raise typer.Exit(2)
    serve()


def _arguments_language(argv: Optional[list[str]]) -> str:
    """The language of the command line ``argv`` (default ``sys.argv``), chosen as the app chooses it."""
    from clauses.output.clihelp import help_language

    return help_language(list(sys.argv[1:] if argv is None else argv))


def main(argv: Optional[list[str]] = None) -> None:
    """Entry point: run the app; turn any unexpected error into one line and exit 3."""
    from clauses.gcpause import hold, release

    hold()   # no collector passes while the command's modules are imported (released by _root, gather, or here)
    try:
        app(args=argv, prog_name="clauses")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write(tr("clauses: interrupted").localized(_arguments_language(argv)) + "\n")
        sys.exit(130)
    except Exception as err:  # never a traceback for users
        lang = _arguments_language(argv)
        sys.stderr.write(tr("clauses: internal error: {kind}: {reason}", kind=type(err).__name__,
                            reason=str(err)).localized(lang) + "\n"
                         + tr("clauses: please report this with the input that caused it").localized(lang) + "\n")
        sys.exit(3)
    finally:
        release()


if __name__ == "__main__":  # pragma: no cover
    main()
