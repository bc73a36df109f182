"""Safe to run on hostile files (issue 11, items 3, 4, 5, 8, 9, 10 and the reader half of 6).

Non-regular files refused before a byte is read, sizes bounded before and while reading
(zip bombs), every reader linear, one bad row never costing the others, values that
cannot be right reported, and messages that say what really happened.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app
from clauses.events import RegisterSettings, read_events
from clauses.files import MB, Limits, Refused, check_archive, read_regular

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "000_pisco_manosque.clauses"
LOG = ROOT / "examples" / "000_pisco_manosque" / "breaches.csv"
runner = CliRunner()
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


# --------------------------------------------------------------------------- non-regular files (item 3)


@pytest.fixture
def fifo(tmp_path: Path):
    def make(name: str) -> Path:
        path = tmp_path / name
        os.mkfifo(path)
        return path
    return make


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """A real process with a timeout: a FIFO that is opened for reading would hang it."""
    return subprocess.run([sys.executable, "-m", "clauses", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd)


@needs_fifo
@pytest.mark.parametrize("name", ["log.csv", "log.jsonl", "log.yaml", "log.xlsx", "log.ods"])
def test_fifo_as_log_is_refused(fifo, name: str) -> None:
    done = _run("check", str(SEED), str(fifo(name)), "--as-of", "2022-03-01", "--lang", "en")
    assert done.returncode == 2, done.stderr
    assert "is a named pipe (FIFO), not a regular file: it is not read" in done.stderr
    assert done.stdout == ""


@needs_fifo
def test_fifo_as_rules_file_is_refused(fifo) -> None:
    path = fifo("rules.clauses")
    done = _run("lint", str(path), "--format", "concise")
    assert done.returncode == 2 and "named pipe (FIFO)" in done.stdout + done.stderr
    done = _run("check", str(path), str(LOG))
    assert done.returncode == 2 and "named pipe (FIFO)" in done.stderr


@needs_fifo
def test_fifo_as_scenario_and_as_journal_is_refused(fifo, tmp_path: Path) -> None:
    done = _run("test", str(fifo("x.scenario.yaml")))
    assert done.returncode == 2 and "scenario file" in done.stdout and "named pipe (FIFO)" in done.stdout
    fifo("journal.csv")
    # a project of its own: the scenario's paths must stay inside it (confinement, issue 11 item 1)
    (tmp_path / ".git").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / SEED.name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "conventions").mkdir()
    text = ROOT / "conventions" / "000_pisco_manosque.txt"
    (tmp_path / "conventions" / text.name).write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
    scenario = tmp_path / "j.scenario.yaml"
    scenario.write_text(f"convention: rules/{SEED.name}\njournal: journal.csv\nau: 2022-03-01\n"
                        "attendu:\n  - {statut: manquement}\n", encoding="utf-8")
    done = _run("test", str(scenario), "--lang", "en", cwd=tmp_path)
    assert "named pipe (FIFO)" in done.stdout, done.stdout
    french = _run("test", str(scenario), cwd=tmp_path)   # the rules say `langue fr.`: so does the report
    assert "tube nommé (FIFO)" in french.stdout and french.returncode != 0, french.stdout
    assert done.returncode != 0


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_device_is_refused() -> None:
    with pytest.raises(Refused, match="is a character device, not a regular file"):
        read_regular("/dev/zero", "event log", MB)
    events, diags = read_events(Path("/dev/zero.csv") if Path("/dev/zero.csv").exists() else "/dev/zero")
    assert events == [] and diags[0].code in ("E001", "E009")


def test_symlink_loop_and_long_name_say_what_they_are(tmp_path: Path) -> None:
    loop = tmp_path / "loop.csv"
    os.symlink(loop.name, loop)
    events, diags = read_events(loop)
    assert "it is a loop of symbolic links" in diags[0].message
    dangling = tmp_path / "dangling.csv"
    os.symlink("nowhere.csv", dangling)
    assert "is a symbolic link to a file that does not exist" in read_events(dangling)[1][0].message
    long = tmp_path / ("x" * 300 + ".csv")
    assert "its name is too long for the file system" in read_events(long)[1][0].message


# --------------------------------------------------------------------------- sizes (item 4)


def test_log_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("date,event\n" + "2022-01-01,intentions\n" * 60_000, encoding="utf-8")   # 1.3 MB
    events, diags = read_events(path, RegisterSettings(limits=Limits(log=1 * MB)))
    assert events == [] and [d.code for d in diags] == ["E001"]
    assert "is too large (1.3 MB; at most 1.0 MB)" in diags[0].message and "[tool.clauses.limits]" in diags[0].hint


def test_limits_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.clauses.limits]\nlog_mb = 0.001\n", encoding="utf-8")
    log = tmp_path / "r.csv"
    log.write_text("date,event\n" + "2022-01-01,intentions\n" * 100, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    try:
        result = runner.invoke(app, ["check", str(SEED), str(log), "--as-of", "2022-03-01", "--lang", "en"])
    finally:
        from clauses.files import configure

        configure(None)
    assert result.exit_code == 2 and "is too large" in result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.clauses.limits]\nlog_gb = 1\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(SEED), str(log), "--as-of", "2022-03-01", "--lang", "en"])
    assert result.exit_code == 2 and "unknown limit `log_gb`" in result.stderr


def _bomb(size: int) -> bytes:
    """A valid .xlsx whose one sheet inflates to ``size`` bytes (compressed: about size/1000)."""
    buffer = io.BytesIO()
    book = __import__("openpyxl").Workbook()
    book.active.append(["date", "event"])
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.replace(b"</sheetData>", row * (size // len(row)) + b"</sheetData>")
            target.writestr(info.filename, data)
    return out.getvalue()


def _lie_about_sizes(archive: bytes) -> bytes:
    """The same archive, every member declaring an uncompressed size of 1 KB (headers rewritten)."""
    data = bytearray(archive)
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            struct.pack_into("<I", data, at + offset, 1024)
            at = data.find(signature, at + 4)
    return bytes(data)


def test_zip_bomb_is_refused_from_its_declared_size(tmp_path: Path) -> None:
    bomb = _bomb(3 * MB)
    assert len(bomb) < 100_000
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    events, diags = read_events(path, RegisterSettings(limits=Limits(unzipped=2 * MB)))
    assert events == [] and [d.code for d in diags] == ["E001"]
    assert "expands to 3.0 MB when unzipped (at most 2.0 MB): it is not read" in diags[0].message


def test_zip_bomb_lying_about_its_size_is_stopped_while_inflating() -> None:
    liar = _lie_about_sizes(_bomb(3 * MB))
    assert sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(liar)).infolist()) < 20 * 1024
    with pytest.raises(Refused, match="expands to more than 2.0 MB"):
        check_archive(liar, "event log", "liar.xlsx", 2 * MB)


def test_workbook_rows_are_bounded(tmp_path: Path) -> None:
    book = __import__("openpyxl").Workbook()
    book.active.append(["date", "event"])
    for _ in range(30):
        book.active.append(["2022-01-01", "intentions"])
    book.save(tmp_path / "r.xlsx")
    events, diags = read_events(tmp_path / "r.xlsx", RegisterSettings(limits=Limits(workbook_rows=20)))
    assert events == [] and "has more than 20 rows in sheet `Sheet`" in diags[0].message


# --------------------------------------------------------------------------- linear readers (item 5)


def test_csv_spans_are_computed_only_for_diagnostics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CSV reader was quadratic in the cells of one line: each cell's span counted the line
    breaks before it. Spans are now computed only when a diagnostic needs one."""
    from clauses.events import csv as csv_reader

    calls = []
    original = csv_reader._offset_span
    monkeypatch.setattr(csv_reader, "_offset_span", lambda *a: calls.append(a) or original(*a))
    cells = 20_000
    path = tmp_path / "wide.csv"
    path.write_text("date,event," + ",".join(f"c{i}" for i in range(cells)) + "\n"
                    + "2022-01-01,intentions," + ",".join("1" for _ in range(cells)) + "\n"
                    + "2022-13-01,intentions\n", encoding="utf-8")
    events, diags = read_events(path)
    assert len(events) == 1 and len(events[0].attrs) == cells
    assert [(d.code, d.span.line) for d in diags] == [("E003", 3)]
    assert len(calls) == 1   # the bad date's cell only


# --------------------------------------------------------------------------- nothing lost (item 8)


def test_nul_byte_in_one_row_costs_that_row_only(tmp_path: Path) -> None:
    rows = [f"2022-01-{1 + i % 28:02d},intentions,h2p,,row {i}" for i in range(1000)]
    rows[501] = "2022-01-02,intentions,h2p,,bad\x00row"
    path = tmp_path / "r.csv"
    path.write_text("date,event,by,to,subject\n" + "\n".join(rows) + "\n", encoding="utf-8")
    events, diags = read_events(path)
    assert len(events) == 999
    assert [(d.code, d.span.line) for d in diags] == [("E010", 503)]
    assert "holds a NUL byte" in diags[0].message
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text("\n".join(json.dumps({"date": "2022-01-01", "event": "intentions", "n": i})
                               for i in range(10)).replace('"n": 4', '"n": "\x00"') + "\n", encoding="utf-8")
    events, diags = read_events(jsonl)
    assert len(events) == 9 and [(d.code, d.span.line) for d in diags] == [("E010", 5)]


def test_binary_file_is_still_refused_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(b"\x00\x01\x02\n" * 50)
    events, diags = read_events(path)
    assert events == [] and [d.code for d in diags] == ["E001"] and "not a text file" in diags[0].message


def test_a_5000_digit_number_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("date,event,amount\n" + "".join(f"2022-01-0{i},intentions,{i}\n" for i in range(1, 6))
                    + "2022-01-06,intentions," + "9" * 5000 + "\n", encoding="utf-8")
    events, diags = read_events(path)
    assert diags == [] and len(events) == 6
    assert events[-1].attrs["amount"] == "9" * 5000 and events[0].attrs["amount"] == 1


# --------------------------------------------------------------------------- values validated (item 9)


def _one(tmp_path: Path, header: str, row: str):
    path = tmp_path / "r.csv"
    path.write_text(f"date,event,{header}\n{row}\n", encoding="utf-8")
    return read_events(path)


@pytest.mark.parametrize("header, row, code, says, kept", [
    ("received", "2022-01-10,intentions,pas reçu", "E003", "field `received`: pas reçu is not an ISO 8601 date",
     False),
    ("received", "2022-01-10,intentions,2022-01-05", "E003", "received on 2022-01-05, before it was sent on "
                                                             "2022-01-10", False),
    ("received", "2022-01-10,intentions,9999-12-31", "E003", "9999-12-31 is outside the years 1900-2999", False),
    ("via", "2022-01-10,intentions,fax", "E012", "unknown channel `fax`", True),
    ("via", "2022-01-10,intentions,lrra", "E012", "unknown channel `lrra`", True),
    ("representatives", "2022-01-10,intentions,h2p=-2", "E010", "the count of h2p is '-2', not a whole number",
     False),
    ("representatives", "2022-01-10,intentions,h2p=deux", "E010", "the count of h2p is 'deux'", False),
    ("representatives", "2022-01-10,intentions,4", "E010", "field `representatives` is 4, not a count per party",
     False),
    ("representatives", "2022-01-10,intentions,h2p", "E010", "'h2p' is not `party=number`", False),
    ("id,ref", "2022-01-10,intentions,A-1,A-1", "E010", "event `A-1` answers itself", False),
    ("id,ref", "2022-01-10,intentions,A-1,A-0", "E012", "`ref` names event `A-0`, but no event of the log has "
                                                        "that id", True),
])
def test_values_that_cannot_be_right(tmp_path: Path, header: str, row: str, code: str, says: str,
                                     kept: bool) -> None:
    events, diags = _one(tmp_path, header, row)
    assert [d.code for d in diags] == [code]
    assert says in diags[0].message, diags[0].message
    assert bool(events) is kept
    assert diags[0].span.column > 1   # at the offending cell


def test_lrar_hint_and_the_good_values(tmp_path: Path) -> None:
    events, diags = _one(tmp_path, "via", "2022-01-10,intentions,lrra")
    assert diags[0].hint == "did you mean `lrar`?"
    events, diags = _one(tmp_path, "via,received,representatives",
                         "2022-01-10,intentions,LRAR,2022-01-12,h2p=2;fp=1")
    assert diags == [] and events[0].via == "lrar" and events[0].attrs["received"] == "2022-01-12"


def test_received_far_in_the_future_is_no_internal_error(tmp_path: Path) -> None:
    """It reached the engine and overflowed computing the deadline (issue 11 item 6)."""
    log = tmp_path / "r.csv"
    log.write_text("date,event,by,to,via,id,received\n"
                   "2020-04-20,demande_modification,h2p,fp,lrar,DM-1,9999-12-31\n", encoding="utf-8")
    done = _run("check", str(SEED), str(log), "--as-of", "2022-03-01", "--lang", "en")
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert done.returncode == 2 and "outside the years 1900-2999" in done.stdout


# --------------------------------------------------------------------------- messages (item 10)


def test_rules_file_with_cr_only_line_ends_is_read_line_by_line(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r")
    (tmp_path / "rules").mkdir()
    path = tmp_path / "rules" / "cr.clauses"
    path.write_text(text, encoding="utf-8", newline="")
    (tmp_path / "conventions").mkdir()
    for txt in (ROOT / "conventions").glob("000_*"):
        (tmp_path / "conventions" / txt.name).write_bytes(txt.read_bytes())
    result = runner.invoke(app, ["lint", str(path), "--format", "concise"])
    assert "no convention header" not in result.output and "S0" not in result.output, result.output
    assert result.exit_code == 0, result.output


def test_yaml_tag_on_date_and_list_as_key(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("- date: !!null 2022-01-10\n  event: intentions\n"
                    "- ? [a, b]\n  : x\n  date: 2022-01-11\n  event: intentions\n"
                    "- date: 2022-01-12\n  event: intentions\n", encoding="utf-8")
    events, diags = read_events(path)
    assert [e.date.day for e in events] == [12]
    assert [(d.code, d.span.line) for d in diags] == [("E010", 1), ("E010", 3)]
    assert "field `date` has the YAML tag `!!null`" in diags[0].message
    assert "a field name on line 3 is not text" in diags[1].message
    assert "scalarnode" not in " ".join(d.message for d in diags).lower()


def test_scenario_list_as_field_name_says_so(tmp_path: Path) -> None:
    path = tmp_path / "x.scenario.yaml"
    path.write_text(f"convention: {SEED}\nau: 2022-03-01\n? [a, b]\n: x\nattendu:\n  - {{statut: manquement}}\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["test", str(path)])
    assert "a field name is a list, not text" in result.output
    assert "scalarnode" not in result.output.lower()


def test_convention_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    """`texte "…"` read through clauses.files too: 3 GB of text was a MemoryError (issue 11 item 4)."""
    from clauses.files import configure
    from clauses.language.load import load

    (tmp_path / "rules").mkdir()
    (tmp_path / "conventions").mkdir()
    rules = tmp_path / "rules" / "x.clauses"
    rules.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    for txt in (ROOT / "conventions").glob("000_*"):
        (tmp_path / "conventions" / txt.name).write_bytes(txt.read_bytes())
    configure(Limits(text=1024))
    try:
        loaded = load(rules)
    finally:
        configure(None)
    (diag,) = [d for d in loaded.diagnostics if d.code == "A001"]
    assert "is too large" in diag.message
