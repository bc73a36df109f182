"""The pipeline for one rules file: read -> parse -> lower -> resolve.

Each stage reports all it finds; the pipeline stops between stages when a
stage reports errors (a file with syntax errors gets no name checks, which
would only repeat the syntax errors in other words).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lark import Token, Tree

from clauses.language import model as m
from clauses.language.articles import ArticleIndex
from clauses.diagnostics import Diagnostic
from clauses.files import Refused, limits, read_regular
from clauses.i18n import tr
from clauses.language.lower import lower
from clauses.language.parser import Comment, parse
from clauses.confine import CODE as CONFINED, find_text
from clauses.language.resolve import ConventionText, resolve
from clauses.language.source import SourceText, Span, normalise_line_ends
from clauses.language.loaded import MAX_RULES_BYTES, RULES_SUFFIX, Loaded, discover, is_instance  # noqa: F401  (re-exported)

#: how deep a statement may nest (the seeds: 10 levels; each parenthesis of a formula adds one).
MAX_NESTING = 100


def read_source(path: Path, display: str) -> tuple[SourceText | None, list[Diagnostic]]:
    """Read a rules file as UTF-8; unreadable, non-UTF-8 and empty files are diagnostics."""
    where = Span(display, 1, 1, 1, 2)
    try:
        limit = limits().rules
        if path.is_file() and path.stat().st_size > limit:
            size = path.stat().st_size / (1024 * 1024)
            return None, [Diagnostic.of("F001", tr("{display} is too large for a rules file ({size} MB; at "
                                                   "most {value} MB)", display=display, size=f"{size:.1f}",
                                                   value=f"{limit / (1024 * 1024):g}"), where,
                                        tr("a rules file encodes one convention in a few kilobytes: is "
                                           "this the right file?"))]
        raw = read_regular(path, "rules file", limit, shown=display)  # FIFOs, devices: refused
    except Refused as err:
        return None, [Diagnostic.of("F001", err.message, where, err.hint)]
    except IsADirectoryError:
        return None, [Diagnostic.of("F001", tr("{display} is a directory, not a rules file", display=display), where)]
    except OSError as err:
        return None, [Diagnostic.of("F001", tr("cannot read {display}: {value}", display=display,
                                               value=err.strerror or err), where)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Diagnostic.of("F003", tr("byte 0x{value} is not UTF-8", value=f"{raw[err.start]:02x}"),
                                    Span(display, line, column, line, column + 1),
                                    tr("save the file as UTF-8 (most editors offer it under 'Save as' or "
                                       "'Encoding')"))]
    if "\x00" in text:
        return None, [Diagnostic.of("F003", tr("{display} is a binary file, not a rules file",
                                               display=display), where)]
    if not text.strip():
        return None, [Diagnostic.of("F002", tr("{display} is empty", display=display), where,
                                    tr("a rules file starts with `convention \"Titre\" texte \"fichier.txt\".`"))]
    return SourceText(display, normalise_line_ends(text)), []


def load_convention_text(conv: m.Convention, rules_path: Path,
                         source: SourceText | None = None) -> tuple[ConventionText | None, list[Diagnostic]]:
    """The convention text the header names, read only when it lies in the project's conventions
    folder (:mod:`clauses.confine`); a refused name is ``F004`` at its position."""
    if not conv.text:
        return None, []
    found, refused = find_text(rules_path, conv.text)
    span = _name_span(source, conv.text) or conv.span
    if refused is not None:
        return None, [Diagnostic.of(CONFINED, tr("convention text refused: {reason}", reason=refused.message),
                                    span, refused.hint)]
    if found is None:
        return None, [Diagnostic.of("A001", tr("convention text `{text}` not found", text=conv.text), span,
                                    tr("put the text in a `conventions/` folder beside the `rules/` folder"))]
    try:
        stat = found.stat()
        if stat.st_size > limits().text:
            return None, [Diagnostic.of("A001", tr("convention text `{name}` is too large ({size} MB; at most "
                                                   "{limit} MB)", name=conv.text, size=stat.st_size // 2**20,
                                                   limit=f"{limits().text / 2**20:g}"), span)]
        return _read_text(found, stat.st_mtime_ns, stat.st_size), []
    except (OSError, UnicodeDecodeError) as err:
        return None, [Diagnostic.of("A001", tr("convention text `{text}` cannot be read: {err}",
                                               text=conv.text, err=err), span)]


def locate_series(conv: m.Convention, rules_path: Path,
                  source: SourceText | None = None) -> tuple[m.Convention, list[Diagnostic]]:
    """money: the published series' files, named relative to the rules file and read only inside
    the project (:func:`clauses.confine.confine_project_path`); a file that cannot be read is ``F005``,
    each bad row ``V040`` at its line."""
    from clauses import series as published
    from clauses.confine import confine_project_path

    if not conv.series:
        return conv, []
    found: list[Diagnostic] = []
    located = []
    for decl in conv.series:
        span = _name_span(source, decl.file) or decl.span
        path, refused = confine_project_path(rules_path, decl.file)
        if refused is not None:
            found.append(Diagnostic.of(CONFINED, tr("series file refused: {reason}", reason=refused.message),
                                       span, refused.hint))
            located.append(decl)
            continue
        try:
            data = published.read(path)
        except (Refused, OSError, UnicodeDecodeError) as err:
            found.append(Diagnostic.of("F005", tr("series file `{name}` cannot be read: {err}", name=decl.file,
                                                  err=err), span))
            located.append(decl)
            continue
        for line, message in data.problems:
            found.append(Diagnostic.of("V040", tr("series `{id}`: {message}", id=decl.id, message=message),
                                       Span(str(path), line, 1, line, 2)))
        located.append(decl.model_copy(update={"path": str(path)}))
    return conv.model_copy(update={"series": tuple(located)}), found


def _name_span(source: SourceText | None, name: str) -> Span | None:
    """Where the quoted name stands in the rules file (the first occurrence)."""
    if source is None:
        return None
    at = source.text.find(f'"{name}"')
    return source.span(at, at + len(name) + 2) if at >= 0 else None


@lru_cache(maxsize=256)
def _read_text(path: Path, mtime_ns: int, size: int) -> ConventionText:
    """A convention text and its article index, read once per version of the file
    (a portfolio's rules files cite the same few texts)."""
    text = read_regular(path, "convention text", limits().text).decode("utf-8-sig")  # Refused is an OSError
    return ConventionText(path, text, ArticleIndex.from_text(text))


def load_source(source: SourceText, rules_path: Path | None = None, arguments: dict | None = None) -> Loaded:
    """Run the pipeline on text already read (tests pass strings here); ``arguments``: the
    parameter values of a signed instance (:mod:`clauses.language.instance`)."""
    rules_path = rules_path or Path(source.path)
    parsed = parse(source)
    if parsed.tree is None:
        return Loaded(source.path, source, None, None, (), parsed.diagnostics,
                      partial=_sound_statements(source, parsed.diagnostics, arguments))
    deep = _too_deep(parsed.tree, source)
    if deep is not None:
        return Loaded(source.path, source, None, None, parsed.comments, (deep,))
    convention, diagnostics = lower(parsed.tree, source.path, arguments)
    text = None
    if convention is not None:
        text, text_diagnostics = load_convention_text(convention, rules_path, source)
        diagnostics += text_diagnostics
        convention, series_diagnostics = locate_series(convention, rules_path, source)   # money
        diagnostics += series_diagnostics
        diagnostics += resolve(convention, text)
    diagnostics.sort(key=Diagnostic.sort_key)
    return Loaded(source.path, source, convention, text, parsed.comments, tuple(diagnostics))


def _sound_statements(source: SourceText, errors: tuple[Diagnostic, ...], arguments=None) -> m.Convention | None:
    """The model of a file's statements that parse, the broken ones blanked out (their lines kept,
    so that every position stays right); None when what remains does not parse either.

    A statement that runs into the next one is reported where the next starts: when blanking the
    statements the errors point into is not enough, the statement before each is blanked too."""
    from clauses.language.parser import _statement_starts

    text = source.text
    starts = sorted(set([0] + _statement_starts(text)))
    bounds = list(zip(starts, starts[1:] + [len(text)]))
    offsets = [source_offset(source, d.span.line) + d.span.column - 1 for d in errors if d.span is not None]
    hit = {i for i, (begin, end) in enumerate(bounds) if any(begin <= o < end for o in offsets)}
    for blanked in (hit, hit | {i - 1 for i in hit if i > 0}):
        masked = "".join(re.sub(r"[^\n]", " ", text[b:e]) if i in blanked else text[b:e]
                         for i, (b, e) in enumerate(bounds))
        reparsed = parse(SourceText(source.path, masked))
        if reparsed.tree is not None:
            return lower(reparsed.tree, source.path, arguments)[0]
    return None


def source_offset(source: SourceText, line: int) -> int:
    """The offset of the first character of a 1-based line."""
    return source.line_starts[line - 1] if 0 < line <= len(source.line_starts) else len(source.text)


def _too_deep(tree: Tree, source: SourceText) -> Diagnostic | None:
    """S004 where the tree nests deeper than :data:`MAX_NESTING` (a formula in 500 parentheses):
    measured without recursion, so that lowering, which recurses, never meets such a tree."""
    stack: list[tuple[Tree, int]] = [(tree, 1)]   # tokens never pushed: the trees pop in the same order
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            token = next((t for t in node.scan_values(lambda v: isinstance(v, Token))), None)
            span = (Span(source.path, token.line, token.column, token.line, token.column + 1)
                    if token is not None and token.line is not None else Span(source.path, 1, 1, 1, 2))
            return Diagnostic.of("S004", tr("this expression nests more than {limit} levels deep",
                                            limit=MAX_NESTING), span,
                                 tr("write it with fewer parentheses, or split it in named parts"))
        depth += 1
        stack.extend([(child, depth) for child in node.children if type(child) is Tree or isinstance(child, Tree)])
    return None


def load(path: str | Path) -> Loaded:
    """Load one rules file from disk."""
    path = Path(path)
    if is_instance(path) and path.is_file():   # langA: a signed instance of a template (YAML: imported then)
        from clauses.language.instance import load_instance

        return load_instance(path, str(path))
    source, problems = read_source(path, str(path))
    if source is None:
        return Loaded(str(path), None, None, None, (), tuple(problems))
    return load_source(source, path)
