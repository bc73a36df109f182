"""Highlighting of clause files, fed by the keyword table of :mod:`clauses.language.keywords`.

- :mod:`clauses.highlight.lexer`: a Pygments lexer (entry point ``pygments.lexers``: ``clauses``),
  for the docs, ``pygmentize`` and the HTML dossier;
- :mod:`clauses.highlight.textmate`: the TextMate grammar of the VS Code extension in
  ``editors/vscode/`` (``python -m clauses.highlight.textmate`` writes it).

Other keywords are tried before statement keywords, so that a longer phrase that starts
like a statement keyword (``term end`` after ``term``) wins, as in the parser.

Both take every spelling of every keyword from the table, so that a keyword added to the
language is highlighted with no change here; ``tests/test_highlight.py`` checks that both
still agree with the table and with the parser.
"""

from __future__ import annotations

import re

from clauses.language.keywords import KEYWORDS, Keyword, keyword_regex
from clauses.language.parser import STATEMENT_KEYWORDS

#: a keyword starts where no word character precedes it (an apostrophe may: ``l'autre partie``)
_START = r"(?<![\w-])"
ID = r"[A-Za-zÀ-ÖØ-öø-ÿŒœ_][A-Za-z0-9À-ÖØ-öø-ÿŒœ_]*(?:-[A-Za-z0-9À-ÖØ-öø-ÿŒœ_]+)*"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9])|[0-9]{2}/[0-9]{2}/[0-9]{4}(?![0-9])|[0-9]{4}-[0-9]{2}(?![0-9-])"
NUMBER = r"[0-9]+(?:[.,][0-9]+)*(?:er|re|e|st|nd|rd|th)?(?![\w])"
DETERMINER = r"(?<![\w'’-])(?:le|la|les|the)(?![\w'’-])|(?<![\w'’-])l['’]"


def statement_keywords() -> list[Keyword]:
    return [k for k in KEYWORDS if k.name in STATEMENT_KEYWORDS]


def other_keywords() -> list[Keyword]:
    return [k for k in KEYWORDS if k.name not in STATEMENT_KEYWORDS]


def alternation(keywords: list[Keyword]) -> str:
    """One regex matching any spelling of ``keywords`` as a whole phrase (case-insensitive flag
    needed). Spellings of more words come first, then longer ones, as the parser's priorities
    do: ``jours francs`` wins over ``jours``, ``à compter de sa réception`` over ``à compter de``."""
    spellings = sorted({(form, k.name) for k in keywords for form in k.fr + k.en},
                       key=lambda fk: (-len(fk[0].split()), -len(fk[0]), fk))
    return _START + "(?:" + "|".join(keyword_regex(Keyword(name, (form,), ())) for form, name in spellings) + ")"


def declaration() -> str:
    """At the start of a line, a statement keyword, spaces and the name it declares (groups 1-4),
    unless the keyword begins a longer phrase (``term end``) or the word after it is a keyword
    itself (``durée article 7``: the term's name is optional)."""
    every = alternation(statement_keywords() + other_keywords())
    return (f"^([ \\t]*)(?!{alternation(other_keywords())})({alternation(statement_keywords())})"
            f"(\\s+)(?!{every})({ID})(?![\\w'’-])")


def all_keywords_regex() -> re.Pattern[str]:
    return re.compile(alternation(statement_keywords() + other_keywords()), re.IGNORECASE)
