"""ARCHITECTURE.md names every module of the package (issue 14 item 6).

A module is named by its path under ``src/clauses/`` in backticks
(``output/terminal.py``); a module added without its line in the document fails
here, with the line to add.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "clauses"


def _named() -> set[str]:
    return set(re.findall(r"`([\w/]+\.(?:py|lark))`", (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")))


def test_every_module_is_named_in_architecture_md() -> None:
    modules = sorted(p.relative_to(PACKAGE).as_posix() for p in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.lark")]
                     if "__pycache__" not in p.parts)
    assert len(modules) > 50
    absent = [m for m in modules if m not in _named()]
    assert not absent, ("modules not named in ARCHITECTURE.md (add one line each under 'Every module'):\n"
                        + "\n".join(f"- `{m}` — …" for m in absent))


def test_architecture_md_lists_no_module_that_does_not_exist() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    listed = re.findall(r"^- `([\w/]+\.(?:py|lark))` — ", text, flags=re.M)
    assert len(listed) > 50
    stale = sorted(m for m in listed if not (PACKAGE / m).exists())
    assert not stale, f"ARCHITECTURE.md lists modules that do not exist: {stale}"
