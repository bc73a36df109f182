"""French outputs carry no English (issue 14 item 2).

Renders, in French, what a French user sees of every bundled example — each
`clauses check` command of the examples' READMEs and of the portfolio (the terminal
report and the plain one, with `--explain`), every scenario's convention against its
events, `clauses lint --show-info` on rules/, `clauses rules` — and fails on English
words and phrases of the program's own frame, and on doubled words (« du du »).
What comes from the user's files stays as written: words in backticks, « quotes »,
"quotes", paths and identifiers, and every word of the rules file, its log and its
convention text, are left out before the scan.
"""

from __future__ import annotations

import re
import shlex
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
ENV = {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "100"}

#: the program's English, as it leaked into French outputs (words and phrases, case-insensitive)
ENGLISH = [r"because", r"within", r"by", r"the", r"of", r"and", r"not", r"no", r"is", r"are", r"was", r"has",
           r"with", r"without", r"before", r"after", r"until", r"from", r"at (?:least|most)", r"on time", r"late",
           r"due (?:on|by|in|within|date)", r"days?", r"weeks?", r"months?", r"years?", r"reached", r"required",
           r"missing", r"unknown", r"events? given", r"present or represented", r"members", r"party", r"field",
           r"which", r"when", r"none", r"every", r"each", r"should", r"must", r"cannot", r"counted", r"breach(?:es)?",
           r"upcoming", r"pending", r"fulfilled", r"discharged", r"ballots?", r"decided", r"rule", r"reading",
           r"warning", r"error", r"hint", r"term end", r"renewal", r"notice"]
_ENGLISH = re.compile(r"(?<![\w'’-])(?:" + "|".join(ENGLISH) + r")(?![\w'’-])", re.IGNORECASE)
_DOUBLED = re.compile(r"(?<![\w'’-])(du|de|des|le|la|les|au|aux|à|et|ou|en|par|pour|sur)\s+\1(?![\w'’-])",
                      re.IGNORECASE)
#: user text: backticks, French and English quotes, paths and identifiers
_USER = re.compile(r"`[^`\n]*`|«[^»]*»|\"[^\"\n]*\"|“[^”]*”|\S*[/\\_]\S*|\S+\.(?:clauses|csv|yaml|jsonl|xlsx|txt|md)\b")


def _words(path: Path) -> set[str]:
    try:
        return set(re.findall(r"[\w'’-]+", path.read_text(encoding="utf-8").lower()))
    except (OSError, UnicodeDecodeError):
        return set()


@lru_cache(maxsize=None)
def _users_words(rules: str) -> frozenset[str]:
    """Every word of the rules file and of its convention text (the logs' headers are English
    column names, and their values are checked through `_USER`: ids, references, paths)."""
    path = ROOT / rules
    words = _words(path)
    text = re.search(r'texte\s+"([^"]+)"', path.read_text(encoding="utf-8"))
    if text:
        words |= _words(ROOT / "conventions" / text.group(1))
    return frozenset(words)


def english_in(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The English fragments of ``text`` (each with its line), the user's text left out."""
    found = []
    for line in text.splitlines():
        scanned = _USER.sub(" ", line)
        hits = [m.group(0) for m in _ENGLISH.finditer(scanned) if m.group(0).lower() not in allowed]
        hits += [m.group(0) for m in _DOUBLED.finditer(scanned)]
        if hits:
            found.append(f"{hits}: {line.strip()[:200]}")
    return found


def _readme_commands() -> list[tuple[str, list[str]]]:
    commands = []
    for readme in sorted((ROOT / "examples").glob("*/README.md")):
        for line in readme.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip().strip("`")
            if line.startswith(("clauses check rules/", "clauses check examples/")) and "--as-of" in line:
                args = shlex.split(line)[2:]
                commands.append((args[0], args))
    import yaml

    manifest = yaml.safe_load((ROOT / "examples" / "portfolio.yaml").read_text(encoding="utf-8"))
    for entry in manifest["conventions"]:   # the five seeds, as the portfolio checks them (and the README's first command)
        rules = (Path("examples") / entry["règles"]).as_posix().replace("examples/../", "")
        log = (Path("examples") / entry["journal"]).as_posix()
        commands.append((rules, [rules, log, "--as-of", str(entry["au"])]))
    return commands


CHECKS = _readme_commands()


def test_the_examples_are_found() -> None:
    assert len(CHECKS) >= 12


def test_the_scan_finds_what_leaked_before() -> None:
    leaked = ("la décision du lundi 16 juin 2025 est irrégulière : quorum not reached: 4 present or represented\n"
              "remarque : because « avant » exclut le jour nommé\n"
              "`réponse_modification` par fp within 15 days of demande_modification\n"
              "le vendredi 0 du du samedi\n"
              "✓ compté  2013-04-22  rapport_activité (RA-2013): on time\n")
    assert len(english_in(leaked)) == 5
    assert english_in("la demande du mois M est due au plus tard le 9 ; `term` : « by the way »") == []


@pytest.mark.parametrize("rules, args", CHECKS, ids=[a[0].split("/")[-1] for a in CHECKS])
@pytest.mark.parametrize("fmt", ["text", "plain"])
def test_check_of_each_example_in_french(rules: str, args: list[str], fmt: str, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check", *args, "--lang", "fr", "--explain", "--format", fmt], env=ENV)
    assert result.exit_code in (0, 1), result.output
    leaks = english_in(result.output, _users_words(rules))
    assert not leaks, "English in the French report:\n" + "\n".join(leaks)


def test_portfolio_in_french(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check", "examples/portfolio.yaml", "--lang", "fr"], env=ENV)
    allowed = frozenset().union(*(_users_words(f"rules/{p.name}") for p in (ROOT / "rules").glob("00[0-4]*.clauses")))
    leaks = english_in(result.output, allowed)
    assert not leaks, "English in the French portfolio report:\n" + "\n".join(leaks)


SCENARIO_RULES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").glob("*.clauses"))


@pytest.mark.parametrize("rules", SCENARIO_RULES, ids=lambda r: r.split("/")[-1])
def test_scenarios_in_french(rules: str, monkeypatch) -> None:
    from clauses import api
    from clauses.output.report import render_text
    from clauses.output.terminal import render_for_stdout
    from clauses.scenario import load_scenarios

    monkeypatch.chdir(ROOT)
    stem = Path(rules).stem
    leaks = []
    for path in sorted((ROOT / "scenarios").glob(f"{stem}*.scenario.yaml")):
        for scenario in load_scenarios(path)[0]:
            report = api.check(scenario.rules, scenario.log, events=scenario.events, as_of=scenario.as_of,
                               horizon_days=scenario.horizon_days)
            for text in (render_text(report, explain=True, lang="fr"),
                         render_for_stdout(report, explain=True, lang="fr")):
                leaks += [f"{scenario.name}: {leak}" for leak in english_in(text, _users_words(rules))]
    assert not leaks, "English in the French report:\n" + "\n".join(dict.fromkeys(leaks))


#: each check's own message and hint, as a French draft gets them
BAD_RULES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "fixtures" / "checks").glob("*-bad.clauses"))


@pytest.mark.parametrize("rules", SCENARIO_RULES + BAD_RULES, ids=lambda r: r.split("/")[-1])
def test_lint_in_french(rules: str, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["lint", rules, "--lang", "fr", "--show-info", "--no-cache"], env=ENV)
    leaks = english_in(result.output, _users_words(rules))
    assert not leaks, "English in the French lint report:\n" + "\n".join(leaks)


def test_rules_table_in_french() -> None:
    result = runner.invoke(app, ["rules", "--lang", "fr"], env=ENV)
    leaks = english_in(result.output)
    assert not leaks, "English in `clauses rules --lang fr`:\n" + "\n".join(leaks)


def test_every_code_explained_in_french() -> None:
    from clauses.lint.pipeline import catalogue
    from clauses.output.lint import explain

    leaks = []
    for doc in catalogue():
        text = explain(doc, "fr")
        # the failing and passing examples are clause text (French keywords), left out
        prose = text.split("\nÉchoue :")[0].split("\nRéglage :")[0]
        leaks += [f"{doc.code}: {leak}" for leak in english_in(prose)]
    assert not leaks, "English in `clauses rules CODE --lang fr`:\n" + "\n".join(leaks)


BAD_LOGS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "fixtures" / "bad_inputs" / "logs").iterdir()
                  if p.is_file())


def test_the_bad_registers_are_found() -> None:
    assert len(BAD_LOGS) >= 30


@pytest.mark.parametrize("log", BAD_LOGS, ids=lambda p: p.split("/")[-1])
def test_problems_of_every_bad_register_in_french(log: str) -> None:
    """What staff see when their export is malformed: every E code's message, hint and notes in French
    (a reader's own words — YAML's, calamine's — quoted « … »)."""
    from clauses.events import read_events
    from clauses.i18n import localized

    _, problems = read_events(ROOT / log)
    texts = [localized(t, "fr") for d in problems for t in (d.message, d.hint, *d.notes) if t]
    leaks = english_in("\n".join(texts), _words(ROOT / log))
    assert not leaks, "English in the French problems of the register:\n" + "\n".join(leaks)


def test_the_readmes_first_command_prints_french_with_only_the_declared_dependencies() -> None:
    """The README's first command, as written, in a fresh process where the `click` package cannot be
    imported: typer ≥ 0.20 bundles its own click and no longer installs the package, so a plain
    `pip install -e .` (no test extras, which bring click in) has none (issue 14, "Done means")."""
    import subprocess
    import sys

    first = (ROOT / "README.md").read_text(encoding="utf-8").split("```bash\n", 1)[1].splitlines()[0]
    command = first.split(".venv/bin/clauses ", 1)[1]
    assert command.startswith("check rules/000_pisco_manosque.clauses "), first
    script = ("import sys; sys.modules['click'] = None\n"   # `import click` fails, as where it is not installed
              "from clauses.cli import main\nmain(sys.argv[1:])\n")
    import os

    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "COLUMNS": "80",
           **{k: os.environ[k] for k in ("HOME", "XDG_CACHE_HOME", "PYTHONPATH") if k in os.environ}}
    done = subprocess.run([sys.executable, "-c", script, *shlex.split(command)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr      # breaches
    assert done.stdout.startswith("Convention : PISCO"), done.stdout[:500]
    assert "MANQUEMENTS (8)" in done.stdout and "Prochaines échéances" in done.stdout
    assert not english_in(done.stdout), english_in(done.stdout)
    assert done.stderr == ""
