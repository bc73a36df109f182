"""Parse tree -> model. One method per grammar construct; no name resolution here.

Lowering turns tokens into typed values (dates, numbers, units, channels) and
reports what a value can be wrong about on its own: a date that does not exist
(2023-02-30), a fractional number of days, an item stated twice in a clause,
an unknown holiday calendar or language. Cross-references (does this party
exist?) are the job of :mod:`clauses.language.resolve`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from lark import Token, Transformer, Tree
from lark.exceptions import GrammarError, VisitError
from pydantic import ValidationError

from clauses.language import model as m
from clauses.i18n import tr
from clauses.diagnostics import Diagnostic, shorten
from clauses.language.keywords import language_of
from clauses.language.lower_conditions import ConditionLowering, declared_parameters
from clauses.language.lower_governance import GovernanceLowering   # governance, issue 10 item 9
from clauses.language.lower_anchors import AnchorLowering   # issue 10 item 5: anchors and windows
from clauses.language.lower_recurrence import RecurrenceLowering
from clauses.language.lower_acts import ActsLowering   # issue 10: contents, standing duties, joint acts
from clauses.language.lower_amounts import AmountLowering   # money: series, instalments, interest
from clauses.language.lower_time import TimeLowering   # time: the time of day of a limit
from clauses.language.source import Span
from clauses.language.words import ITEM_WORDS, KIND_WORDS
from clauses.timelimits import MonthRule, Region, Unit
from clauses.i18n import tr

UNITS = {"KW_DAYS": Unit.DAYS, "KW_CLEAR_DAYS": Unit.CLEAR_DAYS, "KW_WORKING_DAYS": Unit.WORKING_DAYS,
         "KW_HOURS": Unit.HOURS, "KW_BUSINESS_HOURS": Unit.BUSINESS_HOURS, "KW_WORKING_HOURS": Unit.WORKING_HOURS,
         "KW_BUSINESS_DAYS": Unit.BUSINESS_DAYS, "KW_WEEKS": Unit.WEEKS, "KW_MONTHS": Unit.MONTHS,
         "KW_YEARS": Unit.YEARS}
PERIOD_MONTHS = {"KW_YEARS": 12, "KW_FISCAL_YEAR": 12, "KW_SEMESTERS": 6, "KW_QUARTERS": 3, "KW_MONTHS": 1}
CHANNELS = {"via_lrar": m.Channel.LRAR, "via_registered": m.Channel.REGISTERED, "via_email": m.Channel.EMAIL,
            "via_letter": m.Channel.LETTER, "via_written": m.Channel.WRITTEN, "via_hand": m.Channel.HAND}
REGIONS = {"metropole": Region.METROPOLE, "métropole": Region.METROPOLE, "metropolitan": Region.METROPOLE,
           "france": Region.METROPOLE, "alsace-moselle": Region.ALSACE_MOSELLE}
LANGUAGES = {"fr": "fr", "francais": "fr", "français": "fr", "french": "fr",
             "en": "en", "english": "en", "anglais": "en"}
# Bounds of the values a convention can state (reported as V001/V002/V006 when crossed):
# time limits are counted from a convention's dates by at most MAX_YEARS, forwards and
# backwards, and must stay inside the calendar (years 1 to 9999).
FIRST_YEAR, LAST_YEAR, MAX_YEARS = 1900, 2999, 100
DAYS_PER_UNIT = {Unit.HOURS: 1 / 24, Unit.BUSINESS_HOURS: 1 / 24, Unit.WORKING_HOURS: 1 / 24, Unit.DAYS: 1, Unit.CLEAR_DAYS: 1, Unit.WORKING_DAYS: 1, Unit.BUSINESS_DAYS: 1,
                 Unit.WEEKS: 7, Unit.MONTHS: 30, Unit.YEARS: 365}
# Items a clause may state several times; any other item stated twice is reported.
REPEATABLE = {"reading", "condition", "exception", "effect", "period", "formula", "index", "unless",
              "amount_max", "amount_min",   # langA
              "extension"}   # extension: langB (the term as texts write it)
# langA: items whose field in the model has another name
RENAMED = {"applies_if": "condition", "unlesss": "unless"}
PUNCTUATION = {"DOT", "COLON", "COMMA", "PERCENT", "EQUALS", "LPAR", "RPAR"}


class Item(tuple):
    """(name, value, span) produced by a clause item, assembled by the clause."""

    def __new__(cls, name: str, value: Any, span: Span | None) -> "Item":
        return super().__new__(cls, (name, value, span))


def _values(children: list) -> list:
    """Children without keywords and punctuation."""
    return [c for c in children if not (isinstance(c, Token) and (c.type.startswith("KW_") or c.type in PUNCTUATION))]


class _MetaTransformer(Transformer):
    """A Transformer whose rule methods receive ``(meta, children)``, as with ``v_args(meta=True)``.

    Lark's ``v_args`` wraps every public method of the class and builds a new wrapper
    (``functools.update_wrapper``) on each attribute access, helpers included: about a
    third of lowering. Calling the methods directly gives the same signatures for free.
    """

    def _call_userfunc(self, tree: Tree, new_children: list | None = None) -> Any:
        children = new_children if new_children is not None else tree.children
        method = getattr(self, tree.data, None)
        if method is None:
            return self.__default__(tree.data, children, tree.meta)
        try:
            return method(tree.meta, children)
        except GrammarError:
            raise
        except Exception as err:
            raise VisitError(tree.data, tree, err) from err


class _Lower(ActsLowering, GovernanceLowering, AnchorLowering, ConditionLowering, RecurrenceLowering, TimeLowering,
             AmountLowering, _MetaTransformer):
    def __init__(self, path: str, params: dict[str, m.Value] | None = None,
                 declared: dict[str, m.Parameter] | None = None) -> None:
        super().__init__(visit_tokens=False)
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.params = params or {}          # langA: an instance's parameter values
        self.declared = declared or {}      # langA: the parameters the file declares
        self.sampled: set[int] = set()      # notice: durations a sample stands in for (no value, no default)

    # ------------------------------------------------------------ helpers
    def tspan(self, token: Token) -> Span:
        end_line = token.end_line or token.line
        end_col = token.end_column or (token.column + len(token))
        return Span(self.path, token.line, token.column, end_line, end_col)

    def mspan(self, meta: Any) -> Span | None:
        if getattr(meta, "empty", True):
            return None
        return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)

    def report(self, code: str, message: str, span: Span | None, hint: str | None = None) -> None:
        self.diagnostics.append(Diagnostic.of(code, message, span, hint))

    def string(self, token: Token) -> str:
        text = str(token)
        if text.startswith("«"):
            return text[1:-1].strip()
        return re.sub(r"\\(.)", r"\1", text[1:-1])

    def date(self, token: Token) -> dt.date:
        if isinstance(token, Token) and token.type == "PARAM":   # notice: `du {début} au {fin}`, `au plus tard {d}`
            return self._date_param(token)
        text = str(token)
        if "/" in text:
            day, month, year = (int(x) for x in text.split("/"))
        else:
            year, month, day = (int(x) for x in text.split("-"))
        try:
            value = dt.date(year, month, day)
        except ValueError:
            self.report("V002", tr("`{text}` is not a date: {why}", text=text, why=_why_not_a_date(year, month, day)),
                        self.tspan(token))
            return dt.date(max(year, 1), 1, 1)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            # Time limits are counted from these dates, forwards and backwards, by up to
            # MAX_YEARS: a date far outside the years of any convention is a typo, and
            # counting from it would run off the calendar (which ends in 9999).
            self.report("V002", tr("`{text}` is not a date a convention can have: write a year from {first} to "
                                   "{last}", text=text, first=FIRST_YEAR, last=LAST_YEAR), self.tspan(token))
        return value

    def month(self, token: Token) -> str:
        year, month = str(token).split("-")
        if not 1 <= int(month) <= 12:
            self.report("V002", tr("`{token}` is not a month: months run from 01 to 12", token=str(token)),
                        self.tspan(token))
        return str(token)

    def decimal(self, token: Token) -> Decimal:
        text = re.sub(r"(er|re|e|st|nd|rd|th)$", "", str(token)).replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the terminal only admits digits
            self.report("V010", tr("`{token}` is not a number", token=str(token)), self.tspan(token))
            return Decimal(0)

    def integer(self, token: Token) -> int:
        value = self.decimal(token)
        if value != value.to_integral_value():
            self.report("V010", tr("`{token}` is not a whole number", token=str(token)), self.tspan(token),
                        tr("write a smaller unit instead, e.g. `45 jours` rather than `1,5 mois`"))
        return int(value)

    def ids(self, tree: Tree) -> tuple[str, ...]:
        return tuple(str(t) for t in tree.children if isinstance(t, Token) and t.type == "ID")

    # ------------------------------------------------------------ header
    def start(self, meta: Any, children: list) -> list:
        return children

    def language_decl(self, meta: Any, children: list) -> Item:
        token = _values(children)[0]
        language = LANGUAGES.get(str(token).lower())
        if language is None:
            self.report("L002", tr("unknown language `{token}`", token=str(token)), self.tspan(token),
                        tr("write `langue fr.` or `language en.`"))
        return Item("language", language, self.tspan(token))

    def convention_decl(self, meta: Any, children: list) -> Item:
        values = _values(children)
        return Item("convention", (self.string(values[0]), values[1:]), self.mspan(meta))

    def conv_text(self, meta: Any, children: list) -> Item:
        return Item("text", self.string(_values(children)[0]), self.mspan(meta))

    def conv_signed(self, meta: Any, children: list) -> Item:
        values = _values(children)
        place = self.string(values[0])
        date, undated = None, True
        if len(values) > 1:
            date, undated = values[1]
        return Item("signature", m.Signature(place=place, date=date, undated=undated, span=self.mspan(meta)),
                    self.mspan(meta))

    def signed_on(self, meta: Any, children: list) -> tuple:
        return self.date(_values(children)[0]), False

    def undated(self, meta: Any, children: list) -> tuple:
        return None, True

    def conv_holidays(self, meta: Any, children: list) -> Item:
        token = _values(children)[0]
        region = REGIONS.get(str(token).lower())
        if region is None:
            self.report("V014", tr("unknown holiday calendar `{token}`", token=str(token)), self.tspan(token),
                        tr("use `métropole` or `alsace-moselle`"))
            region = Region.METROPOLE
        return Item("holidays", region, self.mspan(meta))

    def conv_time_zone(self, meta: Any, children: list) -> Item:
        """notice: `fuseau "Europe/Paris"`: the zone in which the log's times without an offset are read."""
        from clauses.clock import zone_problem

        token = _values(children)[0]
        name = self.string(token)
        problem = zone_problem(name)
        if problem:
            self.report("V030", problem, self.tspan(token),
                        tr('write an IANA zone such as "Europe/Paris", "America/Cayenne" or "Indian/Reunion"'))
        return Item("time_zone", name, self.mspan(meta))

    def party_decl(self, meta: Any, children: list) -> m.Party:
        values = _values(children)
        ident, name, options = values[0], values[1], values[2:]
        fields: dict[str, Any] = {}
        for option in options:
            if option[0] == "statuses":   # langA: a party may have several statuses
                fields["statuses"] = fields.get("statuses", ()) + option[1]
                continue
            fields[option[0]] = option[1]
        return m.Party(id=str(ident), name=self.string(name), span=self.tspan(ident), **fields)

    def party_role(self, meta: Any, children: list) -> Item:
        return Item("role", self.string(_values(children)[0]), None)

    def party_status(self, meta: Any, children: list) -> Item:
        return Item("statuses", (self.string(_values(children)[0]),), None)

    def party_coordinator(self, meta: Any, children: list) -> Item:
        return Item("coordinator", True, None)

    def party_non_signatory(self, meta: Any, children: list) -> Item:
        return Item("signatory", False, None)

    def event_decl(self, meta: Any, children: list) -> m.EventDecl:
        values = _values(children)
        ident = values[0]
        label = next((self.string(v) for v in values[1:] if isinstance(v, Token) and v.type == "STRING"), None)
        minimum = next((v[1] for v in values[1:] if isinstance(v, Item)), None)
        return m.EventDecl(id=str(ident), label=label, min_representatives_per_party=minimum, span=self.tspan(ident))

    def event_representatives(self, meta: Any, children: list) -> Item:
        return Item("min_representatives", self.integer(_values(children)[0]), self.mspan(meta))

    def body_decl(self, meta: Any, children: list) -> m.Body:
        values = _values(children)
        ident = values[0]
        fields: dict[str, Any] = {"citations": ()}
        mandates: dict[str, Any] = {}
        mandates_span = None
        for v in values[1:]:
            if isinstance(v, Token) and v.type == "STRING":
                fields["label"] = self.string(v)
            elif isinstance(v, Item) and v[0] == "members":   # langA: `de 12 à 15 membres`
                fields["members_min"], fields["members_max"] = v[1]
            elif isinstance(v, Item) and v[0] in ("mandate", "renewal", "first_draw"):   # members' mandates
                if set(v[1]) & set(mandates):
                    self.report("V012", tr("body `{id}` states its mandates' {item} twice", id=str(ident),
                                           item=v[0]), v[2])
                mandates.update(v[1])
                mandates_span = mandates_span or v[2]
            elif isinstance(v, Item):
                fields[v[0]] = v[1]
            elif isinstance(v, tuple):
                fields["citations"] = v
        if mandates:
            fields["mandates"] = m.Mandates(**mandates, span=mandates_span)
        return m.Body(id=str(ident), span=self.tspan(ident), **fields)

    def body_chair(self, meta: Any, children: list) -> Item:
        return Item("chair", str(_values(children)[0]), self.mspan(meta))

    def body_deliberative(self, meta: Any, children: list) -> Item:
        return Item("deliberative", self.ids(_values(children)[0]), self.mspan(meta))

    def body_consultative(self, meta: Any, children: list) -> Item:
        return Item("consultative", _values(children)[0], self.mspan(meta))

    def body_quorum(self, meta: Any, children: list) -> Item:
        return Item("quorum", self.integer(_values(children)[0]), self.mspan(meta))

    def citation(self, meta: Any, children: list) -> tuple[m.Citation, ...]:
        return tuple(_values(children))

    # headings: `titre 2 article 3`, `annexe 1`, `préambule` (issue 10 item 13)
    def division_ref(self, meta: Any, children: list) -> m.Citation:
        values = _values(children)
        within = tuple(v for v in values if isinstance(v, str) and not isinstance(v, Token))
        cited = next((v for v in values if isinstance(v, m.Citation)), None)
        if cited is None:
            return m.Citation(article="", within=within, span=self.mspan(meta))
        return m.Citation(article=cited.article, title=cited.title, within=within, span=self.mspan(meta))

    def division_titled(self, meta: Any, children: list) -> m.Citation:
        values = _values(children)
        within = tuple(v for v in values if isinstance(v, str) and not isinstance(v, Token))
        title = next(self.string(v) for v in values if isinstance(v, Token) and v.type == "STRING")
        return m.Citation(article="", title=title, within=within, span=self.mspan(meta))

    def article_again(self, meta: Any, children: list) -> m.Citation:
        return next(v for v in _values(children) if isinstance(v, m.Citation))

    def _division(self, kind: str, children: list) -> str:
        from clauses.language.articles import division_key

        number = next((str(v) for v in _values(children) if isinstance(v, Token)), "")
        return division_key(kind, number)

    def div_title(self, meta: Any, children: list) -> str:
        return self._division("title", children)

    def div_chapter(self, meta: Any, children: list) -> str:
        return self._division("chapter", children)

    def div_section(self, meta: Any, children: list) -> str:
        return self._division("section", children)

    def div_annex(self, meta: Any, children: list) -> str:
        return self._division("annex", children)

    def div_preamble(self, meta: Any, children: list) -> str:
        return self._division("preamble", children)

    def article_ref(self, meta: Any, children: list) -> m.Citation:
        values = _values(children)
        title = self.string(values[1]) if len(values) > 1 else None
        return m.Citation(article=str(values[0]), title=title, span=self.mspan(meta))

    # ------------------------------------------------------------ shared pieces
    def party_list(self, meta: Any, children: list) -> Tree:
        return Tree("party_list", [c for c in children if isinstance(c, Token) and c.type == "ID"], meta)

    def id_list(self, meta: Any, children: list) -> tuple[str, ...]:
        return tuple(str(c) for c in children if isinstance(c, Token) and c.type == "ID")

    def string_list(self, meta: Any, children: list) -> tuple[str, ...]:
        return tuple(self.string(c) for c in children if isinstance(c, Token) and c.type == "STRING")

    def duration(self, meta: Any, children: list) -> m.Duration:
        values = _values(children)
        units = [c for c in children if isinstance(c, Token) and c.type in UNITS]
        numbers = [v for v in values if isinstance(v, Token) and v.type == "NUMBER"]
        span = self.mspan(meta)
        plus = None
        if len(numbers) > 1:
            plus = m.Duration(amount=self.integer(numbers[1]), unit=UNITS[units[1].type], span=span)
        amount = self.integer(numbers[0])
        if amount <= 0:
            self.report("V001", tr("a duration of {number} {unit} is not a time limit: it must be positive",
                                   number=str(numbers[0]), unit=str(units[0])), span)
        for number, unit, value in zip(numbers, units, (amount, plus.amount if plus else 0)):
            if value * DAYS_PER_UNIT[UNITS[unit.type]] > MAX_YEARS * 366:
                self.report("V001", tr("a duration of {number} {unit} is longer than {years} years: no time limit "
                                       "of a convention runs that long", number=shorten(str(number), 20),
                                       unit=str(unit), years=MAX_YEARS), span)
                break
        return m.Duration(amount=amount, unit=UNITS[units[0].type], plus=plus, span=span)

    def reading(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        return Item("reading", m.Reading(text=self.string(values[0]), reason=self.string(values[1]), span=span), span)

    def towards(self, meta: Any, children: list) -> Item:
        return Item("recipients", _values(children)[0], self.mspan(meta))

    def to_parties(self, meta: Any, children: list) -> m.Recipients:
        return m.Recipients(type="parties", names=self.ids(children[0]), span=self.mspan(meta))

    def to_others(self, meta: Any, children: list) -> m.Recipients:
        return m.Recipients(type="others", span=self.mspan(meta))

    def to_all(self, meta: Any, children: list) -> m.Recipients:
        return m.Recipients(type="all", span=self.mspan(meta))

    def to_outsiders(self, meta: Any, children: list) -> m.Recipients:
        return m.Recipients(type="outsiders", names=children[0], span=self.mspan(meta))

    def bearer_each(self, meta: Any, children: list) -> m.Bearer:
        return m.Bearer(type="each", span=self.mspan(meta))

    def bearer_joint(self, meta: Any, children: list) -> m.Bearer:
        return m.Bearer(type="joint", span=self.mspan(meta))

    def bearer_others(self, meta: Any, children: list) -> m.Bearer:
        return m.Bearer(type="others", span=self.mspan(meta))

    def bearer_list(self, meta: Any, children: list) -> m.Bearer:
        return m.Bearer(type="list", parties=self.ids(children[0]), span=self.mspan(meta))

    def subject(self, meta: Any, children: list) -> Item:
        return Item("subject", self.string(_values(children)[0]), self.mspan(meta))

    def _channel(self, meta: Any, children: list, name: str) -> Item:
        return Item("channel", CHANNELS[name], self.mspan(meta))

    def via_lrar(self, meta, children): return self._channel(meta, children, "via_lrar")  # noqa: E704
    def via_registered(self, meta, children): return self._channel(meta, children, "via_registered")  # noqa: E704
    def via_email(self, meta, children): return self._channel(meta, children, "via_email")  # noqa: E704
    def via_letter(self, meta, children): return self._channel(meta, children, "via_letter")  # noqa: E704
    def via_written(self, meta, children): return self._channel(meta, children, "via_written")  # noqa: E704
    def via_hand(self, meta, children): return self._channel(meta, children, "via_hand")  # noqa: E704

    def no_extension(self, meta, children): return Item("extend", False, self.mspan(meta))  # noqa: E704
    def with_extension(self, meta, children): return Item("extend", True, self.mspan(meta))  # noqa: E704
    def survives(self, meta, children): return Item("survives", True, self.mspan(meta))  # noqa: E704
    def calendar_periods(self, meta, children): return Item("anchoring", m.Anchoring.CALENDAR, self.mspan(meta))  # noqa: E704
    def term_periods(self, meta, children): return Item("anchoring", m.Anchoring.TERM, self.mspan(meta))  # noqa: E704
    def partial_in_full(self, meta, children): return Item("partial_periods", "in_full", self.mspan(meta))  # noqa: E704
    def partial_pro_rata(self, meta, children): return Item("partial_periods", "pro_rata", self.mspan(meta))  # noqa: E704
    def missing_day(self, meta, children): return Item("month_rule", _values(children)[0], self.mspan(meta))  # noqa: E704
    def rule_last_day(self, meta, children): return MonthRule.LAST_DAY  # noqa: E704
    def rule_first_of_next(self, meta, children): return MonthRule.FIRST_OF_NEXT  # noqa: E704
    def rule_report(self, meta, children): return MonthRule.STRICT  # noqa: E704

    # ------------------------------------------------------------ deadlines
    def before(self, meta: Any, children: list) -> Item:
        values = _values(children)
        duration, target = values[0], values[1]
        span = self.mspan(meta)
        if target[0] == "term":
            value: Any = m.BeforeTerm(duration=duration, span=span)
        elif target[0] == "renewal":
            value = m.BeforeRenewal(duration=duration, span=span)
        else:
            value = m.BeforeEvent(duration=duration, event=target[1], span=span)
        return Item("deadline", value, span)

    def target_term(self, meta, children): return ("term", None)  # noqa: E704
    def target_renewal(self, meta, children): return ("renewal", None)  # noqa: E704

    def target_event(self, meta: Any, children: list) -> tuple:
        return ("event", str(_values(children)[0]))

    def receipt(self, meta: Any, children: list) -> str:
        return "receipt"

    def after_event(self, meta: Any, children: list) -> Item:
        values = _values(children)
        duration = values[0]
        receipt = "receipt" in values
        event = [v for v in values if isinstance(v, Token) and v.type == "ID"][-1]
        span = self.mspan(meta)
        return Item("deadline", m.AfterEvent(duration=duration, event=str(event), from_receipt=receipt, span=span), span)

    def before_period_end(self, meta: Any, children: list) -> Item:
        span = self.mspan(meta)
        period = next((c for c in children if isinstance(c, Token) and c.type in PERIOD_MONTHS), None)
        if period is None:  # the grammar's period units include weeks, which have no "end of each"
            unit = next((c for c in children if isinstance(c, Token) and c.type == "KW_WEEKS"), None)
            self.report("V012", tr("`{unit}` cannot end a period here: a deadline before the end of each period "
                                   "counts in months, quarters, semesters, years or financial years", unit=str(unit)),
                        self.tspan(unit) if unit is not None else span,
                        tr("for a weekly duty write `au moins 1 fois par semaine`"))
            period_months = 1
        else:
            period_months = PERIOD_MONTHS[period.type]
        return Item("deadline", m.BeforePeriodEnd(duration=_values(children)[0],
                                                  period_months=period_months, span=span), span)

    def day_of_month(self, meta: Any, children: list) -> Item:
        token = _values(children)[0]
        day = self.integer(token)
        if not 1 <= day <= 31:
            self.report("V002", tr("there is no day {day} in a month", day=day), self.tspan(token))
        span = self.mspan(meta)
        return Item("deadline", m.DayOfMonth(day=day, span=span), span)

    def fixed_date(self, meta: Any, children: list) -> Item:
        span = self.mspan(meta)
        return Item("deadline", m.FixedDate(date=self.date(_values(children)[0]), span=span), span)

    def on_date(self, meta: Any, children: list) -> Item:      # notice: `à la date du …` (that very day)
        span = self.mspan(meta)
        return Item("deadline", m.FixedDate(date=self.date(_values(children)[0]), exact=True, span=span), span)

    def _recurrence(self, meta: Any, times_token: Token, every: int, period: Token) -> Item:
        times = self.integer(times_token)
        span = self.mspan(meta)
        if times < 1:
            self.report("V006", tr("`{times} fois` is not a recurring duty: it must be at least once",
                                   times=str(times_token)), self.tspan(times_token))
        elif times > MAX_YEARS * 366:  # more than one a day for a century: a typo, and too big to count with
            self.report("V006", tr("`{times} fois` is more occurrences than a period of {years} years has days",
                                   times=shorten(str(times_token), 20), years=MAX_YEARS), self.tspan(times_token))
        if every < 1:
            self.report("V006", tr("a recurring period must be at least 1"), span)
        elif every * (7 if period.type == "KW_WEEKS" else 30 * PERIOD_MONTHS[period.type]) > MAX_YEARS * 366:
            self.report("V006", tr("a recurring period of {every} {period} is longer than {years} years", every=every,
                                   period=str(period), years=MAX_YEARS), span)
        if period.type == "KW_WEEKS":
            value = m.Recurrence(times=times, period_weeks=every, span=span)
        else:
            value = m.Recurrence(times=times, period_months=PERIOD_MONTHS[period.type] * every, span=span)
        return Item("deadline", value, span)

    def times_per(self, meta: Any, children: list) -> Item:
        numbers = [c for c in children if isinstance(c, Token) and c.type == "NUMBER"]
        period = next(c for c in children if isinstance(c, Token) and (c.type in PERIOD_MONTHS or c.type == "KW_WEEKS"))
        return self._recurrence(meta, numbers[0], 1, period)

    def times_every(self, meta: Any, children: list) -> Item:
        numbers = [c for c in children if isinstance(c, Token) and c.type == "NUMBER"]
        period = next(c for c in children if isinstance(c, Token) and (c.type in PERIOD_MONTHS or c.type == "KW_WEEKS"))
        return self._recurrence(meta, numbers[0], self.integer(numbers[1]), period)

    # ------------------------------------------------------------ clauses
    def _assemble(self, meta: Any, children: list, kind: str) -> dict[str, Any]:
        """Common clause head (id, citations) plus items; an item stated twice is reported."""
        values = _values(children)
        fields: dict[str, Any] = defaultdict(list)
        seen: dict[str, Span | None] = {}
        head_done = False
        for v in values:
            if isinstance(v, Token) and v.type == "ID" and "id" not in fields and not head_done:
                fields["id"] = str(v)
                fields["_id_span"] = self.tspan(v)
            elif isinstance(v, tuple) and not isinstance(v, Item) and v and isinstance(v[0], m.Citation):
                fields["citations"] = v
            elif isinstance(v, Item):
                name, value, span = v
                if name in REPEATABLE:
                    fields[name + "s"].append(value)
                    continue
                if name in seen:
                    self.report("V012", tr("this {kind} states its {item} twice", kind=KIND_WORDS.get(kind, kind),
                                           item=ITEM_WORDS.get(name, name.replace("_", " "))), span,
                                tr("the first is at line {line}", line=seen[name].line) if seen[name] else None)
                    continue
                seen[name] = span
                fields[name] = value
            else:
                fields.setdefault("_rest", []).append(v)
                head_done = True
        return fields

    def _build(self, cls: type, meta: Any, fields: dict[str, Any], **extra: Any) -> Any:
        data = {RENAMED.get(k, k): (tuple(v) if isinstance(v, list) else v) for k, v in fields.items()
                if not k.startswith("_")}
        if "read_as" in data:   # langA: `lecture 8 jours car "…"` is a limit and a reading
            data["read_as"], reading = data["read_as"]
            data["readings"] = tuple(data.get("readings", ())) + (reading,)
        data.update(extra)
        if "_action_span" in fields:
            data["action_span"] = fields["_action_span"]
        span = fields.get("_id_span") or self.mspan(meta)
        try:
            return cls(span=span, **data)
        except ValidationError as err:  # a construct the model does not accept in this clause kind
            first = err.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            self.report("V012", tr("this clause cannot state `{where}` here ({why})", where=where, why=first["msg"]),
                        self.mspan(meta))
            return None

    def term_clause(self, meta: Any, children: list) -> m.Term | None:
        fields = self._assemble(meta, children, "term")
        fields.pop("_rest", None)
        fields.setdefault("id", "term")
        if "duration_start" in fields:
            fields["duration"], fields["start"] = fields.pop("duration_start")
        sampled_end = fields.pop("sampled_end", None)
        if sampled_end is not None and "duration" not in fields:
            fields["end_date"] = sampled_end   # notice: a sample end only where nothing else gives the end
        self._term_text(fields)
        modes, period = fields.pop("renewal_modes", ()), fields.pop("renewal_period", None)
        decided_by = fields.pop("decided_by", None)
        if modes or period or decided_by:
            fields["renewal"] = m.Renewal(modes=modes, period=period, decided_by=decided_by, span=self.mspan(meta))
        return self._build(m.Term, meta, fields)

    def term_duration(self, meta: Any, children: list) -> list[Item]:
        values = _values(children)
        duration = values[0]
        if id(duration) in self.sampled:
            # notice: a template linted without an instance: the term's length is a sample year
            duration = m.Duration(amount=1, unit=m.Unit.YEARS, span=duration.span)
        return Item("duration_start", (duration, values[1]), self.mspan(meta))

    def term_end(self, meta, children): return Item("end_date", self.date(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def term_automatic_end(self, meta, children): return Item("automatic_end", True, self.mspan(meta))  # noqa: E704
    def term_no_renewal(self, meta, children): return Item("no_renewal", True, self.mspan(meta))  # noqa: E704
    def term_maximum(self, meta, children): return Item("maximum", _values(children)[0], self.mspan(meta))  # noqa: E704
    def term_in_force(self, meta, children): return Item("in_force", _values(children)[0], self.mspan(meta))  # noqa: E704
    def term_decided_by(self, meta, children): return Item("decided_by", str(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def term_renewal_period(self, meta, children): return Item("renewal_period", _values(children)[0], self.mspan(meta))  # noqa: E704

    def term_renewal(self, meta: Any, children: list) -> Item:
        return Item("renewal_modes", tuple(_values(children)), self.mspan(meta))

    # ------------------------------------------------------------ the term as texts write it (item 7)
    def _term_text(self, fields: dict[str, Any]) -> None:
        """`du … au …` gives the start and the inclusive last day; it says what a duration and an
        end date would say, so stating both is stating the start (or the end) twice."""
        span_item = fields.pop("dates", None)
        if span_item is None:
            return
        (start, last, span) = span_item
        if "start" in fields:
            self.report("V012", tr("this term states its start twice (a duration `à compter du` and `du … au …`)"),
                        span, tr("keep `du … au …`, or the duration and its start"))
        elif "end_date" in fields:
            self.report("V012", tr("this term states its end twice (`jusqu'au` and `du … au …`)"), span,
                        tr("keep `du … au …`: its last day is in force"))
        else:
            fields["start"] = m.DateAnchor(date=start, span=span)
            fields["last_day"] = last
        if last < start:
            self.report("V002", tr("the term's last day {last} is before its first day {first}", last=last,
                                   first=start), span)

    def term_span(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        start, last = self.date(values[0]), self.date(values[1])
        if self.unset_param(values[1]):
            # notice: a template linted without an instance, its last day without a value or a default:
            # a sample one year after the first day, so that the rest of the template lints
            last = dt.date(start.year + 1, start.month, min(start.day, 28)) - dt.timedelta(days=1)
        return Item("dates", (start, last, span), span)

    def param_day(self, meta: Any, children: list) -> Token:
        return children[0]

    def term_unlimited(self, meta, children): return Item("unlimited", True, self.mspan(meta))  # noqa: E704

    def term_extension(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        step = next((v for v in values[1:] if isinstance(v, m.Duration)), None)
        return Item("extension", m.Extension(event=str(values[0]), step=step, span=span), span)

    def extension_step(self, meta: Any, children: list) -> m.Duration:
        return _values(children)[0]

    def mode_tacit(self, meta, children): return m.RenewalMode.TACIT  # noqa: E704
    def mode_express(self, meta, children): return m.RenewalMode.EXPRESS  # noqa: E704
    def mode_unspecified(self, meta, children): return m.RenewalMode.UNSPECIFIED  # noqa: E704

    def anchor_date(self, meta, children): return m.DateAnchor(date=self.date(children[0]), span=self.mspan(meta))  # noqa: E704
    def anchor_signature(self, meta, children): return m.SignatureAnchor(span=self.mspan(meta))  # noqa: E704
    def anchor_event(self, meta, children): return m.EventAnchor(event=str(children[0]), span=self.mspan(meta))  # noqa: E704

    def duty_clause(self, meta: Any, children: list) -> m.Duty | None:
        fields = self._assemble(meta, children, "duty")
        bearer, action = self._bearer_action(fields)
        self.recurrence_fields(fields, "duty")   # recurrence: series, `sous réserve du respect de`
        return self.checked_duty(self._build(m.Duty, meta, fields, bearer=bearer, action=action))   # lower_acts

    def _bearer_action(self, fields: dict[str, Any]) -> tuple[m.Bearer, str]:
        rest = fields.pop("_rest")
        bearer = rest[0]
        action = rest[1]
        fields["_action_span"] = self.tspan(action)
        return bearer, str(action)

    def power_clause(self, meta: Any, children: list) -> m.Power | None:
        fields = self._assemble(meta, children, "power")
        bearer, action = self._bearer_action(fields)
        effects = fields.pop("effects", [])
        extra: dict[str, Any] = {}
        for effect in effects:
            if effect in ("immediately", "at_renewal"):
                extra["effective"] = effect
            else:
                extra[effect] = True
        fields.pop("recipients_span", None)
        self.recurrence_fields(fields, "power")   # recurrence: `sous réserve du respect de`
        notice = fields.get("notice")
        if notice is not None and "immediately" in effects:
            self.report("V012", tr("this power takes effect once its notice has run: it cannot also be "
                                   "`effet immédiat`"), notice.span, tr("keep the notice, or `effet immédiat` without it"))
        return self._build(m.Power, meta, fields, bearer=bearer, action=action, **extra)

    # ------------------------------------------------------------ notice periods (notice, issue 10 item 7)
    def notice_period(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        exceptions = tuple(v for v in values if isinstance(v, m.NoticeException))
        origin = next((v for v in values if isinstance(v, tuple) and v and v[0] == "event"), None)
        notice = m.Notice(duration=values[0], from_receipt="receipt" in values, exceptions=exceptions,
                          from_event=origin[1] if origin else None, span=span)
        return Item("notice", notice, span)

    def notice_from_event(self, meta: Any, children: list) -> tuple[str, str]:
        return ("event", str(_values(children)[0]))

    def notice_waived(self, meta: Any, children: list) -> m.NoticeException:
        cond = [c for c in children if isinstance(c, m.Node)][-1]
        return m.NoticeException(condition=cond, span=self.mspan(meta))

    def notice_reduced(self, meta: Any, children: list) -> m.NoticeException:
        nodes = [c for c in children if isinstance(c, m.Node)]
        duration = next(n for n in nodes if isinstance(n, m.Duration))
        return m.NoticeException(condition=nodes[-1], duration=duration, span=self.mspan(meta))

    def power_channel(self, meta: Any, children: list) -> Item:
        return children[0]

    def effective_at_renewal(self, meta, children): return Item("effect", "at_renewal", self.mspan(meta))  # noqa: E704
    def effective_now(self, meta, children): return Item("effect", "immediately", self.mspan(meta))  # noqa: E704
    def ends_convention(self, meta, children): return Item("effect", "ends_convention", self.mspan(meta))  # noqa: E704
    def party_leaves(self, meta, children): return Item("effect", "party_leaves", self.mspan(meta))  # noqa: E704

    # cond_if (`si …`): see lower_conditions.ConditionLowering

    def cond_after(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        fields: dict[str, Any] = {"event": str(values[0])}
        for v in values[1:]:
            if isinstance(v, m.PartyRef):
                fields["by"] = v
            elif isinstance(v, Item) and v[0] == "channel":
                fields["channel"] = v[1]
            elif isinstance(v, tuple) and v and isinstance(v[0], m.Duration):
                fields["unanswered_for"], fields["from_receipt"] = v
        return Item("condition", m.AfterCondition(span=span, **fields), span)

    def unanswered(self, meta: Any, children: list) -> tuple[m.Duration, bool]:
        values = _values(children)
        return values[0], len(values) > 1

    def receipt_anchor(self, meta: Any, children: list) -> str:
        return "receipt"

    def from_list(self, meta, children): return m.PartyRef(type="list", parties=self.ids(_values(children)[0]), span=self.mspan(meta))  # noqa: E704
    def from_other(self, meta, children): return m.PartyRef(type="other", span=self.mspan(meta))  # noqa: E704
    def from_all(self, meta, children): return m.PartyRef(type="all", span=self.mspan(meta))  # noqa: E704
    def from_same(self, meta, children): return m.PartyRef(type="same", span=self.mspan(meta))  # noqa: E704

    def cond_notice(self, meta: Any, children: list) -> Item:
        values = _values(children)
        target = values[1]
        span = self.mspan(meta)
        return Item("condition", m.NoticeCondition(duration=values[0], target=target[0], event=target[1], span=span),
                    span)

    def cond_not_first_year(self, meta: Any, children: list) -> Item:
        span = self.mspan(meta)
        return Item("condition", m.NotInFirstYear(span=span), span)

    def cond_not_before(self, meta: Any, children: list) -> Item:
        span = self.mspan(meta)
        return Item("condition", m.NotBefore(date=self.date(_values(children)[0]), span=span), span)

    def prohibition_clause(self, meta: Any, children: list) -> m.Prohibition | None:
        fields = self._assemble(meta, children, "prohibition")
        bearer, action = self._bearer_action(fields)
        return self._build(m.Prohibition, meta, fields, bearer=bearer, action=action)

    def exception(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        by = next((v for v in values if isinstance(v, m.PartyRef)), None)
        return Item("exception", m.Exception_(event=str(values[0]), by=by, span=span), span)

    def vote_clause(self, meta: Any, children: list) -> m.Vote | None:
        fields = self._assemble(meta, children, "vote")
        fields.pop("_rest", None)
        return self._build(m.Vote, meta, fields)

    def vote_ballots(self, meta, children): return Item("ballots", str(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def vote_decision(self, meta, children): return Item("decision", str(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def vote_voters(self, meta, children): return Item("voters", self.ids(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def vote_body(self, meta, children): return Item("body", str(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def vote_casting(self, meta, children): return Item("casting_vote", str(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def vote_quorum(self, meta, children): return Item("quorum", self.integer(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def rule_majority_members(self, meta, children): return Item("rule", m.MajorityRule.MAJORITY_OF_MEMBERS, self.mspan(meta))  # noqa: E704
    def rule_majority_cast(self, meta, children): return Item("rule", m.MajorityRule.MAJORITY_OF_VOTES_CAST, self.mspan(meta))  # noqa: E704
    def rule_unanimity(self, meta, children): return Item("rule", m.MajorityRule.UNANIMITY, self.mspan(meta))  # noqa: E704
    def rule_each_agrees(self, meta, children): return Item("rule", m.MajorityRule.EACH_AGREES, self.mspan(meta))  # noqa: E704

    def key_clause(self, meta: Any, children: list) -> m.FinancialKey | None:
        fields = self._assemble(meta, children, "key")
        fields.pop("_rest", None)
        return self._build(m.FinancialKey, meta, fields)

    def key_period(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        shares = tuple(v for v in values[2:] if isinstance(v, m.Share))
        period = m.KeyPeriod(start=self.date(values[0]), end=self.date(values[1]), shares=shares, span=span)
        return Item("period", period, span)

    def share(self, meta: Any, children: list) -> m.Share:
        values = _values(children)
        percent = self.decimal(values[1])
        if not Decimal(0) <= percent <= Decimal(100):
            self.report("V004", tr("a share of {percent} % is outside 0-100 %", percent=str(values[1])), self.mspan(meta))
        return m.Share(party=str(values[0]), percent=percent, span=self.mspan(meta))

    def indexation_clause(self, meta: Any, children: list) -> m.Indexation | None:
        fields = self._assemble(meta, children, "indexation")
        fields.pop("_rest", None)
        fields["indices"] = fields.pop("indexs", [])
        return self._build(m.Indexation, meta, fields)

    def formula(self, meta: Any, children: list) -> Item:
        values = _values(children)
        span = self.mspan(meta)
        return Item("formula", m.Formula(target=str(values[0]), expression=values[1], span=span), span)

    def _binary(self, meta: Any, children: list, op: str) -> m.Expr:
        return m.Expr(op=op, args=(children[0], children[2]), span=self.mspan(meta))

    def add(self, meta, children): return self._binary(meta, children, "add")  # noqa: E704
    def sub(self, meta, children): return self._binary(meta, children, "sub")  # noqa: E704
    def mul(self, meta, children): return self._binary(meta, children, "mul")  # noqa: E704
    def div(self, meta, children): return self._binary(meta, children, "div")  # noqa: E704
    def num(self, meta, children): return m.Expr(op="num", value=self.decimal(children[0]), span=self.mspan(meta))  # noqa: E704
    def var(self, meta, children): return m.Expr(op="var", name=str(children[0]), span=self.mspan(meta))  # noqa: E704

    def atom(self, meta: Any, children: list) -> m.Expr:
        return _values(children)[0]

    def index_ref(self, meta: Any, children: list) -> Item:
        values = _values(children)
        label = self.string(values[1]) if len(values) > 2 else None
        span = self.mspan(meta)
        return Item("index", m.IndexRef(name=str(values[0]), label=label, base_month=self.month(values[-1]),
                                        span=span), span)

    def month_zero(self, meta, children): return Item("month_zero", self.month(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def revised_annually(self, meta, children): return Item("revised_annually", True, self.mspan(meta))  # noqa: E704

    def consequence_clause(self, meta: Any, children: list) -> m.Consequence | None:
        fields = self._assemble(meta, children, "consequence")
        rest = fields.pop("_rest")
        trigger = rest[0]
        fields["_trigger_span"] = self.tspan(trigger)
        extra: dict[str, Any] = {"trigger": str(trigger)}
        for v in rest[1:]:
            if isinstance(v, m.PartyRef):
                extra["trigger_by"] = v
        for effect in fields.pop("effects", []):
            if effect == "all":
                extra["ends_convention"] = True
            else:
                extra["ends_clauses"] = extra.get("ends_clauses", ()) + effect
        return self._build(m.Consequence, meta, fields, **extra)

    def ends_clauses(self, meta, children): return Item("effect", _values(children)[0], self.mspan(meta))  # noqa: E704
    def ends_all(self, meta, children): return Item("effect", "all", self.mspan(meta))  # noqa: E704
    def unless_decided(self, meta, children): return Item("unless_decided_otherwise", True, self.mspan(meta))  # noqa: E704

    # ------------------------------------------------------------ anchors after a period (langB, item 5)
    def _annual(self, meta: Any, children: list, inclusive: bool) -> Item:
        values = _values(children)
        (day, month, token), years_after = values[0], values[1]
        years_after, in_force = years_after if isinstance(years_after, tuple) else (years_after, False)
        span = self.mspan(meta)
        if not 1 <= day <= _MONTH_DAYS[month - 1]:
            self.report("V002", tr("there is no day {day} in {month}", day=day, month=str(token)), span)
        value = m.AnnualDate(day=day, month=month, years_after=years_after, inclusive=inclusive, in_force=in_force,
                             span=span)
        return Item("deadline", value, span)

    def annual_before(self, meta, children): return self._annual(meta, children, False)  # noqa: E704
    def annual_at_latest(self, meta, children): return self._annual(meta, children, True)  # noqa: E704
    def year_next(self, meta, children): return 1  # noqa: E704
    def year_previous(self, meta, children): return 1  # noqa: E704
    def year_same(self, meta, children): return 0  # noqa: E704

    def day_month(self, meta: Any, children: list) -> tuple[int, int, Token]:
        number, name = children[0], children[1]
        return self.integer(number), _MONTHS[_fold_month(str(name))], name

    # ------------------------------------------------------------ suspension (langB, item 7)
    def suspension_clause(self, meta: Any, children: list) -> m.Suspension | None:
        fields = self._assemble(meta, children, "suspension")
        rest = fields.pop("_rest")
        return self._build(m.Suspension, meta, fields, start=str(rest[0]))

    def suspension_end(self, meta, children): return Item("end", str(_values(children)[0]), self.mspan(meta))  # noqa: E704
    def suspension_scope(self, meta, children): return Item("duties", _values(children)[0], self.mspan(meta))  # noqa: E704

    def reading_clause(self, meta: Any, children: list) -> m.Note | None:
        values = _values(children)
        fields = self._assemble(meta, [c for c in children if not (isinstance(c, Token) and c.type == "STRING")],
                                "reading")
        fields.pop("_rest", None)
        strings = [v for v in values if isinstance(v, Token) and v.type == "STRING"]
        span = self.mspan(meta)
        fields["readings"] = [m.Reading(text=self.string(strings[0]), reason=self.string(strings[1]), span=span)]
        return self._build(m.Note, meta, fields)


_MONTHS = {name: i % 12 + 1 for i, name in enumerate(
    ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
     "decembre", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _fold_month(name: str) -> str:
    import unicodedata

    name = re.sub(r"^d['’]", "", name.lower())   # `fin du mois d'août`
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))


_MONTH_NAMES = (tr("January"), tr("February"), tr("March"), tr("April"), tr("May"), tr("June"), tr("July"),
                tr("August"), tr("September"), tr("October"), tr("November"), tr("December"))


def _why_not_a_date(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return tr("months run from 01 to 12")
    import calendar

    last = calendar.monthrange(year, month)[1]
    return tr("{month} {year} has {days} days", month=_MONTH_NAMES[month - 1], year=str(year), days=last)


def lower(tree: Tree, path: str, arguments: dict[str, m.Value] | None = None
          ) -> tuple[m.Convention | None, list[Diagnostic]]:
    """Lower a parse tree into a Convention (None when the header is missing); ``arguments``:
    the values of a template's parameters given by one signed instance."""
    declared = declared_parameters(tree, _Lower(path))
    transformer = _Lower(path, arguments, declared)
    statements = [s for s in transformer.transform(tree) if s is not None]
    diagnostics = transformer.diagnostics
    language = _language(tree, statements, path, diagnostics)
    convention = _convention(statements, language or "fr", path, diagnostics)
    if convention is not None and arguments:
        convention = convention.model_copy(update={"arguments": tuple(
            m.Argument(name=k, value=v, span=v.span) for k, v in arguments.items())})
    return convention, diagnostics


def _renewal_words(term: m.Term) -> str | None:
    """How a `durée` statement says the convention continues: "not renewed", "renewed tacitly"..."""
    if term.no_renewal:
        return "not renewed (`sans renouvellement`)"
    modes = {mode for mode in (term.renewal.modes if term.renewal else ())} - {m.RenewalMode.UNSPECIFIED}
    if not modes:
        return None
    return "renewed " + " and ".join(sorted("tacitly" if mode is m.RenewalMode.TACIT else "expressly"
                                            for mode in modes))


def _renewal_clash(first: m.Term, second: m.Term) -> str:
    """The renewal contradiction between two `durée` statements (split over two articles), if any."""
    said = [_renewal_words(first), _renewal_words(second)]
    if None in said or said[0] == said[1]:
        return ""
    where = [", ".join(c.article for c in t.citations) or "?" for t in (first, second)]
    return tr("article {first} says the convention is {said_first}, article {second} that it is {said_second}",
              first=where[0], said_first=said[0], second=where[1], said_second=said[1])


def _convention(statements: list, language: str, path: str, diagnostics: list[Diagnostic]) -> m.Convention | None:
    """Gather statements into one Convention; the header must be stated exactly once."""
    headers = [s for s in statements if isinstance(s, Item) and s[0] == "convention"]
    terms = [s for s in statements if isinstance(s, m.Term)]
    for extra in headers[1:]:
        diagnostics.append(Diagnostic.of("V005", tr("a second `convention` header"), extra[2],
                                         tr("a file encodes one convention")))
    for extra in terms[1:]:
        clash = _renewal_clash(terms[0], extra)
        diagnostics.append(Diagnostic.of(
            "V008", tr("the term (`durée`) is stated twice, and the two statements contradict each other: {clash}",
                       clash=clash) if clash else tr("the term (`durée`) is stated twice"), extra.span,
            tr("the first is at line {line}", line=terms[0].span.line) if terms[0].span else None))
    if not headers:
        diagnostics.append(Diagnostic.of("V007", tr("this file has no `convention` header"),
                                         Span(path, 1, 1, 1, 2),
                                         tr("start with `convention \"Titre\" texte \"fichier.txt\" signée à "
                                            "\"Lieu\" le AAAA-MM-JJ.`")))
        return None
    title, items = headers[0][1]
    header: dict[str, Any] = {}
    for item in items:
        name, value, span = item
        if name in header:
            diagnostics.append(Diagnostic.of("V005", tr("the convention header states its {name} twice",
                                                        name=name), span))
            continue
        header[name] = value
    return m.Convention(
        language=language, title=title, span=headers[0][2], **header,
        parties=tuple(s for s in statements if isinstance(s, m.Party)),
        events=tuple(s for s in statements if isinstance(s, m.EventDecl)),
        bodies=tuple(s for s in statements if isinstance(s, m.Body)),
        term=terms[0] if terms else None,
        clauses=tuple(s for s in statements if isinstance(s, m.ClauseBase)),
        parameters=tuple(s for s in statements if isinstance(s, m.Parameter)),
        units=tuple(s for s in statements if isinstance(s, m.UnitDecl)),
        series=tuple(s for s in statements if isinstance(s, m.SeriesDecl)),
    )


def _language(tree: Tree, statements: list, path: str, diagnostics: list[Diagnostic]) -> str | None:
    """The declared language, else the first keyword's; a keyword of the other language is reported."""
    declared = next((s[1] for s in statements if isinstance(s, Item) and s[0] == "language"), None)
    language = declared
    for token in tree.scan_values(lambda t: isinstance(t, Token) and t.type.startswith("KW_")):
        seen = language_of(token.type, str(token))
        if seen is None:
            continue
        if language is None:
            language = seen
        elif seen != language:
            span = Span(path, token.line, token.column, token.end_line or token.line,
                        token.end_column or token.column + len(token))
            words = {"fr": "French", "en": "English"}
            diagnostics.append(Diagnostic.of(
                "L001", tr("the {value} keyword `{token}` in a file written in {value2}", value=words[seen],
                           token=token, value2=words[language]), span,
                tr("keep one language per file (`langue fr.` or `language en.` at the top)")))
            break
    return language
