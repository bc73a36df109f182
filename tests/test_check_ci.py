"""`clauses check --format sarif|junit|github [-o FILE]`: the check's findings in CI, through the
lint machinery (one SARIF, JUnit and workflow-command writer for both commands)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import clauses
from clauses.cli import app
from conftest import ROOT

runner = CliRunner()
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
RULES = "rules/000_pisco_manosque.clauses"
LOG = "examples/000_pisco_manosque/breaches.csv"
ARGS = [RULES, LOG, "--as-of", "2022-03-01"]


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def line_of(text: str) -> int:
    return next(n for n, ln in enumerate((ROOT / RULES).read_text(encoding="utf-8").splitlines(), 1) if text in ln)


def test_sarif_is_valid_and_locates_each_finding_at_its_clause(tmp_path) -> None:
    out = tmp_path / "check.sarif"
    result = runner.invoke(app, ["check", *ARGS, "--format", "sarif", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(doc, SARIF_SCHEMA)
    results = doc["runs"][0]["results"]
    # 8 breaches, 2 upcoming, 3 pending (fulfilled findings are not reported)
    assert [r["ruleId"] for r in results].count("C001") == 8
    assert [r["level"] for r in results].count("note") == 5
    rules = {r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert {"C001", "C002", "C003", "E003"} <= rules
    intentions = [r for r in results if "`intentions`" in r["message"]["text"]]
    region = intentions[0]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == RULES
    assert region["region"]["startLine"] == line_of("obligation intentions article 7")
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_junit_breaches_fail_and_due_duties_pass() -> None:
    result = runner.invoke(app, ["check", *ARGS, "--format", "junit"])
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    assert root.get("name") == "clauses check"
    assert root.get("failures") == "8" and root.get("tests") == "13" and root.get("errors") == "0"
    passing = [c for c in root.iter("testcase") if c.find("failure") is None]
    assert len(passing) == 5 and all(c.find("system-out") is not None for c in passing)


def test_github_annotations() -> None:
    result = runner.invoke(app, ["check", *ARGS, "--format", "github"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert sum(ln.startswith("::error file=rules/000_pisco_manosque.clauses,line=") for ln in lines) == 8
    assert sum(ln.startswith("::notice ") for ln in lines) == 5


def test_the_logs_problems_come_located_in_the_log_and_exit_2(tmp_path) -> None:
    log = "tests/fixtures/bad_inputs/logs/impossible_date.csv"
    result = runner.invoke(app, ["check", RULES, log, "--as-of", "2022-03-01", "--format", "sarif"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SARIF_SCHEMA)
    bad = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "E003"]
    assert len(bad) == 1
    location = bad[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == log and location["region"]["startLine"] == 4
    junit = ET.fromstring(runner.invoke(app, ["check", RULES, log, "--as-of", "2022-03-01", "-f", "junit"]).stdout)
    assert log in [s.get("name") for s in junit.iter("testsuite")]


def test_hostile_messages_cannot_forge_workflow_commands(tmp_path) -> None:
    # a message quoting a register's text with a line break and a workflow command
    loaded = clauses.load(ROOT / RULES)
    report = clauses.check(loaded, ROOT / LOG, as_of="2022-03-01")
    import dataclasses

    from clauses.output.check_ci import render

    f = report.findings[0]
    hostile = dataclasses.replace(report, findings=(dataclasses.replace(f, message="a\n::error file=x::forged"),))
    out = render("github", [(hostile, loaded)])
    assert not any(ln.startswith("::error file=x") for ln in out.splitlines())
    assert "a ::error file=x::forged" in out


def test_portfolio_in_ci_formats() -> None:
    result = runner.invoke(app, ["check", "examples/portfolio.yaml", "--format", "sarif"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SARIF_SCHEMA)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert {"rules/000_pisco_manosque.clauses", "rules/004_groupement_mons_en_baroeul.clauses"} <= uris


def test_portfolio_problems_and_rule_errors_are_in_the_ci_report(tmp_path) -> None:
    project = tmp_path / "p"
    (project / "rules").mkdir(parents=True)
    (project / "conventions").mkdir()
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    (project / "conventions" / "000_pisco_manosque.txt").write_bytes(
        (ROOT / "conventions" / "000_pisco_manosque.txt").read_bytes())
    text = (ROOT / RULES).read_text(encoding="utf-8")
    (project / "rules" / "ok.clauses").write_text(text, encoding="utf-8")
    (project / "rules" / "broken.clauses").write_text(text.replace("partie h2p", "partie"), encoding="utf-8")
    (project / "portfolio.yaml").write_text(
        "conventions:\n  - rules: rules/ok.clauses\n    au: 2022-03-01\n"
        "  - rules: rules/broken.clauses\n    au: 2022-03-01\n  - rules: rules/absent.clauses\n",
        encoding="utf-8")
    result = runner.invoke(app, ["check", str(project / "portfolio.yaml"), "--format", "sarif"])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, SARIF_SCHEMA)
    codes = [r["ruleId"] for r in doc["runs"][0]["results"]]
    assert codes.count("P001") == 1 and "S001" in codes and "C001" not in codes[:1]
