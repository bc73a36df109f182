"""Reading a register and evaluating it leave no cyclic garbage (issue 12): `clauses check` of one rules
file runs with the cyclic collector paused (clauses.gcpause), so anything caught in a cycle stays until the
command ends. A bound method kept in the CSV reader's converters once held the register's bytes that way:
115 MB for a register of 1M rows, for the whole check."""

from __future__ import annotations

import datetime as dt
import gc
import json
import sys
from pathlib import Path

import pytest

from clauses.cache import RulesCache, load_cached
from clauses.evaluation import evaluate_counting
from clauses.events import read_events
from clauses.files import limits

ROOT = Path(__file__).resolve().parent.parent


def _garbage(work) -> list:
    """The objects ``work()`` left in cycles (none expected), run once before (the imports and caches of a
    first run make cycles of their own: classes, modules)."""
    work()
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = work()
        gc.collect()
        found = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was:
            gc.enable()
    del result
    return found


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    out = tmp_path_factory.mktemp("cycles") / "portfolio"
    generate.generate(out, conventions=2, events=400, master=0, formats=("csv", "jsonl"),
                      seeds=("000_pisco_manosque", "004_groupement_mons_en_baroeul"))
    return out


@pytest.mark.parametrize("fmt, columnar", [("csv", "1"), ("csv", "0"), ("jsonl", "")])
def test_a_register_read_and_evaluated_leaves_no_cycle(generated: Path, fmt: str, columnar: str,
                                                       monkeypatch) -> None:
    monkeypatch.setenv("CLAUSES_COLUMNAR", columnar)   # CSV: pyarrow's column by column, or the exact reader
    for entry in json.loads((generated / "manifest.json").read_text(encoding="utf-8"))["entries"]:
        conv = load_cached(generated / entry["rules"], RulesCache.open(("rules", limits()))).convention
        log = generated / entry["logs"][fmt]
        assert _garbage(lambda: read_events(log)) == [], log
        events, _ = read_events(log)
        as_of = dt.date.fromisoformat(entry["as_of"])
        assert _garbage(lambda: evaluate_counting(conv, events, as_of, 60)) == [], entry["rules"]


@pytest.mark.parametrize("columnar", ["1", "0"])
def test_the_example_registers_read_leave_no_cycle(columnar: str, monkeypatch) -> None:
    """Every register of the examples, each format and reader (columnar or exact, bad rows too)."""
    monkeypatch.setenv("CLAUSES_COLUMNAR", columnar)
    logs = [p for p in sorted((ROOT / "examples").rglob("*")) if p.suffix in (".csv", ".jsonl", ".xlsx")]
    assert len(logs) > 10
    for log in logs:
        assert _garbage(lambda: read_events(log)) == [], log
