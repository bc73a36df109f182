"""The finding rows of the terminal report: a date, then a message wrapped under itself.

Each row is what a two-column ``Table.grid(padding=(0, 2))`` draws inside a two-space
``Padding`` — a no-wrap date column, then a column that takes the rest of the width and folds
what does not fit — which is how :mod:`clauses.output.terminal` always laid them out. rich's table
machinery measures, lays out and crops every cell of every one-row table: about 0.3 ms a row,
60 % of the CPU of a ``clauses check`` that lists 28,000 findings of a 100,000-event register. A
message of one-cell characters only is then wrapped here too (:func:`_one_cell_lines`), rich's
``Text.wrap`` only for the others (1.3 → 0.75 s for those 28,000 lines).

:class:`FindingRows` lays the rows out itself: the date, two spaces, and the message wrapped by
rich's own :meth:`rich.text.Text.wrap` at the width the grid would give it (the console's width less
the indentation, the date and the gap), the date column's style on the date and the gap as a grid
gives it. Where that simple case does not hold — a width too narrow (rich then shrinks the date
column too), a date with wide characters, a message with styles of its own — the row is rich's grid,
as before. ``tests/test_terminal.py`` compares both layouts, plain and in colour, on random
messages, dates and widths.
"""

from __future__ import annotations

import re
from typing import Iterable

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

#: the rows' indentation inside their clause block, and the gap between the date and the message
INDENT, GAP = 2, 2
#: below this many columns for the message, rich's grid (which then shrinks the date column as well)
NARROWEST = 4


def grid(date: Text, message: Text, date_style: str = "", indent: int = INDENT) -> Padding:
    """One row as rich lays it out: the reference layout."""
    table = Table.grid(padding=(0, GAP))
    table.add_column(no_wrap=True, style=date_style)
    table.add_column(ratio=1, overflow="fold")
    table.add_row(date, message)
    return Padding(table, (0, 0, 0, indent))


class FindingRows:
    """Rows of (date, message) laid out as :func:`grid` lays out each one; ``indent``: their left margin,
    the clause block's own included (the rows are then not inside a ``Padding``, whose rendering walked
    every segment of every row again: about 15 % of the report's rendering of a long log)."""

    def __init__(self, rows: Iterable[tuple[Text, Text]], date_style: str = "", indent: int = INDENT) -> None:
        self.rows = list(rows)
        self.date_style = date_style
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, margin = options.max_width, self.indent
        plain = console.color_system is None
        style = console.get_style(self.date_style) if self.date_style else None
        newline = Segment.line()
        for date, message in self.rows:
            left = date.cell_len + GAP
            room = width - margin - left
            if room < NARROWEST or "\n" in date.plain or len(date.plain) + GAP != left or not (
                    plain or _unstyled(date) and _unstyled(message)):
                yield grid(date, message, self.date_style, margin)   # rich's layout: a wide date, a narrow width, styles
                continue
            lines = _one_cell_lines(message.plain, room)
            if lines is None:
                lines = [line.plain for line in message.wrap(console, room, justify="left", overflow="fold")]
            if plain:   # no style reaches the output: the text alone, as the report keeps it (right-stripped)
                first, under = " " * margin + date.plain + " " * GAP, " " * (margin + left)
                for i, line in enumerate(lines):
                    yield Segment(((first if i == 0 else under) + line).rstrip())
                    yield newline
                continue
            indent, gap, under = Segment(" " * margin), Segment(" " * GAP, style), Segment(" " * left, style)
            for i, line in enumerate(lines):   # a grid's cells: the date column's style on the date and the gap
                yield indent
                if i == 0:
                    yield Segment(date.plain, style)
                    yield gap
                else:
                    yield under
                yield Segment(line + " " * (room - cell_len(line)))
                yield newline


#: characters one terminal cell wide (printable ASCII, Latin-1 but the soft hyphen, Latin Extended-A: French
#: text, ``«»``, ``·``): a text of these alone is wrapped by :func:`_one_cell_lines`
ONE_CELL = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0xAD), *range(0xAE, 0x180)]))
_WORD = re.compile(r"\s*\S+\s*")       # a word as rich's wrapping reads one: leading blanks, the word, its blanks
_TRAILING = re.compile(r"\s+$")


def _one_cell_lines(text: str, width: int) -> list[str] | None:
    """The lines ``Text(text).wrap(console, width, justify="left", overflow="fold")`` gives, for a text of one
    line whose every character is one cell wide (else None: rich wraps it): rich's own steps -- break before a
    word that does not fit, fold a word longer than the width, drop the blanks past the width, crop -- with
    the length of a string for its width in cells, and no ``Text`` object per line (half of the rendering of a
    long report). ``tests/test_terminal.py`` compares both on random texts and widths."""
    if "\n" in text or not ONE_CELL.issuperset(text):
        return None
    breaks: list[int] = []
    offset = 0
    for word in _WORD.finditer(text):
        start, chars = word.start(), word.group()
        length = len(chars.rstrip())
        if width - offset >= length:
            offset += len(chars)
        elif length > width:              # folded over as many lines as it takes
            chunks = [chars[i:i + width] for i in range(0, len(chars), width)]
            for i, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if i == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(chars)
    lines = []
    for begin, end in zip([0, *breaks], [*breaks, len(text)]):
        line = text[begin:end]
        if len(line) > width:             # Text.rstrip_end, then the crop of a left-justified line
            blanks = _TRAILING.search(line)
            if blanks is not None:
                line = line[:len(line) - min(len(blanks.group()), len(line) - width)]
            line = line[:width]
        lines.append(line)
    return lines


def _unstyled(text: Text) -> bool:
    return not text.style and not text.spans
