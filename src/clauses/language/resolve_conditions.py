"""Names in conditions, limits without a number and parameters (hooks of :mod:`.resolve`)."""

from __future__ import annotations

from typing import Any, Iterator

from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m
from clauses.language.source import Span


def conditions_of(clause: Any) -> Iterator[Any]:
    """Every condition tree a clause states (a duty's or prohibition's `si`, `sauf si`, a power's `si`)."""
    if getattr(clause, "condition", None) is not None:
        yield clause.condition
    yield from getattr(clause, "unless", ())
    for cond in getattr(clause, "conditions", ()):
        if isinstance(cond, m.When):
            yield cond.expr
    notice = getattr(clause, "notice", None)       # notice: the exceptions to a power's notice period
    for exception in notice.exceptions if notice is not None else ():
        yield exception.condition


def atoms(cond: Any) -> Iterator[Any]:
    if isinstance(cond, (m.AllOf, m.AnyOf)):
        for item in cond.items:
            yield from atoms(item)
    elif isinstance(cond, m.Not):
        yield from atoms(cond.item)
    else:
        yield cond


def _operands(atom: Any) -> Iterator[m.Operand]:
    if isinstance(atom, m.Comparison):
        yield atom.left
        if atom.right.of is not None:
            yield atom.right.of


def _attrs(expr: Any) -> Iterator[m.Expr]:
    if expr is None:
        return
    if expr.op == "attr":
        yield expr
    for arg in expr.args:
        yield from _attrs(arg)


def event_refs(clause: Any, where: str) -> Iterator[tuple[str, Span | None, str]]:
    """Event names the clause's conditions, numberless limit and amounts mention."""
    for attr in _attrs(getattr(clause, "amount", None)):
        yield str(attr.name).partition(".")[0], attr.span or clause.span, where
    notice = getattr(clause, "notice", None)
    if notice is not None and notice.from_event:      # notice: `préavis de 6 mois à compter de demande`
        yield notice.from_event, notice.span or clause.span, where
    deadline = getattr(clause, "deadline", None)
    if isinstance(deadline, m.Prompt) and deadline.event:
        yield deadline.event, deadline.span or clause.span, where
    for cond in conditions_of(clause):
        for atom in atoms(cond):
            if isinstance(atom, m.Decided):   # governance: a vote's outcome (`X adoptée`)
                yield atom.event, atom.span or clause.span, where
            if isinstance(atom, m.Happened):
                yield atom.event, atom.span or clause.span, where
                for name in atom.since:   # governance: `agrément depuis élection`
                    yield name, atom.span or clause.span, where
            for op in _operands(atom):
                if op.type in ("attr", "between", "since", "total", "count") or (op.type == "until" and op.event):
                    yield str(op.event), op.span or atom.span or clause.span, where
                for name in op.since:     # governance: `… consécutives interrompues par présence`
                    yield name, op.span or atom.span or clause.span, where
                if op.type == "between":
                    yield str(op.until), op.span or atom.span or clause.span, where


def party_refs(clause: Any, where: str) -> Iterator[tuple[str, Span | None, str]]:
    for cond in conditions_of(clause):
        for atom in atoms(cond):
            if isinstance(atom, m.Happened) and atom.by is not None:
                for pid in atom.by.parties:
                    yield pid, atom.by.span or atom.span or clause.span, where
            for op in _operands(atom):    # governance: `nombre de manquement de occupant`
                for pid in (op.by.parties if op.by is not None else ()):
                    yield pid, op.by.span or atom.span or clause.span, where
            if isinstance(atom, m.StatusIs):
                yield atom.party, atom.span or clause.span, where


def check_vote_names(conv: m.Convention) -> list[Diagnostic]:
    """governance: `X adoptée selon le vote V` names a vote clause (N003)."""
    from clauses.language.resolve import _hint

    votes = {c.id for c in conv.clauses if isinstance(c, m.Vote)}
    kinds = {c.id for c in conv.clauses}
    found = []
    for clause in conv.clauses:
        for cond in conditions_of(clause):
            for atom in atoms(cond):
                if not isinstance(atom, m.Decided) or atom.vote is None or atom.vote in votes:
                    continue
                message = (tr("clause `{id}` judges `{event}` under `{vote}`, which is not a vote", id=clause.id,
                              event=atom.event, vote=atom.vote) if atom.vote in kinds else
                           tr("unknown vote `{vote}` in clause `{id}`", vote=atom.vote, id=clause.id))
                found.append(Diagnostic.of("N003", message, atom.span or clause.span, _hint(atom.vote, votes, "clause")))
    return found


def check_units(conv: m.Convention) -> list[Diagnostic]:
    """Units defined twice or from themselves; a count in a unit the convention does not define."""
    found: list[Diagnostic] = []
    units = {u.id: u for u in conv.units}
    bases = {u.of for u in conv.units}
    for unit in conv.units:
        seen, current = {unit.id}, unit.of
        while current in units:
            if current in seen:
                found.append(Diagnostic.of("V019", tr("unit `{name}` is defined from itself", name=unit.id),
                                           unit.span))
                break
            seen.add(current)
            current = units[current].of
    for clause in conv.clauses:
        for cond in conditions_of(clause):
            for atom in atoms(cond):
                if isinstance(atom, m.Comparison) and atom.right.type == "units" and \
                        atom.right.text not in units and atom.right.text not in bases:
                    found.append(Diagnostic.of(
                        "N010", tr("unknown unit `{name}` in clause `{clause}`", name=atom.right.text, clause=clause.id),
                        atom.right.span or clause.span,
                        tr("define it: `unité {name} : 7 heures.`", name=atom.right.text)))
    return found


_HOUR_UNITS = ("hours", "business_hours", "working_hours")


def _durations(node: Any, allowed: bool = False) -> Iterator[tuple[m.Duration, bool]]:
    """Every duration of a model node, and whether hours may count there: only in a limit from or
    before an event (``AfterEvent``, ``BeforeEvent``)."""
    if isinstance(node, m.Duration):
        yield node, allowed
        return
    if isinstance(node, (tuple, list)):
        for item in node:
            yield from _durations(item, allowed)
        return
    if not isinstance(node, m.Node):
        return
    here = isinstance(node, (m.AfterEvent, m.BeforeEvent))
    values = node.__dict__
    for name in type(node).model_fields:
        value = values[name]
        if name != "span" and isinstance(value, _BRANCHES):   # names, numbers, dates hold no duration
            yield from _durations(value, here)


_BRANCHES = (m.Node, tuple, list)


def check_hours(conv: m.Convention) -> list[Diagnostic]:
    """notice: a limit in hours runs from or before an event; elsewhere (a term, a period, a notice
    before the term end, a condition) time counts in days, months or years (V031)."""
    found = []
    for node in (conv.term, *conv.clauses):
        for duration, allowed in _durations(node):
            if duration.unit.value in _HOUR_UNITS and not allowed:
                found.append(Diagnostic.of(
                    "V031", tr("a limit of {duration} can only run from an event (`dans un délai de 72 heures à "
                               "compter de X`) or before one (`au moins 48 heures avant chaque X`)",
                               duration=str(duration)),
                    duration.span or getattr(node, "span", None),
                    tr("count it in days here (`3 jours`, `1 jour ouvrable`), with a reading if the text says hours")))
    return found


def check_parameters(conv: m.Convention) -> list[Diagnostic]:
    """Parameters declared twice; parameters a condition uses that the file does not declare."""
    found: list[Diagnostic] = list(check_units(conv)) + check_hours(conv)
    seen: dict[str, m.Parameter] = {}
    for param in conv.parameters:
        if param.id in seen:
            found.append(Diagnostic.of("N004", tr("parameter `{name}` is defined twice", name=param.id), param.span))
        seen.setdefault(param.id, param)
    return found
