"""A Pygments lexer for clause files, built from the keyword table.

    pygmentize -l clauses -f html rules/000_pisco_manosque.clauses

Statement keywords (``obligation``, ``duty``...) are ``Keyword.Declaration`` and the name
they declare ``Name.Function``; every other keyword phrase is ``Keyword``; determiners
(``le``, ``l'``, ``the``) are ``Keyword.Pseudo``; texts, dates, numbers, comments and
punctuation have their usual token types.
"""

from __future__ import annotations

import re

from pygments.lexer import RegexLexer, bygroups
from pygments.token import Comment, Keyword, Literal, Name, Number, Operator, Punctuation, String, Text, Whitespace

from clauses.highlight import DATE, DETERMINER, ID, NUMBER, alternation, declaration, other_keywords, statement_keywords


class ClausesLexer(RegexLexer):
    """Clause files (``*.clauses``) of the clauses rules-as-code language."""

    name = "Clauses"
    aliases = ["clauses"]
    filenames = ["*.clauses"]
    mimetypes = ["text/x-clauses"]
    flags = re.IGNORECASE | re.MULTILINE | re.UNICODE

    tokens = {
        "root": [
            (declaration(), bygroups(Whitespace, Keyword.Declaration, Whitespace, Name.Function)),
            (r"\s+", Whitespace),
            (r"#[^\n]*", Comment.Single),
            (r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"', String.Double),
            (r"«[^»\n]*»", String.Other),
            (alternation(other_keywords()), Keyword),
            (alternation(statement_keywords()), Keyword.Declaration),
            (DETERMINER, Keyword.Pseudo),
            (DATE, Literal.Date),
            (NUMBER, Number),
            (ID, Name),
            (r"[%=+\-−×*/]", Operator),
            (r"[.:,()]", Punctuation),
            (r".", Text),
        ]
    }
