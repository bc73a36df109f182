"""The event model: one row of a register, and the JSON schema of a row."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from types import MappingProxyType
from typing import Any, Mapping

from clauses.language.source import Span

AttrValue = str | int | float | bool | None

FIELDS: tuple[str, ...] = ("date", "event", "by", "to", "subject", "via", "id", "ref")
REQUIRED_FIELDS: tuple[str, ...] = ("date", "event")

PARTY_ID = re.compile(r"^[a-z][a-z0-9_]*$")

#: the fields :meth:`Event.model_dump` gives, in order (``origin`` and ``row`` are not dumped)
DUMPED: tuple[str, ...] = ("date", "time", "event", "by", "to", "subject", "via", "id", "ref", "attrs")
#: every field of an event, in the order of the constructor
ALL_FIELDS: tuple[str, ...] = DUMPED + ("origin", "row")

#: the attributes of an event that has none: one read-only mapping shared by all of them
NO_ATTRS: Mapping[str, AttrValue] = MappingProxyType({})
#: the wall-clock time of an event logged without one, in its sort key (one object, not one per key)
_MIDNIGHT = dt.time(0)



class _Slots:
    __slots__ = ("date", "time", "event", "by", "to", "subject", "via", "id", "ref", "attrs", "row", "_where")


class _Stated(str):
    """An origin given whole (``Event(origin="file:line")``), told apart from the register's path of an event
    read from one (whose origin is ``path:row``): one slot holds either."""

    __slots__ = ()


class _Building(_Slots):
    """An event being built: its fields set one by one, then its class set to :class:`Event` (frozen)."""

    __slots__ = ()


class Event(_Slots):
    """One thing that happened under a convention (one row of an event log).

    A slotted, frozen value (issue 12: about 130 bytes an event instead of the 1.5 KB of the pydantic model it
    replaces): the readers build one per row of a register, and a log may hold a million. It keeps the pydantic
    model's interface that the project uses -- keyword construction, :meth:`model_dump` (``origin`` and ``row``
    left out), :meth:`model_copy`, equality on every field, a hash on the dumped ones -- but does not validate:
    the readers give it checked values. ``attrs`` is a read-only mapping (shared by events that state the same
    attributes); ``origin`` (``"file:line"``) is worked out when asked for.
    """

    __slots__ = ()

    date: dt.date
    time: dt.time | None
    event: str
    by: tuple[str, ...]
    to: tuple[str, ...]
    subject: str | None
    via: str | None
    id: str | None
    ref: str | None
    attrs: Mapping[str, AttrValue]
    #: 1-based line (CSV/JSONL/YAML) or row (XLSX) of the record (not dumped).
    row: int

    def __init__(self, *, date: dt.date, event: str, time: dt.time | None = None, by: Any = (), to: Any = (),
                 subject: str | None = None, via: str | None = None, id: str | None = None, ref: str | None = None,
                 attrs: Mapping[str, AttrValue] | None = None, origin: str = "", row: int = 0):
        if type(date) is not dt.date:
            date = _as_date(date)
        object.__setattr__(self, "__class__", _Building)
        self.date, self.time, self.event = date, time, event
        self.by = by if type(by) is tuple else tuple(by)
        self.to = to if type(to) is tuple else tuple(to)
        self.subject, self.via, self.id, self.ref = subject, via, id, ref
        self.attrs = attrs if attrs else NO_ATTRS
        self.row, self._where = row, _Stated(origin)
        self.__class__ = Event

    @classmethod
    def read(cls, path: str, row: int, date: dt.date, time: dt.time | None, event: str, by: tuple[str, ...],
             to: tuple[str, ...], subject: str | None, via: str | None, id: str | None, ref: str | None,
             attrs: Mapping[str, AttrValue]) -> "Event":
        """The event of row ``row`` of the register ``path`` (its origin is ``path:row``), values already checked."""
        self = _Building()
        self.date, self.time, self.event, self.by, self.to = date, time, event, by, to
        self.subject, self.via, self.id, self.ref = subject, via, id, ref
        self.attrs = attrs or NO_ATTRS
        self.row, self._where = row, path
        self.__class__ = cls
        return self

    # ------------------------------------------------------------------ where it was read

    @property
    def origin(self) -> str:
        """``"file:line"`` the event was read from (for messages; not dumped)."""
        where = self._where
        return str.__str__(where) if type(where) is _Stated else f"{where}:{self.row}"

    @property
    def path(self) -> str:
        """The file part of :attr:`origin`."""
        where = self._where
        if type(where) is not _Stated:
            return where
        head, sep, tail = where.rpartition(":")
        return head if sep and tail.isdigit() else str.__str__(where)

    def key(self) -> tuple[dt.date, dt.time, int]:
        """Sort key: (date, wall-clock time or 00:00, row); offsets are ignored."""
        t = self.time.replace(tzinfo=None) if self.time is not None else _MIDNIGHT
        return (self.date, t, self.row)

    def span(self) -> Span:
        """A span at the start of the event's record, for diagnostics."""
        return Span(self.path, self.row, 1, self.row, 2)

    # ------------------------------------------------------------------ the model's interface

    def model_dump(self, mode: str = "python", exclude: Any = None) -> dict[str, Any]:
        """The event's fields (not ``origin``/``row``) as a dict; ``mode="json"``: as JSON values, dates and
        times written as pydantic writes them."""
        out: dict[str, Any] = {name: getattr(self, name) for name in DUMPED if not exclude or name not in exclude}
        if "attrs" in out:
            out["attrs"] = dict(self.attrs)
        if mode == "json":
            for name in ("date", "time"):
                if out.get(name) is not None:
                    out[name] = _json_adapter(name).dump_python(out[name], mode="json")
            for name in ("by", "to"):
                if name in out:
                    out[name] = list(out[name])
        return out

    def model_copy(self, update: Mapping[str, Any] | None = None) -> "Event":
        """A copy with the fields of ``update`` replaced (not validated, as pydantic's)."""
        values = {name: getattr(self, name) for name in DUMPED}
        values["origin"], values["row"] = self.origin, self.row
        values.update(update or {})
        return Event(**values)

    def _values(self) -> tuple:
        return (self.date, self.time, self.event, self.by, self.to, self.subject, self.via, self.id, self.ref,
                self.attrs, self.origin, self.row)

    def __eq__(self, other: object) -> bool:
        if type(other) is not Event:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:  # attrs is a mapping: hash its items instead
        return hash((self.date, self.time, self.event, self.by, self.to, self.subject,
                     self.via, self.id, self.ref,
                     tuple(sorted((k, repr(v)) for k, v in self.attrs.items()))))

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}: an Event is frozen")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}: an Event is frozen")

    def __reduce__(self):
        values = self._values()
        return (_restore, values[:9] + (dict(self.attrs),) + values[10:])

    def __repr__(self) -> str:
        values = self._values()
        values = values[:9] + (dict(self.attrs),) + values[10:]
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(ALL_FIELDS, values))
        return f"Event({shown})"


def _restore(*values: Any) -> Event:
    return Event(**dict(zip(ALL_FIELDS, values)))


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"an event's date must be a date, not {type(value).__name__}")


_ADAPTERS: dict[str, Any] = {}


def _json_adapter(name: str) -> Any:
    if name not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[name] = TypeAdapter(dt.date if name == "date" else dt.time)
    return _ADAPTERS[name]


# --------------------------------------------------------------------------- schema

_DATE_SHAPE = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
               r"([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?"
               r"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$")


def event_log_schema() -> dict:
    """JSON schema (draft 2020-12) of one event as users write it (JSONL/YAML row)."""
    parties = {
        "anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "items": {"type": "string", "minLength": 1}},
            {"type": "null"},
        ],
    }
    text = {"type": ["string", "null"]}
    ident = {"type": ["string", "integer", "null"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Event",
        "description": (
            "One event of an event log: a CSV/XLSX row, a JSON Lines line or a YAML list "
            "item. Fields other than the ones listed are kept as attributes."
        ),
        "type": "object",
        "required": list(REQUIRED_FIELDS),
        "properties": {
            "date": {
                "description": (
                    "ISO 8601 date (2023-03-14) or date-time (2023-03-14T10:00, "
                    "with or without offset)."
                ),
                "type": "string",
                "pattern": _DATE_SHAPE,
                "anyOf": [
                    {"format": "date"},
                    {"format": "date-time"},
                    {"pattern": "[Tt ][0-9]{2}:[0-9]{2}"},
                ],
                "examples": ["2023-03-14", "2023-03-14T10:00", "2023-03-14T10:00+01:00"],
            },
            "event": {
                "description": "What happened: an event name the clause file uses.",
                "type": "string",
                "minLength": 1,
            },
            "by": {**parties, "description": (
                "Acting party id, or a list of them (CSV/XLSX: several ids separated by ';')."
            )},
            "to": {**parties, "description": (
                "Receiving party id, or a list of them, or an outsider's name (same list rules as `by`)."
            )},
            "subject": {**text, "description": "Qualifier of the event."},
            "via": {**text, "description": "Channel (lower-cased).",
                    "examples": ["lrar", "email", "letter", "hand"]},
            "id": {**ident, "description": "Unique id of the event."},
            "ref": {**ident, "description": "Id of the event this one answers or relates to."},
        },
        "additionalProperties": {
            "description": "Kept as an attribute (e.g. the value of a vote, an amount).",
            "type": ["string", "number", "boolean", "null"],
        },
    }


def in_key_order(events: list[Event]) -> list[Event]:
    """``events`` by :meth:`Event.key`: the list itself when it is in that order already (a register is
    usually kept by date, and each step after the reader gets its sorted list), else a sorted copy. Only two
    keys are held at a time, where sorting holds one per event (a million tuples for a long log)."""
    key = Event.key
    previous = None
    for e in events:
        k = key(e)
        if previous is not None and k < previous:
            return sorted(events, key=key)
        previous = k
    return events
