"""The outcome of a counted vote as a condition (governance): « la renonciation ne peut être décidée que
par l'assemblée générale extraordinaire selon les modalités de vote définies à l'article 41 » is
``si décision_renonciation adoptée`` (``… rejetée``, ``… adoptée selon le vote dissolution``, ``… adoptée
à la majorité de 2/3 des membres``).

Which decision: the event judged when it is one (a duty triggered by the decision itself), else the
one the judged act names (its ``ref`` is the id of a decision event of that name), else the latest one
on or before the day. It is judged from the counts recorded on it
(evaluation/governance.py: quorum, majority, second meeting, casting vote) under the rules of the vote
that decides it (``décision X``), or of the vote named (``selon le vote V``: V's rules applied to X), with
the majority the condition states in place of the vote's, if it states one.

- adopted: the meeting was regular (nothing in the counts makes it irregular) and its majority reached;
- rejected: the meeting was regular and its majority not reached;
- unknown: the counts needed are not recorded (a power is then not shown to meet its condition);
- neither, when no decision is recorded or the meeting was irregular (it decided nothing).
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation.context import Context, article_of
from clauses.events import Event
from clauses.i18n import joined, tr
from clauses.language import model as m


def deciding_vote(conv: m.Convention, cond: m.Decided) -> m.Vote | None:
    """The vote whose rules judge the decision: the one named, else the first that decides the event."""
    if cond.vote is not None:
        named = conv.clause(cond.vote)
        return named if isinstance(named, m.Vote) else None
    return next((c for c in conv.clauses if isinstance(c, m.Vote) and c.decision == cond.event), None)


def _decision(ctx: Context, cond: m.Decided, day: dt.date, focus: Event | None) -> Event | None:
    """The decision judged: the event judged itself (a duty triggered by the decision), the one it names
    (``ref``), else the latest on or before the day."""
    if focus is not None and focus.event == cond.event:
        return focus
    if focus is not None and focus.ref:
        named = ctx.by_id.get(focus.ref)
        if named is not None and named.event == cond.event and named.date <= day:
            return named
    return next((e for e in ctx.latest_first(cond.event, day) if e is not focus), None)


def decided_verdict(ctx: Context, cond: m.Decided, day: dt.date, focus: Event | None
                    ) -> tuple[bool | None, list[str], list[Event]]:
    """(value, explanation lines, the decision relied on) of ``cond`` on ``day``."""
    from clauses.evaluation.governance import judge, rule_text

    label = ctx.label(cond.event)
    vote = deciding_vote(ctx.convention, cond)
    if vote is None:   # lint reports it (B025); nothing to judge the decision by
        return None, [tr("no vote clause decides {event}: its outcome cannot be judged", event=label)], []
    decision = _decision(ctx, cond, day, focus)
    if decision is None:
        return False, [tr("no {event} on or before {day}", event=label, day=day)], []
    rules = vote.model_copy(update={"decision": cond.event} | ({"majority_rule": cond.majority}
                                                               if cond.majority is not None else {}))
    outcome, problems, lines = judge(ctx, rules, decision)
    how = tr("under vote `{vote}` (article {article})", vote=vote.id, article=article_of(vote))
    if cond.majority is not None:
        how = tr("{how}, with a majority of {rule}", how=how, rule=rule_text(cond.majority))
    said = [tr("the {event} of {date}, judged {how}:", event=label, date=decision.date, how=how)]
    said += lines
    if problems:
        said.append(tr("the meeting of {date} decided nothing: {why}", date=decision.date,
                       why=joined(problems, tr("{a}; {b}").template)))
        return False, said, [decision]
    if outcome is None:
        said.append(tr("whether the {event} of {date} was adopted cannot be told: its counts are not recorded",
                       event=label, date=decision.date))
        return None, said, [decision]
    said.append(tr("the {event} of {date} was adopted", event=label, date=decision.date) if outcome else
                tr("the {event} of {date} was rejected", event=label, date=decision.date))
    return outcome == (cond.outcome == "adopted"), said, [decision]
