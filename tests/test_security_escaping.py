"""Issue 11 item 2: every user-supplied string is escaped for the medium it goes to.

Hostile inputs — ANSI sequences, OSC/BEL, a carriage return, a newline that
would forge a line, bidi overrides, Markdown/HTML, characters XML cannot hold —
put in a rules file, an event log or a file name, must come out inert in the
terminal report, GitHub workflow commands and step summary, JUnit XML and SARIF.
The escaping lives in one module, :mod:`clauses.output.escape`.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app
from clauses.output import escape

from conftest import ROOT

#: what must never reach a terminal or a log raw: C0 (but TAB/LF), DEL, C1, bidi controls, LS/PS
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

HOSTILE = [
    "\x1b[2J\x1b[H",                      # clear screen, cursor home
    "\x1b]0;owned\x07",                   # OSC window title, BEL
    "\x1b]8;;http://evil.example\x1b\\x\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "ok\rFORGED",                         # carriage return overwrites the line
    "\u202eevil\u202c",                   # right-to-left override (Trojan Source)
    "\x9b31m",                            # C1 CSI
    "a\x00b\x7fc",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_terminal_leaves_no_control_character(text: str) -> None:
    out = escape.terminal(text)
    assert not RAW_CONTROL.search(out)
    assert escape.terminal(out) == out, "escaping twice changes nothing"


def test_terminal_keeps_ordinary_text_and_shows_what_it_escapes() -> None:
    plain = "Réunion « comité » – 100 % € ✓ 日本"
    assert escape.terminal(plain) == plain
    assert escape.terminal("a\x1b[31mb") == "a\\x1b[31mb"
    assert escape.terminal("one\ntwo") == "one\\x0atwo"
    assert escape.terminal("one\ntwo", multiline=True) == "one\ntwo"
    assert escape.terminal("\u202e") == "\\u202e"


def test_github_data_and_properties() -> None:
    assert escape.github_data("50 %\r\nnext\x1b[2J") == "50 %25%0D%0Anext\\x1b[2J"
    assert escape.github_property("a,b:c\n::error::x") == "a%2Cb%3Ac%0A%3A%3Aerror%3A%3Ax"


def test_stop_commands_token_is_not_in_the_text() -> None:
    text = "::error file=x::forged\n::add-mask::secret\n"
    wrapped = escape.github_stop_commands(text)
    first, *body, last = wrapped.splitlines()
    token = first.removeprefix("::stop-commands::")
    assert token and token not in text and last == f"::{token}::"
    assert "\n".join(body) + "\n" == text
    assert escape.github_stop_commands(text) == wrapped, "deterministic"


def test_markdown_is_inert() -> None:
    cell = escape.markdown("<img src=x onerror=alert(1)> | [click](http://evil) **bold** `code`\nnew row")
    assert "<img" not in cell and "&lt;img" in cell
    assert "\n" not in cell and "| " not in cell.replace("\\|", "")
    assert "\\[click\\]" in cell and "\\*\\*bold\\*\\*" in cell and "\\`code\\`" in cell
    code = escape.markdown_code("rules/a`b|c.clauses")
    assert code.startswith("``") and "\\|" in code


def test_xml_holds_only_xml_characters() -> None:
    root = ET.Element("r", name="a\x01b\x1b")
    root.text = "x\x00y\ufffe"
    escape.xml_tree(root)
    ET.fromstring(ET.tostring(root, encoding="unicode"))  # well-formed: parses again


# --------------------------------------------------------------------------- end to end

SEED = ROOT / "rules" / "000_pisco_manosque.clauses"
HEADER = "date,event,by,to,subject,via,id,ref\n"


def _hostile_log(tmp: Path) -> Path:
    rows = [
        "2020-01-30,communication_tiers,h2p,,\"\x1b[2J\x1b]0;owned\x07 subject\",,\"C1\x1b[31m\",\n",
        "2020-02-01,\"unknown\x1b[5m\rFORGED\",h2p,,,,X2,\n",
        "2020-02-02,intentions,\"h2p\u202e\",fp,,,X3,\n",
    ]
    log = tmp / "hostile.csv"
    log.write_text(HEADER + "".join(rows), encoding="utf-8")
    return log


@pytest.mark.parametrize("extra", [[], ["--explain"], ["--lang", "fr"], ["--lang", "en", "--explain"]])
def test_check_report_shows_hostile_log_values_escaped(tmp_path: Path, extra: list[str]) -> None:
    log = _hostile_log(tmp_path)
    result = CliRunner().invoke(app, ["check", str(SEED), str(log), "--as-of", "2022-03-01", *extra])
    assert result.exit_code in (1, 2), result.output
    assert not RAW_CONTROL.search(result.output), repr(RAW_CONTROL.search(result.output))
    assert "\\x1b" in result.output


def _project_with_hostile_name(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    rules.mkdir()
    (tmp_path / "conventions").mkdir()
    bad = rules / "a\n::error file=x::forged\x1b[2J.clauses"
    bad.write_text('convention "T\x01itre <b>|x|</b>" texte "nope.txt".\npartie a "A\x1b[31m" rôle "r".\n'
                   "obligation o article 1 : a doit \x07 .\n", encoding="utf-8")
    return bad


def _lint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str, env: dict | None = None):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, ["lint", "--no-cache", *args, "rules"], env=env)


def test_github_format_forges_no_workflow_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project_with_hostile_name(tmp_path)
    summary = tmp_path / "summary.md"
    result = _lint(tmp_path, monkeypatch, "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code in (1, 2), result.output
    lines = result.output.splitlines()
    assert any(line.startswith("::stop-commands::") for line in lines)
    stop = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[stop].removeprefix("::stop-commands::")
    # outside the stopped block, every command is an annotation of ours
    for line in lines[:stop]:
        assert re.match(r"^::(error|warning|notice) file=[^:]*,.*title=clauses \([A-Z][0-9]{3}\)::", line), line
    assert lines[-1] == f"::{token}::"
    assert not RAW_CONTROL.search(result.output)
    text = summary.read_text(encoding="utf-8")
    assert "<b>" not in text and not RAW_CONTROL.search(text)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Severity" not in line]
    assert rows and all(len(re.findall(r"(?<!\\)\|", row)) == 5 for row in rows), rows


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_lint_text_formats_escape_file_names_and_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         fmt: str) -> None:
    _project_with_hostile_name(tmp_path)
    result = _lint(tmp_path, monkeypatch, "-f", fmt)
    assert result.exit_code in (1, 2)
    assert not RAW_CONTROL.search(result.output)
    assert not any(line.startswith("::error file=x") for line in result.output.splitlines())


def test_junit_and_sarif_stay_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _project_with_hostile_name(tmp_path)
    junit = _lint(tmp_path, monkeypatch, "-f", "junit").output
    ET.fromstring(junit.encode("utf-8"))
    sarif = json.loads(_lint(tmp_path, monkeypatch, "-f", "sarif").output)
    for result in sarif["runs"][0]["results"]:
        assert not RAW_CONTROL.search(result["message"]["text"])


def test_scenario_junit_with_control_characters_is_xml(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    shutil.copy(SEED, tmp_path / "rules" / SEED.name)
    (tmp_path / "conventions").mkdir()
    shutil.copy(ROOT / "conventions" / "000_pisco_manosque.txt", tmp_path / "conventions")
    scenario = tmp_path / "s.scenario.yaml"
    scenario.write_text(
        f"convention: rules/{SEED.name}\n"
        "scenarios:\n"
        "  - nom: \"nom \\x1b[2J \\x01 \\u202e\"\n"
        "    au: 2022-04-30\n"
        "    événements: []\n"
        "    attendu:\n"
        "      - {statut: respecté, clause: intentions}\n", encoding="utf-8")
    junit = CliRunner().invoke(app, ["test", str(scenario), "--format", "junit"]).output
    ET.fromstring(junit.encode("utf-8"))
    text = CliRunner().invoke(app, ["test", str(scenario)]).output
    assert not RAW_CONTROL.search(text), repr(text)
