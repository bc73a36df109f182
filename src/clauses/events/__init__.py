"""Event logs: what happened under a convention, read from a register export.

Staff export their registers as CSV, JSON Lines, YAML or Excel (.xlsx); the
format is chosen by the file extension. One event per row/record, with the
fixed fields ``date`` and ``event`` (required) and ``by``, ``to``, ``subject``,
``via``, ``id``, ``ref`` (optional); any other field is kept in
:attr:`Event.attrs`.

:func:`read_events` never raises: every problem is a :class:`Diagnostic`
(codes ``E001``-``E011``), every malformed row is reported (all of them, in one
run) and every good row is returned, sorted by :meth:`Event.key`. A row with
an error is reported and not returned. :func:`validate_events` then checks the
events against the parties and event names of a clause file.

Choices where the brief was silent (kept here so users and docs can cite them):

- **Field names** are matched case-insensitively after stripping spaces
  (``Date`` is ``date``); other columns/keys are kept as written (stripped).
  The same key twice in one record (or column twice in a header) is ``E010``.
- **Text** values are stripped; an empty value means "absent" for every field
  (``E002`` for ``date``/``event``); an empty or ``null`` extra field is not
  put in ``attrs``. ``via`` is lower-cased. Party ids keep their case.
- **Several parties**: CSV/XLSX cells are split on ``;`` (empty pieces
  dropped); in JSON Lines/YAML ``by``/``to`` is a string (one party, never
  split) or a list of strings. Repeated parties are kept once, in order.
- **Typed extra values**: a CSV cell (or an XLSX *text* cell) in an extra
  column is read as a JSON scalar would be: a JSON number (``1500``,
  ``-2``, ``250.5``, ``1e3``) becomes an int/float, ``true``/``false`` a
  bool, anything else stays text -- so ``007``, ``1 500``, ``1500,50``
  (French decimal comma) and ``+33...`` stay strings. YAML is read with the
  same core schema (YAML 1.2 style: ``yes``/``no``/``on`` stay strings,
  ``2023-03-14`` is not turned into a date, ``010`` stays text). JSON values
  keep their JSON type. Excel date cells in extra columns become ISO strings.
  Lists/mappings as extra values are ``E010``.
- **id/ref** may be JSON/YAML/Excel numbers; they are turned into text
  (``17`` -> ``"17"``, Excel ``17.0`` -> ``"17"``).
- **Dates**: ``YYYY-MM-DD``, optionally followed by ``T`` (or a space) and
  ``HH:MM[:SS[.ffffff]]`` and an offset (``Z``, ``+02:00``, ``+0200``,
  ``+02``). ``date`` is the calendar date as written (not converted to UTC);
  ``time`` keeps the offset when one was written. :meth:`Event.key` sorts on
  the wall-clock time as written (offsets ignored: naive and aware times
  cannot be compared, and the conventions count in days).
- **Excel**: the sheet named ``events`` (any case) if there is one, else the
  first worksheet; the first non-empty row is the header. A date cell at
  midnight whose number format shows no hours is a date without time. Cell
  values are the cached values (``data_only``): a formula never computed by
  Excel reads as empty.
- **CSV**: the delimiter is ``,``, unless the header line has more ``;`` (the
  French Excel default) or tabs than commas. Blank lines and rows of empty
  cells are skipped silently (they are not records). A row shorter than the
  header has empty trailing cells; a non-empty value beyond the header is
  ``E010``. A quote that is never closed is ``E010`` (otherwise the rest of
  the file would silently become one field).
- **YAML**: the document is a list of mappings, or a mapping whose
  ``events`` key holds that list. A YAML syntax error is ``E001`` at the
  parser's line (nothing can be read past it); a JSON Lines syntax error is
  ``E010`` for that line only.
- **Encoding**: UTF-8 (a BOM is dropped); a UTF-16 file with a BOM is
  decoded; anything else is decoded as Windows-1252 (bytes it leaves
  undefined as Latin-1) with warning ``E011`` at the first bad byte. A file
  with NUL bytes is binary: ``E001``.
- **Duplicates**: rows with the same ``id`` and the same content (all fields
  but origin/row) are kept once, silently; the same ``id`` with different
  content is ``E006`` on the later row, and that row is not returned.
- **Spans**: line = the record's first physical line (CSV/JSONL/YAML) or the
  row (XLSX); column = the offending cell/key when it starts on that line
  (always the cell's column index for XLSX), else the record's start.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import difflib
import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml
from pydantic import BaseModel, ConfigDict, Field

from clauses.diagnostics import Diagnostic, shorten
from clauses.language.source import Span
from clauses.i18n import tr

__all__ = [
    "Event",
    "EXTENSIONS",
    "FIELDS",
    "REQUIRED_FIELDS",
    "event_log_schema",
    "parse_when",
    "read_events",
    "validate_events",
]

AttrValue = str | int | float | bool | None

FIELDS: tuple[str, ...] = ("date", "event", "by", "to", "subject", "via", "id", "ref")
REQUIRED_FIELDS: tuple[str, ...] = ("date", "event")
_TEXT_FIELDS = ("event", "subject", "via", "id", "ref")
_PARTY_FIELDS = ("by", "to")

#: Supported extensions and the format each selects.
EXTENSIONS: dict[str, str] = {
    ".csv": "CSV",
    ".jsonl": "JSON Lines",
    ".ndjson": "JSON Lines",
    ".yaml": "YAML",
    ".yml": "YAML",
    ".xlsx": "Excel",
}

PARTY_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO_HINT = "use ISO 8601 (YYYY-MM-DD), or YYYY-MM-DDTHH:MM for a date and time"
_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December")


# --------------------------------------------------------------------------- model


class Event(BaseModel):
    """One thing that happened under a convention (one row of an event log)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    time: dt.time | None = None
    event: str
    by: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    subject: str | None = None
    via: str | None = None
    id: str | None = None
    ref: str | None = None
    attrs: dict[str, AttrValue] = Field(default_factory=dict)
    #: ``"file:line"`` the event was read from (for messages; not dumped).
    origin: str = Field(default="", exclude=True)
    #: 1-based line (CSV/JSONL/YAML) or row (XLSX) of the record (not dumped).
    row: int = Field(default=0, exclude=True)

    def key(self) -> tuple[dt.date, dt.time, int]:
        """Sort key: (date, wall-clock time or 00:00, row); offsets are ignored."""
        t = self.time.replace(tzinfo=None) if self.time is not None else dt.time(0)
        return (self.date, t, self.row)

    @property
    def path(self) -> str:
        """The file part of :attr:`origin`."""
        head, sep, tail = self.origin.rpartition(":")
        return head if sep and tail.isdigit() else self.origin

    def span(self) -> Span:
        """A span at the start of the event's record, for diagnostics."""
        return Span(self.path, self.row, 1, self.row, 2)

    def __hash__(self) -> int:  # attrs is a dict: hash its items instead
        return hash((self.date, self.time, self.event, self.by, self.to, self.subject,
                     self.via, self.id, self.ref,
                     tuple(sorted((k, repr(v)) for k, v in self.attrs.items()))))


# --------------------------------------------------------------------------- schema

_DATE_SHAPE = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
               r"([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?"
               r"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$")


def event_log_schema() -> dict:
    """JSON schema (draft 2020-12) of one event as users write it (JSONL/YAML row)."""
    parties = {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}},
            {"type": "null"},
        ],
    }
    text = {"type": ["string", "null"]}
    ident = {"type": ["string", "integer", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Event",
        "description": (
            "One event of an event log: a CSV/XLSX row, a JSON Lines line or a YAML list "
            "item. Fields other than the ones listed are kept as attributes."
        ),
        "type": "object",
        "required": list(REQUIRED_FIELDS),
        "properties": {
            "date": {
                "description": (
                    "ISO 8601 date (2023-03-14) or date-time (2023-03-14T10:00, "
                    "with or without offset)."
                ),
                "type": "string",
                "pattern": _DATE_SHAPE,
                "anyOf": [
                    {"format": "date"},
                    {"format": "date-time"},
                    {"pattern": "[Tt ][0-9]{2}:[0-9]{2}"},
                ],
                "examples": ["2023-03-14", "2023-03-14T10:00", "2023-03-14T10:00+01:00"],
            },
            "event": {
                "description": "What happened: an event name the clause file uses.",
                "type": "string",
                "minLength": 1,
            },
            "by": {**parties, "description": (
                "Acting party id, or a list of them (CSV/XLSX: several ids separated by ';')."
            )},
            "to": {**parties, "description": (
                "Receiving party id(s), or an outsider's name (same list rules as `by`)."
            )},
            "subject": {**text, "description": "Qualifier of the event."},
            "via": {**text, "description": "Channel (lower-cased).",
                    "examples": ["lrar", "email", "letter", "hand"]},
            "id": {**ident, "description": "Unique id of the event."},
            "ref": {**ident, "description": "Id of the event this one answers or relates to."},
        },
        "additionalProperties": {
            "description": "Kept as an attribute (e.g. the value of a vote, an amount).",
            "type": ["string", "number", "boolean", "null"],
        },
    }


# --------------------------------------------------------------------------- dates


class _BadDate(ValueError):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)(.*)")
_YEAR_FIRST = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(.*)")
_TIME_REST = re.compile(r"(?:\s+|[Tt]|\s*[àa]\s*)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?\s*")


def parse_when(text: str) -> tuple[dt.date, dt.time | None]:
    """Parse an ISO 8601 date or date-time; raise ValueError with a reason."""
    s = text.strip()
    m = _ISO.fullmatch(s)
    if not m:
        raise _not_iso(s)
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not 1 <= month <= 12:
        hint = None
        if 1 <= day <= 12:
            swapped = f"{year:04d}-{day:02d}-{month:02d}"
            hint = f"dates are YYYY-MM-DD (month before day): did you mean {swapped}?"
        raise _BadDate(f"{s} is not a date: there is no month {month:02d}", hint)
    if year < 1:
        raise _BadDate(f"{s} is not a date: there is no year 0000")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise _BadDate(f"{s} is not a date: {_MONTHS[month]} {year} has {days} days")
    date = dt.date(year, month, day)
    if m[4] is None:
        return date, None
    hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
    if hour > 23:
        raise _BadDate(f"{s} is not a valid date-time: hours go from 00 to 23",
                       "write midnight as 00:00 of the next day" if hour == 24 else None)
    if minute > 59:
        raise _BadDate(f"{s} is not a valid date-time: minutes go from 00 to 59")
    if second > 59:
        raise _BadDate(f"{s} is not a valid date-time: seconds go from 00 to 59")
    micro = int((m[7] or "0")[:6].ljust(6, "0"))
    tz = None
    if m[8]:
        off = m[8]
        if off in ("Z", "z"):
            tz = dt.timezone.utc
        else:
            digits = off[1:].replace(":", "")
            oh, om = int(digits[:2]), int(digits[2:] or 0)
            if oh > 23 or om > 59:
                raise _BadDate(f"{s} is not a valid date-time: offset {off} is out of range")
            delta = dt.timedelta(hours=oh, minutes=om)
            tz = dt.timezone(-delta if off[0] == "-" else delta)
    return date, dt.time(hour, minute, second, micro, tzinfo=tz)


def _valid_ymd(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and y >= 1 and 1 <= d <= calendar.monthrange(y, m)[1]


def _not_iso(s: str) -> _BadDate:
    message = f"{shorten(s)} is not an ISO 8601 date"
    hint = None
    m = _DAY_FIRST.fullmatch(s)
    n = _YEAR_FIRST.fullmatch(s)
    candidates: list[tuple[int, int, int, str]] = []
    note = ""
    if m and len(m[3]) == 4:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if _valid_ymd(y, b, a):
            candidates.append((y, b, a, m[4]))
            if a != b and a <= 12:
                note = " (reading the day first)"
        elif _valid_ymd(y, a, b):
            candidates.append((y, a, b, m[4]))
    elif n:
        y, mo, d = int(n[1]), int(n[2]), int(n[3])
        if _valid_ymd(y, mo, d):
            candidates.append((y, mo, d, n[4]))
    if candidates:
        y, mo, d, rest = candidates[0]
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        t = _TIME_REST.fullmatch(rest) if rest else None
        if rest and t and int(t[1]) < 24 and int(t[2]) < 60:
            iso += f"T{int(t[1]):02d}:{t[2]}" + (f":{t[3]}" if t[3] else "")
            hint = f"use ISO 8601 (YYYY-MM-DDTHH:MM): write {iso}{note}"
        elif not rest:
            hint = f"use ISO 8601 (YYYY-MM-DD): write {iso}{note}"
    return _BadDate(message, hint or f"{_ISO_HINT}, e.g. 2023-03-14")


# --------------------------------------------------------------------------- records


@dataclass
class _Field:
    value: Any
    span: Span


@dataclass
class _Record:
    line: int
    span: Span
    fields: dict[str, _Field] = field(default_factory=dict)
    bad: bool = False  # an error was already reported for this record


class _Nested:
    """Stands for a list or mapping where a single value was expected."""

    def __init__(self, kind: str):
        self.kind = kind


def _norm_key(key: str) -> str:
    k = key.strip()
    return k.lower() if k.lower() in FIELDS else k


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(shorten(value))
    if isinstance(value, _Nested):
        return f"a {value.kind}"
    return shorten(json.dumps(value, default=str))


class _FieldError(ValueError):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def _text(name: str, value: Any) -> str | None:
    """A single text value: stripped, numbers turned to text, empty -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        raise _FieldError(f"field `{name}` must be text, not {str(value).lower()}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (_Nested, list, dict)):
        raise _FieldError(f"field `{name}` must be a single value, not a {_kind(value)}")
    return str(value).strip() or None


def _kind(value: Any) -> str:
    if isinstance(value, _Nested):
        return value.kind
    return "list" if isinstance(value, list) else "mapping"


def _parties(name: str, value: Any, table: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    if table:
        text = _text(name, value)
        items = [p.strip() for p in (text or "").split(";")]
        items = [p for p in items if p]
    elif isinstance(value, str):
        items = [value.strip()] if value.strip() else []
    elif isinstance(value, list):
        items = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, str):
                raise _FieldError(
                    f"field `{name}`: item {i} is {_show(item)}, not a party id or name",
                    "write party ids as text, e.g. [\"alice\", \"bob\"]")
            if not item.strip():
                raise _FieldError(f"field `{name}`: item {i} is empty")
            items.append(item.strip())
    else:
        raise _FieldError(
            f"field `{name}` must be a party id or a list of them, not {_show(value)}")
    return tuple(dict.fromkeys(items))


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?")


def _sniff(text: str) -> AttrValue:
    """CSV/XLSX text read as a JSON scalar: numbers and true/false; else text."""
    m = _JSON_NUMBER.fullmatch(text)
    if m:
        if m[1] is None and m[2] is None:
            return int(text)
        value = float(text)
        if value == value and abs(value) != float("inf"):
            return value
        return text
    if text in ("true", "false"):
        return text == "true"
    return text


def _attr(name: str, value: Any, table: bool) -> AttrValue:
    if isinstance(value, str):
        text = value.strip()
        return _sniff(text) if table else text
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (_Nested, list, dict)):
        raise _FieldError(f"field `{name}` must be a single value (text, number, true/false), "
                          f"not a {_kind(value)}")
    return str(value)


def _when(value: Any) -> tuple[dt.date, dt.time | None]:
    if isinstance(value, dt.datetime):
        return value.date(), value.timetz()
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return parse_when(value)
        except _BadDate as exc:
            raise _BadDate(f"field `date`: {exc.message}", exc.hint) from None
    if isinstance(value, dt.time):
        raise _BadDate(f"field `date`: {value.isoformat()} is a time of day, not a date",
                       "write the date and time as YYYY-MM-DDTHH:MM")
    if isinstance(value, bool):
        raise _BadDate(f"field `date`: {str(value).lower()} is not a date", _ISO_HINT)
    if isinstance(value, (int, float)):
        return_hint = ("write the date as text in ISO 8601 (YYYY-MM-DD), or format the "
                       "Excel cell as a date")
        raise _BadDate(f"field `date`: {value} is a number, not a date", return_hint)
    raise _BadDate(f"field `date` must be a single date, not {_show(value)}", _ISO_HINT)


def _close(word: str, known: Iterable[str]) -> str | None:
    known = sorted(set(known))
    lowered = {k.lower(): k for k in known}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return found[0] if found else None


class _Builder:
    """Turns records into events, collecting diagnostics (one reader run)."""

    def __init__(self, path: str, table: bool, diags: list[Diagnostic]):
        self.path = path
        self.table = table
        self.diags = diags
        self.missing_columns: set[str] = set()
        self.built: list[tuple[Event, Span]] = []

    def span_on_record_line(self, rec: _Record, span: Span | None) -> Span:
        """The field's span if it starts on the record's line, else the record's."""
        if span is not None and span.line == rec.line:
            return span
        return rec.span

    def build(self, rec: _Record) -> Event | None:
        ok = not rec.bad
        f = rec.fields

        def fail(code: str, message: str, name: str | None, hint: str | None = None) -> None:
            nonlocal ok
            ok = False
            fld = f.get(name) if name else None
            span = self.span_on_record_line(rec, fld.span if fld else None)
            self.diags.append(Diagnostic.of(code, message, span, hint))

        values: dict[str, Any] = {}
        for name in REQUIRED_FIELDS:
            fld = f.get(name)
            if fld is None or _blank(fld.value):
                if name in self.missing_columns:
                    ok = False
                    continue
                others = [k for k in f if k not in FIELDS]
                near = difflib.get_close_matches(name, others, n=1, cutoff=0.6)
                hint = f"the record has `{near[0]}`: did you mean `{name}`?" if near else None
                fail("E002", f"required field `{name}` is missing", name if fld else None, hint)
        if "date" in f and not _blank(f["date"].value):
            try:
                values["date"], values["time"] = _when(f["date"].value)
            except _BadDate as exc:
                fail("E003", exc.message, "date", exc.hint)
        for name in _TEXT_FIELDS:
            if name in f:
                try:
                    text = _text(name, f[name].value)
                except _FieldError as exc:
                    fail("E010", exc.message, name, exc.hint)
                    continue
                if name == "via" and text is not None:
                    text = text.lower()
                values[name] = text
        for name in _PARTY_FIELDS:
            if name in f:
                try:
                    values[name] = _parties(name, f[name].value, self.table)
                except _FieldError as exc:
                    fail("E010", exc.message, name, exc.hint)
        attrs: dict[str, AttrValue] = {}
        for name, fld in f.items():
            if name in FIELDS:
                continue
            try:
                value = _attr(name, fld.value, self.table)
            except _FieldError as exc:
                fail("E010", exc.message, name, exc.hint)
                continue
            if value is None or value == "":
                continue
            attrs[name] = value
        if not ok:
            return None
        event = Event(**values, attrs=attrs, origin=f"{self.path}:{rec.line}", row=rec.line)
        id_field = f.get("id")
        id_span = self.span_on_record_line(rec, id_field.span if id_field else None)
        self.built.append((event, id_span))
        return event


# --------------------------------------------------------------------------- files


def _file_span(path: str, line: int = 1, column: int = 1) -> Span:
    return Span(path, line, column, line, column + 1)


def _read_bytes(p: Path, shown: str, diags: list[Diagnostic]) -> bytes | None:
    try:
        if p.is_dir():
            diags.append(Diagnostic.of("E001", tr("event log {shown} is a directory, not a file",
                                                  shown=shown),
                                       _file_span(shown)))
            return None
        return p.read_bytes()
    except FileNotFoundError:
        message = f"event log {shown} does not exist"
    except PermissionError:
        message = f"event log {shown} cannot be read: permission denied"
    except OSError as exc:
        message = f"event log {shown} cannot be read: {exc.strerror or exc}"
    diags.append(Diagnostic.of("E001", message, _file_span(shown)))
    return None


# Windows-1252, with the five bytes it leaves undefined read as Latin-1.
_CP1252 = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _decode(raw: bytes, shown: str, diags: list[Diagnostic]) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            diags.append(Diagnostic.of(
                "E001", tr("event log {shown} starts like UTF-16 text but is not valid UTF-16", shown=shown),
                _file_span(shown), tr("export the register as UTF-8")))
            return None
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        hint = "export the register as CSV (UTF-8), JSON Lines, YAML or .xlsx"
        if raw.startswith(b"PK\x03\x04"):
            hint = "this looks like an Excel workbook: give it the .xlsx extension"
        diags.append(Diagnostic.of(
            "E001", tr("event log {shown} is not a text file (NUL byte on line {line})", shown=shown,
                       line=line),
            _file_span(shown), hint))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        diags.append(Diagnostic.of(
            "E011",
            tr("event log {shown} is not valid UTF-8 (byte 0x{value} on line {line}): read as Windows-1252",
               shown=shown, value=f"{raw[start]:02X}", line=line),
            _file_span(shown, line, column),
            tr("save the export as UTF-8 to be sure accented letters are read right")))
        return raw.decode("latin-1").translate(_CP1252)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- tables


def _table(shown: str, rows: Iterable[tuple[int, Span, list[tuple[Any, Span]]]],
           builder: _Builder, diags: list[Diagnostic]) -> None:
    """Header + data rows (CSV or XLSX); blank rows are already filtered out."""
    names: list[str | None] | None = None
    ignored: set[int] = set()
    data_rows = 0
    header_line = 1
    before = len(diags)
    for line, rspan, cells in rows:
        if names is None:
            header_line = line
            names, ignored = _header(shown, line, rspan, cells, builder, diags)
            continue
        data_rows += 1
        rec = _Record(line, rspan)
        for index, (value, span) in enumerate(cells):
            if index < len(names) and names[index] is not None:
                rec.fields[names[index]] = _Field(value, span)
                continue
            if index in ignored or _blank(value):
                continue
            rec.bad = True
            if index >= len(names):
                message = (f"row has a value in column {index + 1} but the header names only "
                           f"{len(names)} columns")
            else:
                message = f"value in column {index + 1}, which has no name in the header"
            diags.append(Diagnostic.of("E010", message, builder.span_on_record_line(rec, span),
                                       tr("name the column in the header, or remove the value")))
        builder.build(rec)
    # records the reader could not split into cells (an unclosed quote, a cell over the csv
    # module's limit) were reported as E010: the log is not empty, it is broken
    unreadable = [d.span.line for d in diags[before:] if d.code == "E010" and d.span is not None]
    if names is None:
        if not unreadable:
            diags.append(Diagnostic.of("E008", tr("event log {shown} is empty", shown=shown), _file_span(shown)))
    elif data_rows == 0 and not any(n > header_line for n in unreadable):
        diags.append(Diagnostic.of("E008", tr("event log {shown} has a header but no events", shown=shown),
                                   _file_span(shown, header_line)))


def _header(shown: str, line: int, rspan: Span, cells: list[tuple[Any, Span]],
            builder: _Builder, diags: list[Diagnostic]) -> tuple[list[str | None], set[int]]:
    names: list[str | None] = []
    ignored: set[int] = set()
    seen: dict[str, int] = {}
    for index, (value, span) in enumerate(cells):
        text = "" if value is None else str(value).strip()
        if not text:
            names.append(None)
            continue
        name = _norm_key(text)
        if name in seen:
            diags.append(Diagnostic.of(
                "E010",
                tr("column `{name}` appears twice in the header (columns {value} and {value2}): only the "
                   "first is read", name=name, value=seen[name] + 1, value2=index + 1),
                span if span.line == line else rspan))
            names.append(None)
            ignored.add(index)
            continue
        seen[name] = index
        names.append(name)
    missing = [name for name in REQUIRED_FIELDS if name not in seen]
    builder.missing_columns = set(missing)
    first = cells[0][0] if cells else None
    looks_like_data = isinstance(first, (str, dt.date)) and _is_date(first)
    if looks_like_data and missing:
        # no header at all: one message for the row, not one per missing column
        listed = " and ".join(f"`{name}`" for name in missing)
        diags.append(Diagnostic.of(
            "E007", tr("the first row is data, not a header: required column{value} {listed} {value2} "
                       "missing from the header", value='s' * (len(missing) > 1), listed=listed,
                       value2='are' if len(missing) > 1 else 'is'), rspan,
            tr("the first row must be a header naming the columns, e.g. date,event,by,to,subject,via,id,ref")))
        return names, ignored
    for name in missing:
        unknown = [n for n in seen if n not in FIELDS]
        near = difflib.get_close_matches(name, unknown, n=1, cutoff=0.6)
        if near:
            hint = f"the header has `{near[0]}`: did you mean `{name}`?"
        elif looks_like_data:
            hint = ("the first row must be a header naming the columns, e.g. "
                    "date,event,by,to,subject,via,id,ref")
        else:
            found = ", ".join(n for n in seen) or "nothing"
            hint = f"the header names: {found}; required columns: {', '.join(REQUIRED_FIELDS)}"
        diags.append(Diagnostic.of("E007", tr("required column `{name}` is missing from the header",
                                              name=name),
                                   rspan, hint))
    return names, ignored


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        parse_when(str(value))
    except ValueError:
        return bool(_DAY_FIRST.fullmatch(str(value).strip()))
    return True


# --------------------------------------------------------------------------- CSV


def _sniff_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > counts[","] else ","


def _field_bounds(raw: str, delimiter: str) -> tuple[list[tuple[int, int]], bool]:
    """Character bounds of each CSV field in a record's text; True if a quote is unclosed."""
    bounds: list[tuple[int, int]] = []
    i, n = 0, len(raw)
    while True:
        start = i
        if i < n and raw[i] == '"':
            i += 1
            while True:
                j = raw.find('"', i)
                if j < 0:
                    bounds.append((start, n))
                    return bounds, True
                if j + 1 < n and raw[j + 1] == '"':
                    i = j + 2
                    continue
                i = j + 1
                break
        k = raw.find(delimiter, i)
        bounds.append((start, n if k < 0 else k))
        if k < 0:
            return bounds, False
        i = k + 1


def _offset_span(path: str, raw: str, first_line: int, start: int, end: int) -> Span:
    def pos(offset: int) -> tuple[int, int]:
        line = first_line + raw.count("\n", 0, offset)
        return line, offset - (raw.rfind("\n", 0, offset) + 1) + 1

    line, column = pos(start)
    end_line, end_column = pos(end)
    if (end_line, end_column) == (line, column):
        end_column += 1
    return Span(path, line, column, end_line, end_column)


def _read_csv(p: Path, shown: str, diags: list[Diagnostic]) -> list[tuple[Event, Span]]:
    builder = _Builder(shown, table=True, diags=diags)
    raw = _read_bytes(p, shown, diags)
    text = None if raw is None else _decode(raw, shown, diags)
    if text is None:
        return []
    text = _normalise_newlines(text)
    lines = text.split("\n")
    first = next((ln for ln in lines if ln.strip()), "")
    delimiter = _sniff_delimiter(first)
    _table(shown, _csv_rows(shown, lines, delimiter, diags), builder, diags)
    return builder.built


def _csv_rows(shown: str, lines: list[str], delimiter: str,
              diags: list[Diagnostic]) -> Iterator[tuple[int, Span, list[tuple[Any, Span]]]]:
    if lines and lines[-1] == "":
        lines = lines[:-1]
    reader = csv.reader((ln + "\n" for ln in lines), delimiter=delimiter)
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            start = previous + 1
            previous = max(reader.line_num, start)
            hint = ("a cell this long is not a register entry: check the export (a quote left "
                    "open makes the rest of the file one cell)") if "field limit" in str(exc) else None
            diags.append(Diagnostic.of("E010", tr("line {start} cannot be read as CSV: {exc}", start=start,
                                                  exc=exc),
                                       _file_span(shown, start), hint))
            continue
        start, end = previous + 1, max(reader.line_num, previous + 1)
        previous = end
        if not any(c.strip() for c in cells):
            continue
        raw = "\n".join(lines[start - 1:end])
        rspan = Span(shown, start, 1, start, len(lines[start - 1]) + 1)
        bounds, unclosed = _field_bounds(raw, delimiter)
        if unclosed:
            diags.append(Diagnostic.of(
                "E010",
                tr("a quote opened on line {start} is never closed: lines {start}-{end} were read as one "
                   "record", start=start, end=end),
                rspan, tr("close the quote, or double quotes inside a quoted value (\"\")")))
            continue
        if len(bounds) != len(cells):
            spans = [rspan] * len(cells)
        else:
            spans = [_offset_span(shown, raw, start, a, b) for a, b in bounds]
        yield start, rspan, list(zip(cells, spans))


# --------------------------------------------------------------------------- XLSX


def _read_xlsx(p: Path, shown: str, diags: list[Diagnostic]) -> list[tuple[Event, Span]]:
    builder = _Builder(shown, table=True, diags=diags)
    raw = _read_bytes(p, shown, diags)
    if raw is None:
        return []
    try:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, KeyError...)
        diags.append(Diagnostic.of(
            "E001",
            tr("event log {shown} cannot be read as an Excel workbook ({name}: {exc})", shown=shown,
               name=type(exc).__name__, exc=exc),
            _file_span(shown),
            tr("save it from Excel as an .xlsx workbook (old .xls files are not read)")))
        return []
    try:
        sheets = workbook.worksheets
        if not sheets:
            diags.append(Diagnostic.of("E008", tr("event log {shown} has no worksheet", shown=shown),
                                       _file_span(shown)))
            return []
        sheet = next((s for s in sheets if s.title.strip().lower() == "events"), sheets[0])
        _table(shown, _xlsx_rows(shown, sheet), builder, diags)
    finally:
        workbook.close()
    return builder.built


def _xlsx_value(cell: Any) -> Any:
    value = cell.value
    if isinstance(value, dt.datetime):
        shows_time = "h" in str(cell.number_format or "").lower()
        if value.time() == dt.time(0) and value.tzinfo is None and not shows_time:
            return value.date()
    return value


def _xlsx_rows(shown: str, sheet: Any) -> Iterator[tuple[int, Span, list[tuple[Any, Span]]]]:
    for row in sheet.iter_rows(min_row=1, min_col=1):
        if not row:
            continue
        number = row[0].row
        cells = []
        for column, cell in enumerate(row, 1):
            cells.append((_xlsx_value(cell), Span(shown, number, column, number, column + 1)))
        if all(_blank(v) for v, _ in cells):
            continue
        yield number, Span(shown, number, 1, number, 2), cells


# --------------------------------------------------------------------------- JSON Lines


class _JsonObject(dict):
    duplicates: list[str]


def _json_pairs(pairs: list[tuple[str, Any]]) -> _JsonObject:
    obj = _JsonObject()
    obj.duplicates = []
    for key, value in pairs:
        name = _norm_key(key) if isinstance(key, str) else key
        if name in obj:
            obj.duplicates.append(name)
            continue
        obj[name] = value
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


def _read_jsonl(p: Path, shown: str, diags: list[Diagnostic]) -> list[tuple[Event, Span]]:
    builder = _Builder(shown, table=False, diags=diags)
    raw = _read_bytes(p, shown, diags)
    text = None if raw is None else _decode(raw, shown, diags)
    if text is None:
        return []
    records = 0
    for line_no, line in enumerate(_normalise_newlines(text).split("\n"), 1):
        if not line.strip():
            continue
        records += 1
        rspan = Span(shown, line_no, 1, line_no, len(line) + 1)
        try:
            obj = json.loads(line, object_pairs_hook=_json_pairs)
        except json.JSONDecodeError as exc:
            hint = None
            if line.strip() in ("[", "]"):
                hint = "JSON Lines has one event object per line, not a JSON array"
            diags.append(Diagnostic.of(
                "E010", tr("line {line_no} is not valid JSON: {msg}", line_no=line_no, msg=exc.msg),
                _file_span(shown, line_no, exc.colno), hint))
            continue
        except (RecursionError, ValueError) as exc:
            diags.append(Diagnostic.of("E010", tr("line {line_no} cannot be read as JSON: {exc}",
                                                  line_no=line_no, exc=exc),
                                       rspan))
            continue
        if not isinstance(obj, dict):
            diags.append(Diagnostic.of(
                "E010", tr("line {line_no} is {json_kind}, not an event object", line_no=line_no,
                           json_kind=_json_kind(obj)),
                rspan, tr("write one object per line: {{\"date\": \"2023-03-14\", \"event\": \"...\"}}")))
            continue
        rec = _Record(line_no, rspan)
        for key, value in obj.items():
            if isinstance(value, list):
                value = [_Nested(_kind(v)) if isinstance(v, (list, dict)) else v for v in value]
            elif isinstance(value, dict):
                value = _Nested("mapping")
            rec.fields[key] = _Field(value, _key_span(shown, line_no, line, key, rspan))
        for key in getattr(obj, "duplicates", []):
            rec.bad = True
            diags.append(Diagnostic.of("E010", tr("field `{key}` appears twice on line {line_no}", key=key,
                                                  line_no=line_no),
                                       _key_span(shown, line_no, line, key, rspan)))
        builder.build(rec)
    if records == 0:
        diags.append(Diagnostic.of("E008", tr("event log {shown} is empty", shown=shown), _file_span(shown)))
    return builder.built


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a JSON array"
    if isinstance(value, str):
        return "a JSON string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a JSON boolean"
    return "a JSON number"


# --------------------------------------------------------------------------- YAML


class _YamlLoader(yaml.SafeLoader):
    """SafeLoader with a YAML 1.2 core-like schema: no dates, no yes/no booleans."""

    yaml_implicit_resolvers: dict = {}


_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), None)
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), None)
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), None)
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$"), None)


def _yaml_scalar(node: yaml.Node, raw: bool) -> Any:
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if raw:
        return node.value
    if tag == "tag:yaml.org,2002:bool":
        return node.value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(node.value)
        except ValueError:
            return node.value
    return node.value


def _yaml_value(node: yaml.Node, raw: bool) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _yaml_scalar(node, raw)
    if isinstance(node, yaml.SequenceNode):
        return [
            _yaml_scalar(item, raw) if isinstance(item, yaml.ScalarNode)
            else _Nested("list" if isinstance(item, yaml.SequenceNode) else "mapping")
            for item in node.value
        ]
    return _Nested("mapping")


def _mark_span(shown: str, start: Any, end: Any) -> Span:
    line, column = start.line + 1, start.column + 1
    end_line, end_column = end.line + 1, end.column + 1
    if (end_line, end_column) <= (line, column):
        end_line, end_column = line, column + 1
    return Span(shown, line, column, end_line, end_column)


def _same_line_end(start: Any, end: Any, fallback: Any = None) -> Any:
    """``end`` if it is on ``start``'s line, else ``fallback`` (default ``start``)."""
    return end if end.line == start.line else (fallback or start)


def _yaml_records(items: list[yaml.Node], shown: str, builder: "_Builder", diags: list[Diagnostic]) -> None:
    """Build one event per YAML mapping node (shared by event logs and scenario files)."""
    for item in items:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            kind = "a list" if isinstance(item, yaml.SequenceNode) else "a single value"
            diags.append(Diagnostic.of(
                "E010", tr("the event on line {line} is {kind}, not a mapping of fields", line=line,
                           kind=kind),
                _mark_span(shown, item.start_mark, _same_line_end(item.start_mark, item.end_mark)),
                tr("write each event as a mapping: '- date: 2023-03-14' then 'event: ...' below")))
            continue
        start = item.start_mark
        rspan = Span(shown, line, start.column + 1, line, start.column + 2)
        rec = _Record(line, rspan)
        for key_node, value_node in item.value:
            if not isinstance(key_node, yaml.ScalarNode):
                rec.bad = True
                key_span = _mark_span(shown, key_node.start_mark,
                                      _same_line_end(key_node.start_mark, key_node.end_mark))
                diags.append(Diagnostic.of(
                    "E010", tr("a field name on line {value} is not text",
                               value=key_node.start_mark.line + 1),
                    key_span if key_span.line == line else rspan))
                continue
            name = _norm_key(key_node.value)
            end = _same_line_end(key_node.start_mark, value_node.end_mark, key_node.end_mark)
            span = _mark_span(shown, key_node.start_mark, end)
            if name in rec.fields:
                rec.bad = True
                diags.append(Diagnostic.of(
                    "E010", tr("field `{name}` appears twice in the event on line {line}", name=name,
                               line=line),
                    span if span.line == line else rspan))
                continue
            raw_text = name in FIELDS
            rec.fields[name] = _Field(_yaml_value(value_node, raw_text), span)
        builder.build(rec)


def _read_yaml(p: Path, shown: str, diags: list[Diagnostic]) -> list[tuple[Event, Span]]:
    builder = _Builder(shown, table=False, diags=diags)
    raw = _read_bytes(p, shown, diags)
    text = None if raw is None else _decode(raw, shown, diags)
    if text is None:
        return []
    loader = None
    try:
        loader = _YamlLoader(text)  # the reader checks characters here already
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "syntax error"
        diags.append(Diagnostic.of("E001", tr("event log {shown} is not valid YAML: {problem}", shown=shown,
                                              problem=problem),
                                   _file_span(shown, line, column)))
        return []
    except yaml.YAMLError as exc:
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        reason = getattr(exc, "reason", None) or str(exc)
        diags.append(Diagnostic.of("E001", tr("event log {shown} is not valid YAML: {reason}", shown=shown,
                                              reason=reason),
                                   _file_span(shown, line)))
        return []
    except RecursionError:
        diags.append(Diagnostic.of("E001", tr("event log {shown} is nested too deeply", shown=shown),
                                   _file_span(shown)))
        return []
    except (ValueError, OverflowError):
        # PyYAML lets some scanner errors through unwrapped: an escape such as "\UFFFFFFFF"
        # names no character (chr() fails); the scanner's position is where it stopped
        mark = loader.get_mark() if loader is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        diags.append(Diagnostic.of(
            "E001", tr("event log {shown} is not valid YAML: an escape sequence names no Unicode character",
                       shown=shown),
            _file_span(shown, line, column), tr("write the character itself, or a \\u or \\U escape below "
                                                "U+110000")))
        return []
    finally:
        if loader is not None:
            loader.dispose()
    items: list[yaml.Node] | None = None
    if root is None:
        items = []
    elif isinstance(root, yaml.SequenceNode):
        items = root.value
    elif isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value.strip().lower() == "events":
                if isinstance(value, yaml.SequenceNode):
                    items = value.value
                elif isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
                    items = []
    if items is None:
        diags.append(Diagnostic.of(
            "E001", tr("event log {shown} is not a list of events", shown=shown),
            _mark_span(shown, root.start_mark, root.start_mark),
            tr("write a YAML list with one mapping per event ('- date: 2023-03-14'), or put that list "
               "under an `events:` key")))
        return []
    if not items:
        diags.append(Diagnostic.of("E008", tr("event log {shown} is empty", shown=shown), _file_span(shown)))
        return []
    _yaml_records(items, shown, builder, diags)
    return builder.built


# --------------------------------------------------------------------------- entry points

_READERS = {
    ".csv": _read_csv,
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
    ".xlsx": _read_xlsx,
}

_FORMAT_HINTS = {
    ".xls": "save the workbook as .xlsx (Excel 2007 and later)",
    ".xlsm": "save the workbook as .xlsx (without macros)",
    ".ods": "save the spreadsheet as .xlsx or export it as CSV",
    ".json": "write one JSON object per line and name the file .jsonl",
    ".tsv": "export as CSV (.csv); tab-separated columns are accepted in a .csv file",
    ".txt": "export the register as CSV (.csv)",
}


def events_from_yaml(items: list[yaml.Node], shown: str) -> tuple[list[Event], list[Diagnostic]]:
    """Events written inline in another YAML document (a scenario file), with their own lines."""
    diags: list[Diagnostic] = []
    builder = _Builder(shown, table=False, diags=diags)
    _yaml_records(items, shown, builder, diags)
    events = _deduplicate(builder.built, diags)
    events.sort(key=Event.key)
    return events, diags


def read_events(path: str | os.PathLike[str]) -> tuple[list[Event], list[Diagnostic]]:
    """Read an event log; return its good events (sorted by key) and all diagnostics.

    Never raises for bad input: unreadable files, bad rows and bad values all
    come back as diagnostics, and every good row is returned.
    """
    shown = os.fspath(path)
    p = Path(shown)
    extension = p.suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        supported = ", ".join(EXTENSIONS)
        what = f"`{extension}`" if extension else "a file without extension"
        return [], [Diagnostic.of(
            "E009", tr("unsupported event log format {what} ({shown}): use one of {supported}", what=what,
                       shown=shown, supported=supported),
            _file_span(shown),
            _FORMAT_HINTS.get(extension, "export the register as CSV, JSON Lines, YAML or .xlsx"))]
    diags: list[Diagnostic] = []
    try:
        built = reader(p, shown, diags)
    except Exception as exc:  # last resort: a reader must never take the run down
        diags.append(Diagnostic.of(
            "E001",
            tr("event log {shown} cannot be read (internal error: {name}: {exc})", shown=shown,
               name=type(exc).__name__, exc=exc),
            _file_span(shown)))
        built = []
    events = _deduplicate(built, diags)
    events.sort(key=Event.key)
    diags.sort(key=Diagnostic.sort_key)
    return events, diags


def _deduplicate(built: list[tuple[Event, Span]], diags: list[Diagnostic]) -> list[Event]:
    first: dict[str, Event] = {}
    kept: list[Event] = []
    for event, id_span in built:
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
        notes = [f"`{k}` is {json.dumps(b[k], ensure_ascii=False)} here and "
                 f"{json.dumps(a[k], ensure_ascii=False)} on line {earlier.row}"
                 for k in a if a[k] != b[k]]
        diags.append(Diagnostic.of(
            "E006",
            tr("event id `{id}` is used twice with different content (first on line {row})", id=event.id,
               row=earlier.row),
            id_span, tr("give each event its own id, or remove the repeated row"), notes))
    return kept


def validate_events(events: Iterable[Event], parties: set[str], event_names: set[str],
                    outsiders_allowed_in_to: bool = True) -> list[Diagnostic]:
    """Warn about unknown party ids (E004) and event names no clause uses (E005).

    In ``to``, a value that is not a known party is reported only when it looks
    like a party id (``^[a-z][a-z0-9_]*$``), since outsiders' names are allowed
    there -- unless ``outsiders_allowed_in_to`` is false. One diagnostic per
    distinct (row, field, value).
    """
    out: list[Diagnostic] = []
    seen: set[tuple[str, int, str, str]] = set()

    def warn(event: Event, code: str, field_name: str, value: str, message: str,
             known: set[str], fallback: str | None = None) -> None:
        key = (event.origin, event.row, field_name, value)
        if key in seen:
            return
        seen.add(key)
        near = _close(value, known)
        hint = _list_hint(value, known) if code == "E004" else None
        hint = hint or (f"did you mean `{near}`?" if near else fallback)
        out.append(Diagnostic.of(code, message, event.span(), hint))

    for event in events:
        for party in event.by:
            if party not in parties:
                warn(event, "E004", "by", party, f"unknown party `{shorten(party)}` in `by`", parties,
                     _party_hint(party, parties))
        for party in event.to:
            if party in parties:
                continue
            if outsiders_allowed_in_to and not PARTY_ID.match(party):
                continue
            if outsiders_allowed_in_to:
                message = f"`{shorten(party)}` in `to` looks like a party id, but no party has it"
                fallback = (_list_hint(party, parties) or
                            "if it is an outsider, write their name in full "
                            "(e.g. `Cabinet Dupont`): names that look like ids are checked")
            else:
                message = f"unknown party `{shorten(party)}` in `to`"
                fallback = _party_hint(party, parties)
            warn(event, "E004", "to", party, message, parties, fallback)
        if event.event not in event_names:
            warn(event, "E005", "event", event.event,
                 f"no clause uses the event `{shorten(event.event)}`", event_names)
    return out


def _list_hint(value: str, parties: set[str]) -> str | None:
    if ";" in value:
        pieces = [p.strip() for p in value.split(";") if p.strip()]
        if pieces and all(p in parties for p in pieces):
            return "in JSON Lines and YAML, write several parties as a list: [\"a\", \"b\"]"
    return None


def _party_hint(value: str, parties: set[str]) -> str | None:
    hint = _list_hint(value, parties)
    if hint is None and parties:
        hint = f"known parties: {', '.join(sorted(parties))}"
    return hint
