"""A deliberately naive reference evaluator, for differential testing only.

It reads the model (:mod:`clauses.language.model`) and counts time limits with
its own date arithmetic (:mod:`oracle.dates`: days stepped one by one, its own month
rule and holiday list), and shares nothing else with the engine
(``clauses.evaluation`` is never imported): no index of events by name, no
period splitter, no instance generators. It walks the calendar one day at a
time and applies each clause's meaning as README.md states it:

- the life of the convention: starting on the start date, each day's events
  are applied in log order (powers exercised, ballots, decisions, events that
  entail consequences); on each scheduled renewal date an express renewal
  decided by a vote needs a decision since the previous renewal;
- recurring duties: the calendar is walked and a new period opens on each
  boundary day (1 January/July/... for calendar periods, the monthiversaries of
  the start for periods counted from the start, every 7·n days for weeks);
  a period that straddles the end is cut there (a "once before the end of the
  period" duty keeps it whole, what it requires after the end being
  discharged); a stub period (a clipped first calendar period, a last
  period cut by the end) requires its share pro rata rounded to the nearest,
  nothing when shorter than the interval between two occurrences (fulfilled
  when something was done in it anyway, else discharged);
- monthly duties ("avant le N de chaque mois"): each first of a month after
  the start month opens an instance for the month before;
- other duties: each instance walks the days of its window and takes the
  first act that fits (an act without ``ref`` counts only for the first
  occasion on or after it; a notice binds the parties it is addressed to) (right party, channel, recipient, attendance), on time
  or late; an act is used by one instance only, earlier instances first.

Policies (same as the engine's docstrings and README; see docs/reliability.md):
an act that names (``ref``) a trigger answers that trigger only; a power
exercised without its conditions, or once its clause had stopped applying to its
author (the end of the convention), has no effect and triggers nothing (what it
would have triggered is listed as discharged); a
condition event (``après X``) supports a single valid exercise of the power;
several powers of one action judge each act under one of them only (the one the
act names, else one that allows it, else the nearest: ``one_ground``); series
``à compter de chaque X`` run side by side, each with its own stop and acts;
renewal decisions are counted among the voters still members on the day of
the decision; a clause stops applying at the end of the convention (unless it
survives), at its party's departure and at a consequence that ends it.
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
import re
from collections import defaultdict
from typing import Iterator

from clauses.language import model as m
from clauses.events import Event
from clauses.timelimits import MonthRule, Unit

from . import dates

ONE = dt.timedelta(days=1)
YES = {"pour", "oui", "yes", "for", "favorable", "favourable", "1", "true", "adopté", "adoptée", "adopted",
       "reconduction", "accord", "agreed", "renew", "renewed", "reconduit", "reconduite"}
NO = {"contre", "non", "no", "against", "défavorable", "defavorable", "0", "false", "rejeté", "rejetée",
      "rejected", "non_reconduction", "non-reconduction", "refus", "refused", "not renewed", "non reconduit"}
# what a recorded channel proves: an LRAR is also a registered letter, a letter and a writing...
PROVES = {"lrar": {"lrar", "registered", "letter", "written"}, "registered": {"registered", "letter", "written"},
          "letter": {"letter", "written"}, "email": {"email", "written"}, "mail": {"email", "written"},
          "courriel": {"email", "written"}, "hand": {"hand", "written"}, "written": {"written"}}
RECEIPT = ("received", "receipt", "reçu", "recu", "date_reception", "réception")
COMPARE_YEARS = 5   # findings further than this past the horizon are not compared (see compare())

Row = tuple  # (kind, clause, status, parties, due, window_start, acted)


def days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    d = first
    while d <= last:
        yield d
        d += ONE


class Reference:
    def __init__(self, conv: m.Convention, events: list[Event], as_of: dt.date, horizon: int) -> None:
        self.conv, self.as_of = conv, as_of
        self.horizon_end = as_of + dt.timedelta(days=horizon)
        self.days = dates.Days(conv.holidays)
        ordered = sorted(events, key=lambda e: (e.date, e.row))
        self.past = [e for e in ordered if e.date <= as_of]
        self.future = [e for e in ordered if e.date > as_of]
        self.ids = {e.id for e in ordered if e.id}
        self.on_day: dict[dt.date, list[Event]] = defaultdict(list)
        for e in self.past:
            self.on_day[e.date].append(e)
        self.members = [p.id for p in conv.parties if p.signatory]
        self.rows: list[Row] = []

    # ------------------------------------------------------------------ helpers
    def after(self, anchor: dt.date, d: m.Duration, extend: bool = True, rule: MonthRule | None = None) -> dt.date:
        return dates.after(anchor, d, self.days, extend=extend, rule=rule)

    def before(self, anchor: dt.date, d: m.Duration, rule: MonthRule | None = None) -> dt.date:
        return dates.before(anchor, d, self.days, rule=rule)

    def due(self, compute) -> dt.date | None:
        """A due date; None when `jour manquant à signaler` meets a day the month lacks (reported)."""
        try:
            return compute()
        except dates.NoSuchDay:
            return None

    def decl(self, name: str) -> m.EventDecl | None:
        return next((e for e in self.conv.events if e.id == name), None)

    def channel_ok(self, e: Event, required: m.Channel | None) -> bool:
        return required is None or not e.via or required.value in PROVES.get(e.via, set())

    def attendance_ok(self, e: Event) -> bool:
        decl = self.decl(e.event)
        raw = e.attrs.get("representatives")
        if decl is None or decl.min_representatives_per_party is None or raw is None:
            return True
        seen: dict[str, int] = {}
        for part in re.split(r"[;,]", str(raw)):
            hit = re.fullmatch(r"\s*([\w-]+)\s*[=:]\s*([0-9]+)\s*", part)
            if hit:
                seen[hit.group(1)] = int(hit.group(2))
        return all(seen.get(p, 0) >= decl.min_representatives_per_party for p in self.members)

    def recipient_ok(self, e: Event, rec: m.Recipients | None) -> bool:
        return rec is None or rec.type != "parties" or not e.to or bool(set(e.to) & set(rec.names))

    def received(self, e: Event) -> dt.date | None:
        for name in RECEIPT:
            value = e.attrs.get(name)
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value[:10])
                except ValueError:
                    return None
        return None

    def claimed_period(self, e: Event) -> dt.date | None:
        raw = e.attrs.get("period")
        if raw is None:
            return None
        text = str(raw).strip()
        try:
            return dt.date(int(text), 12, 31) if re.fullmatch(r"[0-9]{4}", text) else dt.date.fromisoformat(text[:10])
        except ValueError:
            return None

    def whose(self, ref: m.PartyRef | None, e: Event, actor: str | None) -> bool:
        """Was ``e`` done by the party the condition or exception names?"""
        if ref is None:
            return True
        if ref.type == "other":
            return not e.by or any(p != actor for p in e.by)
        if ref.type == "same":
            return actor is None or actor in e.by
        if ref.type == "all":
            return set(self.members) <= set(e.by)
        return bool(set(ref.parties) & set(e.by))

    def named_until(self, name: str, last: dt.date) -> list[Event]:
        """Every past event called ``name`` up to ``last``, walking the days."""
        return [e for e in self.past if e.event == name and e.date <= last]

    def actor(self, e: Event, bearer: m.Bearer) -> str | None:
        if bearer.type == "list":
            mine = [p for p in e.by if p in bearer.parties]
            if mine:
                return mine[0]
        return e.by[0] if e.by else None

    # ------------------------------------------------------------------ the life
    def life(self) -> None:
        conv, term = self.conv, self.conv.term
        start = None
        if term and isinstance(term.start, m.DateAnchor):
            start = term.start.date
        elif term and isinstance(term.start, m.EventAnchor):
            first = [e for e in self.past if e.event == term.start.event]
            start = first[0].date if first else None
        elif conv.signature and conv.signature.date:
            start = conv.signature.date
        self.start = start
        first_end = None
        if term and start:
            first_end = term.end_date or (self.after(start, term.duration, extend=False) if term.duration else None)
        renewal = term.renewal if term and not term.no_renewal and first_end else None
        # the scheduled renewal dates: each period runs from the previous renewal date
        self.schedule: list[dt.date] = []
        final = first_end
        if renewal is not None:
            cap = self.after(start, term.maximum, extend=False) if term.maximum else None
            step = renewal.period or term.duration
            current, final = first_end, None
            limit = self.horizon_end + dt.timedelta(days=366 * (COMPARE_YEARS + 2))
            while True:
                if cap and current >= cap:
                    final = cap
                    break
                self.schedule.append(current)
                if step is None or current > limit:
                    break
                current = self.after(current, step, extend=False)
        self.term_end_for_notice = final if renewal else first_end

        # walk the days: powers exercised, decisions, consequences
        self.exercises: list[dict] = []
        self.departures: dict[str, dt.date] = {}
        self.decisions: list[tuple[dt.date, bool | None]] = []
        self.tallies: dict[str, list[dict]] = defaultdict(list)
        self.void: set[int] = set()
        consumed: dict[str, set[int]] = defaultdict(set)
        vote_of_renewal = None
        if renewal and renewal.decided_by and isinstance(conv.clause(renewal.decided_by), m.Vote):
            vote_of_renewal = conv.clause(renewal.decided_by)
        votes = [c for c in conv.clauses if isinstance(c, m.Vote)]
        last_decision: dict[str, dt.date] = {}
        first_day = min([e.date for e in self.past] + ([start] if start else []), default=self.as_of)
        for day in days(first_day, self.as_of):
            for e in self.on_day.get(day, []):   # first the powers exercised that day
                grounds = [p for p in conv.clauses if isinstance(p, m.Power) and p.action == e.event]
                if len(grounds) == 1:
                    self.exercise(grounds[0], e, consumed[grounds[0].id])
                elif grounds:
                    self.one_ground(grounds, e, consumed)
            for e in self.on_day.get(day, []):   # then the decisions, among the members left
                for vote in votes:
                    if vote.decision == e.event:
                        tally = self.tally(vote, e, last_decision.get(vote.id))
                        last_decision[vote.id] = e.date
                        self.tallies[vote.id].append(tally)
                        if vote is vote_of_renewal:
                            self.decisions.append((e.date, tally["outcome"]))
        # renewals: an express renewal decided by a vote needs a decision since the previous renewal
        self.renewals: list[dt.date] = []
        scheduled_end = final if renewal else first_end
        express_only = renewal is not None and m.RenewalMode.EXPRESS in renewal.modes \
            and m.RenewalMode.TACIT not in renewal.modes and renewal.decided_by
        previous = None
        for date in self.schedule:
            self.renewals.append(date)
            if express_only:
                window = [o for d, o in self.decisions if (previous is None or d > previous) and d <= date]
                renewed = bool(window[-1]) if window else date > self.as_of
                if not renewed:
                    scheduled_end = date
                    break
            previous = date
        self.scheduled_end = scheduled_end
        # the end: the term, valid terminations, consequences
        ends = [scheduled_end] if scheduled_end else []
        self.clause_ends: dict[str, dt.date] = {}
        power_actions = {c.action for c in conv.clauses if isinstance(c, m.Power)}
        for ex in self.exercises:
            if ex["valid"] and ex["power"].ends_convention:
                ends.append(ex["effective"])
        for cons in conv.clauses:
            if not isinstance(cons, m.Consequence):
                continue
            names = set(cons.trigger_by.parties) if cons.trigger_by else None
            if cons.trigger in power_actions:
                fired = [ex["effective"] for ex in self.exercises if ex["valid"] and ex["power"].action == cons.trigger
                         and (names is None or ex["actor"] in names)]
            else:
                fired = [e.date for e in self.past if e.event == cons.trigger and (names is None or names & set(e.by))]
            for when in fired:
                if cons.ends_convention:
                    ends.append(when)
                for target in cons.ends_clauses:
                    self.clause_ends[target] = min(self.clause_ends.get(target, when), when)
        self.end = min(ends) if ends else None
        # an act on or after the day its clause stopped applying to its author has no object
        # (unless it is what ended it: a valid termination or departure taking effect that day)
        enders = [ex["event"] for ex in self.exercises if ex["valid"] and ex["effective"] == ex["event"].date
                  and (ex["power"].ends_convention or ex["power"].party_leaves)]
        for ex in self.exercises:
            stop = self.stops(ex["power"], ex["actor"])
            e = ex["event"]
            if stop is None or e.date < stop:
                continue
            if e.date == stop and any(x is e for x in enders):
                continue     # the act that ended it that day
            self.void.add(id(e))
            self.rows[ex["row"]] = self.rows[ex["row"]][:2] + ("discharged",) + self.rows[ex["row"]][3:]

    def one_ground(self, grounds: list[m.Power], e: Event, consumed: dict[str, set[int]]) -> None:
        """Several clauses give the act (a termination for breach, in the public interest, at the user's
        request): it is judged under one of them only. A clause its author does not hold is out (unless
        none is held); of the rest, the one the act claims (its ``ref`` or ``subject`` is the clause's
        id, else its ``ref`` is an event the clause's conditions mention) is the only one tried; then
        the first of those that allow it among the ones with the most conditions; if none allows it,
        it is one breach, under the one that came nearest (most conditions satisfied, a wrong channel
        or a foreign author counting as one more missing, ties to the first written)."""
        held = [p for p in grounds if p.bearer.type != "list" or not e.by or set(e.by) & set(p.bearer.parties)]
        held = held or grounds
        claims = [x for x in (e.ref, e.subject) if x]
        claimed = [p for p in grounds if p.id in claims]
        if not claimed and e.ref:
            target = next((x for x in self.past if x.id == e.ref), None)
            if target is not None:
                claimed = [p for p in grounds if target.event in self.mentions(p)]
        tried = [p for p in held if p in claimed] or held
        verdicts = [(p, self.judge(p, e, consumed[p.id])) for p in tried]
        allowing = [(p, v) for p, v in verdicts if v["ok"]]
        if allowing:
            most = max(len(p.conditions) for p, _ in allowing)
            power, verdict = next((p, v) for p, v in allowing if len(p.conditions) == most)
        else:
            nearest = max(v["satisfied"] - v["other_faults"] for _, v in verdicts)
            power, verdict = next((p, v) for p, v in verdicts if v["satisfied"] - v["other_faults"] == nearest)
        self.record(power, e, verdict, consumed[power.id])

    @staticmethod
    def mentions(power: m.Power) -> set[str]:
        """The events a power's conditions (and its notice) are counted from."""
        names = {c.event for c in power.conditions if isinstance(c, (m.IfEvent, m.AfterCondition))}
        if power.notice is not None and power.notice.from_event:
            names.add(power.notice.from_event)
        return names

    def exercise(self, power: m.Power, e: Event, consumed: set[int]) -> None:
        self.record(power, e, self.judge(power, e, consumed), consumed)

    def judge(self, power: m.Power, e: Event, consumed: set[int]) -> dict:
        """Is this act a valid exercise of the power, judged on the day it happens? (Nothing recorded.)"""
        actor = self.actor(e, power.bearer)
        ok = self.channel_ok(e, power.channel)
        other_faults = 0 if ok else 1
        if power.bearer.type == "list" and actor is not None and actor not in power.bearer.parties:
            ok = False    # a party that does not hold the power cannot exercise it
            other_faults += 1
        failed = 0
        effective = e.date
        latest_of_all: dt.date | None = None   # the latest permissible date of the act (its notice limit)
        taken: set[int] = set()
        for cond in power.conditions:
            if isinstance(cond, m.IfEvent):
                if not any(self.whose(cond.by, x, actor) for x in self.named_until(cond.event, e.date)):
                    ok, failed = False, failed + 1
            elif isinstance(cond, m.AfterCondition):
                earlier = self.named_until(cond.event, e.date)
                if e.ref and any(x.id == e.ref for x in earlier):
                    earlier = [x for x in earlier if x.id == e.ref]
                usable = [x for x in earlier if self.whose(cond.by, x, actor)
                          and id(x) not in consumed and id(x) not in taken]
                found = None
                for x in reversed(usable):     # the latest that meets the condition
                    if not self.channel_ok(x, cond.channel) or not self.attendance_ok(x):
                        continue
                    if cond.unanswered_for is not None:
                        anchor = (self.received(x) or x.date) if cond.from_receipt else x.date
                        runs_out = self.due(lambda: self.after(anchor, cond.unanswered_for,
                                                               extend=power.extend is not False,
                                                               rule=power.month_rule))
                        if runs_out is None or e.date <= runs_out:
                            continue    # not yet run out, or cannot be told
                    found = x
                    break
                if found is None:
                    ok, failed = False, failed + 1
                else:
                    taken.add(id(found))
            elif isinstance(cond, m.NoticeCondition):
                if cond.target == "event":
                    continue
                target = self.term_end_for_notice if cond.target == "term" else \
                    next((r for r in self.schedule if r > e.date), None)
                if target is None:
                    ok, failed = False, failed + 1
                    continue
                latest = self.due(lambda: self.before(target, cond.duration, power.month_rule))
                if latest is not None and (latest_of_all is None or latest < latest_of_all):
                    latest_of_all = latest
                if latest is None or e.date > latest:
                    ok, failed = False, failed + 1
                if power.effective == "at_renewal":
                    effective = target
            elif isinstance(cond, m.NotInFirstYear):
                if self.start is not None and e.date < self.after(self.start, m.Duration(amount=1, unit=Unit.YEARS),
                                                                  extend=False):
                    ok, failed = False, failed + 1
            elif isinstance(cond, m.NotBefore):
                if e.date < cond.date:
                    ok, failed = False, failed + 1
        if power.effective == "at_renewal" and effective == e.date:
            effective = next((r for r in self.schedule if r > e.date), None) or self.term_end_for_notice or e.date
        return {"ok": ok, "actor": actor, "effective": effective, "latest": latest_of_all, "taken": taken,
                "satisfied": len(power.conditions) - failed, "other_faults": other_faults}

    def record(self, power: m.Power, e: Event, verdict: dict, consumed: set[int]) -> None:
        ok, actor, effective = verdict["ok"], verdict["actor"], verdict["effective"]
        if ok:
            consumed |= verdict["taken"]
            if power.party_leaves and actor:
                self.departures[actor] = min(self.departures.get(actor, effective), effective)
        else:
            self.void.add(id(e))
        self.exercises.append({"power": power, "event": e, "actor": actor, "valid": ok, "effective": effective,
                               "row": len(self.rows)})
        joint = power.bearer.type == "joint" and e.by
        parties = tuple(e.by) if joint else ((actor,) if actor else ())
        self.rows.append(("power", power.id, "fulfilled" if ok else "breach", parties, verdict["latest"], None,
                          e.date))

    def voters(self, vote: m.Vote) -> tuple[str, ...]:
        if vote.voters:
            return vote.voters
        body = next((b for b in self.conv.bodies if b.id == vote.body), None)
        return body.deliberative if body and body.deliberative else tuple(self.members)

    def tally(self, vote: m.Vote, decision: Event, previous: dt.date | None) -> dict:
        voters = [p for p in self.voters(vote) if not (p in self.departures and self.departures[p] <= decision.date)]
        ballots = [b for b in self.past if b.event == vote.ballots] if vote.ballots else []
        mine = [b for b in ballots if decision.id and b.ref == decision.id] or \
            [b for b in ballots if b.date <= decision.date and (previous is None or b.date > previous)]
        cast: dict[str, bool | None] = {}
        for b in mine:
            voter = next((p for p in b.by if p in voters), None)
            if voter is not None:
                cast[voter] = value(b)
        yes = sum(v is True for v in cast.values())
        no = sum(v is False for v in cast.values())
        rule = vote.rule or m.MajorityRule.MAJORITY_OF_MEMBERS
        if vote.quorum is not None and len(cast) < vote.quorum:
            outcome = None
        elif rule in (m.MajorityRule.UNANIMITY, m.MajorityRule.EACH_AGREES):
            outcome = yes == len(voters)
        else:
            base = len(voters) if rule is m.MajorityRule.MAJORITY_OF_MEMBERS else yes + no
            if 2 * yes > base:
                outcome = True
            elif 2 * no > base:
                outcome = False
            elif yes == no and vote.casting_vote and cast.get(vote.casting_vote) is not None:
                outcome = cast[vote.casting_vote]
            else:
                outcome = None
        recorded = value(decision)
        # a decision recorded without a value (or with one that is neither for nor against) cannot be judged
        status = "pending" if recorded is None else "breach" if recorded != outcome else "fulfilled"
        parties = (vote.casting_vote,) if vote.casting_vote else tuple(self.voters(vote))
        self.rows.append(("vote", vote.id, status, parties, None, None, decision.date))
        return {"outcome": outcome}

    def stops(self, clause: m.ClauseBase, party: str | None) -> dt.date | None:
        """The first day a clause no longer applies (to a party)."""
        dates = []
        if self.end is not None and not getattr(clause, "survives", False):
            dates.append(self.end)
        if party and party in self.departures:
            dates.append(self.departures[party])
        if clause.id in self.clause_ends:
            dates.append(self.clause_ends[clause.id])
        return min(dates) if dates else None

    # ------------------------------------------------------------------ term
    def term(self) -> None:
        parties = tuple(self.members)
        if self.end is not None:
            status = "discharged" if self.end <= self.as_of else "upcoming" if self.end <= self.horizon_end \
                else "pending"
            self.rows.append(("term", "term", status, parties, self.end, None))
        elif self.conv.term is not None:
            self.rows.append(("term", "term", "pending", parties,
                              next((r for r in self.renewals if r > self.as_of), None), None))

    # ------------------------------------------------------------------ prohibitions
    def prohibitions(self) -> None:
        for clause in self.conv.clauses:
            if not isinstance(clause, m.Prohibition):
                continue
            relied: set[int] = set()
            for e in self.past:
                if e.event != clause.action:
                    continue
                actor = self.actor(e, clause.bearer)
                if clause.bearer.type == "list" and actor not in clause.bearer.parties:
                    continue
                parties = (actor,) if actor else ()
                stop = self.stops(clause, actor)
                if stop is not None and e.date >= stop:
                    status = "discharged"
                elif (lift := next((x for exc in clause.exceptions for x in self.past
                                    if x.event == exc.event and x.date <= e.date and self.whose(exc.by, x, actor)
                                    and self.attendance_ok(x) and id(x) not in relied), None)) is not None:
                    relied.add(id(lift))     # an authorisation lifts the prohibition for one act
                    status = "fulfilled"
                else:
                    status = "breach"
                self.rows.append(("prohibition", clause.id, status, parties, None, None, e.date))

    # ------------------------------------------------------------------ duties
    def who(self, duty: m.Duty, trigger: Event | None = None, notice: bool = False) -> list[tuple[str | None, tuple]]:
        b = duty.bearer
        if b.type == "joint":
            return [(None, tuple(self.members))]
        if b.type == "list":
            bound = list(b.parties)
        else:
            exclude = set(trigger.by) if (b.type == "others" and trigger) else set()
            bound = [p for p in self.members if p not in exclude]
        # a notice the duty answers binds the bound parties it is addressed to (if it names any)
        if notice and trigger is not None and any(p in trigger.to for p in bound):
            bound = [p for p in bound if p in trigger.to]
        return [(p, (p,)) for p in bound]

    def occasion_of(self, action: str, act: Event) -> Event | None:
        """The first occasion (an event some "at least N before each X" duty of this action counts
        back from) on or after the act, that the act's subject fits."""
        best = None
        for d in self.conv.clauses:
            if not (isinstance(d, m.Duty) and d.action == action and isinstance(d.deadline, m.BeforeEvent)):
                continue
            if d.subject and act.subject and d.subject.casefold() not in act.subject.casefold() \
                    and act.subject.casefold() not in d.subject.casefold():
                continue
            for t in self.past + self.future:
                if t.event == d.deadline.event and t.date >= act.date and \
                        (best is None or (t.date, t.row) < (best.date, best.row)):
                    best = t
        return best

    def fits(self, duty: m.Duty, e: Event) -> bool:
        return self.channel_ok(e, duty.channel) and self.recipient_ok(e, duty.recipients) and self.attendance_ok(e)

    def status(self, duty: m.Duty, party: str | None, due: dt.date | None, done: bool) -> str:
        if done:
            return "fulfilled"
        stop = self.stops(duty, party)
        if due is not None and stop is not None and due >= stop and stop <= self.as_of:
            return "discharged"      # only once the end has come: a scheduled end may still move
        if due is None:
            return "pending"
        if due < self.as_of:
            return "breach"
        return "upcoming" if due <= self.horizon_end else "pending"

    def one_off(self, duty: m.Duty, party: str | None, parties: tuple, due: dt.date | None, opens: dt.date | None,
                used: set[int], trigger: Event | None = None, closes: dt.date | None = None,
                occasion: bool = False) -> None:
        """Walk the days of the window: the first fitting act settles the instance (on time or late)."""
        done = False
        answers = {id(x) for x in self.past if x.event == duty.action and trigger is not None and trigger.id
                   and x.ref == trigger.id}
        for day in days(opens or min([e.date for e in self.past] + [self.as_of]), self.as_of):
            settled = False
            for e in self.on_day.get(day, []):
                if e.event != duty.action or id(e) in used or (party is not None and party not in e.by):
                    continue
                if answers and id(e) not in answers:
                    continue         # the acts that name this trigger answer it, and only they
                if trigger is not None and not answers and e.ref and e.ref != trigger.id and e.ref in self.ids:
                    continue         # it answers another logged event
                if occasion and not (trigger.id and e.ref == trigger.id) and self.occasion_of(duty.action, e) is not trigger:
                    continue         # without ref, an act is for its nearest following occasion only
                if not answers and duty.subject and e.subject and duty.subject.casefold() not in e.subject.casefold() \
                        and e.subject.casefold() not in duty.subject.casefold():
                    continue
                if closes is not None and day > closes:
                    claim = self.claimed_period(e)
                    if claim is None or not (opens or claim) <= claim <= closes:
                        continue
                if not self.fits(duty, e):
                    continue
                used.add(id(e))
                done = due is None or day <= due
                settled = True
                break
            if settled:
                break
        self.rows.append(("duty", duty.id, self.status(duty, party, due, done), parties, due, opens))

    def duties(self) -> None:
        for duty in self.conv.clauses:
            if not isinstance(duty, m.Duty) or duty.deadline is None:
                continue
            recurring = isinstance(duty.deadline, (m.Recurrence, m.BeforePeriodEnd, m.DayOfMonth))
            if duty.series is not None or (self.start is None and recurring):
                self.series(duty)
            else:
                self.duty(duty)

    def not_triggered(self, duty: m.Duty, opens: dt.date | None = None) -> None:
        for _, parties in self.who(duty):
            self.rows.append(("duty", duty.id, "pending", parties, None, opens))

    def series(self, duty: m.Duty) -> None:
        """A series started by each (or the first) start event, judged as a life of its own. With
        ``à compter de chaque X`` the series run side by side: each ends at the first stop event on or
        after its start that is for it (a stop whose ``ref`` is the id of the X that opened another
        series is for that one alone), or at the end; the acts whose ``ref`` is the id of the X that
        opened another series are not this one's. With ``tant que X`` the next X also ends it."""
        s = duty.series or m.Series()
        if self.start is None or s.start != "event":
            if self.start is None:
                return self.not_triggered(duty)
            return self.duty(duty)
        openers = [e for e in self.past if e.event == s.event and id(e) not in self.void]
        openers = openers if s.each else openers[:1]
        if not openers:
            return self.not_triggered(duty)
        opener_ids = {e.id for e in openers if e.id}
        start, end, clause_ends = self.start, self.end, dict(self.clause_ends)
        past, on_day = self.past, self.on_day
        for i, opener in enumerate(openers):
            first = max(opener.date, start)
            mine = {opener.id} if opener.id else set()
            stop = next((e.date for e in past if s.until and e.event == s.until and e.date >= first
                         and id(e) not in self.void and (e.ref not in opener_ids or e.ref in mine)), None)
            following = max(openers[i + 1].date, start) if s.replaces and i + 1 < len(openers) else None
            ends = [d for d in (stop, following, end if not duty.survives else None) if d is not None]
            last = min(ends) if ends else None
            if first > self.horizon_end:
                self.not_triggered(duty, first)
                continue
            # the log as this series sees it: the other series' own acts left out
            self.past = [e for e in past if not (e.event == duty.action and e.ref in opener_ids - mine)]
            self.on_day = defaultdict(list)
            for e in self.past:
                self.on_day[e.date].append(e)
            self.start, self.end, self.clause_ends = first, last, dict(clause_ends)
            if last is not None:
                self.clause_ends[duty.id] = min(clause_ends.get(duty.id, last), last)
            self.duty(duty)
            if stop is not None and last == stop and stop <= self.as_of:
                for _, parties in self.who(duty):
                    self.rows.append(("duty", duty.id, "discharged", parties, None, stop))
        self.start, self.end, self.clause_ends = start, end, clause_ends
        self.past, self.on_day = past, on_day

    def duty(self, duty: m.Duty) -> None:
        if True:
            dl, used = duty.deadline, set()
            if isinstance(dl, (m.Recurrence, m.BeforePeriodEnd)):
                self.recurring(duty, dl)
            elif isinstance(dl, m.BeforeTerm):
                for party, parties in self.who(duty):
                    due = self.due(lambda: self.before(self.scheduled_end, dl.duration, duty.month_rule)) \
                        if self.scheduled_end else None
                    self.one_off(duty, party, parties, due, self.start, used)
            elif isinstance(dl, m.BeforeRenewal):
                opens = self.start
                for r in self.renewals:
                    due = self.due(lambda: self.before(r, dl.duration, duty.month_rule))
                    for party, parties in self.who(duty):
                        self.one_off(duty, party, parties, due, opens, used)
                    opens = r + ONE
            elif isinstance(dl, m.BeforeEvent):
                opens = self.start
                for t in [e for e in self.past + self.future if e.event == dl.event]:
                    due = self.due(lambda: self.before(t.date, dl.duration, duty.month_rule))
                    for party, parties in self.who(duty, t):
                        self.one_off(duty, party, parties, due, opens, used, trigger=t, occasion=True)
                    opens = t.date + ONE
            elif isinstance(dl, m.AfterEvent):
                for t in self.past:
                    if t.event != dl.event:
                        continue
                    if id(t) in self.void:   # an act without effect triggers nothing: said, not dropped
                        for party, parties in self.who(duty, t, notice=True):
                            self.rows.append(("duty", duty.id, "discharged", parties, None, t.date))
                        continue
                    anchor = (self.received(t) or t.date) if dl.from_receipt else t.date
                    due = self.due(lambda: self.after(anchor, dl.duration, extend=duty.extend is not False,
                                                      rule=duty.month_rule))
                    for party, parties in self.who(duty, t, notice=True):
                        self.one_off(duty, party, parties, due, anchor, used, trigger=t)
            elif isinstance(dl, m.Anchored) and dl.point.of == "term_end":   # issue 10 item 5
                end = self.end or self.scheduled_end
                keeps = duty.model_copy(update={"survives": True})   # not discharged by the end it counts from
                for party, parties in self.who(duty):
                    if end is None:
                        self.rows.append(("duty", duty.id, "pending", parties, None, self.start))
                        continue
                    anchor = end - ONE           # the last day in force
                    due = self.due(lambda: self.after(anchor, dl.after, extend=duty.extend is not False,
                                                      rule=duty.month_rule))
                    self.one_off(keeps, party, parties, due, anchor, used)
            elif isinstance(dl, m.Window):
                self.windows(duty, dl)
            elif isinstance(dl, m.FixedDate):
                for party, parties in self.who(duty):
                    self.one_off(duty, party, parties, dl.date, self.start, used)
            elif isinstance(dl, m.DayOfMonth):
                if self.start is None:
                    return
                last = min(self.end or self.horizon_end, self.horizon_end)
                for day in days(self.start + ONE, last):
                    if day.day != 1:
                        continue       # each first of a month after the start month
                    due = day + dt.timedelta(days=dl.day - 2) if dl.day > 1 else day
                    for party, parties in self.who(duty):
                        self.one_off(duty, party, parties, due, day, used)

    def windows(self, duty: m.Duty, dl: m.Window) -> None:
        """Each year's window of the term: the act must fall inside; open or opening within the
        horizon, it is upcoming (issue 10 item 5)."""
        if self.start is None:
            return
        last_year = min(self.horizon_end, (self.end or self.horizon_end) - ONE).year
        used: set[int] = set()
        for year in range(self.start.year, last_year + 1):
            first = dt.date(year, dl.start_month, 1) + dt.timedelta(days=dl.start_day - 1)
            month_end = (dt.date(year + dl.end_month // 12, dl.end_month % 12 + 1, 1) - ONE)
            last = min(dt.date(year, dl.end_month, 1) + dt.timedelta(days=dl.end_day - 1), month_end)
            if last < self.start or (self.end is not None and first >= self.end and not duty.survives):
                continue
            for party, parties in self.who(duty):
                self.one_off(duty, party, parties, last, first, used, closes=last)
                row = self.rows[-1]
                if row[2] == "pending" and first <= self.horizon_end:
                    self.rows[-1] = row[:2] + ("upcoming",) + row[3:]

    def cuts(self, duty: m.Duty, dl: m.Recurrence | m.BeforePeriodEnd) -> Iterator[tuple[dt.date, dt.date, int]]:
        """Walk the calendar from the start; yield (first day, last day, days of a whole period)."""
        weeks = dl.period_weeks if isinstance(dl, m.Recurrence) else 0
        months = dl.period_months
        calendar_cut = duty.anchoring is m.Anchoring.CALENDAR
        boundaries: set[dt.date] = set()
        if not weeks and not calendar_cut:
            k = 1
            while True:
                b = dates.shift_months(self.start, k * months)
                boundaries.add(b)
                if b > self.horizon_end + dt.timedelta(days=800):
                    break
                k += 1

        def boundary(d: dt.date) -> bool:
            if weeks:
                return (d - self.start).days % (7 * weeks) == 0
            if calendar_cut:
                return d.day == 1 and (d.month - 1) % months == 0
            return d in boundaries

        def whole(first: dt.date) -> int:
            if weeks:
                return 7 * weeks
            if calendar_cut:  # the whole calendar period the (possibly clipped) period belongs to
                opening = dt.date(first.year, (first.month - 1) // months * months + 1, 1)
                return (dates.shift_months(opening, months) - opening).days
            return (dates.shift_months(first, months) - first).days

        def too_late(first: dt.date) -> bool:  # periods are generated up to the horizon and the end
            return first > self.horizon_end or (self.end is not None and first >= self.end)

        opened = self.start
        if too_late(opened):
            return
        day = self.start + ONE
        while True:
            if boundary(day):
                yield opened, day - ONE, whole(opened)
                opened = day
                if too_late(opened):
                    return
            day += ONE

    def recurring(self, duty: m.Duty, dl: m.Recurrence | m.BeforePeriodEnd) -> None:
        if self.start is None:
            return
        stop = self.stops(duty, None)
        for first, last, full in self.cuts(duty, dl):
            if isinstance(dl, m.Recurrence) and stop is not None and first < stop <= last:
                last = stop - ONE        # the last period, cut by the end: a stub
            for party, parties in self.who(duty):
                if isinstance(dl, m.BeforePeriodEnd):
                    due = self.due(lambda: self.before(last, dl.duration, duty.month_rule))
                    if due is not None and due < first:    # the period starts after its own due date
                        self.rows.append(("duty", duty.id, "discharged", parties, due, first))
                        continue
                    self.one_off(duty, party, parties, due, first, set(), closes=last)
                    continue
                length = (last - first).days + 1
                # a stub owes its share rounded to the nearest (halves up); one shorter than
                # the interval between two occurrences (full / times days) owes nothing
                share = Fraction(dl.times * length, full)
                required = dl.times if length >= full else 0 if share < 1 else math.floor(share + Fraction(1, 2))
                if required == 0:    # what was done in it is fulfilled, else nothing is missing
                    held = any(e.event == duty.action and (party is None or party in e.by)
                               and first <= (self.claimed_period(e) or e.date) <= last and e.date <= last
                               and self.fits(duty, e) for e in self.past)
                    self.rows.append(("duty", duty.id, "fulfilled" if held else "discharged", parties, last, first))
                    continue
                counted = 0
                for e in self.past:
                    if e.event != duty.action or (party is not None and party not in e.by):
                        continue
                    when = self.claimed_period(e) or e.date
                    if first <= when <= last and e.date <= last and self.fits(duty, e):
                        counted += 1
                status = self.status(duty, party, last, counted >= required)
                self.rows.append(("duty", duty.id, status, parties, last, first))

    # ------------------------------------------------------------------ all
    def run(self) -> list[Row]:
        self.life()
        self.term()
        self.duties()
        self.prohibitions()
        return self.rows


def value(e: Event) -> bool | None:
    raw = e.attrs.get("value", e.attrs.get("vote", e.attrs.get("decision", e.subject)))
    text = str(raw).strip().lower() if raw is not None else ""
    return True if text in YES else False if text in NO else None


def reference(conv: m.Convention, events: list[Event], as_of: dt.date, horizon: int) -> list[Row]:
    return [row + (None,) * (7 - len(row)) for row in Reference(conv, events, as_of, horizon).run()]
