"""`clauses check` over a portfolio: a folder or a manifest, checked in parallel, summary then details.

The portfolio is made in tmp_path from the five seeds: 40 conventions (each seed's rules
under a new name, its texts in conventions/), every other one with its breaches register,
the others with their compliant one, as a housing body would keep them."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import clauses
from clauses.cli import app
from clauses.output.report import check_output_schema
from clauses.portfolio import Entry, from_folder, read_manifest, run
from conftest import ROOT

runner = CliRunner()
SEEDS = {  # seed -> (breaches log, compliant log, as-of date of the check)
    "000_pisco_manosque": ("breaches.csv", "compliant.csv", "2022-03-01"),
    "001_emplois_avenir_paris": ("breaches.yaml", "compliant.yaml", "2014-12-01"),
    "002_soliha_mta_croix": ("breaches.jsonl", "compliant.jsonl", "2023-06-30"),
    "003_ccas_dijon_adoma": ("breaches.csv", "compliant.csv", "2024-03-01"),
    "004_groupement_mons_en_baroeul": ("breaches.yaml", "compliant.jsonl", "2024-02-16"),
}


def _horizon(text: str) -> int:
    if not text.endswith("d") or not text[:-1].isdigit():
        raise ValueError(f"`{text}` is not a horizon")
    return int(text[:-1])


def make_portfolio(base: Path, count: int = 40) -> tuple[Path, list[tuple[str, str, Path, str]]]:
    """A project with `count` conventions; returns it and (name, seed, log, as_of) per convention."""
    project = base / "bailleur"
    (project / "rules").mkdir(parents=True)
    (project / "conventions").mkdir()
    (project / "pyproject.toml").write_text("[project]\nname = 'registres'\n", encoding="utf-8")
    for seed in SEEDS:
        shutil.copy(ROOT / "conventions" / f"{seed}.txt", project / "conventions")
    made = []
    for n in range(count):
        seed = list(SEEDS)[n % 5]
        breaches, compliant, as_of = SEEDS[seed]
        log_name = breaches if n % 2 == 0 else compliant
        name = f"{n:02d}_{seed.split('_', 1)[1]}"
        shutil.copy(ROOT / "rules" / f"{seed}.clauses", project / "rules" / f"{name}.clauses")
        folder = project / "rules" / name
        folder.mkdir()
        shutil.copy(ROOT / "examples" / seed / log_name, folder / log_name)
        made.append((name, seed, folder / log_name, as_of))
    lines = ["horizon: 60d", "conventions:"]
    for name, _, log, as_of in made:
        lines += [f"  - nom: {name}", f"    règles: rules/{name}.clauses",
                  f"    journal: rules/{name}/{log.name}", f"    au: {as_of}"]
    (project / "portfolio.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return project, made


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory) -> tuple[Path, list]:
    return make_portfolio(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module")
def checked(portfolio) -> dict:
    project, _ = portfolio
    result = runner.invoke(app, ["check", str(project / "portfolio.yaml"), "--format", "json"])
    return {"exit": result.exit_code, "doc": json.loads(result.stdout)}


def test_forty_conventions_in_one_command(portfolio, checked) -> None:
    _, made = portfolio
    doc = checked["doc"]
    assert checked["exit"] == 1  # breaches, no invalid input
    assert [c["name"] for c in doc["conventions"]] == [m[0] for m in made]
    assert len(doc["summary"]) == 40 and doc["exit_code"] == 1 and doc["diagnostics"] == []
    schema = check_output_schema()
    import jsonschema

    for convention in doc["conventions"]:
        jsonschema.validate({k: v for k, v in convention.items() if k != "name"}, schema)


def test_each_convention_is_what_a_single_check_gives(portfolio, checked) -> None:
    _, made = portfolio
    by_name = {c["name"]: c for c in checked["doc"]["conventions"]}
    for name, seed, log, as_of in made[:10]:  # two of each seed: a breaches and a compliant register
        alone = clauses.check(ROOT / "rules" / f"{seed}.clauses", log, as_of=as_of)
        mine = by_name[name]
        assert mine["summary"] == clauses.summary(alone), name
        assert [f["due"] for f in mine["findings"]] == [f.due.isoformat() if f.due else None
                                                        for f in alone.findings]


def test_summary_rows_count_breaches_upcoming_and_next_due(checked) -> None:
    doc = checked["doc"]
    for row, convention in zip(doc["summary"], doc["conventions"]):
        assert row["breaches"] == convention["summary"]["breach"]
        assert row["upcoming"] == convention["summary"]["upcoming"]
        dues = [f["due"] for f in convention["findings"] if f["status"] in ("upcoming", "pending") and f["due"]]
        assert row["next_due"] == (min(dues) if dues else None)
    # seed 000, compliant register, as of 2022-03-01: intentions due 2022-03-25 (art. 7: term 2022-09-25
    # - 6 months) is the next one after the réponse_modification of 2022-03-10 in the breaches register
    first = doc["summary"][0]
    assert first["name"] == "00_pisco_manosque" and first["next_due"] == "2022-03-10"


def test_text_report_is_a_table_then_every_convention(portfolio) -> None:
    project, made = portfolio
    result = runner.invoke(app, ["check", str(project / "portfolio.yaml"), "--lang", "en"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["convention", "breaches", "upcoming", "next", "due"]
    assert lines[1].startswith("-----")
    assert [ln.split()[0] for ln in lines[2:42]] == [m[0] for m in made]
    assert lines[43] == "40 conventions: " + lines[43].split(": ", 1)[1]
    assert result.stdout.count("Convention: PISCO") == 8
    assert "checking" not in result.stderr  # no progress bar off a terminal


def test_parallel_and_sequential_runs_agree(portfolio) -> None:
    project, made = portfolio
    entries = [Entry(name, project / "rules" / f"{name}.clauses", (log,), dt.date.fromisoformat(as_of), 60)
               for name, _, log, as_of in made[:8]]
    seen: list[str] = []
    parallel = run(entries, progress=lambda o: seen.append(o.entry.name), workers=2)
    sequential = run(entries, workers=1)
    assert sorted(seen) == sorted(e.name for e in entries)  # told of each, in any order
    assert [o.entry.name for o in parallel] == [e.name for e in entries]  # given in manifest order
    assert [clauses.render_json(o.report) for o in parallel] == [clauses.render_json(o.report) for o in sequential]


def test_a_folder_pairs_each_rules_file_with_its_logs(portfolio) -> None:
    project, made = portfolio
    found = from_folder(project / "rules", dt.date(2024, 3, 1), 60)
    assert found.problems == []
    assert [e.name for e in found.entries] == [m[0] for m in made]
    assert all(e.logs == (log,) for e, (_, _, log, _) in zip(found.entries, made))
    result = runner.invoke(app, ["check", str(project / "rules"), "--as-of", "2024-03-01", "-f", "json"])
    assert result.exit_code == 1 and len(json.loads(result.stdout)["conventions"]) == 40


def test_a_folder_with_a_manifest_reads_the_manifest(portfolio) -> None:
    project, _ = portfolio
    result = runner.invoke(app, ["check", str(project), "-f", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["conventions"][0]["as_of"] == "2022-03-01"


def test_rules_file_without_a_log_is_reported(tmp_path) -> None:
    project, _ = make_portfolio(tmp_path, 3)
    shutil.copy(ROOT / "rules" / "000_pisco_manosque.clauses", project / "rules" / "orpheline.clauses")
    result = runner.invoke(app, ["check", str(project / "rules"), "--as-of", "2022-03-01"])
    assert result.exit_code == 2
    assert "P001" in result.stdout and "aucun journal des événements pour" in result.stdout and "orpheline.clauses" in result.stdout


def test_manifest_problems_have_their_line(tmp_path) -> None:
    project, _ = make_portfolio(tmp_path, 1)
    manifest = project / "portfolio.yaml"
    manifest.write_text(
        "conventions:\n"
        "  - règles: rules/00_pisco_manosque.clauses\n"      # 2: no log: allowed (checked against none)
        "    au: 2022-02-30\n"                               # 3: not a date
        "  - règles: rules/absent.clauses\n"                 # 4: not found
        "  - règles: /etc/passwd\n"                          # 5: outside the project
        "  - règles: rules/00_pisco_manosque.clauses\n"
        "    couleur: rouge\n"                               # 7: unknown field
        "  - journal: x.csv\n",                              # 8: no rules
        encoding="utf-8")
    found = read_manifest(manifest, dt.date(2022, 3, 1), 60, _horizon)
    assert found.entries == []
    assert sorted((d.code, d.span.line) for d in found.problems) == [
        ("P001", 3), ("P001", 4), ("P001", 5), ("P001", 7), ("P001", 8)]
    result = runner.invoke(app, ["check", str(manifest)])
    assert result.exit_code == 2 and "outside the scenario's project" not in result.stdout


def test_a_convention_with_rule_errors_is_shown_and_exits_2(tmp_path) -> None:
    project, made = make_portfolio(tmp_path, 2)
    broken = project / "rules" / f"{made[0][0]}.clauses"
    broken.write_text(broken.read_text(encoding="utf-8").replace("partie h2p", "partie"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(project / "portfolio.yaml"), "--lang", "en"])
    assert result.exit_code == 2
    assert "rules have errors" in result.stdout and "S001" in result.stdout
    assert "Convention: PISCO" not in result.stdout
    assert result.stdout.count("Convention: ") == 1  # the other convention is still reported


def test_logs_after_a_folder_are_a_usage_error(portfolio) -> None:
    project, made = portfolio
    result = runner.invoke(app, ["check", str(project / "rules"), str(made[0][2])])
    assert result.exit_code == 2 and "names its own logs" in result.stderr
    result = runner.invoke(app, ["check", str(project / "rules" / f"{made[0][0]}.clauses"), "--lang", "en"])
    assert result.exit_code == 2 and "name the event log" in result.stderr
    result = runner.invoke(app, ["check", str(project / "rules" / f"{made[0][0]}.clauses")])   # its `langue fr.`
    assert result.exit_code == 2 and "clauses : donnez le journal des événements" in result.stderr


def test_french_rules_give_a_french_table(portfolio) -> None:
    project, _ = portfolio
    result = runner.invoke(app, ["check", str(project / "portfolio.yaml")])
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["convention", "manquements"] and "prochaine échéance" in lines[0]
    assert lines[43].startswith("40 conventions : ")


def test_progress_bar_only_on_a_terminal(monkeypatch) -> None:
    import sys

    from clauses.checking import _progress_bar

    assert _progress_bar(40) is None  # pytest captures stderr: not a terminal
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert _progress_bar(40) is not None and _progress_bar(1) is None
