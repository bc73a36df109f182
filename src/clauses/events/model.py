"""The event model: one row of a register, and the JSON schema of a row."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, ConfigDict, Field

from clauses.language.source import Span

AttrValue = str | int | float | bool | None

FIELDS: tuple[str, ...] = ("date", "event", "by", "to", "subject", "via", "id", "ref")
REQUIRED_FIELDS: tuple[str, ...] = ("date", "event")

PARTY_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class Event(BaseModel):
    """One thing that happened under a convention (one row of an event log)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date: dt.date
    time: dt.time | None = None
    event: str
    by: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    subject: str | None = None
    via: str | None = None
    id: str | None = None
    ref: str | None = None
    attrs: dict[str, AttrValue] = Field(default_factory=dict)
    #: ``"file:line"`` the event was read from (for messages; not dumped).
    origin: str = Field(default="", exclude=True)
    #: 1-based line (CSV/JSONL/YAML) or row (XLSX) of the record (not dumped).
    row: int = Field(default=0, exclude=True)

    def key(self) -> tuple[dt.date, dt.time, int]:
        """Sort key: (date, wall-clock time or 00:00, row); offsets are ignored."""
        t = self.time.replace(tzinfo=None) if self.time is not None else dt.time(0)
        return (self.date, t, self.row)

    @property
    def path(self) -> str:
        """The file part of :attr:`origin`."""
        head, sep, tail = self.origin.rpartition(":")
        return head if sep and tail.isdigit() else self.origin

    def span(self) -> Span:
        """A span at the start of the event's record, for diagnostics."""
        return Span(self.path, self.row, 1, self.row, 2)

    def __hash__(self) -> int:  # attrs is a dict: hash its items instead
        return hash((self.date, self.time, self.event, self.by, self.to, self.subject,
                     self.via, self.id, self.ref,
                     tuple(sorted((k, repr(v)) for k, v in self.attrs.items()))))


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
                "Receiving party id(s), or an outsider's name (same list rules as `by`)."
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

