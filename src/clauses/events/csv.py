"""CSV registers (Excel exports: `,` or `;` or tabs, any line ends)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from functools import partial

from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.events.records import _Builder, _Field
from clauses.events.settings import DEFAULT_SETTINGS, RegisterSettings
from clauses.events.table import HEADER_SEARCH, _table
from clauses.events.text import _decode, _file_span, _normalise_newlines, _read_bytes
from clauses.language.source import Span


def _sniff_delimiter(text: str) -> str:
    """``,`` unless the first lines (a title row may come first) hold more ``;`` or tabs."""
    counts = {d: text.count(d) for d in (",", ";", "\t")}
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


def _read_csv(p: Path, shown: str, diags: list[Diagnostic],
              settings: RegisterSettings = DEFAULT_SETTINGS) -> list:
    builder = _Builder(shown, table=True, diags=diags, settings=settings)
    raw = _read_bytes(p, shown, diags, limits=settings.bounds)
    from clauses.events import arrowcsv   # column by column when pyarrow is there and pays for itself

    if raw is not None and arrowcsv.wanted(len(raw)):
        built = arrowcsv.read_columnar(raw, shown, diags, settings)
        if built is not None:
            return built
    text = None if raw is None else _decode(raw, shown, diags, by_line=True)
    if text is None:
        return []
    text = _normalise_newlines(text)
    lines = text.split("\n")
    first = [ln for ln in lines[:HEADER_SEARCH * 4] if ln.strip()][:HEADER_SEARCH]
    delimiter = _sniff_delimiter("\n".join(first))
    _table(shown, _csv_rows(shown, lines, delimiter, diags), builder, diags)
    return builder.finish()


def _csv_rows(shown: str, lines: list[str], delimiter: str,
              diags: list[Diagnostic]) -> Iterator[tuple[int, Span, list[_Field]]]:
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
            csv_error(shown, start, exc, diags)
            continue
        start, end = previous + 1, max(reader.line_num, previous + 1)
        previous = end
        record = csv_record(shown, lines[start - 1:end], start, cells, delimiter, diags)
        if record is not None:
            yield record


def csv_record(shown: str, physical: list[str], start: int, cells: list[str], delimiter: str,
               diags: list[Diagnostic]) -> tuple[int, Span, list[_Field]] | None:
    """The row of the record whose ``physical`` lines start on line ``start`` and hold ``cells``; None for a
    blank row or a quote never closed (E010)."""
    if not any(c.strip() for c in cells):
        return None
    end = start + len(physical) - 1
    rspan = Span(shown, start, 1, start, len(physical[0]) + 1)
    if start == end and '"' not in physical[0]:
        # no quote: one line, a cell between each delimiter; bounds found only if a span is needed
        where = partial(_plain_cell_span, shown, physical[0], start, delimiter)
        return start, rspan, [_Field(cell, None, where, i) for i, cell in enumerate(cells)]
    raw = "\n".join(physical)
    bounds, unclosed = _field_bounds(raw, delimiter)
    if unclosed:
        diags.append(Diagnostic.of(
            "E010",
            tr("a quote opened on line {start} is never closed: lines {start}-{end} were read as one record",
               start=start, end=end),
            rspan, tr('close the quote, or double quotes inside a quoted value ("")')))
        return None
    if len(bounds) != len(cells):
        fields = [_Field(cell, rspan) for cell in cells]
    else:  # spans are computed only if a diagnostic needs one (linear in the cells of a line)
        where = partial(_cell_span, shown, raw, start, bounds)
        fields = [_Field(cell, None, where, i) for i, cell in enumerate(cells)]
    return start, rspan, fields


def csv_error(shown: str, start: int, exc: csv.Error, diags: list[Diagnostic]) -> None:
    """E010 for a record the csv module cannot split (a cell over its field limit...)."""
    hint = tr("a cell this long is not a register entry: check the export (a quote left "
              "open makes the rest of the file one cell)") if "field limit" in str(exc) else None
    diags.append(Diagnostic.of("E010", tr("line {line} cannot be read as CSV: {error}", line=start,
                                          error=str(exc)),
                               _file_span(shown, start), hint))


def _cell_span(path: str, raw: str, first_line: int, bounds: list[tuple[int, int]], index: int) -> Span:
    a, b = bounds[index]
    return _offset_span(path, raw, first_line, a, b)



def _plain_cell_span(path: str, raw: str, line: int, delimiter: str, index: int) -> Span:
    """The span of cell ``index`` of a line without quotes."""
    bounds, _ = _field_bounds(raw, delimiter)
    a, b = bounds[index]
    return _offset_span(path, raw, line, a, b)
