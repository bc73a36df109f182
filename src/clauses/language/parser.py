"""Rules text -> parse tree, or syntax diagnostics in the reader's words.

The parser is built once per process, lazily (never at import), from
``clauses.lark`` plus the keyword terminals of :mod:`clauses.language.keywords`, and
cached on disk outside the package (read-only installs) so that a cold
``clauses lint`` stays fast. Comments are collected with their positions so
that a formatter can keep them.

Syntax errors never show Lark's terminal names: every terminal has a label,
keywords are shown in the file's language, and a small catalogue adds hints
for the common mistakes. After a syntax error the file is re-parsed statement
by statement so that every broken statement is reported in one run.
"""

from __future__ import annotations

import difflib
import importlib
import json
import os
import pickle
import re
import tempfile
import types
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.parse_tree_builder import PropagatePositions

from clauses.diagnostics import Diagnostic, shorten
from clauses.language.keywords import BY_NAME, KEYWORDS, grammar_terminals, keyword_regex
from clauses.language.lexer import faster_lexers
from clauses.language.loaded import Comment
from clauses.language.source import SourceText, Span
from clauses.i18n import joined, tr

#: every terminal in words (templates of the message catalogue: shown in the file's language)
LABELS: dict[str, str] = {
    "DATE": tr("a date such as `2019-09-25`"),
    "MONTH_NAME": tr("a month such as `février` or `April`"),
    "MONTH": tr("a month such as `2022-10`"),
    "ARTICLE_NUMBER": tr("an article number such as `7`, `8.2` or `V`"),
    "NUMBER": tr("a number"),
    "STRING": tr('a quoted text such as `"…"`'),
    "ID": tr("a name (of a party, an event or a clause)"),
    "DOT": tr("a full stop `.` ending the statement"),
    "COLON": tr("a colon `:`"),
    "COMMA": tr("a comma `,`"),
    "PERCENT": tr("a percent sign `%`"),
    "EQUALS": tr("`=`"),
    "PLUS": tr("`+`"),
    "MINUS": tr("`-`"),
    "TIMES": tr("`×`"),
    "DIVIDE": tr("`/`"),
    "LPAR": tr("`(`"),
    "RPAR": tr("`)`"),
    # langA
    "MONEY": tr("an amount of money such as `500 000 €`"),
    "CMP": tr("a comparison such as `>=`, `≥`, `<` or `≠`"),
    "ATTR": tr("an event's attribute such as `demande.montant`"),
    "PARAM": tr("a parameter such as `{montant}`"),
    "FRACTION": tr("a fraction such as `⅔`"),
    "CLOCK": tr("a time of day such as `12:00` or `18h30`"),   # time: issue 10 item 4
    "$END": tr("the end of the file"),
    # ignored terminals: never expected, but named so that no terminal is without words
    "WS": tr("a space"),
    "COMMENT": tr("a comment `# …`"),
    "DETERMINER": tr("a determiner (`le`, `la`, `les`, `l'`, `the`), which is ignored"),
}

STATEMENT_KEYWORDS = ("KW_LANGUAGE", "KW_CONVENTION", "KW_PARTY", "KW_EVENT", "KW_BODY", "KW_TERM",
                      "KW_DUTY", "KW_POWER", "KW_PROHIBITION", "KW_VOTE", "KW_KEY", "KW_INDEXATION",
                      "KW_CONSEQUENCE", "KW_READING", "KW_PARAMETER", "KW_AMOUNT", "KW_UNIT",
                      "KW_SUSPENSION", "KW_SERIES")
#: the language reference; every statement of the grammar has a section there (tests/test_language_doc.py), and
#: in the French reference docs/langage.md under the same anchor (tests/test_language_reference.py)
REFERENCE = "docs/language.md"
#: statement keyword -> grammar rule, whose section in the reference is ``#statement-<rule>``
STATEMENT_RULES = {
    "KW_LANGUAGE": "language_decl", "KW_CONVENTION": "convention_decl", "KW_PARTY": "party_decl",
    "KW_EVENT": "event_decl", "KW_BODY": "body_decl", "KW_TERM": "term_clause", "KW_DUTY": "duty_clause",
    "KW_POWER": "power_clause", "KW_PROHIBITION": "prohibition_clause", "KW_VOTE": "vote_clause",
    "KW_KEY": "key_clause", "KW_INDEXATION": "indexation_clause", "KW_CONSEQUENCE": "consequence_clause",
    "KW_READING": "reading_clause", "KW_PARAMETER": "param_decl", "KW_AMOUNT": "amount_clause",
    "KW_UNIT": "unit_decl", "KW_SUSPENSION": "suspension_clause", "KW_SERIES": "series_decl",
}
_MAX_WORDS = 8
_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("statement", STATEMENT_KEYWORDS),
    ("unit", ("KW_DAYS", "KW_CLEAR_DAYS", "KW_WORKING_DAYS", "KW_BUSINESS_DAYS", "KW_WEEKS", "KW_MONTHS", "KW_YEARS",
              "KW_HOURS", "KW_BUSINESS_HOURS", "KW_WORKING_HOURS")),
    ("channel", ("KW_BY_LRAR", "KW_BY_REGISTERED", "KW_BY_EMAIL", "KW_BY_LETTER", "KW_IN_WRITING", "KW_BY_HAND")),
)
#: the examples of each family, in the file's language
_GROUP_EXAMPLES = {
    "fr": ("`convention`, `partie`, `obligation`, `pouvoir`, …", "`jours`, `jours francs`, `mois`, `ans`, …",
           "`par LRAR`, `par courriel`, `par écrit`, …"),
    "en": ("`convention`, `party`, `duty`, `power`, …", "`days`, `clear days`, `months`, `years`, …",
           "`by LRAR`, `by email`, `in writing`, …"),
}


def _group_words(index: int, language: str) -> str:
    examples = _GROUP_EXAMPLES["en" if language == "en" else "fr"][index]
    return (tr("a statement ({examples})", examples=examples), tr("a unit ({examples})", examples=examples),
            tr("a channel ({examples})", examples=examples))[index]


@dataclass(frozen=True)
class ParseResult:
    tree: Tree | None
    comments: tuple[Comment, ...]
    diagnostics: tuple[Diagnostic, ...]


@lru_cache(maxsize=1)
def _grammar_text() -> str:
    return resources.files("clauses.language").joinpath("clauses.lark").read_text(encoding="utf-8") + "\n" + grammar_terminals()


def _cache_path() -> str | bool:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "clauses"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.touch()
        probe.unlink()
    except OSError:
        folder = Path(tempfile.gettempdir())
    return str(folder / "grammar.lark-cache")


class _Collector:
    """Receives comment tokens from the lexer during one parse."""

    def __init__(self) -> None:
        self.comments: list[Token] = []

    def __call__(self, token: Token) -> Token:
        self.comments.append(token)
        return token


_COLLECTOR = _Collector()


@contextmanager
def _without_collision_report() -> Iterator[None]:
    """Lark, when ``interegular`` is installed (the test extras), compares every pair of terminal
    regexes of every lexer state while building the parser and only logs what overlaps: 7 s of the
    7.5 s a build takes here (0.5 s without it). The overlaps are the grammar's own business, checked
    per parser state by ``tests/test_grammar.py`` with Lark's strict mode; the parser the program uses
    is the same with or without the report, so it is built without it."""
    import lark.lexer

    saved = lark.lexer.has_interegular
    lark.lexer.has_interegular = False
    try:
        yield
    finally:
        lark.lexer.has_interegular = saved


@lru_cache(maxsize=1)
def get_parser() -> Lark:
    """The one parser of the process (LALR, contextual lexer, positions kept)."""
    parser = faster_positions(build_parser())
    return faster_lexers(parser, packaged_starts(parser.options.g_regex_flags))


#: the parser's tables, its objects pickled as Lark loads them from its own cache (:func:`write_packaged_tables`),
#: shipped with the package (package data), headed by two digests of what they were built from (the grammar's
#: text, then the files it is made of, each with the options and Lark's and Python's versions: :func:`_header`):
#: a first run loads the parser from them (10 ms) instead of building it (0.65 s); tables that do not match are
#: ignored (then Lark's cache on disk, or Lark builds them).
#: ``tests/test_grammar.py`` checks that they match this grammar; ``python -m clauses.language.parser``
#: writes them again.
PACKAGED_TABLES = "grammar.lark-tables"


#: which characters of :data:`~clauses.language.lexer.ALPHABET` each terminal's match may start with
#: (:func:`~clauses.language.lexer.first_characters`), shipped next to the tables under the same digest: a
#: first file is lexed without reading every terminal's regex first (about 50 ms of a cold ``clauses check``)
PACKAGED_STARTS = "grammar.lark-starts"


def _packaged_tables() -> Path:
    return Path(__file__).with_name(PACKAGED_TABLES)


def _packaged_starts_file() -> Path:
    return Path(__file__).with_name(PACKAGED_STARTS)


def packaged_starts(flags: int) -> "dict[str, str | None] | None":
    """The packaged first characters of the terminals, or None when they are missing, damaged, or were
    worked out for another grammar, version or regex flags (the lexers then work them out as they go)."""
    try:
        with open(_packaged_starts_file(), "rb") as f:
            if not _matches(f):
                return None
            data = json.loads(f.read())
        first = data["first"] if data["flags"] == flags else None
        ok = isinstance(first, dict) and all(v is None or isinstance(v, str) for v in first.values())
        return first if ok else None
    except Exception:   # unreadable or damaged: worked out as the lexers go, as without it
        return None


def _options() -> dict[str, Any]:
    return dict(parser="lalr", lexer="contextual", propagate_positions=True,
                maybe_placeholders=False, lexer_callbacks={"COMMENT": _COLLECTOR})


def tables_digest(text: str | None = None) -> str:
    """What the packaged tables must have been built from, as Lark's own cache digests it (without
    the cache's path, which Lark's digest includes)."""
    import hashlib
    import sys

    import lark

    options = "".join(k + str(v) for k, v in _options().items() if k != "lexer_callbacks")
    data = (text if text is not None else _grammar_text()) + options + lark.__version__ + str(sys.version_info[:2])
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def sources_digest() -> str | None:
    """A digest of the files the grammar's text is made of (``clauses.lark`` and the keyword table's module,
    which imports nothing of the project), the options and the versions: what the packaged files' second
    line holds. Checked first at every start, it spares making the grammar's text to digest it (7 ms of a
    cold parse); None when a file cannot be read (the text's digest then decides)."""
    import hashlib
    import sys

    import lark

    from clauses.language import keywords

    try:
        grammar = resources.files("clauses.language").joinpath("clauses.lark").read_bytes()
        table = Path(keywords.__file__).read_bytes()
    except (OSError, TypeError, AttributeError):
        return None
    options = "".join(k + str(v) for k, v in _options().items() if k != "lexer_callbacks")
    more = (options + lark.__version__ + str(sys.version_info[:2])).encode("utf-8")
    return hashlib.sha256(b"\0".join((grammar, table, more))).hexdigest()


def _header(digest: str) -> bytes:
    """The two lines that head a packaged file: the grammar text's digest, then its sources' (or empty)."""
    return (digest + "\n" + (sources_digest() or "") + "\n").encode("ascii")


def _matches(f: Any, text: str | None = None) -> bool:
    """Whether the packaged file ``f`` (read past its two lines) was made from this grammar: its sources'
    digest when it matches (no grammar text made), else the text's (``text``, or this grammar's)."""
    digest, sources = f.readline().rstrip(b"\n"), f.readline().rstrip(b"\n")
    if text is None and sources and sources == (sources_digest() or "").encode("ascii"):
        return True
    return digest == tables_digest(text).encode("ascii")


class _TablesPickler(pickle.Pickler):
    """The parser's objects pickled as they are, but what they hold by identity written by name: the
    LALR loop tells its actions apart with ``is`` (``action is Shift``), the comment collector is this
    module's, and the lexers hold the ``re`` module."""

    def __init__(self, file: Any) -> None:
        from lark.parsers.lalr_analysis import Reduce, Shift

        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.by_name = {id(Shift): "Shift", id(Reduce): "Reduce", id(_COLLECTOR): "_COLLECTOR"}

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, types.ModuleType):
            return importlib.import_module, (obj.__name__,)
        return self.by_name.get(id(obj), NotImplemented)   # a name: the global of that name in obj's module


def _load_packaged(text: str | None = None) -> Lark | None:
    """The parser from the packaged tables, or None when they are missing or do not match this grammar
    (``text``: another grammar's text, to compare with). The tables are the parser's own objects pickled
    (:class:`_TablesPickler`): read back in a fifth of the time Lark takes to rebuild them from its cache's
    format (about 8 against 45 ms)."""
    try:
        with open(_packaged_tables(), "rb") as f:
            if not _matches(f, text):
                return None
            parser = pickle.load(f)
        return parser if isinstance(parser, Lark) else None
    except Exception:   # unreadable or damaged: Lark builds the parser (and the first lint says nothing)
        return None


def write_packaged_tables() -> Path:
    """Build the parser afresh and write its tables where the package ships them: the parser as Lark
    loads it from its own cache's format (the objects every run used before), pickled as they are."""
    import io

    import lark.lark

    target = _packaged_tables()
    text = _grammar_text()
    with _without_collision_report():
        built = Lark(text, **_options())
    saved = io.BytesIO()
    built.save(saved, lark.lark._LOAD_ALLOWED_OPTIONS)
    saved.seek(0)
    allowed = {k: v for k, v in _options().items() if k in lark.lark._LOAD_ALLOWED_OPTIONS}
    loaded = Lark.__new__(Lark)._load(saved, **allowed)
    with open(target.with_suffix(".tmp"), "wb") as f:
        f.write(_header(tables_digest(text)))
        _TablesPickler(f).dump(loaded)
    target.with_suffix(".tmp").replace(target)
    write_packaged_starts(loaded)
    return target


def write_packaged_starts(parser: Lark) -> Path:
    """Write where the package ships them the first characters of ``parser``'s terminals (a few seconds:
    every terminal's regex read for each character of the alphabet)."""
    from clauses.language.lexer import first_characters

    target = _packaged_starts_file()
    flags = parser.options.g_regex_flags
    data = json.dumps({"flags": flags, "first": first_characters(parser.terminals, flags)},
                      ensure_ascii=False, sort_keys=True)
    target.with_suffix(".tmp").write_bytes(_header(tables_digest()) + data.encode("utf-8"))
    target.with_suffix(".tmp").replace(target)
    return target


def build_parser() -> Lark:
    """A parser as Lark builds it: from the packaged tables when they match, else from the cache on
    disk when there is one."""
    packaged = _load_packaged()
    if packaged is not None:
        return packaged
    text = _grammar_text()
    options = _options()
    with _without_collision_report():
        try:
            return Lark(text, cache=_cache_path(), **options)
        except (OSError, EOFError, ValueError):  # unwritable or corrupt cache: build without it
            return Lark(text, **options)


def faster_positions(parser: Lark) -> Lark:
    """The parser with :class:`Positions` in place of Lark's ``PropagatePositions`` in every rule's
    callback (the callbacks' dictionary is the one its LALR parser calls)."""
    callbacks = getattr(parser, "_callbacks", None)
    for rule, callback in (callbacks or {}).items():
        if type(callback) is PropagatePositions and callback.node_filter is None:
            callbacks[rule] = Positions(callback.node_builder)
    return parser



class _Fallback(Exception):
    """The fused loop met something it does not do itself (an error of the text, an unexpected table)."""


class Fused:
    """Lark's LALR loop and its contextual lexer in one loop: each token scanned by the lexer of the
    parser's state and fed to the tables in line, without the lexer's generator, ``ParserState.feed_token``
    and its attribute look-ups per token (about 8 % of a parse). The same tables, lexers and
    tree callbacks, so the same tree; a text Lark would refuse is parsed again by Lark itself, which raises
    its own error from the same place (``tests/test_lint_speedups.py`` compares trees, positions and errors
    on the seeds, the fixtures and fuzzed texts)."""

    def __init__(self, parser: Lark) -> None:
        from lark.parsers.lalr_analysis import Shift

        frontend = parser.parser
        lalr = frontend.parser.parser                  # ParsingFrontend -> LALR_Parser -> _Parser
        table = lalr.parse_table
        (start,) = frontend.parser_conf.start
        self.parser, self.shift = parser, Shift
        self.states, self.callbacks = table.states, lalr.callbacks
        self.start_state, self.end_state = table.start_states[start], table.end_states[start]
        self.lexers = frontend.lexer.lexers

    def parse(self, text: str, restart: Callable[[], None] = lambda: None) -> Any:
        """The tree of ``text``; ``restart`` undoes what the lexer's callbacks did before Lark parses again."""
        from lark.lexer import LexerState, TextSlice

        try:
            return self._run(LexerState(TextSlice.cast_from(text)))
        except _Fallback:
            pass
        restart()
        return self.parser.parse(text)   # Lark's own loop: its result, or its error

    def _run(self, lex_state: Any) -> Any:
        states, callbacks, lexers, shift = self.states, self.callbacks, self.lexers, self.shift
        end_state = self.end_state
        state_stack = [self.start_state]
        value_stack: list = []
        push_state, push_value = state_stack.append, value_stack.append
        token, at_end = None, False
        while True:
            state = state_stack[-1]
            try:
                token = lexers[state].next_token(lex_state, None)
            except EOFError:   # the end of the text: reduce until the start rule is complete
                token = Token.new_borrow_pos("$END", "", token) if token else Token("$END", "", 0, 1, 1)
                at_end = True
            except Exception:   # no terminal matches here: Lark's loop says what
                raise _Fallback from None
            kind = token.type
            while True:
                found = states[state].get(kind)
                if found is None:
                    raise _Fallback
                action, arg = found
                if action is shift:
                    if at_end:
                        raise _Fallback
                    push_state(arg)
                    push_value(token if kind not in callbacks else callbacks[kind](token))
                    break
                size = len(arg.expansion)
                if size:
                    children = value_stack[-size:]
                    del state_stack[-size:]
                    del value_stack[-size:]
                else:
                    children = []
                value = callbacks[arg](children)
                state = states[state_stack[-1]][arg.origin.name][1]
                push_state(state)
                push_value(value)
                if at_end and state == end_state:
                    return value


def _meta_of(children: Iterable) -> Any:
    """Lark's ``PropagatePositions._pp_get_meta`` (no node filter); a tree without a ``Meta`` yet has
    an empty one."""
    for c in children:
        kind = type(c)
        if kind is Token:
            return c
        if kind is Tree:
            meta = c._meta
            if meta is not None and not meta.empty:
                return meta
        elif isinstance(c, Tree):
            if not c.meta.empty:
                return c.meta
        elif isinstance(c, Token):
            return c
        elif hasattr(c, "__lark_meta__"):
            return c.__lark_meta__()
    return None


class Positions(PropagatePositions):
    """Lark's ``PropagatePositions`` (``propagate_positions=True``) with the same results in fewer steps:
    a third of building the tree, a fifth of a parse. A token has no ``container_*`` positions (each
    ``getattr`` with a default raised and caught an AttributeError); a node whose first child gives
    no position has no last one either. ``tests/test_lint_speedups.py`` compares the trees and every
    position of both on the seeds, the fixtures and fuzzed texts."""

    __slots__ = ()

    def __init__(self, node_builder: Any) -> None:
        super().__init__(node_builder)

    def __call__(self, children: list) -> Any:
        res = self.node_builder(children)
        if not isinstance(res, Tree):
            return res
        first = _meta_of(children)
        if first is None:
            return res
        meta = res.meta
        if isinstance(first, Token):
            line, column, start = first.line, first.column, first.start_pos
        else:
            line = getattr(first, "container_line", first.line)
            column = getattr(first, "container_column", first.column)
            start = getattr(first, "container_start_pos", first.start_pos)
        if not hasattr(meta, "line"):   # else set already: the rule was inlined (`?rule`)
            meta.line, meta.column, meta.start_pos, meta.empty = line, column, start, False
        meta.container_line, meta.container_column, meta.container_start_pos = line, column, start
        last = _meta_of(reversed(children))
        if isinstance(last, Token):
            end_line, end_column, end = last.end_line, last.end_column, last.end_pos
        else:
            end_line = getattr(last, "container_end_line", last.end_line)
            end_column = getattr(last, "container_end_column", last.end_column)
            end = getattr(last, "container_end_pos", last.end_pos)
        if not hasattr(meta, "end_line"):
            meta.end_line, meta.end_column, meta.end_pos, meta.empty = end_line, end_column, end, False
        meta.container_end_line, meta.container_end_column, meta.container_end_pos = end_line, end_column, end
        return res


def guess_language(text: str) -> str:
    """'fr' or 'en': the declared language, else the majority of statement keywords."""
    declared = re.search(r"^\s*(?:langue|language)\s+([A-Za-zé]+)", text, re.M | re.I)
    if declared:
        return "en" if declared.group(1).lower() in ("en", "english", "anglais") else "fr"
    fr = en = 0
    for name in STATEMENT_KEYWORDS:
        kw = BY_NAME[name]
        fr += len(re.findall(rf"^\s*{keyword_regex(kw, 'fr')}", text, re.M | re.I))
        en += len(re.findall(rf"^\s*{keyword_regex(kw, 'en')}", text, re.M | re.I))
    return "en" if en > fr else "fr"


def label(terminal: str, language: str) -> str:
    if terminal in BY_NAME:
        return f"`{BY_NAME[terminal].label(language)}`"
    return LABELS.get(terminal, f"`{terminal}`")


def _expected_words(expected: set[str], language: str) -> list[str]:
    """Expected terminals as words, grouping families ("a unit", "a statement").

    A full stop comes first when it is accepted: a statement that could end
    here is the likeliest reading of the mistake, and it must not disappear
    into "one of N other forms".
    """
    remaining = set(expected)
    words: list[str] = []
    if "DOT" in remaining:
        words.append(label("DOT", language))
        remaining.discard("DOT")
    for index, (text, members) in enumerate(_GROUPS):
        present = remaining & set(members)
        if len(present) >= 3:
            words.append(_group_words(index, language))
            remaining -= present
    words.extend(sorted(label(t, language) for t in remaining if not t.startswith("__")))
    return words


def describe_expected(expected: set[str], language: str, complete: bool = False) -> str:
    """The accepted forms in words; past eight, the rest are counted unless ``complete``."""
    words: list = _expected_words(expected, language)
    if len(words) > _MAX_WORDS and not complete:
        words = words[:_MAX_WORDS - 1] + [tr("one of {count} other forms", count=len(words) - _MAX_WORDS + 1)]
    if not words:
        return tr("nothing more")
    if len(words) == 1:
        return words[0]
    return tr("{a} or {b}", a=joined(words[:-1], "{a}, {b}"), b=words[-1])


def _statement_at(text: str, offset: int) -> str | None:
    """The statement keyword (``KW_DUTY``…) of the statement that contains ``offset``."""
    starts = [m for m in _statement_start_matches(text) if m.start() <= offset]
    if not starts:
        return None
    word = starts[-1].group(0).strip()
    return next((n for n in STATEMENT_KEYWORDS if re.fullmatch(keyword_regex(BY_NAME[n]), word, re.I)), None)


def reference_hint(hint: str | None, text: str, offset: int, expected: set[str], language: str,
                   kind: str | None = None) -> str:
    """The hint, then every form accepted here when the message had to cut the list, then the
    section of the language reference for the statement being written (``kind``, else the one
    that contains ``offset``)."""
    parts: list = [hint] if hint else []
    if len(_expected_words(expected, language)) > _MAX_WORDS:
        parts.append(tr("accepted here: {forms}", forms=describe_expected(expected, language, complete=True)))
    kind = kind or _statement_at(text, offset)
    # the French rendering links the French reference (docs/langage.md), whose sections keep these anchors
    if kind:
        reference = tr("reference: docs/language.md#{anchor} (`{keyword}`)", anchor=f"statement-{STATEMENT_RULES[kind]}",
                       keyword=BY_NAME[kind].label(language))
    else:
        reference = tr("reference: docs/language.md")
    return tr("{hint} — {reference}", hint=joined(parts, "{a}; {b}"), reference=reference) if parts else reference


def _statement_meant(token: Token, expected: set[str], language: str) -> str | None:
    """A misspelt statement keyword (``oblgation``) where a statement starts: the statement meant."""
    if token.type != "ID" or not expected & set(STATEMENT_KEYWORDS):
        return None
    forms = {f: n for n in STATEMENT_KEYWORDS for f in (BY_NAME[n].fr + BY_NAME[n].en)}
    close = difflib.get_close_matches(str(token.value).lower(), list(forms), n=1, cutoff=0.75)
    return forms[close[0]] if close else None


def _found(token: Token, language: str) -> str:
    if token.type == "$END":
        return tr("end of file")
    if token.type in BY_NAME:
        return tr("keyword `{value}`", value=shorten(str(token.value)))
    return f"`{shorten(str(token.value))}`"


_NUMBERS = ("NUMBER", "ARTICLE_NUMBER")  # the root lexer may call a bare `25` either


def _hint(token: Token, expected: set[str], language: str) -> str | None:
    """The catalogue of friendly hints, keyed on (what was found, what was accepted).

    Order matters: the more specific entries come first.
    """
    en = language == "en"
    if "DOT" in expected and token.type in STATEMENT_KEYWORDS:
        return tr("the previous statement is not finished: end it with a full stop `.`")
    if token.type == "$END" and "DOT" in expected:
        return tr("the last statement is missing its full stop `.`")
    if token.type == "KW_AFTER" and "KW_BEFORE" in expected and "KW_AFTER" not in expected:
        return (tr("`at least … before` counts back from an event; a limit after an event is written "
                   "`within 30 days of EVENT`") if en else
                tr("`au moins … avant` compte à rebours depuis un événement ; un délai après un événement "
                   "s'écrit `dans un délai de 30 jours à compter de EVENT`"))
    if token.type == "DOT" and "DOT" not in expected and expected & set(STATEMENT_KEYWORDS):
        return tr("a stray full stop: each statement ends with exactly one `.`")
    if token.type in BY_NAME and token.type not in expected:
        # a spelling shared by two keywords that the LALR table accepts in one state
        # (English `within`: KW_WITHIN and KW_IN_BODY, see tests/test_grammar.py)
        twin = next((n for n in sorted(expected) if n in BY_NAME
                     and re.fullmatch(keyword_regex(BY_NAME[n]), str(token.value), re.I)), None)
        if twin:
            return tr("`{value}` was read here as {read}, not as {meant} (the two keywords share this spelling): "
                      "state this item earlier in the clause, before a list of parties or a `reading`",
                      value=token.value, read=label(token.type, language), meant=label(twin, language))
    if token.type == "ID":
        spellings = {}
        for name in expected:
            kw = BY_NAME.get(name)
            if kw:
                for form in (kw.fr if language == "fr" else kw.en):
                    # suggest the typeable apostrophe, not the typographic one
                    spellings[re.sub(r"\[[^\]]*\] ?", "", form).replace("’", "'")] = form
        close = difflib.get_close_matches(token.value.lower(), list(spellings), n=1, cutoff=0.75)
        if close:
            return tr("did you mean `{value}`?", value=close[0])
    if token.type == "ID" and "ARTICLE_NUMBER" in expected:
        return tr("cite the article by its number as the convention text writes it, e.g. "
                  "`article 7`, `article 8.2` or `article V`")
    if token.type in _NUMBERS and "ARTICLE_NUMBER" not in expected and "KW_ARTICLE" in expected:
        return tr("an article is cited as `article 7`")
    if token.type in _NUMBERS and ("DATE" in expected or "MONTH" in expected):
        return tr("write dates as YYYY-MM-DD (e.g. 2019-09-25) and months as YYYY-MM")
    if token.type == "DATE" and "DATE" not in expected and "KW_THE_TERM" in expected:
        return (tr("a fixed date is a deadline of its own: `at the latest 2019-09-25`") if en else
                tr("a fixed date is a deadline of its own: `au plus tard 2019-09-25`"))
    if "COLON" in expected and token.type != "COLON":
        return (tr("a clause heading ends with a colon, e.g. `duty intentions article 7 :`") if en else
                tr("a clause heading ends with a colon, e.g. `obligation intentions article 7 :`"))
    if token.type == "ID" and "NUMBER" in expected:
        return (tr("amounts are written in digits: `3 months`, not `three months`") if en else
                tr("amounts are written in digits: `3 mois`, not `trois mois`"))
    return None


def _syntax_diagnostic(err: UnexpectedInput, source: SourceText, language: str) -> Diagnostic:
    if isinstance(err, UnexpectedToken):
        token = err.token
        expected = set(err.accepts or err.expected)
        if token.type == "$END":
            # Lark borrows the position of the last real token: point just after it
            # (not after a trailing comment), where the missing piece belongs.
            if token.end_line and token.end_column:
                span = Span(source.path, token.end_line, token.end_column, token.end_line, token.end_column + 1)
            else:
                span = source.end_span()
            offset = token.start_pos if token.start_pos is not None else len(source.text)
            return Diagnostic.of("S002", tr("unexpected end of file: expected {describe_expected}",
                                            describe_expected=describe_expected(expected, language)),
                                 span, reference_hint(_hint(token, expected, language), source.text, offset,
                                                      expected, language))
        end_col = (token.end_column if token.end_line == token.line and token.end_column
                   else token.column + len(str(token.value).split("\n")[0]))
        span = Span(source.path, token.line, token.column, token.line, end_col)
        message = tr("unexpected {found}: expected {expected}", found=_found(token, language),
                     expected=describe_expected(expected, language))
        # a statement keyword where the previous statement was not finished belongs to that one
        offset = (token.start_pos or 0) - (1 if token.type in STATEMENT_KEYWORDS else 0)
        return Diagnostic.of("S001", message, span, reference_hint(_hint(token, expected, language), source.text,
                                                                   max(offset, 0), expected, language,
                                                                   _statement_meant(token, expected, language)))
    if isinstance(err, UnexpectedCharacters):
        char = source.text[err.pos_in_stream] if err.pos_in_stream < len(source.text) else ""
        span = Span(source.path, err.line, err.column, err.line, err.column + 1)
        expected = set(err.allowed or ())
        hint = None
        if char in "\"«":
            hint = tr("this text is not closed: a quoted text must end on the same line with `\"` (or `»`)")
        elif char == "'":
            hint = tr('texts are quoted with double quotes: "…"')
        else:
            word = re.match(r"[\w-]+", source.text[err.pos_in_stream:])
            if word and "DATE" in expected and re.match(r"[0-9]", char):
                hint = tr("write dates as YYYY-MM-DD (e.g. 2019-09-25)")
        shown = repr(char)[1:-1] if char else tr("end of file")
        message = tr("unexpected character `{shown}`: expected {expected}", shown=shown,
                     expected=describe_expected(expected, language))
        return Diagnostic.of("S003", message, span,
                             reference_hint(hint, source.text, err.pos_in_stream, expected, language))
    return Diagnostic.of("S001", tr("syntax error: {detail}", detail=str(err).splitlines()[0]), None)


_STATEMENT_START = None


def _statement_starts(text: str) -> list[int]:
    """Offsets of lines that begin with a statement keyword (resynchronisation points)."""
    return [m.start() for m in _statement_start_matches(text)]


def _statement_start_matches(text: str) -> list[re.Match[str]]:
    global _STATEMENT_START
    if _STATEMENT_START is None:
        alternatives = "|".join(keyword_regex(BY_NAME[n]) for n in STATEMENT_KEYWORDS)
        # a reading *item* (`lecture "…" car "…"` inside a clause) is not a statement start:
        # as a statement, `lecture` is followed by a name, as an item by a quoted text
        _STATEMENT_START = re.compile(rf"^[ \t]*(?:{alternatives})(?![ \t\r\n]*[\"«0-9])", re.M | re.I)
    return list(_STATEMENT_START.finditer(text))


def _mask(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def parse(source: SourceText) -> ParseResult:
    """Parse one file; on error, report the first error of every broken statement."""
    language = guess_language(source.text)
    _COLLECTOR.comments = []
    try:
        fused = fused_parser()
        tree = fused.parse(source.text, _forget_comments) if fused is not None else get_parser().parse(source.text)
    except UnexpectedInput as err:
        return ParseResult(None, (), tuple(_all_syntax_errors(source, err, language)))
    comments = tuple(Comment(t.line, t.column, str(t)) for t in _COLLECTOR.comments)
    return ParseResult(tree, comments, ())


@lru_cache(maxsize=1)
def fused_parser() -> "Fused | None":
    """The parser with its loop fused (:class:`Fused`); None when Lark's internals are not the ones
    :class:`Fused` reads (another version of Lark): Lark's own loop then."""
    try:
        return Fused(get_parser())
    except (AttributeError, KeyError, TypeError, ValueError, ImportError):
        return None


def _forget_comments() -> None:
    _COLLECTOR.comments = []


def _all_syntax_errors(source: SourceText, first: UnexpectedInput, language: str) -> list[Diagnostic]:
    """One diagnostic per broken statement: each chunk between statement starts is parsed alone."""
    parser = get_parser()
    starts = _statement_starts(source.text)
    if not starts or starts[0] != 0:
        starts = [0] + starts
    bounds = list(zip(starts, starts[1:] + [len(source.text)]))
    found: list[Diagnostic] = []
    for begin, end in bounds:
        chunk = _mask(source.text[:begin]) + source.text[begin:end]
        try:
            parser.parse(chunk)
        except UnexpectedInput as err:
            if isinstance(err, UnexpectedToken) and err.token.type == "$END" and end < len(source.text):
                # the statement runs into the next one: report it where the next starts
                found.append(_unfinished(source, end, err, language))
            else:
                found.append(_syntax_diagnostic(err, source, language))
    if not found:  # the chunking found nothing (e.g. an error spanning chunks): report the first
        found.append(_syntax_diagnostic(first, source, language))
    unique: dict[tuple, Diagnostic] = {}
    for d in found:
        unique.setdefault((d.code, d.span), d)
    return sorted(unique.values(), key=Diagnostic.sort_key)


def _unfinished(source: SourceText, next_start: int, err: UnexpectedToken, language: str) -> Diagnostic:
    line, column = source.position(next_start)
    text = source.line(line)
    column += len(text) - len(text.lstrip())
    # the whole statement keyword ("décision collective"), else the first word
    keyword = _STATEMENT_START.match(source.text, next_start) if _STATEMENT_START else None
    word = keyword.group(0).strip() if keyword else (re.match(r"\S+", text.lstrip()) or [""])[0]
    width = max(len(word), 1)
    expected = set(err.accepts or err.expected)
    span = Span(source.path, line, column, line, column + width)
    message = tr("unexpected keyword `{word}`: expected {expected}", word=word,
                 expected=describe_expected(expected, language))
    kind = next((n for n in STATEMENT_KEYWORDS
                 if re.fullmatch(keyword_regex(BY_NAME[n]), word, re.I)), "KW_DUTY")
    hint = (tr("the previous statement is not finished: end it with a full stop `.`")
            if "DOT" in expected else _hint(Token(kind, word), expected, language))
    return Diagnostic.of("S001", message, span,
                         reference_hint(hint, source.text, max(next_start - 1, 0), expected, language))


def all_terminals() -> set[str]:
    """Every terminal name of the built parser (for the label-coverage test)."""
    return {t.name for t in get_parser().terminals}


def keyword_names() -> set[str]:
    return {k.name for k in KEYWORDS}


if __name__ == "__main__":   # pragma: no cover - maintenance: `python -m clauses.language.parser`
    from clauses.language import parser as _imported   # the module's own objects, not __main__'s copies

    print(_imported.write_packaged_tables())
