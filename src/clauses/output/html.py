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
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from clauses.findings import Finding, Status
from clauses.i18n import localized, tr
from clauses.language import model as m
from clauses.output import graphview, timeline
from clauses.output.catalogue import format_date
from clauses.output.report import (COUNTED, NOT_COUNTED, CheckReport, clause_label, grouped, heading_parts, said,
                                   when, window_text)
from clauses.output.counts import convention_totals
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
        "clause": clause_label(f.clause, f.kind, lang),
        "kind": f.kind,
        "article": f.article,
        "parties": ", ".join(f.parties) or "—",
        "message": L(f.message),
        "derivation": ([L(window)] if window else []) + [L(line) for line in f.explanation],
        "events": [{"counted": e.counted, "mark": L(COUNTED if e.counted else NOT_COUNTED).strip(),
                    "date": format_date(e.date, lang, "long"), "name": e.name, "ref": e.ref,
                    "said": said(e.reason, lang)} for e in f.events],
        "articles": article_texts(d.convention, d.text, f.clause),
    }


def _readings(conv: m.Convention, lang: str) -> list[dict[str, str]]:
    out = []
    nodes = ([conv.term] if conv.term else []) + list(conv.clauses)
    for node in nodes:
        for r in getattr(node, "readings", ()):
            arts = ", ".join(c.label for c in getattr(node, "citations", ()))
            out.append({"clause": clause_label(getattr(node, "id", "term"), "term" if node is conv.term else "", lang),
                        "article": arts, "said": said(r.text, lang), "reason": r.reason})
    return out


def graph_svg(conv: m.Convention, lang: str) -> tuple[Markup | None, str]:
    """The graph as inline SVG, or None and the reason (Graphviz missing)."""
    from clauses.graph import build_graph

    try:
        svg = graphview.to_svg(graphview.to_dot(build_graph(conv), lang=lang))
    except (graphview.GraphvizMissing, RuntimeError, OSError) as err:
        return None, str(err)
    return Markup(svg), ""  # noqa: S704 - Graphviz's SVG of labels escaped for DOT; XML-escaped by Graphviz


_SVG_ID = re.compile(r'\sid="([^"]+)"')


def prefix_ids(svg: str, prefix: str) -> str:
    """``svg`` with every id it defines prefixed (and the references to them), so that several inline
    SVGs (a portfolio's timelines and graphs) never share an id in one page."""
    if not prefix:
        return svg
    ids = set(_SVG_ID.findall(svg))
    if not ids:
        return svg

    def ref(match: re.Match) -> str:
        return match.group(1) + prefix + match.group(2) if match.group(2) in ids else match.group(0)

    svg = re.sub(r'(\sid="|#)([^"\s)]+)', ref, svg)
    return re.sub(r'(aria-(?:labelledby|describedby)=")([^"]*)"',
                  lambda m: m.group(1) + " ".join(prefix + t if t in ids else t for t in m.group(2).split()) + '"',
                  svg)


def _path_hiding(report: CheckReport | None, diagnostics: Any = ()):
    """The function that shows, in a text of the dossier, the files it names as :mod:`clauses.output.paths`
    says (the rules file, the logs, the files of the diagnostics): no sender's folder in a forwarded file."""
    from clauses.output.paths import hiding

    named = [str(report.rules_path), *str(report.log_path).split(", ")] if report is not None else []
    return hiding([*named, *(x.span.path for x in diagnostics if x.span)])


def context(d: Dossier, lang: str = "en", prefix: str = "") -> dict[str, Any]:
    """What the templates show of one convention (``_convention.html.j2``); ``prefix`` is put before the ids
    of its inline SVGs (a portfolio's page holds several)."""
    report = d.report
    hide = _path_hiding(report, report.diagnostics)
    L = lambda msg: hide(localized(msg, lang))  # noqa: E731
    groups = grouped(report)
    findings = [f for fs in groups.values() for f in fs]
    verdicts = [_verdict(i, f, d, lang) for i, f in enumerate(findings, start=1)]
    summary = [{"status": s.value, "label": L(heading_parts(s, report)[0]), "meaning": L(heading_parts(s, report)[1]),
                "count": len(fs)} for s, fs in groups.items()]
    upcoming = sorted((v for v, f in zip(verdicts, findings) if f.status in (Status.UPCOMING, Status.PENDING)
                       and f.due), key=lambda v: v["due_iso"])[:5]
    svg, why = graph_svg(d.convention, lang)
    span = _span(d.convention, max(report.as_of, dt.date.fromordinal(report.as_of.toordinal() + report.horizon_days)))
    problems = [{"code": x.code, "severity": x.severity.value, "where": hide(str(x.span)) if x.span else "",
                 "message": L(x.message)} for x in report.diagnostics if x.severity.value != "info"]
    return dict(
        lang=lang, w={key: L(value) for key, value in WORDS.items()}, title=report.convention_title, report=report,
        rules_path=hide(str(report.rules_path)), log_path=hide(str(report.log_path)),
        as_of=format_date(report.as_of, lang, "long"), summary=summary, upcoming=upcoming, verdicts=verdicts,
        counts={s.value: len(fs) for s, fs in groups.items()},
        timeline=Markup(prefix_ids(timeline.render(findings, span, report.as_of, list(d.event_dates), lang),  # noqa: S704
                                   prefix)),
        readings=_readings(d.convention, lang), graph=Markup(prefix_ids(svg, prefix)) if svg else svg,  # noqa: S704
        graph_missing=why, problems=problems,
        legend=graphview.legend(lang), colours=timeline.STATUS_COLOURS)


def render(d: Dossier, lang: str = "en", generated: dt.date | None = None) -> str:
    """The dossier of one convention as one HTML document."""
    return _environment().get_template("dossier.html.j2").render(
        lang=lang, c=context(d, lang), generated=format_date(generated, lang, "long") if generated else "")


def render_portfolio(entries: list[tuple[str, Dossier | None, str, Any]], lang: str,
                     generated: dt.date | None = None) -> str:
    """The dossier of a portfolio as one HTML document: a summary table (per convention: its breaches,
    upcoming and pending duties, next due dates, a link to its section), then each convention's section
    (its own summary, timeline, verdicts, readings and graph, in its own language).

    ``entries``: ``(name, dossier or None when its rules or log could not be used, language, errors)``."""
    L = lambda msg: localized(msg, lang)  # noqa: E731
    rows, conventions, errors = [], [], []
    breaches = upcoming = 0
    for index, (name, dossier, conv_lang, problems) in enumerate(entries, start=1):
        anchor = f"c{index}"
        if dossier is None:
            text = L(tr("not checked: the rules or the log have errors"))
            rows.append({"id": anchor, "name": name, "checked": False, "error": text})
            hide = _path_hiding(None, problems)
            errors.append({"id": anchor, "name": name, "error": text, "problems": [
                {"code": x.code, "where": hide(str(x.span)) if x.span else "", "message": hide(L(x.message))}
                for x in problems]})
            continue
        c = context(dossier, conv_lang, prefix=f"{anchor}-")
        c.update(id=anchor, name=name)
        conventions.append(c)
        counts = c["counts"]
        breaches += counts.get("breach", 0)
        upcoming += counts.get("upcoming", 0)
        rows.append({"id": anchor, "name": name, "checked": True, "breaches": counts.get("breach", 0),
                     "upcoming": counts.get("upcoming", 0), "pending": counts.get("pending", 0),
                     "next": c["upcoming"][:2], "as_of": format_date(dossier.report.as_of, lang, "long")})
    totals = L(convention_totals(len(entries), breaches, upcoming))
    words = {key: L(value) for key, value in {**WORDS, **PORTFOLIO_WORDS}.items()}
    return _environment().get_template("portfolio.html.j2").render(
        lang=lang, w=words, rows=rows, conventions=conventions, errors=errors, totals=totals,
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


#: the words of the portfolio's page
PORTFOLIO_WORDS = {
    "portfolio": tr("Portfolio dossier"),
    "conventions": tr("conventions"),
    "skip_portfolio": tr("Skip to the summary of the conventions"),
    "portfolio_help": tr("One row per convention: select its name to read its dossier below."),
    "convention": tr("Convention"),
    "breaches": tr("Breaches"),
    "upcoming": tr("Upcoming"),
    "pending": tr("Pending"),
    "back": tr("Back to the summary of the conventions"),
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


def generated_on(environ: Mapping[str, str] | None = None) -> dt.date:
    """The date a dossier says it was made: today, or — for reproducible dossiers (a CI job that
    compares them, an archive) — the UTC date of ``SOURCE_DATE_EPOCH`` (seconds since 1970, the
    reproducible-builds convention) when it is set to a whole number."""
    value = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        try:
            return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            pass
    return dt.date.today()


def render_outcomes(outcomes: list[Any], languages: list[str], generated: dt.date | None = None,
                    portfolio: list[Any] | None = None) -> str:
    """The dossier of the checked entries: one convention's page, or — given ``portfolio``, every entry of a
    portfolio, checked or not — the portfolio's page (:func:`render_portfolio`), in the first entry's language."""
    generated = generated or generated_on()
    if portfolio is None:
        return render(dossier_of(outcomes[0]), languages[0], generated) if outcomes else ""
    language = dict(zip((id(o) for o in outcomes), languages))
    entries = [(o.entry.name, dossier_of(o) if o.report is not None else None,
                language.get(id(o), languages[0] if languages else "en"), o.errors) for o in portfolio]
    return render_portfolio(entries, languages[0] if languages else "en", generated)
