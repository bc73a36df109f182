"""JSON Lines registers: one event object per line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from functools import partial

from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.events.records import _Builder, _Field, _kind, _Nested, _Record
from clauses.events.settings import DEFAULT_SETTINGS, RegisterSettings
from clauses.events.text import _decode, _file_span, _normalise_newlines, _read_bytes
from clauses.language.source import Span


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
    records = 0
    for line_no, line in enumerate(_normalise_newlines(text).split("\n"), 1):
        if not line.strip():
            continue
        records += 1
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
            continue
        except (RecursionError, ValueError) as exc:
            diags.append(Diagnostic.of("E010", tr("line {line} cannot be read as JSON: {error}", line=line_no,
                                                  error=str(exc)), rspan))
            continue
        if not isinstance(obj, dict):
            diags.append(Diagnostic.of(
                "E010", tr("line {line} is {kind}, not an event object", line=line_no, kind=_json_kind(obj)),
                rspan, tr('write one object per line: {example}', example='{"date": "2023-03-14", "event": "..."}')))
            continue
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
        builder.build(rec)
    if records == 0:
        diags.append(Diagnostic.of("E008", tr("event log {path} is empty", path=shown), _file_span(shown)))
    return builder.finish()


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

