"""Build ``breaches.xlsx`` (the register as staff export it from Excel) from ``breaches.csv``.

The .xlsx is not committed: ``breaches.csv`` is the readable source, and this
script turns it into the workbook the example is meant to be read from.

    python examples/003_ccas_dijon_adoma/make_xlsx.py [OUT.xlsx]

One sheet named ``events``, the CSV header as its first row, ``date`` and
``received`` as real Excel date cells (number format ``yyyy-mm-dd``, no time),
every other cell as text; empty CSV cells stay empty. ``by``/``to`` keep the
``;``-separated party ids, as in the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "breaches.csv"
DATE_COLUMNS = {"date", "received"}


def build(source: Path = SOURCE, target: Path = HERE / "breaches.xlsx") -> Path:
    """Write ``target`` from the CSV ``source``; return ``target``."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    book = Workbook()
    sheet = book.active
    sheet.title = "events"
    sheet.append(header)
    for r, row in enumerate(body, start=2):
        for c, (name, raw) in enumerate(zip(header, row), start=1):
            value = raw.strip()
            if not value:
                continue
            cell = sheet.cell(row=r, column=c)
            if name in DATE_COLUMNS:
                cell.value = dt.date.fromisoformat(value)
                cell.number_format = "yyyy-mm-dd"
            else:
                cell.value = value
                cell.data_type = "s"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


if __name__ == "__main__":
    out = build(target=Path(sys.argv[1])) if len(sys.argv) > 1 else build()
    print(out)
