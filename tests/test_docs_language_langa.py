"""Every `clauses` example of docs/language.md loads without error (the sections of issue 10
items 1, 2, 3, 10, 11)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from langa_helpers import convention

DOC = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```clauses\n(.*?)```", DOC, re.S)


def test_the_reference_has_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_example_loads(index: int) -> None:
    convention(EXAMPLES[index])
