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
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_serializer
from pydantic.json_schema import SkipJsonSchema

from clauses.language.source import Span
from clauses.timelimits import MonthRule, Region, Unit


class Node(BaseModel):
    """Base of every model node: frozen, strict fields, span kept out of equality."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)
    #: fields left out of dumps while empty (None, (), False): constructs added later leave the
    #: dumps of conventions that do not use them as they were (golden files, stable JSON)
    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset()

    @model_serializer(mode="wrap")
    def _omit_empty(self, handler: Any) -> Any:
        data = handler(self)
        if self.OMIT_WHEN_EMPTY and isinstance(data, dict):
            for name in self.OMIT_WHEN_EMPTY:
                if name in data and data[name] in (None, (), [], False):
                    del data[name]
        return data

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
    statuses: tuple[str, ...] = ()      # langA: `statut "organisme de droit public"`

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"statuses"})


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
    members_min: int | None = None       # langA: `de 12 à 15 membres` (members need not be parties)
    members_max: int | None = None

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"members_min", "members_max"})


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


# ================================================================== langA: amounts, conditions, parameters
class Amount(Node):
    """An amount of money in exact decimals (``500 000 €`` is ``Decimal("500000")``)."""

    value: Decimal
    currency: Literal["EUR"] = "EUR"

    def __str__(self) -> str:
        whole, _, cents = f"{self.value:f}".partition(".")
        grouped = f"{int(whole):,}".replace(",", " ") if whole.lstrip("-").isdigit() else whole
        return f"{grouped}{',' + cents if cents else ''} €"


class Operand(Node):
    """What a comparison measures: an attribute of an event (``demande.montant``), a parameter
    (``{montant}``), the time between two events or since one."""

    type: Literal["attr", "param", "between", "since", "total"]
    event: str | None = None
    name: str | None = None
    until: str | None = None

    def __str__(self) -> str:
        if self.type == "attr":
            return f"{self.event}.{self.name}"
        if self.type == "param":
            return "{" + str(self.name) + "}"
        if self.type == "between":
            return f"time between {self.event} and {self.until}"
        if self.type == "total":
            return f"total of {self.event}.{self.name}"
        return f"time since {self.event}"


class Value(Node):
    """The right-hand side of a comparison (and a parameter's value or bound)."""

    type: Literal["number", "money", "percent", "duration", "text", "date", "name", "param", "units"]
    number: Decimal | None = None
    duration: Duration | None = None
    text: str | None = None
    date: dt.date | None = None
    of: Operand | None = None           # `80 % de {budget}`

    def __str__(self) -> str:
        if self.type == "money":
            return str(Amount(value=self.number))
        if self.type == "percent":
            return f"{self.number} %" + (f" of {self.of}" if self.of else "")
        if self.type == "duration":
            return str(self.duration)
        if self.type == "date":
            return self.date.isoformat() if self.date else "?"
        if self.type == "text":
            return f'"{self.text}"'
        if self.type == "param":
            return "{" + str(self.text) + "}"
        if self.type == "name":
            return str(self.text)
        if self.type == "units":
            return f"{self.number} {self.text}"
        return f"{self.number}"


class Comparison(Node):
    type: Literal["compare"] = "compare"
    left: Operand
    op: Literal["<", "<=", "=", "!=", ">=", ">"]
    right: Value


class Happened(Node):
    """An event happened (before the act or the due date), optionally by whom."""

    type: Literal["event"] = "event"
    event: str
    by: PartyRef | None = None


class StatusIs(Node):
    """A party has (or has not) a status declared with ``partie … statut "…"``."""

    type: Literal["status"] = "status"
    party: str
    status: str
    negated: bool = False


class AllOf(Node):
    type: Literal["all"] = "all"
    items: tuple["Cond", ...]


class AnyOf(Node):
    type: Literal["any"] = "any"
    items: tuple["Cond", ...]


class Not(Node):
    type: Literal["not"] = "not"
    item: "Cond"


Cond = Annotated[Union[Comparison, Happened, StatusIs, AllOf, AnyOf, Not], Field(discriminator="type")]


class Parameter(Node):
    """A typed placeholder of a template (``paramètre montant montant "Montant".``)."""

    id: str
    type: Literal["amount", "number", "duration", "date", "text", "percent"]
    label: str | None = None
    minimum: Value | None = None
    maximum: Value | None = None
    default: Value | None = None


class UnitDecl(Node):
    """langA: a unit the convention defines (``unité jour_de_présence article 2 : 7 heures.``)."""

    id: str
    citations: tuple[Citation, ...] = ()
    amount: Decimal
    of: str


class Argument(Node):
    """The value a signed instance gives one parameter."""

    name: str
    value: Value


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
    exact: bool = False        # notice: `à la date du …`: on that day, not before it

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"exact"})


class Recurrence(Node):
    type: Literal["recurrence"] = "recurrence"
    times: int
    period_months: int = 0
    period_weeks: int = 0


class Prompt(Node):
    """langA: a limit without a number (``sans délai après signalement``, ``à première demande``,
    ``dès réception de facture``, ``à l'issue de mission``, ``au terme``): due as soon as its
    trigger happens (the start of the convention when it names none, the term end for
    ``au terme``); a duty's ``lecture 8 jours car "…"`` gives it a number of days."""

    type: Literal["prompt"] = "prompt"
    manner: Literal["without_delay", "immediately", "promptly", "on_demand", "as_soon_as", "at_end", "at_term"]
    event: str | None = None
    from_receipt: bool = False


class AnnualDate(Node):
    """A date after (or in) each calendar year accounted for (issue 10, item 5): ``avant le 1er
    février de l'année suivante`` (day 1, month 2, the next year, exclusive), ``au plus tard le
    30 avril de chaque année pour l'année précédente`` (inclusive), ``au plus tard le 30 juin de
    chaque année`` (the same year)."""

    type: Literal["annual_date"] = "annual_date"
    day: int
    month: int
    years_after: Literal[0, 1] = 1
    inclusive: bool = True


Deadline = Annotated[Union[BeforeTerm, BeforeRenewal, BeforeEvent, AfterEvent, BeforePeriodEnd,
                           DayOfMonth, FixedDate, Recurrence, Prompt, AnnualDate], Field(discriminator="type")]


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
    condition: Cond | None = None          # langA: the duty applies only when it holds
    read_as: Duration | None = None        # langA: the number of days a reading gives a limit without one
    amount: "Expr | None" = None           # langA: what the act must pay at least (`montant …`)

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"condition", "read_as", "amount"})


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


class When(Node):
    """langA: a power's compound condition (``si … et … ou …``) that must hold on the day of the act."""

    type: Literal["when"] = "when"
    expr: Cond


Condition = Annotated[Union[IfEvent, AfterCondition, NoticeCondition, NotInFirstYear, NotBefore, When],
                      Field(discriminator="type")]


# ------------------------------------------------------------------ notice periods (notice, issue 10 item 7)
class NoticeException(Node):
    """An exception on a fact to a notice period: ``sauf si urgence`` (the notice is waived:
    ``duration`` None) or ``ramené à 1 mois si …`` (shortened to ``duration``)."""

    condition: Cond
    duration: Duration | None = None


class Notice(Node):
    """``avec un préavis de 3 mois [à compter de sa réception]``: the power's effect (the end of the
    convention, a party leaving) takes place once ``duration`` has run from the act (its receipt)."""

    duration: Duration
    from_receipt: bool = False
    from_event: str | None = None         # `à compter de demande`: from the request the act answers
    exceptions: tuple[NoticeException, ...] = ()

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"from_event"})


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
    notice: Notice | None = None          # notice: the effect takes place once the notice has run

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"notice"})


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
    condition: Cond | None = None                  # langA: the prohibition applies only when it holds
    unless: tuple[Cond, ...] = ()                   # langA: `sauf si …`: lifted when one holds

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"condition", "unless"})


# ------------------------------------------------------------------ votes
class MajorityRule(str, Enum):
    MAJORITY_OF_MEMBERS = "majority_of_members"
    MAJORITY_OF_VOTES_CAST = "majority_of_votes_cast"
    UNANIMITY = "unanimity"
    EACH_AGREES = "each_agrees"


class CountRule(Node):
    """langA: a fraction of a count recorded on the meeting event: ``1/3 des membres en exercice``,
    ``3/5 des présents ou représentés``, ``la moitié plus un des suffrages exprimés``."""

    numerator: int = 1
    denominator: int = 2
    half_plus_one: bool = False
    base: Literal["members", "present", "present_or_represented", "cast"]

    def __str__(self) -> str:
        base = {"members": "of the members in office", "present": "of those present",
                "present_or_represented": "of those present or represented", "cast": "of the votes cast"}[self.base]
        share = "half plus one" if self.half_plus_one else f"{self.numerator}/{self.denominator}"
        return f"{share} {base}"


class Vote(ClauseBase):
    kind: Literal["vote"] = "vote"
    ballots: str | None = None
    decision: str | None = None
    voters: tuple[str, ...] = ()
    body: str | None = None
    rule: MajorityRule | None = None
    casting_vote: str | None = None
    quorum: int | None = None
    quorum_rule: CountRule | None = None          # langA: counted on the meeting event
    majority_rule: CountRule | None = None
    proxy_cap: int | None = None                  # langA: proxies one member may hold
    second_call: Duration | None = None           # langA: a second meeting this long after, without quorum

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"quorum_rule", "majority_rule", "proxy_cap",
                                                           "second_call"})


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

    op: Literal["num", "var", "add", "sub", "mul", "div", "money", "param", "attr"]   # langA: the last three
    value: Decimal | None = None
    name: str | None = None
    args: tuple[Expr, ...] = ()

    def __str__(self) -> str:
        if self.op == "num":
            return str(self.value)
        if self.op == "var":
            return str(self.name)
        if self.op == "money":
            return str(Amount(value=self.value))
        if self.op == "param":
            return "{" + str(self.name) + "}"
        if self.op == "attr":
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


class Bound(Node):
    """langA: a cap or a floor of an amount: an expression, or a percentage of one."""

    expression: Expr
    percent: Decimal | None = None

    def __str__(self) -> str:
        return f"{self.percent} % of {self.expression}" if self.percent is not None else str(self.expression)


class AmountClause(ClauseBase):
    """langA: a named amount with its caps and floors (``montant subvention article 4 : …``)."""

    kind: Literal["amount"] = "amount"
    expression: Expr
    maximum: tuple[Bound, ...] = ()
    minimum: tuple[Bound, ...] = ()


# ------------------------------------------------------------------ consequences
class Consequence(ClauseBase):
    kind: Literal["consequence"] = "consequence"
    trigger: str
    trigger_by: PartyRef | None = None
    ends_clauses: tuple[str, ...] = ()
    ends_convention: bool = False
    unless_decided_otherwise: bool = False


class Suspension(ClauseBase):
    """``suspension fm : pendant force_majeure jusqu'à fin_force_majeure`` (issue 10, item 7):
    from each ``start`` event to the next ``end`` event, the forward limits of the duties (all,
    or those of ``duties``) stop running; they resume when the situation ends."""

    kind: Literal["suspension"] = "suspension"
    start: str
    end: str | None = None
    duties: tuple[str, ...] = ()


class Note(ClauseBase):
    """A free-standing reading: an ambiguity that belongs to no single clause."""

    kind: Literal["reading"] = "reading"


Clause = Annotated[Union[Duty, Power, Prohibition, Vote, FinancialKey, Indexation, Consequence, Note, AmountClause,
                         Suspension],
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
    parameters: tuple[Parameter, ...] = ()          # langA: a template's typed parameters
    arguments: tuple[Argument, ...] = ()            # langA: the values of one signed instance
    units: tuple[UnitDecl, ...] = ()                # langA: units of presence the convention defines
    time_zone: str | None = None                    # notice: `fuseau "…"`; Europe/Paris when not stated

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"parameters", "arguments", "units", "time_zone"})

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def clause(self, clause_id: str) -> Any:
        return next((c for c in self.clauses if c.id == clause_id), None)


for _cls in (Happened, AllOf, AnyOf, Not, When, NoticeException, Notice, Duty, Power, Prohibition, Convention):
    _cls.model_rebuild()


def convention_schema() -> dict:
    """The JSON schema of the model (``clauses schema model``)."""
    return Convention.model_json_schema()
