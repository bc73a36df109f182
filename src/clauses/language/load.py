"""The pipeline for one rules file: read -> parse -> lower -> resolve.

Each stage reports all it finds; the pipeline stops between stages when a
stage reports errors (a file with syntax errors gets no name checks, which
would only repeat the syntax errors in other words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from clauses.language import model as m
from clauses.language.articles import ArticleIndex
from clauses.diagnostics import Diagnostic, has_errors
from clauses.language.lower import lower
from clauses.language.parser import Comment, parse
from clauses.language.resolve import ConventionText, find_text, resolve
from clauses.language.source import SourceText, Span

RULES_SUFFIX = ".clauses"
#: a rules file encodes one convention: a few kilobytes (the seeds are under 10 KB). Far
#: larger files are not rules files, and parsing them would take time and memory for nothing.
MAX_RULES_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Loaded:
    path: str
    source: SourceText | None
    convention: m.Convention | None
    text: ConventionText | None
    comments: tuple[Comment, ...]
    diagnostics: tuple[Diagnostic, ...]
    #: when the file has syntax errors: the model of its sound statements (the broken ones left
    #: out), so that ``clauses lint`` still checks the rest; ``convention`` stays None
    partial: m.Convention | None = None

    @property
    def ok(self) -> bool:
        return self.convention is not None and not has_errors(self.diagnostics)


def read_source(path: Path, display: str) -> tuple[SourceText | None, list[Diagnostic]]:
    """Read a rules file as UTF-8; unreadable, non-UTF-8 and empty files are diagnostics."""
    where = Span(display, 1, 1, 1, 2)
    try:
        if path.is_file() and path.stat().st_size > MAX_RULES_BYTES:
            size = path.stat().st_size / (1024 * 1024)
            return None, [Diagnostic.of("F001", f"{display} is too large for a rules file ({size:.1f} MB; "
                                                f"at most {MAX_RULES_BYTES // (1024 * 1024)} MB)", where,
                                        "a rules file encodes one convention in a few kilobytes: "
                                        "is this the right file?")]
        raw = path.read_bytes()
    except IsADirectoryError:
        return None, [Diagnostic.of("F001", f"{display} is a directory, not a rules file", where)]
    except OSError as err:
        return None, [Diagnostic.of("F001", f"cannot read {display}: {err.strerror or err}", where)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Diagnostic.of("F003", f"byte 0x{raw[err.start]:02x} is not UTF-8",
                                    Span(display, line, column, line, column + 1),
                                    "save the file as UTF-8 (most editors offer it under 'Save as' or 'Encoding')")]
    if "\x00" in text:
        return None, [Diagnostic.of("F003", f"{display} is a binary file, not a rules file", where)]
    if not text.strip():
        return None, [Diagnostic.of("F002", f"{display} is empty", where,
                                    'a rules file starts with `convention "Titre" texte "fichier.txt".`')]
    return SourceText(display, text), []


def load_convention_text(conv: m.Convention, rules_path: Path) -> tuple[ConventionText | None, list[Diagnostic]]:
    if not conv.text:
        return None, []
    found = find_text(rules_path, conv.text)
    if found is None:
        return None, [Diagnostic.of("A001", f"convention text `{conv.text}` not found", conv.span,
                                    "put the text in a `conventions/` folder beside the `rules/` folder")]
    try:
        stat = found.stat()
        return _read_text(found, stat.st_mtime_ns, stat.st_size), []
    except (OSError, UnicodeDecodeError) as err:
        return None, [Diagnostic.of("A001", f"convention text `{conv.text}` cannot be read: {err}", conv.span)]


@lru_cache(maxsize=256)
def _read_text(path: Path, mtime_ns: int, size: int) -> ConventionText:
    """A convention text and its article index, read once per version of the file
    (a portfolio's rules files cite the same few texts)."""
    text = path.read_text(encoding="utf-8-sig")
    return ConventionText(path, text, ArticleIndex.from_text(text))


def load_source(source: SourceText, rules_path: Path | None = None) -> Loaded:
    """Run the pipeline on text already read (tests pass strings here)."""
    rules_path = rules_path or Path(source.path)
    parsed = parse(source)
    if parsed.tree is None:
        return Loaded(source.path, source, None, None, (), parsed.diagnostics,
                      partial=_sound_statements(source, parsed.diagnostics))
    convention, diagnostics = lower(parsed.tree, source.path)
    text = None
    if convention is not None:
        text, text_diagnostics = load_convention_text(convention, rules_path)
        diagnostics += text_diagnostics
        diagnostics += resolve(convention, text)
    diagnostics.sort(key=Diagnostic.sort_key)
    return Loaded(source.path, source, convention, text, parsed.comments, tuple(diagnostics))


def _sound_statements(source: SourceText, errors: tuple[Diagnostic, ...]) -> m.Convention | None:
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
            return lower(reparsed.tree, source.path)[0]
    return None


def source_offset(source: SourceText, line: int) -> int:
    """The offset of the first character of a 1-based line."""
    return source.line_starts[line - 1] if 0 < line <= len(source.line_starts) else len(source.text)


def load(path: str | Path) -> Loaded:
    """Load one rules file from disk."""
    path = Path(path)
    source, problems = read_source(path, str(path))
    if source is None:
        return Loaded(str(path), None, None, None, (), tuple(problems))
    return load_source(source, path)


def discover(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Rules files named or found under directories (sorted); missing paths as messages."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob(f"*{RULES_SUFFIX}") if p.is_file()))
        elif path.exists():
            files.append(path)
        elif path.is_symlink():  # a dangling link or a loop: say which, not "no such file"
            try:
                path.stat()
            except OSError as err:
                missing.append(f"{path}: {err.strerror or err}")
            else:  # pragma: no cover - the target appeared meanwhile
                files.append(path)
        else:
            missing.append(f"{path}: no such file or directory")
    return files, missing
