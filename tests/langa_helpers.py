"""Helpers of the langA tests: a convention from text, a log from CSV rows, findings as of a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clauses.evaluation import evaluate
from clauses.events import read_events
from clauses.language.load import load_source
from clauses.language.source import SourceText

D = dt.date.fromisoformat
HEADER = "date,event,by,to,subject,via,id,ref,montant,lieu,received\n"


def convention(text: str, path: str = "t.clauses"):
    loaded = load_source(SourceText(path, text))
    errors = [f"{d.span}: {d.code} {d.message}" for d in loaded.diagnostics if d.severity.value == "error"]
    assert not errors, errors
    return loaded.convention


def diagnostics(text: str) -> list:
    return list(load_source(SourceText("t.clauses", text)).diagnostics)


def findings(conv, tmp_path: Path, rows: str, as_of: str, header: str = HEADER):
    log = tmp_path / "log.csv"
    log.write_text(header + rows, encoding="utf-8")
    events, problems = read_events(log)
    assert [p for p in problems if p.severity.value == "error"] == []
    return evaluate(conv, events, D(as_of), 60)[0]


def of(found, clause: str, **where):
    """The findings of one clause, filtered by attributes (``due="2024-04-02"``, ``acted=...`` for an act, ``status=...``)."""
    out = [f for f in found if f.clause == clause]
    for key, value in where.items():
        value = D(value) if key in ("due", "acted") and isinstance(value, str) else value
        out = [f for f in out if getattr(f, key) == value]
    return out
