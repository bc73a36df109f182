"""The command line: ``clauses lint``, ``clauses check``, ``clauses parse``, ``clauses schema``.

Exit codes (ruff's convention): 0 clean, 1 findings (errors; any finding with
``--strict``; breaches for ``check``), 2 unusable invocation or unreadable
input. No command ever shows a Python traceback: an unexpected error is
reported in one line and exits 3.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Rules-as-code for partnership conventions: lint clause files, check event logs.")


class LintFormat(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clauses {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Rules-as-code for partnership conventions."""


@app.command()
def lint(
    paths: list[Path] = typer.Argument(..., help="Clause files, or folders searched for *.clauses files."),
    format: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    show_info: bool = typer.Option(False, "--show-info", help="Also show information (readings chosen by authors)."),
) -> None:
    """Parse and check clause files; report every diagnostic with file:line:col."""
    from .codes import Severity
    from .diagnostics import render
    from .load import discover, load

    files, missing = discover(paths)
    for message in missing:
        typer.echo(f"clauses: {message}", err=True)
    if missing or not files:
        if not files and not missing:
            typer.echo("clauses: no *.clauses file found in the paths given", err=True)
        raise typer.Exit(2)
    results = [load(f) for f in files]
    shown = [(r, d) for r in results for d in r.diagnostics if show_info or d.severity is not Severity.INFO]
    counts = {s: sum(1 for _, d in shown if d.severity is s) for s in Severity}
    unreadable = any(d.code == "F001" for r in results for d in r.diagnostics)
    if format is LintFormat.json:
        payload = {"version": 1, "files": [r.path for r in results],
                   "diagnostics": [d.to_json() for _, d in shown],
                   "summary": {s.value: counts[s] for s in Severity}}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for result, diag in shown:
            typer.echo(render(diag, result.source))
            typer.echo("")
        typer.echo(f"{len(results)} file{'s' if len(results) != 1 else ''} checked: "
                   f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s)"
                   + (f", {counts[Severity.INFO]} note(s)" if show_info else ""))
    if unreadable:
        raise typer.Exit(2)
    if counts[Severity.ERROR] or (strict and counts[Severity.WARNING]):
        raise typer.Exit(1)


@app.command("parse")
def parse_command(path: Path = typer.Argument(..., help="One clause file.")) -> None:
    """Print the model of a clause file as JSON (what golden tests pin)."""
    from .diagnostics import render
    from .load import load

    result = load(path)
    if result.convention is None or not result.ok:
        for diag in result.diagnostics:
            if diag.severity.value == "error":
                typer.echo(render(diag, result.source), err=True)
        raise typer.Exit(2 if any(d.code.startswith("F") for d in result.diagnostics) else 1)
    typer.echo(result.convention.model_dump_json(indent=2))


class SchemaKind(str, Enum):
    model = "model"
    events = "events"


@app.command()
def schema(kind: SchemaKind = typer.Argument(SchemaKind.model, help="`model` (clause files) or `events` (log rows).")) -> None:
    """Print a JSON schema: of the convention model, or of one event-log row."""
    if kind is SchemaKind.model:
        from .model import convention_schema

        typer.echo(json.dumps(convention_schema(), ensure_ascii=False, indent=2))
    else:
        from .events import event_log_schema

        typer.echo(json.dumps(event_log_schema(), ensure_ascii=False, indent=2))


def main(argv: Optional[list[str]] = None) -> None:
    """Entry point: run the app; turn any unexpected error into one line and exit 3."""
    try:
        app(args=argv, prog_name="clauses")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("clauses: interrupted\n")
        sys.exit(130)
    except Exception as err:  # never a traceback for users
        sys.stderr.write(f"clauses: internal error: {type(err).__name__}: {err}\n"
                         "clauses: please report this with the input that caused it\n")
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
