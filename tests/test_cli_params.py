"""Command-line values coerced directly (clauses.output.cliparams) give what typer's own pydantic
adapters give: the same value for every accepted input, the same message for every refused one,
on every parameter of every command; and a run of a command builds no adapter (no pydantic)."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer.main
from typer import _coercion, core

from clauses.cli import app
from clauses.output.cliparams import install

ROOT = Path(__file__).resolve().parent.parent


def _parameters() -> list[tuple[Any, core._TyperParameter]]:
    install()
    group = typer.main.get_command(app)
    found = []
    commands = [group]
    while commands:
        command = commands.pop()
        commands.extend(getattr(command, "commands", {}).values())
        found += [(command, p) for p in command.params if isinstance(p, core._TyperParameter)]
    return found


def _samples(annotation: Any, tmp: Path) -> list[Any]:
    """Values a user may type for ``annotation``, accepted and refused ones."""
    existing, missing = str(tmp / "there.clauses"), str(tmp / "nowhere" / "x.clauses")
    if get_origin(annotation) is list:
        item = get_args(annotation)[0]
        singles = _samples(item, tmp)
        return [[singles[0]], singles[:2], (singles[0],), singles[0]]
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [m.value for m in annotation]
        return values + [values[0].upper(), "bogus", "", 3]
    if annotation is Path:
        return [existing, missing, str(tmp), "", "-", "relative/file.csv", 7]
    if annotation is str:
        return ["2022-03-01", "", "é ü", b"bytes", 5]
    if annotation is int:
        return ["5", "-1", "99999", "x", 3]
    if annotation is bool:
        return [True, False, "yes", "0", "maybe"]
    return ["text"]


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as err:   # typer's own click raises its BadParameter
        return type(err).__name__, getattr(err, "format_message", err.__str__)()


def test_direct_coercion_matches_typers_adapters_on_every_parameter(tmp_path):
    (tmp_path / "there.clauses").write_text("langue fr.\n", encoding="utf-8")
    checked = set()
    for command, param in _parameters():
        ctx = core._click.Context(command)
        direct = param.get_runtime_param()
        assert type(direct).__name__ == "DirectParam"
        reference = _coercion.build_runtime_param(param.type_descriptor)
        for value in [None, *_samples(param.type_descriptor.annotation, tmp_path)]:
            assert _outcome(direct, value, param, ctx) == _outcome(reference, value, param, ctx), \
                (command.name, param.name, value)
        checked.add(repr(param.type_descriptor.annotation))
    # the CLI's kinds of parameter are all covered: text, paths, lists of paths, choices, numbers, flags
    assert {"<class 'str'>", "<class 'pathlib.Path'>", "list[pathlib.Path]", "<class 'int'>",
            "<class 'bool'>"} <= checked
    assert any(name.startswith("<enum ") for name in checked)


def test_a_cached_check_imports_neither_pydantic_for_its_options_nor_lark(tmp_path):
    """`clauses lint` served from the cache: neither the parser (Lark) nor pydantic is imported."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    rules = ROOT / "rules" / "000_pisco_manosque.clauses"
    probe = ("import sys, runpy\n"
             "sys.argv = ['clauses', 'lint', %r, '--format', 'concise']\n"
             "try:\n    runpy.run_module('clauses', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in ('lark', 'pydantic', 'clauses.language.model') if m in sys.modules))\n") % str(rules)
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert first.stdout.strip().splitlines()[-1] != "[]"          # linted: the parser and the model were needed
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert second.stdout.strip().splitlines()[-1] == "[]", second.stderr
