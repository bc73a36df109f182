"""What loading a rules file gives (:class:`Loaded`) and which files are rules files.

Kept apart from :mod:`clauses.language.load` so that the paths that never parse (lint results
and loaded conventions served from the cache, file discovery) import neither the parser (Lark)
nor the model (pydantic): the model's types are named here only for type checkers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clauses.diagnostics import Diagnostic, has_errors
from clauses.language.source import SourceText

if TYPE_CHECKING:
    from clauses.language import model as m
    from clauses.language.resolve import ConventionText

RULES_SUFFIX = ".clauses"
#: signed instances of a template (:mod:`clauses.language.instance`)
INSTANCE_SUFFIXES = (".instance.yaml", ".instance.yml")
#: a rules file encodes one convention: a few kilobytes (the seeds are under 10 KB). Far
#: larger files are not rules files, and parsing them would take time and memory for nothing.
MAX_RULES_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Comment:
    """A comment of a rules file (``# …``), where it starts: kept for the formatter and suppressions."""

    line: int
    column: int
    text: str


@dataclass(frozen=True)
class Loaded:
    path: str
    source: SourceText | None
    convention: m.Convention | None
    text: ConventionText | None
    comments: tuple[Comment, ...]
    diagnostics: tuple[Diagnostic, ...]
    #: when the file has syntax errors: the model of its sound statements (the broken ones left
    #: out), so that ``clauses lint`` still checks the rest; ``convention`` stays None
    partial: m.Convention | None = None
    dependencies: tuple[Path, ...] = ()     # langA: the template of a signed instance

    @property
    def ok(self) -> bool:
        return self.convention is not None and not has_errors(self.diagnostics)


def is_instance(path: Path) -> bool:
    return path.name.lower().endswith(INSTANCE_SUFFIXES)


def discover(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Rules files named or found under directories (sorted); missing paths as messages."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and (p.suffix == RULES_SUFFIX or p.name.lower().endswith(INSTANCE_SUFFIXES))))
        elif path.exists():
            files.append(path)
        elif path.is_symlink():  # a dangling link or a loop: say which, not "no such file"
            try:
                path.stat()
            except OSError as err:
                missing.append(f"{path}: {err.strerror or err}")
            else:  # pragma: no cover - the target appeared meanwhile
                files.append(path)
        else:
            missing.append(f"{path}: no such file or directory")
    return files, missing
