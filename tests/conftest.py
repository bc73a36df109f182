"""Shared test helpers: repository paths and golden-file comparison."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CLAUSES_UPDATE_GOLDEN") == "1"

# Property tests draw at random during development; in CI they run a fixed set of examples,
# so that a red build always means a change, never a lucky draw.
from hypothesis import settings as _settings  # noqa: E402

_settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    _settings.load_profile("ci")


def assert_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; CLAUSES_UPDATE_GOLDEN=1 rewrites it (review the diff!)."""
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            raise AssertionError(f"golden file {path} did not exist and was written: review and commit it")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs from its golden file (CLAUSES_UPDATE_GOLDEN=1 to accept)"


def dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def loaded_convention(rules: Path):
    """The model of a rules file that must load without error."""
    from clauses.language.load import load

    loaded = load(rules)
    assert loaded.ok, [d.message for d in loaded.diagnostics]
    return loaded.convention


def check_cli(rules: Path, log: Path, as_of: str, *extra: str):
    """`clauses check` run in-process, with paths relative to the repository as a user types them."""
    from typer.testing import CliRunner

    from clauses.cli import app

    shown = str(log.relative_to(ROOT)) if log.is_absolute() and log.is_relative_to(ROOT) else str(log)
    lang = [] if "--lang" in extra else ["--lang", "en"]  # the golden outputs are the English ones
    return CliRunner().invoke(app, ["check", str(rules.relative_to(ROOT)), shown, "--as-of", as_of, *lang, *extra])


def when(finding):
    """The date a test files a finding under: the act's date for an act (a power exercised, a
    prohibited act, a decision: ``acted``), else its due date. ``due`` of an act is its latest
    permissible date (issue 9 item 1), asserted by the tests that pin it."""
    return finding.acted or finding.due
