"""The graph of a convention: parties, clauses, events, articles, the term — and
how they depend on each other. The only module that imports networkx.

Nodes are strings ``kind:id`` (``party:h2p``, ``clause:résilier``,
``event:mise_en_demeure``, ``article:11``, ``term``, ``body:copil``) with a
``kind`` and a ``label``. Edges carry a ``relation``:

- ``bears`` party → clause (who owes the duty, holds the power, is bound by the prohibition)
- ``owed_to`` clause → party (recipients)
- ``fulfils`` / ``exercises`` / ``violates`` event → clause (the clause's own act)
- ``triggers`` / ``conditions`` / ``lifts`` / ``ballot`` / ``decides`` event → clause
- ``cites`` clause → article, ``anchored_to`` clause → term, ``ends`` consequence → clause or term
- ``member`` body → party

A clause *depends on* another when one of its triggers, conditions or lifting
events is the act of the other (a termination depends on the formal notice a
duty produces), when it is anchored to the term, or when a consequence ends it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable

import networkx as nx

from clauses.language import model as m

ACT_RELATIONS = {"fulfils", "exercises", "violates"}
NEED_RELATIONS = {"triggers", "conditions", "lifts"}


def _party(pid: str) -> str:
    return f"party:{pid}"


def _clause(cid: str) -> str:
    return f"clause:{cid}"


def _event(eid: str) -> str:
    return f"event:{eid}"


def bearers(conv: m.Convention, bearer: m.Bearer) -> tuple[str, ...]:
    """The parties a bearer designates (each, joint and others all mean every signatory)."""
    if bearer.type == "list":
        return bearer.parties
    return tuple(p.id for p in conv.parties if p.signatory)


def recipients(conv: m.Convention, rec: m.Recipients | None, bearer: tuple[str, ...]) -> tuple[str, ...]:
    if rec is None or rec.type == "outsiders":
        return ()
    if rec.type == "parties":
        return rec.names
    signatories = tuple(p.id for p in conv.parties if p.signatory)
    if rec.type == "all":
        return signatories
    return tuple(p for p in signatories if p not in bearer) or signatories


def _condition_events(clause: m.ClauseBase) -> Iterable[tuple[str, str]]:
    deadline = getattr(clause, "deadline", None)
    if isinstance(deadline, (m.BeforeEvent, m.AfterEvent)):
        yield deadline.event, "triggers"
    for cond in getattr(clause, "conditions", ()):
        if getattr(cond, "event", None):
            yield cond.event, "conditions"
    from clauses.language.resolve_conditions import atoms, conditions_of

    for expr in conditions_of(clause):   # governance: a decision whose outcome the clause needs (`X adoptée`)
        for atom in atoms(expr):
            if isinstance(atom, m.Decided):
                yield atom.event, "conditions"
    for exc in getattr(clause, "exceptions", ()):
        yield exc.event, "lifts"
    if isinstance(clause, m.Consequence):
        yield clause.trigger, "triggers"
    if isinstance(clause, m.Vote):
        if clause.ballots:
            yield clause.ballots, "ballot"
        if clause.decision:
            yield clause.decision, "decides"


def build_graph(conv: m.Convention) -> nx.MultiDiGraph:
    """The graph of one convention (a multigraph: two clauses may share an event twice)."""
    g = nx.MultiDiGraph(title=conv.title)
    for p in conv.parties:
        g.add_node(_party(p.id), kind="party", label=p.name, role=p.role or "", signatory=p.signatory)
    for e in conv.events:
        g.add_node(_event(e.id), kind="event", label=e.label or e.id)
    for b in conv.bodies:
        g.add_node(f"body:{b.id}", kind="body", label=b.label or b.id)
        for pid in ((b.chair,) if b.chair else ()) + b.deliberative:
            g.add_edge(f"body:{b.id}", _party(pid), relation="member")
    if conv.term is not None:
        g.add_node("term", kind="term", label="term")
        for c in conv.term.citations:
            g.add_edge("term", f"article:{c.label}", relation="cites")
    for clause in conv.clauses:
        node = _clause(clause.id)
        g.add_node(node, kind=clause.kind, label=clause.id, survives=getattr(clause, "survives", False))
        for c in clause.citations:
            g.add_node(f"article:{c.label}", kind="article",
                       label=c.label if c.within else f"article {c.label}")
            g.add_edge(node, f"article:{c.label}", relation="cites")
        bearer = getattr(clause, "bearer", None)
        owners: tuple[str, ...] = ()
        if bearer is not None:
            owners = bearers(conv, bearer)
            for pid in owners:
                g.add_edge(_party(pid), node, relation="bears")
            for pid in recipients(conv, getattr(clause, "recipients", None), owners):
                g.add_edge(node, _party(pid), relation="owed_to")
        if isinstance(clause, m.Vote):
            for pid in clause.voters:
                g.add_edge(_party(pid), node, relation="bears")
        action = getattr(clause, "action", None)
        if action:
            relation = {"duty": "fulfils", "power": "exercises", "prohibition": "violates"}[clause.kind]
            g.add_edge(_event(action), node, relation=relation)
        for event, relation in _condition_events(clause):
            g.add_edge(_event(event), node, relation=relation)
        if _anchored_to_term(clause):
            g.add_edge(node, "term", relation="anchored_to")
        if isinstance(clause, m.Consequence):
            for target in clause.ends_clauses:
                g.add_edge(node, _clause(target), relation="ends")
            if clause.ends_convention:
                g.add_edge(node, "term", relation="ends")
    for node, data in g.nodes(data=True):  # nodes only referenced (undeclared) still get a kind
        if "kind" not in data:
            data["kind"] = node.split(":", 1)[0]
            data["label"] = node.split(":", 1)[-1]
            data["undeclared"] = True
    return g


def _anchored_to_term(clause: m.ClauseBase) -> bool:
    deadline = getattr(clause, "deadline", None)
    if isinstance(deadline, (m.BeforeTerm, m.BeforeRenewal)):
        return True
    return any(isinstance(c, (m.NoticeCondition, m.NotInFirstYear)) for c in getattr(clause, "conditions", ()))


# ------------------------------------------------------------------ queries
def _edges(g: nx.MultiDiGraph, relations: set[str]) -> Iterable[tuple[str, str]]:
    for u, v, data in g.edges(data=True):
        if data.get("relation") in relations:
            yield u, v


def dependencies(g: nx.MultiDiGraph) -> nx.DiGraph:
    """Clause → clause it depends on (through an event it needs that the other performs)."""
    deps = nx.DiGraph()
    deps.add_nodes_from(n for n, d in g.nodes(data=True) if n.startswith("clause:"))
    producers: dict[str, list[str]] = {}
    for event, clause in _edges(g, ACT_RELATIONS):
        producers.setdefault(event, []).append(clause)
    for event, clause in _edges(g, NEED_RELATIONS):
        for producer in producers.get(event, []):
            if producer != clause:
                deps.add_edge(clause, producer, via=event)
    for consequence, target in _edges(g, {"ends"}):
        if target.startswith("clause:"):
            deps.add_edge(target, consequence, via="ends")
    return deps


def depends_on(g: nx.MultiDiGraph, clause_id: str) -> list[str]:
    deps = dependencies(g)
    node = _clause(clause_id)
    return sorted(n.split(":", 1)[1] for n in nx.descendants(deps, node)) if node in deps else []


def dependents(g: nx.MultiDiGraph, clause_id: str) -> list[str]:
    deps = dependencies(g)
    node = _clause(clause_id)
    return sorted(n.split(":", 1)[1] for n in nx.ancestors(deps, node)) if node in deps else []


def condition_cycles(g: nx.MultiDiGraph) -> list[list[str]]:
    """Cycles among clauses' conditions (A needs B's act, B needs A's act)."""
    return [sorted(c.split(":", 1)[1] for c in cycle) for cycle in nx.simple_cycles(dependencies(g))]


@dataclass(frozen=True)
class Owed:
    clause: str
    kind: str
    to: tuple[str, ...]


def owes(g: nx.MultiDiGraph, party_id: str) -> list[Owed]:
    """What a party owes (duties, prohibitions it is bound by, votes it casts) and to whom."""
    found = []
    for _, clause, data in g.out_edges(_party(party_id), data=True):
        if data.get("relation") != "bears":
            continue
        kind = g.nodes[clause].get("kind")
        if kind == "power":
            continue
        to = tuple(sorted(v.split(":", 1)[1] for _, v, d in g.out_edges(clause, data=True)
                          if d.get("relation") == "owed_to"))
        found.append(Owed(clause.split(":", 1)[1], kind, to))
    return sorted(found, key=lambda o: o.clause)


def rights(g: nx.MultiDiGraph, party_id: str) -> list[str]:
    return sorted(c.split(":", 1)[1] for _, c, d in g.out_edges(_party(party_id), data=True)
                  if d.get("relation") == "bears" and g.nodes[c].get("kind") == "power")


def impact_of_departure(conv: m.Convention, g: nx.MultiDiGraph, party_id: str) -> dict[str, list[str]]:
    """What falls if a party leaves: its own clauses, what was owed to it, and cascades it triggers."""
    own = sorted({o.clause for o in owes(g, party_id)} | set(rights(g, party_id)))
    owed_to_it = sorted(u.split(":", 1)[1] for u, _, d in g.in_edges(_party(party_id), data=True)
                        if d.get("relation") == "owed_to")
    cascades = []
    leaving = {c.action for c in conv.clauses if isinstance(c, m.Power) and c.party_leaves}
    for clause in conv.clauses:
        if isinstance(clause, m.Consequence) and clause.trigger in leaving:
            by = clause.trigger_by
            if by is None or party_id in by.parties:
                cascades.append(clause.id)
    ends_all = any(conv.clause(c).ends_convention for c in cascades)
    return {"own_clauses": own, "owed_to_it": owed_to_it, "cascades": sorted(cascades),
            "convention_ends": ["yes"] if ends_all else []}


def impact_of_termination(conv: m.Convention) -> dict[str, list[str]]:
    """What ends with the convention, and what survives it."""
    survive = sorted(c.id for c in conv.clauses if getattr(c, "survives", False))
    fall = sorted(c.id for c in conv.clauses if not getattr(c, "survives", False) and c.kind != "reading")
    return {"ends": fall, "survives": survive}


# ------------------------------------------------------------------ rendering
def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


SHAPES = {"party": "box", "event": "ellipse", "article": "note", "term": "doubleoctagon", "body": "component"}


def to_dot(g: nx.MultiDiGraph) -> str:
    lines = [f"digraph {_quote(g.graph.get('title', 'convention'))} {{", "  rankdir=LR;"]
    for node, data in sorted(g.nodes(data=True)):
        shape = SHAPES.get(data.get("kind"), "box")
        style = ', style="rounded"' if data.get("kind") not in SHAPES else ""
        lines.append(f"  {_quote(node)} [label={_quote(data.get('kind', '') + ': ' + data.get('label', node))}, "
                     f"shape={shape}{style}];")
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("relation", ""))):
        lines.append(f"  {_quote(u)} -> {_quote(v)} [label={_quote(data.get('relation', ''))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_json(g: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(g, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], e.get("relation", "")))
    for edge in data["edges"]:
        edge.pop("key", None)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
