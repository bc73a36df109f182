"""bench/run.py's reports (issue 12): RESULTS.md and the README's figure are written from the
results alone, against the floor of the same run, with the machine, the date and the load."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import run as module
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def _check(cpu: float, events: int = 1_000_000) -> dict:
    phases = {"load": 0.1, "read": 0.3, "validate": 0.1, "evaluate": 0.4, "render": 0.1}
    return {"cpu_s": cpu, "wall_s": cpu * 2, "events": events, "phases_cpu_s": {k: v * cpu for k, v in phases.items()},
            "phases_s": phases, "peak_rss_mb": 90.0, "rss_after_import_mb": 80.0, "load_before": 1.2,
            "load_after": 1.4}


def _results(run) -> dict:
    row = {"size": "1M", "conventions": 1000, "events_per_log": 1000, "format": "csv",
           "arrow": {"cpu_s": 2.0, "read_cpu_s": 0.5, "load_before": 1.1, "load_after": 1.2},
           "check_cold": _check(60.0), "check": _check(40.0)}
    run.derive(row)
    res = {"machine": {"nproc": 2, "cpu": "AMD EPYC", "memory": "23.5 GiB", "python": "3.11.7",
                       "implementation": "CPython", "os": "Linux", "date": "2026-12-02T20:30:00+00:00",
                       "commit": "abc1234", "loadavg_start": [0.4, 0.5, 0.6], "packages": {"pyarrow": "26.0.1"}},
           "sizes": [row, {"size": "100k", "conventions": 100, "events_per_log": 1000, "format": "jsonl",
                           "arrow": {"mode": "arrow", "timeout_s": 10}, "check_cold": {"timeout_s": 10},
                           "check": {"failed": "memory"}}],
           "single": [], "commands": [["--sizes", "1M"]]}
    res["verdicts"] = run.verdicts(res)
    return res


def test_ratios_are_of_the_check_against_the_floor_of_the_same_run(run):
    res = _results(run)
    row = res["sizes"][0]
    assert row["arrow_validate_ratio"] == 20.0 and row["arrow_read_ratio"] == 80.0
    assert row["cold_arrow_validate_ratio"] == 30.0
    assert res["verdicts"]["independent_validating_csv"]["measured"] == 20.0
    assert not res["verdicts"]["independent_validating_csv"]["met"]


def test_results_md_states_the_conditions_and_rows_that_did_not_finish(run):
    text = run.markdown(_results(run))
    assert "2026-12-02 20:30 UTC, commit abc1234; 2 CPU (AMD EPYC)" in text
    assert "load average at the start of the last run 0.4" in text
    assert "timeout (10 s)" in text and "over the memory limit" in text


def test_the_readme_figure_is_replaced_between_its_markers_only(run, tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{run.FIGURE[0]}\nold figure\n{run.FIGURE[1]}\nafter\n", encoding="utf-8")
    assert run.write_readme(_results(run), readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(f"before\n{run.FIGURE[0]}\n") and text.endswith(f"{run.FIGURE[1]}\nafter\n")
    assert "old figure" not in text
    assert "| **1M (1,000 × 1,000)** | CSV | 0.50 / 2.00 | 60.0 / 40.0 | **20.0×** | 80.0× |" in text
    assert "Measured: 2026-12-02 20:30 UTC, commit abc1234" in text
    (tmp_path / "none.md").write_text("no figure here\n", encoding="utf-8")
    assert not run.write_readme(_results(run), tmp_path / "none.md")


def test_the_readme_has_the_figure_markers(run):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(run.FIGURE[0]) == 1 and text.count(run.FIGURE[1]) == 1


def test_a_log_over_the_default_limit_is_read_with_the_limit_raised(run, tmp_path, monkeypatch) -> None:
    """A single log of 1M events (about 115 MB of CSV) is over the 64 MB default: the bench raises the
    limit as a user's ``log_mb`` would, and a run where no event could be read is a failure with its
    reason, never a division by zero."""
    import dataclasses

    from clauses import files

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "p"
    run.generate.generate(out, 1, 300, 0, ("csv",), ("000_pisco_manosque",))
    monkeypatch.setattr(files, "_current", dataclasses.replace(files.DEFAULT_LIMITS, log=1024))
    measured = run.check_worker(out, "csv", None)
    assert measured["events"] == 300 and files.limits().log > 1024
    assert run.ok(measured)

    (log,) = (out / "logs").glob("*.csv")
    log.write_text("", encoding="utf-8")
    failed = run.check_worker(out, "csv", None)
    assert not run.ok(failed) and failed["failed"] == "no event read" and failed["reason"]
    assert run._state(failed).startswith("failed: no event read (")


def test_each_section_says_when_and_on_which_commit_it_was_measured(run, tmp_path, monkeypatch) -> None:
    """A results file assembled from several runs (``--sections``): the README and RESULTS.md name the
    date and commit of each figure, not the last run's for all of them."""
    import json

    results = tmp_path / "results.json"
    res = _results(run)
    res["measured"] = {"sizes": run.stamp(res["machine"])}
    results.write_text(json.dumps(res), encoding="utf-8")
    later = dict(res["machine"], date="2026-12-04T09:00:00+00:00", commit="def5678")
    monkeypatch.setattr(run, "machine", lambda: later)          # the second run: start-up only
    monkeypatch.setattr(run, "bench_startup", lambda runs=9: {"clauses --help": {
        "median_s": 0.1, "min_s": 0.1, "max_s": 0.1, "median_cpu_s": 0.1, "min_cpu_s": 0.1, "load_before": 0.2,
        "load_after": 0.2}})
    monkeypatch.setattr(run, "compile_package", lambda: None)
    assert run.main(["--sections", "startup", "--results", str(results), "--markdown", str(tmp_path / "R.md")]) == 0
    merged = json.loads(results.read_text(encoding="utf-8"))
    assert merged["measured"]["sizes"]["commit"] == "abc1234" and merged["measured"]["startup"]["commit"] == "def5678"
    text = run.conditions(merged, ("sizes", "startup"))
    assert "portfolio rows 2026-12-02 20:30 UTC (commit abc1234)" in text
    assert "start-up 2026-12-04 09:00 UTC (commit def5678)" in text


def test_results_md_gives_the_real_cli_on_a_portfolio_folder_and_the_floor_runs(run):
    res = _results(run)
    res["sizes"][0]["arrow"] = run.fastest_floor([{"cpu_s": 2.5, "read_cpu_s": 0.6}, {"cpu_s": 2.0, "read_cpu_s": 0.5},
                                                   {"cpu_s": 3.1, "read_cpu_s": 0.9}])
    run.derive(res["sizes"][0])
    assert res["sizes"][0]["arrow_validate_ratio"] == 20.0      # against the fastest of the three
    res["cli_portfolio"] = {"conventions": 100, "events": 100_000, "wall_s": 6.17, "cpu_s": 6.2,
                            "cpu_us_per_event": 62.0, "nproc": 2, "loadavg": 1.0}
    text = run.markdown(res)
    assert "| 2.00 (2.50, 2.00, 3.10) |" in text
    assert "on a portfolio folder (100 conventions, 100,000 events, rules cached, text report): `clauses check` " \
           "6.17 s wall, 6.20 s CPU (62 µs/event)" in text
