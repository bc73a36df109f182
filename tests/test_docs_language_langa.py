"""Every `clauses` example of docs/language.md loads without error (the sections of issue 10
items 1, 2, 3, 10, 11)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from langa_helpers import convention

DOC = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
#: the examples that are whole rules files (a `convention` header): they must load with no error at all,
#: names resolved; the fragments of the statement sections are parsed by tests/test_language_doc.py
EXAMPLES = [e for e in re.findall(r"```clauses\n(.*?)```", DOC, re.S)
            if re.search(r"^\s*(convention|agreement)\b", e, re.M | re.I)]


def test_the_reference_has_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_example_loads(index: int) -> None:
    convention(EXAMPLES[index])
