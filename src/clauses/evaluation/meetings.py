"""A second meeting *within* N days of a first that failed, deciding under its own rules (issue 10
item 9): « à défaut, une nouvelle assemblée est convoquée dans le mois suivant et délibère à la
majorité des présents » is ``nouvelle assemblée dans un délai de 1 mois statuant à la majorité de
la moitié plus un des présents``.

A meeting is a second one when its decision event records ``convocation`` = 2 or names (``ref``)
an earlier decision of the same kind; the first is the one it names, else the latest earlier
decision of the kind. The second meeting is regular when

- the first failed: it lacked its quorum, or its votes did not reach the vote's majority (« à
  défaut »); a first meeting that decided leaves no ground for a second;
- it comes within the limit, counted forward from the first meeting (CPC art. 641-642): on the
  date of its convocation when the event records one (``convoquée_le`` / ``called_on``), else on
  its own date (``--explain`` says which);
- and, when the vote also states ``seconde convocation au moins N jours après``, not earlier.

It then decides under the rules it states (its quorum, ``sans quorum``, its majority), the vote's
own rules filling in what it does not state.
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation.context import Context
from clauses.events import Event
from clauses.i18n import joined, tr
from clauses.language import model as m

CALLED_ON = ("convoquee le", "convoque le", "date convocation", "called on", "convened on")


def _called_on(decision: Event) -> dt.date | None:
    from clauses.evaluation.counts import attr_of

    for name in CALLED_ON:
        raw = attr_of(decision, name)
        if raw:
            try:
                return dt.date.fromisoformat(str(raw).strip()[:10])
            except ValueError:
                return None
    return None


def _first(ctx: Context, vote: m.Vote, decision: Event, c: dict[str, int]) -> tuple[bool, Event | None]:
    """(is a second meeting, its first meeting)."""
    named = ctx.by_id.get(decision.ref) if decision.ref else None
    if named is not None and named.event == vote.decision and named.date <= decision.date and named is not decision:
        return True, named
    if c.get("convocation") != 2:
        return False, None
    earlier = [e for e in ctx.between(str(vote.decision), None, decision.date) if e is not decision]
    return True, (earlier[-1] if earlier else None)


def second_meeting_rules(ctx: Context, vote: m.Vote, decision: Event, c: dict[str, int], problems: list[str],
                         lines: list[str]) -> tuple[m.CountRule | None, m.CountRule | None] | None:
    """The (quorum, majority) rules a second meeting decides under, its irregularities added to
    ``problems``; None when the decision is not a second meeting (or the vote states none)."""
    rules = vote.second_meeting
    if rules is None:
        return None
    second, first = _first(ctx, vote, decision, c)
    if not second:
        return None
    if first is None:
        problems.append(tr("a second meeting, but no first meeting of {event} is recorded before it",
                           event=ctx.label(str(vote.decision))))
    else:
        from clauses.evaluation.governance import judge

        outcome, failed, _ = judge(ctx, vote, first, as_first=True)
        if not failed and outcome is True:
            problems.append(tr("the first meeting of {date} reached its decision: there is no ground for a second "
                               "meeting", date=first.date))
        else:
            why = joined(failed, tr("{a}; {b}").template) if failed else tr("its majority was not reached")
            lines.append(tr("the first meeting of {date} failed ({why})", date=first.date, why=why))
        called = _called_on(decision)
        measured = called or decision.date
        what = (tr("convened on {date}", date=called) if called else
                tr("held on {date} (its convocation date is not recorded: the meeting date is used)",
                   date=decision.date))
        limit = ctx.after(first.date, rules.within, tr("the first meeting of {date}", date=first.date))
        lines.extend(limit.derivation.explain())
        if measured <= first.date:
            problems.append(tr("the second meeting is {what}, not after the first of {first}", what=what,
                               first=first.date))
        elif measured > limit.date:
            problems.append(tr("the second meeting is {what}, after {limit} (within {within} of the first of "
                               "{first})", what=what, limit=limit.date, within=rules.within, first=first.date))
        else:
            lines.append(tr("second meeting {what}, within {within} of the first of {first} (by {limit})",
                            what=what, within=rules.within, first=first.date, limit=limit.date))
        if vote.second_call is not None:
            earliest = ctx.after(first.date, vote.second_call, tr("the first meeting of {date}", date=first.date),
                                 extend=False).date
            if decision.date < earliest:
                problems.append(tr("second convocation on {date}, before {earliest} ({duration} after the first "
                                   "of {first})", date=decision.date, earliest=earliest,
                                   duration=vote.second_call, first=first.date))
    quorum = None if rules.without_quorum else (rules.quorum_rule or vote.quorum_rule)
    majority = rules.majority_rule or vote.majority_rule
    from clauses.evaluation.governance import rule_text

    lines.append(tr("the second meeting decides under its own rules: quorum {quorum}; majority {majority}",
                    quorum=rule_text(quorum) if quorum else tr("none"), majority=rule_text(majority) if majority
                    else tr("half plus one of the votes cast")))
    return quorum, majority
