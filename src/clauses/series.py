"""Published series: values per period (the legal interest rates per half-year, an index per
quarter) read from a CSV file of the project, with the source of each row.

The file has a header row. Columns: ``du``/``from`` (the first day of the period, ISO date),
``au``/``to`` (its last day; empty: until the day before the next row), ``publié``/``published``
(the day the value was published, optional), ``source`` (where the value was checked: an arrêté,
a Journal officiel notice; required on every row) and one column per value (``particuliers``,
``autres_cas``, ``icc``), decimals with a comma or a point, empty when not known. Rows are sorted
by their start and may not overlap. A file a clause names is read only inside the project
(:func:`clauses.confine.confine_project_path`): its name is relative to the rules file.

Shared by the engine (interest, ``evaluation/interest.py``) and the lint checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from clauses.files import Refused, read_regular
from clauses.i18n import tr

MAX_BYTES = 4 * 1024 * 1024
START, END, PUBLISHED, SOURCE = ("du", "from"), ("au", "to"), ("publié", "publie", "published"), ("source",)


@dataclass(frozen=True)
class Row:
    start: dt.date
    end: dt.date
    published: dt.date | None
    values: dict[str, Decimal | None]
    source: str
    line: int


@dataclass(frozen=True)
class Series:
    path: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    problems: tuple[tuple[int, str], ...] = field(default=())   # (line, message)

    def on(self, day: dt.date) -> Row | None:
        """The row whose period holds ``day``."""
        return next((r for r in self.rows if r.start <= day <= r.end), None)

    def last_published(self, day: dt.date) -> Row | None:
        """The latest row published on or before ``day`` (rows without a publication date: by their end)."""
        known = [r for r in self.rows if (r.published or r.end) <= day]
        return max(known, key=lambda r: r.start, default=None)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip()[:10])


def _number(text: str) -> Decimal | None:
    text = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".").rstrip("%")
    if not text:
        return None
    return Decimal(text)


def parse(text: str, path: str = "") -> Series:
    """A series from the text of its CSV file; every bad row is a problem, never an exception."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    problems: list[tuple[int, str]] = []
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return Series(path, (), (), ((1, tr("the series file is empty")),))
    def col(names: tuple[str, ...]) -> int | None:
        return next((i for i, h in enumerate(header) if h in names), None)
    at_start, at_end, at_pub, at_source = col(START), col(END), col(PUBLISHED), col(SOURCE)
    if at_start is None or at_source is None:
        return Series(path, (), (), ((1, tr("the header must name the columns `du` (or `from`) and `source`")),))
    fixed = {i for i in (at_start, at_end, at_pub, at_source) if i is not None}
    columns = tuple(h for i, h in enumerate(header) if i not in fixed and h)
    raw: list[tuple[int, dt.date, dt.date | None, dt.date | None, dict[str, Decimal | None], str]] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        try:
            start = _date(cells[at_start])
            end = _date(cells[at_end]) if at_end is not None and cells[at_end].strip() else None
            published = _date(cells[at_pub]) if at_pub is not None and cells[at_pub].strip() else None
        except ValueError:
            problems.append((number, tr("a date of this row is not a date (YYYY-MM-DD)")))
            continue
        try:
            values = {h: _number(cells[i]) for i, h in enumerate(header) if i not in fixed and h}
        except InvalidOperation:
            problems.append((number, tr("a value of this row is not a number")))
            continue
        if not cells[at_source].strip():
            problems.append((number, tr("this row cites no source: say where its value was published")))
        raw.append((number, start, end, published, values, cells[at_source].strip()))
    raw.sort(key=lambda r: r[1])
    rows: list[Row] = []
    for i, (number, start, end, published, values, source) in enumerate(raw):
        nxt = raw[i + 1][1] if i + 1 < len(raw) else None
        last = end or ((nxt - dt.timedelta(days=1)) if nxt else dt.date.max)
        if last < start:
            problems.append((number, tr("this row ends before it starts")))
            continue
        if rows and start <= rows[-1].end:
            problems.append((number, tr("this row's period overlaps the row of line {line}", line=rows[-1].line)))
            continue
        rows.append(Row(start, last, published, values, source, number))
    return Series(path, columns, tuple(rows), tuple(problems))


@lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int, size: int) -> Series:
    return parse(read_regular(path, "series file", MAX_BYTES).decode("utf-8-sig"), path)


def read(path: str | Path) -> Series:
    """The series of a file (read once per version of the file); :class:`Refused` when it cannot be read."""
    try:
        stat = Path(path).stat()
    except OSError as err:
        raise Refused(tr("series file {path} cannot be read: {err}", path=str(path), err=err.strerror or err))
    return _read(str(path), stat.st_mtime_ns, stat.st_size)
