"""The public API: `import clauses` gives load, read_events, check and the result types;
docs/api.md's examples are run here (doctest), from the repository's root."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import clauses
from clauses import api

ROOT = Path(__file__).resolve().parents[1]


def test_docs_api_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "docs" / "api.md"), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 15
    assert result.failed == 0


def test_every_api_name_is_exported_by_the_package():
    assert sorted(clauses._API) == sorted(api.__all__)
    for name in api.__all__:
        assert getattr(clauses, name) is getattr(api, name)
    assert set(api.__all__) <= set(dir(clauses))
    with pytest.raises(AttributeError):
        clauses.no_such_name  # noqa: B018


def test_importing_clauses_does_not_import_the_engine():
    code = "import sys, clauses; print('clauses.evaluation' in sys.modules, 'clauses.api' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_check_reads_several_logs_as_one(tmp_path):
    # the breaches register split in two halves gives the findings of the whole
    lines = (ROOT / "examples/000_pisco_manosque/breaches.csv").read_text(encoding="utf-8").splitlines()
    head, rows = lines[0], lines[1:]
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("\n".join([head, *rows[::2]]) + "\n", encoding="utf-8")
    second.write_text("\n".join([head, *rows[1::2]]) + "\n", encoding="utf-8")
    rules = clauses.load(ROOT / "rules/000_pisco_manosque.clauses")
    whole = clauses.check(rules, ROOT / "examples/000_pisco_manosque/breaches.csv", as_of="2022-03-01")
    split = clauses.check(rules, [first, second], as_of="2022-03-01")
    assert [f.to_json() for f in split.findings] == [f.to_json() for f in whole.findings]
    assert split.events_read == whole.events_read == 29
    assert split.log_path == f"{first}, {second}"


def test_check_rejects_bad_dates_and_horizons():
    rules = clauses.load(ROOT / "rules/000_pisco_manosque.clauses")
    with pytest.raises(ValueError):
        clauses.check(rules, events=[], as_of="2022-02-30")
    with pytest.raises(ValueError):
        clauses.check(rules, events=[], as_of="2022-03-01", horizon_days=40000)


def test_rules_error_names_the_first_problem():
    with pytest.raises(clauses.RulesError) as caught:
        clauses.check(ROOT / "tests/fixtures/broken/n001_three_unknown_parties.clauses", events=[], as_of="2022-03-01")
    assert "n001_three_unknown_parties.clauses:" in str(caught.value)
    assert caught.value.loaded.convention is not None
