"""Highlighting never drifts from the keyword table and the parser.

The Pygments lexer and the TextMate grammar are both built from
`clauses.language.keywords`; these tests check the built artefacts against the
table and against what the real parser calls a keyword in every rules file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Keyword, Name, String, Comment

from clauses.highlight import all_keywords_regex
from clauses.highlight.textmate import grammar, render
from clauses.language.keywords import KEYWORDS
from clauses.language.parser import parse
from clauses.language.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "rules").rglob("*.clauses"))
TM = ROOT / "editors" / "vscode" / "syntaxes" / "clauses.tmLanguage.json"


def _keyword_tokens(path: Path):
    """(start, end) of every keyword token the parser sees in a rules file."""
    text = path.read_text(encoding="utf-8")
    tree = parse(SourceText(str(path), text)).tree
    assert tree is not None
    return text, [(t.start_pos, t.end_pos) for t in tree.scan_values(lambda v: True) if t.type.startswith("KW_")]


def test_the_lexer_is_registered_for_the_files() -> None:
    assert get_lexer_by_name("clauses").name == "Clauses"
    assert get_lexer_for_filename("x.clauses").name == "Clauses"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_keyword_the_parser_sees_is_highlighted_as_a_keyword(path: Path) -> None:
    text, keywords = _keyword_tokens(path)
    kinds: dict[int, object] = {}
    for start, kind, value in get_lexer_by_name("clauses").get_tokens_unprocessed(text):
        for i in range(start, start + len(value)):
            kinds[i] = kind
    missing = [text[a:b] for a, b in keywords if not all(kinds.get(i) in Keyword for i in range(a, b)
                                                         if not text[i].isspace())]
    assert not missing, missing
    # and names, texts and comments are not keywords
    assert any(k in Name for k in kinds.values()) and any(k in String for k in kinds.values())
    assert any(k in Comment for k in kinds.values())


def test_every_spelling_of_every_keyword_is_a_keyword_for_both_highlighters() -> None:
    pattern = all_keywords_regex()
    tm = grammar()
    tm_patterns = [re.compile(p["match"]) for p in tm["patterns"]
                   if p.get("name", "").startswith("keyword.declaration") or p.get("name") == "keyword.other.clauses"]
    for kw in KEYWORDS:
        for form in kw.fr + kw.en:
            spelling = re.sub(r"\[([^\]]*)\]", r"\1", form)
            assert pattern.fullmatch(spelling), (kw.name, spelling)
            assert any(p.fullmatch(spelling) for p in tm_patterns), (kw.name, spelling)


def test_the_committed_textmate_grammar_is_the_generated_one() -> None:
    assert TM.read_text(encoding="utf-8") == render(), (
        "editors/vscode/syntaxes/clauses.tmLanguage.json is stale: run "
        "`python -m clauses.highlight.textmate > editors/vscode/syntaxes/clauses.tmLanguage.json`")
    json.loads(TM.read_text(encoding="utf-8"))


def test_the_vscode_extension_names_the_grammar_and_the_server() -> None:
    package = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))
    (grammar_entry,) = package["contributes"]["grammars"]
    assert (ROOT / "editors" / "vscode" / grammar_entry["path"]).resolve() == TM.resolve()
    assert grammar_entry["scopeName"] == grammar()["scopeName"]
    assert package["contributes"]["languages"][0]["extensions"] == [".clauses"]
    assert package["contributes"]["configuration"]["properties"]["clauses.command"]["default"] == ["clauses", "lsp"]
    assert "lsp" in (ROOT / "editors" / "vscode" / "extension.js").read_text(encoding="utf-8")
