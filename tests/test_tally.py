"""Fulfilled and discharged findings counted rather than kept (issue 12): the same text reports, less memory.

``clauses check`` to text without ``--explain`` evaluates with :func:`clauses.evaluation.evaluate_counting`:
a status group too large for the report to list is kept as one :class:`~clauses.findings.Counted` per clause
(its count and its first finding in report order). These tests render every report both ways -- the plain
report, the terminal's in plain text and in colour at two widths, English and French -- and compare the
text, on every example of the repository at several dates and on generated logs of every seed of the bench
at several lengths and dates; they check the tally's own rules (the limit, ties, order) and that the
outputs which need every finding refuse a counted report instead of leaving findings out.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from clauses.api import check, load
from clauses.evaluation import evaluate, evaluate_counting
from clauses.evaluation.tally import Tally
from clauses.findings import SUMMARY_LIMIT, Finding, Status
from clauses.output.report import (CheckReport, exit_code, grouped, render_json, render_text, sorted_findings,
                                   summary)
from clauses.output.terminal import render_terminal

EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir())
LOGS = (".csv", ".jsonl", ".yaml", ".xlsx")


def _renders(report: CheckReport) -> list[str]:
    out = []
    for lang in ("en", "fr"):
        out.append(render_text(report, lang=lang))
        for width, color in ((80, False), (120, True)):
            out.append(render_terminal(report, lang=lang, width=width, color=color))
    return out


def _same_reports(rules, logs: list[Path], as_of: str) -> tuple[CheckReport, CheckReport]:
    full = check(rules, logs, as_of=as_of)
    counted = check(rules, logs, as_of=as_of, summarised=True)
    assert _renders(counted) == _renders(full)
    assert summary(counted) == summary(full)
    assert exit_code(counted) == exit_code(full)
    kept = {id(f) for f in counted.findings}
    assert len(kept) + sum(c.count for c in counted.counted) == len(full.findings)
    return full, counted


def _example_cases() -> list[tuple[Path, list[Path]]]:
    cases = []
    for folder in EXAMPLES:
        rules = sorted(folder.glob("*.clauses")) or sorted((ROOT / "rules").glob(f"{folder.name}.clauses"))
        logs = [p for p in sorted(folder.iterdir()) if p.suffix in LOGS and ".instance." not in p.name]
        for r in rules:
            cases += [(r, [log]) for log in logs]
    return cases


@pytest.mark.parametrize("rules, logs", _example_cases(), ids=lambda v: v.name if isinstance(v, Path) else v[0].name)
@pytest.mark.parametrize("as_of", ["2021-06-30", "2023-03-01", "2026-12-31"])
def test_examples_report_the_same_counted(rules: Path, logs: list[Path], as_of: str) -> None:
    loaded = load(rules)
    if not loaded.ok:
        pytest.skip("an example kept broken on purpose")
    _same_reports(loaded, logs, as_of)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Path, dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    out = tmp_path_factory.mktemp("tally") / "portfolio"
    return out, generate.generate(out, conventions=10, events=1500, master=3, formats=("csv",))


def test_generated_logs_report_the_same_counted(generated) -> None:
    """Every seed's generated log (1,500 events: groups of hundreds of fulfilled findings over several clauses),
    as of its date and as of earlier and later dates: the same reports, and a counted group for most."""
    out, manifest = generated
    groups = 0
    for entry in manifest["entries"]:
        loaded = load(out / entry["rules"])
        day = dt.date.fromisoformat(entry["as_of"])
        for as_of in (day - dt.timedelta(days=400), day, day + dt.timedelta(days=90)):
            _, counted = _same_reports(loaded, [out / entry["logs"]["csv"]], as_of.isoformat())
            groups += len(counted.counted)
    assert groups > 20


def _finding(status: Status, clause: str, due: str | None, message: str = "m", parties=("a",)) -> Finding:
    return Finding(status, clause, "duty", "1", parties, dt.date.fromisoformat(due) if due else None, message)


def test_small_groups_are_kept_whole_and_a_large_one_counted_per_clause() -> None:
    tally = Tally(counting=True)
    fulfilled = [_finding(Status.FULFILLED, f"c{i % 2}", f"2024-01-{10 - i:02d}") for i in range(SUMMARY_LIMIT)]
    discharged = [_finding(Status.DISCHARGED, "c9", "2024-02-01")]
    breach = _finding(Status.BREACH, "c0", "2024-03-01")
    tally.extend([*fulfilled, *discharged, breach, None])
    kept, counted = tally.result()
    assert kept == [breach, *fulfilled, *discharged] and counted == ()   # at the limit: listed, so kept
    tally.add(_finding(Status.FULFILLED, "c1", "2024-01-20"))            # one more: the group is counted
    kept, counted = tally.result()
    assert kept == [breach, *discharged]
    by_clause = {c.first.clause: c for c in counted}
    assert {k: c.count for k, c in by_clause.items()} == {"c0": 3, "c1": 3}
    assert by_clause["c0"].first is fulfilled[4] and by_clause["c1"].first is fulfilled[3]   # the earliest due


def test_of_findings_that_tie_the_first_evaluated_stands_for_them() -> None:
    tally = Tally(counting=True)
    same = [_finding(Status.FULFILLED, "c", "2024-01-01", message=f"m{i}") for i in range(SUMMARY_LIMIT + 3)]
    undated = _finding(Status.FULFILLED, "c", None)
    tally.extend([undated, *same])
    (counted,) = tally.result()[1]
    assert counted.first is same[0] and counted.count == len(same) + 1


def test_without_counting_every_finding_is_kept_in_order() -> None:
    tally = Tally()
    findings = [_finding(Status.FULFILLED, "c", "2024-01-01") for _ in range(3 * SUMMARY_LIMIT)]
    tally.extend(findings)
    assert tally.result() == (findings, ())


def test_evaluate_counting_counts_what_evaluate_keeps(generated) -> None:
    out, manifest = generated
    entry = manifest["entries"][0]
    loaded = load(out / entry["rules"])
    from clauses.events import read_events

    events, _ = read_events(out / entry["logs"]["csv"])
    day = dt.date.fromisoformat(entry["as_of"])
    full, ignored = evaluate(loaded.convention, events, day)
    kept, counted, ignored_too = evaluate_counting(loaded.convention, events, day)
    assert ignored_too == ignored and counted
    assert [f for f in full if f.status in (Status.BREACH, Status.UPCOMING, Status.PENDING)] == kept
    for c in counted:
        same = [f for f in full if f.status is c.first.status and f.clause == c.first.clause]
        assert len(same) == c.count and c.first in same


def test_outputs_that_need_every_finding_refuse_a_counted_report(generated) -> None:
    out, manifest = generated
    entry = manifest["entries"][0]
    report = check(out / entry["rules"], out / entry["logs"]["csv"], as_of=entry["as_of"], summarised=True)
    assert report.counted
    with pytest.raises(ValueError, match="needs every finding"):
        render_json(report)
    with pytest.raises(ValueError, match="needs every finding"):
        render_text(report, explain=True)
    with pytest.raises(ValueError, match="needs every finding"):
        sorted_findings(report)
    with pytest.raises(ValueError, match="needs every finding"):
        sorted_findings(report, lambda f: f.status is Status.FULFILLED)
    from clauses.output.exports import render_csv

    with pytest.raises(ValueError, match="needs every finding"):
        render_csv([report], ["en"])
    with pytest.raises(ValueError, match="needs every finding"):
        grouped(report)   # the dossier's groups (every finding of every status)
    # what only reads the statuses a counted report keeps whole is given them all: the agenda's dues
    dues = sorted_findings(report, lambda f: f.status in (Status.UPCOMING, Status.PENDING))
    assert dues == sorted_findings(check(out / entry["rules"], out / entry["logs"]["csv"], as_of=entry["as_of"]),
                                   lambda f: f.status in (Status.UPCOMING, Status.PENDING))


def test_a_counted_report_comes_back_from_a_worker_whole(generated) -> None:
    """A portfolio's worker pickles its report for the parent: its counted groups come back the same."""
    import pickle

    out, manifest = generated
    entry = manifest["entries"][1]
    report = check(out / entry["rules"], out / entry["logs"]["csv"], as_of=entry["as_of"], summarised=True)
    again = pickle.loads(pickle.dumps(report))
    assert again.counted and [c.count for c in again.counted] == [c.count for c in report.counted]
    assert _renders(again) == _renders(report)
