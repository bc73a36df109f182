"""Tables (CSV and workbooks): a header row naming the columns, then one event per row."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, Iterable, Iterator

from clauses.diagnostics import Diagnostic
from clauses.events.dates import numeric_parts, parse_register_date
from clauses.events.model import FIELDS, REQUIRED_FIELDS
from clauses.events.records import _Builder, _Field, _Record, _blank
from clauses.events.text import _file_span
from clauses.i18n import joined, tr
from clauses.language.source import Span

Row = tuple[int, Span, list[_Field]]
#: rows searched for the header: title rows above it are skipped
HEADER_SEARCH = 30


def _find_header(rows: Iterator[Row], builder: _Builder) -> Iterator[Row]:
    """The rows from the header on: the first of the first rows that names every required
    column (title rows above it are skipped), else the first row."""
    head: list[Row] = []
    for row in rows:
        head.append(row)
        names = {builder.key(str(cell.value)) for cell in row[2] if not _blank(cell.value)}
        if all(name in names for name in REQUIRED_FIELDS):
            yield from head[-1:]
            break
        if len(head) >= HEADER_SEARCH:
            yield from head
            head = []
            break
    else:
        yield from head
        return
    yield from rows


def _table(shown: str, rows: Iterable[Row], builder: _Builder, diags: list[Diagnostic]) -> None:
    """Header + data rows (CSV or workbook); blank rows are already filtered out."""
    rows = _find_header(iter(rows), builder)
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
        builder.build(table_record(names, ignored, line, rspan, cells, builder, diags))
    if names is None:
        if not _unreadable(diags[before:]):
            diags.append(Diagnostic.of("E008", tr("event log {path} is empty", path=shown), _file_span(shown)))
    elif data_rows == 0:
        no_events(shown, header_line, diags, before)


def _unreadable(diags: list[Diagnostic]) -> list[int]:
    """The lines of records the reader could not split into cells (an unclosed quote, a cell over the csv
    module's limit), reported as E010: the log is not empty, it is broken."""
    return [d.span.line for d in diags if d.code == "E010" and d.span is not None]


def no_events(shown: str, header_line: int, diags: list[Diagnostic], before: int) -> None:
    """E008 for a table whose header has no data row under it (unless rows under it could not be read)."""
    if not any(n > header_line for n in _unreadable(diags[before:])):
        diags.append(Diagnostic.of("E008", tr("event log {path} has a header but no events", path=shown),
                                   _file_span(shown, header_line)))


def table_record(names: list[str | None], ignored: set[int], line: int, rspan: Span, cells: list[_Field],
                 builder: _Builder, diags: list[Diagnostic]) -> _Record:
    """The record of a data row: each cell under its column's field; a value under no named column is E010."""
    rec = _Record(line, rspan)
    for index, cell in enumerate(cells):
        if index < len(names) and names[index] is not None:
            rec.fields[names[index]] = cell
            continue
        if index in ignored or _blank(cell.value):
            continue
        rec.bad = True
        if index >= len(names):
            message = tr("row has a value in column {column} but the header names only {count} columns",
                         column=index + 1, count=len(names))
        else:
            message = tr("value in column {column}, which has no name in the header", column=index + 1)
        diags.append(Diagnostic.of("E010", message, builder.span_on_record_line(rec, cell.span),
                                   tr("name the column in the header, or remove the value")))
    return rec


def _header(shown: str, line: int, rspan: Span, cells: list[_Field],
            builder: _Builder, diags: list[Diagnostic]) -> tuple[list[str | None], set[int]]:
    names: list[str | None] = []
    ignored: set[int] = set()
    seen: dict[str, int] = {}
    written: dict[str, str] = {}
    for index, cell in enumerate(cells):
        value = cell.value
        text = "" if value is None else str(value).strip()
        if not text:
            names.append(None)
            continue
        name = builder.key(text)
        if name in seen:
            span = cell.span
            if written[name] == text:
                message = tr("column `{name}` appears twice in the header (columns {a} and {b}): only the first "
                             "is read", name=name, a=seen[name] + 1, b=index + 1)
            else:
                message = tr("columns `{first}` and `{second}` both name `{name}` in the header (columns {a} and "
                             "{b}): only the first is read", first=written[name], second=text, name=name,
                             a=seen[name] + 1, b=index + 1)
            diags.append(Diagnostic.of("E010", message, span if span.line == line else rspan))
            names.append(None)
            ignored.add(index)
            continue
        seen[name] = index
        written[name] = text
        names.append(name)
    missing = [name for name in REQUIRED_FIELDS if name not in seen]
    builder.missing_columns = set(missing)
    first = cells[0].value if cells else None
    looks_like_data = isinstance(first, (str, dt.date)) and _is_date(first)
    if looks_like_data and missing:
        # no header at all: one message for the row, not one per missing column
        listed = joined([f"`{name}`" for name in missing], tr("{a} and {b}").template)
        diags.append(Diagnostic.of(
            "E007", tr("the first row is data, not a header: required columns {listed} are missing from the header",
                       listed=listed) if len(missing) > 1 else
            tr("the first row is data, not a header: required column {listed} is missing from the header",
               listed=listed), rspan, tr("the first row must be a header naming the columns, e.g. date,event,by,to,subject,via,id,ref")))
        return names, ignored
    for name in missing:
        unknown = [n for n in seen if n not in FIELDS]
        near = difflib.get_close_matches(name, unknown, n=1, cutoff=0.6)
        if near:
            hint = tr("the header has `{near}`: did you mean `{name}`?", near=near[0], name=name)
        elif looks_like_data:
            hint = tr("the first row must be a header naming the columns, e.g. date,event,by,to,subject,via,id,ref")
        else:
            found = ", ".join(n for n in seen) or tr("nothing")
            hint = tr("the header names: {found}; required columns: {required}", found=found,
                      required=", ".join(REQUIRED_FIELDS))
        diags.append(Diagnostic.of("E007", tr("required column `{name}` is missing from the header", name=name),
                                   rspan, hint))
    return names, ignored


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    try:
        parse_register_date(str(value), None)
    except ValueError:
        return numeric_parts(str(value)) is not None
    return True

