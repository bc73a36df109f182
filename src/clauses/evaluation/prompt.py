"""Duties with a condition (``si …``) and duties whose limit has no number (``sans délai``).

A conditional duty is judged instance by instance: the condition is evaluated on the day
of the instance's trigger (its attributes are those of the trigger), else on its due date
(or today, whichever is earlier). When it does not hold the instance is reported as
discharged, with why; when the log cannot tell, the duty applies and the explanation says so.

A limit without a number is due as soon as its trigger happens: ``sans délai après
signalement`` from each ``signalement`` (its receipt with ``dès réception de``), ``à
l'issue de mission`` from each ``mission``, ``au terme`` at the term end, and from the start
of the convention when it names no trigger. Such an instance has no due date: done after
the trigger, it is fulfilled; not yet done, it is reported as pending and *due now*, never
as a breach and never dropped. A reading ``lecture 8 jours car "…"`` gives it a number of
days: it is then judged as ``dans un délai de 8 jours``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Iterator

from clauses.evaluation.conditions import describe, evaluate
from clauses.evaluation.context import Context
from clauses.evaluation.duties import (INSTANCES, Instance, _fixed, _limit, _recurring, _scope, assess,
                                       from_term_end, triggers)
from clauses.evaluation.schedule import Life
from clauses.findings import Finding, Status
from clauses.i18n import tr, trn
from clauses.language import model as m

MANNERS = {"without_delay": tr("without delay"), "immediately": tr("immediately"),
           "promptly": tr("as soon as possible"), "on_demand": tr("on first demand of"), "as_soon_as": tr("as soon as"),
           "at_end": tr("at the end of"), "at_term": tr("at the term end"),
           "no_limit": tr("with no time limit"), "at_any_time": tr("at any time")}


def prompt_instances(ctx: Context, life: Life, duty: m.Duty, deadline: m.Prompt) -> Iterator[Instance]:
    """One instance per trigger (or one from the start / at the term end)."""
    words = MANNERS[deadline.manner]
    extend = True if duty.extend is None else duty.extend
    if deadline.point is not None:   # issue 10 item 5: from the term end, from the end of each period
        from clauses.evaluation.anchors import point_prompt_instances

        yield from point_prompt_instances(ctx, life, duty, deadline, words, extend)
        return
    if deadline.manner == "at_term" or deadline.event is None:
        if deadline.manner == "at_term":
            anchor, label = life.scheduled_end, tr("the term end")
        else:
            anchor, label = life.start, tr("the start of the convention")
        for party, parties in _scope(ctx, duty):
            if anchor is None:
                yield Instance(party, parties, None, life.start, words, unknown=tr("{what} is not known", what=label))
                continue
            yield _instance(ctx, life, duty, party, parties, anchor, tr("{what} ({date})", what=label, date=anchor),
                            words, None,
                            extend, window=life.start if deadline.manner == "at_term" else anchor)
        return
    for trigger, anchor, label in triggers(ctx, life, deadline.event, deadline.from_receipt):
        what = (tr("{manner} {event}", manner=words, event=deadline.event)
                if deadline.manner in ("as_soon_as", "at_end", "on_demand") else
                tr("{manner} after {event}", manner=words, event=deadline.event))
        for party, parties in _scope(ctx, duty, trigger):
            yield _instance(ctx, life, duty, party, parties, anchor, label, what, trigger, extend, window=anchor)


def _instance(ctx: Context, life: Life, duty: m.Duty, party, parties, anchor: dt.date, label: str, what: str, trigger,
              extend: bool, window: dt.date | None) -> Instance:
    if duty.read_as is not None:
        due, unknown = _limit(lambda: ctx.after(anchor, duty.read_as, label, extend=extend,
                                                month_rule=duty.month_rule))
        return Instance(party, parties, due, window, tr("{what}, read as {duration}", what=what,
                                                        duration=duty.read_as), trigger=trigger, unknown=unknown)
    if duty.deadline.manner == "at_term":   # on the term end itself: a fixed date, the day the term ends
        fixed = next(_fixed(ctx, life, duty.model_copy(update={"bearer": m.Bearer(type="joint")}),
                            m.FixedDate(date=anchor)))
        return Instance(party, parties, fixed.due, window, tr("{what} ({date})", what=what, date=anchor),
                        trigger=trigger)
    return Instance(party, parties, None, window, what, trigger=trigger,
                    unknown=tr("due now since {label}: the article gives no number of days", label=label))


from clauses.evaluation.payments import open_note   # money: instalments begun


def _due_now(ctx: Context, life: Life, duty: m.Duty, inst: Instance, finding: Finding) -> Finding:
    """A numberless instance not done: pending and due now (discharged once the clause stopped applying)."""
    if finding.status is not Status.PENDING or inst.due is not None:
        return finding
    ended = life.end_for(duty, inst.party)
    since = inst.window_start
    if ended is not None and ended[0] <= ctx.as_of:
        return dataclasses.replace(finding, status=Status.DISCHARGED,
                                   message=tr("{action} by {who} no longer due: {why}", action=ctx.label(duty.action),
                                              who=inst.party or tr("the parties"), why=ended[1]))
    who = inst.party or tr("the parties")
    if since is not None and since > ctx.as_of:   # issue 10 item 5: its point (the term end) is still to come
        return dataclasses.replace(finding, message=tr("{action} by {who} will be due from {since} ({what})",
                                                       action=ctx.label(duty.action), who=who, since=since,
                                                       what=inst.what))
    elapsed = (ctx.as_of - since).days if since else None
    message = (trn("{action} by {who} is due now ({what}): not done {days} day after {since}",
                   "{action} by {who} is due now ({what}): not done {days} days after {since}", elapsed,
                   action=ctx.label(duty.action), who=who, what=inst.what, days=elapsed, since=since)
               if since and elapsed else
               tr("{action} by {who} is due now ({what})", action=ctx.label(duty.action), who=who, what=inst.what))
    # money: instalments begun, or an act that pays less than the amount; any duty: why the act logged
    # did not count (sent by the wrong channel, by another party…), so that "due now" never hides it
    paid = open_note(finding.extra) or next((e.reason for e in finding.events if not e.counted), "")
    message = tr("{message}: {short}", message=message, short=paid) if paid else message
    return dataclasses.replace(finding, message=message, extra={**finding.extra, "due_now": True},
                               explanation=finding.explanation + (tr(
                                   "a limit without a number is never a breach by itself; record a reading "
                                   "(`lecture 8 jours car \"…\"`) to check it against a number of days"),))


def applicable_duty_findings(ctx: Context, life: Life, duty: m.Duty) -> list[Finding]:
    """Findings of a duty with a condition or a limit without a number."""
    deadline = duty.deadline
    if isinstance(deadline, (m.Recurrence, m.BeforePeriodEnd)):
        return [_apply_condition(ctx, duty, None, f, f.due or ctx.as_of) for f in _recurring(ctx, life, duty)]
    # the term's own end: a duty due on it is not discharged by it
    judged = from_term_end(duty)
    if isinstance(deadline, m.AfterBreach):   # recurrence: a limit counted from another duty's breach
        from clauses.evaluation.breaches import breach_instances as generate
    else:
        generate = prompt_instances if isinstance(deadline, m.Prompt) else INSTANCES[type(deadline)]
    used: set[int] = set()
    findings = []
    for inst in generate(ctx, life, duty, deadline):
        day = inst.trigger.date if inst.trigger else min(inst.due.date, ctx.as_of) if inst.due else ctx.as_of
        # an instance whose condition does not hold uses up no act: the act stays for the one it answers
        holds = duty.condition is None or evaluate(ctx, duty.condition, day, inst.trigger).value is not False
        finding = _due_now(ctx, life, judged, inst, assess(ctx, life, judged, inst, used if holds else set(used)))
        findings.append(_apply_condition(ctx, duty, inst.trigger, finding, day))
    return findings


def _apply_condition(ctx: Context, duty: m.Duty, trigger, finding: Finding, day: dt.date) -> Finding:
    if duty.condition is None:
        return finding
    verdict = evaluate(ctx, duty.condition, day, trigger)
    lines = tuple(verdict.lines)
    if verdict.value is False:
        return dataclasses.replace(finding, status=Status.DISCHARGED, message=tr(
            "{action} by {who} does not apply: its condition `{cond}` does not hold", action=ctx.label(duty.action),
            who=", ".join(finding.parties) or "the parties", cond=describe(duty.condition)),
            explanation=lines + finding.explanation)
    if verdict.value is None:
        lines += (tr("the log cannot tell whether `{cond}` holds: the duty is taken to apply",
                     cond=describe(duty.condition)),)
    return dataclasses.replace(finding, explanation=lines + finding.explanation)
