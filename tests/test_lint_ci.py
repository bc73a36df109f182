"""``clauses lint`` as a CI tool: formats, exit codes, configuration, suppressions, ``clauses rules``,
the pre-commit hook and the example GitHub workflow (docs/ci.md).

The end-to-end tests lint a small file with several findings (``MULTI``), selecting the codes this
file controls (``T001``, ``M001``, ``Q``, ``R001``) so that checks added later do not change them;
exact strings are pinned on hand-made diagnostics (``_report``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from clauses.checks import REGISTRY
from clauses.cli import app
from clauses.codes import CODES, Severity
from clauses.lint.config import Config, ConfigError, load_config
from clauses.diagnostics import Diagnostic
from clauses.lint.pipeline import LintResult, lint_file
from clauses.output.lint import (Report, annotation, artifact_uri, escape_data, escape_property, github, junit,
                                 line_hash, sarif, step_summary)
from clauses.language.load import Loaded
from clauses.language.source import SourceText, Span

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
OURS = "T001,M001,Q,R001"

MULTI = """\
# Several findings in one file, for the CI formats.
langue fr.

convention "Essai"
  signée à "Paris" le 2019-09-24.

partie a "Partie A".
partie b "Partie B".

événement intentions "intentions".

durée article 7 :
  3 ans à compter du 2019-09-25
  jusqu'au 2022-09-30.  # clauses: ignore[T001] not where T001 starts

clé parts article 5.2 :
  du 2023-01-01 au 2023-12-31 : a 50 %, b 49,9 %.

obligation intentions article 7 :
  chaque partie doit intentions envers l'autre partie
  au moins 6 mois avant le terme
  lecture "six mois avant le 25 septembre" car "le texte le dit".
"""
# (code, line, column, severity) of what MULTI produces with --select OURS --show-info
EXPECTED = [("T001", 12, 1, "error"), ("Q002", 14, 25, "warning"), ("M001", 17, 3, "error"),
            ("R001", 22, 3, "info")]

CLEAN = """\
langue fr.

convention "Essai"
  signée à "Paris" le 2019-09-24.

partie a "Partie A".
partie b "Partie B".
"""

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (the cwd) with rules/multi.clauses and rules/clean.clauses."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "multi.clauses").write_text(MULTI, encoding="utf-8")
    (tmp_path / "rules" / "clean.clauses").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def lint(*args: str, env: dict | None = None):
    # English whatever the files' `langue` (the French output is tests/test_french_outputs.py's)
    result = runner.invoke(app, ["lint", *args] if "--lang" in args else ["lint", "--lang", "en", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _sarif_errors(doc: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


# ---------------------------------------------------------------------------- hand-made diagnostics
SOURCE = SourceText("rules/a,b:c.clauses", "durée article 7 :\n  3 ans\n  jusqu'au 2022-09-30.\nclé x : a 50 %.\n")


def _report(strict: bool = False, show_info: bool = False) -> Report:
    loaded = Loaded(SOURCE.path, SOURCE, None, None, (), ())
    diagnostics = (
        Diagnostic("T001", "ends on 2022-09-30, not 2022-09-25", Span(SOURCE.path, 1, 1, 3, 23), "make them agree",
                   Severity.ERROR),
        Diagnostic("M001", "shares add up to 50 %: 100 % expected,\r\nsee art. 5", Span(SOURCE.path, 4, 9, 4, 15),
                   None, Severity.WARNING),
        Diagnostic("R001", "read as: x", Span(SOURCE.path, 4, 1, 4, 5), None, Severity.INFO),
    )
    return Report.of([LintResult(loaded, diagnostics)], show_info=show_info, strict=strict)


def test_github_escaping() -> None:
    assert escape_data("50 %\r\nnext: a, b") == "50 %25%0D%0Anext: a, b"
    assert escape_property("rules/a,b:c 50%.clauses\n") == "rules/a%2Cb%3Ac 50%25.clauses%0A"


def test_github_annotations_exact() -> None:
    report = _report()
    lines = [annotation(r, d) for r, d in report.shown]
    assert lines == [
        # multi-line span: no columns
        "::error file=rules/a%2Cb%3Ac.clauses,line=1,endLine=3,title=clauses (T001)::"
        "ends on 2022-09-30, not 2022-09-25%0Ahint: make them agree",
        "::warning file=rules/a%2Cb%3Ac.clauses,line=4,col=9,endLine=4,endColumn=15,title=clauses (M001)::"
        "shares add up to 50 %25: 100 %25 expected,%0D%0Asee art. 5",
    ]
    out = github(report).splitlines()
    assert out[:2] == lines
    # the plain report follows, between ::stop-commands:: and its token: no line of it is a command
    assert out[2].startswith("::stop-commands::clauses-") and out[-1] == f"::{out[2].split('::')[2]}::"
    assert out[3] == "rules/a,b:c.clauses:1:1: T001 ends on 2022-09-30, not 2022-09-25"
    assert out[-2] == "1 file checked: 1 error, 1 warning"
    info = [annotation(r, d) for r, d in _report(show_info=True).shown]
    assert info[-1].startswith("::notice file=rules/a%2Cb%3Ac.clauses,line=4,col=1,")


def test_step_summary_is_a_markdown_table() -> None:
    text = step_summary(_report())
    lines = text.splitlines()
    assert lines[0] == "## clauses lint"
    assert "| Severity | Code | Location | Message |" in lines
    assert "| error | T001 | `rules/a,b:c.clauses:1:1` | ends on 2022-09-30, not 2022-09-25 |" in lines
    # pipes escaped, line breaks folded: one row per finding
    row = next(l for l in lines if "M001" in l)
    assert row == "| warning | M001 | `rules/a,b:c.clauses:4:9` | shares add up to 50 %: 100 % expected, see art. 5 |"


def test_junit_exact_counts_on_hand_made_report() -> None:
    root = ET.fromstring(junit(_report()))
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == ("testsuites", "2", "2", "0")
    (suite,) = root
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["T001: ends on 2022-09-30, not 2022-09-25",
                                             "M001: shares add up to 50 %: 100 % expected,\r\nsee art. 5"]
    assert [(c.get("file"), c.get("line"), c.get("classname")) for c in cases] == [
        ("rules/a,b:c.clauses", "1", "rules.a,b:c"), ("rules/a,b:c.clauses", "4", "rules.a,b:c")]
    failure = cases[0].find("failure")
    assert failure.get("type") == "T001" and failure.get("message") == "ends on 2022-09-30, not 2022-09-25"
    assert "error[T001]" in failure.text and "durée article 7" in failure.text


def test_sarif_fingerprint_ignores_the_line_number() -> None:
    a = line_hash("T001", "rules/x.clauses", "  durée article 7 :", 1)
    assert a == line_hash("T001", "rules/x.clauses", "durée article 7 :  ", 1)
    assert a != line_hash("T002", "rules/x.clauses", "durée article 7 :", 1)
    assert a != line_hash("T001", "rules/y.clauses", "durée article 7 :", 1)
    assert a.endswith(":1") and line_hash("T001", "rules/x.clauses", "durée article 7 :", 2).endswith(":2")


def test_artifact_uris_are_relative_posix_and_encoded(repo: Path) -> None:
    assert artifact_uri("rules/x.clauses") == "rules/x.clauses"
    assert artifact_uri("./rules/../rules/x.clauses") == "rules/x.clauses"
    assert artifact_uri(str(repo / "rules" / "x.clauses")) == "rules/x.clauses"
    assert artifact_uri("my rules/é.clauses") == "my%20rules/%C3%A9.clauses"


def test_sarif_of_hand_made_report_is_valid() -> None:
    doc = sarif(_report(show_info=True))
    assert _sarif_errors(doc) == []
    assert [r["level"] for r in doc["runs"][0]["results"]] == ["error", "warning", "note"]


# ---------------------------------------------------------------------------- every format on MULTI
def test_text_format(repo: Path) -> None:
    result = lint("--select", OURS, "rules/multi.clauses")
    assert result.exit_code == 1
    out = result.output
    assert "rules/multi.clauses:12:1: error[T001]: " in out
    assert "rules/multi.clauses:14:25: warning[Q002]: suppression of T001 hides nothing" in out
    assert " 17 |   du 2023-01-01 au 2023-12-31 : a 50 %, b 49,9 %." in out
    assert re.search(r"^ +\| +\^{46}$", out, re.M), "caret underline of the M001 period"
    assert "R001" not in out, "information only with --show-info"
    assert out.rstrip().endswith("1 file checked: 2 errors, 1 warning")
    assert "info[R001]" in lint("--select", OURS, "--show-info", "rules/multi.clauses").output


def test_concise_format(repo: Path) -> None:
    lines = lint("--select", OURS, "--show-info", "-f", "concise", "rules/multi.clauses").output.splitlines()
    assert [tuple(re.match(r"^rules/multi\.clauses:(\d+):(\d+): ([A-Z]\d{3}) .+$", l).group(3, 1, 2))
            for l in lines[:-1]] == [(c, str(l), str(col)) for c, l, col, _ in EXPECTED]
    assert lines[1] == ("rules/multi.clauses:14:25: Q002 suppression of T001 hides nothing: "
                        "no T001 diagnostic starts on line 14")
    assert lines[-1] == "1 file checked: 2 errors, 1 warning, 1 note"


def test_json_format(repo: Path) -> None:
    result = lint("--select", OURS, "--show-info", "-f", "json", "rules/multi.clauses", "rules/clean.clauses")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["version"] == 1 and doc["tool"]["name"] == "clauses"
    assert doc["files"] == ["rules/multi.clauses", "rules/clean.clauses"]
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in doc["diagnostics"]] == EXPECTED
    t001 = doc["diagnostics"][0]
    assert (t001["end_line"], t001["end_column"], t001["file"]) == (14, 23, "rules/multi.clauses")
    assert doc["summary"] == {"error": 2, "warning": 1, "info": 1, "suppressed": 0}
    assert doc["exit_code"] == 1
    assert {s["code"]: s["count"] for s in doc["statistics"]} == {"T001": 1, "Q002": 1, "M001": 1, "R001": 1}


def test_sarif_format(repo: Path) -> None:
    result = lint("--select", OURS, "--show-info", "-f", "sarif", str(repo / "rules"))
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert _sarif_errors(doc) == []
    assert doc["$schema"].startswith("https://") and doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "clauses" and driver["version"]
    assert driver.get("informationUri", "https://").startswith("https://")   # only when the project declares one
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert {r["id"] for r in rules} >= set(REGISTRY) | {"S001", "Q001", "R001"}
    assert not any(r["id"].startswith("E") for r in rules), "event-log codes are not lint rules"
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    t001 = next(r for r in rules if r["id"] == "T001")
    assert REGISTRY["T001"].bad in t001["help"]["text"] and REGISTRY["T001"].good in t001["help"]["text"]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("T001", "error"), ("Q002", "warning"), ("M001", "error"), ("R001", "note")]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["message"]["text"]
        location = r["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "rules/multi.clauses", "relative to the cwd, POSIX"
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 12, "startColumn": 1, "endLine": 14, "endColumn": 23}
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(hashes)) == len(hashes) and all(re.fullmatch(r"[0-9a-f]{16}:\d+", h) for h in hashes)


def test_sarif_fingerprints_survive_lines_added_above(repo: Path) -> None:
    def fingerprints() -> list[tuple[str, str, int]]:
        doc = json.loads(lint("--select", OURS, "-f", "sarif", "rules/multi.clauses").output)
        return [(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"],
                 r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in doc["runs"][0]["results"]]

    before = fingerprints()
    (repo / "rules" / "multi.clauses").write_text("# a new first line\n\n" + MULTI, encoding="utf-8")
    after = fingerprints()
    assert [(c, h) for c, h, _ in before] == [(c, h) for c, h, _ in after]
    assert [line + 2 for _, _, line in before] == [line for _, _, line in after]


def test_sarif_on_the_seeds_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = lint("-f", "sarif", "--show-info", "rules")
    assert result.exit_code in (0, 1)
    doc = json.loads(result.output)
    assert _sarif_errors(doc) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert uris and all(u.startswith("rules/") for u in uris)


def test_github_format_and_step_summary(repo: Path) -> None:
    summary = repo / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = lint("--select", OURS, "-f", "github", "rules", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    lines = result.output.splitlines()
    annotations = [l for l in lines if l.startswith("::") and "::stop-commands::" not in l][:-1]  # last: resume
    assert [re.match(r"^::(\w+) .*title=clauses \((\w+)\)::", l).group(1, 2) for l in annotations] == [
        ("error", "T001"), ("warning", "Q002"), ("error", "M001")]
    assert annotations[0].startswith("::error file=rules/multi.clauses,line=12,endLine=14,title=")
    assert annotations[2].startswith("::error file=rules/multi.clauses,line=17,col=3,endLine=17,endColumn=49,")
    assert "99.9 %25, not 100 %25" in annotations[2]
    assert "rules/multi.clauses:17:3: M001 " in result.output, "the full report follows the annotations"
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## clauses lint\n"), "appended, not overwritten"
    assert text.count("| error |") == 2 and text.count("| warning |") == 1
    # without the variable, no summary is written
    assert lint("--select", OURS, "-f", "github", "rules").exit_code == 1
    assert summary.read_text(encoding="utf-8") == text


def test_junit_format(repo: Path) -> None:
    (repo / "rules" / "latin1.clauses").write_bytes('convention "Résiliation".\n'.encode("latin-1"))
    result = lint("--select", OURS, "--show-info", "-f", "junit", "rules")
    assert result.exit_code == 1
    root = ET.fromstring(result.output)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["rules/clean.clauses", "rules/latin1.clauses", "rules/multi.clauses"]
    counts = {name: (s.get("tests"), s.get("failures"), s.get("errors")) for name, s in suites.items()}
    assert counts == {"rules/clean.clauses": ("1", "0", "0"), "rules/latin1.clauses": ("1", "0", "1"),
                      "rules/multi.clauses": ("4", "3", "0")}
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "3", "1")
    multi = suites["rules/multi.clauses"].findall("testcase")
    assert [c.get("name").split(":")[0] for c in multi] == ["T001", "Q002", "M001", "R001"]
    assert [c.get("line") for c in multi] == ["12", "14", "17", "22"]
    assert all(c.get("file") == "rules/multi.clauses" and c.get("classname") == "rules.multi" for c in multi)
    assert [c.find("failure").get("type") for c in multi[:3]] == ["T001", "Q002", "M001"]
    assert multi[3].find("failure") is None and "six mois" in multi[3].find("system-out").text
    assert suites["rules/latin1.clauses"].find("testcase/error").get("type") == "F003"
    (clean,) = suites["rules/clean.clauses"].findall("testcase")
    assert len(clean) == 0, "a clean file is one passing test case"


def test_statistics(repo: Path) -> None:
    (repo / "rules" / "copy.clauses").write_text(MULTI, encoding="utf-8")
    lines = lint("--select", OURS, "--statistics", "rules").output.splitlines()
    assert [l.split()[:3] for l in lines[:-1]] == [["2", "M001", "error"], ["2", "Q002", "warning"],
                                                   ["2", "T001", "error"]]
    assert REGISTRY["M001"].summary in lines[0]
    assert lines[-1] == "3 files checked: 4 errors, 2 warnings"
    doc = json.loads(lint("--select", OURS, "--statistics", "-f", "json", "rules").output)
    assert [(s["code"], s["count"]) for s in doc["statistics"]] == [("M001", 2), ("Q002", 2), ("T001", 2)]
    bad = lint("--statistics", "-f", "sarif", "rules")
    assert bad.exit_code == 2 and "--statistics" in bad.output


@pytest.mark.parametrize("format", ["text", "concise", "json", "sarif", "github", "junit"])
def test_every_format_is_deterministic(repo: Path, format: str) -> None:
    first = lint("--select", OURS, "--show-info", "-f", format, "rules").output
    assert first == lint("--select", OURS, "--show-info", "-f", format, "rules").output


def test_output_file(repo: Path) -> None:
    result = lint("--select", OURS, "-f", "sarif", "-o", "out/../clauses.sarif", "rules")
    assert result.exit_code == 2 and "cannot write" in result.output  # no such folder `out`
    result = lint("--select", OURS, "-f", "sarif", "-o", "clauses.sarif", "rules")
    assert result.exit_code == 1 and result.output == ""
    assert _sarif_errors(json.loads((repo / "clauses.sarif").read_text(encoding="utf-8"))) == []


# ---------------------------------------------------------------------------- exit codes
def test_exit_codes(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert lint("--select", OURS, "rules/clean.clauses").exit_code == 0
    assert lint("--select", OURS, "rules/multi.clauses").exit_code == 1
    # warnings only: 0, and 1 with --strict; information never counts
    assert lint("--select", "Q,R001", "rules/multi.clauses").exit_code == 0
    assert lint("--select", "Q,R001", "--strict", "rules/multi.clauses").exit_code == 1
    assert lint("--select", "R001", "--strict", "--show-info", "rules/multi.clauses").exit_code == 0
    # unusable: missing path, no path, unreadable file
    missing = lint("rules/nowhere.clauses")
    assert missing.exit_code == 2 and "no such file" in missing.output
    nothing = lint()
    assert nothing.exit_code == 2 and "no paths given" in nothing.output
    import clauses.language.load as load_module

    real = load_module.read_regular

    def deny(path, *args, **kwargs) -> bytes:
        if Path(path).name == "clean.clauses":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(load_module, "read_regular", deny)
    unreadable = lint("--select", OURS, "--no-cache", "rules")
    assert unreadable.exit_code == 2 and "error[F001]" in unreadable.output
    assert "rules/multi.clauses:12:1: error[T001]" in unreadable.output, "the other files are still linted"


# ---------------------------------------------------------------------------- configuration
def _pyproject(folder: Path, body: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text(f'[project]\nname = "x"\n\n[tool.clauses]\n{body}\n', encoding="utf-8")
    return path


def _codes(result) -> list[str]:
    return [d["code"] for d in json.loads(result.output)["diagnostics"]]


def test_config_enabled_precedence() -> None:
    assert Config().enabled("T001")
    assert not Config(select=("T",), ignore=("T00",)).enabled("T001")
    assert Config(select=("T",), ignore=("T00",)).enabled("T010")
    assert Config(select=("T001",), ignore=("T",)).enabled("T001")
    assert not Config(select=("T",)).enabled("M001")
    assert not Config(select=("T0",), ignore=("T0",)).enabled("T001"), "a tie goes to ignore"
    assert Config(ignore=("T",)).enabled("S001"), "syntax errors are always reported"
    c = Config(severity={"T": Severity.WARNING, "T001": Severity.INFO})
    assert c.severity_of("T001", Severity.ERROR) is Severity.INFO
    assert c.severity_of("T002", Severity.ERROR) is Severity.WARNING
    assert c.severity_of("S001", Severity.ERROR) is Severity.ERROR


def test_config_select_ignore_severity_from_pyproject(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pyproject(repo, 'select = ["T001", "M001", "Q"]\nignore = ["Q002"]\nseverity = { M001 = "warning" }\n'
                     'paths = ["rules/multi.clauses"]')
    sub = repo / "rules"
    monkeypatch.chdir(sub)  # found by walking up
    result = lint("-f", "json")  # no PATHS: `paths` of the config, relative to its file
    doc = json.loads(result.output)
    assert doc["files"] == ["multi.clauses"], "relative to the current directory"
    assert [(d["code"], d["severity"]) for d in doc["diagnostics"]] == [("T001", "error"), ("M001", "warning")]
    assert result.exit_code == 1
    # --select replaces select (Q002 stays ignored); --ignore adds to ignore
    assert _codes(lint("-f", "json", "--select", "M001,Q")) == ["M001"]
    assert _codes(lint("-f", "json", "--ignore", "T001")) == ["M001"]
    # the longest selector wins: `T001` in select beats `T` in ignore
    assert _codes(lint("-f", "json", "--ignore", "T")) == ["T001", "M001"]
    # without T001 only a warning is left: exit 0
    assert lint("--ignore", "T001").exit_code == 0


def test_config_severity_to_error_makes_warnings_fail(repo: Path) -> None:
    _pyproject(repo, 'select = ["Q"]\nseverity = { Q002 = "error" }')
    result = lint("-f", "json", "rules/multi.clauses")
    assert result.exit_code == 1
    assert [(d["code"], d["severity"]) for d in json.loads(result.output)["diagnostics"]] == [("Q002", "error")]


def test_pyproject_without_tool_clauses_is_skipped(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pyproject(repo, 'select = ["M001"]')
    inner = repo / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "inner"\n', encoding="utf-8")
    monkeypatch.chdir(inner)
    assert load_config().select == ("M001",)
    assert _codes(lint("-f", "json", "../rules/multi.clauses")) == ["M001"]


def test_config_option_overrides_discovery(repo: Path) -> None:
    _pyproject(repo, 'select = ["M001"]')
    other = repo / "ci.toml"
    other.write_text('select = ["T001"]\n', encoding="utf-8")
    assert _codes(lint("-f", "json", "--config", str(other), "rules/multi.clauses")) == ["T001"]
    missing = lint("--config", "nowhere.toml", "rules")
    assert missing.exit_code == 2 and "configuration file not found" in missing.output


@pytest.mark.parametrize("body, message", [
    ('select = ["Z9"]', "unknown code or family `Z9` in `select`"),
    ('ignore = ["t001"]', "did you mean `T001`?"),
    ('ignore = ["T0019"]', "unknown code or family `T0019`"),
    ('select = "T001"', "`select` must be a list of codes"),
    ('severity = { X999 = "error" }', "unknown code or family `X999` in `severity`"),
    ('severity = { T001 = "fatal" }', "must be one of error, warning, info"),
    ('ignore = ["S001"]', "cannot name `S001`"),
    ('severity = { F = "warning" }', "cannot be changed"),
    ('paths = "rules"', "`paths` must be a list"),
    ('selct = ["T"]', "unknown key `selct`"),
    ('select = [', "not valid TOML"),
])
def test_bad_configuration_exits_2(repo: Path, body: str, message: str) -> None:
    _pyproject(repo, body)
    result = lint("rules")
    assert result.exit_code == 2, result.output
    assert message in result.output and "pyproject.toml" in result.output
    assert "Traceback" not in result.output


def test_bad_cli_selectors_exit_2(repo: Path) -> None:
    result = lint("--select", "T001,Nope", "rules")
    assert result.exit_code == 2 and "unknown code or family `Nope` in `--select`" in result.output
    assert lint("--ignore", "S", "rules").exit_code == 2


def test_load_config_errors_are_config_errors(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="no \\[tool.clauses\\] table"):
        load_config(path)


# ---------------------------------------------------------------------------- suppressions
HEADER = 'langue fr.\n\nconvention "Essai"\n  signée à "Paris" le 2019-09-24.\n\npartie a "A".\npartie b "B".\n\n'
TERM = "durée article 7 :{comment}\n  3 ans à compter du 2019-09-25\n  jusqu'au 2022-09-30.\n"


def _lint_text(tmp_path: Path, text: str, select: str = "T001,M001,Q") -> LintResult:
    path = tmp_path / "s.clauses"
    path.write_text(text, encoding="utf-8")
    return lint_file(path, Config().with_cli([select], None))


def _found(result: LintResult) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in result.diagnostics]


def test_suppression_on_the_line(tmp_path: Path) -> None:
    result = _lint_text(tmp_path, HEADER + TERM.format(comment="  # clauses: ignore[T001] les deux dates du texte"))
    assert _found(result) == []
    (hidden,) = result.suppressed
    assert (hidden.diagnostic.code, hidden.reason, hidden.comment.line) == ("T001", "les deux dates du texte", 9)


def test_suppression_alone_on_the_line_before(tmp_path: Path) -> None:
    text = HEADER + "# clauses: ignore[T001]: les deux dates du texte\n\n# un autre commentaire\n" + TERM.format(comment="")
    result = _lint_text(tmp_path, text)
    assert _found(result) == [] and result.suppressed[0].reason == "les deux dates du texte"


def test_suppression_without_reason_still_applies_and_warns(tmp_path: Path) -> None:
    result = _lint_text(tmp_path, HEADER + TERM.format(comment="  # clauses: ignore[T001]"))
    assert _found(result) == [("Q001", 9, 20)]
    assert len(result.suppressed) == 1
    assert "the reason" in result.diagnostics[0].hint


def test_unused_suppression(tmp_path: Path) -> None:
    text = HEADER + TERM.format(comment="").replace("2022-09-30.", "2022-09-30.  # clauses: ignore[T001,M001] x")
    result = _lint_text(tmp_path, text)
    assert _found(result) == [("T001", 9, 1), ("Q002", 11, 25), ("Q002", 11, 25)]
    t001, m001 = result.diagnostics[1:]
    assert "suppression of T001 hides nothing" in t001.message and "starts on line 9" in t001.hint
    assert "suppression of M001 hides nothing" in m001.message
    # a clean file: an unused suppression is the only finding
    clean = _lint_text(tmp_path, HEADER + "# clauses: ignore[T001] plus rien à cacher\n")
    assert _found(clean) == [("Q002", 9, 1)] and "no statement follows" in clean.diagnostics[0].message


def test_unused_suppression_is_not_reported_when_checks_did_not_run(tmp_path: Path) -> None:
    text = HEADER + "partie a \"again\".\n" + TERM.format(comment="  # clauses: ignore[T001] dates du texte")
    result = _lint_text(tmp_path, text, select="T001,Q,N")
    assert [d.code for d in result.diagnostics] == ["N005"]


@pytest.mark.parametrize("comment, code, message", [
    ("# clauses: ignore T001 dates", "Q004", "names no code"),
    ("# clauses: ignore[] dates", "Q004", "names no code"),
    ("# clauses: ignore[Y999] dates", "Q003", "`Y999`, which is not a diagnostic code"),
    ("# clauses: ignore[S001] dates", "Q003", "`S001` cannot be suppressed"),
    ("# clauses: ignore[Q002] dates", "Q003", "cannot be suppressed by one"),
])
def test_malformed_suppressions(tmp_path: Path, comment: str, code: str, message: str) -> None:
    result = _lint_text(tmp_path, HEADER + comment + "\n" + TERM.format(comment=""))
    codes = [(d.code, d.span.line) for d in result.diagnostics]
    assert (code, 9) in codes and ("T001", 10) in codes, "nothing suppressed"
    assert message in next(d.message for d in result.diagnostics if d.code == code)


def test_ordinary_comments_are_not_suppressions(tmp_path: Path) -> None:
    text = HEADER + "# clauses: voir l'article 7\n# ignore[T001] ceci n'est pas une directive\n" + TERM.format(comment="")
    assert _found(_lint_text(tmp_path, text)) == [("T001", 11, 1)]


def test_suppressed_findings_in_json_and_counts(repo: Path) -> None:
    path = repo / "rules" / "multi.clauses"
    path.write_text(MULTI.replace("durée article 7 :", "durée article 7 :  # clauses: ignore[T001] dates du texte"),
                    encoding="utf-8")
    result = lint("--select", OURS, "-f", "json", str(path.relative_to(repo)))
    doc = json.loads(result.output)
    assert [s["code"] for s in doc["suppressed"]] == ["T001"] and doc["suppressed"][0]["reason"] == "dates du texte"
    assert doc["summary"]["suppressed"] == 1
    assert "1 suppressed" in lint("--select", OURS, "rules/multi.clauses").output


# ---------------------------------------------------------------------------- clauses rules
def test_rules_lists_every_code() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    listed = dict(re.findall(r"^  ([A-Z]\d{3})  (error|warning|info) ", result.output, re.M))
    assert set(listed) == set(CODES), "pipeline codes and registered checks"
    assert all(listed[c] == CODES[c].severity.value for c in CODES)
    for code, check in REGISTRY.items():
        assert f"{check.summary}  [{check.name}]" in result.output


def test_rules_code_explains_a_check() -> None:
    result = runner.invoke(app, ["rules", "t001"])
    assert result.exit_code == 0
    check = REGISTRY["T001"]
    assert result.output.startswith("T001 (end-date-disagrees) — error, time\n")
    assert "Why it matters:" in result.output and check.rationale.splitlines()[0] in result.output
    assert check.bad in result.output and check.good in result.output
    assert result.output == runner.invoke(app, ["lint", "--explain", "T001"]).output


@pytest.mark.parametrize("code", sorted(REGISTRY))
def test_every_check_explains_itself(code: str) -> None:
    result = runner.invoke(app, ["rules", code])
    assert result.exit_code == 0
    assert REGISTRY[code].bad.splitlines()[0] in result.output
    assert REGISTRY[code].good.splitlines()[0] in result.output


def test_rules_code_for_pipeline_and_suppression_codes() -> None:
    s001 = runner.invoke(app, ["rules", "S001"]).output
    assert "syntax" in s001 and "cannot be ignored nor suppressed" in s001
    q001 = runner.invoke(app, ["rules", "Q001"]).output
    assert "Why it matters:" in q001 and "# clauses: ignore[T001] le texte signé" in q001


def test_rules_unknown_code_exits_2() -> None:
    result = runner.invoke(app, ["rules", "T0001"])
    assert result.exit_code == 2 and "unknown code `T0001`" in result.output and "did you mean T001" in result.output
    assert runner.invoke(app, ["lint", "--explain", "nope"]).exit_code == 2


# ---------------------------------------------------------------------------- pre-commit and the workflow
def _clauses_command() -> list[str]:
    exe = Path(sys.executable).parent / "clauses"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("clauses")
    return [found] if found else [sys.executable, "-m", "clauses"]


def test_pre_commit_hook_points_at_a_real_command() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "clauses-lint"]
    assert hook["entry"] == "clauses lint" and hook["language"] == "python" and hook["name"]
    pattern = re.compile(hook["files"])
    assert pattern.search("rules/000_pisco_manosque.clauses") and not pattern.search("conventions/x.txt")
    # the entry is the console script the package installs, and `lint` one of its commands
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    program, command = hook["entry"].split()
    assert program in scripts
    seed = str(ROOT / "rules" / "000_pisco_manosque.clauses")
    proc = subprocess.run([*_clauses_command(), command, "--select", "T001", seed], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 fichier vérifié" in proc.stdout   # the seed's `langue fr.`


WORKFLOW = ROOT / "docs" / "examples" / "clauses-lint.yml"


def test_workflow_runs_sarif_and_uploads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = [s["run"] for s in steps if "run" in s]
    sarif_run = next(r for r in runs if "clauses lint --format sarif" in r)
    output = re.search(r"--output (\S+)", sarif_run).group(1)
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == output
    assert any("clauses lint --format github" in r for r in runs)
    (job,) = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    # the run line works from the repository root (the output moved to tmp_path)
    argv = sarif_run.split("||")[0].split()
    assert argv[:2] == ["clauses", "lint"]
    monkeypatch.chdir(ROOT)
    target = tmp_path / output
    result = runner.invoke(app, ["lint", *[str(target) if a == output else a for a in argv[2:]]])
    assert result.exit_code in (0, 1), result.output
    assert _sarif_errors(json.loads(target.read_text(encoding="utf-8"))) == []


def test_workflow_is_the_one_in_the_docs() -> None:
    docs = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", docs, re.S)
    assert WORKFLOW.read_text(encoding="utf-8") in blocks


def test_workflow_validates_against_the_github_workflow_schema() -> None:
    pytest.importorskip("check_jsonschema")
    exe = Path(sys.executable).parent / "check-jsonschema"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "check_jsonschema"]
    proc = subprocess.run([*command, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
