"""The life of a convention: when it starts, when it is renewed, when and why
it ends, when a party leaves, when a clause stops applying.

Built in this order, because each step needs the previous one: the start and
the scheduled renewal dates (from the term), renewal decisions (from votes),
the powers exercised (termination, withdrawal), then the cascades the clause
file states (termination ends the roadmaps, the coordinator's exit ends the
group). Only a valid exercise of a power has effects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import model as m
from ..findings import Finding, Status
from .acts import Exercise, exercises, tallies
from .context import Context, article_of, readings_of

MAX_PERIODS = 400


@dataclass
class Life:
    start: dt.date | None
    start_how: str
    scheduled_end: dt.date | None
    renewals: list[dt.date]                    # every scheduled renewal date (for notices), in order
    end: dt.date | None = None                 # effective end, None while open-ended
    end_reason: str = ""
    departures: dict[str, tuple[dt.date, str]] = field(default_factory=dict)
    clause_ends: dict[str, tuple[dt.date, str]] = field(default_factory=dict)
    exercises: list[Exercise] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def end_for(self, clause: m.ClauseBase, party: str | None) -> tuple[dt.date, str] | None:
        """When a clause stops applying to a party, and why (None: it still applies)."""
        candidates: list[tuple[dt.date, str]] = []
        if self.end is not None and not getattr(clause, "survives", False):
            candidates.append((self.end, self.end_reason))
        if party and party in self.departures:
            candidates.append(self.departures[party])
        if clause.id in self.clause_ends:
            candidates.append(self.clause_ends[clause.id])
        return min(candidates) if candidates else None


def _start(ctx: Context) -> tuple[dt.date | None, str]:
    conv = ctx.convention
    term = conv.term
    anchor = term.start if term else None
    if isinstance(anchor, m.DateAnchor):
        return anchor.date, f"the term starts on {anchor.date.isoformat()} (stated)"
    if isinstance(anchor, m.EventAnchor):
        events = ctx.named(anchor.event)
        if events:
            return events[0].date, f"the term starts with {ctx.label(anchor.event)} on {events[0].date.isoformat()}"
        return None, f"the term starts with {ctx.label(anchor.event)}, which is not in the log"
    if conv.signature and conv.signature.date:
        return conv.signature.date, f"the term starts at the signature on {conv.signature.date.isoformat()}"
    return None, "the convention is undated: its start is unknown"


def build(ctx: Context) -> Life:
    start, how = _start(ctx)
    term = ctx.convention.term
    life = Life(start, how, None, [])
    if term is None or start is None:
        if term is None:
            life.notes.append("the convention states no term: it runs open-ended from its start")
        _apply_acts(ctx, life)
        return life
    if term.end_date:
        first_end = term.end_date
    elif term.duration:
        first_end = ctx.after(start, term.duration, "the start of the term", extend=False).date
    else:
        first_end = None
    if first_end is None:
        _apply_acts(ctx, life)
        return life
    maximum = ctx.after(start, term.maximum, "the start", extend=False).date if term.maximum else None
    renewal = term.renewal if not term.no_renewal else None
    scheduled_end = first_end
    if renewal is not None:
        period = renewal.period or term.duration
        decisions = _renewal_decisions(ctx, renewal)
        current = first_end
        for _ in range(MAX_PERIODS):
            if maximum and current >= maximum:
                scheduled_end = maximum
                break
            life.renewals.append(current)
            renewed, why = _renewed(ctx, renewal, current, decisions, life.renewals)
            if not renewed:
                scheduled_end = current
                life.notes.append(why)
                break
            if why:
                life.notes.append(why)
            if period is None or current > ctx.horizon_end + dt.timedelta(days=3660):
                scheduled_end = None
                break
            current = ctx.after(current, period, "the previous renewal", extend=False).date
        else:  # pragma: no cover - bounded by MAX_PERIODS
            scheduled_end = None
    life.scheduled_end = scheduled_end
    _apply_acts(ctx, life)
    return life


def _renewal_decisions(ctx: Context, renewal: m.Renewal) -> list[tuple[dt.date, bool | None]]:
    if not renewal.decided_by:
        return []
    vote = ctx.convention.clause(renewal.decided_by)
    if not isinstance(vote, m.Vote):
        return []
    return [(t.decision.date, t.outcome) for t in tallies(ctx, vote)]


def _renewed(ctx: Context, renewal: m.Renewal, date: dt.date, decisions: list[tuple[dt.date, bool | None]],
             renewals: list[dt.date]) -> tuple[bool, str]:
    express_only = m.RenewalMode.EXPRESS in renewal.modes and m.RenewalMode.TACIT not in renewal.modes
    if not (express_only and renewal.decided_by):
        return True, ""
    previous = renewals[-2] if len(renewals) > 1 else None
    window = [(d, outcome) for d, outcome in decisions if d <= date and (previous is None or d > previous)]
    if window:
        when, outcome = window[-1]
        if outcome:
            return True, f"renewed on {date.isoformat()} by the decision of {when.isoformat()}"
        return False, f"not renewed on {date.isoformat()}: the decision of {when.isoformat()} does not renew it"
    if date > ctx.as_of:
        return True, f"the renewal of {date.isoformat()} awaits its decision (vote `{renewal.decided_by}`)"
    return False, f"not renewed on {date.isoformat()}: no renewal decision is recorded before that date"


def _apply_acts(ctx: Context, life: Life) -> None:
    """Valid terminations and withdrawals, then the cascades, fix the effective end."""
    life.exercises = exercises(ctx, life.start, life.renewals, life.scheduled_end)
    ends: list[tuple[dt.date, str]] = []
    if life.scheduled_end is not None:
        verb = "ended" if life.scheduled_end <= ctx.as_of else "ends"
        ends.append((life.scheduled_end, f"the term {verb} on {life.scheduled_end.isoformat()}"))
    valid_by_action: dict[str, list[Exercise]] = {}
    for ex in life.exercises:
        if not ex.valid:
            continue
        valid_by_action.setdefault(ex.power.action, []).append(ex)
        who = ex.party or "a party"
        if ex.power.ends_convention:
            ends.append((ex.effective, f"{ex.power.action} by {who} on {ex.event.date.isoformat()} "
                                       f"(article {article_of(ex.power)})"))
        if ex.power.party_leaves and ex.party:
            life.departures.setdefault(ex.party, (ex.effective, f"{who} left on {ex.effective.isoformat()} "
                                                               f"(article {article_of(ex.power)})"))
    for clause in ctx.convention.clauses:
        if not isinstance(clause, m.Consequence):
            continue
        for when, what in _triggers(ctx, clause, valid_by_action):
            reason = f"{what} (article {article_of(clause)})"
            if clause.ends_convention:
                ends.append((when, reason))
            for target in clause.ends_clauses:
                life.clause_ends.setdefault(target, (when, reason))
    if ends:
        life.end, life.end_reason = min(ends)


def _triggers(ctx: Context, clause: m.Consequence, valid: dict[str, list[Exercise]]) -> list[tuple[dt.date, str]]:
    """When a consequence fires: on each valid exercise of the power it names, else on each event."""
    powers = {c.action for c in ctx.convention.clauses if isinstance(c, m.Power)}
    found = []
    if clause.trigger in powers:
        for ex in valid.get(clause.trigger, []):
            if clause.trigger_by is None or (ex.party and ex.party in clause.trigger_by.parties):
                found.append((ex.effective, f"{clause.trigger} by {ex.party or 'a party'} effective "
                                            f"{ex.effective.isoformat()}"))
        return found
    for event in ctx.named(clause.trigger):
        if clause.trigger_by is None or set(clause.trigger_by.parties) & set(event.by):
            found.append((event.date, f"{clause.trigger} on {event.date.isoformat()}"))
    return found


def term_finding(ctx: Context, life: Life) -> Finding | None:
    term = ctx.convention.term
    parties = ctx.parties()
    explanation = [life.start_how] + life.notes + (readings_of(term) if term else [])
    if life.end is not None and life.end <= ctx.as_of:
        return Finding(Status.DISCHARGED, "term", "term", article_of(term) if term else "?", parties, life.end,
                       f"the convention ended on {life.end.isoformat()}: {life.end_reason}",
                       explanation=tuple(explanation))
    if life.end is not None:
        status = Status.UPCOMING if life.end <= ctx.horizon_end else Status.PENDING
        return Finding(status, "term", "term", article_of(term) if term else "?", parties, life.end,
                       f"the convention runs until {life.end.isoformat()}: {life.end_reason}",
                       explanation=tuple(explanation))
    if term is None:
        return None
    upcoming = next((r for r in life.renewals if r > ctx.as_of), None)
    message = (f"the convention is renewed from period to period; next renewal on {upcoming.isoformat()}"
               if upcoming else "the convention has no known end")
    return Finding(Status.PENDING, "term", "term", article_of(term), parties, upcoming, message,
                   explanation=tuple(explanation))
