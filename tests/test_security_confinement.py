"""Confinement (issue 11 §1, §6): a file a clause file or a scenario names is read only inside
the project, after resolving symlinks; anything else is an F004 error at the name's position,
and nothing of the file is read. Deep nesting and over-long names are diagnostics, never exit 3.

Every test builds a project in tmp_path (``pyproject.toml``, ``rules/``, ``conventions/``,
``scenarios/``) beside a "secret" file outside it, and records every file the process opens
(a ``sys.addaudithook`` hook on the ``open`` event) to prove the secret is never opened --
the same for ``/etc/shadow``, which the tests' root user could read.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app
from clauses.language.load import load
from clauses.scenario import load_scenarios
from conftest import ROOT

runner = CliRunner()
SECRET = "TOP-SECRET-CONTENT-4242"
SEED = "000_pisco_manosque"

_opened: list[str] | None = None


def _hook(event: str, args: tuple) -> None:
    if event == "open" and _opened is not None and args and isinstance(args[0], (str, bytes, os.PathLike)):
        _opened.append(os.fsdecode(args[0]))


sys.addaudithook(_hook)


@pytest.fixture
def opened():
    """The files opened while the test runs."""
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("rules", "conventions", "scenarios"):
        (root / folder).mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    shutil.copy(ROOT / "conventions" / f"{SEED}.txt", root / "conventions")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "secret.txt").write_text(f"Article 1 - {SECRET}\n{SECRET}\n", encoding="utf-8")
    return root


def rules_naming(project: Path, name: str, file: str = "x.clauses") -> Path:
    """The seed 000 rules file, whose header names the convention text ``name``."""
    text = (ROOT / "rules" / f"{SEED}.clauses").read_text(encoding="utf-8")
    text = text.replace(f'texte "{SEED}.txt"', f'texte "{name}"')
    path = project / "rules" / file
    path.write_text(text, encoding="utf-8")
    return path


def f004(path: Path) -> list:
    return [d for d in load(path).diagnostics if d.code == "F004"]


def never_read(opened: list[str], *paths: Path | str) -> None:
    for p in paths:
        assert os.fspath(p) not in opened and os.path.realpath(p) not in [os.path.realpath(o) for o in opened]


# ------------------------------------------------------------------ the seed layout still reads its text
def test_text_in_the_conventions_folder_is_read(project: Path) -> None:
    loaded = load(rules_naming(project, f"{SEED}.txt"))
    assert loaded.ok and loaded.text is not None
    assert loaded.text.path == (project / "conventions" / f"{SEED}.txt").resolve()


def test_subfolder_and_symlink_inside_are_allowed(project: Path) -> None:
    (project / "conventions" / "2019").mkdir()
    shutil.copy(project / "conventions" / f"{SEED}.txt", project / "conventions" / "2019" / "c.txt")
    assert load(rules_naming(project, "2019/c.txt")).ok
    (project / "conventions" / "alias.txt").symlink_to(project / "conventions" / f"{SEED}.txt")
    assert load(rules_naming(project, "alias.txt")).ok


# ------------------------------------------------------------------ refused names, nothing read
@pytest.mark.parametrize("name", ["/etc/shadow", "/etc/passwd", "//etc/shadow", "C:/Windows/win.ini"])
def test_absolute_paths_are_refused_and_not_opened(project: Path, opened: list[str], name: str) -> None:
    path = rules_naming(project, name)
    found = f004(path)
    assert len(found) == 1 and "absolute path" in found[0].message
    # the position is the quoted name in the header: line and column of `"/etc/shadow"`
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if name in ln)
    assert found[0].span.line == line and found[0].span.column > 1
    never_read(opened, "/etc/shadow", "/etc/passwd")


def test_dot_dot_out_of_the_folder_is_refused(project: Path, opened: list[str]) -> None:
    path = rules_naming(project, "../../secret/secret.txt")
    found = f004(path)
    assert len(found) == 1 and "outside the project's conventions folder" in found[0].message
    never_read(opened, project.parent / "secret" / "secret.txt")
    # even a `..` that climbs to /etc from the conventions folder
    deep = rules_naming(project, "../" * 40 + "etc/shadow", "y.clauses")
    assert len(f004(deep)) == 1
    never_read(opened, "/etc/shadow")


def test_dot_dot_into_the_rules_folder_is_refused(project: Path) -> None:
    # inside the project, but not a convention text: lint would echo the rules of another file
    other = project / "rules" / "other.clauses"
    other.write_text("langue fr.\n", encoding="utf-8")
    assert len(f004(rules_naming(project, "../rules/other.clauses"))) == 1


def test_symlink_out_of_the_folder_is_refused(project: Path, opened: list[str]) -> None:
    (project / "conventions" / "link.txt").symlink_to(project.parent / "secret" / "secret.txt")
    (project / "conventions" / "shadow.txt").symlink_to("/etc/shadow")
    (project / "conventions" / "dir").symlink_to(project.parent / "secret", target_is_directory=True)
    for name in ("link.txt", "shadow.txt", "dir/secret.txt"):
        found = f004(rules_naming(project, name))
        assert len(found) == 1 and "outside" in found[0].message, name
    never_read(opened, project.parent / "secret" / "secret.txt", "/etc/shadow")


def test_lint_never_echoes_the_secret(project: Path, monkeypatch) -> None:
    (project / "conventions" / "link.txt").symlink_to(project.parent / "secret" / "secret.txt")
    monkeypatch.chdir(project)
    for name in ("link.txt", "../../secret/secret.txt", str(project.parent / "secret" / "secret.txt")):
        rules_naming(project, name)
        for fmt in ("text", "json", "sarif", "github", "junit"):
            result = runner.invoke(app, ["lint", "rules/x.clauses", "--format", fmt, "--show-info"])
            assert result.exit_code == 1, result.output
            assert SECRET not in result.output and "F004" in result.output


def test_a_300_character_name_is_an_error_not_exit_3(project: Path, monkeypatch) -> None:
    name = "a" * 300 + ".txt"
    path = rules_naming(project, name)
    found = f004(path)
    assert len(found) == 1 and "304 characters long (at most 255)" in found[0].message
    assert found[0].span.line > 1
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["check", "rules/x.clauses", str(ROOT / "examples" / SEED / "breaches.csv"),
                                 "--as-of", "2022-03-01"])
    assert result.exit_code == 2 and "F004" in result.output


@pytest.mark.parametrize("name", ["con\x07ventions.txt", "a/" + "b" * 256 + "/c.txt"])
def test_empty_control_and_overlong_components_are_refused(project: Path, name: str) -> None:
    assert len(f004(rules_naming(project, name))) == 1


def test_a_fifo_is_refused_without_opening_it(project: Path, opened: list[str]) -> None:
    fifo = project / "conventions" / "pipe.txt"
    os.mkfifo(fifo)
    found = f004(rules_naming(project, "pipe.txt"))
    assert len(found) == 1 and "not a regular file" in found[0].message
    never_read(opened, fifo)


def test_configured_folders_replace_the_default(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.clauses]\nconventions = ["textes"]\n', encoding="utf-8")
    (project / "textes").mkdir()
    shutil.copy(project / "conventions" / f"{SEED}.txt", project / "textes" / "t.txt")
    assert load(rules_naming(project, "t.txt", "a.clauses")).ok
    # the default folder is no longer allowed: the name is simply not found there
    codes = {d.code for d in load(rules_naming(project, f"{SEED}.txt", "b.clauses")).diagnostics}
    assert "A001" in codes


# ------------------------------------------------------------------ scenarios: convention and journal
SCENARIO = """convention: {rules}
journal: {log}
au: 2022-03-01
attendu:
  - {{statut: manquement}}
"""


def scenario(project: Path, rules: str = f"../rules/{SEED}.clauses", log: str = "../logs/log.csv") -> Path:
    shutil.copy(ROOT / "rules" / f"{SEED}.clauses", project / "rules")
    (project / "logs").mkdir(exist_ok=True)
    shutil.copy(ROOT / "examples" / SEED / "breaches.csv", project / "logs" / "log.csv")
    path = project / "scenarios" / "s.scenario.yaml"
    path.write_text(SCENARIO.format(rules=rules, log=log), encoding="utf-8")
    return path


def test_a_scenario_inside_its_project_runs(project: Path) -> None:
    scenarios, problems = load_scenarios(scenario(project))
    assert problems == [] and len(scenarios) == 1


@pytest.mark.parametrize("field,value,line", [
    ("log", "/etc/shadow", 2),
    ("log", "../../secret/secret.txt", 2),
    ("rules", "/etc/passwd", 1),
    ("rules", "../../../../../../../../etc/shadow", 1),
    ("log", "x" * 300, 2),
])
def test_scenario_paths_outside_the_project_are_refused(project: Path, opened: list[str], field: str,
                                                        value: str, line: int) -> None:
    path = scenario(project, **{field: value})
    _, problems = load_scenarios(path)
    refused = [d for d in problems if d.code == "F004"]
    assert len(refused) == 1 and refused[0].span.line == line
    never_read(opened, "/etc/shadow", "/etc/passwd", project.parent / "secret" / "secret.txt")


def test_scenario_journal_symlinked_out_is_refused(project: Path, opened: list[str]) -> None:
    (project / "scenarios" / "log.csv").symlink_to(project.parent / "secret" / "secret.txt")
    _, problems = load_scenarios(scenario(project, log="log.csv"))
    assert [d.code for d in problems] == ["F004"]
    never_read(opened, project.parent / "secret" / "secret.txt")


# ------------------------------------------------------------------ limits that reached exit 3
def test_a_formula_500_parentheses_deep_is_a_diagnostic(project: Path, monkeypatch) -> None:
    text = (ROOT / "rules" / "004_groupement_mons_en_baroeul.clauses").read_text(encoding="utf-8")
    shutil.copy(ROOT / "conventions" / "004_groupement_mons_en_baroeul.txt", project / "conventions")
    deep = "(" * 500 + "I" + ")" * 500
    assert "P = P0 × (0,15 + 0,85 × I / I0)" in text
    path = project / "rules" / "deep.clauses"
    path.write_text(text.replace("P = P0 × (0,15 + 0,85 × I / I0)", f"P = P0 × {deep}"), encoding="utf-8")
    diagnostics = load(path).diagnostics
    assert [d.code for d in diagnostics] == ["S004"]
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "P = P0" in ln)
    assert diagnostics[0].span.line == line
    monkeypatch.chdir(project)
    assert runner.invoke(app, ["lint", "rules/deep.clauses"]).exit_code == 1
    result = runner.invoke(app, ["check", "rules/deep.clauses", str(ROOT / "examples/004_groupement_mons_en_baroeul/"
                                                                     "breaches.yaml"), "--as-of", "2024-01-01"])
    assert result.exit_code == 2 and "S004" in result.output


def test_a_formula_90_parentheses_deep_still_loads(project: Path) -> None:
    text = (ROOT / "rules" / "004_groupement_mons_en_baroeul.clauses").read_text(encoding="utf-8")
    shutil.copy(ROOT / "conventions" / "004_groupement_mons_en_baroeul.txt", project / "conventions")
    path = project / "rules" / "ok.clauses"
    deep = "(" * 90 + "I" + ")" * 90
    path.write_text(text.replace("P = P0 × (0,15 + 0,85 × I / I0)", f"P = P0 × {deep}"), encoding="utf-8")
    assert load(path).ok


def test_a_scenario_nested_100000_deep_is_a_diagnostic(project: Path) -> None:
    path = project / "scenarios" / "deep.scenario.yaml"
    path.write_text("convention: ../rules/x.clauses\nscenarios: " + "[" * 100_000 + "]" * 100_000 + "\n",
                    encoding="utf-8")
    scenarios, problems = load_scenarios(path)
    assert scenarios == [] and [(d.code, d.span.line) for d in problems] == [("Z001", 2)]
    assert "nests more than 50 levels deep" in problems[0].message
    result = runner.invoke(app, ["test", str(path)])
    assert result.exit_code == 2
    # the same in block style, deeply indented mappings
    block = "".join(" " * i + f"k{i}:\n" for i in range(2000)) + " " * 2000 + "v: 1\n"
    path.write_text(block, encoding="utf-8")
    assert [d.code for d in load_scenarios(path)[1]] == ["Z001"]


# ------------------------------------------------------------------ the folders of one run remembered
def test_folders_are_remembered_within_a_run_and_looked_up_again_outside(project: Path, tmp_path: Path) -> None:
    """Within one lint run (:func:`clauses.confine.folders_remembered`) the conventions folders of a rules
    folder are looked up once; outside (an editor session, a watch loop), each call looks again, so a
    conventions folder created meanwhile is seen. Remembering never lets a name out of the project."""
    from clauses import confine

    rules = project / "rules" / "sub"
    rules.mkdir()
    path = rules / "x.clauses"
    with confine.folders_remembered():
        first = confine.text_folders(path)
        assert first == (project.resolve() / "conventions",)
        (rules / "conventions").mkdir()
        assert confine.text_folders(path) == first             # the run's answer, not looked up again
        assert confine.find_text(path, "../../secret/secret.txt")[1] is not None
    assert confine.text_folders(path) == (rules / "conventions", *first)   # looked up again


def test_a_lint_run_still_reads_each_files_own_text(project: Path) -> None:
    """Two rules folders in one run: each file gets the convention text of its own folders."""
    from clauses.lint.pipeline import lint_files

    other = project / "rules" / "other"
    (other / "conventions").mkdir(parents=True)
    (other / "conventions" / f"{SEED}.txt").write_text("Article 1 - Objet\nAutre texte.\n", encoding="utf-8")
    here = rules_naming(project, f"{SEED}.txt")
    there = rules_naming(project, f"{SEED}.txt", "other/y.clauses")
    results = lint_files([here, there, here, there])
    texts = [r.loaded.text.path for r in results]
    assert texts[0] == texts[2] == (project / "conventions" / f"{SEED}.txt").resolve()
    assert texts[1] == texts[3] == (other / "conventions" / f"{SEED}.txt").resolve()
