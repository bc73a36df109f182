"""The typed model of a convention: frozen pydantic models, JSON-schema exportable.

Every clause kind is a model with a ``kind`` discriminator. Source spans are
kept for diagnostics (``span``) but excluded from dumps and from equality:
two conventions are equal when they mean the same thing, wherever it is
written. Amounts of money and shares are ``Decimal`` (never floats).

The annotations are objects, not strings (no ``from __future__ import annotations``): pydantic
compiles and evaluates every string annotation when the classes are made, a quarter of this
module's import (about 12 ms at each start of ``clauses``). The few that name a class defined
further down are quoted.
"""

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_serializer
from pydantic.json_schema import SkipJsonSchema

from clauses.language.source import Span
from clauses.timelimits import MonthRule, Region, Unit


#: (node class, name) pairs that are neither fields nor class attributes (see ``Node.__getattr__``)
_NOT_ATTRIBUTES: set[tuple[type, str]] = set()


class Node(BaseModel):
    """Base of every model node: frozen, strict fields, span kept out of equality."""

    # defer_build: validators and serializers are built on first use, not at import (most of the
    # cost of importing this module; a check served from the rules cache never validates a node)
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True, defer_build=True)

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

    if not TYPE_CHECKING:
        def __getattr__(self, item: str) -> Any:
            """A missing attribute (``getattr(clause, "condition", None)`` on a clause without one, which
            the resolver and the checks ask of every node) raises at once: pydantic's own lookup raises
            and catches a second AttributeError on the class first (a third of ``conditions_of``). Nodes
            have neither private attributes nor extra fields; anything the class defines goes to pydantic."""
            kind = type(self)
            if (kind, item) in _NOT_ATTRIBUTES or (not kind.__private_attributes__ and
                                                   not any(item in k.__dict__ for k in kind.__mro__)):
                _NOT_ATTRIBUTES.add((kind, item))
                raise AttributeError(f"{kind.__name__!r} object has no attribute {item!r}")
            return super().__getattr__(item)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Node):
            return NotImplemented
        return type(self) is type(other) and self.model_dump() == other.model_dump()

    def __hash__(self) -> int:
        return hash((type(self).__name__, repr(self.model_dump())))


class Citation(Node):
    """An article of the convention text; ``title`` disambiguates a number used twice.

    ``within`` names the divisions the article sits in, outermost first, as canonical keys
    (``("title 2",)`` for `titre 2 article 3`, ``("annex 1",)``; see
    :func:`clauses.language.articles.division_key`); ``article`` is empty when the citation names
    a division itself (`annexe 1`, `préambule`)."""

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"within"})

    article: str
    title: str | None = None
    within: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """As the citation reads: ``7``, ``titre 2 article 3``, ``annexe 1``."""
        from clauses.language.articles import division_label

        words = [division_label(k) for k in self.within]
        if self.article:
            words += ["article", self.article] if words else [self.article]
        return " ".join(words)


class Reading(Node):
    """The reading a rule author chose for an ambiguous text, and why."""

    text: str
    reason: str


class Duration(Node):
    amount: int
    unit: Unit
    plus: "Duration | None" = None

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
    mandates: "Mandates | None" = None     # `élus par élection pour 2 ans renouvelés par moitié chaque année`

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"members_min", "members_max", "mandates"})


class Mandates(Node):
    """The members' mandates of a body (issue 10 item 9): who elects them (an event of the log whose
    ``élus`` column names the elected), for how many years, renewed by which share how often, and
    whether the first leavers of the body first elected are drawn by lot (at an event naming them,
    column ``sortants``)."""

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"draw_event"})

    election: str | None = None
    years: int | None = None              # the length of a mandate, in years
    share: int | None = None              # renewed by 1/share of the seats: 2 (moitié), 3 (tiers), 4 (quart)
    every: int | None = None              # a renewal every N years
    first_draw: bool = False              # the first leavers are drawn by lot
    draw_event: str | None = None         # the event recording the draw (column `sortants`)


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

    type: Literal["attr", "param", "between", "since", "total", "count", "until"]
    event: str | None = None
    name: str | None = None
    until: str | None = None
    # governance (issue 10 item 9): `nombre de EVENT[.ATTR] [de PARTIE] [au cours des N derniers mois]
    # [consécutives interrompues par EVENT, …]`; `temps restant jusqu'au DATE|{param}`
    by: "PartyRef | None" = None
    same: bool = False                    # count only events whose `name` attribute is the judged event's
    window: Duration | None = None        # only events of the last N (months, days…) up to the day
    since: tuple[str, ...] = ()           # only events after the latest of these (same member when `same`)
    date: dt.date | None = None           # `until`: a date (else the attribute `event.name`, or parameter `name`)

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"by", "same", "window", "since", "date"})

    def __str__(self) -> str:
        if self.type == "attr":
            return f"{self.event}.{self.name}"
        if self.type == "param":
            return "{" + str(self.name) + "}"
        if self.type == "between":
            return f"time between {self.event} and {self.until}"
        if self.type == "total":
            return f"total of {self.event}.{self.name}"
        if self.type == "count":
            return f"number of {self.event}" + (f".{self.name}" if self.same else "")
        if self.type == "until":
            point = f"{self.event}.{self.name}" if self.event else "{" + str(self.name) + "}"
            return "time until " + (self.date.isoformat() if self.date else point)
        return f"time since {self.event}"


class Value(Node):
    """The right-hand side of a comparison (and a parameter's value or bound)."""

    type: Literal["number", "money", "percent", "duration", "text", "date", "name", "param", "units", "fraction",
                  "attr"]   # acts: `attr`, another event's attribute (`registre_sécurité.effectif`), in `of`
    number: Decimal | None = None
    duration: Duration | None = None
    text: str | None = None
    date: dt.date | None = None
    of: Operand | None = None           # `80 % de {budget}`
    # governance: `1/4 de demande.membres`, `2/3 des membres en exercice` (the judged event's `membres`)
    ratio: tuple[int, int] | None = None
    of_members: bool = False

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"ratio", "of_members"})

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
        if self.type == "attr":   # acts: another event's attribute
            return str(self.of)
        if self.type == "units":
            return f"{self.number} {self.text}"
        if self.type == "fraction" and self.ratio:
            base = "of the members in office" if self.of_members else f"of {self.of}"
            return f"{self.ratio[0]}/{self.ratio[1]} {base}"
        return f"{self.number}"


class Comparison(Node):
    type: Literal["compare"] = "compare"
    left: Operand
    op: Literal["<", "<=", "=", "!=", ">=", ">", "among"]   # acts: `among`, every item of a list in another
    right: Value


class Happened(Node):
    """An event happened (before the act or the due date), optionally by whom."""

    type: Literal["event"] = "event"
    event: str
    by: "PartyRef | None" = None
    # governance (issue 10 item 9): `cotisation.membre pour l'année en cours` (same member as the
    # judged event, accounting for its year or the one before), `agrément depuis élection`
    same: str | None = None
    year: Literal["current", "previous"] | None = None
    since: tuple[str, ...] = ()

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"same", "year", "since"})


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


class Breached(Node):
    """recurrence (issue 10, item 8): another clause is breached (``si manquement à X``) on the day:
    a duty from the day after the due date of an instance not done in time, a power or a prohibition
    from the day of an act that breaches it."""

    type: Literal["breach"] = "breach"
    clause: str


class Decided(Node):
    """governance: the outcome of a counted vote as a condition (``si décision_renonciation adoptée``,
    ``… rejetée``, ``… adoptée selon le vote dissolution``, ``… adoptée à la majorité de 2/3 des membres``):
    the decision event the act names (``ref``), else the latest one on or before the day, judged from the
    counts recorded on it under the rules of the vote that decides it (or of the vote named, with the
    majority stated, if any): adopted only when regular (its quorum, its second meeting) and its majority
    reached; rejected when regular and its majority not reached; unknown when its counts are missing."""

    type: Literal["decided"] = "decided"
    event: str
    outcome: Literal["adopted", "rejected"] = "adopted"
    vote: str | None = None              # `selon le vote V`: judged under V's rules
    majority: "CountRule | None" = None  # `à la majorité de …`: the majority it must have had

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"vote", "majority"})


Cond = Annotated[Union[Comparison, Happened, StatusIs, AllOf, AnyOf, Not, Breached, Decided],
                 Field(discriminator="type")]


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
    # acts (issue 10): `a et b conjointement`, `les parties conjointement`: one act done by all of them
    together: bool = False

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"together"})


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
    manner: Literal["without_delay", "immediately", "promptly", "on_demand", "as_soon_as", "at_end", "at_term",
                    "no_limit", "at_any_time"]   # acts: `sans délai fixé`, `à tout moment` (a standing duty)
    event: str | None = None
    from_receipt: bool = False
    point: "Point | None" = None          # issue 10 item 5: from the term end, from each period's end

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"point"})


class AnnualDate(Node):
    """A date after (or in) each calendar year accounted for (issue 10, item 5): ``avant le 1er
    février de l'année suivante`` (day 1, month 2, the next year, exclusive), ``au plus tard le
    30 avril de chaque année pour l'année précédente`` (inclusive), ``au plus tard le 30 juin de
    chaque année`` (the same year).

    ``month_end``: the last day of the month (``la fin du mois de janvier``; ``day`` is then the
    month's longest day). ``in_force``: one instance per year whose date falls while the
    convention is in force (``de chaque année de la convention pour l'année précédente``: in the
    first year, the year before it is accounted for), rather than per year accounted for."""

    type: Literal["annual_date"] = "annual_date"
    day: int
    month: int
    years_after: Literal[0, 1] = 1
    inclusive: bool = True
    month_end: bool = False
    in_force: bool = False

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"month_end", "in_force"})


# ------------------------------------------------------------------ anchors and windows (issue 10, item 5)
class Point(Node):
    """A calendar point a limit is anchored on: the start or the end of the term, the end of each
    period (``la clôture de chaque exercice``), the last day of the period before each one (``le
    dernier jour du trimestre précédent``: rent payable in advance)."""

    of: Literal["term_start", "term_end", "period_end", "previous_period_end"]
    period_months: int | None = None

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"period_months"})

    def __str__(self) -> str:
        return {"term_start": "the start", "term_end": "the term end", "period_end": "the end of each period",
                "previous_period_end": "the last day of the previous period"}[self.of]


class Anchored(Node):
    """A limit on a calendar point (``au plus tard le dernier jour du trimestre précédent``, ``avant
    le début``) or counted forward from one (``dans 4 mois suivant l'échéance``, ``dans 6 mois suivant
    la clôture de chaque exercice``). ``inclusive`` False (``avant``): the day before the point is
    the last that counts."""

    type: Literal["anchored"] = "anchored"
    point: Point
    after: Duration | None = None
    inclusive: bool = True


class Window(Node):
    """A calendar window the act must fall in (``au cours du second semestre 2019``, ``en novembre
    de chaque année``, ``entre le 1er septembre et le 31 octobre``): from ``start_month``/``start_day``
    to ``end_month``/``end_day`` (a day past the month's end is its last day) of ``year``, or of each
    calendar year of the term when ``year`` is None; ``first``/``last`` when written as dates. A
    window whose end comes before its start in the year runs into the next year."""

    type: Literal["window"] = "window"
    start_month: int = 1
    start_day: int = 1
    end_month: int = 12
    end_day: int = 31
    year: int | None = None
    first: dt.date | None = None
    last: dt.date | None = None
    before_event: str | None = None     # `de l'année précédant élection`: the year before each such event

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"before_event"})


class LaterOf(Node):
    """``dans un délai de 30 jours à compter de la dernière des deux dates : notification et
    approbation``: counted from the later (``earliest``: the earlier) of the events, once all of
    them happened (the k-th occurrence of each is paired with the k-th of the others)."""

    type: Literal["later_of"] = "later_of"
    duration: Duration
    events: tuple[str, ...]
    earliest: bool = False


class PeriodPick(Node):
    """Which periods a duty counts (``pour le premier trimestre``: only the first quarter of each
    year; ``sauf le premier trimestre``: all the others); ``ordinal`` -1 is the last."""

    ordinal: int
    period_months: int
    only: bool = True


class AfterBreach(Node):
    """recurrence (issue 10, item 8): a limit counted from each breach of another duty (``dès
    manquement à loyer persistant pendant 1 mois``, ``dans un délai de 15 jours après manquement à
    rapport``): the trigger is the day after the breached instance's due date, or, with ``lasting``,
    the end of that time after its due date if the instance is still not done then; without
    ``duration`` the limit has no number (due now)."""

    type: Literal["after_breach"] = "after_breach"
    clause: str
    duration: Duration | None = None
    lasting: Duration | None = None


class DateOfEvent(Node):
    """recurrence: ``au plus tard appel_cotisations.échéance``: each logged ``event`` (a call for dues,
    a payment notice) starts its own instance, due on the date it records in its column ``name``."""

    type: Literal["event_date"] = "event_date"
    event: str
    name: str


Deadline = Annotated[Union[BeforeTerm, BeforeRenewal, BeforeEvent, AfterEvent, BeforePeriodEnd,
                           DayOfMonth, FixedDate, Recurrence, Prompt, AnnualDate, Anchored, Window, LaterOf,
                           AfterBreach, DateOfEvent],
                     Field(discriminator="type")]


class Series(Node):
    """recurrence (issue 10, item 6): when a duty's limits run. ``start``: from the start of the
    convention (``start``), from an event (``à compter de création``; with ``each``, every
    occurrence starts its own series, running alongside the others until its own stop; with
    ``replaces`` — ``tant que X`` — the next occurrence replaces it), from the term end (``à compter
    du terme``) or the signature; ``until``: the event that stops it (``jusqu'à dissolution``)."""

    start: Literal["start", "event", "term_end", "signature"] = "start"
    event: str | None = None
    each: bool = False
    until: str | None = None
    replaces: bool = False     # `tant que X`: the next X replaces the running series (`chaque X`: alongside)

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"replaces"})


class ClauseBase(Node):
    id: str
    citations: tuple[Citation, ...] = ()
    readings: tuple[Reading, ...] = ()
    # where the clause's own act (a duty's, power's or prohibition's action) is written
    action_span: SkipJsonSchema[Span | None] = Field(default=None, exclude=True, repr=False)


class TimeOfDay(Node):
    """time (issue 10 item 4): the time a limit's last day ends at, wall-clock in the convention's zone.
    ``before``: `avant 12 heures` (an act at 12:00 is late); else `au plus tard à 12 heures` (in time)."""

    hour: int
    minute: int = 0
    before: bool = False

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


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
    periods: PeriodPick | None = None      # issue 10 item 5: `pour le premier trimestre`, `sauf le …`
    series: Series | None = None           # recurrence: started / stopped by events
    instalments: bool = False              # money: `payable en plusieurs versements`: the acts add up to the amount
    interest: "InterestRate | None" = None  # money: `intérêts au taux de SERIE.COLONNE` on a late payment
    partial_periods: Literal["in_full", "pro_rata"] | None = None   # a recurring duty's periods cut short
    time_of_day: TimeOfDay | None = None   # time: `avant 12 heures`, `au plus tard à 18 h`
    contents: tuple[str, ...] = ()         # acts: `indiquant motifs, …`: what each act must state
    violated_by: str | None = None         # acts: `à tout moment méconnue par EVENT`: what breaches a standing duty

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"condition", "read_as", "amount", "periods", "series",
                                                           "instalments", "interest", "partial_periods", "time_of_day", "contents",
                                                           "violated_by"})


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


class PowerWindow(Node):
    """recurrence (issue 10, item 8): a power exercised only within a window after its anchor (``dans
    les 3 années suivant fin_mission``, ``au plus tard 2 mois après notification``, ``pendant la
    première année``: 1 year from the start), the last occurrence of the anchor event before the act."""

    type: Literal["window"] = "window"
    duration: Duration
    anchor: Literal["event", "term_end", "signature", "start"]
    event: str | None = None


class InWindow(Node):
    """time (issue 10 item 8): a power exercised only inside a calendar window — the duties' ``Window``
    (``au cours du second semestre 2026``, ``en novembre de chaque année``, ``entre le … et le …``)."""

    type: Literal["in_window"] = "in_window"
    window: Window


class NotAfter(Node):
    """recurrence: ``pas après le DATE`` / ``au plus tard DATE``: a power exercised on or before the date."""

    type: Literal["not_after"] = "not_after"
    date: dt.date


Condition = Annotated[Union[IfEvent, AfterCondition, NoticeCondition, NotInFirstYear, NotBefore, When, PowerWindow,
                            NotAfter, InWindow],
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
    effective_on: AnnualDate | None = None   # issue 10 item 5: `prend effet le 1er janvier de l'année suivante`
    notice: Notice | None = None          # notice: the effect takes place once the notice has run
    contents: tuple[str, ...] = ()        # acts: `indiquant motifs`: what the act must state

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"effective_on", "notice", "contents"})


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
    # a quorum of those actually present (`quorum de présence effective`), not of those represented
    in_person: bool = False

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"in_person"})

    def __str__(self) -> str:
        base = {"members": "of the members in office", "present": "of those present",
                "present_or_represented": "of those present or represented", "cast": "of the votes cast"}[self.base]
        share = "half plus one" if self.half_plus_one else f"{self.numerator}/{self.denominator}"
        return f"{share} {base}" + (", present in person" if self.in_person else "")


class SecondMeeting(Node):
    """A second meeting held *within* ``within`` of a first that failed (no quorum, or the majority
    not reached), deciding under its own rules (``nouvelle assemblée dans un délai de 1 mois statuant
    à la majorité de la moitié plus un des présents``); rules it does not state are the vote's."""

    within: Duration
    quorum_rule: CountRule | None = None
    majority_rule: CountRule | None = None
    without_quorum: bool = False


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
    # governance (issue 10 item 9): a second meeting within N days; elections
    second_meeting: SecondMeeting | None = None
    plurality: bool = False                        # `à la majorité relative`: the most votes are elected
    tie_by_lot: bool = False                       # `égalité tirage au sort`
    secret_ballot: bool = False                    # `à bulletins secrets`

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"quorum_rule", "majority_rule", "proxy_cap",
                                                           "second_call", "second_meeting", "plurality",
                                                           "tie_by_lot", "secret_ballot"})


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
    args: "tuple[Expr, ...]" = ()

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
    revision: "Revision | None" = None      # money: revised each year by a published index or rate

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"revision"})


class Revision(Node):
    """money: an amount revised each year, on the anniversaries of ``start`` (else of the term's start).

    ``index``: the amount × the reference index / the base index, the reference index being the value
    of the series last published on the revision date (``reference="revision_day"``) or on the first
    day of the month before it (``"first_of_previous_month"``); the base is ``base_value`` (a number or
    a parameter) or the value last published on ``base_on``. ``rate``: the amount × (1 + rate / 100)
    for each revision, the rate of the series row that holds the day before the revision (the year
    just ended), compounded year after year. ``*_param``: a date parameter without a value in this
    instance (nor a default): a sample date stands in, which lint does not judge."""

    mode: Literal["index", "rate"]
    series: str
    column: str
    base_value: "Expr | None" = None
    base_on: dt.date | None = None
    reference: Literal["revision_day", "first_of_previous_month"] = "revision_day"
    start: dt.date | None = None
    base_on_param: str | None = None
    start_param: str | None = None

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"base_value", "base_on", "start", "base_on_param",
                                                           "start_param"})

    def __str__(self) -> str:
        return f"{self.series}.{self.column}"


class InterestRate(Node):
    """money: ``intérêts au taux de taux_légal.autres_cas``: a yearly rate (in %) read from a column of a
    published series, owed per day on a payment made late or not made."""

    series: str
    column: str

    def __str__(self) -> str:
        return f"{self.series}.{self.column}"


class SeriesDecl(Node):
    """money: ``série taux_légal "…" fichier "…csv".``: values published per period (rates per
    half-year, index values per quarter), read from a CSV file of the project. ``path``: where the
    file was found when loading (kept out of dumps and equality)."""

    id: str
    label: str | None = None
    file: str
    path: SkipJsonSchema[str | None] = Field(default=None, exclude=True, repr=False)


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
    series: tuple[SeriesDecl, ...] = ()             # money: published series read from CSV files

    OMIT_WHEN_EMPTY: ClassVar[frozenset[str]] = frozenset({"parameters", "arguments", "units", "time_zone",
                                                           "series"})

    def series_decl(self, series_id: str) -> "SeriesDecl | None":
        return next((s for s in self.series if s.id == series_id), None)

    def party(self, party_id: str) -> Party | None:
        return next((p for p in self.parties if p.id == party_id), None)

    def clause(self, clause_id: str) -> Any:
        return next((c for c in self.clauses if c.id == clause_id), None)


# The forward references (Operand, Condition...) are resolved when a class is first used
# (``defer_build`` above): no ``model_rebuild`` at import.


def convention_schema() -> dict:
    """The JSON schema of the model (``clauses schema model``)."""
    return Convention.model_json_schema()
