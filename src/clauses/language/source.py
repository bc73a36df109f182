"""Source texts and spans: where every diagnostic points.

Spans are recorded from the start (line, column, end) because retrofitting
columns later is hard. Lines and columns count from 1; ``end_column`` is
exclusive, like Lark's ``meta.end_column``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

_LONE_CR = re.compile(r"\r(?!\n)")


def normalise_line_ends(text: str) -> str:
    """Old Mac line ends (a lone CR) read as line ends: without this a file saved with CR-only
    ends is one line, i.e. one comment after its first `#`. CRLF is left as it is."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file (1-based lines and columns, end exclusive)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def __reduce__(self):  # as a tuple: the slotted dataclass's own state methods cost 5 µs a span unpickled
        return (Span, (self.path, self.line, self.column, self.end_line, self.end_column))


@dataclass(frozen=True)
class SourceText:
    """The text of one input file, with line lookups for spans and excerpts."""

    path: str
    text: str

    @classmethod
    def read(cls, path: str | Path, display: str | None = None) -> "SourceText":
        """Read a UTF-8 file (a BOM is dropped); raises OSError/UnicodeDecodeError."""
        raw = Path(path).read_bytes()
        text = normalise_line_ends(raw.decode("utf-8-sig"))
        return cls(display or str(path), text)

    @cached_property
    def line_starts(self) -> tuple[int, ...]:
        starts = [0]
        find, at = self.text.find, self.text.find("\n")
        while at >= 0:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return tuple(starts)

    def line(self, number: int) -> str:
        """The text of line ``number`` (1-based) without its newline."""
        if number < 1 or number > len(self.line_starts):
            return ""
        start = self.line_starts[number - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end >= 0 else len(self.text)].rstrip("\r")

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        import bisect

        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """The span between two character offsets, trailing whitespace trimmed."""
        while end > start and self.text[end - 1] in " \t\r\n":
            end -= 1
        line, column = self.position(start)
        end_line, end_column = self.position(max(end, start))
        if end == start:
            end_column += 1
        return Span(self.path, line, column, end_line, end_column)

    def end_span(self) -> Span:
        """A one-character span just after the last non-blank character."""
        stripped = len(self.text.rstrip())
        line, column = self.position(stripped)
        return Span(self.path, line, column, line, column + 1)
