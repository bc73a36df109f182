"""Shared test helpers: repository paths and golden-file comparison."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CLAUSES_UPDATE_GOLDEN") == "1"


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
