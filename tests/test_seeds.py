"""The five seed conventions: they lint clean and their models are pinned by golden files.

A change of meaning in a rules file (or in the language) shows up as a diff of
``tests/golden/model/*.json`` in review.
"""

from __future__ import annotations

import pytest

from clauses.codes import Severity
from clauses.language.load import load
from conftest import GOLDEN, RULES, assert_golden, dump

SEEDS = sorted(p for p in RULES.glob("*.clauses") if p.name[:3] in {"000", "001", "002", "003", "004"})


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS + sorted((RULES / "en").glob("*.clauses")), ids=lambda p: p.stem)
def test_seed_lints_without_errors_or_warnings(path) -> None:
    result = load(path)
    assert result.ok
    assert [d for d in result.diagnostics if d.severity is not Severity.INFO] == []


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_model_matches_golden(path) -> None:
    result = load(path)
    assert_golden(GOLDEN / "model" / f"{path.stem}.json", dump(result.convention.model_dump(mode="json")))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_every_ambiguity_has_a_reading_reported(path) -> None:
    """Readings recorded in the rules come back as R001 notes, one each."""
    result = load(path)
    text = path.read_text(encoding="utf-8")
    declared = text.count("\n  lecture ") + text.count("\nlecture ")
    assert sum(d.code == "R001" for d in result.diagnostics) == declared


def _meaning(path) -> dict:
    data = load(path).convention.model_dump(mode="json")
    data.pop("language")

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "readings"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return strip(data)


def test_english_and_french_encodings_mean_the_same() -> None:
    assert _meaning(RULES / "en" / "000_pisco_manosque.clauses") == _meaning(RULES / "000_pisco_manosque.clauses")


def test_english_file_is_english() -> None:
    assert load(RULES / "en" / "000_pisco_manosque.clauses").convention.language == "en"


def test_spans_are_not_part_of_equality() -> None:
    conv = load(RULES / "000_pisco_manosque.clauses").convention
    assert conv.clauses[0].span is not None
    assert conv.clauses[0] == conv.clauses[0].model_copy(update={"span": None})


def test_model_schema_exports() -> None:
    from clauses.language.model import convention_schema

    schema = convention_schema()
    assert schema["title"] == "Convention"
    assert "Duty" in schema["$defs"]
