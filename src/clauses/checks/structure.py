"""G — graph: who bears what, what waits for what, and what nothing ever uses.

These checks read the convention's graph (:mod:`clauses.graph`): an event is
*produced* by the clauses whose own act it is (a duty fulfilled, a power
exercised, a prohibited act, a vote's decision); an event no clause produces is
*free*: the parties or their staff record it in the log (a breach, a formal
notice, a non-renewal).
"""

from __future__ import annotations

from typing import Iterator

from clauses.language import model as m
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.graph import ACT_RELATIONS, bearers, condition_cycles, owes, rights
from clauses.language.resolve import _party_refs, used_events
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.i18n import joined, tr

PRODUCES = ACT_RELATIONS | {"decides"}


def _node_id(node: str) -> str:
    return node.split(":", 1)[1]


def _producers(ctx: CheckContext) -> dict[str, set[str]]:
    """Event id → ids of the clauses whose own act (or decision) it is."""
    found: dict[str, set[str]] = {}
    for event, clause, data in ctx.graph.edges(data=True):
        if data.get("relation") in PRODUCES and event.startswith("event:") and clause.startswith("clause:"):
            found.setdefault(_node_id(event), set()).add(_node_id(clause))
    return found


def _required(clause: m.ClauseBase) -> tuple[list[str], bool]:
    """The events a clause's own act lawfully waits for, and whether it needs all of them
    (a power's conditions) or any one (the exceptions that lift a prohibition)."""
    if isinstance(clause, m.Power):
        return [c.event for c in clause.conditions if getattr(c, "event", None)], True
    if isinstance(clause, m.Prohibition):
        return [e.event for e in clause.exceptions], False
    return [], True


def _blocked(ctx: CheckContext, producers: dict[str, set[str]]) -> set[str]:
    """Clauses whose act can never lawfully happen: the fixed point of "an event can happen
    when it is free or some clause that can act produces it"."""
    clauses = {c.id: c for c in ctx.convention.clauses}
    able: set[str] = set()
    changed = True
    while changed:
        changed = False
        for cid, clause in clauses.items():
            if cid in able:
                continue
            events, need_all = _required(clause)
            if isinstance(clause, m.Prohibition) and not events:
                continue  # an act prohibited without exception never happens lawfully
            ok = [not producers.get(e) or bool(producers[e] & able) for e in events]
            if (all(ok) if need_all else any(ok)):
                able.add(cid)
                changed = True
    return {cid for cid, c in clauses.items() if isinstance(c, (m.Power, m.Prohibition))} - able


@check("G001", "condition-cycle", Severity.ERROR,
       "clauses wait for each other's act: none of them can ever be exercised",
       """
A power that may be exercised only after an act which only another clause
produces, while that clause in turn waits for the first one's act, can never be
exercised lawfully by anyone: each party waits for the other. The same holds
for a prohibition lifted only by an act that itself waits for the prohibited
one. Such a loop usually comes from encoding "after" the wrong way round.
""",
       bad='pouvoir résilier article 11 : chaque partie peut résiliation après conciliation.\n'
           'pouvoir concilier article 12 : chaque partie peut conciliation après résiliation.',
       good='pouvoir résilier article 11 : chaque partie peut résiliation après conciliation.\n'
            'pouvoir concilier article 12 : chaque partie peut conciliation si litige.')
def condition_cycle(ctx: CheckContext) -> Iterator[Diagnostic]:
    producers = _producers(ctx)
    blocked = _blocked(ctx, producers)
    if not blocked:   # a cycle is reported only when all its clauses are blocked: most conventions have none
        return
    seen: set[frozenset[str]] = set()
    own = [[cid] for cid in sorted(blocked) if any(producers.get(e) == {cid} for e in _required(
        ctx.convention.clause(cid))[0])]   # a clause that waits for its own act (no edge in `dependencies`)
    for cycle in condition_cycles(ctx.graph) + own:
        members = frozenset(cycle)
        if members in seen or not members <= blocked:
            continue
        seen.add(members)
        clauses = sorted((ctx.convention.clause(c) for c in members), key=_line)
        links = []
        for clause in clauses:
            events, _ = _required(clause)
            waits = [e for e in events if producers.get(e) and producers[e] & members and producers[e] <= blocked]
            if waits:
                makers = ", ".join(f"`{p}`" for p in sorted(producers[waits[0]]))
                links.append(tr("`{clause}` needs `{event}` from {makers}", clause=clause.id, event=waits[0],
                                makers=makers))
        message = (tr("{where} is in a cycle of conditions ({links}): none of them can ever be exercised",
                      where=where(clauses[0]), links=joined(links, tr("{a}; {b}").template)) if len(clauses) > 1
                   else tr("{where} waits for its own act ({link}): it can never be exercised",
                           where=where(clauses[0]), link=links[0]))
        yield Diagnostic.of("G001", message, clauses[0].span,
                            tr("check which act really comes first, and drop the condition on the later one"))


def _line(node: m.Node) -> tuple[int, int]:
    return (node.span.line, node.span.column) if node.span else (0, 0)


@check("G002", "nobody-bears", Severity.ERROR,
       "a clause designates its bearer in a way that names no party",
       """
"The other parties" of a convention with a single signatory are nobody, and so
is "each party" when every declared party is a non-signatory: the duty is owed
by no one and can never be breached, the power held by no one. Usually a party
was not declared, or the bearer should be named.
""",
       bad='partie ville "Ville".\n'
           'obligation réponse article 10 : les autres parties doivent réponse dans 15 jours après demande.',
       good='partie ville "Ville".\npartie asso "Association".\n'
            'obligation réponse article 10 : les autres parties doivent réponse dans 15 jours après demande.')
def nobody_bears(ctx: CheckContext) -> Iterator[Diagnostic]:
    signatories = [p.id for p in ctx.convention.parties if p.signatory]
    for clause in ctx.convention.clauses:
        bearer = getattr(clause, "bearer", None)
        if bearer is None:
            continue
        if bearer.type == "list":
            why = tr("names no party") if not bearer.parties else ""
        elif not signatories:
            why = tr("designates the signatories, and no declared party signs")
        elif bearer.type == "others" and len(signatories) == 1:
            why = tr("designates the parties other than `{party}`, the only signatory", party=signatories[0])
        else:
            why = ""
        if why:
            yield Diagnostic.of("G002", tr("{where} is borne by nobody: its bearer {why}",
                                           where=where(clause), why=why),
                                bearer.span or clause.span, tr("name the party that bears it, or declare "
                                                               "the other party"))


@check("G003", "idle-party", Severity.WARNING,
       "a party bears no duty and holds no right",
       """
A signatory commits to something in a partnership convention: one that owes
nothing (no duty, prohibition, vote or share of a financial key) and may do
nothing (no power, no deliberative voice) is usually a party whose article was
not encoded, or a declaration left over. A party that only receives is fine
when it does not sign: a third party may benefit from a stipulation (Code civil
art. 1205) without being bound by it (art. 1199); a signatory that only
receives is reported.
""",
       bad='partie ville "Ville".\npartie asso "Association".\n'
           'obligation bilan article 5 : ville doit bilan au moins 1 fois par an périodes civiles.',
       good='partie ville "Ville".\npartie asso "Association".\n'
            'obligation bilan article 5 : les parties doivent bilan au moins 1 fois par an périodes civiles.')
def idle_party(ctx: CheckContext) -> Iterator[Diagnostic]:
    g = ctx.graph
    payers = {s.party for c in ctx.convention.clauses if isinstance(c, m.FinancialKey)
              for p in c.periods for s in p.shares}
    members = {_node_id(p) for _, p, d in g.edges(data=True) if d.get("relation") == "member"}
    for party in ctx.convention.parties:
        if owes(g, party.id) or rights(g, party.id) or party.id in payers or party.id in members:
            continue
        node = f"party:{party.id}"
        receives = sorted(_node_id(c) for c, _, d in g.in_edges(node, data=True) if d.get("relation") == "owed_to")
        if receives and not party.signatory:
            continue
        named = sorted({where for pid, _, where in _party_refs(ctx.convention) if pid == party.id})
        if receives:
            tail = tr("; it only receives ({clauses})", clauses=", ".join(f"`{c}`" for c in receives))
        elif named:
            tail = tr("; it is only named in {where}", where=joined(named, tr("{a}, {b}").template))
        else:
            tail = tr("; no clause names it")
        # removing a declaration that something names would only turn it into an unknown party (N001)
        hint = (tr("encode the article that commits it") if receives or named
                else tr("encode the article that commits it, or remove the declaration"))
        yield Diagnostic.of("G003", tr("party `{id}` bears no duty and holds no right{tail}", id=party.id,
                                       tail=tail), party.span,
                            hint if party.signatory or receives or named else tr("remove the declaration"))


@check("G004", "dead-cascade", Severity.WARNING,
       "a consequence waits for a party's act that no power lets that party perform",
       """
A cascade "X by party p entails …" fires when p performs X. When X is the act
of a power, only a valid exercise of that power counts; if p does not hold the
power, the cascade can never fire (seed 004 art. 9: the coordinator's
departure dissolves the group; if only the other members could withdraw, the
article would be dead letter). An act no power governs (a non-renewal, a
breach, a duty's act) is recorded by the parties' staff in the log whoever
performs it, and is not reported.
""",
       bad='pouvoir retrait article 7 : vilogia peut retrait par LRAR envers ville.\n'
           'conséquence sortie article 9 : retrait de ville entraîne fin de la convention.',
       good='pouvoir retrait article 7 : chaque membre peut retrait par LRAR envers ville.\n'
            'conséquence sortie article 9 : retrait de ville entraîne fin de la convention.')
def dead_cascade(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    for clause in conv.clauses:
        if not isinstance(clause, m.Consequence) or clause.trigger_by is None or clause.trigger_by.type != "list":
            continue
        makers = {p.id: bearers(conv, p.bearer) for p in conv.clauses
                  if isinstance(p, m.Power) and p.action == clause.trigger}
        wanted = set(clause.trigger_by.parties)
        if makers and not any(wanted & set(who) for who in makers.values()):
            names = ", ".join(f"`{p}`" for p in clause.trigger_by.parties)
            by = ", ".join(f"`{c}`" for c in sorted(makers))
            yield Diagnostic.of("G004", tr("{where} waits for `{trigger}` by {names}, which {by} does not "
                                           "let {value} perform", where=where(clause),
                                           trigger=clause.trigger, names=names, by=by,
                                           value='it' if len(wanted) == 1 else 'them'),
                                clause.trigger_by.span or clause.span,
                                tr("give {names} the act in {by}, or name the party that performs it",
                                   names=names, by=by))


@check("G005", "unused-event", Severity.INFO,
       "an event is declared but no clause uses it",
       """
Declaring an event lets the event log record it; if no clause uses it, a
recorded occurrence is accepted and changes nothing. Someone who records a
non-renewal in the log believes it ends the convention: if no clause says so,
the checker will keep the convention running. Use the event in the clause it
belongs to, or remove the declaration. An event may also be declared on
purpose, for the logs to record something no clause judges (a meeting's
minutes, a reconduction noted for the record): that is no defect, so this is
information, not a warning.
""",
       bad='événement non_reconduction "non-reconduction de la convention".\n'
           'durée article 7 : 1 an à compter de la signature renouvellement tacite.',
       good='événement non_reconduction "non-reconduction de la convention".\n'
            'durée article 7 : 1 an à compter de la signature renouvellement tacite.\n'
            'pouvoir dénoncer article 7 : chaque partie peut non_reconduction effet à la reconduction met fin à la '
            'convention.')
def unused_event(ctx: CheckContext) -> Iterator[Diagnostic]:
    used = used_events(ctx.convention)
    for event in ctx.convention.events:
        if event.id not in used:
            yield Diagnostic.of("G005", tr("event `{id}` is declared but no clause uses it: a log entry "
                                           "for it changes nothing", id=event.id), event.span,
                                tr("use it in the clause it belongs to, or remove the declaration"))


@check("G006", "duty-on-non-signatory", Severity.WARNING,
       "a duty is owed by a party that does not sign the convention",
       """
A contract binds only its parties (Code civil art. 1199): a duty put on a party
declared `non signataire` (a contractor, a funder acting under its own
agreement) cannot be enforced against it under this convention. The checker
still tracks it, but a breach by that party is a breach of some other
instrument (the contractor's market, the funder's agreement): cite it with
`lecture` and suppress this warning with the reason, or have the party sign. (Seed 004: the market's contractor sends the
payment requests of art. 5.3 under its market, not under the convention.)
""",
       bad='partie titulaire "Titulaire du marché" non signataire.\n'
           'obligation demande article 5.3 : titulaire doit demande_paiement envers ville avant le 10 de chaque mois.',
       good='partie titulaire "Titulaire du marché".\n'
            'obligation demande article 5.3 : titulaire doit demande_paiement envers ville avant le 10 de chaque mois.')
def duty_on_non_signatory(ctx: CheckContext) -> Iterator[Diagnostic]:
    outsiders = {p.id for p in ctx.convention.parties if not p.signatory}
    for duty in clauses_of(ctx, m.Duty):
        owing = [p for p in bearers(ctx.convention, duty.bearer) if p in outsiders]
        if owing:
            names = ", ".join(f"`{p}`" for p in owing)
            yield Diagnostic.of("G006", tr("{where} is owed by {names}, which does not sign the convention: it "
                                           "cannot be enforced under it (Code civil art. 1199)",
                                           where=where(duty), names=names),
                                duty.bearer.span or duty.span,
                                tr("have the party sign, or record with `lecture` the instrument that binds it"))
