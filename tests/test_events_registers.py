"""Registers as staff export them (issue 13, items 1-4): French headers, mapped values,
day-first dates, workbooks with title rows and several sheets (.xlsx, .ods, .xls), and a
log that cannot be read giving no report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app
from clauses.events import RegisterSettings, read_events, register_settings
from clauses.events.mapping import normalise
from clauses.language.load import load
from clauses.lint.config import ConfigError

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "events"
SEED = ROOT / "rules" / "000_pisco_manosque.clauses"
openpyxl = pytest.importorskip("openpyxl")
runner = CliRunner()


@pytest.fixture(scope="module")
def pisco() -> RegisterSettings:
    """The settings `clauses check` uses for seed 000: its parties' full names read as their ids."""
    return register_settings(load(SEED).convention)


def summary(events) -> list[tuple]:
    return [(e.row, e.date.isoformat(), e.time.isoformat() if e.time else None, e.event, e.by, e.to, e.via, e.id,
             e.ref, e.attrs) for e in events]


# --------------------------------------------------------------------------- headers and values


FRENCH_EXCEL = (
    "Date;Événement;Par;À;Objet;Voie;N°;Réf.;Reçu le\r\n"
    "15/02/2022;demande_modification;ESH Famille & Provence;h2p;report;LRAR;DM-1;;18/02/2022\r\n"
    "01/03/2022 14:30;réponse_modification;ESH Habitations de Haute Provence;fp;accord;recommandé AR;RM-1;DM-1;\r\n"
    "2 mars 2022;comité_pilotage;h2p;fp;comité n°2;mail;;;\r\n"
)
EXPECTED_FRENCH = [
    # 15/02/2022 can only be day first (there is no month 15): every numeric date of the log is day first
    (2, "2022-02-15", None, "demande_modification", ("fp",), ("h2p",), "lrar", "DM-1", None,
     {"received": "2022-02-18"}),
    (3, "2022-03-01", "14:30:00", "réponse_modification", ("h2p",), ("fp",), "lrar", "RM-1", "DM-1", {}),
    (4, "2022-03-02", None, "comité_pilotage", ("h2p",), ("fp",), "email", None, None, {}),
]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_french_excel_csv_reads_as_written(tmp_path: Path, encoding: str, pisco: RegisterSettings) -> None:
    path = tmp_path / "registre.csv"
    path.write_bytes(FRENCH_EXCEL.encode(encoding))
    events, diags = read_events(path, pisco)
    assert summary(events) == EXPECTED_FRENCH
    # Windows-1252 is read, with a warning at the first byte that is not UTF-8 (the É of the header)
    assert [(d.code, d.span.line) for d in diags] == ([("E011", 1)] if encoding == "cp1252" else [])


@pytest.mark.parametrize("header, field", [
    ("Date", "date"), ("Événement", "event"), ("Evenement", "event"), ("Type", "event"), ("Par", "by"),
    ("Émetteur", "by"), ("Expéditeur", "by"), ("À", "to"), ("Destinataire", "to"), ("Objet", "subject"),
    ("Voie", "via"), ("Moyen", "via"), ("N°", "id"), ("Identifiant", "id"), ("Réf.", "ref"),
    ("En réponse à", "ref"), ("Reçu le", "received"), ("Représentants", "representatives"),
    ("Event", "event"), ("SUBJECT", "subject"), ("  date  ", "date"),
])
def test_header_synonyms(header: str, field: str) -> None:
    assert RegisterSettings().field_of(header) == field


def test_unknown_headers_are_kept_as_written() -> None:
    assert RegisterSettings().field_of(" Montant TTC ") == "Montant TTC"
    assert normalise("  Réf. ") == "ref" and normalise("N°") == "no"


def test_two_headers_naming_one_field_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Date,Événement,Le\n2022-02-15,vote,2022-02-16\n", encoding="utf-8")
    events, diags = read_events(path)
    assert [e.date for e in events] == [dt.date(2022, 2, 15)]
    assert [d.code for d in diags] == ["E010"]
    assert "columns `Date` and `Le` both name `date`" in diags[0].message


def test_column_and_value_mapping_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.clauses.register]\n"
        "columns = { \"Date d'envoi\" = \"date\", \"Nature du courrier\" = \"event\", \"Émis par\" = \"by\" }\n"
        "via = { \"Chronopost\" = \"registered\" }\n"
        "parties = { \"123 456 789 00012\" = \"h2p\", \"F&P\" = \"fp\" }\n"
        "dates = \"day-first\"\n", encoding="utf-8")
    log = tmp_path / "registre.csv"
    log.write_text("Date d'envoi;Nature du courrier;Émis par;Voie\n"
                   "03/04/2022;intentions;123 456 789 00012;Chronopost\n"
                   "05/04/2022;intentions;f&p;lettre\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from clauses.lint.config import load_config

    settings = register_settings(load(SEED).convention, config=load_config())
    events, diags = read_events(log, settings)
    assert diags == []
    # dates = "day-first": 03/04/2022 is 3 April (no date of the log could have decided it)
    assert [(e.date, e.by, e.via) for e in events] == [(dt.date(2022, 4, 3), ("h2p",), "registered"),
                                                       (dt.date(2022, 4, 5), ("fp",), "letter")]
    result = runner.invoke(app, ["check", str(SEED), str(log), "--as-of", "2022-05-01", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["events_read"] == 2


def test_mapping_file_and_dates_option(tmp_path: Path) -> None:
    mapping = tmp_path / "registre.toml"
    mapping.write_text("[register]\ncolumns = { \"Quand\" = \"date\", \"Quoi\" = \"event\" }\n", encoding="utf-8")
    log = tmp_path / "registre.csv"
    log.write_text("Quand,Quoi,Par\n03/04/2022,intentions,h2p\n", encoding="utf-8")
    ambiguous = runner.invoke(app, ["check", str(SEED), str(log), "--as-of", "2022-05-01", "--mapping", str(mapping),
                                    "--lang", "en"])
    assert ambiguous.exit_code == 2 and "can be read day first or month first" in ambiguous.output
    result = runner.invoke(app, ["check", str(SEED), str(log), "--as-of", "2022-05-01", "--mapping", str(mapping),
                                 "--dates", "month-first", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["events_read"] == 1
    events, _ = read_events(log, register_settings(None, mapping, dates="month-first"))
    assert [e.date for e in events] == [dt.date(2022, 3, 4)]


@pytest.mark.parametrize("table, says", [
    ("columns = { \"Quand\" = \"dat\" }", "mapped to `dat`, which is not a field"),
    ("via = { \"Fax\" = \"fax\" }", "the channel `fax`, which does not exist"),
    ("dates = \"european\"", "`dates` must be one of auto, iso, day-first, month-first"),
    ("colums = {}", "unknown key `colums`"),
])
def test_bad_settings_are_configuration_errors(tmp_path: Path, table: str, says: str) -> None:
    mapping = tmp_path / "m.toml"
    mapping.write_text(table + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=says.replace("(", r"\(")):
        register_settings(None, mapping)
    log = tmp_path / "r.csv"
    log.write_text("date,event\n2022-01-01,intentions\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(SEED), str(log), "--mapping", str(mapping), "--lang", "en"])
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_party_full_names_and_siret_read_as_ids(tmp_path: Path, pisco: RegisterSettings) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"Date": "2022-01-10", "Événement": "intentions",
                                "Par": "esh  famille & PROVENCE", "À": ["ESH Habitations de Haute Provence",
                                                                        "Cabinet Dupont"]}) + "\n",
                    encoding="utf-8")
    (event,), diags = read_events(path, pisco)
    assert diags == []
    assert event.by == ("fp",) and event.to == ("h2p", "Cabinet Dupont")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("text, date, time", [
    ("15/02/2022", dt.date(2022, 2, 15), None),
    ("15/02/2022 14:30", dt.date(2022, 2, 15), dt.time(14, 30)),
    ("15/02/2022 à 14h30", dt.date(2022, 2, 15), dt.time(14, 30)),
    ("15.02.2022", dt.date(2022, 2, 15), None),
    ("15 février 2022", dt.date(2022, 2, 15), None),
    ("15 fevrier 2022", dt.date(2022, 2, 15), None),
    ("1er mars 2022", dt.date(2022, 3, 1), None),
    ("mardi 15 février 2022", dt.date(2022, 2, 15), None),
    ("15 Feb 2022", dt.date(2022, 2, 15), None),
    ("2022-02-15", dt.date(2022, 2, 15), None),
])
def test_day_first_dates(tmp_path: Path, text: str, date: dt.date, time: dt.time | None) -> None:
    path = tmp_path / "r.csv"
    path.write_text(f"date;event\n{text};vote\n", encoding="utf-8")
    (event,), diags = read_events(path)
    assert diags == [] and (event.date, event.time) == (date, time)


def test_ambiguous_log_is_one_error_naming_the_row_that_proves_it(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("date,event\n2022-01-05,vote\n05/02/2022,vote\n01/01/2022,vote\n07/03/2022,vote\n",
                    encoding="utf-8")
    events, diags = read_events(path)
    # 01/01/2022 reads the same either way: kept; 05/02 and 07/03 wait for the order
    assert [e.date for e in events] == [dt.date(2022, 1, 1), dt.date(2022, 1, 5)]
    (diag,) = diags
    assert (diag.code, diag.span.line, diag.span.column) == ("E003", 3, 1)
    assert "line 3 has 05/02/2022, which is February 5 read day first and May 2 read month first" in diag.message
    assert diag.notes == ("2 rows not read until the order is known: lines 3, 5",)
    assert "--dates day-first" in diag.hint
    events, diags = read_events(path, RegisterSettings(dates="day-first"))
    assert diags == [] and [e.date for e in events][-1] == dt.date(2022, 3, 7)


def test_day_and_month_first_in_one_log_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("date,event\n15/02/2022,vote\n02/15/2022,vote\n03/04/2022,vote\n", encoding="utf-8")
    events, diags = read_events(path)
    # each date that can be read only one way is read; 03/04 cannot be
    assert [e.date for e in events] == [dt.date(2022, 2, 15), dt.date(2022, 2, 15)]
    assert [(d.code, d.span.line) for d in diags] == [("E003", 3)]
    assert "line 2 has 15/02/2022 (day first) and line 3 has 02/15/2022 (month first)" in diags[0].message


def test_evidence_of_one_date_column_holds_for_the_others(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("date,event,received\n03/04/2022,vote,18/04/2022\n", encoding="utf-8")
    (event,), diags = read_events(path)
    assert diags == [] and event.date == dt.date(2022, 4, 3) and event.attrs["received"] == "2022-04-18"


def test_iso_setting_keeps_the_iso_hints(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("date,event\n31/12/2021,vote\n", encoding="utf-8")
    events, diags = read_events(path, RegisterSettings(dates="iso"))
    assert events == [] and "write 2021-12-31" in diags[0].hint


def test_impossible_day_first_date(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("date,event\n30/02/2022,vote\n15/03/2022,vote\n", encoding="utf-8")
    events, diags = read_events(path)
    assert [e.date for e in events] == [dt.date(2022, 3, 15)]
    assert "30/02/2022 is not a date: February 2022 has 28 days" in diags[0].message


# --------------------------------------------------------------------------- workbooks

EXPECTED_WORKBOOK = [  # tests/data/events/make_workbooks.py: title row 1, blank row 2, header row 3
    (4, "2020-06-11", None, "réunion_feuille_de_route", ("h2p",), ("fp",), "email", "FDR-2020", None, {}),
    (5, "2020-09-10", None, "comité_pilotage", ("h2p", "fp"), (), None, "COPIL-2020", None, {}),
    (6, "2020-09-10", None, "réunion_feuille_de_route", ("h2p", "fp"), (), None, "FDR-2020b", None, {}),
    (7, "2020-09-15", None, "demande_modification", ("fp",), ("h2p",), "lrar", "DM-2020", None,
     {"received": "2020-09-18"}),
    (8, "2020-09-25", None, "réponse_modification", ("h2p",), ("fp",), "lrar", "RM-2020", "DM-2020",
     {"received": "2020-09-28"}),
]


@pytest.mark.parametrize("name", ["registre.ods", "registre.xls"])
def test_ods_and_xls_registers(name: str, pisco: RegisterSettings) -> None:
    """A title row above the header, the register on its second sheet, party names, mapped channels,
    day-first text dates next to date cells; in the .xls, one date merged over two rows."""
    events, diags = read_events(DATA / name, pisco)
    assert diags == []
    assert summary(events) == EXPECTED_WORKBOOK


def _xlsx(path: Path, sheets: dict[str, list[list]], merge: str | None = None) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if merge and title == list(sheets)[-1]:
            sheet.merge_cells(merge)
    book.save(path)
    return path


def test_xlsx_with_a_title_row_merged_date_and_empty_cells(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "r.xlsx", {"Registre": [
        ["Suivi de la convention PISCO", None, None],
        [None, None, None],
        ["Date", "Événement", "Par", None, "Montant"],
        [dt.date(2022, 2, 15), "comité_pilotage", "h2p;fp", None, 1500],
        [None, "réunion_feuille_de_route", "h2p"],
        [None, None, None],
        ["16/02/2022", "intentions", "fp", None, 250.5],
    ]}, merge="A4:A5")
    events, diags = read_events(path)
    assert diags == []
    assert [(e.row, e.date, e.event, e.attrs) for e in events] == [
        (4, dt.date(2022, 2, 15), "comité_pilotage", {"Montant": 1500}),
        (5, dt.date(2022, 2, 15), "réunion_feuille_de_route", {}),   # the merged date
        (7, dt.date(2022, 2, 16), "intentions", {"Montant": 250.5}),
    ]


def test_sheet_chosen_by_name(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "r.xlsx", {
        "2021": [["date", "event"], ["2021-03-01", "intentions"]],
        "2022": [["date", "event"], ["2022-03-01", "intentions"]],
    })
    assert [e.date.year for e in read_events(path)[0]] == [2021]   # the first sheet with a header
    assert [e.date.year for e in read_events(path, RegisterSettings(sheet="2022"))[0]] == [2022]
    events, diags = read_events(path, RegisterSettings(sheet="2023"))
    assert events == [] and diags[0].code == "E001"
    assert "has no sheet named `2023`" in diags[0].message and "`2021`, `2022`" in diags[0].hint


def test_sheet_named_like_a_register_is_preferred(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "r.xlsx", {
        "Brouillon": [["date", "event"], ["2021-03-01", "intentions"]],
        "Journal": [["date", "event"], ["2022-03-01", "intentions"]],
    })
    assert [e.date.year for e in read_events(path)[0]] == [2022]


# --------------------------------------------------------------------------- a log that cannot be read


@pytest.mark.parametrize("name", ["nope.csv", "nope.xlsx", "nope.ods"])
def test_missing_log_is_exit_2_with_no_report(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["check", str(SEED), str(tmp_path / name), "--as-of", "2022-03-01", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"event log {tmp_path / name} does not exist" in result.stderr
    assert "Breaches" not in result.output and "breach" not in result.output.lower()


def test_header_without_required_columns_is_exit_2_with_no_report(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Quand,Quoi\n2022-01-01,intentions\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(SEED), str(path), "--as-of", "2022-03-01", "--format", "json", "--lang", "en"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "error[E007]" in result.stderr and "nothing was checked" in result.stderr


def test_spreadsheet_errors_are_diagnostics_with_their_cell(tmp_path: Path) -> None:
    """calamine reads error cells (`#N/A`, `#DIV/0!`) and formulas never computed as empty: a row of
    only `#N/A` would vanish and a `#DIV/0!` event would read as a missing field. Each is reported
    with its sheet, row and column, and the other rows are kept."""
    path = _xlsx(tmp_path / "r.xlsx", {"Registre": [
        ["date", "event", "by"],
        ["2022-02-15", "comité_pilotage", "h2p"],
        ["#N/A", "#N/A", "#N/A"],                       # openpyxl writes these as error cells (t="e")
        ["2022-02-16", "#DIV/0!", "fp"],
        ["2022-02-17", "=CONCAT(\"inten\", \"tions\")", "fp"],   # a formula no spreadsheet computed
        ["2022-02-18", "intentions", "fp"],
    ]})
    import python_calamine

    raw = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Registre").to_python()
    assert raw[2] == ["", "", ""] and raw[3][1] == "" and raw[4][1] == ""   # what calamine gives
    events, diags = read_events(path)
    assert [(e.row, e.event) for e in events] == [(2, "comité_pilotage"), (6, "intentions")]
    got = [(d.code, d.span.line, d.span.column, d.message) for d in diags]
    assert got == [
        ("E010", 3, 1, "field `date` (cell A3 of sheet `Registre`) holds the spreadsheet error `#N/A`: "
                       "the row is not read"),
        ("E010", 3, 2, "field `event` (cell B3 of sheet `Registre`) holds the spreadsheet error `#N/A`: "
                       "the row is not read"),
        ("E010", 3, 3, "field `by` (cell C3 of sheet `Registre`) holds the spreadsheet error `#N/A`: "
                       "the row is not read"),
        ("E010", 4, 2, "field `event` (cell B4 of sheet `Registre`) holds the spreadsheet error `#DIV/0!`: "
                       "the row is not read"),
        ("E010", 5, 2, "field `event` (cell B5 of sheet `Registre`) holds a formula with no computed value "
                       "(`=CONCAT(\"inten\", \"tions\")`): the row is not read"),
    ]
    assert "export the register again" in diags[0].hint and "save it" in diags[-1].hint
    assert diags[0].message.localized("fr").startswith("le champ `date` (cellule A3 de la feuille `Registre`)")


def _ods(path: Path, sheet: str, rows: list[list[str]]) -> Path:
    """An .ods as LibreOffice saves one: a cell whose formula gives an error has
    `calcext:value-type="error"` and shows the error (a number error keeps `office:value="0"`,
    which calamine reads as 0); a formula never computed has neither a value nor a text."""
    import zipfile

    def cell(value: str) -> str:
        if value.startswith("#"):
            kind = 'office:value-type="float" office:value="0"' if value == "#DIV/0!" else 'office:string-value=""'
            return (f'<table:table-cell table:formula="of:=1/0" {kind} calcext:value-type="error">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        if value.startswith("="):
            return f'<table:table-cell table:formula="of:{value}"/>'
        return f'<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    body += '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def _error(cell: str, field: str, error: str) -> str:
    return f"field `{field}` (cell {cell} of sheet `Registre`) holds the spreadsheet error `{error}`: the row is not read"


def test_spreadsheet_errors_in_an_ods_register(tmp_path: Path) -> None:
    """In .ods, calamine reads a number error (`#DIV/0!`) as 0 and a string error (`#N/A`) or a
    formula never computed as empty: each is found in content.xml and reported with its cell."""
    path = _ods(tmp_path / "r.ods", "Registre", [
        ["date", "event", "by", "montant"],
        ["2022-02-15", "comité_pilotage", "h2p", "10"],
        ["#N/A", "#N/A", "#N/A", "10"],
        ["2022-02-16", "intentions", "fp", "#DIV/0!"],      # an attribute: read as 0 by calamine
        ["2022-02-17", "=[.Z99]", "fp", "10"],              # a formula no spreadsheet computed
        ["2022-02-18", "intentions", "fp", "10"],
    ])
    import python_calamine

    raw = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Registre").to_python()
    assert raw[2][:3] == ["", "", ""] and raw[3][3] == 0.0 and raw[4][1] == ""   # what calamine gives
    events, diags = read_events(path)
    assert [(e.row, e.event) for e in events] == [(2, "comité_pilotage"), (6, "intentions")]
    assert [(d.code, d.span.line, d.span.column, d.message) for d in diags] == [
        ("E010", 3, 1, _error("A3", "date", "#N/A")),
        ("E010", 3, 2, _error("B3", "event", "#N/A")),
        ("E010", 3, 3, _error("C3", "by", "#N/A")),
        ("E010", 4, 4, _error("D4", "montant", "#DIV/0!")),
        ("E010", 5, 2, "field `event` (cell B5 of sheet `Registre`) holds a formula with no computed value "
                       "(`=[.Z99]`): the row is not read"),
    ]


def test_spreadsheet_errors_in_an_xls_register() -> None:
    """tests/data/events/erreurs.xls (make_workbooks.py): error cells as Excel 97-2003 saves them
    (BIFF BOOLERR records), which calamine reads as empty; xlrd tells which they are."""
    import python_calamine

    path = DATA / "erreurs.xls"
    raw = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Registre").to_python()
    assert raw[2] == ["", "", ""] and raw[3][1] == "" and raw[4][0] == ""   # what calamine gives
    events, diags = read_events(path)
    assert [(e.row, e.event) for e in events] == [(2, "comité_pilotage"), (6, "intentions")]
    assert [(d.code, d.span.line, d.span.column, d.message) for d in diags] == [
        ("E010", 3, 1, _error("A3", "date", "#N/A")),
        ("E010", 3, 2, _error("B3", "event", "#N/A")),
        ("E010", 3, 3, _error("C3", "by", "#N/A")),
        ("E010", 4, 2, _error("B4", "event", "#DIV/0!")),
        ("E010", 5, 1, _error("A5", "date", "#REF!")),
    ]


def test_error_cells_of_an_unreadable_part_are_none() -> None:
    from clauses.events.cellerrors import error_cells

    assert error_cells(b"not a zip", ".ods", "Registre", 10) == {}
    assert error_cells(b"not an xls", ".xls", "Registre", 10) == {}
    assert error_cells((DATA / "erreurs.xls").read_bytes(), ".xls", "Absente", 10) == {}
