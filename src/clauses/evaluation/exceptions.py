"""What lifts a prohibition for one act, and when a prohibition applies at all.

An exception (``sauf accord_écrit de l'autre partie``, ``sauf après conciliation``) is tied to
the act it authorises, never lifted for good by whatever came earlier:

1. an act that names an event (``ref``) of the exception's kind relies on that one only;
2. otherwise an earlier event of that kind serves unless it concerns another act: its ``ref``
   names another logged event, or its ``subject`` is the subject of another act of the kind
   the clause prohibits and not this act's (one containing the other, case ignored, counts as
   the same subject: a subject that only describes the authorisation itself ties it to nothing);
3. each such event authorises one act: the first act that relies on it uses it up.

``si …`` restricts the prohibition to the acts for which the condition holds, on the day of
the act (the act's own attributes); ``sauf si …`` lifts it for the acts for which one holds.
Where the log cannot tell, the prohibition applies.
"""

from __future__ import annotations

from typing import Any

from clauses.events import Event
from clauses.evaluation.conditions import describe, evaluate
from clauses.evaluation.context import Context, article_of, readings_of
from clauses.findings import Finding, Status
from clauses.i18n import joined, tr
from clauses.language import model as m


def same_subject(a: str | None, b: str | None) -> bool:
    """Two stated subjects name the same thing."""
    if not a or not b:
        return False
    x, y = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return x in y or y in x


def concerns(ctx: Context, prior: Event, act: Event) -> bool:
    """Whether an authorisation (or a prior step) can concern this act."""
    if prior.ref and prior.ref in ctx.ids and prior.ref != act.id:
        return False
    if not prior.subject or same_subject(prior.subject, act.subject):
        return True
    return not any(same_subject(prior.subject, other.subject) for other in ctx.named(act.event) if other is not act)


def lifted_by(ctx: Context, clause: m.Prohibition, act: Event, actor: str | None, relied: set[int]) -> Event | None:
    """The earlier event that lifts the prohibition for ``act`` (and is used up by it), or None."""
    from clauses.evaluation.acts import _by_matches

    named = ctx.by_id.get(act.ref) if act.ref else None
    kinds = {exc.event for exc in clause.exceptions}
    for exc in clause.exceptions:
        if named is not None and named.event in kinds:
            pool = [named] if named.event == exc.event and named.date <= act.date else []
        else:
            pool = [p for p in ctx.between(exc.event, None, act.date) if p is not act and concerns(ctx, p, act)]
        for prior in pool:
            if id(prior) in relied or not _by_matches(exc.by, prior, actor, ctx) or ctx.attendance_problem(prior):
                continue
            relied.add(id(prior))
            return prior
    return None


def not_applicable(ctx: Context, clause: m.Prohibition, act: Event, actor: str | None,
                   parties: tuple[str, ...]) -> "Finding | _Unsettled | None":
    """A finding when the clause's conditions settle the act: ``si …`` does not hold (the
    prohibition does not apply), cannot be told from the log (pending: to verify), or a ``sauf si …``
    holds (lifted). :class:`_Unsettled` when a ``sauf si`` cannot be told; None: judge it as usual."""
    if clause.condition is None and not clause.unless:
        return None
    base = dict(clause=clause.id, kind="prohibition", article=article_of(clause), parties=parties, due=None,
                acted=act.date)  # an act has no latest date: `due` None, its date `acted` (docs/check-output.md)
    action = ctx.label(clause.action)
    unknown: list[tuple[Any, Any]] = []
    if clause.condition is not None:
        verdict = evaluate(ctx, clause.condition, act.date, act, actor)
        if verdict.value is False:
            return Finding(Status.DISCHARGED, message=tr(
                "{action} by {who} on {date} is not prohibited: the condition `{cond}` does not hold", action=action,
                who=actor or tr("a party"), date=act.date, cond=describe(clause.condition)),
                events=(ctx.note(act, False, tr("outside the prohibition's condition")),),
                explanation=tuple(verdict.lines) + tuple(readings_of(clause)), **base)
        if verdict.value is None:   # the log cannot tell: not a breach found, an act to verify
            return Finding(Status.PENDING, message=tr(
                "{action} by {who} on {date} cannot be judged: whether `{cond}` holds cannot be told from the log",
                action=action, who=actor or tr("a party"), date=act.date, cond=describe(clause.condition)),
                events=(ctx.note(act, True, tr("the act, to verify")),),
                explanation=tuple(verdict.lines) + tuple(readings_of(clause)), **base)
    for cond in clause.unless:
        verdict = evaluate(ctx, cond, act.date, act, actor)
        if verdict.value is None:
            unknown.append((cond, verdict))
        if verdict.value is True:
            return Finding(Status.FULFILLED, message=tr(
                "{action} by {who} on {date} is permitted: `{cond}` holds", action=action, who=actor or tr("a party"),
                date=act.date, cond=describe(cond)),
                events=(ctx.note(act, True, tr("the act")),),
                explanation=tuple(verdict.lines) + tuple(readings_of(clause)), **base)
    if unknown:   # a `sauf si` the log cannot tell: judged after the authorisations (`sauf accord`), see below
        return _Unsettled(unknown)
    return None


class _Unsettled:
    """The ``sauf si`` conditions of an act that the log cannot tell: if no authorisation lifts
    the prohibition either, the act is to verify, not a breach."""

    def __init__(self, unknown: list):
        self.unknown = unknown

    def finding(self, ctx: Context, clause: m.Prohibition, act: Event, actor: str | None,
                parties: tuple[str, ...]) -> Finding:
        conds = joined([f"`{describe(c)}`" for c, _ in self.unknown], tr("{a} or {b}").template)
        return Finding(Status.PENDING, clause.id, "prohibition", article_of(clause), parties, None,
                       tr("{action} by {who} on {date} cannot be judged: whether {conds} holds, which would permit "
                          "it, cannot be told from the log", action=ctx.label(clause.action),
                          who=actor or tr("a party"), date=act.date, conds=conds),
                       events=(ctx.note(act, True, tr("the act, to verify")),),
                       explanation=tuple(line for _, v in self.unknown for line in v.lines)
                       + tuple(readings_of(clause)), acted=act.date)
