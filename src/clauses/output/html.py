"""The dossier: one self-contained HTML file a jurist can e-mail (``clauses report``).

A summary (counts, what is due next), the timeline of the convention
(:mod:`clauses.output.timeline`), every verdict with the article's text beside it,
the derivation of its date and the events that counted, the readings recorded by
the rule authors, the problems of the log, and the graph of parties and
obligations (:mod:`clauses.output.graphview`, through Graphviz when installed).

Self-contained: styles and the few lines of script are inline, the images are
inline SVG; nothing is fetched from the network. Printable (a print stylesheet
shows every verdict's details and hides the controls) and accessible (landmarks
and headings, a skip link, buttons for the verdicts, contrast ≥ 4.5:1, the
selected verdict announced by ``aria-live``). Every string from the rules, the
log or the convention text is escaped by jinja2's autoescaping.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from clauses.findings import Finding, Status
from clauses.i18n import localized, tr
from clauses.language import model as m
from clauses.output import graphview, timeline
from clauses.output.catalogue import format_date
from clauses.output.report import COUNTED, NOT_COUNTED, CheckReport, grouped, heading_parts, when, window_text
from clauses.term import first_end, renewal_dates
from clauses.timelimits import Calendar


@dataclass(frozen=True)
class Dossier:
    """What the dossier shows: the report, the convention, its text and the events of the log."""

    report: CheckReport
    convention: m.Convention
    text: Any | None                        # clauses.language.resolve.ConventionText
    event_dates: tuple[tuple[dt.date, str], ...] = ()


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("clauses.output", "templates"),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    return env


def _citations(conv: m.Convention, clause_id: str) -> tuple[m.Citation, ...]:
    if clause_id == "term":
        return conv.term.citations if conv.term else ()
    clause = conv.clause(clause_id)
    return getattr(clause, "citations", ()) if clause is not None else ()


def article_texts(conv: m.Convention, text: Any | None, clause_id: str) -> list[dict[str, str]]:
    """The articles a clause cites, with their text from the convention (when found)."""
    out = []
    for c in _citations(conv, clause_id):
        body, heading = "", f"Article {c.label}" if c.article else c.label
        if text is not None:
            try:
                hits = text.articles.cite(c.article, c.title, c.within)
            except ValueError:
                hits = []
            if hits:
                heading = hits[0].heading.strip()
                try:
                    body = text.articles.body(hits[0], text.text)
                except ValueError:
                    body = ""
        out.append({"number": c.label, "heading": heading, "body": body})
    return out


def _span(conv: m.Convention, until: dt.date) -> timeline.Span:
    term = conv.term
    start = None
    if term is not None and term.start is not None and getattr(term.start, "date", None):
        start = term.start.date
    elif conv.signature is not None:
        start = conv.signature.date
    calendar = Calendar.for_region(conv.holidays)
    end = first_end(term, start, calendar)
    renewals: tuple[dt.date, ...] = ()
    if term is not None and start is not None and end is not None:
        dates, _ = renewal_dates(term, start, end, calendar, until=until, limit=50)
        renewals = tuple(d for d in dates if d <= until)
    return timeline.Span(start, end, renewals)


def _verdict(i: int, f: Finding, d: Dossier, lang: str) -> dict[str, Any]:
    L = lambda msg: localized(msg, lang)  # noqa: E731
    window = window_text(f)
    return {
        "id": f"v{i}",
        "status": f.status.value,
        "status_label": L(heading_parts(f.status, d.report)[0]),
        "due": format_date(when(f), lang, "long") if when(f) else "—",
        "due_iso": f.due.isoformat() if f.due else "",
        "clause": f.clause,
        "kind": f.kind,
        "article": f.article,
        "parties": ", ".join(f.parties) or "—",
        "message": L(f.message),
        "derivation": ([L(window)] if window else []) + [L(line) for line in f.explanation],
        "events": [{"counted": e.counted, "mark": L(COUNTED if e.counted else NOT_COUNTED).strip(),
                    "date": format_date(e.date, lang, "long"), "name": e.name, "ref": e.ref,
                    "reason": L(e.reason)} for e in f.events],
        "articles": article_texts(d.convention, d.text, f.clause),
    }


def _readings(conv: m.Convention) -> list[dict[str, str]]:
    out = []
    nodes = ([conv.term] if conv.term else []) + list(conv.clauses)
    for node in nodes:
        for r in getattr(node, "readings", ()):
            arts = ", ".join(c.label for c in getattr(node, "citations", ()))
            out.append({"clause": getattr(node, "id", "term"), "article": arts, "text": r.text,
                        "reason": r.reason})
    return out


def graph_svg(conv: m.Convention, lang: str) -> tuple[Markup | None, str]:
    """The graph as inline SVG, or None and the reason (Graphviz missing)."""
    from clauses.graph import build_graph

    try:
        svg = graphview.to_svg(graphview.to_dot(build_graph(conv), lang=lang))
    except (graphview.GraphvizMissing, RuntimeError, OSError) as err:
        return None, str(err)
    return Markup(svg), ""  # noqa: S704 - Graphviz's SVG of labels escaped for DOT; XML-escaped by Graphviz


def render(d: Dossier, lang: str = "en", generated: dt.date | None = None) -> str:
    """The dossier as one HTML document."""
    L = lambda msg: localized(msg, lang)  # noqa: E731
    report = d.report
    groups = grouped(report)
    findings = [f for fs in groups.values() for f in fs]
    verdicts = [_verdict(i, f, d, lang) for i, f in enumerate(findings, start=1)]
    summary = [{"status": s.value, "label": L(heading_parts(s, report)[0]), "meaning": L(heading_parts(s, report)[1]),
                "count": len(fs)} for s, fs in groups.items()]
    upcoming = sorted((v for v, f in zip(verdicts, findings) if f.status in (Status.UPCOMING, Status.PENDING)
                       and f.due), key=lambda v: v["due_iso"])[:5]
    svg, why = graph_svg(d.convention, lang)
    span = _span(d.convention, max(report.as_of, dt.date.fromordinal(report.as_of.toordinal() + report.horizon_days)))
    problems = [{"code": x.code, "severity": x.severity.value, "where": str(x.span) if x.span else "",
                 "message": L(x.message)} for x in report.diagnostics if x.severity.value != "info"]
    words = {key: L(value) for key, value in WORDS.items()}
    return _environment().get_template("dossier.html.j2").render(
        lang=lang, w=words, title=report.convention_title, report=report,
        as_of=format_date(report.as_of, lang, "long"), summary=summary, upcoming=upcoming, verdicts=verdicts,
        timeline=Markup(timeline.render(findings, span, report.as_of, list(d.event_dates), lang)),  # noqa: S704
        readings=_readings(d.convention), graph=svg, graph_missing=why, problems=problems,
        legend=graphview.legend(lang), colours=timeline.STATUS_COLOURS,
        generated=format_date(generated, lang, "long") if generated else "")


#: the words of the page (translated through the catalogue like every message)
WORDS = {
    "dossier": tr("Compliance dossier"),
    "skip": tr("Skip to the verdicts"),
    "summary": tr("Summary"),
    "as_of": tr("As of"),
    "horizon": tr("Horizon"),
    "days": tr("days"),
    "rules": tr("Rules"),
    "log": tr("Event log"),
    "events_read": tr("events read"),
    "next_due": tr("Next due"),
    "nothing_due": tr("Nothing due within the horizon."),
    "timeline": tr("Timeline"),
    "timeline_help": tr("Bars: the window of each obligation, coloured by status; crosses: breaches; diamonds: "
                        "renewals; ticks: logged events; dashed line: the date of the check."),
    "verdicts": tr("Verdicts"),
    "verdicts_help": tr("Select a verdict to read the article it comes from, how its date was computed and the "
                        "events that counted."),
    "status": tr("Status"),
    "due": tr("Due"),
    "clause": tr("Clause"),
    "article": tr("Article"),
    "parties": tr("Parties"),
    "message": tr("Finding"),
    "show": tr("Show the article"),
    "article_text": tr("The article"),
    "article_missing": tr("The text of this article was not found in the convention text."),
    "derivation": tr("How the date was computed"),
    "events": tr("Events considered"),
    "no_events": tr("No logged event was considered."),
    "select": tr("Select a verdict in the table to see its article here."),
    "readings": tr("Readings chosen by the rule authors"),
    "no_readings": tr("No reading was recorded."),
    "because": tr("because"),
    "problems": tr("Problems in the event log"),
    "graph": tr("Parties and obligations"),
    "graph_help": tr("Parties and events on the left, obligations coloured by kind in the middle, the articles "
                     "they cite on the right."),
    "legend": tr("Legend"),
    "generated": tr("Generated by clauses on"),
}


def dossier_of(outcome: Any) -> Dossier:
    """The dossier of one checked entry of :mod:`clauses.portfolio`: its report, its convention and text (loaded
    again: the outcome drops the text), and the dates of its logged events up to the date of the check."""
    from clauses.events import read_events, register_settings
    from clauses.language.load import load

    loaded = load(outcome.entry.rules)
    conv = loaded.convention if loaded.convention is not None else outcome.loaded.convention
    entry = outcome.entry
    settings = register_settings(conv, entry.mapping, entry.config, entry.dates)
    dates: list[tuple[dt.date, str]] = []
    for path in entry.logs:
        events, _ = read_events(path, settings)
        dates += [(e.date, e.event) for e in events if e.date <= outcome.report.as_of]
    return Dossier(outcome.report, conv, loaded.text, tuple(sorted(dates)))


def render_outcomes(outcomes: list[Any], languages: list[str], generated: dt.date | None = None) -> str:
    """The dossier of the checked entries: one page for one convention; for a portfolio, the pages one after
    the other in one file (each a full dossier)."""
    generated = generated or dt.date.today()
    pages = [render(dossier_of(o), lang, generated) for o, lang in zip(outcomes, languages)]
    if len(pages) <= 1:
        return pages[0] if pages else ""
    bodies = [p[p.index("<body>") + 6:p.rindex("</body>")] for p in pages]
    head = pages[0][:pages[0].index("<body>") + 6]
    return head + '\n<hr style="page-break-after: always">\n'.join(bodies) + "</body>\n</html>\n"
