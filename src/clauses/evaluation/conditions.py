"""The condition language, evaluated against the log as it stood on a day.

Three-valued (Kleene) logic: a condition holds (True), does not (False), or cannot be
told from the log (None: an attribute not recorded, a parameter without a value). ``non``
binds tightest, then ``et``, then ``ou`` (the grammar builds the tree that way); ``et`` is
false as soon as one part is false, ``ou`` true as soon as one part is true.

What each atom reads:

- ``demande.montant >= 500 000 €``: the attribute ``montant`` of the event the clause is
  judging (the duty's trigger, the power's or prohibition's act) when it is a ``demande``,
  else of the latest ``demande`` on or before the day;
- ``{plafond}``: the value the signed instance gives the parameter, else its default;
- ``durée entre début_mission et fin_mission plus de 3 mois``: from the first event to the
  next second one, or to the day when the second has not happened yet (a situation that
  is still running); ``temps écoulé depuis signalement``: from the latest one to the day;
- ``a est "organisme de droit public"``: a status declared on the party;
- a bare event name (``manquement de l'autre partie``): it happened on or before the day;
- ``décision adoptée`` / ``rejetée`` [``selon le vote V``] [``à la majorité de …``]: the outcome of a
  counted vote (evaluation/outcomes.py).

How an unknown is used is the caller's choice: a duty still applies (nothing is hidden), a
prohibited act is to verify (pending, not a breach), a power's exercise is not shown to meet
its conditions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from clauses.events import Event
from clauses.evaluation.context import Context
from clauses.i18n import tr, trn
from clauses.language import model as m

OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, "=": lambda a, b: a == b,
       "!=": lambda a, b: a != b, ">=": lambda a, b: a >= b, ">": lambda a, b: a > b}
SHOWN = {"<": "<", "<=": "≤", "=": "=", "!=": "≠", ">=": "≥", ">": ">", "among": "⊆"}
SUBJECT_NAMES = {"subject", "objet", "sujet"}


@dataclass
class Verdict:
    """A condition's value and the lines that explain it."""

    value: bool | None
    lines: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def number(raw: Any) -> Decimal | None:
    """A recorded value as a number: ``500000``, ``"500 000 €"``, ``"1500,50"``; None if it is not one."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float, Decimal)):
        return Decimal(str(raw))
    text = re.sub(r"[\s\u00a0\u202f]|€|EUR|euros?|%", "", str(raw), flags=re.I).replace(",", ".")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def units_in_base(conv: m.Convention, amount: Decimal, unit: str) -> tuple[Decimal, str]:
    """``2 mois_de_stage`` -> ``(308, "heures")`` through the convention's unit definitions."""
    units = {u.id: u for u in conv.units}
    seen: set[str] = set()
    while unit in units and unit not in seen:
        seen.add(unit)
        amount, unit = amount * units[unit].amount, units[unit].of
    return amount, unit


def describe(cond: Any) -> Any:
    """A condition in words (for messages), with the documented precedence made visible."""
    from clauses.i18n import joined

    if isinstance(cond, m.When):
        return describe(cond.expr)
    if isinstance(cond, m.Comparison):
        right = cond.right.duration if cond.right.type == "duration" else str(cond.right)
        if cond.right.type == "fraction" and cond.right.ratio:   # governance: a fraction of a count
            num, den = cond.right.ratio
            right = (tr("{num}/{den} of the members in office", num=num, den=den) if cond.right.of_members else
                     tr("{num}/{den} of {a}", num=num, den=den, a=_operand(cond.right.of)))
        return tr("{left} {op} {right}", left=_operand(cond.left), op=SHOWN[cond.op], right=right)
    if isinstance(cond, m.Happened):
        text = tr("{event} by {who}", event=cond.event, who=_whose(cond.by)) if cond.by else cond.event
        if cond.same:      # governance: same member, year accounted for, since another event
            text = tr("{a} with the same {attr}", a=text, attr=cond.same)
        if cond.year:
            text = (tr("{a} for the current year", a=text) if cond.year == "current" else
                    tr("{a} for the previous year", a=text))
        if cond.since:
            text = tr("{a} since {events}", a=text, events=", ".join(cond.since))
        return text
    if isinstance(cond, m.StatusIs):
        return (tr('{party} is not "{status}"', party=cond.party, status=cond.status) if cond.negated else
                tr('{party} is "{status}"', party=cond.party, status=cond.status))
    if isinstance(cond, m.Breached):
        return tr("breach of {clause}", clause=cond.clause)
    if isinstance(cond, m.Decided):
        text = (tr("{event} adopted", event=cond.event) if cond.outcome == "adopted" else
                tr("{event} rejected", event=cond.event))
        if cond.vote:
            text = tr("{a} under vote {vote}", a=text, vote=cond.vote)
        if cond.majority is not None:
            from clauses.evaluation.governance import rule_text

            text = tr("{a} by a majority of {rule}", a=text, rule=rule_text(cond.majority))
        return text
    if isinstance(cond, m.Not):
        return tr("not {a}", a=describe(cond.item))
    if isinstance(cond, m.AllOf):
        return joined([_grouped(c) for c in cond.items], tr("{a} and {b}").template)
    if isinstance(cond, m.AnyOf):
        return joined([_grouped(c) for c in cond.items], tr("{a} or {b}").template)
    return str(cond)


def _operand(op: m.Operand) -> Any:
    if op.type == "between":
        return tr("time between {a} and {b}", a=op.event, b=op.until)
    if op.type == "since":
        return tr("time since {a}", a=op.event)
    if op.type == "total":
        return tr("total of {a}", a=f"{op.event}.{op.name}")
    if op.type == "count":
        return tr("number of {a}", a=f"{op.event}.{op.name}" if op.same else op.event)
    if op.type == "until":
        return tr("time until {a}", a=op.date.isoformat() if op.date else
                  f"{op.event}.{op.name}" if op.event else "{" + str(op.name) + "}")
    return str(op)


def _grouped(cond: Any) -> Any:
    text = describe(cond)
    return tr("({a})", a=text) if isinstance(cond, (m.AllOf, m.AnyOf)) else text


def _whose(ref: m.PartyRef) -> Any:
    if ref.type == "list":
        return ", ".join(ref.parties)
    return {"other": tr("the other party"), "same": tr("the same party"), "all": tr("all the parties")}[ref.type]


class Evaluator:
    """Evaluates conditions for one clause on one day; ``focus``: the event being judged."""

    def __init__(self, ctx: Context, day: dt.date, focus: Event | None = None, actor: str | None = None) -> None:
        self.ctx = ctx
        self.day = day
        self.focus = focus
        self.actor = actor

    def __call__(self, cond: Any) -> Verdict:
        if isinstance(cond, m.When):
            return self(cond.expr)
        if isinstance(cond, m.AllOf):
            return self._combine(cond.items, all_of=True)
        if isinstance(cond, m.AnyOf):
            return self._combine(cond.items, all_of=False)
        if isinstance(cond, m.Not):
            inner = self(cond.item)
            return Verdict(None if inner.value is None else not inner.value, inner.lines, inner.events)
        if isinstance(cond, m.Happened):
            return self._happened(cond)
        if isinstance(cond, m.StatusIs):
            return self._status(cond)
        if isinstance(cond, m.Breached):   # recurrence: another clause's breach
            from clauses.evaluation.breaches import breached_verdict

            value, lines = breached_verdict(self.ctx, cond, self.day)
            return Verdict(value, lines)
        if isinstance(cond, m.Decided):    # governance: the outcome of a counted vote
            from clauses.evaluation.outcomes import decided_verdict

            return Verdict(*decided_verdict(self.ctx, cond, self.day, self.focus))
        return self._compare(cond)

    def _combine(self, items: tuple, all_of: bool) -> Verdict:
        parts = [self(c) for c in items]
        values = [p.value for p in parts]
        decisive = False if all_of else True
        value = decisive if decisive in values else (None if None in values else not decisive)
        return Verdict(value, [line for p in parts for line in p.lines], [e for p in parts for e in p.events])

    # -------------------------------------------------------------- atoms
    def _happened(self, cond: m.Happened) -> Verdict:
        from clauses.evaluation.acts import _by_matches

        if cond.same or cond.year or cond.since:   # governance: same member, year accounted for, since
            from clauses.evaluation.counts import CountReader

            return Verdict(*CountReader(self).happened(cond))

        found = [e for e in self.ctx.between(cond.event, None, self.day)
                 if e is not self.focus and _by_matches(cond.by, e, self.actor, self.ctx)]
        if found:
            last = found[-1]
            return Verdict(True, [tr("{event} happened on {date}", event=self.ctx.label(cond.event),
                                     date=last.date)], [last])
        return Verdict(False, [tr("no {event} on or before {day}", event=self.ctx.label(cond.event),
                                  day=self.day) ])

    def _status(self, cond: m.StatusIs) -> Verdict:
        party = self.ctx.convention.party(cond.party)
        has = party is not None and cond.status.casefold() in {s.casefold() for s in party.statuses}
        value = (not has) if cond.negated else has
        line = (tr("{party} has the status \"{status}\"", party=cond.party, status=cond.status) if has else
                tr("{party} does not have the status \"{status}\"", party=cond.party, status=cond.status))
        return Verdict(value, [line])

    def _event_for(self, name: str) -> Event | None:
        if self.focus is not None and self.focus.event == name:
            return self.focus
        if self.focus is not None and self.focus.id:   # acts: the event that names the judged one (`ref`)
            tied = [e for e in self.ctx.between(name, None, self.day) if e.ref == self.focus.id]
            if tied:
                return tied[-1]
        return next(self.ctx.latest_first(name, self.day), None)

    def _param(self, name: str) -> m.Value | None:
        conv = self.ctx.convention
        given = next((a.value for a in conv.arguments if a.name == name), None)
        if given is not None:
            return given
        decl = next((p for p in conv.parameters if p.id == name), None)
        return decl.default if decl is not None else None

    def _left(self, op: m.Operand, lines: list[str], events: list[Event]) -> Any:
        """The measured side: a Decimal, a text, a date, or an (start, end) span; None when unknown."""
        if op.type == "param":
            value = self._param(str(op.name))
            if value is None:
                lines.append(tr("parameter {name} has no value", name=str(op)))
                return None
            lines.append(tr("{name} = {value}", name=str(op), value=str(value)))
            return self._right(value, lines, events)
        if op.type == "attr":
            raw = self.raw_attr(op, lines, events)
            if raw is None:
                return None
            return number(raw) if number(raw) is not None else str(raw).strip()
        if op.type in ("count", "until"):   # governance: counts of events, the time left until a date
            from clauses.evaluation.counts import CountReader

            reader = CountReader(self)
            return reader.count(op, lines, events) if op.type == "count" else reader.until(op, lines, events)
        if op.type == "total":
            logged = [e for e in self.ctx.between(str(op.event), None, self.day)]
            values = [number(e.attrs.get(str(op.name))) for e in logged]
            total = sum((v for v in values if v is not None), Decimal(0))
            lines.append(trn("{what} = {total} ({n} event on or before {day})",
                             "{what} = {total} ({n} events on or before {day})", len(logged), what=_operand(op),
                             total=total, day=self.day))
            return total
        start_name = str(op.event)
        starts = list(self.ctx.between(start_name, None, self.day))
        if not starts:
            lines.append(tr("no {event} on or before {day}: nothing to measure", event=self.ctx.label(start_name),
                            day=self.day))
            return None
        start = starts[0] if op.type == "between" else starts[-1]
        events.append(start)
        end, how = self.day, tr("still running on {day}", day=self.day)
        if op.type == "between":
            ends = [e for e in self.ctx.between(str(op.until), start.date, self.day)]
            if ends:
                end, how = ends[0].date, tr("{event} on {date}", event=self.ctx.label(op.until), date=ends[0].date)
                events.append(ends[0])
        days = (end - start.date).days
        lines.append(trn("{what}: from {start} to {end} ({how}), {days} day",
                         "{what}: from {start} to {end} ({how}), {days} days", days, what=_operand(op),
                         start=start.date, end=end, how=how, days=days))
        return (start.date, end)

    def raw_attr(self, op: m.Operand, lines: list[str], events: list[Event]) -> Any:
        """The value an event's row records for ``EVENT.ATTR`` (None, with why, when there is none)."""
        event = self._event_for(str(op.event))
        if event is None:
            lines.append(tr("no {event} on or before {day} to read {attr} from", event=self.ctx.label(op.event),
                            day=self.day, attr=str(op)))
            return None
        events.append(event)
        raw = event.subject if op.name in SUBJECT_NAMES else event.attrs.get(str(op.name))
        if raw is None:
            lines.append(tr("{attr} is not recorded on {event} of {date}", attr=str(op),
                            event=self.ctx.label(op.event), date=event.date))
            return None
        lines.append(tr("{attr} = {value} ({event} of {date})", attr=str(op), value=str(raw),
                        event=self.ctx.label(op.event), date=event.date))
        return raw

    def _right(self, value: m.Value, lines: list[str], events: list[Event]) -> Any:
        if value.type == "attr" and value.of is not None:   # acts: another event's attribute
            return self._left(value.of, lines, events)
        if value.type == "param":
            given = self._param(str(value.text))
            if given is None:
                lines.append(tr("parameter {name} has no value", name="{" + str(value.text) + "}"))
                return None
            lines.append(tr("{name} = {value}", name="{" + str(value.text) + "}", value=str(given)))
            return self._right(given, lines, events)
        if value.type == "percent" and value.of is not None:
            base = self._left(value.of, lines, events)
            if not isinstance(base, Decimal):
                return None
            return base * value.number / Decimal(100)
        if value.type == "fraction":   # governance: `2/3 des membres en exercice`, `1/4 de demande.membres`
            from clauses.evaluation.counts import CountReader

            return CountReader(self).fraction(value, lines, events)
        if value.type == "units":
            amount, base = units_in_base(self.ctx.convention, value.number, str(value.text))
            lines.append(tr("{value} = {amount} {base}", value=str(value), amount=amount, base=base))
            return amount
        if value.type in ("number", "money", "percent"):
            return value.number
        if value.type == "duration":
            return value.duration
        if value.type == "date":
            return value.date
        return str(value.text).strip()

    def _compare(self, cond: m.Comparison) -> Verdict:
        lines: list[str] = []
        events: list[Event] = []
        if cond.op == "among":   # acts: every item of a list among another's
            from clauses.evaluation.contents import among

            held = among(self, cond, lines, events)
            if held is None:
                return Verdict(None, lines + [tr("{cond}: cannot be told", cond=describe(cond))], events)
            return Verdict(held, lines + [tr("{cond}: holds", cond=describe(cond)) if held else
                                          tr("{cond}: does not hold", cond=describe(cond))], events)
        left = self._left(cond.left, lines, events)
        right = self._right(cond.right, lines, events)
        if left is None or right is None:
            return Verdict(None, lines + [tr("{cond}: cannot be told", cond=describe(cond))], events)
        if isinstance(left, tuple):                 # a measured span against a duration
            if not isinstance(right, m.Duration):
                return Verdict(None, lines + [tr("{cond}: a duration is compared with {value}", cond=describe(cond),
                                                 value=str(cond.right))], events)
            start, end = left
            limit = self.ctx.after(start, right, "start", extend=False).date
            # "more than 3 months" from 2024-01-10: the span ends after 2024-04-10
            left, right = end, limit
            lines.append(tr("{duration} from {start} runs to {limit}", duration=cond.right.duration,
                            start=start, limit=limit))
        if isinstance(left, str) or isinstance(right, str) or isinstance(right, dt.date) != isinstance(left, dt.date):
            if cond.op not in ("=", "!="):
                return Verdict(None, lines + [tr("{cond}: {left} and {right} cannot be ordered", cond=describe(cond),
                                                 left=str(left), right=str(right))], events)
            left, right = str(left).casefold(), str(right).casefold()
        value = OPS[cond.op](left, right)
        lines.append(tr("{cond}: holds", cond=describe(cond)) if value else
                     tr("{cond}: does not hold", cond=describe(cond)))
        return Verdict(value, lines, events)


def evaluate(ctx: Context, cond: Any, day: dt.date, focus: Event | None = None,
             actor: str | None = None) -> Verdict:
    """The value of ``cond`` on ``day`` (the event judged: ``focus``, done by ``actor``)."""
    return Evaluator(ctx, day, focus, actor)(cond)


def when_problems(ctx: Context, cond: m.When, event: Event, actor: str | None, explanation: list[str]) -> list[str]:
    """A power's compound condition on the day of the act: a problem unless it holds."""
    verdict = evaluate(ctx, cond.expr, event.date, event, actor)
    explanation.extend(verdict.lines)
    if verdict.value is True:
        return []
    if verdict.value is None:
        return [tr("its condition `{cond}` cannot be verified from the log", cond=describe(cond))]
    return [tr("its condition `{cond}` does not hold", cond=describe(cond))]
