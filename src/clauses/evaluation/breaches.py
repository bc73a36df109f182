"""Clauses that follow another clause's breach (issue 10, item 8).

- ``si manquement à rapport`` (``en cas de manquement à``), ``sous réserve du respect de
  rapport`` (``non manquement à rapport``): a condition on another clause's verdicts. A duty is
  breached from the day after the due date of an instance not done in time; a power from the day
  of an act that exercises it without its conditions; a prohibition from the day of a prohibited
  act. The breach holds from that day on (a later act does not erase it).
- ``dès manquement à loyer persistant pendant 1 mois``, ``dans un délai de 15 jours après
  manquement à rapport``: a limit counted from each breach of another duty; with ``persistant
  pendant``, from the end of that time after the breached instance's due date, and only if the
  instance is still not done then.

The verdicts named are computed once per check (cached in the context). A power that depends on
a breach is judged while the convention's life is being built: the breached clause is then judged
over a provisional life that leaves out the powers depending on breaches. A cycle of clauses
depending on each other's breaches is reported by lint (T160); at evaluation its conditions
cannot be told and say so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterator, NamedTuple

from clauses.evaluation.context import Context
from clauses.evaluation.duties import Instance, _limit, _scope
from clauses.evaluation.schedule import Life
from clauses.findings import Finding, Status
from clauses.i18n import tr
from clauses.language import model as m

_IN_PROGRESS = object()


class Breach(NamedTuple):
    since: dt.date           # the first day the clause stands breached
    finding: Finding


def depends_on_breach(clause: m.ClauseBase) -> bool:
    """Whether a clause's conditions or limit name another clause's breach."""
    from clauses.language.resolve_conditions import atoms, conditions_of

    if isinstance(getattr(clause, "deadline", None), m.AfterBreach):
        return True
    return any(isinstance(a, m.Breached) for cond in conditions_of(clause) for a in atoms(cond))


def _life(ctx: Context) -> tuple[Context, Life]:
    """The convention's life, or while it is being built, a provisional one without the powers that
    depend on breaches."""
    if ctx.life is not None:
        return ctx, ctx.life
    cached = ctx.verdicts.get("\0provisional")
    if cached is None:
        from clauses.evaluation.schedule import build

        conv = ctx.convention
        kept = tuple(c for c in conv.clauses if not (isinstance(c, m.Power) and depends_on_breach(c)))
        other = dataclasses.replace(ctx, convention=conv.model_copy(update={"clauses": kept}), verdicts={}, memo={})
        cached = ctx.verdicts["\0provisional"] = (other, build(other))
    return cached


def _judge(ctx: Context, clause: m.ClauseBase) -> list[Breach]:
    from clauses.evaluation.acts import power_findings, prohibition_findings
    from clauses.evaluation.duties import findings_for

    own, life = _life(ctx)
    if isinstance(clause, m.Duty):
        return [Breach(f.due + dt.timedelta(days=1), f) for f in findings_for(ctx, life, clause)
                if f.status is Status.BREACH and f.due is not None]
    if isinstance(clause, m.Power):
        done = [ex for ex in life.exercises if ex.power.id == clause.id]
        return [Breach(f.acted, f) for f in power_findings(own, done) if f.status is Status.BREACH and f.acted]
    if isinstance(clause, m.Prohibition):
        return [Breach(f.acted, f) for f in prohibition_findings(own, life.end_for)
                if f.clause == clause.id and f.status is Status.BREACH and f.acted]
    return []


def _cyclic(ctx: Context) -> frozenset[str]:
    """The clauses on a cycle of breach dependencies (lint T160): none of their verdicts can be told."""
    found = ctx.verdicts.get("\0cyclic")
    if found is None:
        import networkx as nx

        from clauses.language.resolve_recurrence import breach_refs

        graph = nx.DiGraph((c.id, target) for c in ctx.convention.clauses for target, _, _ in breach_refs(c))
        found = ctx.verdicts["\0cyclic"] = frozenset(i for cycle in nx.simple_cycles(graph) for i in cycle)
    return found


def breaches(ctx: Context, clause_id: str) -> list[Breach] | None:
    """Every breach of a clause, earliest first; None when it cannot be told (the clause's own verdicts
    depend on the clause asking: a cycle, which lint reports)."""
    if clause_id in _cyclic(ctx):
        return None
    cached = ctx.verdicts.get(clause_id)
    if cached is _IN_PROGRESS:
        return None
    if cached is not None:
        return cached
    clause = ctx.convention.clause(clause_id)
    if clause is None:
        return []
    ctx.verdicts[clause_id] = _IN_PROGRESS
    try:
        found = sorted(_judge(ctx, clause), key=lambda b: b.since)
    except BaseException:
        ctx.verdicts.pop(clause_id, None)
        raise
    ctx.verdicts[clause_id] = found
    return found


def breached_verdict(ctx: Context, cond: m.Breached, day: dt.date) -> tuple[bool | None, list[str]]:
    """Whether ``cond.clause`` stands breached on ``day``, and the lines that say why."""
    found = breaches(ctx, cond.clause)
    if found is None:
        return None, [tr("whether `{clause}` is breached cannot be told: its verdicts depend on its own breach "
                         "(a cycle, lint T160)", clause=cond.clause)]
    earlier = [b for b in found if b.since <= day]
    if earlier:
        first = earlier[0]
        return True, [tr("`{clause}` is breached since {date}: {message}", clause=cond.clause, date=first.since,
                         message=first.finding.message)]
    return False, [tr("`{clause}` is not breached on or before {day}", clause=cond.clause, day=day)]


def breach_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.AfterBreach) -> Iterator[Instance]:
    """One instance per breach of the clause named (per bearer), from the day it triggers the duty."""
    found = breaches(ctx, deadline.clause) or []
    breached = ctx.convention.clause(deadline.clause)
    extend = True if duty.extend is None else duty.extend
    for breach in found:
        what, start = _trigger(ctx, deadline, breach, breached, extend)
        if start is None or start > ctx.as_of:
            continue    # not triggered: done within the time it was given, or that time still runs
        label = tr("the breach of `{clause}` ({what})", clause=deadline.clause, what=what)
        for party, parties in _scope(ctx, duty):
            if deadline.duration is None:
                yield Instance(party, parties, None, start, tr("as soon as {label}", label=label),
                               unknown=tr("due now since {label}: the article gives no number of days", label=label))
                continue
            due, unknown = _limit(lambda: ctx.after(start, deadline.duration, label, extend=extend,
                                                    month_rule=duty.month_rule))
            yield Instance(party, parties, due, start, tr("within {duration} of {label}", duration=deadline.duration,
                                                          label=label), unknown=unknown)


def _trigger(ctx: Context, deadline: m.AfterBreach, breach: Breach, breached: m.ClauseBase,
             extend: bool) -> tuple[str, dt.date | None]:
    """How a breach triggers the duty, and from which day (None: it does not)."""
    due = breach.finding.due
    if deadline.lasting is None or due is None:
        return tr("breached since {date}", date=breach.since), breach.since
    ran = ctx.after(due, deadline.lasting, tr("its due date {date}", date=due), extend=extend)
    start = ran.date + dt.timedelta(days=1)
    action = getattr(breached, "action", None)
    done = next((e for e in ctx.between(action, breach.since, ran.date)
                 if not breach.finding.parties or set(e.by) & set(breach.finding.parties)), None) if action else None
    if done is not None:
        return tr("done on {date}, within {lasting} of its due date {due}", date=done.date,
                  lasting=deadline.lasting, due=due), None
    return tr("still not done {lasting} after its due date {due}, on {date}", lasting=deadline.lasting, due=due,
              date=ran.date), start
