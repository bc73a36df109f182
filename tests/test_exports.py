"""Findings exported to CSV (for French Excel) and XLSX, read back as Excel would read them.

French Excel opens a CSV with a double click when it is UTF-8 with a byte-order mark and
`;`-separated; an XLSX must carry dates as dates and text as text -- never a formula, since
messages quote what parties wrote in their registers (formula injection)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from typer.testing import CliRunner

import clauses
from clauses.cli import app
from clauses.output.exports import COLUMNS, render_csv, render_xlsx
from conftest import ROOT

runner = CliRunner()
RULES = ROOT / "rules" / "000_pisco_manosque.clauses"
LOG = ROOT / "examples" / "000_pisco_manosque" / "breaches.csv"
HOSTILE = ["=HYPERLINK(\"http://evil\",\"clic\")", "+33 1 23", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "=1+1\x07"]


@pytest.fixture(scope="module")
def report():
    return clauses.check(RULES, LOG, as_of="2022-03-01")


@pytest.fixture(scope="module")
def hostile(report):
    findings = tuple(dataclasses.replace(f, message=text) for f, text in zip(report.findings, HOSTILE))
    return dataclasses.replace(report, findings=findings + report.findings[len(HOSTILE):])


def read_like_french_excel(data: bytes) -> list[list[str]]:
    """What Excel (fr-FR) does: a BOM means UTF-8, the list separator is `;`."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_csv_for_french_excel(report) -> None:
    data = render_csv([report])
    rows = read_like_french_excel(data)
    assert rows[0] == list(COLUMNS)
    # 22 findings and the header; since issue 9 item 7 the reply the request by email of 2020-04-20
    # never triggered (art. 10) is listed as not triggered: 23 findings
    assert len(rows) == 1 + len(report.findings) == 24
    assert b"\r\n" in data and data.count(b"\r\n") >= len(rows)
    first = dict(zip(COLUMNS, rows[1]))
    # the first breach: art. 15, a communication to a third party on 2020-01-30 (a prohibited act: no due date)
    assert first == first | {"convention": report.convention_title, "article": "15", "clause": "confidentialité",
                             "parties": "h2p", "status": "breach", "due": "", "acted": "2020-01-30"}
    assert "Intérêt" in first["convention"]  # accents survive
    intentions = next(dict(zip(COLUMNS, r)) for r in rows[1:] if r[2] == "intentions" and r[4] == "upcoming")
    assert intentions["due"] == "2022-03-25" and "\n" in intentions["explanation"]
    assert "6 months before the anchor" in intentions["explanation"]


def test_csv_neutralises_formulas(hostile) -> None:
    rows = read_like_french_excel(render_csv([hostile]))
    messages = [r[COLUMNS.index("message")] for r in rows[1:1 + len(HOSTILE)]]
    for cell, original in zip(messages, HOSTILE):
        assert cell.startswith("'") and cell[1:] == original.replace("\x07", "")[: len(cell) - 1]
    assert all(not r[i].startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for i in range(len(COLUMNS)))


def test_xlsx_read_back(report) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx([report])))
    sheet = book["findings"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS and len(rows) == 24   # see test_csv_for_french_excel
    # a prohibited act has no latest date (due is empty); its date is `acted`
    acted = sheet.cell(row=2, column=COLUMNS.index("acted") + 1)
    assert acted.is_date and acted.value == dt.datetime(2020, 1, 30) and acted.number_format == "dd/mm/yyyy"
    assert sheet.cell(row=2, column=COLUMNS.index("due") + 1).value in (None, "")
    due = next(sheet.cell(row=r, column=COLUMNS.index("due") + 1) for r in range(2, 24)
               if sheet.cell(row=r, column=3).value == "intentions")
    assert due.is_date and due.value == dt.datetime(2022, 3, 25) and due.number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I24"
    assert rows[1][:5] == (report.convention_title, "15", "confidentialité", "h2p", "breach")


def test_xlsx_never_holds_a_formula(hostile) -> None:
    data = render_xlsx([hostile])
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["findings"]
    messages = [sheet.cell(row=n, column=COLUMNS.index("message") + 1) for n in range(2, 2 + len(HOSTILE))]
    # (XML reads a carriage return as a line feed)
    assert [c.value for c in messages] == [h.replace("\x07", "").replace("\r", "\n") for h in HOSTILE]
    assert all(c.data_type == "s" for c in messages)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


def test_cli_exports(tmp_path) -> None:
    out = tmp_path / "constats.xlsx"
    result = runner.invoke(app, ["check", str(RULES), str(LOG), "--as-of", "2022-03-01", "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert openpyxl.load_workbook(out)["findings"].max_row == 24
    result = runner.invoke(app, ["check", str(RULES), str(LOG), "--as-of", "2022-03-01", "-f", "csv"])
    assert result.exit_code == 1 and len(read_like_french_excel(result.stdout_bytes)) == 24
    result = runner.invoke(app, ["check", str(RULES), str(LOG), "--as-of", "2022-03-01", "-f", "csv",
                                 "-o", str(tmp_path / "no" / "such" / "dir.csv")])
    assert result.exit_code == 2 and "impossible d'écrire" in result.output   # the `langue fr.` of the rules


def test_portfolio_export_has_every_convention(tmp_path) -> None:
    result = runner.invoke(app, ["check", str(ROOT / "examples" / "portfolio.yaml"), "-f", "csv"])
    rows = read_like_french_excel(result.stdout_bytes)
    assert len({r[0] for r in rows[1:]}) == 5
