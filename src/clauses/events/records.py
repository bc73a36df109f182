"""Records (one row: its fields and where they were written) turned into events.

Every problem is a diagnostic on the record's row; a record with an error is
reported and not returned, and nothing else is lost: a reader hands every
record to :class:`_Builder`, which reads them once the whole log is known
(the order of day-first dates is decided per column, ``ref`` is checked against
every id).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from functools import lru_cache
from itertools import repeat
from operator import attrgetter
from typing import Any, Callable, Iterator

from clauses.diagnostics import Diagnostic, shorten
from clauses.events.dates import (
    ISO_ONLY, AmbiguousDate, _BadDate, _ISO_HINT, infer_order, parse_register_date)
from clauses.events.model import FIELDS, REQUIRED_FIELDS, AttrValue, Event
from clauses.events.settings import DEFAULT_SETTINGS, RegisterSettings
from clauses.events.validate import check_record
from clauses.i18n import tr
from clauses.language.source import Span

_TEXT_FIELDS = ("event", "subject", "via", "id", "ref")
_PARTY_FIELDS = ("by", "to")
#: fields holding dates: their numeric dates are read in one order per column
DATE_FIELDS = ("date", "received")


class _Field:
    """A value and where it was written; the span is computed only when a diagnostic needs it."""

    __slots__ = ("value", "_span", "_where", "_arg")

    def __init__(self, value: Any, span: Span | None = None, where: Callable[[Any], Span] | None = None,
                 arg: Any = None):
        self.value = value
        self._span = span
        self._where = where   # called with ``arg`` the first time the span is needed
        self._arg = arg

    @property
    def span(self) -> Span:
        if self._span is None:
            self._span = self._where(self._arg)  # type: ignore[misc]
        return self._span


class CellError:
    """A workbook cell that holds a spreadsheet error (``#N/A``, ``#DIV/0!``) or a formula with no
    computed value (``=1/0``): its value is unknown, and the row cannot be read."""

    __slots__ = ("text", "sheet", "cell")

    def __init__(self, text: str, sheet: str, cell: str):
        self.text, self.sheet, self.cell = text, sheet, cell

    def __str__(self) -> str:
        return self.text

    def diagnostic_message(self, field: str):
        where = tr("cell {cell} of sheet `{sheet}`", cell=self.cell, sheet=self.sheet)
        if self.text.startswith("="):
            what = tr("a formula with no computed value (`{formula}`)", formula=self.text)
            hint = tr("open the workbook in the spreadsheet and save it, so that the formula is computed; "
                      "or type the value")
        else:
            what = tr("the spreadsheet error `{error}`", error=self.text)
            hint = tr("correct the formula of that cell (or type its value) and export the register again")
        return tr("field `{field}` ({where}) holds {what}: the row is not read", field=field, where=where,
                  what=what), hint


class _Record:
    __slots__ = ("line", "span", "fields", "bad")

    def __init__(self, line: int, span: Span):
        self.line = line
        self.span = span
        self.fields: dict[str, _Field] = {}
        self.bad = False  # an error was already reported for this record


class Remake:
    """Stands for the records of the rows a fast path read (they had nothing to report): the exact reader
    makes the record of a row only if a diagnostic about its event (``E006``, ``E012``) needs the span of one
    of its fields. One per file, shared by its events (:func:`record_of`)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[int], "_Record | None"]):
        self.make = make


def record_of(event: Event, rec: Any) -> "_Record":
    """The record ``event`` was read from (made again when a fast path read it)."""
    return rec.make(event.row) if type(rec) is Remake else rec


class Built:
    """The rows a fast path built, as the ``(event, record)`` pairs readers give, without a tuple a row: the
    events in line order, the records of the few rows the exact reader read (by row), and for the others the
    reader's :class:`Remake` (a million rows: 56 MB of pairs the reading's peak no longer holds)."""

    __slots__ = ("events", "exact", "remake")

    def __init__(self, events: list[Event], exact: dict[int, Any], remake: Remake):
        self.events, self.exact, self.remake = events, exact, remake

    def __iter__(self) -> Iterator[tuple[Event, Any]]:
        exact, remake = self.exact, self.remake
        if not exact:
            return zip(self.events, repeat(remake))
        return ((e, exact.get(e.row, remake)) for e in self.events)


def merged(fast: list[Event], remake: Remake, exact: list[tuple[Event, "_Record"]]) -> Built:
    """The events a fast path built (records made again by ``remake``) and the exact reader's, in the order
    of their lines."""
    if not exact:
        return Built(fast, {}, remake)
    fast += [event for event, _ in exact]
    fast.sort(key=attrgetter("row"))
    return Built(fast, {event.row: rec for event, rec in exact}, remake)


class _Nested:
    """Stands for a list or mapping where a single value was expected."""

    def __init__(self, kind: str):
        self.kind = kind


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(shorten(value))
    if isinstance(value, _Nested):
        return tr("a {kind}", kind=_kind(value))
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
        raise _FieldError(tr("field `{name}` must be text, not {value}", name=name, value=str(value).lower()))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (_Nested, list, dict)):
        raise _FieldError(tr("field `{name}` must be a single value, not a {kind}", name=name, kind=_kind(value)))
    return str(value).strip() or None


_KINDS = {"list": tr("list"), "mapping": tr("mapping")}


def _kind(value: Any) -> str:
    """``list`` or ``mapping``, in the reader's language."""
    kind = value.kind if isinstance(value, _Nested) else "list" if isinstance(value, list) else "mapping"
    return _KINDS.get(kind, kind)


def _parties(name: str, value: Any, table: bool) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):   # a cell or YAML / JSON text alike: several parties separated by `;`
        return _table_parties(value)
    if table:
        text = _text(name, value)
        items = [p.strip() for p in (text or "").split(";")]
        items = [p for p in items if p]
    elif isinstance(value, list):
        items = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, str):
                raise _FieldError(
                    tr("field `{name}`: item {i} is {value}, not a party id or name", name=name, i=i,
                       value=_show(item)),
                    tr("write party ids as text, e.g. [\"alice\", \"bob\"]"))
            if not item.strip():
                raise _FieldError(tr("field `{name}`: item {i} is empty", name=name, i=i))
            items.append(item.strip())
    else:
        raise _FieldError(
            tr("field `{name}` must be a party id or a list of them, not {value}", name=name, value=_show(value)))
    return tuple(dict.fromkeys(items))


@lru_cache(maxsize=4096)
def _table_parties(text: str) -> tuple[str, ...]:
    """The parties of a table cell (``a;b``), once per distinct cell text: a log repeats them."""
    return tuple(dict.fromkeys(p for p in (p.strip() for p in text.split(";")) if p))


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?")


@lru_cache(maxsize=4096)
def _sniff(text: str) -> AttrValue:
    """CSV/XLSX text read as a JSON scalar: numbers and true/false; else text.

    A number too long for a number (more than 300 digits) stays text.
    """
    m = _JSON_NUMBER.fullmatch(text) if len(text) <= 300 else None
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
        raise _FieldError(tr("field `{name}` must be a single value (text, number, true/false), not a {kind}",
                             name=name, kind=_kind(value)))
    return str(value)


@lru_cache(maxsize=8192)
def _register_date(text: str, order: str | None) -> tuple[dt.date, dt.time | None]:
    """``parse_register_date`` once per distinct (text, order): a log writes the same dates many times
    (only results are kept; a text that fails raises again each time, with its own message)."""
    return parse_register_date(text, order)


def _when(value: Any, order: str | None = ISO_ONLY, name: str = "date") -> tuple[dt.date, dt.time | None]:
    if isinstance(value, dt.datetime):
        return value.date(), value.timetz()
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        try:
            return _register_date(value, order)
        except AmbiguousDate:
            raise
        except _BadDate as exc:
            raise _BadDate(tr("field `{name}`: {message}", name=name, message=exc.message), exc.hint) from None
    if isinstance(value, dt.time):
        raise _BadDate(tr("field `{name}`: {time} is a time of day, not a date", name=name, time=value.isoformat()),
                       tr("write the date and time as YYYY-MM-DDTHH:MM"))
    if isinstance(value, bool):
        raise _BadDate(tr("field `{name}`: {value} is not a date", name=name, value=str(value).lower()), _ISO_HINT)
    if isinstance(value, (int, float)):
        raise _BadDate(tr("field `{name}`: {value} is a number, not a date", name=name, value=str(value)),
                       tr("write the date as text in ISO 8601 (YYYY-MM-DD), or format the Excel cell as a date"))
    raise _BadDate(tr("field `{name}` must be a single date, not {value}", name=name, value=_show(value)), _ISO_HINT)


class _Builder:
    """Turns records into events, collecting diagnostics (one reader run)."""

    def __init__(self, path: str, table: bool, diags: list[Diagnostic],
                 settings: RegisterSettings = DEFAULT_SETTINGS):
        self.path = path
        self.table = table
        self.diags = diags
        self.settings = settings
        self.missing_columns: set[str] = set()
        self.pending: list[_Record] = []
        self.built: list[tuple[Event, _Record]] = []
        self.orders: dict[str, str | None] = {}
        self.unread: list[int] = []   # rows whose dates wait for the order of the log

    def key(self, key: str) -> str:
        """The field a header or key names (synonyms and the settings' columns applied)."""
        return self.settings.field_of(key)

    def span_on_record_line(self, rec: _Record, span: Span | None) -> Span:
        """The field's span if it starts on the record's line, else the record's."""
        if span is not None and span.line == rec.line:
            return span
        return rec.span

    def field_span(self, rec: _Record, name: str) -> Span:
        fld = rec.fields.get(name)
        return self.span_on_record_line(rec, fld.span if fld else None)

    def build(self, rec: _Record) -> None:
        """Keep the record; it is read by :meth:`finish`."""
        self.pending.append(rec)

    def finish(self) -> list[tuple[Event, _Record]]:
        """Read every record kept: the date order of each column first, then each row."""
        records, self.pending = self.pending, []
        values = [(r.line, r.fields[name].value) for r in records for name in DATE_FIELDS
                  if name in r.fields and isinstance(r.fields[name].value, str)]
        order, proof, why = infer_order(values, self.settings.dates)
        self.orders = {name: order for name in DATE_FIELDS}
        ambiguous: Diagnostic | None = None
        if order is None and proof is not None:
            rec = next(r for r in records if r.line == proof[0])
            name = next(n for n in DATE_FIELDS if n in rec.fields and rec.fields[n].value == proof[1])
            ambiguous = Diagnostic.of(
                "E003", tr("the dates of this log can be read day first or month first: {why}", why=why),
                self.field_span(rec, name),
                tr("say which: dates = \"day-first\" under [tool.clauses.register] (or in the file given "
                   "with --mapping), or `clauses check --dates day-first`; ISO dates (2022-02-15) are "
                   "never ambiguous"))
        from clauses.events.plainrow import plain_event

        for rec in records:
            try:
                event = plain_event(self, rec)   # most rows: nothing to report
                if event is not None:
                    self.built.append((event, rec))
                    continue
                self._build(rec)
            except Exception as exc:  # one row must never take the log down
                self.diags.append(Diagnostic.of(
                    "E010", tr("line {line} cannot be read ({kind}: {reason})", line=rec.line,
                               kind=type(exc).__name__, reason=shorten(str(exc))), rec.span))
        if ambiguous is not None:
            lines = sorted(set(self.unread))
            if lines:
                shown = ", ".join(str(n) for n in lines[:12]) + (", …" if len(lines) > 12 else "")
                ambiguous = Diagnostic.of(ambiguous.code, ambiguous.message, ambiguous.span, ambiguous.hint,
                                          (tr("{count} rows not read until the order is known: lines {lines}",
                                              count=len(lines), lines=shown),))
            self.diags.append(ambiguous)
        return self.built

    def _build(self, rec: _Record) -> None:
        ok = not rec.bad
        f = rec.fields

        def fail(code: str, message: str, name: str | None, hint: str | None = None) -> None:
            nonlocal ok
            ok = False
            self.diags.append(Diagnostic.of(code, message, self.field_span(rec, name) if name else rec.span, hint))

        errors = [(name, fld) for name, fld in f.items() if isinstance(fld.value, CellError)]
        for name, fld in errors:
            message, hint = fld.value.diagnostic_message(name)
            fail("E010", message, name, hint)
        if errors:
            return
        values: dict[str, Any] = {}
        for name in REQUIRED_FIELDS:
            fld = f.get(name)
            if fld is None or _blank(fld.value):
                if name in self.missing_columns:
                    ok = False
                    continue
                others = [k for k in f if k not in FIELDS]
                near = difflib.get_close_matches(name, others, n=1, cutoff=0.6)
                hint = tr("the record has `{near}`: did you mean `{name}`?", near=near[0], name=name) if near else None
                fail("E002", tr("required field `{name}` is missing", name=name), name if fld else None, hint)
        if "date" in f and not _blank(f["date"].value):
            try:
                values["date"], values["time"] = _when(f["date"].value, self.orders.get("date", ISO_ONLY))
            except AmbiguousDate:
                ok = False
                self.unread.append(rec.line)
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
                    text = self.settings.channel(text)
                values[name] = text
        for name in _PARTY_FIELDS:
            if name in f:
                try:
                    parties = _parties(name, f[name].value, self.table)
                except _FieldError as exc:
                    fail("E010", exc.message, name, exc.hint)
                    continue
                if self.settings.parties:
                    parties = tuple(dict.fromkeys(self.settings.party(p) for p in parties))
                values[name] = parties
        attrs: dict[str, AttrValue] = {}
        for name, fld in f.items():
            if name in FIELDS:
                continue
            if name in DATE_FIELDS and not _blank(fld.value):
                try:
                    day, time = _when(fld.value, self.orders.get(name, ISO_ONLY), name)
                except AmbiguousDate:
                    ok = False
                    self.unread.append(rec.line)
                    continue
                except _BadDate as exc:
                    fail("E003", exc.message, name, exc.hint)
                    continue
                attrs[name] = day.isoformat() if time is None else f"{day.isoformat()}T{time.isoformat()}"
                continue
            try:
                value = _attr(name, fld.value, self.table)
            except _FieldError as exc:
                fail("E010", exc.message, name, exc.hint)
                continue
            if value is None or value == "":
                continue
            attrs[name] = value
        for code, name, message, hint in check_record(values, attrs):
            if code == "E012":  # a warning: the event is kept
                self.diags.append(Diagnostic.of(code, message, self.field_span(rec, name), hint))
            else:
                fail(code, message, name, hint)
        if not ok:
            return
        event = Event.read(self.path, rec.line, values["date"], values["time"], values["event"], values.get("by", ()),
                           values.get("to", ()), values.get("subject"), values.get("via"), values.get("id"),
                           values.get("ref"), attrs)
        self.built.append((event, rec))
