"""Writes the workbook fixtures of tests/test_events_registers.py (run it to regenerate them).

    python tests/data/events/make_workbooks.py     # needs odfpy and xlwt (not test dependencies)

- ``registre.ods`` -- an OpenDocument spreadsheet as LibreOffice users keep a register:
  a title row and a blank row above a French header, a "Notes" sheet first, the
  register in the sheet "Courriers 2020", day-first text dates, date cells, party names;
- ``registre.xls`` -- the same register in the Excel 97-2003 format, with a date merged
  over the two events of one meeting day.

Both hold the same five events (the expected events are in the test).

- ``erreurs.xls`` -- a register whose cells hold spreadsheet errors, as Excel 97-2003 saves
  them: ``#DIV/0!``, ``#REF!`` and ``#N/A`` cells among good rows (the expected
  diagnostics are in tests/test_events_registers.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = "Registre des courriers — convention PISCO"
HEADER = ["Date", "Événement", "Par", "À", "Objet", "Voie", "N°", "Réf.", "Reçu le"]
ROWS = [
    [dt.date(2020, 6, 11), "réunion_feuille_de_route", "ESH Habitations de Haute Provence", "ESH Famille & Provence",
     "feuille de route 2020-2021", "courriel", "FDR-2020", None, None],
    ["10/09/2020", "comité_pilotage", "h2p;fp", None, "comité de pilotage n°1", None, "COPIL-2020", None, None],
    ["10/09/2020", "réunion_feuille_de_route", "h2p;fp", None, "feuille de route 2020-2021 (suite)", None, "FDR-2020b",
     None, None],
    ["15 septembre 2020", "demande_modification", "ESH Famille & Provence", "h2p", "report des demi-journées",
     "LRAR", "DM-2020", None, "18/09/2020"],
    [dt.date(2020, 9, 25), "réponse_modification", "h2p", "fp", "accord", "recommandé AR", "RM-2020", "DM-2020",
     dt.date(2020, 9, 28)],
]


def write_ods(path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    notes = Table(name="Notes")
    row = TableRow()
    cell = TableCell(valuetype="string")
    cell.addElement(P(text="Tenu par le service des partenariats"))
    row.addElement(cell)
    notes.addElement(row)
    doc.spreadsheet.addElement(notes)
    sheet = Table(name="Courriers 2020")
    for values in [[TITLE], [], HEADER, *ROWS]:
        row = TableRow()
        for value in values:
            if value is None:
                row.addElement(TableCell())
            elif isinstance(value, dt.date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
                row.addElement(cell)
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
                row.addElement(cell)
        sheet.addElement(row)
    doc.spreadsheet.addElement(sheet)
    doc.save(str(path))


def write_xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("Notes").write(0, 0, "Tenu par le service des partenariats")
    sheet = book.add_sheet("Courriers 2020")
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    sheet.write(0, 0, TITLE)
    for c, value in enumerate(HEADER):
        sheet.write(2, c, value)
    for r, values in enumerate(ROWS, 3):
        for c, value in enumerate(values):
            if r in (4, 5) and c == 0:
                continue  # the merged date of rows 5-6 (the meeting day of two events), below
            if isinstance(value, dt.date):
                sheet.write(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    sheet.write_merge(4, 5, 0, 0, "10/09/2020")
    book.save(str(path))


ERROR_CODES = {"#DIV/0!": 0x07, "#REF!": 0x17, "#N/A": 0x2A}
#: the register with error cells (strings starting with `#` are written as error cells)
ERROR_ROWS = [
    ["date", "event", "by"],
    ["2022-02-15", "comité_pilotage", "h2p"],
    ["#N/A", "#N/A", "#N/A"],
    ["2022-02-16", "#DIV/0!", "fp"],
    ["#REF!", "intentions", "fp"],
    ["2022-02-18", "intentions", "fp"],
]


def write_errors_xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Registre")
    for r, values in enumerate(ERROR_ROWS):
        for c, value in enumerate(values):
            if value.startswith("#"):
                sheet.row(r).set_cell_error(c, ERROR_CODES[value])
            else:
                sheet.write(r, c, value)
    book.save(str(path))


if __name__ == "__main__":
    write_ods(HERE / "registre.ods")
    write_xls(HERE / "registre.xls")
    write_errors_xls(HERE / "erreurs.xls")
