"""Duties: generate each obligation instance up to the as-of date (and the
horizon), then give it a status from the events that fulfil it.

An instance is fulfilled only by an event of the right kind, by the right
party, through the required channel, to the right recipient, within its
window. An event that fails one of these is listed with the reason, never
silently accepted or ignored.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass
from functools import partial as defer
from typing import Callable, Iterable, Iterator, Sequence

from clauses.language import model as m
from clauses.events import Event
from clauses.findings import Derived, EventNote, Finding, Lines, Status
from clauses.i18n import Plural, joined, tr, tr_later, trn
from clauses.timelimits import AmbiguousDate, Deadline, Derivation, Period, add_period, periods
from clauses.evaluation.context import Context, article_of, readings_of
from clauses.evaluation.schedule import Life
from clauses.evaluation.suspensions import suspended   # langB: force majeure
from clauses.evaluation.hours import hour_limit, is_hours, lateness, with_assumed   # notice: limits in hours
from clauses.evaluation.time_of_day import lateness as time_lateness, with_time_of_day   # time: time of day
from clauses.timelimits import Direction


@dataclass
class Instance:
    """One obligation to meet: who, by when, from when, triggered by what."""

    party: str | None                 # None: the parties jointly
    parties: tuple[str, ...]
    due: Deadline | None
    window_start: dt.date | None
    what: str                         # the rule in words ("at least 6 months before the term end")
    trigger: Event | None = None
    unknown: str = ""                 # why the due date cannot be computed
    window_end: dt.date | None = None  # acts after it belong to a later period
    accounts_for: Period | None = None  # langB: the year an annual act accounts for (`period` in the log)
    void: str = ""                    # not triggered: why its trigger had no effect (``unknown``: the sentence)
    occasions: "Occasions | None" = None  # an act without ref counts only for its nearest following occasion
    waiting: bool = False             # its anchor is not known yet (an unknown term end): no act counts for it
    due_at: dt.datetime | None = None  # notice: a limit in hours ends at an instant (evaluation/hours.py)
    due_before: bool | None = None    # time: a time of day ends the last day; True: `avant` (time_of_day.py)


def days_late(days: int) -> Plural:
    """"3 days late", of an act done after its deadline."""
    return trn("{days} day late", "{days} days late", days, days=days)


def _scope(ctx: Context, duty: m.Duty, trigger: Event | None = None,
           addressed: bool = False) -> list[tuple[str | None, tuple[str, ...]]]:
    """Who must act, one entry per instance: each party alone, or the parties jointly.

    ``addressed``: the trigger is a notice the duty answers ("within 30 days of the notice"); one
    addressed (``to``) to some of the parties binds only those of them (when it names none of
    them, the recipients are unknown and every party bound is kept)."""
    bearer = duty.bearer
    if bearer.type == "joint":
        return [(None, ctx.parties())]
    if bearer.type == "list" and bearer.together:   # acts: one act done by all of them
        return [(None, bearer.parties)]
    if bearer.type == "list":
        bound = list(bearer.parties)
    elif bearer.type == "others":
        excluded = set(trigger.by) if trigger else set()
        bound = [p for p in ctx.parties() if p not in excluded]
    else:
        bound = list(ctx.parties())
    if addressed and trigger is not None and trigger.to and set(trigger.to) & set(bound):
        bound = [p for p in bound if p in trigger.to]
    return [(p, ctx.alone(p)) for p in bound]


def _readings(duty: m.Duty) -> list[str]:
    return readings_of(duty)


# ------------------------------------------------------------------ instances
def _limit(compute: Callable[[], Deadline]) -> tuple[Deadline | None, str]:
    """A due date, or why it cannot be computed: under `jour manquant à signaler` (MonthRule.STRICT)
    a month count that reaches a day the month lacks is reported, not guessed (nor a crash)."""
    try:
        return compute(), ""
    except AmbiguousDate as err:
        return None, tr("the due date cannot be computed: {error} (the clause says `jour manquant à signaler`)",
                        error=err.message)


def _before_term(ctx: Context, life: Life, duty: m.Duty, deadline: m.BeforeTerm) -> Iterator[Instance]:
    what = tr("at least {duration} before the term end", duration=deadline.duration)
    for party, parties in _scope(ctx, duty):
        if life.scheduled_end is None:
            yield Instance(party, parties, None, life.start, what, unknown=tr("the convention's term end is not known"))
            continue
        due, unknown = _limit(lambda: ctx.before(life.scheduled_end, deadline.duration,
                                                 tr("the term end ({date})", date=life.scheduled_end),
                                                 month_rule=duty.month_rule))
        yield Instance(party, parties, due, life.start, what, unknown=unknown)


def _before_renewal(ctx: Context, life: Life, duty: m.Duty, deadline: m.BeforeRenewal) -> Iterator[Instance]:
    previous = life.start
    what = tr("at least {duration} before the renewal", duration=deadline.duration)   # one for every instance
    for renewal in life.renewals:
        due, unknown = _limit(lambda: ctx.before(renewal, deadline.duration, tr("the renewal of {date}", date=renewal),
                                                 month_rule=duty.month_rule))
        for party, parties in _scope(ctx, duty):
            yield Instance(party, parties, due, previous, what, unknown=unknown)
        previous = renewal + dt.timedelta(days=1)


@dataclass(frozen=True)
class Occasions:
    """The occasions an act may be for: the events every "at least N before each X" duty of the act's
    name counts back from (a convocation may be for a meeting or for a commission), in date order."""

    dates: list[dt.date]
    items: list[tuple[Event, str | None]]     # the occasion and the subject its duty asks of the act

    @classmethod
    def of(cls, ctx: Context, action: str) -> "Occasions":
        found = [(t, d.subject) for d in ctx.convention.clauses
                 if isinstance(d, m.Duty) and d.action == action and isinstance(d.deadline, m.BeforeEvent)
                 for t in ctx.named(d.deadline.event) + ctx.future_by_name.get(d.deadline.event, [])]
        found.sort(key=lambda item: Event.key(item[0]))
        return cls([t.date for t, _ in found], found)

    def nearest(self, act: Event) -> Event | None:
        """The first occasion on or after the act whose duty the act's subject fits: what an act that
        names no occasion (``ref``) is for."""
        for occasion, subject in self.items[bisect_left(self.dates, act.date):]:
            if _subject_fits(subject, act):
                return occasion
        return None


def _subject_fits(wanted: str | None, event: Event) -> bool:
    if not wanted or not event.subject:
        return True
    wanted, got = wanted.casefold(), event.subject.casefold()
    return wanted in got or got in wanted


def _before_event(ctx: Context, life: Life, duty: m.Duty, deadline: m.BeforeEvent) -> Iterator[Instance]:
    triggers = ctx.named(deadline.event) + ctx.future_by_name.get(deadline.event, [])
    occasions = Occasions.of(ctx, duty.action)
    previous = life.start
    what = tr("at least {duration} before each {event}", duration=deadline.duration, event=deadline.event)
    for trigger in triggers:
        label = tr_later("{event} of {date}", event=deadline.event, date=trigger.date)   # read by explanations only
        due_at = None
        if is_hours(deadline.duration):   # notice: « au moins 48 heures avant chaque réunion »
            due, due_at = hour_limit(ctx, trigger, trigger.date, deadline.duration, label, Direction.BACKWARD)
            unknown = ""
        else:
            due, unknown = _limit(lambda: ctx.before(trigger.date, deadline.duration, label,
                                                     month_rule=duty.month_rule))
        for party, parties in _scope(ctx, duty, trigger):
            yield Instance(party, parties, due, previous, what, trigger=trigger, unknown=unknown, occasions=occasions,
                           due_at=due_at)
        previous = trigger.date + dt.timedelta(days=1)


def _without_effect(life: Life) -> dict[int, str]:
    """Acts that exercised a power without effect — its conditions unmet, or after the end — and why:
    they trigger nothing, and what they would have triggered is reported as not triggered."""
    from clauses.evaluation.acts import valid_grounds

    grounds = valid_grounds(life.exercises)    # notice: an act valid under another clause of its name has effect
    void = {id(ex.event): tr("it does not meet its conditions: {problems}",
                             problems=joined(ex.problems, tr("{a}; {b}").template))
            for ex in life.exercises if not ex.valid and id(ex.event) not in grounds}
    void.update({key: tr("it came after the end ({end}: {why})", end=end, why=why)
                 for (_, key), (end, why) in life.moot.items()})
    return void


def triggers(ctx: Context, life: Life, event: str, from_receipt: bool,
             void: dict[int, str] | None = None) -> Iterator[tuple[Event, dt.date, str]]:
    """Each event that triggers a limit (not an act without effect), the date the limit runs from
    (its receipt when the clause says so and the log records it) and how that date is named;
    ``void``: the acts without effect (:func:`_without_effect`), when the caller has them."""
    if void is None:
        void = _without_effect(life)
    for trigger in ctx.named(event):
        if id(trigger) in void:
            continue
        received = ctx.receipt_date(trigger) if from_receipt else None
        if received:   # the labels name the anchor in explanations only: made when one is read
            yield trigger, received, tr_later("receipt on {received} of {event} sent {sent}", received=received,
                                              event=event, sent=trigger.date)
            continue
        label = tr_later("{event} of {date}", event=event, date=trigger.date)
        if from_receipt:
            label = tr_later("{label} (receipt date not recorded: counted from the sending date, CPC art. 668)",
                             label=label)
        yield trigger, trigger.date, label


def _after_event(ctx: Context, life: Life, duty: m.Duty, deadline: m.AfterEvent) -> Iterator[Instance]:
    void = _without_effect(life)
    for trigger in ctx.named(deadline.event):     # acts without effect: what they would trigger, said
        if id(trigger) in void:
            why = tr("not triggered: {event} by {by} on {date} has no effect ({why})", event=ctx.label(deadline.event),
                     by=", ".join(trigger.by) or tr("a party"), date=trigger.date, why=void[id(trigger)])
            for party, parties in _scope(ctx, duty, trigger, addressed=True):
                yield Instance(party, parties, None, trigger.date,
                               tr("within {duration} of {event}", duration=deadline.duration, event=deadline.event),
                               trigger=trigger, unknown=why, void=void[id(trigger)])
    extend = True if duty.extend is None else duty.extend
    what = (tr("within {duration} of {event} (from receipt)", duration=deadline.duration, event=deadline.event)
            if deadline.from_receipt else
            tr("within {duration} of {event}", duration=deadline.duration, event=deadline.event))
    for trigger, anchor, label in triggers(ctx, life, deadline.event, deadline.from_receipt, void):
        due_at = None
        if is_hours(deadline.duration):   # notice: « dans les vingt-quatre heures ouvrables »
            due, due_at = hour_limit(ctx, trigger, anchor, deadline.duration, label, Direction.FORWARD)
            unknown = ""
        else:
            due, unknown = _limit(lambda: ctx.after(anchor, deadline.duration, label, extend=extend,
                                                    month_rule=duty.month_rule))
        for party, parties in _scope(ctx, duty, trigger, addressed=True):
            yield Instance(party, parties, due, anchor, what, trigger=trigger, unknown=unknown, due_at=due_at)


def _fixed(ctx: Context, life: Life, duty: m.Duty, deadline: m.FixedDate) -> Iterator[Instance]:
    from clauses.timelimits import Derivation, Direction, Unit

    derivation = Derivation(deadline.date, tr("the date stated in the article"), Direction.FORWARD, 0, Unit.DAYS,
                            tr("a fixed date"), deadline.date, ctx.calendar.region, None, (), ())
    for party, parties in _scope(ctx, duty):
        if deadline.exact:   # notice: `à la date du …`: an act before that day does not count
            yield Instance(party, parties, Deadline(deadline.date, derivation), deadline.date,
                           tr("on {date}", date=deadline.date))
            continue
        yield Instance(party, parties, Deadline(deadline.date, derivation), life.start,
                       tr("by {date}", date=deadline.date))


def _day_of_month(ctx: Context, life: Life, duty: m.Duty, deadline: m.DayOfMonth) -> Iterator[Instance]:
    from clauses.timelimits import Derivation, Direction, Unit

    if life.start is None:
        return
    last = min(life.end or ctx.horizon_end, ctx.horizon_end)
    month = add_period(life.start.replace(day=1), months=1)
    while month <= last:
        due_day = add_period(month, days=deadline.day - 2) if deadline.day > 1 else month
        derivation = Derivation(month, tr("the first day of {month}", month=month.strftime('%Y-%m')), Direction.FORWARD,
                                max(deadline.day - 2, 0), Unit.DAYS,
                                tr("before day {day} of each month: the last day that counts is day {last}",
                                   day=deadline.day, last=deadline.day - 1), due_day, ctx.calendar.region, None,
                                (), (tr("the month that contains the start has no earlier month to account for"),))
        for party, parties in _scope(ctx, duty):
            yield Instance(party, parties, Deadline(due_day, derivation), month,
                           tr("before day {day} of each month", day=deadline.day))
        month = add_period(month, months=1)


INSTANCES = {m.BeforeTerm: _before_term, m.BeforeRenewal: _before_renewal, m.BeforeEvent: _before_event,
             m.AfterEvent: _after_event, m.FixedDate: _fixed, m.DayOfMonth: _day_of_month}


# ------------------------------------------------------------------ assessment
def _owed_if_it_runs(ended: tuple[dt.date, str]) -> str:
    """Why an instance due on or after an end still to come is listed rather than discharged."""
    return tr("it falls due on or after the scheduled end ({end}: {why}): owed only if the convention still "
              "runs then", end=ended[0], why=ended[1])


def _candidates(ctx: Context, duty: m.Duty, inst: Instance) -> Iterable[Event]:
    """The acts that may fulfil an instance, in date order, from its window's start on."""
    if inst.trigger is not None and inst.trigger.id:
        linked = ctx.linked(duty.action, inst.trigger.id)
        if linked:
            return linked
    events: Iterable[Event]
    if inst.window_end is not None:
        inside = list(ctx.between(duty.action, inst.window_start, inst.window_end))
        outside = [e for e in ctx.claiming(duty.action) if e not in inside]
        events = sorted(inside + outside, key=Event.key)
    elif inst.trigger is not None:
        # an act that names (ref) another logged event answers that one, not this trigger
        events = ctx.unlinked_from(duty.action, inst.window_start)
    else:
        events = ctx.between(duty.action, inst.window_start)
    if duty.subject:
        events = (e for e in events if _subject_fits(duty.subject, e))
    return events


def _accounts_for(ctx: Context, period: Period, event: Event) -> bool:
    """An act that names the period it accounts for counts only for that one (langB, item 5)."""
    claimed = ctx.period_date(event)
    return claimed is None or period.start <= claimed <= period.end


def _before_start(ctx: Context, life: Life, duty: m.Duty, party: str | None, opens: dt.date | None) -> list[EventNote]:
    """Acts logged between the signature and the start of the term, for the first instance of a duty
    (the one whose window opens at the start): they do not count, and ``--explain`` says why."""
    signed = ctx.convention.signature.date if ctx.convention.signature else None
    if life.opened_by and opens == life.start:   # recurrence: one series of the duty, opened by an event
        return [ctx.note(e, False, tr("dated before the series started with {how}: it counts for no period of it",
                                      how=life.opened_by))
                for e in ctx.between(duty.action, life.start - dt.timedelta(days=31), life.start - dt.timedelta(days=1))
                if ctx.acted_by(e, party)]
    if life.start is None or opens != life.start or signed is None or signed >= life.start:
        return []
    return [ctx.note(e, False, tr("dated before the term started on {start} (signed on {signed}): it falls in "
                                  "no period of the convention", start=life.start, signed=signed))
            for e in ctx.between(duty.action, signed, life.start - dt.timedelta(days=1)) if ctx.acted_by(e, party)]


def _event_problem(ctx: Context, duty: m.Duty, event: Event) -> str | None:
    problem = (ctx.channel_problem(event, duty.channel) or ctx.recipient_problem(event, duty.recipients)
               or ctx.attendance_problem(event))
    if problem is None and duty.bearer.together:   # acts: a joint act needs every debtor
        from clauses.evaluation.contents import joint_problem

        problem = joint_problem(ctx, duty, event)
    if problem is None and duty.amount is not None and not duty.instalments:   # langA: what the act must pay
        from clauses.evaluation.payments import amount_problem

        problem = amount_problem(ctx, duty, event)
    return problem


def _amount_lines(ctx: Context, duty: m.Duty, day: dt.date, event: Event | None) -> Sequence[str]:
    """money: how an amount revised each year that the duty's amount reads was computed (none otherwise)."""
    if duty.amount is None:
        return ()
    from clauses.evaluation.payments import derivation

    return derivation(ctx, duty, day, event)


def _fulfilled(action: str, who: str, date: dt.date, what: str, due: dt.date | None, unknown: str,
               derivation: Derivation | None, duty: m.Duty, amounts: Sequence[str], notes: tuple[EventNote, ...]
               ) -> dict:
    """The fields of a fulfilled instance's finding that :meth:`Finding.deferred` works out when read."""
    return {"message": _done_in_time(action, who, date, what, due), "events": notes,
            "explanation": Lines(defer(due_lines, unknown, derivation, duty, amounts)),
            "derivation": Derived(derivation) if derivation is not None else None}


def _done_in_time(action: str, who: str, date: dt.date, what: str, due: dt.date | None) -> str:
    """The sentence of a fulfilled instance (worked out when read: :func:`_fulfilled`)."""
    if due:
        return tr("{action} by {who} on {date}, {what} (due {due})", action=action, who=who, date=date, what=what,
                  due=due)
    return tr("{action} by {who} on {date}, {what}", action=action, who=who, date=date, what=what)


def _breach(action: str, who: str, what: str, due: dt.date, late: dt.date | None, late_by: str, short: str | None,
            reason: str | None, notes: tuple[EventNote, ...], unknown: str, derivation: Derivation | None,
            duty: m.Duty, amounts: Sequence[str]) -> dict:
    """The fields of a breach's finding that :meth:`Finding.deferred` works out when read (the same as
    :func:`assess` gives a breach it makes at once)."""
    return {"message": _breach_message(action, who, what, due, late, late_by, short, reason), "events": notes,
            "explanation": Lines(defer(due_lines, unknown, derivation, duty, amounts)),
            "derivation": Derived(derivation) if derivation is not None else None}


def _breach_message(action: str, who: str, what: str, due: dt.date, late: dt.date | None, late_by: str,
                    short: str | None, reason: str | None) -> str:
    """The sentence of a breach: done late (``late``, ``late_by`` a lateness in hours), begun but not complete
    (``short``), done without counting (``reason``: the first act's), or not done."""
    if late is not None and late_by:
        return tr("{action} by {who} on {date}, {late} ({what})", action=action, who=who, date=late, late=late_by,
                  what=what)
    if late is not None:
        days = (late - due).days
        return trn("{action} by {who} on {date}, {days} day after the deadline of {due} ({what})",
                   "{action} by {who} on {date}, {days} days after the deadline of {due} ({what})", days,
                   action=action, who=who, date=late, days=days, due=due, what=what)
    if short:
        return tr("{action} by {who} not complete by {due} ({what}): {short}", action=action, who=who, due=due,
                  what=what, short=short)
    if reason is not None:
        return tr("no valid {action} by {who} by {due} ({what}): {reason}", action=action, who=who, due=due,
                  what=what, reason=reason)
    return tr("no {action} by {who} by {due} ({what})", action=action, who=who, due=due, what=what)


_THE_PARTIES = tr("the parties")
#: the reason of an act on time with nothing to add, the commonest note (one message for them all)
_ON_TIME = tr("{a}{b}", a=tr("on time{unverified}", unverified=""), b="")


def due_lines(unknown: str, derivation: Derivation | None, duty: m.Duty, more: Sequence[str]) -> list[str]:
    """How an instance's due date was computed, then the readings used and ``more`` (worked out when a
    renderer reads them: :class:`~clauses.findings.Lines`)."""
    return (([unknown] if unknown else []) + (derivation.explain() if derivation is not None else [])
            + _readings(duty) + list(more))


def assess(ctx: Context, life: Life, duty: m.Duty, inst: Instance, used: set[int]) -> Finding:
    """Status of one instance: fulfilled, breach, upcoming, pending or discharged."""
    if inst.void:
        return Finding(Status.DISCHARGED, duty.id, "duty", article_of(duty), inst.parties, None,
                       tr("{action} by {who} {what}: {why}", action=ctx.label(duty.action),
                          who=inst.party or "the parties", what=inst.what, why=inst.unknown),
                       window_start=inst.window_start,
                       events=(ctx.note(inst.trigger, False, tr("the act has no effect: {why}", why=inst.void)),)
                       if inst.trigger is not None else (),
                       explanation=tuple(_readings(duty)))
    inst = with_time_of_day(ctx, duty, inst)   # time: `avant 12 heures`, `au plus tard à 18 h`
    notes: list[EventNote] = _before_start(ctx, life, duty, inst.party, inst.window_start)
    tally = _tally(ctx, duty) if duty.instalments and duty.amount is not None else None   # money
    partial: list[Event] = []   # money: acts that paid less than the amount (they count for the interest)
    hit: Event | None = None
    late: Event | None = None
    late_hours = ""
    due = inst.due.date if inst.due else None
    for event in (() if inst.waiting else _candidates(ctx, duty, inst)):
        if id(event) in used or not ctx.acted_by(event, inst.party):
            continue
        if inst.window_start and event.date < inst.window_start:
            continue
        if inst.accounts_for is not None and not _accounts_for(ctx, inst.accounts_for, event):
            continue
        if inst.window_end and event.date > inst.window_end:
            claimed = ctx.period_date(event)
            if claimed is None or not (inst.window_start or claimed) <= claimed <= inst.window_end:
                continue
        nearest = ""
        if inst.occasions is not None and inst.trigger is not None and not (event.ref and event.ref == inst.trigger.id):
            occasion = inst.occasions.nearest(event)
            if occasion is not inst.trigger:
                if event.date <= inst.trigger.date:
                    notes.append(ctx.note(event, False, tr(
                        "names no occasion (ref): it counts for the nearest following one, {name} of {date}",
                        name=occasion.event if occasion else "none", date=occasion.date if occasion else "—")))
                continue
            nearest = tr("; names no occasion (ref): counted for the nearest following one")
        problem = _event_problem(ctx, duty, event)
        if problem:
            notes.append(ctx.note(event, False, problem))
            if duty.interest is not None and tally is None:   # money: a part paid still reduces the interest
                partial.append(event)
            continue
        if tally is not None:   # money: instalments add up; the one that completes the amount dates the act
            complete, counted = tally.add(event)
            if not complete:
                used.add(id(event))
                notes.append(ctx.note(event, True, counted))
                continue
            nearest = tr("{a}{b}", a=nearest, b=tr("; {note}", note=counted) if counted else "")
        assumed = ""
        if inst.due_at is not None:   # notice: a limit in hours is judged to the minute
            late_by, assumed = (time_lateness(ctx, inst.due_at, inst.due_before, event)
                                if inst.due_before is not None else lateness(ctx, inst.due_at, event))
            if late_by is not None:
                late, late_hours = event, late_by
                notes.append(ctx.note(event, False, with_assumed(late_by, assumed)))
                used.add(id(event))
                break
        elif due is not None and event.date > due:
            late = event
            notes.append(ctx.note(event, False, days_late((event.date - due).days)))
            used.add(id(event))
            break
        hit = event
        used.add(id(event))
        unverified = ctx.unverified(event, duty.channel)
        notes.append(ctx.note(event, True, _ON_TIME if not (unverified or assumed or nearest) else
                              tr("{a}{b}", a=tr("on time{unverified}", unverified=unverified),
                                 b=tr("{a}{b}", a=nearest, b=with_assumed("", assumed)) if assumed else nearest)))
        break
    who = inst.party or _THE_PARTIES
    action = ctx.label(duty.action)
    derivation = inst.due.derivation if inst.due else None   # its lines and JSON worked out when rendered
    amounts: Sequence[str] = ()
    if due is not None:
        act = hit or late
        amounts = _amount_lines(ctx, duty, act.date if act is not None else due, act)
    if hit is not None:   # what a text report only counts: the rest worked out when read
        return Finding.deferred((_fulfilled, action, who, hit.date, inst.what, due, inst.unknown, derivation,
                                 duty, amounts, tuple(notes)),
                                Status.FULFILLED, duty.id, "duty", article_of(duty), inst.parties, due,
                                window_start=inst.window_start)
    explanation = Lines(defer(due_lines, inst.unknown, derivation, duty, amounts))
    base = dict(clause=duty.id, kind="duty", article=article_of(duty), parties=inst.parties, due=due,
                window_start=inst.window_start, explanation=explanation,
                derivation=Derived(derivation) if derivation is not None else None)
    ended = life.end_for(duty, inst.party)
    if due is not None and ended is not None and due >= ended[0]:
        if ended[0] <= ctx.as_of:
            return Finding(Status.DISCHARGED, message=tr("{action} by {who} no longer due: {why}", action=action,
                                                         who=who, why=ended[1]),
                           events=tuple(notes), **base)
        # the end has not come yet: the instance is still listed, owed only if the convention (or the
        # party's part) still runs on its due date — never discharged years ahead of its date
        base["explanation"] += (_owed_if_it_runs(ended),)
    if due is None:
        return _open_amounts(Finding(Status.PENDING, message=tr("{action} by {who}, {what}: {why}", action=action,
                                                                who=who, what=inst.what,
                                                                why=inst.unknown or tr("date unknown")),
                                     events=tuple(notes), **base), tally)
    if due < ctx.as_of:
        short = tally.short() if tally is not None else None
        said = (action, who, inst.what, due, late.date if late is not None else None, late_hours, short,
                notes[0].reason if notes else None)
        if duty.amount is None:   # money: amounts and interest only for a duty that states an amount
            if base["explanation"] is not explanation:   # a line added to it: made at once, as it is
                return Finding(Status.BREACH, message=_breach_message(*said), events=tuple(notes), **base)
            # what a text report reads of a breach is its sentence, and only when it lists it: the sentence,
            # notes, explanation and derivation of each of a long log's breaches worked out then (issue 12)
            return Finding.deferred((_breach, *said, tuple(notes), inst.unknown, derivation, duty, amounts),
                                    Status.BREACH, duty.id, "duty", article_of(duty), inst.parties, due,
                                    window_start=inst.window_start)
        from clauses.evaluation.interest import late as with_interest

        return with_interest(ctx, duty, Finding(Status.BREACH, message=_breach_message(*said), events=tuple(notes),
                                                **base), late.date if late is not None else None, tally, partial)
    status = Status.UPCOMING if due <= ctx.horizon_end else Status.PENDING
    return _open_amounts(Finding(status, message=tr("{action} by {who} due by {due} ({what})", action=action,
                                                    who=who, due=due, what=inst.what),
                                 events=tuple(notes), **base), tally)


# The money of a duty (evaluation/payments.py, evaluation/interest.py: instalments, interest on late payments)
# is imported by the conventions that state amounts only: most do not, and a start spares about 6 ms.

def _tally(ctx: Context, duty: m.Duty):
    from clauses.evaluation.payments import Tally

    return Tally(ctx, duty)


def _open_amounts(finding: Finding, tally) -> Finding:
    """The finding of an open instance, with what is paid and what is left when instalments were begun."""
    if tally is None:
        return finding
    from clauses.evaluation.interest import open_amounts

    return open_amounts(finding, tally)


# ------------------------------------------------------------------ recurring duties
def _recurring(ctx: Context, life: Life, duty: m.Duty) -> list[Finding]:
    deadline = duty.deadline
    if life.start is None or life.start > ctx.horizon_end:
        return []   # nothing of it falls due before the convention starts
    months = deadline.period_months if isinstance(deadline, m.Recurrence) else deadline.period_months
    anchoring = "calendar" if duty.anchoring is m.Anchoring.CALENDAR else "term"
    # A count per period ("at least N times a year") in a period that straddles the end of the
    # convention is cut there and owes its share (STUB_RULE); a limit before the end of a period
    # keeps the period whole, what it would require after the end being discharged (assess).
    stop = max(ctx.horizon_end, life.end or ctx.horizon_end) + dt.timedelta(days=400)
    if isinstance(deadline, m.Recurrence) and deadline.period_weeks:
        cuts = _weekly(life.start, stop, deadline.period_weeks)
    else:
        cuts = periods(life.start, stop, months, anchoring)
    findings = []
    stops = life.end_for(duty, None)    # the end of the convention (or of the clause), not a party's departure
    for period in cuts:
        if period.start > ctx.horizon_end or (life.end is not None and period.start >= life.end):
            break
        if isinstance(deadline, m.Recurrence) and stops is not None and period.start < stops[0] <= period.end:
            period = Period(period.start, stops[0] - dt.timedelta(days=1))   # a last stub period (STUB_RULE)
        for party, parties in _scope(ctx, duty):
            if isinstance(deadline, m.Recurrence):
                findings.append(_assess_period(ctx, life, duty, deadline, period, party, parties, months))
            else:
                due, unknown = _limit(lambda: ctx.before(period.end, deadline.duration,
                                                         tr("the end of the period {start} – {end}", start=period.start,
                                                            end=period.end),
                                                         month_rule=duty.month_rule))
                if due is not None and due.date < period.start:
                    # a first period that starts after its own due date (the convention began later)
                    findings.append(Finding(
                        Status.DISCHARGED, duty.id, "duty", article_of(duty), parties, due.date,
                        tr("{action} by {who}: nothing is owed for the period {span}, which starts after its due "
                           "date {due} ({duration} before its end)", action=ctx.label(duty.action),
                           who=party or _THE_PARTIES, span=f"{period.start.isoformat()} – {period.end.isoformat()}",
                           due=due.date, duration=deadline.duration),
                        window_start=period.start, explanation=Lines(defer(due_lines, "", due.derivation, duty, ())),
                        derivation=Derived(due.derivation)))
                    continue
                inst = Instance(party, parties, due, period.start,
                                tr("at the latest {duration} before the end of the period {start} – {end}",
                                   duration=deadline.duration, start=period.start, end=period.end),
                                window_end=period.end,
                                unknown=unknown)
                findings.append(assess(ctx, life, duty, inst, set()))
    return findings


STUB_RULE = ("a stub period (a first period cut by the start of the convention, a last one cut by its end) "
             "owes its share of the whole period, rounded to the nearest whole number (a half rounds up); "
             "a stub shorter than the interval between two occurrences owes nothing")


def stub_share(times: int, days: int, full_days: int, partial: str | None = None) -> int:
    """What a period of ``days`` days owes of ``times`` per whole period of ``full_days`` days (STUB_RULE).

    ``times × days / full_days`` rounded half up, in integers; 0 when the stub is shorter than
    ``full_days / times`` (the interval between two occurrences). The duty may say otherwise
    (``partial``): ``in_full`` (`périodes incomplètes dues en entier`), every period owes ``times``;
    ``pro_rata`` (`périodes incomplètes au prorata`), the share rounded half up even below one."""
    if days >= full_days or (partial == "in_full" and days > 0):
        return times
    if times * days < full_days and partial != "pro_rata":
        return 0
    return (2 * times * days + full_days) // (2 * full_days)


def stub_explanation(times: int, days: int, full_days: int, required: int, partial: str | None = None) -> str:
    """The stub rule applied to one period, in one sentence (``--explain``)."""
    if partial == "in_full":
        return tr("partial period of {days} days (a whole period has {full}): owed in full, {required} required "
                  "(`périodes incomplètes dues en entier`)", days=days, full=full_days, required=required)
    if partial == "pro_rata":
        return tr("partial period of {days} days (a whole period has {full}): pro rata, {times} × {days} / {full} = "
                  "{share}, rounded to the nearest: {required} required", days=days, full=full_days, times=times,
                  share=f"{times * days / full_days:.2f}", required=required)
    if required == 0:
        return tr("stub period of {days} days (a whole period has {full}): a stub shorter than the interval "
                  "between two occurrences ({full} / {times} = {interval} days) owes nothing", days=days,
                  full=full_days, times=times, interval=f"{full_days / times:.1f}".removesuffix(".0"))
    return tr("stub period of {days} days (a whole period has {full}): it owes its share, {times} × {days} / "
              "{full} = {share}, rounded to the nearest: {required} required", days=days, full=full_days,
              times=times, share=f"{times * days / full_days:.2f}", required=required)


def _weekly(start: dt.date, stop: dt.date, weeks: int) -> list[Period]:
    cuts, current = [], start
    while current <= stop:
        end = min(current + dt.timedelta(days=7 * weeks - 1), stop)
        cuts.append(Period(current, end))
        current = end + dt.timedelta(days=1)
    return cuts


def _assess_period(ctx: Context, life: Life, duty: m.Duty, rule: m.Recurrence, period: Period,
                   party: str | None, parties: tuple[str, ...], months: int) -> Finding:
    # a stub period (a clipped first calendar period, a last period cut by the end) owes its share
    # of the whole period it is cut from (STUB_RULE)
    whole = period.start
    if months and duty.anchoring is m.Anchoring.CALENDAR:
        whole = dt.date(period.start.year, (period.start.month - 1) // months * months + 1, 1)
    full_days = (add_period(whole, months=months) - whole).days if months else 7 * rule.period_weeks
    days = (period.end - period.start).days + 1
    required = stub_share(rule.times, days, full_days, duty.partial_periods)
    notes, counted = _before_start(ctx, life, duty, party, period.start), 0
    inside = list(ctx.between(duty.action, period.start, period.end))
    claimants = [e for e in ctx.claiming(duty.action) if not period.start <= e.date <= period.end]
    for event in sorted(inside + claimants, key=Event.key):
        accounts_for = ctx.period_date(event) or event.date
        if not (period.start <= accounts_for <= period.end) or not ctx.acted_by(event, party):
            continue
        if event.date > period.end:
            days = (event.date - period.end).days
            notes.append(ctx.note(event, False, trn("accounts for this period but came {days} day after its end",
                                                    "accounts for this period but came {days} days after its end",
                                                    days, days=days)))
            continue
        problem = _event_problem(ctx, duty, event)
        if problem:
            notes.append(ctx.note(event, False, problem))
            continue
        counted += 1
        notes.append(ctx.note(event, True, tr("occurrence {n} in the period{unverified}", n=counted,
                                              unverified=ctx.unverified(event, duty.channel))))
    who = inst_who = party or _THE_PARTIES
    action = ctx.label(duty.action)
    span = tr("{start} – {end}", start=period.start, end=period.end)
    explanation = [tr("period {span} (calendar periods)", span=span) if duty.anchoring is m.Anchoring.CALENDAR
                   else tr("period {span} (periods counted from the start of the convention)", span=span)]
    if days < full_days:
        explanation.append(stub_explanation(rule.times, days, full_days, required, duty.partial_periods))
    explanation += _readings(duty)
    explanation += _amount_lines(ctx, duty, period.start, None)
    base = dict(clause=duty.id, kind="duty", article=article_of(duty), parties=parties, due=period.end,
                window_start=period.start, events=tuple(notes), explanation=tuple(explanation),
                extra={"required": required, "counted": counted})
    if required == 0:   # a stub owing nothing: what was done in it is recorded, nothing is missing
        return Finding(Status.FULFILLED if counted else Status.DISCHARGED,
                       message=tr("{action} by {who}: {counted} in {span}; nothing is owed in this stub period "
                                  "({days} days, shorter than the interval between two occurrences)",
                                  action=action, who=who, counted=counted, span=span, days=days), **base)
    if counted >= required:
        return Finding(Status.FULFILLED, message=tr("{action} by {who}: {counted} in {span} ({required} required)",
                                                     action=action, who=who, counted=counted, span=span,
                                                     required=required), **base)
    ended = life.end_for(duty, party)
    if ended is not None and period.end >= ended[0]:
        if ended[0] <= ctx.as_of:
            return Finding(Status.DISCHARGED, message=tr("{action} by {who} no longer due: {why}", action=action,
                                                          who=inst_who, why=ended[1]), **base)
        base["explanation"] += (_owed_if_it_runs(ended),)
    if period.end < ctx.as_of:
        return Finding(Status.BREACH, message=tr("only {counted} {action} by {who} in {span}; {required} required",
                                                 counted=counted, action=action, who=who, span=span,
                                                 required=required)
                       if counted else tr("no {action} by {who} in {span}; {required} required", action=action,
                                          who=who, span=span, required=required), **base)
    status = Status.UPCOMING if period.end <= ctx.horizon_end else Status.PENDING
    return Finding(status, message=tr("{action} by {who}: {counted} of {required} so far in {span}", action=action,
                                       who=who, counted=counted, required=required, span=span), **base)


#: limits that recur over the life of the convention (or of one series of the duty)
RECURRING_LIMITS = (m.Recurrence, m.BeforePeriodEnd, m.DayOfMonth, m.AnnualDate)


def duty_findings(ctx: Context, life: Life) -> Iterator[Finding]:
    """The findings of every duty, duty after duty (each duty's list let go once given)."""
    for duty in ctx.convention.clauses:
        if isinstance(duty, m.Duty) and duty.deadline is not None:
            yield from findings_for(ctx, life, duty)


def findings_for(ctx: Context, life: Life, duty: m.Duty) -> Iterable[Finding]:
    """The findings of one duty of the convention."""
    if isinstance(duty.deadline, m.Prompt) and duty.deadline.manner == "at_any_time":
        from clauses.evaluation.standing import standing_findings   # acts: a standing duty

        return standing_findings(ctx, life, duty)
    if duty.series is not None or (life.start is None and isinstance(duty.deadline, RECURRING_LIMITS)):
        # recurrence: series started / stopped by events; recurring limits of a convention not started
        from clauses.evaluation.series import series_findings

        return series_findings(ctx, life, duty)
    return one_duty_findings(ctx, life, duty)


def one_duty_findings(ctx: Context, life: Life, duty: m.Duty) -> Iterable[Finding]:
    """The findings of one duty over the life given (the convention's, or one series of the duty); an
    ordinary duty's as each instance is judged (most of a long log's: a text report counts them)."""
    if duty.condition is not None or isinstance(duty.deadline, (m.Prompt, m.AfterBreach)):
        from clauses.evaluation.prompt import applicable_duty_findings   # langA: conditions, `sans délai`

        return applicable_duty_findings(ctx, life, duty)
    if isinstance(duty.deadline, (m.Recurrence, m.BeforePeriodEnd)):
        return _recurring(ctx, life, duty)
    if isinstance(duty.deadline, m.Window):   # issue 10 item 5: the act must fall in the window
        from clauses.evaluation.windows import window_findings

        return window_findings(ctx, life, duty)
    used: set[int] = set()
    judged = from_term_end(duty)
    return (assess(ctx, life, judged, suspended(ctx, duty, inst), used)
            for inst in INSTANCES[type(duty.deadline)](ctx, life, duty, duty.deadline))


def from_term_end(duty: m.Duty) -> m.Duty:
    """A duty due on the term end or counted from it (``au terme``, ``dans 4 mois suivant l'échéance``,
    ``dès le terme``) is not discharged by that end: it is what makes it due (issue 10 item 5)."""
    deadline = duty.deadline
    point = getattr(deadline, "point", None)
    at_term = isinstance(deadline, m.Prompt) and deadline.manner == "at_term"
    if duty.survives or not (at_term or (isinstance(point, m.Point) and point.of == "term_end")):
        return duty
    return duty.model_copy(update={"survives": True})


from clauses.evaluation import anchors  # noqa: E402,F401  (langB: registers annual dates)
from clauses.evaluation import series  # noqa: E402,F401  (recurrence: registers limits an event dates)
