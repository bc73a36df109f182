"""What evaluation produces: one finding per obligation instance, power exercise,
prohibited act or vote, with its status, article, parties, due date, the
events that counted (or failed to), and the derivation of every date.

Findings are data; :mod:`clauses.output.report` renders them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    """Lifecycle of an obligation instance, in order of urgency."""

    BREACH = "breach"
    UPCOMING = "upcoming"
    PENDING = "pending"
    FULFILLED = "fulfilled"
    DISCHARGED = "discharged"


STATUS_ORDER = {s: i for i, s in enumerate(Status)}


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    explanation: tuple[str, ...] = ()           # how the due date was computed, readings used
    derivation: dict[str, Any] | None = None    # machine-readable derivation of ``due``
    extra: dict[str, Any] = field(default_factory=dict)
    acted: dt.date | None = None                # the date of the act judged (a power, a prohibited act, a vote)

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
            "derivation": self.derivation,
            **({"extra": self.extra} if self.extra else {}),
        }
