"""Names in the recurrence constructs (hooks of :mod:`.resolve`): the events a duty's series starts
and stops with, the events a power's window opens with, the clauses whose breach a clause names."""

from __future__ import annotations

from typing import Any, Iterator

from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m
from clauses.language.resolve_conditions import atoms, conditions_of
from clauses.language.source import Span


def event_refs(clause: Any, where: str) -> Iterator[tuple[str, Span | None, str]]:
    series = getattr(clause, "series", None)
    if series is not None:
        for name in (series.event, series.until):
            if name:
                yield name, series.span or clause.span, where
    deadline = getattr(clause, "deadline", None)
    if isinstance(deadline, m.DateOfEvent):
        yield deadline.event, deadline.span or clause.span, where
    for cond in getattr(clause, "conditions", ()):
        if isinstance(cond, m.PowerWindow) and cond.event:
            yield cond.event, cond.span or clause.span, where


def breach_refs(clause: Any) -> Iterator[tuple[str, Span | None, bool]]:
    """The clauses whose breach ``clause`` names: (clause id, where, must it be a duty)."""
    deadline = getattr(clause, "deadline", None)
    if isinstance(deadline, m.AfterBreach):
        yield deadline.clause, deadline.span or clause.span, True
    for cond in conditions_of(clause):
        for atom in atoms(cond):
            if isinstance(atom, m.Breached):
                yield atom.clause, atom.span or clause.span, False


def check_breach_names(conv: m.Convention) -> list[Diagnostic]:
    """A breach of an unknown clause, or of a clause that cannot be breached (N003)."""
    from clauses.language.resolve import _hint

    kinds = {c.id: c for c in conv.clauses}
    breakable = {c.id for c in conv.clauses if isinstance(c, (m.Duty, m.Power, m.Prohibition))}
    duties = {c.id for c in conv.clauses if isinstance(c, m.Duty)}
    found = []
    for clause in conv.clauses:
        for target, span, duty_only in breach_refs(clause):
            wanted = duties if duty_only else breakable
            if target in wanted:
                continue
            if target in kinds:
                what = tr("a duty") if duty_only else tr("a duty, a power or a prohibition")
                message = tr("clause `{id}` names the breach of `{target}`, which is not {what}", id=clause.id,
                             target=target, what=what)
            else:
                message = tr("unknown clause `{target}` in clause `{id}`", target=target, id=clause.id)
            found.append(Diagnostic.of("N003", message, span, _hint(target, wanted, "clause")))
    return found
