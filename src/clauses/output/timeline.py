"""The timeline of a convention as SVG: its term and renewals, each obligation's windows, the logged
events and the breaches, on one time axis (for the HTML dossier).

One lane per clause that gave dated findings, in the order of its first date; a
window (``window_start`` → ``due``) is a bar coloured by status; a breach is a
red cross on its due date; the logged events are ticks on the last lane; the
date of the check is a dashed line. Every mark has a ``<title>`` (shown on hover,
read by screen readers); every string is escaped (markupsafe).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import escape

from clauses.findings import Finding, Status
from clauses.i18n import localized, tr
from clauses.output.catalogue import format_date
from clauses.output.report import when

#: fill colours by status (WCAG AA against the white background for the marks that carry meaning)
STATUS_COLOURS = {
    Status.BREACH: "#b42318", Status.UPCOMING: "#b54708", Status.PENDING: "#175cd3",
    Status.FULFILLED: "#067647", Status.DISCHARGED: "#667085",
}

LANE = 22
LABEL = 190
WIDTH = 1000


@dataclass(frozen=True)
class Span:
    """The convention's term on the axis: start, scheduled end, renewal dates."""

    start: dt.date | None
    end: dt.date | None
    renewals: tuple[dt.date, ...] = ()


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    total = max((last - first).days, 1)
    return LABEL + (WIDTH - LABEL - 10) * (day - first).days / total


def _title(text: str) -> str:
    return f"<title>{escape(text)}</title>"


def render(findings: list[Finding], span: Span, as_of: dt.date, event_dates: list[tuple[dt.date, str]],
           lang: str = "en") -> str:
    """The SVG (an ``<svg>`` element with ``role="img"``, a title and a description)."""
    dated = [f for f in findings if when(f)]
    days = [d for f in dated for d in (f.window_start, when(f)) if d] + [d for d, _ in event_dates] + [as_of]
    days += [d for d in (span.start, span.end) if d] + list(span.renewals)
    first, last = min(days), max(days)
    first = dt.date(first.year, 1, 1)
    last = dt.date(last.year + 1, 1, 1)
    clauses: list[str] = []
    for f in sorted(dated, key=lambda f: (f.window_start or when(f), f.clause)):
        if f.clause not in clauses and f.clause != "term":
            clauses.append(f.clause)
    height = 40 + LANE * (len(clauses) + 2) + 30
    L = lambda m: localized(m, lang)  # noqa: E731
    title = L(tr("Timeline of the convention"))
    desc = L(tr("Term, renewals, obligation windows, logged events and breaches, from {first} to {last}.",
                first=first, last=last))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
           f'aria-labelledby="tl-title tl-desc" class="timeline" font-family="system-ui, sans-serif" font-size="11">',
           f'<title id="tl-title">{escape(title)}</title><desc id="tl-desc">{escape(desc)}</desc>',
           f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>']
    # the years
    for year in range(first.year, last.year + 1):
        x = _x(dt.date(year, 1, 1), first, last)
        out.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 20}" stroke="#eaecf0"/>')
        if x < WIDTH - 30:
            out.append(f'<text x="{x + 3:.1f}" y="14" fill="#344054">{year}</text>')
    # the term and its renewals
    y = 30
    out.append(f'<text x="4" y="{y + 14}" fill="#101828" font-weight="600">{escape(L(tr("term")))}</text>')
    if span.start and span.end:
        x1, x2 = _x(span.start, first, last), _x(span.end, first, last)
        label = L(tr("term: {start} to {end}", start=span.start, end=span.end))
        out.append(f'<rect x="{x1:.1f}" y="{y + 4}" width="{max(x2 - x1, 2):.1f}" height="12" rx="3" '
                   f'fill="#d0d5dd" stroke="#475467">{_title(label)}</rect>')
    for day in span.renewals:
        x = _x(day, first, last)
        label = L(tr("renewal on {date}", date=day))
        out.append(f'<path d="M{x:.1f},{y + 2} l6,8 l-6,8 l-6,-8 z" fill="#6941c6">{_title(label)}</path>')
    # one lane per clause
    for i, clause in enumerate(clauses):
        y = 30 + LANE * (i + 1)
        if i % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{LANE}" fill="#f9fafb"/>')
        out.append(f'<text x="4" y="{y + 15}" fill="#101828">{escape(clause[:28])}</text>')
        for f in (f for f in dated if f.clause == clause):
            colour = STATUS_COLOURS[f.status]
            x2 = _x(when(f), first, last)  # type: ignore[arg-type]
            x1 = _x(f.window_start, first, last) if f.window_start else x2 - 3
            label = f"{f.clause} (art. {f.article}) — {format_date(when(f), lang, 'long')}: {L(f.message)}"  # type: ignore[arg-type]
            out.append(f'<rect x="{x1:.1f}" y="{y + 6}" width="{max(x2 - x1, 3):.1f}" height="10" rx="2" '
                       f'fill="{colour}" fill-opacity="0.35" stroke="{colour}">{_title(label)}</rect>')
            if f.status is Status.BREACH:
                out.append(f'<path d="M{x2 - 5:.1f},{y + 4} l10,14 M{x2 + 5:.1f},{y + 4} l-10,14" '
                           f'stroke="{colour}" stroke-width="2.5" class="breach">{_title(label)}</path>')
    # the logged events
    y = 30 + LANE * (len(clauses) + 1)
    out.append(f'<text x="4" y="{y + 15}" fill="#101828" font-weight="600">'
               f'{escape(L(tr("logged events")))}</text>')
    for day, name in event_dates:
        x = _x(day, first, last)
        out.append(f'<line x1="{x:.1f}" y1="{y + 4}" x2="{x:.1f}" y2="{y + 18}" stroke="#344054" stroke-width="1.5">'
                   f'{_title(format_date(day, lang, "long") + " — " + name)}</line>')
    # the date of the check
    x = _x(as_of, first, last)
    out.append(f'<line x1="{x:.1f}" y1="20" x2="{x:.1f}" y2="{height - 20}" stroke="#101828" '
               f'stroke-dasharray="4 3"/>')
    out.append(f'<text x="{x + 3:.1f}" y="{height - 8}" fill="#101828">'
               f'{escape(L(tr("as of {date}", date=as_of)))}</text>')
    out.append("</svg>")
    return "\n".join(out)
