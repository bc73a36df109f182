"""clauses.lazyre: a pattern compiled on first use behaves as re.compile's, and costs nothing before."""

from __future__ import annotations

import re

from hypothesis import given, strategies as st

from clauses import lazyre
from clauses.language import headings


def test_nothing_is_compiled_before_the_first_use() -> None:
    p = lazyre.compile(r"(?P<n>[0-9]+)\s*jours?", re.IGNORECASE)
    assert p._compiled is None
    m = p.search("dans les 15 JOURS")
    assert m.group("n") == "15" and p._compiled is re.compile(r"(?P<n>[0-9]+)\s*jours?", re.IGNORECASE)
    assert p.match == p._compiled.match   # the real bound method, no proxy left


def test_every_method_of_a_pattern() -> None:
    p, q = lazyre.compile(r"a(b*)"), re.compile(r"a(b*)")
    text = "xab abb a"
    assert p.findall(text) == q.findall(text)
    assert [m.span() for m in p.finditer(text)] == [m.span() for m in q.finditer(text)]
    assert p.sub("-", text) == q.sub("-", text) and p.subn("-", text) == q.subn("-", text)
    assert p.split(text) == q.split(text) and bool(p.fullmatch("abb")) and p.compiled.pattern == "a(b*)"


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    import pytest

    with pytest.raises(AttributeError):
        lazyre.compile("x").groupindex_typo  # noqa: B018


def test_a_bad_expression_fails_when_used() -> None:
    import pytest

    p = lazyre.compile("(unclosed")
    with pytest.raises(re.error):
        p.match("x")


@given(st.text(max_size=60))
def test_headings_classify_as_with_compiled_patterns(line: str) -> None:
    # the heading patterns are lazy: classifying any line gives what the compiled patterns give
    lazy = headings.classify(line)
    saved = {name: value for name, value in vars(headings).items() if isinstance(value, lazyre.LazyPattern)}
    try:
        for name, value in saved.items():
            setattr(headings, name, re.compile(value.source, value.flags))
        assert headings.classify(line) == lazy
    finally:
        for name, value in saved.items():
            setattr(headings, name, value)
