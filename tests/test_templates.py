"""Parameters and templates (issue 10 item 2): typed parameters in the rules file, one YAML
file per signed instance; lint checks the template without instances and each instance."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from clauses.evaluation import evaluate
from clauses.events import read_events
from clauses.findings import Status
from clauses.language.load import discover, load
from clauses.lint.pipeline import lint_file
from conftest import ROOT
from langa_helpers import diagnostics

FOLDER = ROOT / "examples" / "template_subvention"
TEMPLATE = (FOLDER / "modele_subvention.clauses").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_the_template_lints_alone_with_its_defaults_and_samples() -> None:
    result = lint_file(FOLDER / "modele_subvention.clauses")
    assert [d.code for d in result.diagnostics] == []
    conv = result.loaded.convention
    assert [(p.id, p.type) for p in conv.parameters] == [("plafond", "amount"), ("délai", "duration"),
                                                        ("début", "date")]


def test_an_instance_gives_the_template_its_values() -> None:
    loaded = load(FOLDER / "association_a.instance.yaml")
    assert loaded.ok, [d.message for d in loaded.diagnostics]
    conv = loaded.convention
    assert conv.term.start.date == dt.date(2024, 3, 1)
    assert str(conv.clause("verser").deadline.duration) == "2 months"
    assert {a.name: str(a.value) for a in conv.arguments} == {"plafond": "120 000 €", "délai": "2 months",
                                                               "début": "2024-03-01"}


def test_check_an_instance() -> None:
    conv = load(FOLDER / "association_a.instance.yaml").convention
    events, _ = read_events(FOLDER / "association_a.csv")
    found = evaluate(conv, events, dt.date(2024, 7, 15), 60)[0]
    verser = sorted((f for f in found if f.clause == "verser"), key=lambda f: f.status.value)
    # 2024-04-01 (100 000 € ≤ 120 000 €) + 2 months = Saturday 2024-06-01 -> Monday 2024-06-03: unpaid
    # 2024-04-03: 130 000 € > 120 000 €: the duty does not apply
    assert [(f.status, f.due.isoformat()) for f in verser] == [(Status.BREACH, "2024-06-03"),
                                                             (Status.DISCHARGED, "2024-06-03")]
    # the term: 1 year from 2024-03-01 -> 2025-03-01; `au terme` is due that day
    assert [f.due.isoformat() for f in found if f.clause == "rendre_compte"] == ["2025-03-01"]


def test_defaults_fill_what_an_instance_leaves_out() -> None:
    conv = load(FOLDER / "association_b.instance.yaml").convention
    assert str(conv.clause("verser").deadline.duration) == "30 days"


def test_lint_discovers_instances() -> None:
    files, _ = discover([FOLDER])
    assert sorted(f.name for f in files) == ["association_a.instance.yaml", "association_b.instance.yaml",
                                             "modele_subvention.clauses"]


def _instance(tmp_path: Path, body: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "modele.clauses").write_text(TEMPLATE, encoding="utf-8")
    path = tmp_path / "x.instance.yaml"
    path.write_text("modèle: modele.clauses\nparamètres:\n" + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, code, line", [
    ("  plafond: 2 000 000 €\n  début: 2024-01-01\n", "V018", 3),      # above its maximum
    ("  délai: demain\n  début: 2024-01-01\n", "V018", 3),              # not a duration
    ("  début: 2024-02-30\n", "V018", 3),                               # not a date
    ("  delai: 2 mois\n  début: 2024-01-01\n", "V017", 3),              # no such parameter
    ("  plafond: 10 €\n", "V017", 1),                                   # `début` has no default
])
def test_each_instance_is_checked_against_its_template(tmp_path, body: str, code: str, line: int) -> None:
    result = lint_file(_instance(tmp_path, body))
    assert (code, line) in [(d.code, d.span.line) for d in result.diagnostics]


def test_a_template_outside_the_project_is_not_read(tmp_path) -> None:
    inner = tmp_path / "project"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "modele.clauses").write_text(TEMPLATE, encoding="utf-8")
    path = inner / "x.instance.yaml"
    path.write_text("modèle: ../modele.clauses\n", encoding="utf-8")
    assert [d.code for d in load(path).diagnostics] == ["V017"]


def test_unknown_and_mistyped_parameters_in_the_template() -> None:
    head = TEMPLATE.split("durée article 1")[0]
    assert "N009" in [d.code for d in diagnostics(head + "durée article 1 : 1 an à compter du {fin} sans renouvellement.\n")]
    assert "V018" in [d.code for d in diagnostics(head + "durée article 1 : {début} à compter du {début} sans renouvellement.\n")]
