"""Lowering of the condition language, limits without a number and template parameters.

A mixin of :class:`clauses.language.lower._Lower` (one method per grammar rule of the
``conditions``, ``limits without a number`` and ``parameters`` sections of
``clauses.lark``, called with ``(meta, children)``).

Parameters are typed placeholders ``{name}``. In a condition they stay symbolic (evaluated
against the instance's values, so that an explanation can say ``{montant} = 120 000 €``);
where the grammar needs a duration or a date (``dans un délai de {délai}``, ``à compter du
{début}``) the value is put in place while lowering: the instance's value, else the declared
default, else (linting a template without an instance) a neutral sample of the type.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from lark import Token, Tree

from clauses.language import model as m
from clauses.i18n import tr
from clauses.timelimits import Unit

SYMBOLS = {">=": ">=", "≥": ">=", "<=": "<=", "≤": "<=", "!=": "!=", "≠": "!=", "<": "<", ">": ">"}
#: the sample a template's parameter takes when linted without an instance nor a default
SAMPLES: dict[str, m.Value] = {
    "duration": m.Value(type="duration", duration=m.Duration(amount=1, unit=Unit.MONTHS)),
    "date": m.Value(type="date", date=dt.date(2000, 1, 1)),
}
TYPE_WORDS = {"amount": tr("an amount of money"), "number": tr("a number"), "duration": tr("a duration"),
              "date": tr("a date"), "text": tr("a text"), "percent": tr("a percentage")}
VALUE_TYPES = {"amount": {"money"}, "number": {"number"}, "duration": {"duration"}, "date": {"date"},
               "text": {"text", "name"}, "percent": {"percent"}}


#: a parameter's type, as written (accents and case ignored), in French or English
PARAM_TYPES = {"montant": "amount", "somme": "amount", "amount": "amount", "money": "amount",
               "nombre": "number", "entier": "number", "number": "number", "count": "number",
               "duree": "duration", "delai": "duration", "duration": "duration",
               "date": "date", "texte": "text", "libelle": "text", "text": "text", "label": "text",
               "pourcentage": "percent", "taux": "percent", "percentage": "percent", "rate": "percent"}


def _folded(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def money(text: str) -> Decimal:
    """``500 000 €``, ``1 250,50 euros``, ``300.5 EUR`` -> exact decimals."""
    digits = re.sub(r"[\s\u00a0\u202f]|€|EUR|euros?", "", text).replace(",", ".")
    try:
        return Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the terminal only admits digits
        return Decimal(0)


def _item(name: str, value: Any, span: Any) -> Any:
    """A clause item (``lower.Item``; imported here to keep the two modules' import order simple)."""
    from clauses.language.lower import Item

    return Item(name, value, span)


def param_name(token: Token | str) -> str:
    return str(token).strip("{} \t")


class ConditionLowering:
    """Rule methods for conditions, prompt limits and parameters (mixed into ``_Lower``)."""

    params: dict[str, m.Value]
    declared: dict[str, m.Parameter]
    instance: bool

    # ------------------------------------------------------------ conditions
    def applies_if(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        cond = [c for c in children if isinstance(c, m.Node)][0]
        return Item("applies_if", cond, self.mspan(meta))

    def cond_if(self, meta: Any, children: list) -> Any:
        """A power's ``si …``: one event (as the seeds write it) stays an ``IfEvent``."""
        from clauses.language.lower import Item

        span = self.mspan(meta)
        cond = [c for c in children if isinstance(c, m.Node)][0]
        if isinstance(cond, m.Happened):
            return Item("condition", m.IfEvent(event=cond.event, by=cond.by, span=span), span)
        return Item("condition", m.When(expr=cond, span=span), span)

    def exception_if(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        cond = [c for c in children if isinstance(c, m.Node)][0]
        return Item("unless", cond, self.mspan(meta))

    def _flatten(self, kind: type, children: list) -> tuple:
        items: list = []
        for c in children:
            if isinstance(c, kind):
                items.extend(c.items)
            elif isinstance(c, m.Node):
                items.append(c)
        return tuple(items)

    def cond_any(self, meta, children): return m.AnyOf(items=self._flatten(m.AnyOf, children), span=self.mspan(meta))  # noqa: E704
    def cond_all(self, meta, children): return m.AllOf(items=self._flatten(m.AllOf, children), span=self.mspan(meta))  # noqa: E704

    def cond_negation(self, meta: Any, children: list) -> m.Not:
        return m.Not(item=[c for c in children if isinstance(c, m.Node)][0], span=self.mspan(meta))

    def cond_atom(self, meta: Any, children: list) -> Any:   # `( … )`
        return [c for c in children if isinstance(c, m.Node)][0]

    def cond_event(self, meta: Any, children: list) -> m.Happened:
        event = [c for c in children if isinstance(c, Token) and c.type == "ID"][0]
        by = next((c for c in children if isinstance(c, m.PartyRef)), None)
        return m.Happened(event=str(event), by=by, span=self.mspan(meta))

    def _status(self, meta: Any, children: list, negated: bool) -> m.StatusIs:
        party = [c for c in children if isinstance(c, Token) and c.type == "ID"][0]
        text = [c for c in children if isinstance(c, Token) and c.type == "STRING"][0]
        return m.StatusIs(party=str(party), status=self.string(text), negated=negated, span=self.mspan(meta))

    def cond_status(self, meta, children): return self._status(meta, children, False)  # noqa: E704
    def cond_status_not(self, meta, children): return self._status(meta, children, True)  # noqa: E704

    def by_one(self, meta, children): return m.PartyRef(type="list", parties=(str(children[-1]),), span=self.mspan(meta))  # noqa: E704
    def by_other(self, meta, children): return m.PartyRef(type="other", span=self.mspan(meta))  # noqa: E704
    def by_all(self, meta, children): return m.PartyRef(type="all", span=self.mspan(meta))  # noqa: E704
    def by_same(self, meta, children): return m.PartyRef(type="same", span=self.mspan(meta))  # noqa: E704

    def cond_compare(self, meta: Any, children: list) -> m.Comparison | None:
        left, op, right = [c for c in children if not (isinstance(c, Token) and c.type.startswith("KW_"))][:3]
        span = self.mspan(meta)
        self._check_param(left, span)
        if right.type == "param":
            self._check_param(m.Operand(type="param", name=right.text), span)
        if op not in ("=", "!=") and right.type in ("text", "name"):
            self.report("V019", tr("`{value}` is a text: it can be equal or not, not greater or smaller",
                                   value=str(right)), span)
        if left.type == "total" and right.type == "duration" and right.duration.unit is Unit.HOURS:
            # notice: `heures` is a unit keyword; a total of hours of presence counts plain hours
            right = m.Value(type="units", number=Decimal(right.duration.amount), text="heures", span=right.span)
        if left.type in ("between", "since", "until") and right.type not in ("duration", "param"):
            self.report("V019", tr("`{left}` is a duration: compare it with a duration such as `3 mois`, not {value}",
                                   left=str(left), value=str(right)), span)
        self._check_count_comparison(left, right, span)   # governance (lower_governance.py)
        return m.Comparison(left=left, op=op, right=right, span=span)

    def op_attr(self, meta: Any, children: list) -> m.Operand:
        event, _, name = str(children[0]).partition(".")
        return m.Operand(type="attr", event=event, name=name, span=self.mspan(meta))

    def op_param(self, meta, children): return m.Operand(type="param", name=param_name(children[0]), span=self.mspan(meta))  # noqa: E704

    def op_between(self, meta: Any, children: list) -> m.Operand:
        first, second = [str(c) for c in children if isinstance(c, Token) and c.type == "ID"]
        return m.Operand(type="between", event=first, until=second, span=self.mspan(meta))

    def op_total(self, meta: Any, children: list) -> m.Operand:
        event, _, name = str([c for c in children if isinstance(c, Token) and c.type == "ATTR"][0]).partition(".")
        return m.Operand(type="total", event=event, name=name, span=self.mspan(meta))

    def val_units(self, meta: Any, children: list) -> m.Value:
        return m.Value(type="units", number=self.decimal(children[0]), text=str(children[1]), span=self.mspan(meta))

    def unit_decl(self, meta: Any, children: list) -> m.UnitDecl:
        ids = [c for c in children if isinstance(c, Token) and c.type == "ID"]
        number = [c for c in children if isinstance(c, Token) and c.type == "NUMBER"][0]
        citations = next((c for c in children if isinstance(c, tuple) and c and isinstance(c[0], m.Citation)), ())
        amount = self.decimal(number)
        if amount <= 0:
            self.report("V001", tr("a unit of {amount} {of} is not a unit: it must be positive", amount=amount,
                                   of=str(ids[1])), self.tspan(number))
        return m.UnitDecl(id=str(ids[0]), citations=citations, amount=amount, of=str(ids[1]),
                          span=self.tspan(ids[0]))

    def op_since(self, meta: Any, children: list) -> m.Operand:
        event = [str(c) for c in children if isinstance(c, Token) and c.type == "ID"][0]
        return m.Operand(type="since", event=event, span=self.mspan(meta))

    def cmp_symbol(self, meta, children): return SYMBOLS[str(children[0])]  # noqa: E704
    def cmp_eq(self, meta, children): return "="  # noqa: E704
    def cmp_ne(self, meta, children): return "!="  # noqa: E704
    def cmp_ge(self, meta, children): return ">="  # noqa: E704
    def cmp_le(self, meta, children): return "<="  # noqa: E704
    def cmp_gt(self, meta, children): return ">"  # noqa: E704
    def cmp_lt(self, meta, children): return "<"  # noqa: E704

    def val_number(self, meta, children): return m.Value(type="number", number=self.decimal(children[0]), span=self.mspan(meta))  # noqa: E704
    def val_money(self, meta, children): return m.Value(type="money", number=money(str(children[0])), span=self.mspan(meta))  # noqa: E704
    def val_text(self, meta, children): return m.Value(type="text", text=self.string(children[0]), span=self.mspan(meta))  # noqa: E704
    def val_date(self, meta, children): return m.Value(type="date", date=self.date(children[0]), span=self.mspan(meta))  # noqa: E704
    def val_name(self, meta, children): return m.Value(type="name", text=str(children[0]), span=self.mspan(meta))  # noqa: E704
    def val_param(self, meta, children): return m.Value(type="param", text=param_name(children[0]), span=self.mspan(meta))  # noqa: E704

    def val_percent(self, meta: Any, children: list) -> m.Value:
        return m.Value(type="percent", number=self.decimal(children[0]), span=self.mspan(meta))

    def val_percent_of(self, meta: Any, children: list) -> m.Value:
        of = [c for c in children if isinstance(c, m.Operand)][0]
        self._check_param(of, self.mspan(meta))
        return m.Value(type="percent", number=self.decimal(children[0]), of=of, span=self.mspan(meta))

    def val_duration(self, meta: Any, children: list) -> m.Value:
        from clauses.language.lower import UNITS

        number, unit = children[0], children[1]
        span = self.mspan(meta)
        return m.Value(type="duration", duration=m.Duration(amount=self.integer(number), unit=UNITS[unit.type],
                                                            span=span), span=span)

    # ------------------------------------------------------------ limits without a number
    def manner_without_delay(self, meta, children): return "without_delay"  # noqa: E704
    def manner_immediately(self, meta, children): return "immediately"  # noqa: E704
    def manner_promptly(self, meta, children): return "promptly"  # noqa: E704
    def manner_on_demand(self, meta, children): return "on_demand"  # noqa: E704

    def prompt_trigger(self, meta: Any, children: list) -> tuple[str, bool]:
        event = [c for c in children if isinstance(c, Token) and c.type == "ID"][-1]
        return str(event), "receipt" in children

    def _prompt(self, meta: Any, manner: str, event: str | None = None, receipt: bool = False) -> Any:
        from clauses.language.lower import Item

        span = self.mspan(meta)
        return Item("deadline", m.Prompt(manner=manner, event=event, from_receipt=receipt, span=span), span)

    def prompt(self, meta: Any, children: list) -> Any:
        manner = children[0]
        trigger = next((c for c in children[1:] if isinstance(c, tuple)), None)
        return self._prompt(meta, manner, *(trigger or ()))

    def prompt_as_soon_as(self, meta: Any, children: list) -> Any:
        event = [c for c in children if isinstance(c, Token) and c.type == "ID"][-1]
        return self._prompt(meta, "as_soon_as", str(event), "receipt" in children)

    def prompt_on_demand_of(self, meta: Any, children: list) -> Any:
        event = [c for c in children if isinstance(c, Token) and c.type == "ID"][-1]
        return self._prompt(meta, "on_demand", str(event))

    def prompt_at_end(self, meta: Any, children: list) -> Any:
        event = [c for c in children if isinstance(c, Token) and c.type == "ID"][-1]
        return self._prompt(meta, "at_end", str(event))

    def prompt_at_term(self, meta, children): return self._prompt(meta, "at_term")  # noqa: E704

    def reading_limit(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        duration = [c for c in children if isinstance(c, m.Duration)][0]
        reason = [c for c in children if isinstance(c, Token) and c.type == "STRING"][-1]
        span = self.mspan(meta)
        reading = m.Reading(text=f"read as {duration}", reason=self.string(reason), span=span)
        return Item("read_as", (duration, reading), span)

    # ------------------------------------------------------------ amounts
    def money_atom(self, meta, children): return m.Expr(op="money", value=money(str(children[0])), span=self.mspan(meta))  # noqa: E704
    def attr_atom(self, meta, children): return m.Expr(op="attr", name=str(children[0]), span=self.mspan(meta))  # noqa: E704

    def param_atom(self, meta: Any, children: list) -> m.Expr:
        operand = m.Operand(type="param", name=param_name(children[0]))
        self._check_param(operand, self.mspan(meta))
        return m.Expr(op="param", name=operand.name, span=self.mspan(meta))

    def duty_amount(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        return Item("amount", [c for c in children if isinstance(c, m.Expr)][0], self.mspan(meta))

    def amount_clause(self, meta: Any, children: list) -> Any:
        fields = self._assemble(meta, children, "amount")
        rest = fields.pop("_rest", [])
        expression = next((v for v in rest if isinstance(v, m.Expr)), None)
        fields["maximum"] = fields.pop("amount_maxs", [])
        fields["minimum"] = fields.pop("amount_mins", [])
        return self._build(m.AmountClause, meta, fields, expression=expression)

    def _bound(self, children: list) -> m.Bound:
        found = [c for c in children if isinstance(c, (m.Bound, m.Expr))][0]
        return found if isinstance(found, m.Bound) else m.Bound(expression=found, span=found.span)

    def amount_max(self, meta, children): return _item("amount_max", self._bound(children), self.mspan(meta))  # noqa: E704
    def amount_min(self, meta, children): return _item("amount_min", self._bound(children), self.mspan(meta))  # noqa: E704

    def bound_percent(self, meta: Any, children: list) -> m.Bound:
        number = [c for c in children if isinstance(c, Token) and c.type == "NUMBER"][0]
        expr = [c for c in children if isinstance(c, m.Expr)][0]
        return m.Bound(expression=expr, percent=self.decimal(number), span=self.mspan(meta))

    # ------------------------------------------------------------ governance
    FRACTIONS = {"½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
                 "⅗": (3, 5), "⅘": (4, 5)}

    def fraction_ratio(self, meta: Any, children: list) -> tuple[int, int]:
        numbers = [c for c in children if isinstance(c, Token) and c.type == "NUMBER"]
        num, den = self.integer(numbers[0]), self.integer(numbers[1])
        if not 0 < num <= den:
            self.report("V006", tr("`{num}/{den}` is not a fraction of a count: write one between 0 and 1",
                                   num=num, den=den), self.mspan(meta))
            den = max(den, 1)
        return num, den

    def fraction_percent(self, meta: Any, children: list) -> tuple[int, int]:
        value = self.decimal(children[0])
        if not 0 < value <= 100:
            self.report("V004", tr("a share of {value} % is outside 0-100 %", value=value), self.mspan(meta))
        numerator, denominator = value.as_integer_ratio()
        return int(numerator), int(denominator) * 100

    def fraction_char(self, meta, children): return self.FRACTIONS[str(children[0])]  # noqa: E704
    def base_members(self, meta, children): return "members"  # noqa: E704
    def base_present(self, meta, children): return "present"  # noqa: E704
    def base_present_or_represented(self, meta, children): return "present_or_represented"  # noqa: E704
    def base_cast(self, meta, children): return "cast"  # noqa: E704

    def _rule(self, meta: Any, children: list, half: bool = False) -> m.CountRule:
        base = [c for c in children if isinstance(c, str) and not isinstance(c, Token)][-1]
        fraction = next((c for c in children if isinstance(c, tuple)), (1, 2))
        return m.CountRule(numerator=fraction[0], denominator=fraction[1], half_plus_one=half, base=base,
                           span=self.mspan(meta))

    def vote_quorum_rule(self, meta, children): return _item("quorum_rule", self._rule(meta, children), self.mspan(meta))  # noqa: E704
    def vote_majority_rule(self, meta, children): return _item("majority_rule", self._rule(meta, children), self.mspan(meta))  # noqa: E704
    def vote_majority_half(self, meta, children): return _item("majority_rule", self._rule(meta, children, True), self.mspan(meta))  # noqa: E704

    def vote_proxy_cap(self, meta: Any, children: list) -> Any:
        number = [c for c in children if isinstance(c, Token) and c.type == "NUMBER"][0]
        return _item("proxy_cap", self.integer(number), self.mspan(meta))

    def vote_second_call(self, meta: Any, children: list) -> Any:
        return _item("second_call", [c for c in children if isinstance(c, m.Duration)][0], self.mspan(meta))

    def body_members(self, meta: Any, children: list) -> Any:
        low, high = (self.integer(c) for c in children if isinstance(c, Token) and c.type == "NUMBER")
        if low > high:
            self.report("V006", tr("a body of {low} to {high} members: the first number must be the smaller",
                                   low=low, high=high), self.mspan(meta))
        return _item("members", (low, high), self.mspan(meta))

    # ------------------------------------------------------------ parameters
    def param_decl(self, meta: Any, children: list) -> m.Parameter:
        ident, word = [c for c in children if isinstance(c, Token) and c.type == "ID"][:2]
        kind = PARAM_TYPES.get(_folded(str(word)))
        if kind is None:
            self.report("V018", tr("`{word}` is not a parameter type", word=str(word)), self.tspan(word),
                        tr("write one of `montant`, `nombre`, `durée`, `date`, `texte`, `pourcentage`"))
            kind = "text"
        label = next((self.string(c) for c in children if isinstance(c, Token) and c.type == "STRING"), None)
        fields: dict[str, Any] = {}
        for c in children:
            if isinstance(c, tuple) and len(c) == 2 and isinstance(c[1], m.Value):
                if c[1].type not in VALUE_TYPES[kind]:
                    self.report("V018", tr("parameter `{name}` is {kind}: its {bound} cannot be {value}",
                                           name=str(ident), kind=TYPE_WORDS[kind], bound=c[0], value=str(c[1])),
                                c[1].span)
                    continue
                fields[c[0]] = c[1]
        return m.Parameter(id=str(ident), type=kind, label=label, span=self.tspan(ident), **fields)

    def param_min(self, meta, children): return ("minimum", children[-1])  # noqa: E704
    def param_max(self, meta, children): return ("maximum", children[-1])  # noqa: E704
    def param_default(self, meta, children): return ("default", children[-1])  # noqa: E704

    def _check_param(self, operand: m.Operand, span: Any) -> None:
        if operand.type == "param" and operand.name not in self.declared:
            self.report("N009", tr("unknown parameter `{name}`", name=operand.name), operand.span or span,
                        tr("declare it: `paramètre {name} montant \"libellé\".`", name=operand.name))

    def _param_value(self, token: Token, kind: str) -> m.Value | None:
        """The value put in place of ``{name}`` where a duration or a date goes."""
        name = param_name(token)
        decl = self.declared.get(name)
        if decl is None:
            self.report("N009", tr("unknown parameter `{name}`", name=name), self.tspan(token),
                        tr("declare it: `paramètre {name} {kind}.`", name=name,
                           kind="durée" if kind == "duration" else "date"))
            return None
        if decl.type != kind:
            self.report("V018", tr("parameter `{name}` is {kind}: it cannot stand for {wanted} here", name=name,
                                   kind=TYPE_WORDS[decl.type], wanted=TYPE_WORDS[kind]), self.tspan(token))
            return None
        return self.params.get(name) or decl.default or SAMPLES[kind]

    def unset_param(self, token: Any) -> bool:
        """notice: a ``{name}`` that neither the instance nor a default gives a value (a sample stands in)."""
        if not (isinstance(token, Token) and token.type == "PARAM"):
            return False
        decl = self.declared.get(param_name(token))
        return decl is not None and param_name(token) not in self.params and decl.default is None

    def duration_param(self, meta: Any, children: list) -> m.Duration:
        value = self._param_value(children[0], "duration")
        duration = value.duration if value is not None else SAMPLES["duration"].duration
        duration = duration.model_copy(update={"span": self.mspan(meta)})
        if self.unset_param(children[0]):
            self.sampled.add(id(duration))    # notice: a sample stands in (see term_duration)
        return duration

    def _date_param(self, token: Token) -> dt.date:
        value = self._param_value(token, "date")
        return value.date if value is not None else SAMPLES["date"].date

    def anchor_param(self, meta, children): return m.DateAnchor(date=self._date_param(children[0]), span=self.mspan(meta))  # noqa: E704

    def term_end_param(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        token = [c for c in children if isinstance(c, Token) and c.type == "PARAM"][0]
        if self.unset_param(token):   # notice: a sample end date, used only if nothing else gives the end
            return Item("sampled_end", self._date_param(token), self.mspan(meta))
        return Item("end_date", self._date_param(token), self.mspan(meta))


def declared_parameters(tree: Tree, lowering: ConditionLowering) -> dict[str, m.Parameter]:
    """The parameters a file declares, lowered before the rest (clauses use them anywhere)."""
    found: dict[str, m.Parameter] = {}
    for decl in tree.find_data("param_decl"):
        param = lowering.transform(decl)
        if isinstance(param, m.Parameter):
            found.setdefault(param.id, param)
    return found
