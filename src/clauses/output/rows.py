"""The finding rows of the terminal report: a date, then a message wrapped under itself.

Each row is what a two-column ``Table.grid(padding=(0, 2))`` draws inside a two-space
``Padding`` — a no-wrap date column, then a column that takes the rest of the width and folds
what does not fit — which is how :mod:`clauses.output.terminal` always laid them out. rich's table
machinery measures, lays out and crops every cell of every one-row table: about 0.3 ms a row,
60 % of the CPU of a ``clauses check`` that lists 28,000 findings of a 100,000-event register.

When the console writes no colour (piped output, a file, ``--format plain`` of the text renderer:
``console.color_system is None``, so that no style reaches the output), :class:`FindingRows` lays
the rows out itself: the date, two spaces, and the message wrapped by rich's own
:meth:`rich.text.Text.wrap` at the width the grid would give it (the console's width less the
indentation, the date and the gap). A terminal with colour, or a width too narrow for the grid's
simple case (where rich shrinks the date column too), gets rich's grid, as before.
``tests/test_terminal.py`` compares both layouts on random messages, dates and widths.
"""

from __future__ import annotations

from typing import Iterable

from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

#: the rows' indentation inside their clause block, and the gap between the date and the message
INDENT, GAP = 2, 2
#: below this many columns for the message, rich's grid (which then shrinks the date column as well)
NARROWEST = 4


def grid(date: Text, message: Text, date_style: str = "") -> Padding:
    """One row as rich lays it out: the reference layout."""
    table = Table.grid(padding=(0, GAP))
    table.add_column(no_wrap=True, style=date_style)
    table.add_column(ratio=1, overflow="fold")
    table.add_row(date, message)
    return Padding(table, (0, 0, 0, INDENT))


class FindingRows:
    """Rows of (date, message) laid out as :func:`grid` lays out each one."""

    def __init__(self, rows: Iterable[tuple[Text, Text]], date_style: str = "") -> None:
        self.rows = list(rows)
        self.date_style = date_style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        plain = console.color_system is None
        newline = Segment.line()
        for date, message in self.rows:
            left = date.cell_len + GAP
            room = width - INDENT - left
            if not plain or room < NARROWEST or "\n" in date.plain:
                yield grid(date, message, self.date_style)
                continue
            first = " " * INDENT + date.plain + " " * GAP
            under = " " * len(first)   # cell widths: a date is narrow text, its cells are its characters
            if len(first) != INDENT + left:   # a wide character in the date: rich's layout, not this one
                yield grid(date, message, self.date_style)
                continue
            for i, line in enumerate(message.wrap(console, room, justify="left", overflow="fold")):
                yield Segment(((first if i == 0 else under) + line.plain).rstrip())
                yield newline
