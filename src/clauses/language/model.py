"""The typed model of a convention: frozen pydantic models, JSON-schema exportable.

Every clause kind is a model with a ``kind`` discriminator. Source spans are
kept for diagnostics (``span``) but excluded from dumps and from equality:
two conventions are equal when they mean the same thing, wherever it is
written. Amounts of money and shares are ``Decimal`` (never floats).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_serializer
from pydantic.json_schema import SkipJsonSchema

from clauses.language.source import Span
from clauses.timelimits import MonthRule, Region, Unit


class Node(BaseModel):
    """Base of every model node: frozen, strict fields, span kept out of equality."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return type(self) is type(other) and self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(self.model_dump())))


class Citation(Node):
    """An article of the convention text; ``title`` disambiguates a number used twice."""

    article: str
    title: str | None = None


class Reading(Node):
    """The reading a rule author chose for an ambiguous text, and why."""

    text: str
    reason: str


class Duration(Node):
    amount: int
    unit: Unit
    plus: Duration | None = None

    def __str__(self) -> str:
        head = f"{self.amount} {self.unit.value.replace('_', ' ')}"
        return f"{head} and {self.plus}" if self.plus else head


class Channel(str, Enum):
    LRAR = "lrar"
    REGISTERED = "registered"
    EMAIL = "email"
    LETTER = "letter"
    WRITTEN = "written"
    HAND = "hand"


class Anchoring(str, Enum):
    """How recurring periods are cut: on the calendar, or from the start of the term."""

    CALENDAR = "calendar"
    TERM = "term"


class RenewalMode(str, Enum):
    TACIT = "tacit"
    EXPRESS = "express"
    UNSPECIFIED = "unspecified"


class Party(Node):
    id: str
    name: str
    role: str | None = None
    coordinator: bool = False
    signatory: bool = True


class EventDecl(Node):
    id: str
    label: str | None = None
    min_representatives_per_party: int | None = None


class Body(Node):
    id: str
    label: str | None = None
    citations: tuple[Citation, ...] = ()
    chair: str | None = None
    deliberative: tuple[str, ...] = ()
    consultative: tuple[str, ...] = ()
    quorum: int | None = None


# ------------------------------------------------------------------ anchors
class DateAnchor(Node):
    type: Literal["date"] = "date"
    date: dt.date


class SignatureAnchor(Node):
    type: Literal["signature"] = "signature"


class EventAnchor(Node):
    type: Literal["event"] = "event"
    event: str


StartAnchor = Annotated[Union[DateAnchor, SignatureAnchor, EventAnchor], Field(discriminator="type")]


class Renewal(Node):
    modes: tuple[RenewalMode, ...]
    period: Duration | None = None
    decided_by: str | None = None  # the vote clause whose decision renews (express renewal)


# ------------------------------------------------------------------ the term as texts write it (issue 10, item 7)
class Extension(Node):
    """``prolongée par avenant [de 3 mois]``: each logged ``event`` extends the term, by ``step``
    when the clause states one, else to the last day the event records (its ``until`` column)."""

    event: str
    step: Duration | None = None


class Term(Node):
    kind: Literal["term"] = "term"
    id: str = "term"
    citations: tuple[Citation, ...] = ()
    duration: Duration | None = None
    start: StartAnchor | None = None
    in_force: StartAnchor | None = None
    end_date: dt.date | None = None
    automatic_end: bool = False
    renewal: Renewal | None = None
    no_renewal: bool = False
    maximum: Duration | None = None
    readings: tuple[Reading, ...] = ()
    # the term as texts write it (issue 10, item 7)
    last_day: dt.date | None = None          # `du … au …`: the last day in force, inclusive
    unlimited: bool = False                  # `durée indéterminée`
    extensions: tuple[Extension, ...] = ()   # `prolongée par avenant`, capped by `maximum`

    @model_serializer(mode="wrap")
    def _without_unused_forms(self, handler: Any) -> Any:
        """The forms of item 7 are dumped only when stated, so that dumps of terms that do not
        use them stay as they were."""
        data = handler(self)
        if isinstance(data, dict):
            for name in ("last_day", "unlimited", "extensions"):
                if name in data and not data[name]:
                    del data[name]
        return data


# ------------------------------------------------------------------ who
class Bearer(Node):
    """Who bears a duty or holds a power.

    ``each``: every party on its own; ``joint``: the parties together (one act
    by any of them suffices); ``others``: the parties other than the one whose
    act triggered the duty; ``list``: the parties named.
    """

    type: Literal["each", "joint", "others", "list"]
    parties: tuple[str, ...] = ()


class Recipients(Node):
    type: Literal["parties", "others", "all", "outsiders"]
    names: tuple[str, ...] = ()


class PartyRef(Node):
    """Whose act a condition or an exception needs: listed parties, the other party (than the one
    acting), the same party (the one acting), all parties."""

    type: Literal["list", "other", "same", "all"]
    parties: tuple[str, ...] = ()


# ------------------------------------------------------------------ deadlines
class BeforeTerm(Node):
    type: Literal["before_term"] = "before_term"
    duration: Duration


class BeforeRenewal(Node):
    type: Literal["before_renewal"] = "before_renewal"
    duration: Duration


class BeforeEvent(Node):
    type: Literal["before_event"] = "before_event"
    duration: Duration
    event: str


class AfterEvent(Node):
    type: Literal["after_event"] = "after_event"
    duration: Duration
    event: str
    from_receipt: bool = False


class BeforePeriodEnd(Node):
    type: Literal["before_period_end"] = "before_period_end"
    duration: Duration
    period_months: int


class DayOfMonth(Node):
    type: Literal["day_of_month"] = "day_of_month"
    day: int


class FixedDate(Node):
    type: Literal["fixed_date"] = "fixed_date"
    date: dt.date


class Recurrence(Node):
    type: Literal["recurrence"] = "recurrence"
    times: int
    period_months: int = 0
    period_weeks: int = 0


Deadline = Annotated[Union[BeforeTerm, BeforeRenewal, BeforeEvent, AfterEvent, BeforePeriodEnd,
                           DayOfMonth, FixedDate, Recurrence], Field(discriminator="type")]


class ClauseBase(Node):
    id: str
    citations: tuple[Citation, ...] = ()
    readings: tuple[Reading, ...] = ()
    # where the clause's own act (a duty's, power's or prohibition's action) is written
    action_span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)


class Duty(ClauseBase):
    kind: Literal["duty"] = "duty"
    bearer: Bearer
    action: str
    recipients: Recipients | None = None
    subject: str | None = None
    deadline: Deadline | None = None
    channel: Channel | None = None
    extend: bool | None = None
    month_rule: MonthRule | None = None
    anchoring: Anchoring | None = None
    survives: bool = False


# ------------------------------------------------------------------ powers
class IfEvent(Node):
    type: Literal["if"] = "if"
    event: str
    by: PartyRef | None = None


class AfterCondition(Node):
    type: Literal["after"] = "after"
    event: str
    by: PartyRef | None = None
    channel: Channel | None = None
    unanswered_for: Duration | None = None
    from_receipt: bool = False      # the unanswered period runs from receipt (CPC art. 668-669)


class NoticeCondition(Node):
    type: Literal["notice"] = "notice"
    duration: Duration
    target: Literal["term", "renewal", "event"]
    event: str | None = None


class NotInFirstYear(Node):
    type: Literal["not_first_year"] = "not_first_year"


class NotBefore(Node):
    type: Literal["not_before"] = "not_before"
    date: dt.date


Condition = Annotated[Union[IfEvent, AfterCondition, NoticeCondition, NotInFirstYear, NotBefore],
                      Field(discriminator="type")]


class Power(ClauseBase):
    kind: Literal["power"] = "power"
    bearer: Bearer
    action: str
    channel: Channel | None = None
    recipients: Recipients | None = None
    conditions: tuple[Condition, ...] = ()
    effective: Literal["immediately", "at_renewal"] = "immediately"
    ends_convention: bool = False
    party_leaves: bool = False
    extend: bool | None = None
    month_rule: MonthRule | None = None
    survives: bool = False


# ------------------------------------------------------------------ prohibitions
class Exception_(Node):
    """What lifts a prohibition: an earlier event (written consent, a conciliation)."""

    event: str
    by: PartyRef | None = None


class Prohibition(ClauseBase):
    kind: Literal["prohibition"] = "prohibition"
    bearer: Bearer
    action: str
    recipients: Recipients | None = None
    channel: Channel | None = None
    exceptions: tuple[Exception_, ...] = ()
    survives: bool = False


# ------------------------------------------------------------------ votes
class MajorityRule(str, Enum):
    MAJORITY_OF_MEMBERS = "majority_of_members"
    MAJORITY_OF_VOTES_CAST = "majority_of_votes_cast"
    UNANIMITY = "unanimity"
    EACH_AGREES = "each_agrees"


class Vote(ClauseBase):
    kind: Literal["vote"] = "vote"
    ballots: str | None = None
    decision: str | None = None
    voters: tuple[str, ...] = ()
    body: str | None = None
    rule: MajorityRule | None = None
    casting_vote: str | None = None
    quorum: int | None = None


# ------------------------------------------------------------------ money
class Share(Node):
    party: str
    percent: Decimal


class KeyPeriod(Node):
    start: dt.date
    end: dt.date
    shares: tuple[Share, ...]


class FinancialKey(ClauseBase):
    kind: Literal["key"] = "key"
    periods: tuple[KeyPeriod, ...] = ()


class Expr(Node):
    """A formula node: ``op`` is one of num, var, add, sub, mul, div."""

    op: Literal["num", "var", "add", "sub", "mul", "div"]
    value: Decimal | None = None
    name: str | None = None
    args: tuple[Expr, ...] = ()

    def __str__(self) -> str:
        if self.op == "num":
            return str(self.value)
        if self.op == "var":
            return str(self.name)
        symbol = {"add": " + ", "sub": " - ", "mul": " × ", "div": " / "}[self.op]
        return "(" + symbol.join(str(a) for a in self.args) + ")"


class Formula(Node):
    target: str
    expression: Expr


class IndexRef(Node):
    name: str
    label: str | None = None
    base_month: str


class Indexation(ClauseBase):
    kind: Literal["indexation"] = "indexation"
    formulas: tuple[Formula, ...] = ()
    indices: tuple[IndexRef, ...] = ()
    month_zero: str | None = None
    revised_annually: bool = False


# ------------------------------------------------------------------ consequences
class Consequence(ClauseBase):
    kind: Literal["consequence"] = "consequence"
    trigger: str
    trigger_by: PartyRef | None = None
    ends_clauses: tuple[str, ...] = ()
    ends_convention: bool = False
    unless_decided_otherwise: bool = False


class Note(ClauseBase):
    """A free-standing reading: an ambiguity that belongs to no single clause."""

    kind: Literal["reading"] = "reading"


Clause = Annotated[Union[Duty, Power, Prohibition, Vote, FinancialKey, Indexation, Consequence, Note],
                   Field(discriminator="kind")]


class Signature(Node):
    place: str | None = None
    date: dt.date | None = None
    undated: bool = False


class Convention(Node):
    """One convention: header, parties, events, bodies, term and clauses."""

    schema_version: Literal[1] = 1
    language: Literal["fr", "en"]
    title: str
    text: str | None = None
    signature: Signature | None = None
    holidays: Region = Region.METROPOLE
    parties: tuple[Party, ...] = ()
    events: tuple[EventDecl, ...] = ()
    bodies: tuple[Body, ...] = ()
    term: Term | None = None
    clauses: tuple[Clause, ...] = ()

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def clause(self, clause_id: str) -> Any:
        return next((c for c in self.clauses if c.id == clause_id), None)


def convention_schema() -> dict:
    """The JSON schema of the model (``clauses schema model``)."""
    return Convention.model_json_schema()
