"""What every evaluation step shares: the events indexed by name, the matching
rules (which party acted, through which channel, to whom), and date helpers
that keep all date arithmetic inside :mod:`clauses.timelimits`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Container, Iterator

from clauses.language import model as m
from clauses.events import Event
from clauses.events.model import in_key_order
from clauses.findings import EventNote
from clauses.i18n import tr
from clauses.timelimits import Calendar, Deadline, MonthRule, Unit, backward, forward

# A channel satisfies the requirements listed for it: an LRAR is a registered
# letter, a letter and a writing; an email is a writing.
SATISFIES: dict[str, set[m.Channel]] = {
    "lrar": {m.Channel.LRAR, m.Channel.REGISTERED, m.Channel.LETTER, m.Channel.WRITTEN},
    "registered": {m.Channel.REGISTERED, m.Channel.LETTER, m.Channel.WRITTEN},
    "letter": {m.Channel.LETTER, m.Channel.WRITTEN},
    "email": {m.Channel.EMAIL, m.Channel.WRITTEN},
    "mail": {m.Channel.EMAIL, m.Channel.WRITTEN},
    "courriel": {m.Channel.EMAIL, m.Channel.WRITTEN},
    "hand": {m.Channel.HAND, m.Channel.WRITTEN},
    "written": {m.Channel.WRITTEN},
}
CHANNEL_WORDS = {m.Channel.LRAR: tr("registered letter with acknowledgement of receipt (LRAR)"),
                 m.Channel.REGISTERED: tr("registered letter"), m.Channel.EMAIL: tr("email"),
                 m.Channel.LETTER: tr("letter"), m.Channel.WRITTEN: tr("a writing"),
                 m.Channel.HAND: tr("hand delivery")}
RECEIPT_FIELDS = ("received", "receipt", "reçu", "recu", "date_reception", "réception")


def event_ref(event: Event) -> str:
    return event.id or event.origin


def note(event: Event, counted: bool, reason: str) -> EventNote:
    """What a finding says of ``event``: whether it counted, and why."""
    return EventNote(event_ref(event), event.date, event.event, counted, reason)


#: an event's date: the key the context's lists are searched by (they are in date order)
_DATE = attrgetter("date")


@dataclass
class Context:
    convention: m.Convention
    events: list[Event]                 # on or before the as-of date, sorted
    future: list[Event]                 # after the as-of date (planned meetings)
    as_of: dt.date
    horizon_end: dt.date
    calendar: Calendar
    by_name: dict[str, list[Event]] = field(default_factory=dict)
    future_by_name: dict[str, list[Event]] = field(default_factory=dict)
    ids: "Container[str]" = frozenset()   # every event's id, before or after the as-of date (:class:`_Ids`)
    # indexes, so that each obligation instance reads only its own window of the log (the lists of events
    # found by date by bisection, :data:`_DATE`: no list of their dates beside them, issue 12)
    by_ref: dict[str, dict[str, Any]] = field(default_factory=dict)   # name -> ref -> event(s) (:meth:`linked`)
    claims: dict[str, list[Event]] = field(default_factory=dict)
    by_id: dict[str, Event] = field(default_factory=dict)   # the past events some event's ref names, by id
    unlinked: dict[str, list[Event]] = field(default_factory=dict)     # acts whose ref names no logged event
    # recurrence: the convention's life once built, and the breaches of clauses other clauses name
    life: Any = None
    verdicts: dict[str, Any] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)   # derived once per evaluation (exceptions, deadlines)
    singles: dict[str, tuple[str]] = field(default_factory=dict)   # (party,) of each party (:meth:`alone`)

    @classmethod
    def build(cls, conv: m.Convention, events: list[Event], as_of: dt.date, horizon_days: int) -> "Context":
        events = in_key_order(events)
        split = bisect_right(events, as_of, key=_DATE)
        past = events if split == len(events) else events[:split]   # a log of the past only: its list, not a copy
        future = events[split:]
        by_name: dict[str, list[Event]] = defaultdict(list)
        future_by_name: dict[str, list[Event]] = defaultdict(list)
        for e in past:
            by_name[e.event].append(e)
        for e in future:
            future_by_name[e.event].append(e)
        by_ref: dict[str, dict[str, Any]] = defaultdict(dict)
        claims: dict[str, list[Event]] = defaultdict(list)
        for e in past:
            if e.ref:   # an event, or a list of the events of one name naming the same ref (rare)
                refs = by_ref[e.event]
                found = refs.get(e.ref)
                if found is None:
                    refs[e.ref] = e
                elif type(found) is list:
                    found.append(e)
                else:
                    refs[e.ref] = [found, e]
            if e.attrs.get("period") is not None:
                claims[e.event].append(e)
        named = {e.ref for e in events if e.ref}   # what refs name: the only ids ever looked up
        by_id = {e.id: e for e in past if e.id in named}
        ids = _Ids(by_id, frozenset(e.id for e in future if e.id))
        return cls(conv, past, future, as_of, as_of + dt.timedelta(days=horizon_days),
                   Calendar.for_region(conv.holidays), dict(by_name), dict(future_by_name), ids,
                   dict(by_ref), dict(claims), by_id, cls._unlinked(by_name, ids))

    @staticmethod
    def _unlinked(by_name: dict[str, list[Event]], ids: "_Ids") -> dict[str, list[Event]]:
        """Each name's acts whose ``ref`` names no logged event (a name none of whose acts is linked shares
        its list with ``by_name``: most of a long log's)."""
        unlinked = {}
        for name, evs in by_name.items():
            kept = [e for e in evs if not (e.ref and e.ref in ids)]
            unlinked[name] = evs if len(kept) == len(evs) else kept
        return unlinked

    def alone(self, party: str) -> tuple[str]:
        """``(party,)``, the same tuple every time: the parties of a finding of one party, one tuple per
        party instead of one per finding (a long log's findings, issue 12)."""
        found = self.singles.get(party)
        if found is None:
            found = self.singles[party] = (party,)
        return found

    # -------------------------------------------------------------- events
    def named(self, name: str) -> list[Event]:
        return self.by_name.get(name, [])

    def between(self, name: str, start: dt.date | None = None, end: dt.date | None = None) -> Iterator[Event]:
        """Events of a name dated within [start, end] (either open), in order, found by bisection."""
        events = self.by_name.get(name, [])
        lo = bisect_left(events, start, key=_DATE) if start is not None else 0
        hi = bisect_right(events, end, key=_DATE) if end is not None else len(events)
        return map(events.__getitem__, range(lo, hi))   # lazy, and no Python frame per event

    def latest_first(self, name: str, end: dt.date) -> Iterator[Event]:
        """Events of a name dated on or before ``end``, the most recent first."""
        events = self.by_name.get(name, [])
        hi = bisect_right(events, end, key=_DATE)
        return map(events.__getitem__, range(hi - 1, -1, -1))

    def unlinked_from(self, name: str, start: dt.date | None) -> Iterator[Event]:
        """Acts of a name dated from ``start`` on whose ``ref`` names no logged event."""
        events = self.unlinked.get(name, [])
        lo = bisect_left(events, start, key=_DATE) if start is not None else 0
        return map(events.__getitem__, range(lo, len(events)))

    def linked(self, name: str, ref: str) -> list[Event]:
        """Events of a name whose `ref` names the given event id."""
        found = self.by_ref.get(name, _NO_REFS).get(ref)
        return [] if found is None else found if type(found) is list else [found]

    def claiming(self, name: str) -> list[Event]:
        """Events of a name that state the period they account for (`period` column)."""
        return self.claims.get(name, [])

    def declared(self, name: str) -> m.EventDecl | None:
        """The convention's declaration of an event name (None if it declares none)."""
        decls = self.memo.get("declared")
        if decls is None:
            decls = self.memo["declared"] = {}
            for e in self.convention.events:
                decls.setdefault(e.id, e)   # the first declaration, as a search from the start finds
        return decls.get(name)

    def label(self, name: str) -> str:
        key = ("label", name)
        shown = self.memo.get(key)
        if shown is None:
            decl = self.declared(name)
            shown = self.memo[key] = (tr("`{name}` ({label})", name=name, label=decl.label) if decl and decl.label
                                      else tr("`{name}`", name=name))
        return shown

    def parties(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.convention.parties if p.signatory)

    def note(self, event: Event, counted: bool, reason: str) -> EventNote:
        return note(event, counted, reason)

    # -------------------------------------------------------------- matching
    def channel_problem(self, event: Event, required: m.Channel | None) -> str | None:
        """Why the event's channel does not satisfy the requirement (None if it does)."""
        if required is None:
            return None
        if not event.via:
            return None
        if required in SATISFIES.get(event.via, set()):
            return None
        return tr("sent by {via}, but the article requires {channel}", via=event.via, channel=CHANNEL_WORDS[required])

    def channel_note(self, event: Event, required: m.Channel | None) -> str:
        if required is not None and not event.via:
            return tr("; channel not recorded (the article requires {channel})", channel=CHANNEL_WORDS[required])
        return ""

    def unverified(self, event: Event, required: m.Channel | None) -> str:
        """What the log does not say and the article requires: counted, but noted."""
        note = self.channel_note(event, required)
        decl = self.declared(event.event)
        if decl and decl.min_representatives_per_party and event.attrs.get("representatives") is None:
            return tr("{channel}; attendance not recorded (at least {n} representatives of each party required)",
                      channel=note, n=decl.min_representatives_per_party)
        return note

    def period_date(self, event: Event) -> dt.date | None:
        """The period an event says it accounts for (`period` column: a date or a year), if any."""
        raw = event.attrs.get("period")
        if raw is None:
            return None
        text = str(raw).strip()
        try:
            if re.fullmatch(r"[0-9]{4}", text):
                return dt.date(int(text), 12, 31)
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None

    def recipient_problem(self, event: Event, recipients: m.Recipients | None) -> str | None:
        if recipients is None or recipients.type != "parties" or not event.to:
            return None
        if set(event.to) & set(recipients.names):
            return None
        return tr("addressed to {to}, not to {recipients}", to=", ".join(event.to), recipients=", ".join(recipients.names))

    def attendance_problem(self, event: Event) -> str | None:
        """Events declared 'avec au moins N représentants de chaque partie' need that attendance."""
        decl = self.declared(event.event)
        if decl is None or decl.min_representatives_per_party is None:
            return None
        raw = event.attrs.get("representatives")
        if raw is None:
            return None
        counts = {}
        for part in re.split(r"[;,]", str(raw)):
            if re.match(r"^\s*[\w-]+\s*[=:]\s*[0-9]+\s*$", part):
                key, value = re.split(r"[=:]", part)
                counts[key.strip()] = int(value)
        short = [p for p in self.parties() if counts.get(p, 0) < decl.min_representatives_per_party]
        if short:
            return tr("fewer than {n} representatives of {parties} attended (article requires it of each party)",
                      n=decl.min_representatives_per_party, parties=", ".join(short))
        return None

    def acted_by(self, event: Event, party: str | None) -> bool:
        return party is None or party in event.by

    def receipt_date(self, event: Event) -> dt.date | None:
        for name in RECEIPT_FIELDS:
            value = event.attrs.get(name)
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value[:10])
                except ValueError:
                    return None
        return None

    # -------------------------------------------------------------- dates
    def after(self, anchor: dt.date, duration: m.Duration, label: str, *, extend: bool = True,
              month_rule: MonthRule | None = None) -> Deadline:
        """A forward limit (CPC art. 641-642), months first then days for compound durations."""
        rule = month_rule or MonthRule.LAST_DAY
        first = forward(anchor, duration.amount, duration.unit, calendar=self.calendar, anchor_label=label,
                        extend=extend and duration.plus is None, month_rule=rule)
        if duration.plus is None:
            return first
        return forward(first.date, duration.plus.amount, duration.plus.unit, calendar=self.calendar,
                       anchor_label=tr("{label} + {amount} {unit}", label=label, amount=duration.amount,
                                        unit=duration.unit.value), extend=extend,
                       month_rule=rule)

    def before(self, anchor: dt.date, duration: m.Duration, label: str, *,
               month_rule: MonthRule | None = None) -> Deadline:
        """A backward limit ("at least N before"): never extended (CPC art. 642 does not apply)."""
        rule = month_rule or MonthRule.LAST_DAY
        first = backward(anchor, duration.amount, duration.unit, calendar=self.calendar, anchor_label=label,
                         month_rule=rule)
        if duration.plus is None:
            return first
        return backward(first.date, duration.plus.amount, duration.plus.unit, calendar=self.calendar,
                        anchor_label=tr("{label} - {amount} {unit}", label=label, amount=duration.amount,
                                         unit=duration.unit.value), month_rule=rule)

    def years_after(self, anchor: dt.date, years: int, label: str) -> dt.date:
        return forward(anchor, years, Unit.YEARS, calendar=self.calendar, anchor_label=label, extend=False).date


#: what :func:`article_of` and :func:`readings_of` gave, by the clause's ``id()`` (the clause kept with it,
#: so that its ``id`` is not reused while the entry lives); emptied when it grows past _CLAUSES_KEPT entries
_BY_CLAUSE: dict[tuple[str, int], tuple[m.Node, Any]] = {}
_CLAUSES_KEPT = 4096


def _of_clause(what: str, clause: m.Node, work) -> Any:
    """``work(clause)``, once per clause object (findings ask for a clause's article thousands of times)."""
    key = (what, id(clause))
    kept = _BY_CLAUSE.get(key)
    if kept is None or kept[0] is not clause:
        if len(_BY_CLAUSE) >= _CLAUSES_KEPT:
            _BY_CLAUSE.clear()
        kept = _BY_CLAUSE[key] = (clause, work(clause))
    return kept[1]


def article_of(clause: m.Node) -> str:
    return _of_clause("article", clause, _article)


def _article(clause: m.Node) -> str:
    citations: tuple[m.Citation, ...] = getattr(clause, "citations", ())
    return ", ".join(c.label + (f" ({c.title})" if c.title else "") for c in citations) or "?"


def readings_of(clause: m.Node) -> list[str]:
    return list(_of_clause("readings", clause, _readings))


def _readings(clause: m.Node) -> tuple[str, ...]:
    return tuple(tr("reading chosen by the rule author: {text} (because {reason})", text=r.text, reason=r.reason)
                 for r in getattr(clause, "readings", ()))


_NO_REFS: dict[str, Any] = {}


class _Ids:
    """The ids of a log's events, as a ref may name them: those of the past that some ref names, as the keys
    of ``Context.by_id`` (not a second set of a million strings), and the few of the future beside them. Only
    refs are looked up in it."""

    __slots__ = ("past", "future")

    def __init__(self, past: dict[str, Event], future: frozenset[str]):
        self.past, self.future = past, future

    def __contains__(self, ident: object) -> bool:
        return ident in self.past or ident in self.future
