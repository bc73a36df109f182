"""Findings as spreadsheets: CSV for French Excel, and XLSX (``check --format csv|xlsx``).

One row per finding, in report order, with the columns :data:`COLUMNS`:
convention, article, clause, parties, status, due (the latest permissible date),
acted (the date of an act: a power exercised, a prohibited act, a decision), message,
explanation (how the date was computed, one step per line in the cell).

- **CSV** is what French Excel opens with a double click: UTF-8 with a byte-order
  mark (without it Excel reads Windows-1252), ``;`` as the separator (Excel's
  list separator in a French locale), CRLF row ends, every field quoted when it
  holds ``;``, a quote or a line end; dates as ``YYYY-MM-DD``, which Excel reads
  as dates.
- **XLSX** (openpyxl): one sheet ``findings`` with a bold, frozen, filtered header;
  ``due`` and ``acted`` are real date cells (shown ``dd/mm/yyyy``), text cells are text.

**Formula injection** (a message quoting a party's text ``=HYPERLINK(…)``): in CSV,
a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` so that Excel shows it as text (OWASP's advice); in XLSX every text
cell is stored as a string, never a formula, whatever it starts with. Control
characters XML cannot hold are removed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from typing import Any, Iterable, Sequence

from clauses.findings import Finding
from clauses.i18n import localized
from clauses.output.report import CheckReport, sorted_findings

COLUMNS = ("convention", "article", "clause", "parties", "status", "due", "acted", "message", "explanation")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
SHEET = "findings"
DATE_FORMAT = "dd/mm/yyyy"


def rows(reports: Iterable[CheckReport], languages: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """One dict per finding of every report, in report order; ``due`` a date or None; messages and
    explanations in each report's language (``languages``, default English)."""
    reports = list(reports)
    langs = list(languages) if languages is not None else ["en"] * len(reports)
    out = []
    for report, lang in zip(reports, langs):
        for f in sorted_findings(report):
            out.append(row(report, f, lang))
    return out


def row(report: CheckReport, f: Finding, lang: str = "en") -> dict[str, Any]:
    return {
        "convention": report.convention_title,
        "article": f.article,
        "clause": f.clause,
        "parties": ", ".join(f.parties),
        "status": f.status.value,
        "due": f.due,
        "acted": f.acted,
        "message": localized(f.message, lang),
        "explanation": "\n".join(localized(line, lang) for line in f.explanation),
    }


def neutralise(text: str) -> str:
    """A CSV cell Excel will not take for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: Any) -> str:
    """A cell's text, without the control characters a spreadsheet cannot show (tab and line ends kept)."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "".join(c for c in str(value) if c in "\t\n\r" or unicodedata.category(c) != "Cc")


def render_csv(reports: Iterable[CheckReport], languages: Sequence[str] | None = None) -> bytes:
    """The findings as CSV bytes for French Excel (UTF-8 BOM, ``;``, CRLF)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows(reports, languages):
        writer.writerow([neutralise(_text(r[c])) for c in COLUMNS])
    return (BOM + buffer.getvalue()).encode("utf-8")


def render_xlsx(reports: Iterable[CheckReport], languages: Sequence[str] | None = None) -> bytes:
    """The findings as an XLSX workbook (bytes)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {c: len(c) for c in COLUMNS}
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, r in enumerate(rows(reports, languages), start=2):
        for index, column in enumerate(COLUMNS, start=1):
            value = r[column]
            cell = sheet.cell(row=number, column=index)
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = DATE_FORMAT
                widths[column] = max(widths[column], 10)
                continue
            text = ILLEGAL_CHARACTERS_RE.sub("", _text(value))
            cell.value = text
            cell.data_type = "s"  # text, never a formula: "=…" stays "=…"
            if "\n" in text:
                cell.alignment = wrap
            widths[column] = max(widths[column], min(60, max((len(x) for x in text.split("\n")), default=0)))
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths[column] + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, sheet.max_row)}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
