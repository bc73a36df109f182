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

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Iterable

from clauses.events import Event
from clauses.evaluation.conditions import describe, evaluate
from clauses.evaluation.context import Context, article_of, readings_of
from clauses.findings import Finding, Status
from clauses.i18n import tr
from clauses.language import model as m


@lru_cache(maxsize=1 << 16)
def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def same_subject(a: str | None, b: str | None) -> bool:
    """Two stated subjects name the same thing."""
    if not a or not b:
        return False
    x, y = _folded(a), _folded(b)
    return x in y or y in x


def _subject_of_some(ctx: Context, kind: str, subject: str) -> bool:
    """Whether some act of ``kind`` states ``subject`` (``same_subject``), once per (kind, subject):
    otherwise every act would compare every earlier authorisation with every other act."""
    key = ("subject_of_some", kind, subject)
    found = ctx.memo.get(key)
    if found is None:
        folded = ctx.memo.get(("folded_subjects", kind))
        if folded is None:
            folded = ctx.memo[("folded_subjects", kind)] = [_folded(e.subject) for e in ctx.named(kind) if e.subject]
        x = _folded(subject)
        found = ctx.memo[key] = any(x in y or y in x for y in folded)
    return found


def concerns(ctx: Context, prior: Event, act: Event) -> bool:
    """Whether an authorisation (or a prior step) can concern this act."""
    if prior.ref and prior.ref in ctx.ids and prior.ref != act.id:
        return False
    if not prior.subject or same_subject(prior.subject, act.subject):
        return True
    # the act itself does not state the prior's subject (just checked): any act of its kind that does is another
    return not _subject_of_some(ctx, act.event, prior.subject)


@dataclass
class Relied:
    """The authorisations already used up under one clause (each lifts the prohibition for one act),
    and, per kind of authorisation, how many of the earliest can no longer serve any act (used up
    or failing their attendance), so that each act skips them at once."""
    used: set[int] = field(default_factory=set)
    spent: dict[str, int] = field(default_factory=dict)

    def skip(self, ctx: Context, kind: str) -> int:
        events, start = ctx.named(kind), self.spent.get(kind, 0)
        while start < len(events) and (id(events[start]) in self.used or ctx.attendance_problem(events[start])):
            start += 1
        self.spent[kind] = start
        return start


def lifted_by(ctx: Context, clause: m.Prohibition, act: Event, actor: str | None, relied: Relied) -> Event | None:
    """The earlier event that lifts the prohibition for ``act`` (and is used up by it), or None."""
    from clauses.evaluation.acts import _by_matches

    named = ctx.by_id.get(act.ref) if act.ref else None
    kinds = {exc.event for exc in clause.exceptions}
    for exc in clause.exceptions:
        if named is not None and named.event in kinds:
            pool: Iterable[Event] = [named] if named.event == exc.event and named.date <= act.date else []
        else:
            pool = islice(ctx.between(exc.event, None, act.date), relied.skip(ctx, exc.event), None)
        for prior in pool:
            if prior is act or id(prior) in relied.used or not concerns(ctx, prior, act):
                continue
            if not _by_matches(exc.by, prior, actor, ctx) or ctx.attendance_problem(prior):
                continue
            relied.used.add(id(prior))
            return prior
    return None


def not_applicable(ctx: Context, clause: m.Prohibition, act: Event, actor: str | None,
                   parties: tuple[str, ...]) -> Finding | None:
    """A finding when the clause's conditions settle the act: ``si …`` does not hold (the
    prohibition does not apply) or a ``sauf si …`` holds (lifted). None: judge it as usual."""
    if clause.condition is None and not clause.unless:
        return None
    base = dict(clause=clause.id, kind="prohibition", article=article_of(clause), parties=parties, due=None,
                acted=act.date)  # an act has no latest date: `due` None, its date `acted` (docs/check-output.md)
    action = ctx.label(clause.action)
    if clause.condition is not None:
        verdict = evaluate(ctx, clause.condition, act.date, act, actor)
        if verdict.value is False:
            return Finding(Status.DISCHARGED, message=tr(
                "{action} by {who} on {date} is not prohibited: the condition `{cond}` does not hold", action=action,
                who=actor or "a party", date=act.date, cond=describe(clause.condition)),
                events=(ctx.note(act, False, tr("outside the prohibition's condition")),),
                explanation=tuple(verdict.lines) + tuple(readings_of(clause)), **base)
    for cond in clause.unless:
        verdict = evaluate(ctx, cond, act.date, act, actor)
        if verdict.value is True:
            return Finding(Status.FULFILLED, message=tr(
                "{action} by {who} on {date} is permitted: `{cond}` holds", action=action, who=actor or "a party",
                date=act.date, cond=describe(cond)),
                events=(ctx.note(act, True, tr("the act")),),
                explanation=tuple(verdict.lines) + tuple(readings_of(clause)), **base)
    return None
