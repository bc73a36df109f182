"""``clauses fmt``: one canonical layout for clause files, driven by the parse tree.

The formatter knows no statement by name. It reads the tokens of the parse tree
(with the determiners and comments the grammar ignores, recovered from the text
between tokens) and lays every statement out by its shape, so that a construct
added to the grammar formats sensibly with no change here:

- **the head** on one line: everything up to the statement's own ``:``
  (``obligation intentions article 7 :``); a statement with no ``:`` (``partie``,
  ``événement``, ``convention``) stays on one line when it fits in
  :data:`WIDTH` columns, and otherwise keeps its leading words on the first line;
- **one item per line**, indented by two spaces: each sub-tree that follows the
  head starts a line, the words after it stay on its line, and a line never ends
  on a keyword waiting for its object (``résiliation entraîne fin de x``); a
  sub-tree that qualifies the bare words opening an item stays with them
  (``retrait de ville entraîne …``, ``pendant force_majeure jusqu'à …``);
- **long lines** are broken, four more spaces in, before a complete group
  (``restée sans effet pendant 15 jours…``) or before a keyword that follows a
  quoted text (``car "…"`` after ``lecture "…"``); texts and lists are tokens,
  never split;
- spacing: one space between words, none before ``.`` and ``,``, a space before
  ``:`` and ``%`` in French files (typography) and none in English ones;
  multi-word keywords with single spaces; ``l'`` glued to its word;
- **consecutive one-line statements of one kind** (parties, events) form a block
  with no blank line inside, their columns aligned; every other statement is
  separated by one blank line; the author's blank lines are kept (one at most),
  so are their order, every comment and every word (``lecture``, determiners).

Comments: a comment on a line of its own goes before the word that followed it;
a comment after code goes at the end of the line that holds the first word of
its original line, so that a ``# clauses: ignore[...]`` keeps hiding the same
diagnostic.

Never changes meaning: :func:`format_source` parses the result again and compares
the model (and the comments) with the original's; a difference raises
:class:`FormatError` and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lark import Token, Tree

from clauses.i18n import tr
from clauses.language.keywords import language_of
from clauses.language.parser import parse
from clauses.language.source import SourceText

WIDTH = 100
INDENT = "  "
CONTINUATION = "    "
#: an aligned column wider than this is not padded (one long name must not push a block right)
ALIGN_LIMIT = 40

_TIGHT_BEFORE = {"DOT", "COMMA", "RPAR"}
_TIGHT_AFTER = {"LPAR"}
_GAP = re.compile(r"(?P<ws>[ \t\f\r\n]+)|(?P<comment>#[^\n]*)"
                  r"|(?P<det>(?i:le|la|les|the)(?![\w'’-])|(?i:l)['’])|(?P<other>[^ \t\f\r\n#]+)")


class FormatError(Exception):
    """The file cannot be formatted: it does not parse, or the layout would change its meaning."""

    def __init__(self, message: str, diagnostics: tuple = ()) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


@dataclass
class Word:
    """One token of the tree, with the determiners written before it."""

    type: str
    text: str
    line: int                              # its original line
    before: list[str] = field(default_factory=list)
    brk: int | None = None                 # a long line may break before this word: the depth of the break


@dataclass
class Comment:
    text: str
    line: int
    own_line: bool                         # alone on its line in the original
    blank_before: bool                     # a blank line before it in the original
    after: int                             # index of the word it follows (-1: none)


@dataclass
class Statement:
    tree: Tree
    first: int                             # index of its first word
    last: int                              # index of its last word
    lines: list[tuple[int, list[int]]] = field(default_factory=list)   # (indent level, word indices)
    one_line: bool = False
    blank_before: bool = False


# ---------------------------------------------------------------------------------------- tokens


def _leaves(node: Tree | Token, out: list[Token]) -> None:
    if isinstance(node, Token):
        out.append(node)
        return
    for child in node.children:
        _leaves(child, out)


def _normal(token: Token) -> str:
    text = str(token)
    if token.type.startswith("KW_"):
        return " ".join(text.split())
    return text


class _Stream:
    """The words and comments of a file, in order: the tree's tokens, and the determiners and
    comments found in the text between them (the only things the grammar ignores)."""

    def __init__(self, source: SourceText, tree: Tree) -> None:
        self.text = text = source.text
        self.words: list[Word] = []
        self.comments: list[Comment] = []
        self.word_of: dict[int, int] = {}            # id(token) -> word index
        self.blank_before_word: dict[int, bool] = {}
        tokens: list[Token] = []
        _leaves(tree, tokens)
        self._last_end = -1                           # end of the last code or comment read
        self._pending: list[tuple[str, int, int]] = []
        position = 0
        for token in tokens:
            self._gap(position, token.start_pos)
            start = self._pending[0][2] if self._pending else token.start_pos
            self.blank_before_word[len(self.words)] = self._blank_between(self._last_end, start)
            self.word_of[id(token)] = len(self.words)
            self.words.append(Word(token.type, _normal(token), token.line, [d for d, _, _ in self._pending]))
            self._pending.clear()
            position = self._last_end = token.end_pos
        self._gap(position, len(text))
        self._pending.clear()   # determiners after the last statement belong to no word: dropped

    def _line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def _blank_between(self, a: int, b: int) -> bool:
        if a < 0:
            return False
        line_start = self.text.rfind("\n", 0, b) + 1
        return self.text.count("\n", a, line_start) >= 2

    def _gap(self, start: int, end: int) -> None:
        text = self.text
        for match in _GAP.finditer(text, start, end):
            kind = match.lastgroup
            if kind == "ws":
                continue
            if kind == "comment":
                line_start = text.rfind("\n", 0, match.start()) + 1
                own = not text[line_start:match.start()].strip()
                self.comments.append(Comment(match.group().rstrip(), self._line(match.start()), own,
                                             self._blank_between(self._last_end, match.start()),
                                             len(self.words) - 1))
                self._last_end = match.end()
            elif kind == "det":
                self._pending.append((match.group(), self._line(match.start()), match.start()))
            else:  # a literal the tree does not keep (an anonymous terminal): a word of its own
                self.blank_before_word[len(self.words)] = self._blank_between(self._last_end, match.start())
                self.words.append(Word("__ANON", match.group(), self._line(match.start())))
                self._last_end = match.end()


# ---------------------------------------------------------------------------------------- layout


def _is_keyword(unit: Tree | Token) -> bool:
    return isinstance(unit, Token) and unit.type.startswith("KW_")


def _mark_breaks(units: list, stream: _Stream, depth: int = 0) -> None:
    """Where a long line may break: before a complete group (a sub-tree) that does not follow a
    keyword waiting for it, and before a keyword that follows a quoted text; the shallower
    breaks are taken first."""
    previous = None
    for unit in units:
        if isinstance(unit, Tree):
            first = _first_token(unit)
            if first is not None and previous is not None and not _is_keyword(previous):
                stream.words[stream.word_of[id(first)]].brk = depth
            _mark_breaks(unit.children, stream, depth + 1)
        elif previous is not None and isinstance(previous, Token) and previous.type == "STRING" \
                and unit.type.startswith("KW_"):
            stream.words[stream.word_of[id(unit)]].brk = depth
        previous = unit


def _first_token(node: Tree | Token) -> Token | None:
    if isinstance(node, Token):
        return node
    for child in node.children:
        found = _first_token(child)
        if found is not None:
            return found
    return None


def _indices(units: list, stream: _Stream) -> list[int]:
    tokens: list[Token] = []
    for unit in units:
        _leaves(unit, tokens)
    return [stream.word_of[id(t)] for t in tokens]


def _split_lines(stmt: Tree, stream: _Stream) -> list[tuple[int, list]]:
    """The statement's lines as (indent level, units): the head, then one line per item."""
    children = list(stmt.children)
    colon = next((i for i, c in enumerate(children) if isinstance(c, Token) and c.type == "COLON"), None)
    if colon is not None:
        head, rest = children[:colon + 1], children[colon + 1:]
    else:
        first_tree = next((i for i, c in enumerate(children) if isinstance(c, Tree)), len(children))
        head, rest = children[:first_tree], children[first_tree:]
    lines: list[tuple[int, list]] = [(0, head)]
    current: list = []
    for unit in rest:
        # a group opens a line, unless it qualifies the bare words that open this one (the consequence's
        # `retrait de ville entraîne …`: its event, then the group of its party) or follows a keyword
        if (isinstance(unit, Tree) and current and not _is_keyword(current[-1])
                and any(isinstance(u, Tree) for u in current)):
            lines.append((1, current))
            current = []
        current.append(unit)
    if current:
        if all(isinstance(u, Token) and u.type in _TIGHT_BEFORE for u in current):
            lines[-1] = (lines[-1][0], lines[-1][1] + current)   # a lone full stop joins the line before
        else:
            lines.append((1, current))
    return [(level, units) for level, units in lines if units]


# ---------------------------------------------------------------------------------------- rendering


class _Renderer:
    def __init__(self, stream: _Stream, language: str) -> None:
        self.words = stream.words
        self.space_before = {"COLON": language != "en", "PERCENT": language != "en"}

    def join(self, indices: list[int]) -> str:
        out: list[str] = []
        previous: str | None = None                 # the last piece written
        previous_type: str | None = None
        for index in indices:
            word = self.words[index]
            for det in word.before:
                if previous is not None and self._space(previous, previous_type, "DETERMINER"):
                    out.append(" ")
                out.append(det)
                previous, previous_type = det, "DETERMINER"
            if previous is not None and self._space(previous, previous_type, word.type):
                out.append(" ")
            out.append(word.text)
            previous, previous_type = word.text, word.type
        return "".join(out)

    def _space(self, previous: str, previous_type: str | None, current: str) -> bool:
        if previous_type == "DETERMINER" and previous[-1:] in "'’":
            return False
        if previous_type in _TIGHT_AFTER or current in _TIGHT_BEFORE:
            return False
        return self.space_before.get(current, True)

    def separator(self, left: int, right: int) -> str:
        """The text between two adjacent words (a space or nothing)."""
        before, after = self.words[left], self.words[right]
        return " " if self._space(before.text, before.type, "DETERMINER" if after.before else after.type) else ""

    def wrap(self, indices: list[int], first: int, continued: int, depth: int = 0) -> list[list[int]]:
        """The lines of one item (``first``, ``continued``: their margins): whole when it fits;
        else broken at its shallowest breaks, greedily, and each piece still too long at its
        next breaks, and so on."""
        if first + len(self.join(indices)) <= WIDTH:
            return [indices]
        depths = [b for b in (self.words[i].brk for i in indices[1:]) if b is not None and b >= depth]
        if not depths:
            return [indices]
        level = min(depths)
        lines: list[list[int]] = []
        piece: list[int] = []
        for n, index in enumerate(indices + [-1]):
            if index == -1 or (n and self.words[index].brk == level):
                margin = first if len(lines) <= 1 else continued
                if lines and margin + len(self.join(lines[-1] + piece)) <= WIDTH:
                    lines[-1].extend(piece)
                else:
                    lines.append(piece)
                piece = []
            if index != -1:
                piece.append(index)
        out: list[list[int]] = []
        for n, line in enumerate(lines):
            out.extend(self.wrap(line, first if n == 0 else continued, continued, level + 1))
        return out


def _layout(stmt: Statement, tree_lines: list[tuple[int, list]], stream: _Stream, renderer: _Renderer,
            inner_comments: bool) -> None:
    every = [i for _, units in tree_lines for i in _indices(units, stream)]
    one_line = renderer.join(every)
    has_colon = any(isinstance(c, Token) and c.type == "COLON" for c in stmt.tree.children)
    if not has_colon and not inner_comments and len(one_line) <= WIDTH:
        stmt.lines = [(0, every)]
        stmt.one_line = True
        return
    out: list[tuple[int, list[int]]] = []
    for level, units in tree_lines:
        indent = INDENT * level
        pieces = renderer.wrap(_indices(units, stream), len(indent), len(indent) + len(CONTINUATION))
        for n, piece in enumerate(pieces):
            out.append((len(indent) + (len(CONTINUATION) if n else 0), piece))
    stmt.lines = out
    # a statement with nothing to break (a long event name and text) is still one line of its block
    stmt.one_line = len(out) == 1 and not has_colon and not inner_comments


# ---------------------------------------------------------------------------------------- the file


def format_text(text: str, path: str = "<text>") -> str:
    """The canonical layout of ``text``; raises :class:`FormatError` when it does not parse
    or when the layout would change its meaning (then nothing should be written)."""
    source = SourceText(path, text)
    parsed = parse(source)
    if parsed.tree is None:
        raise FormatError(tr("{path} has syntax errors: fix them first (`clauses lint {path}`)", path=path),
                          parsed.diagnostics)
    result = _format_tree(source, parsed.tree)
    _check_meaning(source, parsed.tree, result)
    return result


def _format_tree(source: SourceText, tree: Tree) -> str:
    stream = _Stream(source, tree)
    language = _language(stream)
    renderer = _Renderer(stream, language)
    statements: list[Statement] = []
    for child in tree.children:
        if not isinstance(child, Tree):
            continue
        indices = _indices([child], stream)
        if not indices:
            continue
        _mark_breaks(child.children, stream)
        statements.append(Statement(child, indices[0], indices[-1]))
    for stmt in statements:
        stmt.blank_before = stream.blank_before_word[stmt.first]
        inner = any(c.own_line and stmt.first <= c.after < stmt.last for c in stream.comments)
        _layout(stmt, _split_lines(stmt.tree, stream), stream, renderer, inner)
    eol = "\r\n" if "\r\n" in source.text.split("\n", 1)[0] + "\n" and source.text.count("\r\n") >= \
        source.text.count("\n") else "\n"
    return _assemble(statements, stream, renderer).replace("\n", eol)


def _language(stream: _Stream) -> str:
    """'en' or 'fr', from the words alone (never from the layout, so that formatting is stable):
    the declared language, else the language most keywords are spelled in."""
    words = stream.words
    for n, word in enumerate(words[:-1]):
        if word.type == "KW_LANGUAGE" and words[n + 1].type == "ID":
            return "en" if words[n + 1].text.lower() in ("en", "english", "anglais") else "fr"
    counts = {"fr": 0, "en": 0}
    for word in words:
        found = language_of(word.type, word.text) if word.type.startswith("KW_") else None
        if found:
            counts[found] += 1
    return "en" if counts["en"] > counts["fr"] else "fr"


def _assemble(statements: list[Statement], stream: _Stream, renderer: _Renderer) -> str:
    words = stream.words
    where: dict[int, tuple[int, int]] = {}            # word index -> (statement, line)
    for s, stmt in enumerate(statements):
        for n, (_, indices) in enumerate(stmt.lines):
            for i in indices:
                where[i] = (s, n)
    statement_of_word = {i: s for i, (s, _) in where.items()}
    starts = {indices[0] for stmt in statements for _, indices in stmt.lines if indices}

    def stmt_line_start(index: int) -> bool:
        return index in starts
    # comments: own-line ones before a word (or at the end), trailing ones at the end of a line
    before_word: dict[int, list[Comment]] = {}
    trailing: dict[tuple[int, int], list[str]] = {}
    at_end: list[Comment] = []
    for comment in stream.comments:
        nxt = comment.after + 1
        if not comment.own_line and comment.after >= 0:
            s = statement_of_word[comment.after]
            stmt = statements[s]
            anchor = next((i for i in range(stmt.first, stmt.last + 1) if words[i].line == comment.line), None)
            if anchor is not None:
                trailing.setdefault(where[anchor], []).append(comment.text)
                continue
        if nxt >= len(words):
            at_end.append(comment)
        elif stmt_line_start(nxt):
            before_word.setdefault(nxt, []).append(comment)
        else:  # it stood before a word that is now inside a line: it ends that line instead
            trailing.setdefault(where[nxt], []).append(comment.text)
    # alignment of blocks of one-line statements of one kind
    pads = _alignment(statements, stream, renderer)
    out: list[str] = []

    def blank(wanted: bool) -> None:
        if out and wanted and out[-1] != "":
            out.append("")

    def emit_comments(comments: list[Comment], indent: str, required_blank: bool) -> bool:
        for n, c in enumerate(comments):
            blank(c.blank_before or (required_blank and n == 0))
            out.append(indent + c.text)
        return bool(comments)

    previous: Statement | None = None
    for s, stmt in enumerate(statements):
        required = previous is not None and not (previous.one_line and stmt.one_line
                                                 and previous.tree.data == stmt.tree.data)
        comments = before_word.pop(stmt.first, [])
        had = emit_comments(comments, "", required)
        blank(stmt.blank_before and not had or (required and not had))
        if had and stmt.blank_before:
            blank(True)
        for n, (column, indices) in enumerate(stmt.lines):
            if n:
                inner = [c for i in indices[:1] for c in before_word.pop(i, [])]
                for c in inner:
                    out.append(" " * column + c.text)
            text = _padded(stmt, renderer, pads[s]) if s in pads else renderer.join(indices)
            notes = trailing.get((s, n))
            line = " " * column + text
            if notes:
                line += "  " + " ".join(notes)
            out.append(line)
        previous = stmt
    emit_comments(at_end, "", False)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _cells(stmt: Statement) -> list[tuple[str, list[int]]]:
    """(kind, word indices) of each top-level unit of a one-line statement."""
    cells = []
    position = 0
    indices = stmt.lines[0][1]
    for unit in stmt.tree.children:
        tokens: list[Token] = []
        _leaves(unit, tokens)
        if not tokens:
            continue
        kind = unit.type if isinstance(unit, Token) else unit.data
        cells.append((kind, indices[position:position + len(tokens)]))
        position += len(tokens)
    return cells


def _alignment(statements: list[Statement], stream: _Stream, renderer: _Renderer) -> dict[int, dict[int, int]]:
    """For each one-line statement in a block, the width to pad each aligned cell to."""
    pads: dict[int, dict[int, int]] = {}
    block: list[int] = []

    def close() -> None:
        if len(block) > 1:
            cells = [_cells(statements[s]) for s in block]
            common = 0
            while all(len(c) > common for c in cells) and len({c[common][0] for c in cells}) == 1:
                common += 1
            for column in range(common):
                if not all(len(c) > column + 1 for c in cells if len(c) > column) or \
                        not any(len(c) > column + 1 and c[column + 1][0] not in _TIGHT_BEFORE for c in cells):
                    break
                width = max(len(renderer.join(c[column][1])) for c in cells)
                if width > ALIGN_LIMIT:
                    break
                for s in block:
                    pads.setdefault(s, {})[column] = width
        block.clear()

    for s, stmt in enumerate(statements):
        if block and not (stmt.one_line and statements[block[-1]].tree.data == stmt.tree.data
                          and not stmt.blank_before and not _comment_between(stream, block[-1], statements, s)):
            close()
        if stmt.one_line:
            block.append(s)
    close()
    return pads


def _comment_between(stream: _Stream, previous: int, statements: list[Statement], s: int) -> bool:
    return any(statements[previous].last <= c.after < statements[s].first and c.blank_before
               for c in stream.comments)


def _padded(stmt: Statement, renderer: _Renderer, pads: dict[int, int]) -> str:
    """A one-line statement of an aligned block, its cells padded to the block's widths."""
    text = ""
    previous_last = None
    cells = _cells(stmt)
    for column, (_, cell) in enumerate(cells):
        piece = renderer.join(cell)
        if previous_last is not None:
            text += renderer.separator(previous_last, cell[0])
        text += piece
        # padded only before a cell that stands apart: no blank before this statement's final period
        if column in pads and column + 1 < len(cells) and cells[column + 1][0] not in _TIGHT_BEFORE:
            text += " " * (pads[column] - len(piece))
        previous_last = cell[-1]
    return text


# ---------------------------------------------------------------------------------------- meaning


def _check_meaning(source: SourceText, tree: Tree, result: str) -> None:
    from clauses.language.lower import lower

    after = parse(SourceText(source.path, result))
    if after.tree is None:
        raise FormatError(tr("formatting {path} would break it (a formatter bug): the file is left as it is",
                             path=source.path))
    before_model, before_diags = lower(tree, source.path)
    after_model, after_diags = lower(after.tree, source.path)
    same = (before_model is None) == (after_model is None) and \
        (before_model is None or before_model.model_dump() == after_model.model_dump())
    same = same and [d.code for d in before_diags] == [d.code for d in after_diags]
    squash = lambda comments: "".join("".join(c.text.split()) for c in comments)  # noqa: E731
    before_comments = parse(source).comments
    if not same or squash(before_comments) != squash(after.comments):
        raise FormatError(tr("formatting {path} would change its meaning (a formatter bug): "
                             "the file is left as it is", path=source.path))


# ---------------------------------------------------------------------------------------- the command

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control characters and bidirectional overrides shown as escapes."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def unified_diff(before: str, after: str, path: str) -> str:
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 f"{path} (original)", f"{path} (formatted)")
    return "".join(terminal_safe(line.rstrip("\r\n")) + "\n" for line in lines)


@dataclass
class FmtOutcome:
    """What ``clauses fmt`` did with one file."""

    path: str
    changed: bool = False
    diff: str = ""
    error: str = ""
    diagnostics: tuple = ()


def format_file(path, write: bool) -> FmtOutcome:
    """Format one file on disk (written back only when ``write`` and changed)."""
    from pathlib import Path

    from clauses.language.load import read_source

    path = Path(path)
    source, problems = read_source(path, str(path))
    if source is None:
        return FmtOutcome(str(path), error=problems[0].message, diagnostics=tuple(problems))
    try:
        formatted = format_text(source.text, str(path))
    except FormatError as err:
        return FmtOutcome(str(path), error=err.args[0] if err.args else str(err),   # a Message, in any language
                          diagnostics=tuple(getattr(err, "diagnostics", ())))
    outcome = FmtOutcome(str(path), formatted != source.text)
    if outcome.changed:
        outcome.diff = unified_diff(source.text, formatted, str(path))
        if write:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(formatted)
    return outcome
