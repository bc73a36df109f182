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
from typing import Iterable, Iterator

from clauses.language import model as m
from clauses.language.articles import ArticleIndex
from clauses.diagnostics import Diagnostic
from clauses.language.source import Span


@dataclass(frozen=True)
class ConventionText:
    """The convention text a rules file cites, and its article index."""

    path: Path
    text: str
    articles: ArticleIndex


def find_text(rules_path: Path, name: str) -> Path | None:
    """The convention text named in the header: next to the rules file, or in a
    ``conventions/`` folder beside it or beside one of its parents."""
    candidate = Path(name)
    if candidate.is_absolute():
        return candidate if candidate.is_file() else None
    folder = rules_path.resolve().parent
    for base in (folder, *folder.parents):
        for option in (base / name, base / "conventions" / name):
            if option.is_file():
                return option
    return None


def _hint(name: str, known: Iterable[str], what: str) -> str | None:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else None


def _party_refs(conv: m.Convention) -> Iterator[tuple[str, Span | None, str]]:
    """Every party id the convention mentions, with where and in what role."""
    for body in conv.bodies:
        for pid in ((body.chair,) if body.chair else ()) + body.deliberative:
            yield pid, body.span, f"body `{body.id}`"
    for clause in conv.clauses:
        where = f"clause `{clause.id}`"
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


def _event_refs(conv: m.Convention) -> Iterator[tuple[str, Span | None, str]]:
    """Every event name the convention mentions."""
    term = conv.term
    if term is not None:
        for anchor in (term.start, term.in_force):
            if isinstance(anchor, m.EventAnchor):
                yield anchor.event, anchor.span or term.span, "the term"
    for clause in conv.clauses:
        where = f"clause `{clause.id}`"
        action = getattr(clause, "action", None)
        if action:
            yield action, clause.action_span or clause.span, where
        deadline = getattr(clause, "deadline", None)
        if isinstance(deadline, (m.BeforeEvent, m.AfterEvent)):
            yield deadline.event, deadline.span or clause.span, where
        if isinstance(clause, m.Power):
            for cond in clause.conditions:
                if isinstance(cond, (m.IfEvent, m.AfterCondition)) or (
                        isinstance(cond, m.NoticeCondition) and cond.event):
                    yield cond.event, cond.span or clause.span, where
        if isinstance(clause, m.Prohibition):
            for exc in clause.exceptions:
                yield exc.event, exc.span or clause.span, where
        if isinstance(clause, m.Vote):
            for name in (clause.ballots, clause.decision):
                if name:
                    yield name, clause.span, where
        if isinstance(clause, m.Consequence):
            yield clause.trigger, clause.span, where


def used_events(conv: m.Convention) -> set[str]:
    """Event names some clause uses (what an event log may mention)."""
    return {name for name, _, _ in _event_refs(conv)}


def _duplicates(items: Iterable[tuple[str, Span | None]], code: str, what: str) -> list[Diagnostic]:
    seen: dict[str, Span | None] = {}
    found = []
    for ident, span in items:
        if ident in seen:
            first = seen[ident]
            found.append(Diagnostic.of(code, f"{what} `{ident}` is defined twice", span,
                                       f"the first definition is at line {first.line}" if first else None))
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
            found.append(Diagnostic.of("N001", f"unknown party `{pid}` in {where}", span,
                                       _hint(pid, parties, "party") or f'declare it: `partie {pid} "Nom complet".`'))
    events = {e.id for e in conv.events}
    for name, span, where in _event_refs(conv):
        if name not in events:
            found.append(Diagnostic.of("N002", f"unknown event `{name}` in {where}", span,
                                       _hint(name, events, "event") or f'declare it: `événement {name} "libellé".`'))
    clauses = {c.id for c in conv.clauses}
    bodies = {b.id for b in conv.bodies}
    renewal = conv.term.renewal if conv.term else None
    if renewal and renewal.decided_by:
        votes = {c.id for c in conv.clauses if isinstance(c, m.Vote)}
        if renewal.decided_by not in votes:
            found.append(Diagnostic.of("N003", f"the renewal is decided by `{renewal.decided_by}`, which is not a "
                                               "vote clause", renewal.span or conv.term.span,
                                       _hint(renewal.decided_by, votes, "vote")))
    for clause in conv.clauses:
        if isinstance(clause, m.Consequence):
            for target in clause.ends_clauses:
                if target not in clauses:
                    found.append(Diagnostic.of("N003", f"unknown clause `{target}` in clause `{clause.id}`",
                                               clause.span, _hint(target, clauses, "clause")))
        if isinstance(clause, m.Consequence) and clause.trigger_by is not None and clause.trigger_by.type != "list":
            found.append(Diagnostic.of(
                "V016", f"consequence `{clause.id}`: `{clause.trigger}` of the {clause.trigger_by.type} party names "
                        "nobody: a consequence is not any party's act", clause.trigger_by.span or clause.span,
                f"name the party, e.g. `{clause.trigger} de ville entraîne …`"))
        if isinstance(clause, m.Vote) and clause.body and clause.body not in bodies:
            found.append(Diagnostic.of("N007", f"unknown body `{clause.body}` in clause `{clause.id}`",
                                       clause.span, _hint(clause.body, bodies, "body")))
    return found


def _renewal_targets(clause: m.ClauseBase) -> Iterator[tuple[str, Span | None]]:
    deadline = getattr(clause, "deadline", None)
    if isinstance(deadline, m.BeforeTerm):
        yield "term", deadline.span
    if isinstance(deadline, m.BeforeRenewal):
        yield "renewal", deadline.span
    for cond in getattr(clause, "conditions", ()):
        if isinstance(cond, m.NoticeCondition) and cond.target in ("term", "renewal"):
            yield cond.target, cond.span
        if isinstance(cond, m.NotInFirstYear):
            yield "start", cond.span


def check_time(conv: m.Convention) -> list[Diagnostic]:
    """Anchors the convention must have, period anchorings, checkable time limits."""
    found: list[Diagnostic] = []
    term = conv.term
    for clause in conv.clauses:
        for target, span in _renewal_targets(clause):
            span = span or clause.span
            if term is None:
                found.append(Diagnostic.of(
                    "V003", f"clause `{clause.id}` counts from the {'start' if target == 'start' else target} "
                            "of a convention that states no term", span,
                    "add a `durée` statement, or record why the text has none with `lecture`"))
            elif target == "term" and term.end_date is None and term.duration is None:
                found.append(Diagnostic.of("V003", f"clause `{clause.id}` counts back from a term end the "
                                                   "convention does not state", span))
            elif target == "renewal" and term.renewal is None:
                if term.no_renewal and isinstance(clause, m.Power):
                    continue    # a power that can never be exercised: the lint check X006 reports it
                code = "V009" if term.no_renewal else "V003"
                found.append(Diagnostic.of(code, f"clause `{clause.id}` counts back from a renewal, but the "
                                                 f"convention {'is not renewed' if term.no_renewal else 'states no renewal'}",
                                           span))
        if isinstance(clause, m.Duty):
            if isinstance(clause.deadline, (m.Recurrence, m.BeforePeriodEnd)) and clause.anchoring is None:
                found.append(Diagnostic.of(
                    "V011", f"recurring duty `{clause.id}` does not say how its periods are counted",
                    clause.deadline.span or clause.span,
                    "add `périodes civiles` (calendar years) or `périodes à compter du début` (from the start)"))
            if clause.deadline is None:
                found.append(Diagnostic.of("V013", f"duty `{clause.id}` has no time limit: it cannot be checked",
                                           clause.span))
    return found


def check_citations(conv: m.Convention, text: ConventionText | None) -> list[Diagnostic]:
    """Every clause cites an article, and every cited article exists (once) in the text."""
    found: list[Diagnostic] = []
    cited: list[tuple[m.Node, str]] = [(conv.term, "the term")] if conv.term else []
    cited += [(c, f"clause `{c.id}`") for c in conv.clauses]
    for node, what in cited:
        citations: tuple[m.Citation, ...] = getattr(node, "citations", ())
        if not citations:
            found.append(Diagnostic.of("A004", f"{what} cites no article", node.span,
                                       "add the article it encodes, e.g. `obligation intentions article 7 :`"))
            continue
        if text is None:
            continue
        for citation in citations:
            try:
                matches = text.articles.find(citation.article, citation.title)
            except ValueError:
                matches = []
            if not matches:
                numbers = [a.number for a in text.articles]
                close = difflib.get_close_matches(citation.article, numbers, n=1, cutoff=0.5)
                found.append(Diagnostic.of(
                    "A002", f"article {citation.article}{_titled(citation)} not found in {text.path.name}",
                    citation.span or node.span, f"did you mean article {close[0]}?" if close else None))
            elif len(matches) > 1:
                lines = ", ".join(str(a.line) for a in matches)
                found.append(Diagnostic.of(
                    "A003", f"article {citation.article} appears {len(matches)} times in {text.path.name} "
                            f"(lines {lines})", citation.span or node.span,
                    f'name the one you mean by its title: `article {citation.article} "{matches[-1].title.lower()}"`'))
    return found


def _titled(citation: m.Citation) -> str:
    return f' "{citation.title}"' if citation.title else ""


def readings(conv: m.Convention) -> list[Diagnostic]:
    """The readings the author recorded, as information."""
    found = []
    nodes: list[m.Node] = ([conv.term] if conv.term else []) + list(conv.clauses)
    for node in nodes:
        for reading in getattr(node, "readings", ()):
            ident = getattr(node, "id", "term")
            found.append(Diagnostic.of("R001", f"`{ident}` is read as: {reading.text}", reading.span or node.span,
                                       notes=[f"because {reading.reason}"]))
    return found


CHECKS = (check_names, check_time)


def resolve(conv: m.Convention, text: ConventionText | None) -> list[Diagnostic]:
    """All semantic checks, in one run."""
    found: list[Diagnostic] = []
    for check in CHECKS:
        found += check(conv)
    found += check_citations(conv, text)
    found += readings(conv)
    return found
