"""Amounts of money in exact decimals: the value of a named amount, a cap, a duty's amount.

Shared by the lint checks (caps and totals, ``checks/amounts.py``) and the engine (what a
repayment must pay, ``evaluation/duties.py``). An expression reads numbers and amounts
(``120 000 €``), other named amounts (``budget``), parameters (``{heures}``: the instance's
value, else the default) and, in the engine only, attributes of logged events
(``rapport.dépenses``). Arithmetic is exact (28 significant digits); a division by zero, an
unknown name or a missing value gives ``None`` with the reason, never a guess.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation, localcontext
from typing import Callable

from clauses.i18n import tr
from clauses.language import model as m

CENT = Decimal("0.01")
Attr = Callable[[str], "Decimal | None"]


def cents(value: Decimal) -> Decimal:
    """Rounded to the cent, half up (as a payment is)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def parameter_value(conv: m.Convention, name: str) -> Decimal | None:
    given = next((a.value for a in conv.arguments if a.name == name), None)
    if given is None:
        decl = next((p for p in conv.parameters if p.id == name), None)
        given = decl.default if decl is not None else None
    return given.number if given is not None and given.number is not None else None


def value_of(conv: m.Convention, expr: m.Expr, attr: Attr | None = None,
             seen: tuple[str, ...] = (), on: dt.date | None = None,
             trace: list[str] | None = None) -> tuple[Decimal | None, str]:
    """The exact value of an expression, or None and why. ``on``: the day a revised amount
    (``révisé chaque année …``) is taken on (None: its first value); ``trace`` collects the
    derivation of each revision."""
    if expr.op in ("num", "money"):
        return expr.value, ""
    if expr.op == "param":
        value = parameter_value(conv, str(expr.name))
        return (value, "") if value is not None else (None, tr("parameter {name} has no value", name=str(expr)))
    if expr.op == "attr":
        value = attr(str(expr.name)) if attr is not None else None
        return (value, "") if value is not None else (None, tr("{attr} is not known", attr=str(expr.name)))
    if expr.op == "var":
        name = str(expr.name)
        clause = conv.clause(name)
        if isinstance(clause, m.AmountClause):
            if name in seen:
                return None, tr("the amount `{name}` is defined from itself", name=name)
            value, why = value_of(conv, clause.expression, attr, seen + (name,), on, trace)
            if value is None or clause.revision is None or on is None:
                return value, why
            from clauses.revision import revised

            result = revised(conv, name, clause.revision, value, on)
            if trace is not None:
                trace.extend(result.lines)
            return result.value, result.why
        value = parameter_value(conv, name)
        return (value, "") if value is not None else (None, tr("unknown amount `{name}`", name=name))
    left, why = value_of(conv, expr.args[0], attr, seen, on, trace)
    if left is None:
        return None, why
    right, why = value_of(conv, expr.args[1], attr, seen, on, trace)
    if right is None:
        return None, why
    with localcontext() as exact:
        exact.prec = 28
        try:
            if expr.op == "add":
                return left + right, ""
            if expr.op == "sub":
                return left - right, ""
            if expr.op == "mul":
                return left * right, ""
            return left / right, ""
        except (DivisionByZero, InvalidOperation):
            return None, tr("{expr} divides by zero", expr=str(expr))


def bound_value(conv: m.Convention, bound: m.Bound, attr: Attr | None = None) -> tuple[Decimal | None, str]:
    value, why = value_of(conv, bound.expression, attr)
    if value is None or bound.percent is None:
        return value, why
    return value * bound.percent / Decimal(100), ""


def names(expr: m.Expr) -> list[m.Expr]:
    """The named amounts (``var``) an expression reads."""
    if expr.op == "var":
        return [expr]
    return [n for arg in expr.args for n in names(arg)]
