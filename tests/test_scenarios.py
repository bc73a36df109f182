"""`clauses test`: scenario files rule authors write, run as CI would."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app
from clauses.scenario import load_scenarios, run
from conftest import ROOT

SCENARIOS = ROOT / "scenarios"
runner = CliRunner()


def write(tmp_path: Path, text: str) -> Path:
    """The scenario in a project of its own (its paths must stay inside it: clauses.confine)."""
    project = tmp_path / "project"
    if not project.exists():
        (project / "rules").mkdir(parents=True)
        (project / "conventions").mkdir()
        (project / "scenarios").mkdir()
        (project / "pyproject.toml").write_text("", encoding="utf-8")
        shutil.copy(ROOT / "rules" / "000_pisco_manosque.clauses", project / "rules")
        shutil.copy(ROOT / "conventions" / "000_pisco_manosque.txt", project / "conventions")
    path = project / "scenarios" / "t.scenario.yaml"
    path.write_text(text.replace("RULES", "../rules/000_pisco_manosque.clauses"), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.scenario.yaml")), ids=lambda p: p.stem)
def test_seed_scenarios_pass(path: Path) -> None:
    scenarios, problems = load_scenarios(path)
    assert problems == [] and scenarios
    for scenario in scenarios:
        assert run(scenario).passed, scenario.name


def test_every_seed_has_scenarios() -> None:
    stems = {p.name.split(".")[0] for p in SCENARIOS.glob("*.scenario.yaml")}
    assert stems == {p.stem for p in (ROOT / "rules").glob("*.clauses")}


def test_cli_runs_the_seed_scenarios() -> None:
    result = runner.invoke(app, ["test", str(SCENARIOS), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("0 failed")


FAILING = """
convention: RULES
as_of: 2022-04-30
events:
  - {date: 2022-04-12, event: intentions, by: fp, to: h2p}
expect:
  - {status: fulfilled, clause: intentions, party: fp}
must_not:
  - {status: breach, party: h2p}
"""


def test_a_failing_scenario_shows_expected_and_actual(tmp_path: Path) -> None:
    result = runner.invoke(app, ["test", str(write(tmp_path, FAILING)), "--lang", "en"])
    assert result.exit_code == 1
    out = result.output
    assert "FAIL" in out and "0 passed, 1 failed" in out
    # what was expected, and the closest finding the checker gave instead
    assert "expected (7): status=fulfilled clause=intentions party=fp" in out
    assert "closest: status=breach clause=intentions article=7 parties=fp due=2022-03-25" in out
    # the forbidden finding is shown
    assert "must not report (9): status=breach party=h2p" in out
    assert "but reported: status=breach clause=intentions article=7 parties=h2p" in out


def test_count(tmp_path: Path) -> None:
    text = FAILING.replace("  - {status: fulfilled, clause: intentions, party: fp}", "  - {clause: intentions, count: 3}")
    result = runner.invoke(app, ["test", str(write(tmp_path, text)), "--lang", "en"])
    assert "expected 3 findings" in result.output and "got 2" in result.output
    one = runner.invoke(app, ["test", str(write(tmp_path, text.replace("count: 3", "count: 1"))), "--lang", "en"])
    assert "expected 1 finding (" in one.output and "got 2" in one.output


@pytest.mark.parametrize("text,code,line", [
    ("convention: RULES\nexpect:\n  - {status: breach}\n", "Z002", 1),                       # no as_of
    ("convention: RULES\nas_of: 2022-02-30\nexpect:\n  - {status: breach}\n", "Z003", 2),    # bad date
    ("convention: RULES\nas_of: 2022-02-01\nexpect:\n  - {statut: cassé}\n", "Z003", 4),     # bad status
    ("convention: RULES\nas_of: 2022-02-01\nexpect:\n  - {color: red}\n", "Z004", 4),        # unknown field
    ("convention: nowhere.clauses\nas_of: 2022-02-01\nexpect:\n  - {status: breach}\n", "Z003", 1),
    ("convention: RULES\nas_of: 2022-02-01\n", "Z002", 1),                                   # cannot fail
    ("convention: [unclosed\n", "Z001", 2),
    ("convention: RULES\nas_of: 2022-02-01\nevents:\n  - {date: 2022-13-01, event: x}\nexpect:\n  - {status: breach}\n",
     "E003", 4),
])
def test_invalid_scenarios_are_reported_with_their_line(tmp_path: Path, text: str, code: str, line: int) -> None:
    _, problems = load_scenarios(write(tmp_path, text))
    assert [(d.code, d.span.line) for d in problems][:1] == [(code, line)]
    result = runner.invoke(app, ["test", str(tmp_path / "t.scenario.yaml")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_junit(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    result = runner.invoke(app, ["test", str(write(tmp_path, FAILING)), "--format", "junit", "--output", str(out),
                                 "--lang", "en"])
    assert result.exit_code == 1
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite.get("tests") == "1" and suite.get("failures") == "1"
    assert "closest" in suite.find("testcase/failure").text


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert runner.invoke(app, ["test", str(tmp_path / "nope.scenario.yaml")]).exit_code == 2


def test_a_scenario_files_problems_read_in_french(tmp_path: Path) -> None:
    """A jurist's scenario file with mistakes: each problem is a message of the catalogue (French in a
    French report), naming the fields as the French spellings a scenario may use."""
    from clauses.i18n import localized
    from clauses.scenario import load_scenarios

    text = FAILING.replace("  - {status: fulfilled, clause: intentions, party: fp}",
                           "  - {statut: gagné, clause: intentions, couleur: bleu}")
    _, problems = load_scenarios(write(tmp_path, text))
    french = {localized(d.message, "fr") for d in problems}
    assert "statut inconnu `gagné`" in french and "champ d'attente inconnu `couleur`" in french
    hints = {localized(d.hint, "fr") for d in problems if d.hint}
    assert "manquement, à venir, en attente, respecté ou caduc" in hints


def test_a_french_rules_file_gets_a_french_report(tmp_path: Path) -> None:
    """The seed's rules say `langue fr.`: the report of its scenarios is in French, naming the fields and
    statuses as a French scenario writes them, the checker's sentences in French; --lang en overrides."""
    text = FAILING.replace("  - {status: fulfilled, clause: intentions, party: fp}",
                           "  - {status: fulfilled, clause: intentions, party: fp}\n  - {clause: intentions, count: 3}")
    result = runner.invoke(app, ["test", str(write(tmp_path, text))])
    out = result.output
    assert result.exit_code == 1 and out.startswith("ÉCHEC  scénario de la ligne 2  (")
    assert "    - attendu (7) : statut=respecté clause=intentions partie=fp" in out
    assert ("      + le plus proche : statut=manquement clause=intentions article=7 parties=fp échéance=2022-03-25 : "
            "`intentions`") in out
    assert "l'échéance du vendredi 25 mars 2022" in out            # the checker's own sentence, in French
    assert "    - 3 constats attendus (8) : clause=intentions nombre=3" in out and "      + obtenus : 2" in out
    assert "    - ne doit pas être signalé (10) : statut=manquement partie=h2p" in out
    assert "      + mais signalé : statut=manquement" in out
    assert out.rstrip().endswith("0 réussi, 1 en échec")
    english = runner.invoke(app, ["test", str(write(tmp_path, text)), "--lang", "en"]).output
    assert english.startswith("FAIL  scenario at line 2  (") and english.rstrip().endswith("0 passed, 1 failed")
    junit = tmp_path / "report.xml"
    runner.invoke(app, ["test", str(write(tmp_path, text)), "--format", "junit", "--output", str(junit)])
    case = ET.parse(junit).getroot().find("testsuite/testcase")
    assert case.get("name") == "scénario de la ligne 2"
    assert case.find("failure").get("message") == "le scénario `scénario de la ligne 2` a échoué"


def test_a_message_expectation_may_quote_the_french_report(tmp_path: Path) -> None:
    """A French jurist copies a piece of the sentence `clauses check` printed: it matches as the English does."""
    for piece in ("18 jours après l'échéance", "18 days after the deadline"):
        text = FAILING.replace("  - {status: fulfilled, clause: intentions, party: fp}",
                               f'  - {{status: breach, party: fp, texte: "{piece}"}}').replace(
            "must_not:\n  - {status: breach, party: h2p}\n", "")
        result = runner.invoke(app, ["test", str(write(tmp_path, text))])
        assert result.exit_code == 0, result.output
    text = FAILING.replace("  - {status: fulfilled, clause: intentions, party: fp}",
                           '  - {status: breach, party: fp, texte: "19 jours après"}')
    assert runner.invoke(app, ["test", str(write(tmp_path, text))]).exit_code == 1


def test_scenarios_of_rules_in_two_languages_each_read_in_their_own(tmp_path: Path) -> None:
    """Without --lang, each scenario's lines follow its rules file's `langue` (as lint reports each file in its
    own) and the tally the locale's; with --lang, everything is in that language."""
    path = write(tmp_path, FAILING)
    rules = path.parent.parent / "rules"
    english = (rules / "000_pisco_manosque.clauses").read_text(encoding="utf-8").replace("langue fr.", "langue en.")
    assert english != (rules / "000_pisco_manosque.clauses").read_text(encoding="utf-8")
    (rules / "en.clauses").write_text(english, encoding="utf-8")
    (path.parent / "u.scenario.yaml").write_text(FAILING.replace("RULES", "../rules/en.clauses"), encoding="utf-8")
    out = runner.invoke(app, ["test", str(path.parent)], env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""}).output
    assert "ÉCHEC  scénario de la ligne 2" in out and "FAIL  scenario at line 2" in out
    assert "statut=respecté" in out and "status=fulfilled" in out
    assert out.rstrip().endswith("0 réussi, 2 en échec")
    forced = runner.invoke(app, ["test", str(path.parent), "--lang", "en"]).output
    assert "ÉCHEC" not in forced and forced.count("FAIL  scenario at line 2") == 2
