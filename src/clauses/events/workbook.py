"""Workbooks as people make them: .xlsx, .xlsm, .ods and .xls, read with python-calamine.

- the sheet: the one ``sheet`` names in the settings, else one named like
  ``events`` / ``événements`` / ``journal`` / ``registre``, else the first
  worksheet whose first rows hold a header naming ``date`` and ``event``, else
  the first worksheet;
- title rows above the header are skipped (see :mod:`clauses.events.table`);
- a merged cell gives its value to every cell of the range (a date merged over
  the three events of one meeting), .xlsx and .xls (calamine does not report
  the merged ranges of .ods files, whose covered cells read as empty);
- a cell holding a spreadsheet error (``#N/A``, ``#DIV/0!``, a formula whose
  result is an error) or a formula never computed (a workbook written by a
  program, not saved by a spreadsheet) reads as empty (or, in .ods, as 0) in
  calamine: in every format such cells are found in the file itself
  (:mod:`clauses.events.cellerrors`) and each is a diagnostic with its cell
  (``B7``), sheet and column, never a row dropped in silence nor a 0 taken for a value;
- numbers are Excel doubles: a whole number reads as an integer (``1500``, an
  id ``17``); a date cell is a date, a date-time cell a date and a time;
- the file size, what a zipped workbook expands to and the rows read are
  bounded (:class:`clauses.files.Limits`).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Iterator

from clauses.diagnostics import Diagnostic
from clauses.events.cellerrors import error_cells
from clauses.events.mapping import normalise
from clauses.events.model import REQUIRED_FIELDS
from clauses.events.records import CellError, _blank, _Builder, _Field
from clauses.events.settings import DEFAULT_SETTINGS, RegisterSettings
from clauses.events.table import HEADER_SEARCH, _table
from clauses.events.text import _file_span, _read_bytes
from clauses.files import Refused, check_archive
from clauses.i18n import tr
from clauses.language.source import Span

#: sheet names chosen when no sheet is named in the settings (normalised)
SHEET_NAMES = ("events", "event", "evenements", "evenement", "journal", "registre", "register", "log")
_ZIPPED = (".xlsx", ".xlsm", ".ods")


def _read_workbook(p: Path, shown: str, diags: list[Diagnostic],
                   settings: RegisterSettings = DEFAULT_SETTINGS) -> list:
    builder = _Builder(shown, table=True, diags=diags, settings=settings)
    limits = settings.bounds
    raw = _read_bytes(p, shown, diags, limit=limits.workbook, limits=limits)
    if raw is None:
        return []
    try:
        if p.suffix.lower() in _ZIPPED:
            check_archive(raw, "event log", shown, limits.unzipped)
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Refused as err:
        diags.append(Diagnostic.of("E001", err.message, _file_span(shown), err.hint))
        return []
    except Exception as exc:  # calamine raises its own errors, zip and XML ones
        diags.append(Diagnostic.of(
            "E001", tr("event log {path} cannot be read as a workbook ({reason})", path=shown,
                       reason=f"{type(exc).__name__}: {str(exc)[:200]}"),
            _file_span(shown),
            tr("save it from the spreadsheet as .xlsx or .ods, or export it as CSV")))
        return []
    try:
        sheet = _choose_sheet(book, shown, settings, builder, diags)
        if sheet is None:
            return []
        rows = sheet.to_python(skip_empty_area=False, nrows=limits.workbook_rows + 1)
        if len(rows) > limits.workbook_rows:
            diags.append(Diagnostic.of(
                "E001", tr("event log {path} has more than {limit} rows in sheet `{sheet}`: it is not read",
                           path=shown, limit=limits.workbook_rows, sheet=sheet.name),
                _file_span(shown), tr("raise `workbook_rows` in [tool.clauses.limits] if this is the register")))
            return []
        _fill_merged(rows, sheet.merged_cell_ranges or ())
        _mark_errors(rows, error_cells(raw, p.suffix.lower(), sheet.name, len(rows)), sheet.name)
        _table(shown, _rows(shown, rows), builder, diags)
    finally:
        book.close()
    return builder.finish()


def _choose_sheet(book: Any, shown: str, settings: RegisterSettings, builder: _Builder,
                  diags: list[Diagnostic]) -> Any:
    names = [m.name for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet")] or list(book.sheet_names)
    if not names:
        diags.append(Diagnostic.of("E008", tr("event log {path} has no worksheet", path=shown), _file_span(shown)))
        return None
    if settings.sheet is not None:
        wanted = next((n for n in names if n == settings.sheet), None) or \
            next((n for n in names if normalise(n) == normalise(settings.sheet)), None)
        if wanted is None:
            diags.append(Diagnostic.of(
                "E001", tr("event log {path} has no sheet named `{sheet}`", path=shown, sheet=settings.sheet),
                _file_span(shown), tr("its sheets: {names}", names=", ".join(f"`{n}`" for n in names))))
            return None
        return book.get_sheet_by_name(wanted)
    named = next((n for n in names if normalise(n) in SHEET_NAMES), None)
    if named is not None:
        return book.get_sheet_by_name(named)
    if len(names) > 1:
        for name in names:
            sheet = book.get_sheet_by_name(name)
            for row in sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH):
                found = {builder.key(str(v)) for v in row if not _blank(v)}
                if all(field in found for field in REQUIRED_FIELDS):
                    return sheet
    return book.get_sheet_by_name(names[0])


def _fill_merged(rows: list[list[Any]], ranges: Any) -> None:
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value


def _mark_errors(rows: list[list[Any]], errors: dict[tuple[int, int], str], sheet: str) -> None:
    for (row, column), text in errors.items():
        if row > len(rows):
            continue
        cells = rows[row - 1]
        if column > len(cells):
            cells.extend([""] * (column - len(cells)))
        # an error read as empty, or (an .ods number error) as 0; a formula never computed reads as empty
        if cells[column - 1] in ("", None) or not text.startswith("="):
            cells[column - 1] = CellError(text, sheet, f"{_column_letters(column)}{row}")


def _column_letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    if isinstance(value, dt.timedelta):
        return str(value)
    if value == "":
        return None
    return value


def _rows(shown: str, rows: list[list[Any]]) -> Iterator[tuple[int, Span, list[_Field]]]:
    for index, row in enumerate(rows):
        number = index + 1
        cells = [_Field(_value(v), Span(shown, number, column, number, column + 1))
                 for column, v in enumerate(row, 1)]
        if all(_blank(c.value) for c in cells):
            continue
        yield number, Span(shown, number, 1, number, 2), cells
