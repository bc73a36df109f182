"""The cells of a workbook's sheet that hold a spreadsheet error or a formula never computed.

python-calamine does not say which cells hold an error: it reads ``#N/A`` or ``#DIV/0!`` as an
empty cell (.xlsx, .xls, an .ods string error) or even as ``0`` (an .ods number error), and a
formula with no computed value as empty. Each function here returns
``{(row, column): text}`` (1-based) for one sheet, ``text`` the error (``#DIV/0!``) or ``=``
and the formula, from the file itself:

- .xlsx / .xlsm: the sheet's XML (``<c t="e">``, ``<f>`` with no ``<v>``);
- .ods: ``content.xml`` (``calcext:value-type="error"``, as LibreOffice writes it; a formula
  whose shown text is an error name; a formula with neither value nor text), counting
  repeated rows and columns;
- .xls: the BIFF records, read with xlrd (an error cell, or a formula whose result is an error).

Best effort: a file whose parts cannot be followed gives ``{}`` (calamine read it; its values stand).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Iterator
from xml.etree import ElementTree

Cells = dict[tuple[int, int], str]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
#: what a spreadsheet shows in a cell whose formula gives an error (Excel's names, LibreOffice's Err:NNN)
_ERROR_TEXT = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!)|Err:\d{3}")
_VALUE_ATTRIBUTES = ("value", "date-value", "time-value", "boolean-value", "string-value")


def error_cells(raw: bytes, suffix: str, sheet: str, nrows: int) -> Cells:
    """The error cells of ``sheet`` (rows up to ``nrows``) in the workbook ``raw`` of type ``suffix``."""
    reader = {".xlsx": _xlsx, ".xlsm": _xlsx, ".ods": _ods, ".xls": _xls}.get(suffix)
    if reader is None:
        return {}
    try:
        return reader(raw, sheet, nrows)
    except Exception:  # noqa: BLE001 - zip, XML and BIFF errors alike: calamine's reading stands
        return {}


# --------------------------------------------------------------------------- .xlsx / .xlsm


def _sheet_part(archive: zipfile.ZipFile, name: str) -> str | None:
    """The part of the workbook holding the sheet ``name`` (``xl/worksheets/sheet1.xml``)."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rid = next((s.get(f"{_REL}id") for s in book.iter(f"{_MAIN}sheet") if s.get("name") == name), None)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels.iter(f"{_PKG}Relationship") if r.get("Id") == rid), None)
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _xlsx(raw: bytes, sheet: str, nrows: int) -> Cells:
    found: Cells = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        part = _sheet_part(archive, sheet)
        if part is None:
            return {}
        with archive.open(part) as handle:
            for _, cell in ElementTree.iterparse(handle):
                if cell.tag != f"{_MAIN}c":
                    if cell.tag == f"{_MAIN}row":
                        cell.clear()
                    continue
                where = _CELL.fullmatch(cell.get("r") or "")
                value = cell.find(f"{_MAIN}v")
                formula = cell.find(f"{_MAIN}f")
                if where is None or int(where[2]) > nrows:
                    continue
                if cell.get("t") == "e":
                    text = (value.text if value is not None else None) or "#ERROR"
                elif formula is not None and (value is None or not value.text):
                    text = "=" + (formula.text or "")
                else:
                    continue
                column = 0
                for letter in where[1]:
                    column = column * 26 + ord(letter) - 64
                found[(int(where[2]), column)] = text
    return found


# --------------------------------------------------------------------------- .ods


def _ods_cell_error(cell: ElementTree.Element) -> str | None:
    formula = cell.get(f"{_TABLE}formula")
    shown = " ".join("".join(p.itertext()) for p in cell.iter(f"{_TEXT}p")).strip()
    if cell.get(f"{_CALCEXT}value-type") == "error":
        return shown or "#ERROR"
    if formula is None:
        return None
    if _ERROR_TEXT.fullmatch(shown):
        return shown
    if not shown and not any(cell.get(f"{_OFFICE}{a}") for a in _VALUE_ATTRIBUTES):
        return "=" + formula.split(":", 1)[-1].lstrip("=")   # ``of:=[.A1]/0`` -> ``=[.A1]/0``
    return None


def _ods_rows(table: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """The rows of a table, inside row groups and header rows too, in order."""
    for child in table:
        if child.tag == f"{_TABLE}table-row":
            yield child
        elif child.tag in (f"{_TABLE}table-row-group", f"{_TABLE}table-header-rows", f"{_TABLE}table-rows"):
            yield from _ods_rows(child)


def _ods(raw: bytes, sheet: str, nrows: int) -> Cells:
    found: Cells = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    table = next((t for t in root.iter(f"{_TABLE}table") if t.get(f"{_TABLE}name") == sheet), None)
    if table is None:
        return {}
    row_number = 0
    for row in _ods_rows(table):
        repeat_rows = int(row.get(f"{_TABLE}number-rows-repeated") or 1)
        if row_number >= nrows:
            break
        column = 0
        for cell in row:
            if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                continue
            repeat = int(cell.get(f"{_TABLE}number-columns-repeated") or 1)
            text = _ods_cell_error(cell)
            if text is not None:
                for r in range(row_number + 1, min(row_number + repeat_rows, nrows) + 1):
                    for c in range(column + 1, column + min(repeat, 1024) + 1):
                        found[(r, c)] = text
            column += repeat
        row_number += repeat_rows
    return found


# --------------------------------------------------------------------------- .xls


def _xls(raw: bytes, sheet: str, nrows: int) -> Cells:
    import xlrd

    book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    try:
        if sheet not in book.sheet_names():
            return {}
        grid = book.sheet_by_name(sheet)
        found: Cells = {}
        for r in range(min(grid.nrows, nrows)):
            for c, kind in enumerate(grid.row_types(r)):
                if kind == xlrd.XL_CELL_ERROR:
                    found[(r + 1, c + 1)] = xlrd.error_text_from_code.get(grid.cell_value(r, c), "#ERROR")
        return found
    finally:
        book.release_resources()
