"""T16x — recurrence (issue 10, items 6 and 8): series started and stopped by events, powers with
windows, clauses that follow another clause's breach.

What a draft gets wrong with these forms: clauses that depend on each other's breach in a circle
(no verdict can be given), a series stopped by the very event that starts it, a window or a series
anchored on the end of a term that has none, and a power exercisable only after the term end that
does not survive it.
"""

from __future__ import annotations

from typing import Iterator

import networkx as nx

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.language import model as m
from clauses.language.resolve_recurrence import breach_refs


@check("T160", "breach-dependency-cycle", Severity.ERROR,
       "clauses depend on each other's breach in a cycle",
       """
"Les versements sont effectués sous réserve du respect de l'article 4" makes a
payment depend on the verdicts of article 4. When article 4 in turn depends on
the payments being made ("le rapport est dû si les versements ont été
effectués", or a limit counted from their breach), neither verdict can be given
before the other: the two clauses ask each other's verdict for ever. The checker
cannot tell whether either is breached and says so on every instance. One of
the two dependencies is a drafting slip; keep the one the parties meant.
""",
       bad="obligation a article 4 : asso doit rapport avant le 10 de chaque mois sous réserve du respect de b.\n"
           "obligation b article 5 : etat doit versement avant le 10 de chaque mois sous réserve du respect de a.",
       good="obligation a article 4 : asso doit rapport avant le 10 de chaque mois.\n"
            "obligation b article 5 : etat doit versement avant le 10 de chaque mois sous réserve du respect de a.")
def breach_cycle(ctx: CheckContext) -> Iterator[Diagnostic]:
    graph = nx.DiGraph()
    clauses = {c.id: c for c in ctx.convention.clauses}
    for clause in ctx.convention.clauses:
        for target, _, _ in breach_refs(clause):
            if target in clauses:
                graph.add_edge(clause.id, target)
    order = [c.id for c in ctx.convention.clauses]
    for cycle in sorted(nx.simple_cycles(graph), key=lambda c: min(order.index(i) for i in c)):
        first = min(cycle, key=order.index)
        turn = cycle[cycle.index(first):] + cycle[:cycle.index(first)]
        path = " → ".join(f"`{i}`" for i in turn + [first])
        yield Diagnostic.of("T160", tr("{where} depends on its own breach through {path}: none of these verdicts "
                                       "can be given", where=where(clauses[first]), path=path),
                            clauses[first].span, tr("remove one of the dependencies (`sous réserve du respect de`, "
                                                    "`si manquement à`, `dès manquement à`)"))


@check("T161", "series-stopped-by-its-start", Severity.WARNING,
       "a duty's series starts and stops with the same event",
       """
"À compter de la création du comité, il se réunit au moins une fois par an,
jusqu'à sa dissolution": the series of meetings starts with one event and stops
with another. A series that names the same event for both (`à compter de
création … jusqu'à création`) stops on the very day it starts, so nothing is
ever owed: the checker reports the duty as discharged for ever. The draft meant
another event for the stop (the dissolution, the end of the mission) or, with
`chaque`, a new series at each occurrence (which needs no `jusqu'à`).
""",
       bad="obligation réunions article 2 : à compter de création, asso doit réunion au moins 1 fois par an "
           "périodes civiles jusqu'à création.",
       good="obligation réunions article 2 : à compter de création, asso doit réunion au moins 1 fois par an "
            "périodes civiles jusqu'à dissolution.")
def series_stopped_by_start(ctx: CheckContext) -> Iterator[Diagnostic]:
    for duty in clauses_of(ctx, m.Duty):
        series = duty.series
        if series is not None and series.start == "event" and series.until == series.event:
            yield Diagnostic.of("T161", tr("{where} starts and stops its series with {event}: it stops on the day it "
                                           "starts, and nothing is ever owed", where=where(duty), event=series.event),
                                series.span or duty.span,
                                tr("name the event that stops it, or write `à compter de chaque {event}`",
                                   event=series.event))


@check("T162", "window-from-an-end-that-never-comes", Severity.ERROR,
       "a series or a power's window counts from the end of a term of unlimited duration",
       """
"Le maintien dans les lieux à l'issue de la convention donne lieu au paiement
d'une indemnité mensuelle" starts a series at the term end; "la ville peut agir
dans les trois années suivant le terme" opens a window there. In a convention
concluded for an unlimited duration (`durée indéterminée`) the term has no
scheduled end: the series never starts and the window never opens until a
termination ends the convention. The draft kept a sentence of a fixed-term
model: anchor the series or the window on the event that ends the relation
(the termination, the departure) instead.
""",
       bad="durée article 2 : durée indéterminée.\n"
           "obligation indemnité article 15 : à compter du terme, asso doit indemnité avant le 10 de chaque mois.",
       good="durée article 2 : durée indéterminée.\n"
            "obligation indemnité article 15 : à compter de résiliation, asso doit indemnité avant le 10 de "
            "chaque mois.")
def window_from_unlimited_end(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    if term is None or not term.unlimited:
        return
    for clause in ctx.convention.clauses:
        anchored = []
        series = getattr(clause, "series", None)
        if series is not None and series.start == "term_end":
            anchored.append(series)
        anchored += [c for c in getattr(clause, "conditions", ()) if isinstance(c, m.PowerWindow) and c.anchor == "term_end"]
        for node in anchored:
            yield Diagnostic.of("T162", tr("{where} counts from the term end, but the convention is concluded for an "
                                           "unlimited duration: it has no term end", where=where(clause)),
                                node.span or clause.span, tr("count from the event that ends the relation"))


@check("T163", "power-after-the-term-does-not-survive", Severity.WARNING,
       "a power exercisable only after the term end does not survive the term",
       """
"L'État peut demander le reversement dans les trois années suivant la fin de la
convention": the window opens when the convention ends. A power exercised after
the end has no object unless the clause survives the term (acts after the end
are discharged, "the convention had ended"): as written, every exercise inside
the window is void. Such clauses are meant to outlive the convention; state it
with `survit au terme`, or anchor the window on an event during the term.
""",
       bad="pouvoir reversement article 9 : etat peut demande_reversement dans 3 ans suivant le terme.",
       good="pouvoir reversement article 9 : etat peut demande_reversement dans 3 ans suivant le terme "
            "survit au terme.")
def power_after_term(ctx: CheckContext) -> Iterator[Diagnostic]:
    for power in clauses_of(ctx, m.Power):
        if power.survives:
            continue
        for cond in power.conditions:
            if isinstance(cond, m.PowerWindow) and cond.anchor == "term_end":
                yield Diagnostic.of("T163", tr("{where} may be exercised only after the term end, but does not survive "
                                               "the term: every exercise would come after the end and have no object",
                                               where=where(power)), cond.span or power.span,
                                    tr("add `survit au terme`"))
