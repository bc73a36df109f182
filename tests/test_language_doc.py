"""docs/language.md is tested against the grammar: every ```clauses block parses, every statement has a section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clauses.language.parser import parse
from clauses.language.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "language.md"
BLOCKS = re.findall(r"^```clauses\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.M | re.S)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_every_example_parses(index):
    result = parse(SourceText(f"docs/language.md#example-{index + 1}", BLOCKS[index]))
    assert not result.diagnostics, [d.message for d in result.diagnostics]


def test_every_statement_of_the_grammar_has_a_section():
    grammar = (ROOT / "src" / "clauses" / "language" / "clauses.lark").read_text(encoding="utf-8")
    block = re.search(r"\?statement:(.*?)\n\n", grammar, re.S).group(1)
    statements = re.findall(r"([a-z_]+)", block)
    anchors = set(re.findall(r"\{#statement-([a-z_]+)\}", DOC.read_text(encoding="utf-8")))
    assert statements and set(statements) <= anchors, sorted(set(statements) - anchors)


def test_the_doc_has_examples():
    assert len(BLOCKS) >= 15
