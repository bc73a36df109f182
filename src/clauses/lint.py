"""``clauses lint``: the pipeline plus the consistency checks, for one file.

The consistency checks run only on a file the pipeline accepted (no syntax,
name or value errors): checking the consistency of a file that does not parse
would only restate its errors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .checks import run_checks
from .diagnostics import Diagnostic, has_errors
from .load import Loaded, load


@dataclass(frozen=True)
class LintResult:
    loaded: Loaded
    diagnostics: tuple[Diagnostic, ...]

    @property
    def path(self) -> str:
        return self.loaded.path


def lint_file(path: str | Path) -> LintResult:
    loaded = load(path)
    found = list(loaded.diagnostics)
    if loaded.convention is not None and not has_errors(found):
        found += run_checks(loaded.convention, loaded.text, loaded.source)
    found.sort(key=Diagnostic.sort_key)
    return LintResult(replace(loaded), tuple(found))
