"""Output is deterministic: the same inputs give byte-identical output (issue 5 §3).

Two separate processes, each with its own ``PYTHONHASHSEED`` (so set and dict
iteration orders of strings differ), run the same list of commands through the
real CLI (``clauses.cli.app``) and record the bytes of standard output, standard
error and the exit code of each; the two records must be identical:

- ``lint`` on every rules file (the seeds, the English seed, the bad inputs) in every
  format: text, concise, json, sarif, github, junit (and ``--statistics``);
- ``check`` on each seed's example logs: text, ``--explain`` and json;
- ``graph`` (dot, mermaid, json), ``parse`` on each seed; ``schema`` model, events,
  check; ``rules``.

The first process also builds the parser's on-disk cache in a fresh folder and the
second reads it, so a cached and an uncached parser must agree as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: as-of dates the examples' READMEs and tests use (evaluation needs one per seed)
AS_OF = {
    "000_pisco_manosque": "2022-03-01",
    "001_emplois_avenir_paris": "2016-01-15",
    "002_soliha_mta_croix": "2023-06-30",
    "003_ccas_dijon_adoma": "2024-03-01",
    "004_groupement_mons_en_baroeul": "2024-10-01",
    # the corpus conventions, at the dates their examples' READMEs use
    "005_statuts_aappma": "2026-01-15",
    "006_convention_stage_iut": "2026-06-30",
    "007_convention_objectifs_unaf_udaf": "2015-06-30",
    "008_mise_a_disposition_chartrettes": "2026-02-28",
    "009_convention_utilisation_etat": "2027-01-15",
}
LINT_FORMATS = ("text", "concise", "json", "sarif", "github", "junit")


def commands() -> list[list[str]]:
    """Every command, with paths relative to the repository root (the processes run there)."""
    seeds = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").glob("*.clauses"))
    all_rules = ["rules", "tests/fixtures/bad_inputs/rules"]
    out: list[list[str]] = []
    for fmt in LINT_FORMATS:
        out.append(["lint", *all_rules, "--format", fmt, "--show-info"])
    out.append(["lint", "rules", "--statistics"])
    out.append(["lint", "rules", "--format", "json", "--statistics"])
    for rules in seeds:
        stem = Path(rules).stem
        if stem not in AS_OF:  # the corpus conventions are pinned by their scenarios
            continue
        logs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples" / stem).iterdir()
                      if p.suffix in (".csv", ".jsonl", ".yaml", ".yml", ".xlsx"))
        for log in logs:
            base = ["check", rules, log, "--as-of", AS_OF[stem]]
            out += [base, base + ["--explain"], base + ["--format", "json"]]
        for fmt in ("dot", "mermaid", "json"):
            out.append(["graph", rules, "--format", fmt])
        out.append(["parse", rules])
    out += [["schema", kind] for kind in ("model", "events", "check")]
    out.append(["rules"])
    return out


DRIVER = r"""
import base64, json, sys
from typer.testing import CliRunner
from clauses.cli import app

runner = CliRunner()
records = []
for argv in json.loads(sys.stdin.read()):
    result = runner.invoke(app, argv, catch_exceptions=False)
    records.append({
        "argv": argv,
        "exit": result.exit_code,
        "stdout": base64.b64encode(result.stdout_bytes).decode(),
        "stderr": base64.b64encode(result.stderr_bytes or b"").decode(),
    })
sys.stdout.write(json.dumps(records))
"""


def run_all(hash_seed: str, cache: Path) -> list[dict]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "CLAUSES_")) and k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(PYTHONHASHSEED=hash_seed, XDG_CACHE_HOME=str(cache), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(commands()), capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> tuple[list[dict], list[dict]]:
    cache = tmp_path_factory.mktemp("parser-cache")
    first = run_all("1", cache)     # builds the parser cache
    second = run_all("4242", cache)  # reads it
    return first, second


def _name(argv: list[str]) -> str:
    return " ".join(argv)


@pytest.mark.parametrize("index", range(len(commands())), ids=[_name(c) for c in commands()])
def test_same_bytes_in_two_processes(two_runs, index: int) -> None:
    import base64

    first, second = two_runs[0][index], two_runs[1][index]
    assert first["argv"] == second["argv"]
    assert first["exit"] == second["exit"], _name(first["argv"])
    for stream in ("stdout", "stderr"):
        a, b = base64.b64decode(first[stream]), base64.b64decode(second[stream])
        if a != b:
            lines_a, lines_b = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
            diff = next(((i, x, y) for i, (x, y) in enumerate(zip(lines_a, lines_b)) if x != y),
                        (min(len(lines_a), len(lines_b)), "<end>", "<end>"))
            pytest.fail(f"{_name(first['argv'])}: {stream} differs at line {diff[0] + 1}:\n"
                        f"  PYTHONHASHSEED=1:    {diff[1]!r}\n  PYTHONHASHSEED=4242: {diff[2]!r}")


def test_the_commands_did_something(two_runs) -> None:
    """Guard against comparing two empty outputs: every command wrote something, none crashed."""
    first, _ = two_runs
    for record in first:
        assert record["exit"] in (0, 1, 2), (_name(record["argv"]), record["exit"])
        assert record["stdout"] or record["stderr"], _name(record["argv"])
        assert b"Traceback" not in __import__("base64").b64decode(record["stderr"])
    assert {r["exit"] for r in first if r["argv"][0] == "check"} >= {1}
