"""What evaluation produces: one finding per obligation instance, power exercise,
prohibited act or vote, with its status, article, parties, due date, the
events that counted (or failed to), and the derivation of every date.

Findings are data; :mod:`clauses.output.report` renders them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence


class Status(str, Enum):
    """Lifecycle of an obligation instance, in order of urgency."""

    BREACH = "breach"
    UPCOMING = "upcoming"
    PENDING = "pending"
    FULFILLED = "fulfilled"
    DISCHARGED = "discharged"


STATUS_ORDER = {s: i for i, s in enumerate(Status)}

#: the statuses a text report without ``--explain`` lists only when their group is small (else by count)
SUMMARISED = (Status.FULFILLED, Status.DISCHARGED)
#: groups of at most this many findings of a :data:`SUMMARISED` status are listed even without ``--explain``
SUMMARY_LIMIT = 5


@dataclass(frozen=True, slots=True)   # one or more per finding: no __dict__ each
class EventNote:
    """An event that counted, or failed to count, for a finding — and why."""

    ref: str            # the event's id, else "file:row"
    date: dt.date
    name: str
    counted: bool
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "date": self.date.isoformat(), "event": self.name,
                "counted": self.counted, "reason": self.reason}


class Lines(Sequence[str]):
    """Lines of an explanation worked out on first use (a finding's derivation is read only when
    rendered: ``--explain``, JSON and the exports), then kept. Behaves as the tuple it stands for:
    it compares equal to it, concatenates with tuples (lazily) and pickles as a plain tuple."""

    __slots__ = ("_make", "_lines")

    def __init__(self, make: Callable[[], Iterable[str]]) -> None:
        self._make: Callable[[], Iterable[str]] | None = make
        self._lines: tuple[str, ...] | None = None

    def lines(self) -> tuple[str, ...]:
        """The lines, worked out now if they were not yet."""
        if self._lines is None:
            self._lines = tuple(self._make())  # type: ignore[misc]
            self._make = None
        return self._lines

    def __iter__(self) -> Iterator[str]:
        return iter(self.lines())

    def __len__(self) -> int:
        return len(self.lines())

    def __getitem__(self, index):  # type: ignore[override]
        return self.lines()[index]

    def __bool__(self) -> bool:
        return bool(self.lines())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lines):
            return self.lines() == other.lines()
        return self.lines() == other

    def __hash__(self) -> int:
        return hash(self.lines())

    def __add__(self, other: Sequence[str]) -> "Lines":
        return Lines(lambda: self.lines() + tuple(other))

    def __radd__(self, other: Sequence[str]) -> "Lines":
        return Lines(lambda: tuple(other) + self.lines())

    def __repr__(self) -> str:
        return repr(self.lines())

    def __reduce__(self):
        return (tuple, (self.lines(),))


class Derived(Mapping[str, Any]):
    """A finding's machine-readable derivation, worked out on first use from the object that knows
    it (``to_json()``: a :class:`clauses.timelimits.Derivation`), then kept. Reads as the dict it
    stands for, compares equal to it and pickles as a plain dict."""

    __slots__ = ("_source", "_data")

    def __init__(self, source: Any) -> None:
        self._source = source
        self._data: dict[str, Any] | None = None

    def data(self) -> dict[str, Any]:
        """The derivation as JSON data, worked out now if it was not yet."""
        if self._data is None:
            self._data = self._source.to_json()
            self._source = None
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self.data()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.data())

    def __len__(self) -> int:
        return len(self.data())

    def __eq__(self, other: object) -> bool:
        return self.data() == (other.data() if isinstance(other, Derived) else other)

    __hash__ = None  # type: ignore[assignment]  (as a dict)

    def __repr__(self) -> str:
        return repr(self.data())

    def __reduce__(self):
        return (dict, (self.data(),))


@dataclass(frozen=True, slots=True)   # most of a long log's objects: slots, not a dict each (about 330 bytes)
class Finding:
    status: Status
    clause: str
    kind: str                                   # duty, power, prohibition, vote, term
    article: str                                # "7", "8.2", "V (évaluation)"
    parties: tuple[str, ...]
    due: dt.date | None                         # the latest permissible date, for every kind (None: no limit)
    message: str                                # one sentence, in English
    window_start: dt.date | None = None
    events: tuple[EventNote, ...] = ()
    explanation: Sequence[str] = ()             # how the due date was computed, readings used (a tuple or Lines)
    derivation: Mapping[str, Any] | None = None  # machine-readable derivation of ``due`` (a dict or Derived)
    extra: dict[str, Any] = field(default_factory=dict)
    acted: dt.date | None = None                # the date of the act judged (a power, a prohibited act, a vote)
    #: what works out the fields left unset (:meth:`later`, :meth:`deferred`) when one is first read: a function,
    #: or ``(function, *arguments)``; not a field
    _rest: Callable[[], Any] | tuple | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def later(cls, message: Callable[[], str], /, *args: Any, **fields: Any) -> "Finding":
        """A finding whose ``message`` is worked out by ``message()`` when it is first read: a fulfilled
        finding's sentence is read only when it is listed (``--explain``, JSON, the exports), and most
        of a long log's findings are fulfilled. Anything that reads it (equality, ``repr``, pickling,
        ``dataclasses.replace``) works it out first; it is the same sentence either way."""
        self = cls(*args, message="", **fields)
        object.__delattr__(self, "message")          # an empty slot: reading it reaches __getattr__
        object.__setattr__(self, "_rest", message)
        return self

    @classmethod
    def deferred(cls, rest: Callable[[], dict[str, Any]] | tuple, status: Status, clause: str, kind: str,
                 article: str, parties: tuple[str, ...], due: dt.date | None, *, window_start: dt.date | None = None,
                 acted: dt.date | None = None) -> "Finding":
        """A finding of which only what orders, groups and counts findings is set (status, clause, kind,
        article, parties, dates); ``rest()`` gives the others (``message``, ``events``, ``explanation``,
        ``derivation``, ``extra``: those it leaves out keep their defaults) when one of them is first read.
        For the fulfilled instances of a long log, which a text report only counts: each keeps one
        function and its arguments instead of its notes, explanation and derivation (issue 12). ``rest``
        may be ``(function, *arguments)``, called as ``function(*arguments)``: one tuple of 72 bytes where
        a ``functools.partial`` of the same arguments takes 208 (itself, its arguments' tuple and its
        keywords' dict). Made without the dataclass's ``__init__`` (its slots set directly, the deferred
        ones left empty)."""
        self = object.__new__(cls)
        _set_status(self, status)
        _set_clause(self, clause)
        _set_kind(self, kind)
        _set_article(self, article)
        _set_parties(self, parties)
        _set_due(self, due)
        _set_window_start(self, window_start)
        _set_acted(self, acted)
        _set_rest(self, rest)
        return self

    def __getattr__(self, name: str) -> Any:
        # only reached for an attribute the instance lacks: a field left to ``later`` or ``deferred``
        if name in _DEFERRED_SET:
            make = object.__getattribute__(self, "_rest")
            if make is not None:
                made = make[0](*make[1:]) if type(make) is tuple else make()
                object.__setattr__(self, "_rest", None)
                if type(made) is dict:
                    for field_name in DEFERRED:
                        object.__setattr__(self, field_name, made[field_name] if field_name in made
                                           else _DEFAULTS[field_name]())
                else:
                    object.__setattr__(self, "message", made)
                return object.__getattribute__(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __getstate__(self) -> tuple:
        rest = object.__getattribute__(self, "_rest")
        if type(rest) is tuple:   # deferred as (function, *arguments): sent as it is, worked out where it is read
            return (_STILL_DEFERRED, tuple(object.__getattribute__(self, name) for name in _KEYS), rest)
        # the message worked out (a function that makes it may be a closure: not pickled), then every field
        return tuple(getattr(self, name) for name in _FINDING_FIELDS)

    def __setstate__(self, state: tuple) -> None:
        if state[0] == _STILL_DEFERRED:
            for name, value in zip(_KEYS, state[1]):
                object.__setattr__(self, name, value)
            object.__setattr__(self, "_rest", state[2])
            return
        for name, value in zip(_FINDING_FIELDS, state):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_rest", None)

    def sort_key(self) -> tuple:
        far = dt.date.max
        return (STATUS_ORDER[self.status], self.due or self.acted or far, self.clause, self.parties)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "clause": self.clause,
            "kind": self.kind,
            "article": self.article,
            "parties": list(self.parties),
            "due": self.due.isoformat() if self.due else None,
            "acted": self.acted.isoformat() if self.acted else None,
            "window_start": self.window_start.isoformat() if self.window_start else None,
            "message": self.message,
            "events": [e.ref for e in self.events if e.counted],
            "event_notes": [e.to_json() for e in self.events],
            "explanation": list(self.explanation),
            "derivation": derivation_json(self.derivation),
            **({"extra": self.extra} if self.extra else {}),
        }


#: the fields a pickled finding keeps, in order (``_rest`` is worked out before: never pickled)
_FINDING_FIELDS = tuple(f.name for f in fields(Finding) if f.init)
#: the fields :meth:`Finding.deferred` leaves to its function, and their defaults
DEFERRED = ("message", "events", "explanation", "derivation", "extra")
_DEFERRED_SET = frozenset(DEFERRED)
#: the fields a deferred finding sets itself (what orders, groups and counts it), pickled as they are
_KEYS = tuple(name for name in _FINDING_FIELDS if name not in _DEFERRED_SET)
#: the first item of a pickled finding still deferred (a status is never this text). A portfolio's workers send
#: their reports back to the parent: working every fulfilled finding out only to pickle it cost more than
#: checking the convention (164 ms of pickling for 701 findings of a 1,000-event log, against 68 ms of check)
_STILL_DEFERRED = "deferred"
#: what sets each slot :meth:`Finding.deferred` sets (the slot's own setter: no frozen ``__setattr__``)
(_set_status, _set_clause, _set_kind, _set_article, _set_parties, _set_due, _set_window_start, _set_acted,
 _set_rest) = (Finding.__dict__[name].__set__ for name in ("status", "clause", "kind", "article", "parties", "due",
                                                          "window_start", "acted", "_rest"))
_DEFAULTS: dict[str, Callable[[], Any]] = {"message": str, "events": tuple, "explanation": tuple,
                                           "derivation": lambda: None, "extra": dict}


def derivation_json(derivation: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A finding's ``derivation`` as JSON data (a plain dict)."""
    return derivation.data() if isinstance(derivation, Derived) else derivation  # type: ignore[return-value]


def report_rank(f: Finding) -> tuple:
    """Where a finding stands in a report: status, date (due, else acted), clause, parties, window, article,
    kind (``Finding.sort_key``'s four values laid flat, then fixed tie-breakers); the message breaks what ties."""
    far = dt.date.max
    return (STATUS_ORDER[f.status], f.due or f.acted or far, f.clause, f.parties, f.window_start or far, f.article,
            f.kind)


@dataclass(frozen=True, slots=True)
class Counted:
    """The findings of one clause and one :data:`SUMMARISED` status that a report counts without keeping them
    (``clauses check`` to text without ``--explain`` shows a large group of them by its count only): the first
    of them in report order (:func:`report_rank`, the earliest evaluated of those that tie), and how many."""

    first: Finding
    count: int
