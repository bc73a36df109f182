"""The report of ``clauses check`` for a terminal, rendered with rich.

Colour and layout on a TTY, plain text when piped (rich decides, or the caller
forces it); every line wrapped to the width, continuation lines indented under
their message. The layout answers a reader's questions in order:

1. which convention, as of when, from which files;
2. what is due next (the nearest due dates of upcoming and pending duties);
3. the findings grouped by status (breaches first), then by clause — one
   heading per clause with its article and subtotal, so that the clause is named
   once and a large log reads as a list of clauses, not of 1,000 lines;
4. with ``explain``, each finding's derivation and the events that counted, as
   an indented tree;
5. the totals.

Everything from a user's file is passed through :func:`clauses.output.escape.terminal`
and given to rich as :class:`rich.text.Text` (never as markup), so that no control
sequence and no ``[markup]`` in a rules file or a log reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from itertools import groupby

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from clauses.codes import Severity
from clauses.diagnostics import SEVERITY_WORDS
from clauses.findings import Finding, Status
from clauses.i18n import localized, tr
from clauses.output.catalogue import format_date
from clauses.output.counts import findings_count
from clauses.output.escape import terminal
from clauses.output.rows import INDENT, FindingRows, grid
from clauses.gcpause import paused
from clauses.output.report import (COUNTED, NOT_COUNTED, CheckReport, clause_label, grouped, listed,
                                   header_lines, heading_parts, said, size, sorted_diagnostics, summary,
                                   summary_line, weights, when, window_text)

#: a clause block's indentation under its status heading
BLOCK = 2

#: how many due dates "Next due" lists
NEXT_DUE = 5

STYLES = {
    Status.BREACH: "bold red",
    Status.UPCOMING: "bold yellow",
    Status.PENDING: "bold cyan",
    Status.FULFILLED: "bold green",
    Status.DISCHARGED: "dim",
}


def _t(text: object, style: str = "") -> Text:
    """Escaped user text as a rich Text (no markup is interpreted)."""
    return Text(terminal(str(text)), style=style)


def _day(day: dt.date | None, lang: str) -> str:
    if day is None:
        return "\u2014"
    return format_date(day, lang, "short") if lang != "en" else day.isoformat()


def _clause_title(f: Finding, lang: str) -> str:
    return localized(tr("{clause} · art. {article}", clause=clause_label(f.clause, f.kind, lang), article=f.article),
                     lang)


def _next_due(report: CheckReport, lang: str) -> RenderableType | None:
    due = sorted((f for f in report.findings if f.status in (Status.UPCOMING, Status.PENDING) and f.due),
                 key=lambda f: (f.due, f.clause, f.parties))[:NEXT_DUE]
    if not due:
        return None
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1, overflow="fold")
    for f in due:
        table.add_row(_t(_day(f.due, lang), STYLES[f.status]), _t(_clause_title(f, lang), "bold"),
                      _t(", ".join(f.parties) or "\u2014"))
    title = Text(localized(tr("Next due"), lang), style="bold underline")
    return Group(title, Padding(table, (0, 0, 0, 2)))


def _event_line(note, lang: str) -> Text:
    mark = localized(COUNTED if note.counted else NOT_COUNTED, lang).strip()
    line = Text(mark, style="green" if note.counted else "red")
    line.append(terminal(f"  {_day(note.date, lang)}  {note.name} ({note.ref})"))
    if note.reason:
        line.append(terminal(said(note.reason, lang)))
    return line


def _explain_tree(f: Finding, lang: str) -> Tree:
    """The derivation of the finding's date, then the events considered, as a tree."""
    window = window_text(f)
    steps = ([localized(window, lang)] if window else []) + [localized(line, lang) for line in f.explanation]
    events_label = Text(localized(tr("events considered"), lang), style="dim")
    if steps:
        tree = Tree(Text(localized(tr("how the date was computed"), lang), style="dim"), guide_style="dim")
        for step in steps:
            tree.add(_t(step))
        events = tree.add(events_label) if f.events else None
    else:
        tree = events = Tree(events_label, guide_style="dim")
    for note in f.events:
        events.add(_event_line(note, lang))  # type: ignore[union-attr]
    return tree


def _diagnostic(d, lang: str) -> RenderableType:
    """A diagnostic of the log or a reading: its first line, then its notes and hint indented."""
    head = Text(terminal(f"{d.span}: " if d.span else ""), style="dim")
    head.append(f"{localized(SEVERITY_WORDS[d.severity], lang)}[{d.code}]", style="bold magenta"
                if d.severity is Severity.ERROR else "bold")
    head.append(terminal(f": {localized(d.message, lang)}"))
    rest = [Padding(_t(localized(tr("  = note: {note}", note=n), lang).strip()), (0, 0, 0, 4)) for n in d.notes]
    if d.hint:
        rest.append(Padding(_t(localized(tr("  = hint: {hint}", hint=d.hint), lang).strip()), (0, 0, 0, 4)))
    return Padding(Group(head, *rest), (0, 0, 0, 2))


def _clause_block(findings: list[Finding], status: Status, listed: bool, explain: bool,
                  lang: str, count: int) -> RenderableType:
    """A clause's findings of one status (``count`` of them), indented by :data:`BLOCK` under the status heading."""
    first = findings[0]
    head = Text("\u25b8 ", style=STYLES[status])
    head.append(terminal(_clause_title(first, lang)), style="bold")
    head.append(f"  ({count})", style="dim")
    if not listed:
        return Padding(head, (0, 0, 0, BLOCK))
    date_style = STYLES[status] if status is Status.BREACH else ""
    cells = [(_t(_day(when(f), lang)), _t(localized(f.message, lang))) for f in findings]
    if not explain:   # the rows indent themselves: the same lines as inside the block's Padding, made once
        return Group(Padding(head, (0, 0, 0, BLOCK)), FindingRows(cells, date_style, BLOCK + INDENT))
    rows: list[RenderableType] = [head]
    for f, (date, message) in zip(findings, cells):
        rows.append(grid(date, message, date_style))
        rows.append(Padding(_explain_tree(f, lang), (0, 0, 0, 4)))
    return Padding(Group(*rows), (0, 0, 0, BLOCK))


def _indented(message, lang: str) -> RenderableType:
    """A message whose template starts with two spaces, wrapped under its indentation."""
    return Padding(Text(localized(message, lang).strip(), style="dim"), (0, 0, 0, 2))


def renderables(report: CheckReport, *, explain: bool = False, lang: str = "en") -> list[RenderableType]:
    """The report as rich renderables, in reading order."""
    out: list[RenderableType] = []
    title, *rest = header_lines(report, lang)
    out.append(Text(title, style="bold"))
    out += [Text(line, style="dim") for line in rest[:-1]]
    label, _, value = rest[-1].partition(" ")   # "Log:   path (…)": the value wraps under itself
    log = Table.grid(padding=(0, 1))
    log.add_column(no_wrap=True)
    log.add_column(ratio=1, overflow="fold")
    log.add_row(Text(label, style="dim"), Text(value.strip(), style="dim"))
    out.append(log)

    diagnostics = sorted_diagnostics(report)
    problems = [d for d in diagnostics if d.severity is not Severity.INFO]
    readings = [d for d in diagnostics if d.severity is Severity.INFO]
    if problems:
        out += [Text(""), Text(localized(tr("Problems in the event log ({n})", n=len(problems)), lang),
                               style="bold magenta")]
        out += [_diagnostic(d, lang) for d in problems]
    if readings:
        out += [Text(""), Text(localized(tr("Readings used ({n})", n=len(readings)), lang), style="bold")]
        if explain:
            out += [_diagnostic(d, lang) for d in readings]
        else:
            out.append(_indented(tr("  Readings recorded by the rule authors were applied (--explain lists them)."),
                                 lang))

    upcoming = _next_due(report, lang)
    if upcoming is not None:
        out += [Text(""), upcoming]

    if not report.findings and not report.counted:
        out += [Text(""), Text(localized(tr("Nothing to report: no clause gave a finding for this log and date."),
                                         lang))]
    sizes = summary(report, by_member=True)
    stands_for = weights(report)   # a counted clause's first finding: how many it stands for
    for status, findings in grouped(report, explain).items():
        if not findings:
            continue
        count = sizes[status]
        name, meaning = heading_parts(status, report)
        heading = Text(f"{localized(name, lang)} ({count})", style=STYLES[status])
        heading.append(f" \u2014 {localized(meaning, lang)}", style="")
        out += [Text(""), heading]
        shown = listed(status, count, explain)
        # clauses in the order of their most urgent finding (breaches: oldest first; others: nearest due first)
        by_clause = [list(g) for _, g in groupby(sorted(findings, key=lambda f: f.clause), key=lambda f: f.clause)]
        by_clause.sort(key=lambda fs: (min((when(f) for f in fs if when(f)), default=dt.date.max), fs[0].clause))
        for fs in by_clause:
            out.append(_clause_block(fs, status, shown, explain, lang, size(fs, stands_for)))
        if not shown:
            out.append(_indented(tr("  {findings} not listed (--explain lists them).",
                                    findings=findings_count(count)), lang))
    out += [Text(""), Text(summary_line(report, lang), style="bold")]
    return out


def console(width: int | None = None, color: bool | None = None, file=None) -> Console:
    """A console for the report: ``color`` None lets rich decide (colour on a TTY only)."""
    return Console(file=file, width=width, force_terminal=color, no_color=color is False, highlight=False,
                   markup=False, emoji=False, soft_wrap=False, color_system="standard" if color else "auto")


@paused()
def render_terminal(report: CheckReport, *, explain: bool = False, lang: str = "en", width: int = 80,
                    color: bool = False) -> str:
    """The report as text, at ``width`` columns (ANSI colours only when ``color``)."""
    buffer = io.StringIO()
    target = console(width, color, buffer)
    for item in renderables(report, explain=explain, lang=lang):
        target.print(item)
    text = buffer.getvalue()
    buffer.close()   # a long log's report: its text held once or twice at a time, never three or four times
    lines = [line.rstrip() for line in text.splitlines()]
    del text
    lines.append("")
    return "\n".join(lines)


def render_for_stdout(report: CheckReport, *, explain: bool = False, lang: str = "en") -> str:
    """The report for standard output: colour and the terminal's width on a TTY, plain text at ``COLUMNS``
    (80 by default) when piped."""
    out = console()
    return render_terminal(report, explain=explain, lang=lang, width=out.width, color=out.is_terminal)


def print_report(report: CheckReport, *, explain: bool = False, lang: str = "en") -> None:
    """Print to standard output: colour and the terminal's width on a TTY, plain text at 80 columns when piped."""
    out = console()
    if out.is_terminal:
        for item in renderables(report, explain=explain, lang=lang):
            out.print(item)
    else:  # piped: plain text, without the padding rich adds to fill the width
        out.file.write(render_terminal(report, explain=explain, lang=lang, width=out.width))


def export_svg(report: CheckReport, *, explain: bool = False, lang: str = "en", width: int = 100,
               title: str = "clauses check") -> str:
    """The coloured report as an SVG image (for documentation screenshots)."""
    target = Console(record=True, width=width, force_terminal=True, color_system="truecolor", file=io.StringIO(),
                     highlight=False, markup=False, emoji=False)
    for item in renderables(report, explain=explain, lang=lang):
        target.print(item)
    svg = target.export_svg(title=title)
    # self-contained: rich's template loads a web font from a CDN; the system's monospace font is used instead
    svg = re.sub(r"@font-face\s*\{[^}]*\}", "", svg)
    return svg.replace('font-family: Fira Code, monospace', 'font-family: "DejaVu Sans Mono", monospace')
