"""Standing duties: ``à tout moment`` (``at any time``), a duty with no date that binds while the
convention runs, breached by the events that show its failure (``méconnue par refus_contrôle``).

Each bound party gets one finding while no such event is logged: *pending*, in force since the
start of the convention (never dropped from ``check``); once the convention (or the party's part,
or the clause) has ended with no breach, it is *discharged*. Each logged breaching event by the
party (an event with no ``by`` counts against every party bound) dated within the convention's
life is a *breach* of its own, dated the day of the event; one before the start or after the end
is noted and not counted.
"""

from __future__ import annotations

from clauses.evaluation.context import Context, article_of, readings_of
from clauses.evaluation.duties import _scope
from clauses.evaluation.schedule import Life
from clauses.findings import Finding, Status
from clauses.i18n import tr
from clauses.language import model as m


def standing_findings(ctx: Context, life: Life, duty: m.Duty) -> list[Finding]:
    findings: list[Finding] = []
    action = ctx.label(duty.action)
    for party, parties in _scope(ctx, duty):
        who = party or tr("the parties")
        start = life.start
        ended = life.end_for(duty, party)
        base = dict(clause=duty.id, kind="duty", article=article_of(duty), parties=parties, due=None,
                    window_start=start)
        explanation = [tr("a standing duty (at any time): in force from {start} while the convention runs, with no "
                          "date of its own", start=start or tr("the start, not known yet"))]
        if duty.violated_by:
            explanation.append(tr("each {event} by {who} while it is in force is a breach",
                                  event=ctx.label(duty.violated_by), who=who))
        else:
            explanation.append(tr("no event is named as its breach (`méconnue par EVENT`): the log can never show "
                                  "it breached"))
        explanation += readings_of(duty)
        notes = []
        breaches = []
        for event in ctx.named(duty.violated_by) if duty.violated_by else ():
            if party is not None and event.by and party not in event.by:
                continue
            if start is None or event.date < start:
                notes.append(ctx.note(event, False, tr("before the convention started: not counted")))
                continue
            if ended is not None and event.date >= ended[0]:
                notes.append(ctx.note(event, False, tr("after the duty stopped applying: {why}", why=ended[1])))
                continue
            breaches.append(event)
        for event in breaches:
            findings.append(Finding(Status.BREACH, message=tr(
                "{action} by {who}, due at any time, is breached by {event} of {date}", action=action, who=who,
                event=ctx.label(event.event), date=event.date),
                events=(ctx.note(event, True, tr("shows the failure")), *notes),
                explanation=tuple(explanation), acted=event.date, **base))
        if breaches:
            continue
        if ended is not None and ended[0] <= ctx.as_of:
            findings.append(Finding(Status.DISCHARGED, message=tr(
                "{action} by {who}, due at any time, no longer applies: {why}; no breach was recorded",
                action=action, who=who, why=ended[1]), events=tuple(notes), explanation=tuple(explanation), **base))
            continue
        message = (tr("{action} by {who} is in force at any time since {start}: no {event} recorded", action=action,
                      who=who, start=start, event=ctx.label(duty.violated_by)) if duty.violated_by and start else
                   tr("{action} by {who} is in force at any time", action=action, who=who))
        findings.append(Finding(Status.PENDING, message=message, events=tuple(notes), explanation=tuple(explanation),
                                extra={"standing": True}, **base))
    return findings
