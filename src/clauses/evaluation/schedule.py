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

from clauses.language import model as m
from clauses.findings import Finding, Status
from clauses.i18n import tr
from clauses.term import LAST_YEAR, first_end as scheduled_first_end, renewal_dates
from clauses.evaluation.acts import Exercise, exercises, tallies
from clauses.evaluation.context import Context, article_of, readings_of
from clauses.evaluation import term_text



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
    # acts after the end: (power id, id(event)) -> (end, why)
    moot: dict[tuple[str, int], tuple[dt.date, str]] = field(default_factory=dict)
    opened_by: str = ""                        # recurrence: the life of one series of a duty, opened by this

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
        return anchor.date, tr("the term starts on {date} (stated)", date=anchor.date)
    if isinstance(anchor, m.EventAnchor):
        events = ctx.named(anchor.event)
        if events:
            return events[0].date, tr("the term starts with {event} on {date}", event=ctx.label(anchor.event),
                                      date=events[0].date)
        return None, tr("the term starts with {event}, which is not in the log", event=ctx.label(anchor.event))
    if term is not None and anchor is None and isinstance(term.in_force, m.EventAnchor):
        # recurrence (issue 10 item 6): a term with no start of its own (`durée indéterminée`) starts
        # when it enters into force
        events = ctx.named(term.in_force.event)
        if events:
            return events[0].date, tr("the convention enters into force with {event} on {date}",
                                      event=ctx.label(term.in_force.event), date=events[0].date)
        return None, tr("the convention enters into force with {event}, which is not in the log",
                        event=ctx.label(term.in_force.event))
    if conv.signature and conv.signature.date:
        return conv.signature.date, tr("the term starts at the signature on {date}", date=conv.signature.date)
    return None, tr("the convention is undated: its start is unknown")


def build(ctx: Context) -> Life:
    term_start, how = _start(ctx)
    term = ctx.convention.term
    # the term as texts write it: in force before its start, extensions (evaluation/term_text.py)
    adjusted = term_text.adjust(ctx, term, term_start, how, scheduled_first_end(term, term_start, ctx.calendar))
    start, first_end = adjusted.start, adjusted.first_end
    life = Life(start, adjusted.how, None, [], notes=adjusted.notes)
    if term is None:
        life.notes.append("the convention states no term: it runs open-ended from its start")
    renewal = term.renewal if term is not None and not term.no_renewal and first_end else None
    candidates, final = ([], first_end)
    if renewal is not None:
        until = ctx.horizon_end + dt.timedelta(days=3660)
        candidates, final = renewal_dates(term, term_start, first_end, ctx.calendar, until=until)
        if final is None and candidates and candidates[-1] <= until:   # cut at LAST_YEAR, not at `until`
            life.notes.append(tr("renewal dates are computed up to {last}: the checker schedules nothing after "
                                 "the year {year}", last=candidates[-1], year=LAST_YEAR))
    # 1. the powers exercised, judged against the scheduled dates (termination, withdrawal)
    life.exercises = exercises(ctx, start, candidates, final if renewal else first_end)
    for ex in life.exercises:
        if ex.valid and ex.power.party_leaves and ex.party:
            # the earliest effective departure counts, whichever clause or act comes first in the file
            left = (ex.effective, tr("{party} left on {date} (article {article})", party=ex.party, date=ex.effective,
                                     article=article_of(ex.power)))
            life.departures[ex.party] = min(life.departures.get(ex.party, left), left)
    # 2. renewal decisions, counted among the members still there on the day of the vote
    life.scheduled_end = first_end
    if renewal is not None:
        decisions = _renewal_decisions(ctx, renewal, life.departures)
        life.scheduled_end = final
        for current in candidates:
            life.renewals.append(current)
            renewed, why = _renewed(ctx, renewal, current, decisions, life.renewals)
            if why:
                life.notes.append(why)
            if not renewed:
                life.scheduled_end = current
                break
    # 3. what ends the convention, a party's part or a clause
    _apply_ends(ctx, life)
    # 4. a power exercised once the convention (or its author's part) had ended has no object
    causes = {id(ex.event) for ex in life.exercises
              if ex.valid and ex.effective == ex.event.date and (ex.power.ends_convention or ex.power.party_leaves)}
    for ex in life.exercises:
        ended = after_the_end(life, ex, causes)
        if ended is not None:
            life.moot[(ex.power.id, id(ex.event))] = ended
    return life


def after_the_end(life: Life, ex: Exercise, causes: set[int]) -> tuple[dt.date, str] | None:
    """When the act of an exercise came once the clause had stopped applying to its author (the
    convention's end unless the clause survives, the author's departure, a consequence), and why;
    None when it came before. An act on the day of the end counts as after it, unless it is what
    ended it (``causes``: the acts that validly end the convention or a party's part that day)."""
    ended = life.end_for(ex.power, ex.party)
    if ended is None or ex.event.date < ended[0]:
        return None
    return None if ex.event.date == ended[0] and id(ex.event) in causes else ended


def _renewal_decisions(ctx: Context, renewal: m.Renewal,
                       departures: dict[str, tuple[dt.date, str]]) -> list[tuple[dt.date, bool | None]]:
    if not renewal.decided_by:
        return []
    vote = ctx.convention.clause(renewal.decided_by)
    if not isinstance(vote, m.Vote):
        return []
    return [(t.decision.date, t.outcome) for t in tallies(ctx, vote, departures)]


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
            return True, tr("renewed on {date} by the decision of {decided}", date=date, decided=when)
        return False, tr("not renewed on {date}: the decision of {decided} does not renew it", date=date, decided=when)
    if date > ctx.as_of:
        return True, tr("the renewal of {date} awaits its decision (vote `{vote}`)", date=date, vote=renewal.decided_by)
    return False, tr("not renewed on {date}: no renewal decision is recorded before that date", date=date)


def _apply_ends(ctx: Context, life: Life) -> None:
    """Valid terminations and the cascades the clause file states fix the effective end."""
    ends: list[tuple[dt.date, str]] = []
    if life.scheduled_end is not None:
        ends.append((life.scheduled_end, tr("the term ended on {date}", date=life.scheduled_end)
                     if life.scheduled_end <= ctx.as_of else tr("the term ends on {date}", date=life.scheduled_end)))
    valid_by_action: dict[str, list[Exercise]] = {}
    for ex in life.exercises:
        if not ex.valid:
            continue
        valid_by_action.setdefault(ex.power.action, []).append(ex)
        if ex.power.ends_convention:
            ends.append((ex.effective, tr("{action} by {party} on {date} (article {article})", action=ex.power.action,
                                          party=ex.party or tr("a party"), date=ex.event.date,
                                          article=article_of(ex.power))))
    for clause in ctx.convention.clauses:
        if not isinstance(clause, m.Consequence):
            continue
        for when, what in _triggers(ctx, clause, valid_by_action):
            reason = tr("{what} (article {article})", what=what, article=article_of(clause))
            if clause.ends_convention:
                ends.append((when, reason))
            for target in clause.ends_clauses:   # the earliest consequence that ends it
                life.clause_ends[target] = min(life.clause_ends.get(target, (when, reason)), (when, reason))
    if ends:
        life.end, life.end_reason = min(ends)


def _triggers(ctx: Context, clause: m.Consequence, valid: dict[str, list[Exercise]]) -> list[tuple[dt.date, str]]:
    """When a consequence fires: on each valid exercise of the power it names, else on each event."""
    powers = {c.action for c in ctx.convention.clauses if isinstance(c, m.Power)}
    found = []
    if clause.trigger in powers:
        for ex in valid.get(clause.trigger, []):
            if clause.trigger_by is None or (ex.party and ex.party in clause.trigger_by.parties):
                found.append((ex.effective, tr("{trigger} by {party} effective {date}", trigger=clause.trigger,
                                               party=ex.party or tr("a party"), date=ex.effective)))
        return found
    for event in ctx.named(clause.trigger):
        if clause.trigger_by is None or set(clause.trigger_by.parties) & set(event.by):
            found.append((event.date, tr("{trigger} on {date}", trigger=clause.trigger, date=event.date)))
    return found


def term_finding(ctx: Context, life: Life) -> Finding | None:
    term = ctx.convention.term
    parties = ctx.parties()
    explanation = [life.start_how] + life.notes + (readings_of(term) if term else [])
    if life.end is not None and life.end <= ctx.as_of:
        return Finding(Status.DISCHARGED, "term", "term", article_of(term) if term else "?", parties, life.end,
                       tr("the convention ended on {date}: {reason}", date=life.end, reason=life.end_reason),
                       explanation=tuple(explanation))
    if life.end is not None:
        status = Status.UPCOMING if life.end <= ctx.horizon_end else Status.PENDING
        last = life.end - dt.timedelta(days=1)
        return Finding(status, "term", "term", article_of(term) if term else "?", parties, life.end,
                       tr("the convention is in force until {date}: {reason}", date=last, reason=life.end_reason),
                       explanation=tuple(explanation))
    if term is None:
        return None
    upcoming = next((r for r in life.renewals if r > ctx.as_of), None)
    message = (tr("the convention is renewed from period to period; next renewal on {date}", date=upcoming)
               if upcoming else tr("the convention is concluded for an unlimited duration") if term.unlimited
               else tr("the convention has no known end"))
    return Finding(Status.PENDING, "term", "term", article_of(term), parties, upcoming, message,
                   explanation=tuple(explanation))
