"""The contextual lexer's per-state lexers made faster, with the same tokens as Lark's.

Lark joins the terminals of each of its lexers (one per parser state) in one regex and compiles it the
first time that state lexes; :class:`Lexer` instead compiles each terminal's own regex once for all
lexers and, at each position, tries only the terminals whose match may start with the character there
(:class:`Starts`, :func:`may_start_with`), in Lark's order. :func:`faster_lexers` puts it in a parser.
"""

from __future__ import annotations

import re
from typing import Any

from lark import Lark, Token
from lark.exceptions import LexError
from lark.lexer import BasicLexer


def faster_lexers(parser: Lark, first: "dict[str, str | None] | None" = None) -> Lark:
    """The parser with its contextual lexer's per-state lexers (and its root lexer) made :class:`Lexer`s,
    sharing one :class:`Starts` (each terminal's regex compiled and read once for all of them); ``first``:
    the characters of :data:`ALPHABET` each terminal's match may start with, as :func:`first_characters`
    gave them for this parser's terminals and flags (packaged with the parser's tables)."""
    import lark.lexer

    if not all(hasattr(lark.lexer, name) for name in ("_create_unless", "CallChain")):
        return parser   # another version of Lark, without what Lexer._ready reads: Lark's own lexers
    contextual = getattr(parser.parser, "lexer", None)
    starts = Starts(first)
    for lexer in [*getattr(contextual, "lexers", {}).values(), getattr(contextual, "root_lexer", None)]:
        if type(lexer) is BasicLexer:
            lexer.__class__ = Lexer
            lexer.starts = starts
    return parser


#: the characters whose answers :func:`first_characters` works out ahead (and the parser's package ships):
#: Latin letters with their accents, general punctuation (’, «, », non-breaking spaces, dashes) and currency
ALPHABET = "".join(map(chr, [*range(0x250), *range(0x2000, 0x20D0)]))
_AHEAD = frozenset(ALPHABET)


def first_characters(terminals: Any, flags: int) -> "dict[str, str | None]":
    """For each terminal, the characters of :data:`ALPHABET` a match of it may start with, in that order,
    exactly as :meth:`Starts.may_start` would answer them one by one (None: any character)."""
    out: "dict[str, str | None]" = {}
    for terminal in terminals:
        parsed = _parsed(terminal.pattern.to_regexp(), flags)
        out[terminal.name] = None if parsed is None else "".join(
            ch for ch in ALPHABET if _first_of(parsed, ch) is not False)
    return out


class Starts:
    """Each terminal's own regex, and which characters a match of it may start with (:func:`may_start`),
    for every lexer of one parser (they share their flags); worked out when first asked, or read from
    ``first`` (:func:`first_characters`) for a character of :data:`ALPHABET` (reading each terminal's
    regex to answer is most of the lexing of a first file: about 50 ms)."""

    def __init__(self, first: "dict[str, str | None] | None" = None) -> None:
        self.compiled: dict[str, Any] = {}
        self.parsed: dict[str, Any] = {}
        self.known: dict[tuple[str, str], bool] = {}
        self.first = first or {}

    def regex(self, terminal: Any, flags: int, re_module: Any) -> Any:
        found = self.compiled.get(terminal.name)
        if found is None:
            found = self.compiled[terminal.name] = re_module.compile(terminal.pattern.to_regexp(), flags)
        return found

    def may_start(self, terminal: Any, flags: int, ch: str) -> bool:
        key = (terminal.name, ch)
        known = self.known.get(key)
        if known is None:
            ahead = self.first.get(terminal.name, self)
            if ahead is not self and ch in _AHEAD:
                known = self.known[key] = ahead is None or ch in ahead   # type: ignore[operator]
                return known
            parsed = self.parsed.get(terminal.name, self)
            if parsed is self:
                parsed = self.parsed[terminal.name] = _parsed(terminal.pattern.to_regexp(), flags)
            known = self.known[key] = parsed is None or _first_of(parsed, ch) is not False
        return known


def may_start_with(pattern: str, flags: int, chars: str) -> "set[str] | None":
    """Which of ``chars`` a match of ``pattern`` may start with (a superset: a character kept here may not
    start any match, none left out can), or None where the pattern holds what this does not read (back
    references, conditionals, ASCII or locale classes). Zero-width assertions are passed over, as if they
    always held; a case-insensitive part matches every case of a character (:func:`_variants`)."""
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    found = {ch: _first_of(parsed, ch) for ch in chars}
    return None if None in found.values() else {ch for ch, may in found.items() if may}


def _parsed(pattern: str, flags: int) -> Any:
    """The pattern as ``re`` parses it with its flags, or None when :func:`_first_of` cannot read it."""
    import re._parser as sre

    if flags & (re.ASCII | re.LOCALE):
        return None
    parsed = sre.parse(pattern, flags)
    return parsed if not parsed.state.flags & (re.ASCII | re.LOCALE) else None


def _first_of(parsed: Any, ch: str) -> bool | None:
    """Whether a match of the parsed pattern may start with ``ch`` (None: what it holds is not read here)."""
    result = _first(list(parsed), ch, bool(parsed.state.flags & re.IGNORECASE))
    return None if result is None else result[0] or result[1]


def _first(items: list, ch: str, icase: bool) -> "tuple[bool, bool] | None":
    """(whether the sequence may start with ``ch``, whether it may match the empty string), or None when
    it holds what this does not read."""
    import re._constants as c

    for op, av in items:
        if op is c.LITERAL:
            return _same(ch, chr(av), icase), False
        if op is c.NOT_LITERAL:
            return icase or ch != chr(av), False
        if op is c.ANY:
            return True, False
        if op is c.IN:
            return any(_in_class(av, variant, c) for variant in _variants(ch, icase)), False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        if op is c.BRANCH:
            inner: "tuple[bool, bool] | None" = (False, False)
            for branch in av[1]:
                one = _first(list(branch), ch, icase)
                if one is None:
                    return None
                inner = (inner[0] or one[0], inner[1] or one[1])
        elif op is c.SUBPATTERN:
            _, add, delete, sub = av
            if (add | delete) & (re.ASCII | re.LOCALE):
                return None
            inner = _first(list(sub), ch, (icase or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
            inner = _first(list(av[2]), ch, icase)
            if inner is not None and av[0] == 0:
                inner = inner[0], True
        elif op is getattr(c, "ATOMIC_GROUP", None):
            inner = _first(list(av), ch, icase)
        else:
            return None
        if inner is None:
            return None
        if inner[0]:
            return True, False
        if not inner[1]:
            return False, False
    return False, True


def _variants(ch: str, icase: bool) -> set[str]:
    """``ch`` and, without case, every character ``re`` takes for it: its lower and upper cases and the extra
    cases of its lower case (``s``, ``S`` and ``ſ``; ``k``, ``K`` and ``K``)."""
    if not icase:
        return {ch}
    import re._casefix as casefix

    lower = ch.lower()
    extra = casefix._EXTRA_CASES.get(ord(lower), ()) if len(lower) == 1 else ()
    return {ch, lower, ch.upper(), *map(chr, extra)}


def _same(ch: str, literal: str, icase: bool) -> bool:
    return ch == literal or (icase and bool(_variants(ch, True) & _variants(literal, True)))


def _in_class(items: Any, ch: str, c: Any) -> bool:
    """Whether the character class ``items`` (a parsed ``[...]``) may hold ``ch`` (unknown members: yes)."""
    negate, hit = False, False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            hit = hit or ch == chr(av)
        elif op is c.RANGE:
            hit = hit or av[0] <= ord(ch) <= av[1]
        elif op is c.CATEGORY:
            named = {c.CATEGORY_SPACE: ch.isspace(), c.CATEGORY_NOT_SPACE: not ch.isspace(),
                     c.CATEGORY_DIGIT: ch.isdigit(), c.CATEGORY_NOT_DIGIT: not ch.isdigit(),
                     c.CATEGORY_WORD: ch.isalnum() or ch == "_", c.CATEGORY_NOT_WORD: not (ch.isalnum() or ch == "_")}
            hit = hit or named.get(av, True)
        else:
            return True
    return hit != negate


class Lexer(BasicLexer):
    """Lark's ``BasicLexer`` with the same tokens in fewer steps. Lark joins a lexer's terminals in one
    regex, tried in their order at each position: some fifty keywords tried before the blanks between two
    words, and the regex of each of the grammar's 275 lexers compiled the first time it is used (most of a
    cold start: about 0.6 s for a first file). Here each terminal's own regex is compiled once for all
    lexers (:class:`Starts`), and at each position only the terminals whose match may start with its
    character are tried, in the same order (:func:`may_start_with`): the first that matches is the one
    Lark's regex would have given. Line counting and callbacks in line instead of through three methods a
    token. Where no terminal matches, Lark's own method raises its error from the same place
    (``tests/test_lint_speedups.py`` compares the tokens, their positions and the errors of both)."""

    #: shared by the lexers of a parser: set by :func:`faster_lexers`
    starts: "Starts | None" = None
    _order: "list[Any] | None" = None
    _by_char: "dict[str, tuple] | None" = None

    def _ready(self) -> None:
        """The terminals in the order of Lark's regex, and its callbacks, as ``BasicLexer._build_scanner``
        makes them (without compiling that regex)."""
        from lark.lexer import CallChain, _create_unless

        terminals, self.callback = _create_unless(self.terminals, self.g_regex_flags, self.re, self.use_bytes)
        for type_, f in self.user_callbacks.items():
            if type_ in self.callback:   # as Lark writes it, the loop's variable read when the lambda runs
                self.callback[type_] = CallChain(self.callback[type_], f, lambda t: t.type == type_)  # noqa: B023
            else:
                self.callback[type_] = f
        self.starts = self.starts or Starts()
        self._order = terminals
        self._by_char = {}

    def _candidates(self, ch: str) -> tuple:
        """(name, regex) of the terminals a match at ``ch`` may be, in Lark's order."""
        starts, flags = self.starts, self.g_regex_flags
        found = self._by_char[ch] = tuple((t.name, starts.regex(t, flags, self.re))   # type: ignore[union-attr,index]
                                          for t in self._order if starts.may_start(t, flags, ch))   # type: ignore[union-attr]
        return found

    def next_token(self, lex_state: Any, parser_state: Any = None) -> Token:
        if self._by_char is None:
            self._ready()
        line_ctr = lex_state.line_ctr
        text, end = lex_state.text.text, lex_state.text.end
        by_char, candidates = self._by_char, self._candidates
        ignore, callbacks, newline_types, newline = (self.ignore_types, self.callback, self.newline_types,
                                                     line_ctr.newline_char)
        while line_ctr.char_pos < end:
            pos = line_ctr.char_pos
            ch = text[pos]
            for type_, regex in by_char.get(ch) or candidates(ch):   # type: ignore[union-attr]
                found = regex.match(text, pos, end)
                if found:
                    break
            else:
                return super().next_token(lex_state, parser_state)   # raises UnexpectedCharacters
            value = found.group(0)
            ignored = type_ in ignore
            t = None
            if not ignored or type_ in callbacks:
                t = Token(type_, value, pos, line_ctr.line, line_ctr.column)
            if type_ in newline_types:      # LineCounter.feed
                newlines = value.count(newline)
                if newlines:
                    line_ctr.line += newlines
                    line_ctr.line_start_pos = pos + value.rindex(newline) + 1
            line_ctr.char_pos = pos + len(value)
            line_ctr.column = line_ctr.char_pos - line_ctr.line_start_pos + 1
            if t is not None:
                t.end_line, t.end_column, t.end_pos = line_ctr.line, line_ctr.column, line_ctr.char_pos
                if t.type in callbacks:
                    t = callbacks[t.type](t)
                if not ignored:
                    if not isinstance(t, Token):
                        raise LexError("Callbacks must return a token (returned %r)" % t)
                    lex_state.last_token = t
                    return t
        raise EOFError(self)
