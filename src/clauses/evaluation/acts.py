"""Acts the parties perform on their own initiative: exercising a power,
doing something prohibited, and deciding by vote.

A power exercised without its conditions is a breach by the party exercising
it and has no effect; a prohibited act is a breach unless what lifts the
prohibition (written consent, a conciliation) happened before it; a recorded
decision that contradicts the tally of the ballots under the clause's rule is
a breach.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from clauses.language import model as m
from clauses.events import Event
from clauses.findings import Derived, EventNote, Finding, Lines, Status
from clauses.i18n import joined, tr
from clauses.timelimits import AmbiguousDate, Deadline, MonthRule
from clauses.evaluation.context import Context, article_of, note, readings_of

YES = {"pour", "oui", "yes", "for", "favorable", "favourable", "1", "true", "adopté", "adoptée", "adopted",
       "reconduction", "accord", "agreed", "renew", "renewed", "reconduit", "reconduite"}
NO = {"contre", "non", "no", "against", "défavorable", "defavorable", "0", "false", "rejeté", "rejetée",
      "rejected", "non_reconduction", "non-reconduction", "refus", "refused", "not renewed", "non reconduit"}


@dataclass(frozen=True, slots=True)   # one per act of a power: a long log's acts make one each
class Exercise:
    """One exercise of a power: valid or not, and from when it takes effect."""

    power: m.Power
    event: Event
    party: str | None
    valid: bool
    effective: dt.date
    problems: tuple[str, ...]
    notes: tuple[EventNote, ...]
    explanation: tuple[str, ...] = ()
    latest: Deadline | None = None     # the latest permissible date of the act (a notice's limit), if any
    codes: tuple[str, ...] = ()        # recurrence: stable codes of its problems (C004: outside its window)
    alternatives: tuple[str, ...] = ()  # shared powers: what each power of the action lacked (none allows the act)


def _party_of(event: Event, bearer: m.Bearer, ctx: Context) -> str | None:
    if bearer.type == "list":
        return next((p for p in event.by if p in bearer.parties), event.by[0] if event.by else None)
    return event.by[0] if event.by else None


def _by_matches(ref: m.PartyRef | None, event: Event, actor: str | None, ctx: Context) -> bool:
    if ref is None:
        return True
    if ref.type == "other":
        return not event.by or any(p != actor for p in event.by)
    if ref.type == "same":
        return actor is None or actor in event.by
    if ref.type == "all":
        return set(ctx.parties()) <= set(event.by)
    return bool(set(ref.parties) & set(event.by))


def next_renewal(renewals: list[dt.date], after: dt.date) -> dt.date | None:
    return next((r for r in renewals if r > after), None)


def check_exercise(ctx: Context, power: m.Power, event: Event, start: dt.date | None,
                   renewals: list[dt.date], term_end: dt.date | None, used: set[int] | None = None) -> Exercise:
    """Check every condition of a power against the log as it stood on the day of the act."""
    actor = _party_of(event, power.bearer, ctx)
    problems: list[str] = []
    notes: list[EventNote] = []
    explanation: list[str] = []
    effective = event.date
    limit: Deadline | None = None
    used = used if used is not None else set()
    taken: set[int] = set()        # what this exercise relies on: kept only if it is valid
    codes: list[str] = []
    if power.bearer.type == "list" and actor is not None and actor not in power.bearer.parties:
        # the act of a party that does not hold the power exercises nothing
        problems.append(tr("{actor} does not hold this power (only {parties} may)", actor=actor,
                               parties=", ".join(power.bearer.parties)))
    channel = ctx.channel_problem(event, power.channel)
    if channel:
        problems.append(channel)
    for cond in power.conditions:
        if isinstance(cond, m.IfEvent):   # the latest earlier event by the right party: found from the end
            prior = next((e for e in ctx.latest_first(cond.event, event.date) if _by_matches(cond.by, e, actor, ctx)),
                         None)
            if prior is not None:
                notes.append(ctx.note(prior, True, _MET))
            else:
                problems.append(_missing(ctx, cond.event, cond.by, list(ctx.between(cond.event, None, event.date)),
                                         actor, notes))
        elif isinstance(cond, m.AfterCondition):
            problems += _after_condition(ctx, cond, event, actor, notes, explanation, used, taken,
                                         extend=power.extend is not False, month_rule=power.month_rule)
        elif isinstance(cond, m.NoticeCondition):
            target = term_end if cond.target == "term" else next_renewal(renewals, event.date)
            if cond.target == "event":
                continue
            if target is None:
                problems.append(tr("there is no term end to give notice for") if cond.target == "term"
                                else tr("there is no renewal to give notice for"))
                continue
            try:
                label = (tr("the term end of {date}", date=target) if cond.target == "term"
                         else tr("the renewal of {date}", date=target))
                latest = ctx.before(target, cond.duration, label, month_rule=power.month_rule)
            except AmbiguousDate as err:   # `jour manquant à signaler`: reported, not guessed
                problems.append(tr("the latest date for the notice cannot be computed: {error}", error=err.message))
                continue
            if limit is None or latest.date < limit.date:
                limit = latest
            if event.date > latest.date:
                problems.append(tr("notice given on {date}, after the latest date {latest} ({duration} before {target})",
                                   date=event.date, latest=latest.date, duration=cond.duration, target=target))
            if power.effective == "at_renewal":
                effective = target
        elif isinstance(cond, m.NotInFirstYear):
            if start is None:
                continue
            first_year_end = ctx.years_after(start, 1, tr("the start of the convention"))
            if event.date < first_year_end:
                problems.append(tr("exercised during the first year (before {date})", date=first_year_end))
        elif isinstance(cond, m.NotBefore):
            if event.date < cond.date:
                problems.append(tr("exercised before {date}", date=cond.date))
        elif isinstance(cond, m.When):   # langA: `si … et … ou …`
            from clauses.evaluation.conditions import when_problems

            problems += when_problems(ctx, cond, event, actor, explanation)
        elif isinstance(cond, (m.PowerWindow, m.NotAfter, m.InWindow)):   # powers with windows (calendar: time)
            from clauses.evaluation.power_windows import OUTSIDE_WINDOW, window_problems

            outside, closes = window_problems(ctx, power, cond, event, start, term_end, explanation)
            if closes is not None and (limit is None or closes.date < limit.date):
                limit = closes
            if outside:
                problems += outside
                codes.append(OUTSIDE_WINDOW)
    if power.contents:   # acts: `indiquant motifs`: what the act must state
        from clauses.evaluation.contents import LACKS_CONTENT, content_problem

        lacking = content_problem(event, power.contents)
        if lacking:
            problems.append(lacking)
            codes.append(LACKS_CONTENT)
    if power.effective == "at_renewal" and effective == event.date:
        effective = next_renewal(renewals, event.date) or term_end or event.date
    if power.effective_on is not None:   # issue 10 item 5: `prend effet le 1er janvier de l'année suivante`
        on = power.effective_on
        effective = dt.date(event.date.year + on.years_after, on.month, min(on.day, 28 if on.month == 2 else on.day))
        explanation.append(tr("it takes effect on {date}: the day the clause names, in the year after the act of {act}",
                              date=effective, act=event.date) if on.years_after else
                           tr("it takes effect on {date}: the day the clause names, in the year of the act of {act}",
                              date=effective, act=event.date))
    if power.notice is not None:   # notice: the effect waits for the notice period (evaluation/notice.py)
        from clauses.evaluation.notice import notice_effect

        effective, _ = notice_effect(ctx, power, event, actor, renewals, term_end, explanation)
    if not problems:
        used.update(taken)
    return Exercise(power, event, actor, not problems, effective, tuple(problems), tuple(notes), tuple(explanation),
                    limit, tuple(codes))


WHOSE = {"other": lambda actor, parties: tr("another party than {actor}", actor=actor),
         "same": lambda actor, parties: tr("{actor} itself", actor=actor),
         "all": lambda actor, parties: tr("all the parties")}


def _missing(ctx: Context, name: str, ref: m.PartyRef | None, earlier: list[Event], actor: str | None,
             notes: list[EventNote]) -> str:
    """Why no earlier event meets a condition: none at all, or none by the right party."""
    if not earlier or ref is None:
        return tr("no {event} is recorded before it", event=ctx.label(name))
    whose = WHOSE.get(ref.type, lambda actor, parties: parties)(actor or tr("the party acting"), ", ".join(ref.parties))
    for e in earlier[-3:]:
        notes.append(ctx.note(e, False, tr("by {by}; required: by {whose}", by=", ".join(e.by) or tr("an unknown party"),
                                            whose=whose)))
    return tr("no {event} by {whose} is recorded before it", event=ctx.label(name), whose=whose)


def _after_condition(ctx: Context, cond: m.AfterCondition, event: Event, actor: str | None,
                     notes: list[EventNote], explanation: list[str], used: set[int], taken: set[int], *, extend: bool = True,
                     month_rule: MonthRule | None = None) -> list[str]:
    """An earlier act the power needs (a formal notice, a signed amendment): each one supports
    a single exercise of the power, and an exercise that names one (ref) relies on that one.
    The period it must stay unanswered is counted with the power's options (``sans prorogation``,
    ``jour manquant``)."""
    named = ctx.by_id.get(event.ref) if event.ref else None   # the act names the event it relies on
    if named is not None and (named.event != cond.event or named.date > event.date):
        named = None
    candidates = iter([named]) if named is not None else ctx.latest_first(cond.event, event.date)
    by_ok = 0
    relied: list[Event] = []
    reasons: list[str] = []
    for candidate in candidates:            # the most recent first: stop at the first that serves
        if not _by_matches(cond.by, candidate, actor, ctx):
            continue
        by_ok += 1
        if id(candidate) in used or id(candidate) in taken:
            relied.append(candidate)
            continue
        problem = ctx.channel_problem(candidate, cond.channel) or ctx.attendance_problem(candidate)
        if problem:
            if len(reasons) < 3:
                notes.append(ctx.note(candidate, False, problem))
            reasons.append(tr("{event} of {date} was {problem}", event=ctx.label(cond.event), date=candidate.date, problem=problem))
            continue
        if cond.unanswered_for is not None:
            anchor, label = candidate.date, tr("{event} sent on {date}", event=cond.event, date=candidate.date)
            if cond.from_receipt:
                received = ctx.receipt_date(candidate)
                if received:
                    anchor, label = received, tr("receipt on {date} of the {event}", date=received, event=cond.event)
                else:
                    label = tr("{label} (receipt date not recorded: counted from the sending date, CPC art. 668)",
                               label=label)
            try:
                limit = ctx.after(anchor, cond.unanswered_for, label, extend=extend, month_rule=month_rule)
            except AmbiguousDate as err:   # `jour manquant à signaler`: whether it ran out cannot be told
                notes.append(ctx.note(candidate, False, tr("the end of its {duration} cannot be computed",
                                                           duration=cond.unanswered_for)))
                reasons.append(tr("the end of the {duration} after {event} of {date} cannot be computed: {error}",
                                  duration=cond.unanswered_for, event=ctx.label(cond.event), date=candidate.date, error=err.message))
                continue
            explanation.extend(limit.derivation.explain())
            if event.date <= limit.date:
                notes.append(ctx.note(candidate, False, tr("its {duration} run until {date}", duration=cond.unanswered_for,
                                                           date=limit.date)))
                reasons.append(tr("the {duration} after {event} of {date} had not run out (they end on {end})",
                                  duration=cond.unanswered_for, event=ctx.label(cond.event), date=candidate.date,
                                  end=limit.date))
                continue
        said = ctx.channel_note(candidate, cond.channel)
        notes.append(ctx.note(candidate, True, tr("condition met{note}", note=said) if said else _CONDITION_MET))
        taken.add(id(candidate))
        return []
    if by_ok == 0:
        recent = [named] if named is not None else list(ctx.latest_first(cond.event, event.date))[:3][::-1]
        return [_missing(ctx, cond.event, cond.by, recent, actor, notes)]
    if not reasons:
        for e in relied[:3][::-1]:
            notes.append(ctx.note(e, False, tr("already relied on by an earlier exercise of this power")))
        return [tr("every earlier {event} was already relied on by an earlier exercise", event=ctx.label(cond.event))]
    return reasons[:1]


def exercises(ctx: Context, start: dt.date | None, renewals: list[dt.date],
              term_end: dt.date | None) -> list[Exercise]:
    """Every act of a power's action judged under its power; where several powers give one action, each
    act under the one it uses (evaluation/shared_powers.py)."""
    powers = [c for c in ctx.convention.clauses if isinstance(c, m.Power)]
    groups: dict[str, list[m.Power]] = {}
    for power in powers:
        groups.setdefault(power.action, []).append(power)
    shared: dict[str, list[Exercise]] = {}
    for group in groups.values():
        if len(group) > 1:
            from clauses.evaluation.shared_powers import shared_exercises

            shared.update(shared_exercises(ctx, group, start, renewals, term_end))
    found = []
    for clause in powers:
        if clause.id in shared:
            found += shared[clause.id]
            continue
        used: set[int] = set()
        for event in ctx.named(clause.action):
            found.append(check_exercise(ctx, clause, event, start, renewals, term_end, used))
    return found


def valid_grounds(done: list[Exercise]) -> dict[int, m.Power]:
    """The acts (``id(event)``) validly exercised under some power: the power they rely on."""
    return {id(ex.event): ex.power for ex in reversed(done) if ex.valid}


def _valid_exercise(ex: Exercise, action: str, who: str) -> str:
    """The sentence of an exercise that meets its conditions, and its effect (worked out when read)."""
    power, effect = ex.power, ""
    if power.ends_convention and power.notice is not None and ex.effective != ex.event.date:
        effect = tr("; once its notice has run, it ends the convention on {date} (in force until {last})",
                    date=ex.effective, last=ex.effective - dt.timedelta(days=1))
    elif power.party_leaves and power.notice is not None and ex.effective != ex.event.date:
        effect = tr("; once its notice has run, {who} leaves on {date}", who=who, date=ex.effective)
    elif power.ends_convention:
        effect = tr("; it ends the convention on {date}", date=ex.effective)
    elif power.party_leaves:
        effect = tr("; {who} leaves on {date}", who=who, date=ex.effective)
    return tr("{action} by {who} on {date} meets its conditions{effect}", action=action, who=who,
              date=ex.event.date, effect=effect)


#: words every finding of an act says the same way (one message each)
_AND = tr("{a} and {b}").template
_A_PARTY = tr("a party")
_THE_ACT_ITSELF = tr("the act itself")
_CONDITION_MET = tr("condition met{note}", note="")
_MET = tr("condition met")
_THE_ACT = tr("the act")
_LIFTS = tr("lifts the prohibition")


def _jointly(ctx: Context, parties: tuple[str, ...]) -> str:
    """``a and b and c``: the authors of a joint act (one message per set of authors)."""
    key = ("jointly", parties)
    said = ctx.memo.get(key)
    if said is None:
        said = ctx.memo[key] = joined(parties, _AND)
    return said


def _permitted_rest(clause: m.Prohibition, action: str, who: str, event: Event, lifting: str, lifted: Event) -> dict:
    """The fields of a lifted prohibition's finding that :meth:`Finding.deferred` works out when read."""
    return {"message": _permitted(action, who, event.date, lifting, lifted.date),
            "events": (note(event, True, _THE_ACT), note(lifted, True, _LIFTS)),
            "explanation": tuple(readings_of(clause))}


def _permitted(action: str, who: str, date: dt.date, event: str, lifted: dt.date) -> str:
    """The sentence of a prohibited act an earlier event permitted (worked out when read)."""
    return tr("{action} by {who} on {date} is permitted by {event} of {lifted}", action=action, who=who,
              date=date, event=event, lifted=lifted)


def _exercise_lines(ex: Exercise) -> tuple[str, ...]:
    """How an exercise was judged: the derivation of its limit, its own lines, the readings used
    (worked out when a renderer reads them)."""
    latest = ex.latest
    return (tuple(latest.derivation.explain()) if latest else ()) + ex.explanation + tuple(readings_of(ex.power))


def power_findings(ctx: Context, done: list[Exercise],
                   moot: dict[tuple[str, int], tuple[dt.date, str]] | None = None) -> Iterator[Finding]:
    """One finding per exercise, as each is made; ``moot``: the acts that came after the clause stopped
    applying to their author (``Life.moot``), which have no object."""
    moot = moot or {}
    grounds = valid_grounds(done)
    for ex in done:
        power = ex.power
        joint = power.bearer.type == "joint" and ex.event.by
        who = _jointly(ctx, ex.event.by) if joint else ex.party or _A_PARTY
        ended = moot.get((power.id, id(ex.event)))
        other = grounds.get(id(ex.event)) if not ex.valid else None
        if ended is not None:
            message = tr("{act} by {who} on {date} has no object: the convention had ended on {end} ({why}); "
                         "it has no effect", act=ctx.label(power.action), who=who, date=ex.event.date,
                         end=ended[0], why=ended[1])
            status = Status.DISCHARGED
        elif other is not None:
            # notice: several clauses may give one act on different grounds (a termination for breach,
            # in the public interest, at the user's request): the act exercised under the one whose
            # conditions it meets is no breach of the others
            message = tr("{action} by {who} on {date} is not exercised under this clause (its conditions are not "
                         "met: {problems}): it meets those of clause `{other}` (article {article})",
                         action=ctx.label(power.action), who=who, date=ex.event.date,
                         problems=joined(ex.problems, tr("{a}; {b}").template), other=other.id,
                         article=article_of(other))
            status = Status.DISCHARGED
        elif ex.valid:   # what a text report only counts: the rest worked out when read
            latest = ex.latest
            yield Finding.deferred(
                (_valid_rest, ex, ctx.label(power.action), who), Status.FULFILLED, power.id, "power",
                article_of(power), _parties_of(ctx, power, ex), latest.date if latest else None, acted=ex.event.date)
            continue
        elif ex.alternatives:   # several clauses give the action and none allows this act
            message = tr("{action} by {who} on {date} is allowed by none of the clauses that give it: {lacked}; it "
                         "has no effect", action=ctx.label(power.action), who=who, date=ex.event.date,
                         lacked=joined(ex.alternatives, tr("{a} — {b}").template))
            status = Status.BREACH
        else:   # what a text report reads of it is its sentence, when it lists it: the rest worked out then
            latest = ex.latest
            yield Finding.deferred(
                (_unmet_rest, ex, ctx.label(power.action), who), Status.BREACH, power.id, "power",
                article_of(power), _parties_of(ctx, power, ex), latest.date if latest else None, acted=ex.event.date)
            continue
        notes = (ctx.note(ex.event, ex.valid and ended is None,
                          tr("after the end ({end})", end=ended[0]) if ended else _THE_ACT_ITSELF),) + ex.notes
        latest = ex.latest
        yield Finding(status, power.id, "power", article_of(power), _parties_of(ctx, power, ex),
                      latest.date if latest else None, message, events=notes,
                      explanation=Lines(partial(_exercise_lines, ex)),
                      derivation=Derived(latest.derivation) if latest else None, acted=ex.event.date,
                      extra={"code": ex.codes[0]} if ex.codes and status is Status.BREACH else {})


def _parties_of(ctx: Context, power: m.Power, ex: Exercise) -> tuple[str, ...]:
    """The parties of an exercise's finding: the joint authors of a joint act, else its author."""
    if power.bearer.type == "joint" and ex.event.by:
        return tuple(ex.event.by)
    return ctx.alone(ex.party) if ex.party else ()


def _valid_rest(ex: Exercise, action: str, who: str) -> dict:
    """The fields of a valid exercise's finding that :meth:`Finding.deferred` works out when read."""
    latest = ex.latest
    return {"message": _valid_exercise(ex, action, who),
            "events": (note(ex.event, True, _THE_ACT_ITSELF),) + ex.notes,
            "explanation": Lines(partial(_exercise_lines, ex)),
            "derivation": Derived(latest.derivation) if latest else None}


def _unmet_rest(ex: Exercise, action: str, who: str) -> dict:
    """The fields of the finding of an exercise that does not meet its conditions, worked out when read
    (:meth:`Finding.deferred`)."""
    latest = ex.latest
    return {"message": tr("{action} by {who} on {date} does not meet its conditions: {problems}; it has no effect",
                          action=action, who=who, date=ex.event.date, problems=joined(ex.problems, _SEMICOLON)),
            "events": (note(ex.event, False, _THE_ACT_ITSELF),) + ex.notes,
            "explanation": Lines(partial(_exercise_lines, ex)),
            "derivation": Derived(latest.derivation) if latest else None,
            "extra": {"code": ex.codes[0]} if ex.codes else {}}


_SEMICOLON = tr("{a}; {b}").template


def prohibition_findings(ctx: Context, ends: Callable[[m.ClauseBase, str | None], tuple[dt.date, str] | None]
                         ) -> Iterator[Finding]:
    """Each prohibited act: a breach, permitted by what lifts the prohibition, or discharged when the
    prohibition no longer bound its author (``ends``: the convention's end unless the clause survives,
    the author's departure, a consequence that ends the clause — ``Life.end_for``)."""
    for clause in ctx.convention.clauses:
        if not isinstance(clause, m.Prohibition):
            continue
        from clauses.evaluation.exceptions import Relied, lifted_by, not_applicable   # langA

        relied = Relied()   # an authorisation lifts the prohibition for one act
        for event in ctx.named(clause.action):
            actor = _party_of(event, clause.bearer, ctx)
            if clause.bearer.type == "list" and actor not in clause.bearer.parties:
                continue
            ended = ends(clause, actor)
            parties = (actor,) if actor else ()
            if ended and event.date >= ended[0]:
                yield Finding(Status.DISCHARGED, clause.id, "prohibition", article_of(clause), parties,
                              None, tr("{action} on {date} came after the prohibition stopped applying: {why}",
                                       action=ctx.label(clause.action), date=event.date, why=ended[1]),
                              events=(ctx.note(event, False, tr("after the prohibition stopped applying")),),
                              acted=event.date)
                continue
            skipped = not_applicable(ctx, clause, event, actor, parties)
            unsettled = None
            if isinstance(skipped, Finding):
                yield skipped
                continue
            unsettled = skipped   # `sauf si` the log cannot tell, or None
            lifted = lifted_by(ctx, clause, event, actor, relied)
            if lifted is not None:
                yield Finding.deferred(   # what a text report only counts: the rest worked out when read
                    (_permitted_rest, clause, ctx.label(clause.action), actor or _A_PARTY, event,
                     ctx.label(lifted.event), lifted),
                    Status.FULFILLED, clause.id, "prohibition", article_of(clause), parties, None, acted=event.date)
                continue
            if unsettled is not None:
                yield unsettled.finding(ctx, clause, event, actor, parties)
                continue
            needed = joined([ctx.label(e.event) for e in clause.exceptions], tr("{a} or {b}").template)
            message = (tr("{action} by {who} on {date} is prohibited without a prior {needed}", action=ctx.label(clause.action),
                          who=actor or tr("a party"), date=event.date, needed=needed) if needed else
                       tr("{action} by {who} on {date} is prohibited", action=ctx.label(clause.action),
                          who=actor or tr("a party"), date=event.date))
            why: tuple[str, ...] = ()
            if clause.condition is not None:   # acts: say why the condition holds (`séance.personnes > …`)
                from clauses.evaluation.conditions import evaluate as holds

                why = tuple(holds(ctx, clause.condition, event.date, event, actor).lines)
            yield Finding(Status.BREACH, clause.id, "prohibition", article_of(clause), parties,
                          None, message, events=(ctx.note(event, True, tr("the prohibited act")),),
                          explanation=why + tuple(readings_of(clause)), acted=event.date)


def _lifting_event(ctx: Context, clause: m.Prohibition, event: Event, actor: str | None) -> Event | None:
    for exc in clause.exceptions:
        for prior in ctx.between(exc.event, None, event.date):
            if _by_matches(exc.by, prior, actor, ctx) and not ctx.attendance_problem(prior):
                return prior
    return None


# ------------------------------------------------------------------ votes
@dataclass(frozen=True)
class Tally:
    decision: Event
    outcome: bool | None          # True adopted, False rejected, None no valid decision
    recorded: bool | None
    detail: str
    ballots: tuple[EventNote, ...]


def _recorded_text(event: Event) -> str:
    raw = event.attrs.get("value", event.attrs.get("vote", event.attrs.get("decision", event.subject)))
    return str(raw).strip() if raw is not None else ""


def ballot_value(event: Event) -> bool | None:
    text = _recorded_text(event).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def _voters(ctx: Context, vote: m.Vote) -> tuple[str, ...]:
    if vote.voters:
        return vote.voters
    body = next((b for b in ctx.convention.bodies if b.id == vote.body), None)
    return body.deliberative if body and body.deliberative else ctx.parties()


def tallies(ctx: Context, vote: m.Vote, departures: dict[str, tuple[dt.date, str]] | None = None) -> list[Tally]:
    """Each recorded decision with the outcome its ballots give under the clause's rule,
    among the voters still members on the day of the decision."""
    results = []
    decisions = ctx.named(vote.decision) if vote.decision else []
    previous: dt.date | None = None
    departures = departures or {}
    for decision in decisions:
        voters = tuple(p for p in _voters(ctx, vote) if p not in departures or departures[p][0] > decision.date)
        linked = ctx.linked(vote.ballots, decision.id) if vote.ballots and decision.id else []
        if not linked and vote.ballots:
            after = previous + dt.timedelta(days=1) if previous is not None else None
            linked = list(ctx.between(vote.ballots, after, decision.date))
        previous = decision.date
        cast: dict[str, bool | None] = {}
        notes: list[EventNote] = []
        for ballot in linked:
            voter = next((p for p in ballot.by if p in voters), None)
            if voter is None:
                notes.append(ctx.note(ballot, False, tr("{by} has no deliberative vote", by=", ".join(ballot.by) or tr("unknown"))))
                continue
            cast[voter] = ballot_value(ballot)
            notes.append(ctx.note(ballot, True, tr("{voter} votes {word}", voter=voter, word=_word(cast[voter]))))
        outcome, detail = _apply_rule(vote, voters, cast)
        results.append(Tally(decision, outcome, ballot_value(decision), detail, tuple(notes)))
    return results


def _word(value: bool | None) -> str:
    return {True: tr("for"), False: tr("against"), None: tr("abstention/blank")}[value]


def _apply_rule(vote: m.Vote, voters: tuple[str, ...], cast: dict[str, bool | None]) -> tuple[bool | None, str]:
    yes = sum(1 for v in cast.values() if v is True)
    no = sum(1 for v in cast.values() if v is False)
    counts = dict(yes=yes, no=no, blank=len(voters) - yes - no, members=len(voters))
    counted = tr("{yes} for, {no} against, {blank} not voting or blank, out of {members} members", **counts)

    if vote.quorum is not None and len(cast) < vote.quorum:
        return None, tr("{detail}; quorum of {quorum} not reached", detail=counted, quorum=vote.quorum)
    rule = vote.rule or m.MajorityRule.MAJORITY_OF_MEMBERS
    if rule in (m.MajorityRule.UNANIMITY, m.MajorityRule.EACH_AGREES):
        return yes == len(voters), (tr("{detail}; unanimity reached", detail=counted) if yes == len(voters)
                                   else tr("{detail}; not unanimous", detail=counted))
    base = len(voters) if rule is m.MajorityRule.MAJORITY_OF_MEMBERS else yes + no
    if yes * 2 > base:
        return True, tr("{detail}; majority for", detail=counted)
    if no * 2 > base:
        return False, tr("{detail}; majority against", detail=counted)
    if yes == no and vote.casting_vote and cast.get(vote.casting_vote) is not None:
        casting = cast[vote.casting_vote]
        return casting, tr("{detail}; tie broken by the casting vote of {casting} ({word})", detail=counted,
                           casting=vote.casting_vote, word=_word(casting))
    if yes == no:
        return None, tr("{detail}; tie with no casting vote", detail=counted)
    return None, tr("{detail}; no majority", detail=counted)


def vote_findings(ctx: Context, departures: dict[str, tuple[dt.date, str]]) -> list[Finding]:
    findings = []
    for clause in ctx.convention.clauses:
        if not isinstance(clause, m.Vote):
            continue
        from clauses.evaluation.governance import count_findings, counted   # langA

        if counted(clause):
            findings += count_findings(ctx, clause)
            continue
        for tally in tallies(ctx, clause, departures):
            when = tally.decision.date
            result = {True: tr("adopted"), False: tr("rejected"), None: tr("no valid decision")}[tally.outcome]
            parties = (clause.casting_vote,) if clause.casting_vote else _voters(ctx, clause)
            if tally.recorded is None:   # the log does not say what was decided: it cannot be judged
                status = Status.PENDING
                raw = _recorded_text(tally.decision)
                said = (tr("its value `{value}` is neither for nor against", value=raw) if raw
                        else tr("no value is recorded"))
                message = tr("the decision of {date} has an unknown outcome ({said}): whether it agrees with the "
                             "ballots, which give {result} ({detail}), cannot be told; record its value (`pour` or "
                             "`contre`)", date=tally.decision.date, said=said, result=result, detail=tally.detail)
            elif tally.recorded != tally.outcome:
                recorded = tr("adopted") if tally.recorded else tr("rejected")
                status = Status.BREACH
                message = tr("the decision of {when} is recorded as {recorded}, but the ballots give {result} ({detail})",
                             when=when, recorded=recorded, result=result, detail=tally.detail)
            else:
                status = Status.FULFILLED
                message = tr("the decision of {when} ({result}) is consistent with the ballots ({detail})", when=when,
                             result=result, detail=tally.detail)
            notes = (ctx.note(tally.decision, True, tr("the recorded decision")),) + tally.ballots
            findings.append(Finding(status, clause.id, "vote", article_of(clause), tuple(parties),
                                    None, message, events=notes,
                                    explanation=tuple(readings_of(clause)), acted=tally.decision.date))
    return findings
