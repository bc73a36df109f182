"""Name resolution and semantic checks on a lowered convention.

Everything a convention can be wrong about as a whole, reported all at once:
duplicate ids, references to parties, events, clauses or bodies that are not
declared (with a did-you-mean hint), deadlines anchored to a term or renewal
the convention lacks, recurring duties without a period anchoring, clauses
that cite no article or an article the convention text does not have. The
readings recorded by the author are reported as information (R001) so that a
checker run can list them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from clauses.language import model as m
from clauses.diagnostics import Diagnostic
from clauses.i18n import joined, tr
from clauses.language.source import Span
from clauses.language import resolve_conditions
from clauses.language import resolve_recurrence   # recurrence (issue 10, items 6 and 8)
from clauses.language import resolve_amounts   # money (issue 10 item 10): series and their columns
from clauses.language import resolve_time   # time: the time of day of a limit

if TYPE_CHECKING:   # the article index (and its heading patterns) is the loader's: a cached check never needs it
    from clauses.language.articles import ArticleIndex


@dataclass(frozen=True)
class ConventionText:
    """The convention text a rules file cites, and its article index."""

    path: Path
    text: str
    articles: ArticleIndex


def _hint(name: str, known: Iterable[str], what: str) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return tr("did you mean `{near}`?", near=close[0]) if close else None


def _party_refs(conv: m.Convention) -> Iterator[tuple[str, Span | None, str]]:
    """Every party id the convention mentions, with where and in what role."""
    for body in conv.bodies:
        for pid in ((body.chair,) if body.chair else ()) + body.deliberative:
            yield pid, body.span, tr("body `{id}`", id=body.id)
    for clause in conv.clauses:
        where = tr("clause `{id}`", id=clause.id)
        bearer = getattr(clause, "bearer", None)
        if bearer is not None:
            for pid in bearer.parties:
                yield pid, bearer.span or clause.span, where
        recipients = getattr(clause, "recipients", None)
        if recipients is not None and recipients.type == "parties":
            for pid in recipients.names:
                yield pid, recipients.span or clause.span, where
        refs: list[m.PartyRef | None] = []
        if isinstance(clause, m.Power):
            refs += [c.by for c in clause.conditions if isinstance(c, (m.AfterCondition, m.IfEvent))]
        if isinstance(clause, m.Prohibition):
            refs += [e.by for e in clause.exceptions]
        if isinstance(clause, m.Consequence):
            refs.append(clause.trigger_by)
        for ref in refs:
            if ref is not None:
                for pid in ref.parties:
                    yield pid, ref.span or clause.span, where
        if isinstance(clause, m.Vote):
            for pid in clause.voters + ((clause.casting_vote,) if clause.casting_vote else ()):
                yield pid, clause.span, where
        if isinstance(clause, m.FinancialKey):
            for period in clause.periods:
                for share in period.shares:
                    yield share.party, share.span or clause.span, where
        yield from resolve_conditions.party_refs(clause, where)   # langA


def _event_refs(conv: m.Convention) -> Iterator[tuple[str, Span | None, str]]:
    """Every event name the convention mentions."""
    term = conv.term
    if term is not None:
        for anchor in (term.start, term.in_force):
            if isinstance(anchor, m.EventAnchor):
                yield anchor.event, anchor.span or term.span, tr("the term")
        for extension in term.extensions:
            yield extension.event, extension.span or term.span, tr("the term")
    for body in conv.bodies:   # members' mandates: the election and the draw of the first leavers
        mandates = body.mandates
        for name in (mandates.election, mandates.draw_event) if mandates else ():
            if name:
                yield name, mandates.span or body.span, tr("body `{id}`", id=body.id)
    for clause in conv.clauses:
        where = tr("clause `{id}`", id=clause.id)
        action = getattr(clause, "action", None)
        if action:
            yield action, clause.action_span or clause.span, where
        deadline = getattr(clause, "deadline", None)
        if isinstance(deadline, (m.BeforeEvent, m.AfterEvent)):
            yield deadline.event, deadline.span or clause.span, where
        if isinstance(deadline, m.LaterOf):   # issue 10 item 5: the later of several events
            for name in deadline.events:
                yield name, deadline.span or clause.span, where
        if isinstance(deadline, m.Window) and deadline.before_event:
            yield deadline.before_event, deadline.span or clause.span, where
        if isinstance(clause, m.Power):
            for cond in clause.conditions:
                if isinstance(cond, (m.IfEvent, m.AfterCondition)) or (
                        isinstance(cond, m.NoticeCondition) and cond.event):
                    yield cond.event, cond.span or clause.span, where
                if isinstance(cond, m.InWindow) and cond.window.before_event:   # time: a power's window
                    yield cond.window.before_event, cond.span or clause.span, where
        if isinstance(clause, m.Prohibition):
            for exc in clause.exceptions:
                yield exc.event, exc.span or clause.span, where
        if isinstance(clause, m.Vote):
            for name in (clause.ballots, clause.decision):
                if name:
                    yield name, clause.span, where
        if isinstance(clause, m.Consequence):
            yield clause.trigger, clause.span, where
        if isinstance(clause, m.Suspension):   # langB: the situation's start and end events
            for name in (clause.start, clause.end):
                if name:
                    yield name, clause.span, where
        yield from resolve_conditions.event_refs(clause, where)   # langA
        yield from resolve_recurrence.event_refs(clause, where)   # recurrence: series, windows
        if getattr(clause, "violated_by", None):   # acts: `à tout moment méconnue par EVENT`
            yield clause.violated_by, clause.span, where


def used_events(conv: m.Convention) -> set[str]:
    """Event names some clause uses (what an event log may mention)."""
    return {name for name, _, _ in _event_refs(conv)}


def _duplicates(items: Iterable[tuple[str, Span | None]], code: str, what: str) -> list[Diagnostic]:
    seen: dict[str, Span | None] = {}
    found = []
    for ident, span in items:
        if ident in seen:
            first = seen[ident]
            found.append(Diagnostic.of(code, tr("{what} `{ident}` is defined twice", what=what, ident=ident), span,
                                       tr("the first definition is at line {line}", line=first.line) if first else None))
        else:
            seen[ident] = span
    return found


def check_names(conv: m.Convention) -> list[Diagnostic]:
    """Duplicate definitions and references to undeclared names."""
    found: list[Diagnostic] = []
    found += _duplicates(((p.id, p.span) for p in conv.parties), "N005", "party")
    found += _duplicates(((e.id, e.span) for e in conv.events), "N006", "event")
    found += _duplicates(((b.id, b.span) for b in conv.bodies), "N008", "body")
    found += _duplicates(((c.id, c.span) for c in conv.clauses), "N004", "clause")
    parties = {p.id for p in conv.parties}
    for pid, span, where in _party_refs(conv):
        if pid not in parties:
            found.append(Diagnostic.of("N001", tr("unknown party `{pid}` in {where}", pid=pid, where=where), span,
                                       _hint(pid, parties, "party")
                                       or tr('declare it: `partie {pid} "Nom complet".`', pid=pid)))
    events = {e.id for e in conv.events}
    for name, span, where in _event_refs(conv):
        if name not in events:
            found.append(Diagnostic.of("N002", tr("unknown event `{name}` in {where}", name=name,
                                                  where=where), span,
                                       _hint(name, events, "event")
                                       or tr('declare it: `événement {name} "libellé".`', name=name)))
    clauses = {c.id for c in conv.clauses}
    bodies = {b.id for b in conv.bodies}
    renewal = conv.term.renewal if conv.term else None
    if renewal and renewal.decided_by:
        votes = {c.id for c in conv.clauses if isinstance(c, m.Vote)}
        if renewal.decided_by not in votes:
            found.append(Diagnostic.of("N003", tr("the renewal is decided by `{decided_by}`, which is not "
                                                  "a vote clause", decided_by=renewal.decided_by), renewal.span or conv.term.span,
                                       _hint(renewal.decided_by, votes, "vote")))
    for clause in conv.clauses:
        if isinstance(clause, m.Suspension):   # langB: the duties it suspends
            duties = {c.id for c in conv.clauses if isinstance(c, m.Duty)}
            for target in clause.duties:
                if target not in duties:
                    found.append(Diagnostic.of("N003", tr("unknown duty `{target}` in suspension `{clause}`",
                                                          target=target, clause=clause.id),
                                               clause.span, _hint(target, duties, "duty")))
        if isinstance(clause, m.Consequence):
            for target in clause.ends_clauses:
                if target not in clauses:
                    found.append(Diagnostic.of("N003", tr("unknown clause `{target}` in clause `{id}`",
                                                          target=target, id=clause.id),
                                               clause.span, _hint(target, clauses, "clause")))
        if isinstance(clause, m.Consequence) and clause.trigger_by is not None and clause.trigger_by.type != "list":
            found.append(Diagnostic.of(
                "V016", tr("consequence `{id}`: `{trigger}` of the {type} party names nobody: a "
                           "consequence is not any party's act", id=clause.id, trigger=clause.trigger,
                           type=clause.trigger_by.type), clause.trigger_by.span or clause.span,
                tr("name the party, e.g. `{trigger} de ville entraîne …`", trigger=clause.trigger)))
        if isinstance(clause, m.Vote) and clause.body and clause.body not in bodies:
            found.append(Diagnostic.of("N007", tr("unknown body `{body}` in clause `{id}`", body=clause.body,
                                                  id=clause.id),
                                       clause.span, _hint(clause.body, bodies, "body")))
    return found


def _renewal_targets(clause: m.ClauseBase) -> Iterator[tuple[str, Span | None]]:
    deadline = getattr(clause, "deadline", None)
    if isinstance(deadline, m.BeforeTerm):
        yield "term", deadline.span
    if isinstance(deadline, m.BeforeRenewal):
        yield "renewal", deadline.span
    point = getattr(deadline, "point", None)    # issue 10 item 5: a limit on the term's start or end
    if isinstance(point, m.Point) and point.of in ("term_start", "term_end"):
        yield ("start" if point.of == "term_start" else "term"), deadline.span
    for cond in getattr(clause, "conditions", ()):
        if isinstance(cond, m.NoticeCondition) and cond.target in ("term", "renewal"):
            yield cond.target, cond.span
        if isinstance(cond, m.NotInFirstYear):
            yield "start", cond.span


def _periodic_point(deadline: m.Node | None) -> bool:
    """A limit on a point of each period (issue 10 item 5): its periods must say how they are cut."""
    point = getattr(deadline, "point", None)
    return isinstance(point, m.Point) and point.of in ("period_end", "previous_period_end")


def _takes_periods(duty: m.Duty) -> bool:
    """Whether a duty's limit is counted per period, so that `pour le …` / `sauf le …` apply to it."""
    if _periodic_point(duty.deadline):
        return True
    return isinstance(duty.deadline, m.AnnualDate) and duty.periods is not None and duty.periods.only


def check_time(conv: m.Convention) -> list[Diagnostic]:
    """Anchors the convention must have, period anchorings, checkable time limits."""
    found: list[Diagnostic] = []
    term = conv.term
    for clause in conv.clauses:
        for target, span in _renewal_targets(clause):
            span = span or clause.span
            if term is None:
                found.append(Diagnostic.of(
                    "V003", tr("clause `{id}` counts from the {value} of a convention that states no term",
                               id=clause.id, value='start' if target == 'start' else target), span,
                    tr("add a `durée` statement, or record why the text has none with `lecture`")))
            elif target == "term" and term.unlimited:
                found.append(Diagnostic.of("V003", tr("clause `{clause}` counts back from the term end of a "
                                                      "convention concluded for an unlimited duration",
                                                      clause=clause.id), span,
                                           tr("count from another date (an event, a notice before a "
                                              "termination), or record the reading with `lecture`")))
            elif target == "term" and term.end_date is None and term.duration is None and term.last_day is None:
                found.append(Diagnostic.of("V003", tr("clause `{id}` counts back from a term end the "
                                                      "convention does not state", id=clause.id), span))
            elif target == "renewal" and term.renewal is None:
                if term.no_renewal and isinstance(clause, m.Power):
                    continue    # a power that can never be exercised: the lint check X006 reports it
                code = "V009" if term.no_renewal else "V003"
                found.append(Diagnostic.of(code, tr("clause `{id}` counts back from a renewal, but the "
                                                    "convention {value}", id=clause.id,
                                                    value='is not renewed' if term.no_renewal else 'states no renewal'),
                                           span))
        if isinstance(clause, m.Duty):
            if (isinstance(clause.deadline, (m.Recurrence, m.BeforePeriodEnd)) or _periodic_point(clause.deadline)) \
                    and clause.anchoring is None:
                found.append(Diagnostic.of(
                    "V011", tr("recurring duty `{id}` does not say how its periods are counted",
                               id=clause.id),
                    clause.deadline.span or clause.span,
                    tr("add `périodes civiles` (calendar years) or `périodes à compter du début` (from the "
                       "start)")))
            if clause.partial_periods is not None and not isinstance(clause.deadline, m.Recurrence):
                found.append(Diagnostic.of(
                    "V012", tr("duty `{id}` says what its partial periods owe, but it is not a recurring duty "
                               "(`au moins N fois par …`)", id=clause.id), clause.span,
                    tr("partial periods are those of `au moins N fois par an`, `par mois`…, cut short by the start "
                       "or the end of the convention")))
            if clause.periods is not None and not _takes_periods(clause):   # issue 10 item 5
                found.append(Diagnostic.of(
                    "V012", tr("duty `{id}` says which periods it counts, but its limit is not counted per period",
                               id=clause.id), clause.periods.span or clause.span,
                    tr("`pour le premier trimestre` goes with a yearly date or a limit on each period; `sauf le "
                       "premier trimestre` with a limit on each period")))
            if clause.deadline is None:
                found.append(Diagnostic.of("V013", tr("duty `{id}` has no time limit: it cannot be checked",
                                                      id=clause.id),
                                           clause.span))
    return found


def check_citations(conv: m.Convention, text: ConventionText | None) -> list[Diagnostic]:
    """Every clause cites an article, and every cited article exists (once) in the text."""
    found: list[Diagnostic] = []
    cited: list[tuple[m.Node, str]] = [(conv.term, tr("the term"))] if conv.term else []
    cited += [(c, tr("clause `{id}`", id=c.id)) for c in conv.clauses]
    for node, what in cited:
        citations: tuple[m.Citation, ...] = getattr(node, "citations", ())
        if not citations:
            found.append(Diagnostic.of("A004", tr("{what} cites no article", what=what), node.span,
                                       tr("add the article it encodes, e.g. `obligation intentions article "
                                          "7 :`")))
            continue
        if text is None:
            continue
        for citation in citations:
            found += _check_citation(citation, node, text)
    return found


def _check_citation(citation: m.Citation, node: m.Node, text: ConventionText) -> list[Diagnostic]:
    """A002 when the citation names nothing (with the headings found near it), A003 when it names
    several headings (with how to name one)."""
    span = citation.span or node.span
    try:
        matches = text.articles.cite(citation.article, citation.title, citation.within)
    except ValueError:
        matches = []
    if not matches:
        near = text.articles.nearby(citation.article, citation.within)
        hint = tr("headings found nearby in the text: {headings}", headings=_headings(near)) if near else \
            tr("the text has no heading the index recognises: see docs/articles.md")
        if citation.within or not citation.article:
            message = tr("{cited}{titled} not found in {name}", cited=citation.label, titled=_titled(citation),
                         name=text.path.name)
        else:
            message = tr("article {article}{titled} not found in {name}", article=citation.article,
                         titled=_titled(citation), name=text.path.name)
        return [Diagnostic.of("A002", message, span, hint)]
    if len(matches) > 1:
        lines = ", ".join(str(a.line) for a in matches)
        labels = [a.label for a in matches]
        if len(set(labels)) == len(matches) and all(" " in x for x in labels):
            hint = tr("name the one you mean by its division: {choices}", choices=", ".join(f"`{x}`" for x in labels))
        else:
            hint = tr("name the one you mean by its title: `article {article} \"{lower}\"`",
                      article=citation.article, lower=matches[-1].title.lower())
        return [Diagnostic.of(
            "A003", tr("article {article} appears {len} times in {name} (lines {lines})",
                       article=citation.label, len=len(matches), name=text.path.name, lines=lines), span, hint)]
    return []


def _headings(near: list) -> str:
    """``article 9 « Feuilles de route annuelle » (line 220), titre 2 article 3 (line 95)``."""
    out = []
    for a in near:
        label = a.label if hasattr(a, "key") else (a.label if " " in a.label else f"article {a.label}")
        title = f" « {a.title} »" if a.title else ""
        out.append(tr("{what}{title} (line {line})", what=label, title=title, line=a.line))
    return joined(out, "{a}; {b}")


def _titled(citation: m.Citation) -> str:
    return f' "{citation.title}"' if citation.title else ""


def readings(conv: m.Convention) -> list[Diagnostic]:
    """The readings the author recorded, as information."""
    found = []
    nodes: list[m.Node] = ([conv.term] if conv.term else []) + list(conv.clauses)
    for node in nodes:
        for reading in getattr(node, "readings", ()):
            ident = getattr(node, "id", "term")
            found.append(Diagnostic.of("R001", tr("`{ident}` is read as: {text}", ident=ident,
                                                  text=reading.text), reading.span or node.span,
                                       notes=[tr("because {reason}", reason=reading.reason)]))
    return found


CHECKS = (check_names, check_time, resolve_conditions.check_parameters,
          resolve_conditions.check_vote_names,      # governance: `X adoptée selon le vote V`
          resolve_recurrence.check_breach_names,   # recurrence: breaches of clauses
          resolve_amounts.check_series_names,       # money: series and columns
          resolve_time.check_time_of_day)          # time: `avant 12 heures` needs a last day


def resolve(conv: m.Convention, text: ConventionText | None) -> list[Diagnostic]:
    """All semantic checks, in one run."""
    found: list[Diagnostic] = []
    for check in CHECKS:
        found += check(conv)
    found += check_citations(conv, text)
    found += readings(conv)
    return found
