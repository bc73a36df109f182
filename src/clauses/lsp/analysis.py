"""What the language server knows about one document, with no protocol in sight.

Everything here works on a text and a path, so that it is tested directly and the
server (:mod:`clauses.lsp.server`) only converts positions and types. Like the
formatter, it knows no statement by name: a *declaration* is a statement whose
keyword is followed by a name (``partie h2p``, ``événement intentions``,
``obligation intentions``...), so that a construct added to the grammar gets an
outline entry, hovers and go-to-definition with no change here.

Positions are 1-based lines and 0-based code-point columns (``Pos``) on lines
split at ``\\n`` only, as the parser counts them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lark import Token, Tree

from clauses.diagnostics import Diagnostic
from clauses.language.keywords import BY_NAME, KEYWORDS, Keyword
from clauses.language.load import Loaded, load_source
from clauses.language.parser import _statement_starts, get_parser, parse
from clauses.language.source import SourceText
from clauses.lsp.words import describe_keyword

_WORD = re.compile(r"[\w'’-]*$")
_WORD_AFTER = re.compile(r"^[\w'’-]*")


@dataclass(frozen=True)
class Pos:
    line: int        # 1-based
    column: int      # 0-based, in code points


@dataclass(frozen=True)
class Range:
    start: Pos
    end: Pos


@dataclass(frozen=True)
class Declaration:
    """A statement that declares a name: its keyword, the name and where both are."""

    name: str
    keyword: str            # the concept (``KW_PARTY``)
    statement: str          # the rule name (``party_decl``)
    name_range: Range
    range: Range            # the whole statement
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Completion:
    label: str
    kind: str               # "keyword", "name", "article"
    detail: str = ""
    documentation: str = ""


def _token_range(token: Token) -> Range:
    return Range(Pos(token.line, token.column - 1), Pos(token.end_line, token.end_column - 1))


def _leaves(node, out: list[Token]) -> list[Token]:
    if isinstance(node, Token):
        out.append(node)
    else:
        for child in node.children:
            _leaves(child, out)
    return out


@dataclass
class Document:
    """One open document: its text, its lint result and its parse tree."""

    path: str
    text: str
    _loaded: Loaded | None = field(default=None, repr=False)

    @cached_property
    def source(self) -> SourceText:
        return SourceText(self.path, self.text)

    @cached_property
    def tree(self) -> Tree | None:
        return parse(self.source).tree

    @property
    def loaded(self) -> Loaded:
        if self._loaded is None:
            self._loaded = load_source(self.source, Path(self.path))
        return self._loaded

    @property
    def language(self) -> str:
        conv = self.loaded.convention
        if conv is not None:
            return conv.language
        from clauses.language.parser import guess_language

        return guess_language(self.text)

    # ------------------------------------------------------------------ diagnostics
    def diagnostics(self, config=None) -> list[Diagnostic]:
        """What ``clauses lint`` reports for this text (checks, suppressions, configuration)."""
        from clauses.lint.pipeline import lint_loaded

        return list(lint_loaded(self.loaded, config).diagnostics)

    # ------------------------------------------------------------------ positions
    def offset(self, pos: Pos) -> int:
        lines = self.text.split("\n")
        line = min(max(pos.line, 1), len(lines))
        return sum(len(ln) + 1 for ln in lines[:line - 1]) + min(pos.column, len(lines[line - 1]))

    @cached_property
    def tokens(self) -> list[Token]:
        return _leaves(self.tree, []) if self.tree is not None else []

    def token_at(self, pos: Pos) -> Token | None:
        offset = self.offset(pos)
        for token in self.tokens:
            if token.start_pos <= offset < token.end_pos or (token.end_pos == offset and token.type == "ID"):
                return token
        return None

    def word_at(self, pos: Pos) -> tuple[str, Range] | None:
        """The name-like word under the cursor, from the text alone (for a file that does not parse)."""
        line = self.text.split("\n")[pos.line - 1] if pos.line - 1 < len(self.text.split("\n")) else ""
        before = _WORD.search(line[:pos.column]).group()
        after = _WORD_AFTER.match(line[pos.column:]).group()
        word = before + after
        if not word:
            return None
        return word, Range(Pos(pos.line, pos.column - len(before)), Pos(pos.line, pos.column + len(after)))

    # ------------------------------------------------------------------ declarations
    @cached_property
    def declarations(self) -> dict[str, Declaration]:
        found: dict[str, Declaration] = {}
        if self.tree is None:
            return found
        for stmt in self.tree.children:
            if not isinstance(stmt, Tree) or len(stmt.children) < 2:
                continue
            head, name = stmt.children[0], stmt.children[1]
            if not (isinstance(head, Token) and head.type.startswith("KW_")
                    and isinstance(name, Token) and name.type == "ID"):
                continue
            if head.type == "KW_LANGUAGE":
                continue
            articles = tuple(str(t) for c in stmt.children if isinstance(c, Tree) and c.data == "citation"
                             for t in _leaves(c, []) if t.type == "ARTICLE_NUMBER")
            tokens = _leaves(stmt, [])
            whole = Range(Pos(tokens[0].line, tokens[0].column - 1),
                          Pos(tokens[-1].end_line, tokens[-1].end_column - 1))
            found.setdefault(str(name), Declaration(str(name), head.type, stmt.data, _token_range(name),
                                                    whole, articles))
        return found

    def statements(self) -> list[tuple[str, str, Range, Range]]:
        """(label, rule name, whole range, selection range) of every statement, for the outline."""
        out = []
        if self.tree is None:
            return out
        for stmt in self.tree.children:
            if not isinstance(stmt, Tree):
                continue
            tokens = _leaves(stmt, [])
            if not tokens:
                continue
            whole = Range(Pos(tokens[0].line, tokens[0].column - 1),
                          Pos(tokens[-1].end_line, tokens[-1].end_column - 1))
            words = " ".join(" ".join(str(t).split()) for t in tokens[:2] if t.type != "DOT")
            label = next((f"{' '.join(str(stmt.children[0]).split())} {d.name}" for d in self.declarations.values()
                          if d.range == whole), words)
            out.append((label, stmt.data, whole, _token_range(tokens[0])))
        return out

    def definition(self, pos: Pos) -> Declaration | None:
        token = self.token_at(pos)
        name = str(token) if token is not None and token.type == "ID" else None
        if name is None and token is None:
            found = self.word_at(pos)
            name = found[0] if found else None
        return self.declarations.get(name) if name else None

    def references(self, name: str) -> list[Range]:
        return [_token_range(t) for t in self.tokens if t.type == "ID" and str(t) == name]

    # ------------------------------------------------------------------ hover
    def hover(self, pos: Pos) -> tuple[str, Range] | None:
        """Markdown for what is under the cursor: a keyword, an article, a declared name, a diagnostic."""
        token = self.token_at(pos)
        if token is not None and token.type in BY_NAME:
            return describe_keyword(BY_NAME[token.type], self.language), _token_range(token)
        if token is not None and token.type == "ARTICLE_NUMBER":
            number, within = self.cited_at(token)
            text = self.article_text(number, within=within)
            if text:
                return text, _token_range(token)
        declaration = self.definition(pos)
        if declaration is not None:
            where = _token_range(token) if token is not None else declaration.name_range
            return self.declaration_text(declaration), where
        return None

    def declaration_text(self, declaration: Declaration) -> str:
        lines = self.text.split("\n")[declaration.range.start.line - 1:declaration.range.end.line]
        shown = lines[:8] + (["  …"] if len(lines) > 8 else [])
        kind = BY_NAME[declaration.keyword].label(self.language) if declaration.keyword in BY_NAME else ""
        return (f"**{kind} `{declaration.name}`** (line {declaration.range.start.line})\n\n"
                "```clauses\n" + "\n".join(shown) + "\n```")

    @cached_property
    def convention_text(self):
        """The convention text the file names, even while the file does not parse."""
        if self.loaded.text is not None or self.tree is not None:
            return self.loaded.text
        from types import SimpleNamespace

        from clauses.language.keywords import keyword_regex
        from clauses.language.load import load_convention_text

        named = re.search(rf"{keyword_regex(BY_NAME['KW_TEXT'])}\s*\"([^\"\n]+)\"", self.text, re.I)
        if named is None:
            return None
        # the loader's own rules: confined to the project's conventions folder, size limit
        found, _ = load_convention_text(SimpleNamespace(text=named.group(1), span=None), Path(self.path))
        return found

    _DIVISIONS = {"KW_TITLE_DIVISION": "title", "KW_CHAPTER": "chapter", "KW_SECTION": "section", "KW_ANNEX": "annex",
                  "KW_PREAMBLE": "preamble"}

    def cited_at(self, token: Token) -> tuple[str, tuple[str, ...]]:
        """What the number under the cursor cites: ``("3", ("title 2",))`` in `titre 2 article 3`,
        ``("", ("title 2",))`` on the 2 of `titre 2` (the division itself)."""
        from clauses.language.articles import division_key

        tokens = [t for t in self.tokens if t.start_pos is not None]
        at = next((i for i, t in enumerate(tokens) if t.start_pos == token.start_pos), None)
        if at is None:
            return str(token), ()
        number = "" if at and tokens[at - 1].type in self._DIVISIONS else str(token)
        j = at
        if number:
            j = at - 1
            if j >= 0 and tokens[j].type == "KW_ARTICLE":
                j -= 1
            else:
                j = -1   # `article 6.1, 6.2`: the number after a comma has no division of its own here
        within: list[str] = []
        while j >= 0:
            t = tokens[j]
            if t.type == "ARTICLE_NUMBER" and j and tokens[j - 1].type in self._DIVISIONS:
                within.insert(0, division_key(self._DIVISIONS[tokens[j - 1].type], str(t)))
                j -= 2
            elif t.type in ("KW_PREAMBLE", "KW_ANNEX"):
                within.insert(0, division_key(self._DIVISIONS[t.type]))
                j -= 1
            else:
                break
        return number, tuple(within)

    def article_text(self, number: str, limit: int = 30, within: tuple[str, ...] = ()) -> str | None:
        """The heading and body of an article (or a division) of the convention text, as Markdown."""
        from clauses.language.articles import ArticleIndex, division_label

        text = self.convention_text
        if text is None:
            return None
        try:
            found = text.articles.cite(number, None, within)
        except ValueError:
            return None
        if not found:
            cited = " ".join([*map(division_label, within), *(["article", number] if number else [])])
            return f"{cited}: not found in `{text.path.name}`"
        parts = []
        for article in found[:2]:
            body = ArticleIndex.body(article, text.text).split("\n")
            shown = body[:limit] + ([f"… ({len(body) - limit} more lines)"] if len(body) > limit else [])
            parts.append(f"**{article.heading.strip()}** — `{text.path.name}`, line {article.line}\n\n"
                         + "\n".join(f"> {ln}" if ln.strip() else ">" for ln in shown))
        return "\n\n---\n\n".join(parts)

    # ------------------------------------------------------------------ completion
    def expected(self, pos: Pos) -> set[str] | None:
        """The terminals the grammar accepts at the cursor (None when the text before it does not lex)."""
        offset = self.offset(pos)
        word_start = offset - len(_WORD.search(self.text[:offset]).group())
        starts = [s for s in _statement_starts(self.text) if s <= word_start]
        begin = starts[-1] if starts else 0
        try:
            interactive = get_parser().parse_interactive(self.text[begin:word_start])
            interactive.exhaust_lexer()
            return set(interactive.accepts())
        except Exception:  # noqa: BLE001 - any lexing or parsing problem: no context, offer everything
            return None

    def completions(self, pos: Pos) -> list[Completion]:
        expected = self.expected(pos)
        language = self.language
        items: list[Completion] = []
        keywords = [k for k in KEYWORDS if expected is None or k.name in expected]
        for kw in keywords:
            for form in _forms(kw, language):
                items.append(Completion(form, "keyword", kw.name, describe_keyword(kw, language)))
        if expected is None or "ID" in expected:
            for d in self._known_declarations().values():
                label = BY_NAME[d.keyword].label(language) if d.keyword in BY_NAME else ""
                items.append(Completion(d.name, "name", label, self.declaration_text(d)))
        if expected is None or "ARTICLE_NUMBER" in expected:
            text = self.convention_text
            for article in (text.articles if text is not None else ()):
                items.append(Completion(article.number, "article", article.title or article.heading.strip()))
        return items

    def _known_declarations(self) -> dict[str, Declaration]:
        """Declarations of this text, or (while it does not parse) of its statements that do."""
        if self.tree is not None:
            return self.declarations
        found: dict[str, Declaration] = {}
        starts = _statement_starts(self.text) + [len(self.text)]
        for begin, end in zip(starts, starts[1:]):
            chunk = re.sub(r"[^\n]", " ", self.text[:begin]) + self.text[begin:end]
            partial = Document(self.path, chunk)
            if partial.tree is not None:
                for name, d in partial.declarations.items():
                    found.setdefault(name, d)
        return found


def _forms(kw: Keyword, language: str) -> list[str]:
    forms = kw.fr if language == "fr" else kw.en
    return list(dict.fromkeys(re.sub(r"\[([^\]]*)\] ?", "", f).strip() for f in forms))
