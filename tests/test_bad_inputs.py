"""The CLI against a directory of bad inputs: one clear message each, never a traceback.

``tests/fixtures/bad_inputs/`` holds small bad rules files (``rules/``) and bad event
logs (``logs/``); the large, binary and file-system oddities (a PNG, a 5 MB single
line, a symlink loop, a dangling link, a missing file) are made at test time in a
temporary folder. Each case states the exit code and the diagnostics it must give:

- ``clauses lint FILE --format concise``: 0 clean, 1 findings (a file that was read
  but is empty, not UTF-8, binary or wrong is a finding at ``file:line:col``), 2 when
  the path itself cannot be used (missing, a directory, a loop, too large to be rules);
- ``clauses check rules/000_pisco_manosque.clauses LOG``: 2 when the log has an error
  (each bad row named at ``file:line:col``), else 1 (the log is readable, with or
  without warnings, and the seed's duties are breached by what it lacks).

The expected diagnostics are exact (code and line) so that a second, redundant
message for the same problem fails the test as surely as a missing one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "fixtures" / "bad_inputs"
SEED = ROOT / "rules" / "000_pisco_manosque.clauses"
AS_OF = "2022-03-01"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256)) * 8
FIVE_MB = 5 * 1024 * 1024

runner = CliRunner()


@dataclass(frozen=True)
class Case:
    name: str                       # a file in bad_inputs/, or a generated one (see `generated`)
    exit_code: int
    diagnostics: tuple[tuple[str, int], ...] = ()   # (code, line) of each diagnostic, in order
    says: str = ""                  # a phrase the message must contain (regex)


# --------------------------------------------------------------------------- generated files


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Bad inputs too large, binary or odd to commit: made once per run."""
    folder = tmp_path_factory.mktemp("bad_inputs")
    rules, logs = folder / "rules", folder / "logs"
    rules.mkdir()
    logs.mkdir()
    (rules / "binary.clauses").write_bytes(PNG)
    (rules / "huge_line.clauses").write_text('langue fr. convention "' + "x" * FIVE_MB + '".\n', encoding="utf-8")
    (rules / "huge_word.clauses").write_text("x" * (900 * 1024) + "\n", encoding="utf-8")
    for ext in ("csv", "jsonl", "yaml"):
        (logs / f"binary.{ext}").write_bytes(PNG)
    (logs / "binary.xlsx").write_bytes(PNG)
    header = "date,event,by,to,subject,via,id,ref,received\n"
    (logs / "huge_line.csv").write_text(header + "2020-09-10,comité_pilotage,h2p;fp,," + "x" * FIVE_MB + ",,C,,\n",
                                        encoding="utf-8")
    (logs / "huge_line.jsonl").write_text(json.dumps({"date": "2020-09-10", "event": "comité_pilotage",
                                                      "by": ["h2p", "fp"], "subject": "x" * FIVE_MB}) + "\n",
                                          encoding="utf-8")
    (logs / "huge_bad_date.jsonl").write_text(json.dumps({"date": "9" * FIVE_MB, "event": "comité_pilotage"}) + "\n",
                                              encoding="utf-8")
    _odd_workbook(logs / "odd_cells.xlsx")
    if hasattr(os, "symlink"):
        try:
            for folder_ in (rules, logs):
                for name in ("loop.clauses", "loop.csv"):
                    os.symlink(name, folder_ / name)
                os.symlink("nowhere.clauses", folder_ / "dangling.clauses")
        except OSError:  # pragma: no cover - file systems without symlinks
            pass
    return folder


def _odd_workbook(path: Path) -> None:
    """Row 2 fine; row 3: a formula Excel never computed as the date; row 4: a date as a number."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "events"
    sheet.append(["date", "event", "by", "id"])
    sheet.append(["2020-09-10", "comité_pilotage", "h2p;fp", "C-1"])
    sheet.append(["=TODAY()", "comité_pilotage", "h2p;fp", "C-2"])
    sheet.append([44084, "comité_pilotage", "h2p;fp", "C-3"])
    sheet.merge_cells("A5:B5")
    sheet["A5"] = "#N/A"
    book.save(path)


def path_of(name: str, kind: str, generated: Path) -> Path:
    committed = BAD / kind / name
    if committed.exists() or committed.is_symlink():
        return committed
    return generated / kind / name


def _needs_symlinks(name: str, generated: Path, kind: str) -> None:
    if name.startswith(("loop", "dangling")) and not (generated / kind / name).is_symlink():
        pytest.skip("no symbolic links on this file system")


# --------------------------------------------------------------------------- lint

LINT_CASES = [
    Case("empty.clauses", 1, (("F002", 1),), r"is empty"),
    Case("whitespace_only.clauses", 1, (("F002", 1),), r"is empty"),
    Case("latin1_export.clauses", 1, (("F003", 3),), r"byte 0xe9 is not UTF-8"),
    Case("utf16.clauses", 1, (("F003", 1),), r"byte 0xff is not UTF-8"),
    Case("nul_byte.clauses", 1, (("F003", 1),), r"is a binary file"),
    Case("binary.clauses", 1, (("F003", 1),), r"byte 0x89 is not UTF-8"),
    Case("utf8_bom.clauses", 0),
    Case("crlf_and_tabs.clauses", 0),
    Case("day_first_date.clauses", 0),
    Case("impossible_date.clauses", 1, (("V002", 14),), r"`2023-02-30` is not a date: February 2023 has 28 days"),
    Case("day_first_impossible_date.clauses", 1, (("V002", 15),), r"`30/02/2022` is not a date"),
    Case("far_future_date.clauses", 1, (("V002", 5),), r"`9999-12-31` is not a date a convention can have"),
    Case("huge_duration.clauses", 1, (("V001", 21),), r"longer than 100 years"),
    Case("csv_not_rules.clauses", 1, (("S001", 1),), r"unexpected (keyword )?`date`"),
    Case("convention_text.txt", 1, (("S001", 1),), r"unexpected keyword `Article`"),
    Case("missing_final_full_stop.clauses", 1, (("S002", 21),), r"unexpected end of file"),
    Case("rtl_override.clauses", 1, (("S003", 9),), r"unexpected character `\\u202e`"),
    Case("huge_word.clauses", 1, (("S001", 1),), r"unexpected `x{59}…`"),
    Case("huge_line.clauses", 2, (("F001", 1),), r"too large for a rules file \(5\.0 MB"),
    Case("folder.clauses", 2, (), r"no \*\.clauses file found"),
    Case("loop.clauses", 2, (), r"loop\.clauses: Too many levels of symbolic links"),
    Case("dangling.clauses", 2, (), r"dangling\.clauses: No such file or directory"),
    Case("missing.clauses", 2, (), r"missing\.clauses: no such file or directory"),
]


def _concise_lines(output: str, path: Path) -> list[tuple[str, int]]:
    found = []
    for line in output.splitlines():
        m = re.match(rf"^{re.escape(str(path))}:(\d+):(\d+): ([A-Z]\d{{3}}) ", line)
        if m:
            found.append((m[3], int(m[1])))
    return found


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


@pytest.mark.parametrize("case", LINT_CASES, ids=lambda c: c.name)
def test_lint_gives_one_clear_message(case: Case, generated: Path) -> None:
    _needs_symlinks(case.name, generated, "rules")
    path = path_of(case.name, "rules", generated)
    result = runner.invoke(app, ["lint", str(path), "--format", "concise", "--lang", "en"])
    _no_traceback(result)
    assert result.exit_code == case.exit_code, result.output
    assert _concise_lines(result.output, path) == list(case.diagnostics), result.output
    if case.says:
        assert re.search(case.says, result.output), result.output
    if not case.diagnostics and case.exit_code == 2:
        # a path that cannot be used: exactly one line, on standard error, naming the path
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert result.output.startswith("clauses: ")
    assert len(result.output) < 2000, "a message should not echo the input"


@pytest.mark.parametrize("case", [c for c in LINT_CASES if c.exit_code], ids=lambda c: c.name)
def test_check_refuses_bad_rules_with_exit_2(case: Case, generated: Path) -> None:
    """`clauses check` on a bad rules file: its errors, then one line saying to fix them; exit 2."""
    _needs_symlinks(case.name, generated, "rules")
    path = path_of(case.name, "rules", generated)
    log = ROOT / "examples" / "000_pisco_manosque" / "compliant.csv"
    result = runner.invoke(app, ["check", str(path), str(log), "--as-of", AS_OF, "--lang", "en"])
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    if path.is_dir():
        # a folder is a portfolio for `check` (it names its own logs): a usage error, one line
        # (a folder named *.clauses is read as a rules path: "is a directory")
        assert "give no LOG after it" in result.output or "is a directory" in result.output, result.output
        return
    assert f"{path} has errors: fix them first" in result.output
    for code, line in case.diagnostics:
        assert f"{path}:{line}:" in result.output and f"error[{code}]" in result.output, result.output
    assert len(result.output) < 4000, "a message should not echo the input"


# --------------------------------------------------------------------------- check LOG

CHECK_CASES = [
    # readable logs, with or without warnings: the seed's duties are breached (exit 1)
    Case("empty.csv", 1, (("E008", 1),), r"is empty"),
    Case("whitespace_only.jsonl", 1, (("E008", 1),), r"is empty"),
    Case("header_only.csv", 1, (("E008", 1),), r"has a header but no events"),
    Case("latin1_export.csv", 1, (("E011", 2),), r"not valid UTF-8 \(byte 0xE9 on line 2\): read as Windows-1252"),
    Case("cp1252_semicolons.csv", 1, (("E011", 2),), r"read as Windows-1252"),
    Case("utf8_bom.csv", 1),
    Case("utf16.csv", 1),
    Case("unknown_columns.csv", 1),  # unknown columns are kept as attributes, by design
    Case("unknown_party_and_event.csv", 1, (("E004", 2), ("E005", 2)), r"did you mean `comité_pilotage`"),
    Case("huge_line.jsonl", 1),
    # errors: every bad row or file named, exit 2
    Case("impossible_date.csv", 2, (("E003", 4),), r"2023-02-30 is not a date: February 2023 has 28 days"),
    Case("day_first_date.csv", 1),  # 31/12/2021 can only be day first: the column is read day first
    Case("ambiguous_dates.csv", 2, (("E003", 3),), r"can be read day first or month first: line 3 has 05/02/2022"),
    Case("mixed_date_orders.csv", 2, (("E003", 4),), r"line 2 has 15/02/2021 \(day first\) and line 4 has "
                                                      r"02/15/2022 \(month first\)"),
    Case("french_excel.csv", 1, (("E011", 1),), r"read as Windows-1252"),
    Case("french_excel_bom.csv", 1),
    Case("time_out_of_range.jsonl", 2, (("E003", 1),), r"hours go from 00 to 23"),
    Case("huge_bad_date.jsonl", 2, (("E003", 1),), r"9{59}… is not an ISO 8601 date"),
    Case("misspelt_column.csv", 2, (("E007", 1),), r"the header has `dtae`: did you mean `date`\?"),
    Case("missing_required_column.csv", 2, (("E007", 1),), r"required column `event` is missing"),
    Case("no_header.csv", 2, (("E007", 1),), r"the first row is data, not a header"),
    Case("unclosed_quote.csv", 2, (("E010", 2),), r"a quote opened on line 2 is never closed"),
    Case("extra_cell.csv", 2, (("E010", 2),), r"header names only 9 columns"),
    Case("huge_line.csv", 2, (("E010", 2),), r"line 2 cannot be read as CSV: field larger than field limit"),
    Case("bad_lines.jsonl", 2, (("E010", 2), ("E010", 3)), r"line 3 is a JSON array, not an event object"),
    Case("duplicate_id.csv", 2, (("E006", 4),), r"event id `COPIL-2020` is used twice"),
    Case("invalid.yaml", 2, (("E001", 3),), r"is not valid YAML"),
    Case("not_a_list.yaml", 2, (("E001", 1),), r"is not a list of events"),
    # row 3 a formula never computed, row 5 only an error value (#N/A) merged over two cells:
    # calamine reads both as empty; each is reported with its cell (issue 14 item 5)
    Case("odd_cells.xlsx", 2, (("E010", 3), ("E003", 4), ("E010", 5)), r"44084 is a number, not a date"),
    Case("register.txt", 2, (("E009", 1),), r"unsupported event log format `\.txt`.*\n.*export the register as CSV"),
    Case("register.xls", 2, (("E001", 1),), r"cannot be read as a workbook"),
    Case("json_array.json", 2, (("E009", 1),), r"name the file \.jsonl"),
    Case("no_extension", 2, (("E009", 1),), r"a file without extension"),
    Case("not_a_workbook.xlsx", 2, (("E001", 1),), r"cannot be read as a workbook"),
    Case("binary.csv", 2, (("E001", 1),), r"is not a text file \(NUL byte"),
    Case("binary.jsonl", 2, (("E001", 1),), r"is not a text file \(NUL byte"),
    Case("binary.yaml", 2, (("E001", 1),), r"is not a text file \(NUL byte"),
    Case("binary.xlsx", 2, (("E001", 1),), r"cannot be read as a workbook"),
    Case("folder.csv", 2, (("E001", 1),), r"is a directory, not a file"),
    Case("loop.csv", 2, (("E001", 1),), r"cannot be read: it is a loop of symbolic links"),
    Case("missing.csv", 2, (("E001", 1),), r"does not exist"),
]


def _log_diagnostics(report: dict, path: Path) -> list[tuple[str, int]]:
    return [(d["code"], d["line"]) for d in report["diagnostics"] if d.get("file") == str(path)]


UNUSABLE = ("E001", "E007", "E009")  # nothing of the log could be read


@pytest.mark.parametrize("case", [c for c in CHECK_CASES if any(code in UNUSABLE for code, _ in c.diagnostics)],
                         ids=lambda c: c.name)
@pytest.mark.parametrize("format", ["text", "json"])
def test_check_of_an_unusable_log_gives_no_report(case: Case, format: str, generated: Path) -> None:
    """A log that cannot be read: its diagnostics on stderr, exit 2, and no breach list computed
    against zero events (issue 13 item 4)."""
    _needs_symlinks(case.name, generated, "logs")
    path = path_of(case.name, "logs", generated)
    result = runner.invoke(app, ["check", str(SEED), str(path), "--as-of", AS_OF, "--format", format, "--lang", "en"])
    _no_traceback(result)
    assert result.exit_code == case.exit_code == 2, result.output[:2000]
    assert result.stdout == "", result.stdout[:2000]
    found = [(m[2], int(m[1])) for m in re.finditer(rf"^{re.escape(str(path))}:(\d+):\d+: error\[(E\d+)\]",
                                                    result.stderr, re.M)]
    assert sorted(found) == sorted(case.diagnostics), result.stderr[:3000]
    assert re.search(case.says, result.stderr), result.stderr[:3000]
    assert f"the event log {path} cannot be used: nothing was checked" in result.stderr
    assert "breach" not in result.stderr and len(result.stderr) < 4000


@pytest.mark.parametrize("case", [c for c in CHECK_CASES if not any(code in UNUSABLE for code, _ in c.diagnostics)],
                         ids=lambda c: c.name)
def test_check_gives_one_clear_message_per_problem(case: Case, generated: Path) -> None:
    _needs_symlinks(case.name, generated, "logs")
    path = path_of(case.name, "logs", generated)
    result = runner.invoke(app, ["check", str(SEED), str(path), "--as-of", AS_OF, "--format", "json"])
    _no_traceback(result)
    assert result.exit_code == case.exit_code, result.output[:2000]
    report = json.loads(result.output)
    assert sorted(_log_diagnostics(report, path), key=lambda x: (x[1], x[0])) == \
        sorted(case.diagnostics, key=lambda x: (x[1], x[0])), result.output[:3000]
    text = runner.invoke(app, ["check", str(SEED), str(path), "--as-of", AS_OF, "--lang", "en", "--format", "plain"])
    _no_traceback(text)
    assert text.exit_code == case.exit_code
    for code, line in case.diagnostics:
        assert re.search(rf"^  {re.escape(str(path))}:{line}:\d+: (error|warning)\[{code}\]: ", text.output, re.M), \
            text.output[:3000]
    if case.says:
        assert re.search(case.says, text.output), text.output[:3000]
    assert len(text.output) < 20000, "a message should not echo the input"


def test_every_committed_bad_input_has_a_case() -> None:
    """A file added to bad_inputs/ without an expectation would test nothing."""
    named = {("rules", c.name) for c in LINT_CASES} | {("logs", c.name) for c in CHECK_CASES}
    committed = {(kind, p.name) for kind in ("rules", "logs") for p in (BAD / kind).iterdir()
                 if not p.name.startswith(".")}
    assert committed <= named, sorted(committed - named)


# --------------------------------------------------------------------------- one real process


def test_real_process_lints_the_whole_directory_without_a_traceback(generated: Path) -> None:
    """`python -m clauses lint` on every bad rules file at once: one line per problem, exit 2."""
    paths = [str(BAD / "rules")] + [str(p) for p in sorted((generated / "rules").iterdir())
                                    if p.exists()]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    done = subprocess.run([sys.executable, "-m", "clauses", "lint", *paths, "--format", "concise"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "internal error" not in output, output[:3000]
    assert done.returncode == 2, output[:3000]  # huge_line.clauses is unusable (F001)
    expected = {(c.name, code, line) for c in LINT_CASES for code, line in c.diagnostics
                if c.name.endswith(".clauses")}  # a folder is searched for *.clauses only
    found = set()
    for line in done.stdout.splitlines():
        m = re.match(r"^(.*):(\d+):\d+: ([A-Z]\d{3}) ", line)
        if m:
            found.add((Path(m[1]).name, m[3], int(m[2])))
    assert found == expected, sorted(found ^ expected)


def test_real_process_checks_a_binary_log(generated: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "clauses", "check", str(SEED),
                           str(generated / "logs" / "binary.csv"), "--as-of", AS_OF, "--lang", "en", "--format", "plain"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "internal error" not in output, output[:3000]
    assert done.returncode == 2
    assert re.search(r"binary\.csv:1:1: error\[E001\]: event log .* is not a text file", output)


# --------------------------------------------------------------------------- once crashes, now usage errors


@pytest.mark.parametrize("option", [["--horizon", "100000y"], ["--horizon", "99999999999d"],
                                    ["--as-of", "9999-12-31"]], ids=" ".join)
def test_check_options_past_the_calendar_are_usage_errors(option: list[str]) -> None:
    log = ROOT / "examples" / "000_pisco_manosque" / "breaches.csv"
    done = subprocess.run([sys.executable, "-m", "clauses", "check", str(SEED), str(log), *option]
                          + ([] if "--as-of" in option else ["--as-of", AS_OF]),
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert "internal error" not in done.stderr, done.stderr
    assert done.returncode == 2
