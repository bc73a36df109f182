"""The pipeline for one rules file: read -> parse -> lower -> resolve.

Each stage reports all it finds; the pipeline stops between stages when a
stage reports errors (a file with syntax errors gets no name checks, which
would only repeat the syntax errors in other words).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from clauses.language import model as m
from clauses.language.articles import ArticleIndex
from clauses.diagnostics import Diagnostic, has_errors
from clauses.files import Refused, limits, read_regular
from clauses.language.lower import lower
from clauses.language.parser import Comment, parse
from clauses.language.resolve import ConventionText, find_text, resolve
from clauses.language.source import SourceText, Span, normalise_line_ends

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

    @property
    def ok(self) -> bool:
        return self.convention is not None and not has_errors(self.diagnostics)


def read_source(path: Path, display: str) -> tuple[SourceText | None, list[Diagnostic]]:
    """Read a rules file as UTF-8; unreadable, non-UTF-8 and empty files are diagnostics."""
    where = Span(display, 1, 1, 1, 2)
    try:
        limit = limits().rules
        if path.is_file() and path.stat().st_size > limit:
            size = path.stat().st_size / (1024 * 1024)
            return None, [Diagnostic.of("F001", f"{display} is too large for a rules file ({size:.1f} MB; "
                                                f"at most {limit / (1024 * 1024):g} MB)", where,
                                        "a rules file encodes one convention in a few kilobytes: "
                                        "is this the right file?")]
        raw = read_regular(path, "rules file", limit, shown=display)  # FIFOs, devices: refused
    except Refused as err:
        return None, [Diagnostic.of("F001", err.message, where, err.hint)]
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
    return SourceText(display, normalise_line_ends(text)), []


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
    text = read_regular(path, "convention text", limits().text).decode("utf-8-sig")  # Refused is an OSError
    return ConventionText(path, text, ArticleIndex.from_text(text))


def load_source(source: SourceText, rules_path: Path | None = None) -> Loaded:
    """Run the pipeline on text already read (tests pass strings here)."""
    rules_path = rules_path or Path(source.path)
    parsed = parse(source)
    if parsed.tree is None:
        return Loaded(source.path, source, None, None, (), parsed.diagnostics)
    convention, diagnostics = lower(parsed.tree, source.path)
    text = None
    if convention is not None:
        text, text_diagnostics = load_convention_text(convention, rules_path)
        diagnostics += text_diagnostics
        diagnostics += resolve(convention, text)
    diagnostics.sort(key=Diagnostic.sort_key)
    return Loaded(source.path, source, convention, text, parsed.comments, tuple(diagnostics))


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
