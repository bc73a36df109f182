"""JSON Lines registers: one event object per line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from functools import partial

from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.events.model import Event
from clauses.events.plainrow import plain_values
from clauses.events.records import _Builder, _Field, _kind, _Nested, _Record, Remake, merged
from clauses.events.settings import DEFAULT_SETTINGS, RegisterSettings
from clauses.events.text import _decode, _file_span, _normalise_newlines, _read_bytes
from clauses.language.source import Span


#: lines read by the fast path (``plainrow``'s rule) before the exact one; False in the differential test only
PLAIN = True


class _JsonObject(dict):
    duplicates: list[str]
    written: dict[str, str]


def _json_pairs(pairs: list[tuple[str, Any]], builder: _Builder) -> _JsonObject:
    obj = _JsonObject()
    obj.duplicates = []
    obj.written = {}
    for key, value in pairs:
        name = builder.key(key) if isinstance(key, str) else key
        if name in obj:
            obj.duplicates.append(name)
            continue
        obj[name] = value
        obj.written[name] = key
    return obj


def _key_span(shown: str, line_no: int, line: str, key: str, fallback: Span) -> Span:
    for candidate in (json.dumps(key, ensure_ascii=False), json.dumps(key)):
        at = line.find(candidate)
        if at >= 0:
            return Span(shown, line_no, at + 1, line_no, at + 1 + len(candidate))
    at = line.lower().find(f'"{key.lower()}"')
    if at >= 0:
        return Span(shown, line_no, at + 1, line_no, at + 3 + len(key))
    return fallback


def _read_jsonl(p: Path, shown: str, diags: list[Diagnostic],
                settings: RegisterSettings = DEFAULT_SETTINGS) -> list:
    builder = _Builder(shown, table=False, diags=diags, settings=settings)
    hook = partial(_json_pairs, builder=builder)
    raw = _read_bytes(p, shown, diags, limits=settings.bounds)
    text = None if raw is None else _decode(raw, shown, diags, by_line=True)
    if text is None:
        return []
    lines = _normalise_newlines(text).split("\n")
    records = 0
    fast: list[Event] = []
    keys: dict[str, str] = {}

    def again(line_no: int) -> _Record | None:   # the record of a line read fast, if a span is asked for
        return _jsonl_record(shown, line_no, lines[line_no - 1], builder, hook, [])

    remake = Remake(again)
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        records += 1
        event = _plain_line(builder, keys, line_no, line) if PLAIN else None   # most lines: nothing to report
        if event is not None:
            fast.append(event)
            continue
        rec = _jsonl_record(shown, line_no, line, builder, hook, diags)
        if rec is not None:
            builder.build(rec)
    if records == 0:
        diags.append(Diagnostic.of("E008", tr("event log {path} is empty", path=shown), _file_span(shown)))
    return merged(fast, remake, builder.finish())


class _Object(list):
    """A JSON object as the (key, value) pairs it was written with (duplicates are looked for later)."""

    __slots__ = ()


#: what ``json.loads(line, object_pairs_hook=_Object)`` does, without a decoder made for each line
_PAIRS = json.JSONDecoder(object_pairs_hook=_Object)


def _plain_line(builder: _Builder, keys: dict[str, str], line_no: int, line: str) -> Event | None:
    """The event of a line that has nothing to report (``plainrow``'s rule), or None: read it the exact way.

    Before the log's date order is known, only dates that read the same in every order are read here."""
    try:
        pairs = _PAIRS.decode(line)
    except (RecursionError, ValueError):
        return None
    if type(pairs) is not _Object:
        return None
    values: dict[str, Any] = {}
    for key, value in pairs:
        name = keys.get(key)
        if name is None:
            name = keys[key] = builder.key(key)
        if name in values:
            return None
        values[name] = value
    return plain_values(builder, line_no, values)


def _jsonl_record(shown: str, line_no: int, line: str, builder: _Builder, hook: Any,
                  diags: list[Diagnostic]) -> _Record | None:
    """The exact reader's record of a line (None: not an object, reported)."""
    rspan = Span(shown, line_no, 1, line_no, len(line) + 1)
    try:
        obj = json.loads(line, object_pairs_hook=hook)
    except json.JSONDecodeError as exc:
        hint = None
        if line.strip() in ("[", "]"):
            hint = tr("JSON Lines has one event object per line, not a JSON array")
        diags.append(Diagnostic.of(
            "E010", tr("line {line} is not valid JSON: {error}", line=line_no, error=exc.msg),
            _file_span(shown, line_no, exc.colno), hint))
        return None
    except (RecursionError, ValueError) as exc:
        diags.append(Diagnostic.of("E010", tr("line {line} cannot be read as JSON: {error}", line=line_no,
                                              error=str(exc)), rspan))
        return None
    if not isinstance(obj, dict):
        diags.append(Diagnostic.of(
            "E010", tr("line {line} is {kind}, not an event object", line=line_no, kind=_json_kind(obj)),
            rspan, tr('write one object per line: {example}', example='{"date": "2023-03-14", "event": "..."}')))
        return None
    rec = _Record(line_no, rspan)
    where = partial(_key_span, shown, line_no, line, fallback=rspan)
    for key, value in obj.items():
        if isinstance(value, list):
            value = [_Nested(_kind(v)) if isinstance(v, (list, dict)) else v for v in value]
        elif isinstance(value, dict):
            value = _Nested("mapping")
        written = obj.written.get(key, key)
        rec.fields[key] = _Field(value, None, where, written)
    for key in getattr(obj, "duplicates", []):
        rec.bad = True
        diags.append(Diagnostic.of("E010", tr("field `{key}` appears twice on line {line}", key=key, line=line_no),
                                   _key_span(shown, line_no, line, key, rspan)))
    return rec


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return tr("a JSON array")
    if isinstance(value, str):
        return tr("a JSON string")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return tr("a JSON boolean")
    return tr("a JSON number")

