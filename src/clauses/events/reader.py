"""Choosing the reader by extension; duplicates; the entry points."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.events.csv import _read_csv
from clauses.events.jsonl import _read_jsonl
from clauses.events.model import Event, in_key_order
from clauses.events.records import _Builder, record_of
from clauses.events.settings import DEFAULT_SETTINGS, RegisterSettings
from clauses.events.text import _file_span
from clauses.events.validate import check_refs
from clauses.gcpause import paused

#: Supported extensions and the format each selects.
EXTENSIONS: dict[str, str] = {
    ".csv": "CSV",
    ".jsonl": "JSON Lines",
    ".ndjson": "JSON Lines",
    ".yaml": "YAML",
    ".yml": "YAML",
    ".xlsx": "Excel",
    ".xlsm": "Excel",
    ".xls": "Excel 97-2003",
    ".ods": "OpenDocument spreadsheet",
}


def _read_yaml(*args: Any, **kwargs: Any) -> Any:
    """The YAML reader (:mod:`clauses.events.yaml`), imported with PyYAML when a YAML log is read
    (about 15 ms that a check of a CSV register does not spend)."""
    from clauses.events.yaml import _read_yaml as read

    return read(*args, **kwargs)


def _read_workbook(*args: Any, **kwargs: Any) -> Any:
    """The workbook reader (:mod:`clauses.events.workbook`, with its archive checks and XML parser),
    imported when a spreadsheet is read."""
    from clauses.events.workbook import _read_workbook as read

    return read(*args, **kwargs)


_READERS = {
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
    ".xlsx": _read_workbook,
    ".xlsm": _read_workbook,
    ".xls": _read_workbook,
    ".ods": _read_workbook,
}

_FORMAT_HINTS = {
    ".json": tr("write one JSON object per line and name the file .jsonl"),
    ".tsv": tr("export as CSV (.csv); tab-separated columns are accepted in a .csv file"),
    ".txt": tr("export the register as CSV (.csv)"),
    ".numbers": tr("export the spreadsheet as .xlsx or CSV"),
}

#: codes meaning that no row of the log could be read: the log is unusable, nothing is checked
UNUSABLE = ("E001", "E007", "E009")


def log_unusable(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when the log could not be read at all (missing, refused, not a register, no header)."""
    return any(d.code in UNUSABLE for d in diagnostics)


def events_from_yaml(items: list[Any], shown: str,
                     settings: RegisterSettings = DEFAULT_SETTINGS) -> tuple[list[Event], list[Diagnostic]]:
    """Events written inline in another YAML document (a scenario file), with their own lines."""
    from clauses.events.yaml import _yaml_records

    diags: list[Diagnostic] = []
    builder = _Builder(shown, table=False, diags=diags, settings=settings)
    _yaml_records(items, shown, builder, diags)
    events = _finish(builder.finish(), builder, diags)
    return events, diags


@paused()
def read_events(path: str | os.PathLike[str],
                settings: RegisterSettings | None = None) -> tuple[list[Event], list[Diagnostic]]:
    """Read an event log; return its good events (sorted by key) and all diagnostics.

    Never raises for bad input: unreadable files, bad rows and bad values all
    come back as diagnostics, and every good row is returned. ``settings``: how
    to read it (column and value mapping, date order, sheet, limits).
    """
    settings = settings or DEFAULT_SETTINGS
    shown = os.fspath(path)
    p = Path(shown)
    extension = p.suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        supported = ", ".join(EXTENSIONS)
        kind = f"`{extension}`" if extension else tr("a file without extension")
        return [], [Diagnostic.of(
            "E009", tr("unsupported event log format {what} ({path}): use one of {supported}", what=kind, path=shown,
                       supported=supported),
            _file_span(shown),
            _FORMAT_HINTS.get(extension, tr("export the register as CSV, JSON Lines, YAML or a workbook (.xlsx, "
                                            ".ods)")))]
    diags: list[Diagnostic] = []
    try:
        built = reader(p, shown, diags, settings)
    except Exception as exc:  # last resort: a reader must never take the run down
        diags.append(Diagnostic.of(
            "E001",
            tr("event log {path} cannot be read (internal error: {kind}: {error})", path=shown,
               kind=type(exc).__name__, error=str(exc)),
            _file_span(shown)))
        built = []
    events = _finish(built, _Builder(shown, True, diags, settings), diags)
    diags.sort(key=Diagnostic.sort_key)
    return events, diags


def _finish(built: Iterable[tuple[Event, Any]], builder: _Builder, diags: list[Diagnostic]) -> list[Event]:
    diags += check_refs(built, builder.field_span)
    return in_key_order(_deduplicate(built, builder, diags))


def _deduplicate(built: Iterable[tuple[Event, Any]], builder: _Builder, diags: list[Diagnostic]) -> list[Event]:
    first: dict[str, Event] = {}
    kept: list[Event] = []
    for event, rec in built:
        if event.id is None:
            kept.append(event)
            continue
        earlier = first.get(event.id)
        if earlier is None:
            first[event.id] = event
            kept.append(event)
            continue
        a, b = earlier.model_dump(mode="json"), event.model_dump(mode="json")
        if a == b:
            continue
        notes = [tr("`{key}` is {here} here and {there} on line {line}", key=k,
                    here=json.dumps(b[k], ensure_ascii=False), there=json.dumps(a[k], ensure_ascii=False),
                    line=earlier.row)
                 for k in a if a[k] != b[k]]
        diags.append(Diagnostic.of(
            "E006",
            tr("event id `{id}` is used twice with different content (first on line {line})", id=event.id,
               line=earlier.row),
            builder.field_span(record_of(event, rec), "id"), tr("give each event its own id, or remove the repeated row"), notes))
    return kept

