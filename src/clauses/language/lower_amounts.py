"""Lowering of the money constructs (issue 10, item 10): published series, a duty's amount paid
in instalments, interest at a published rate on a late payment.

A mixin of :class:`clauses.language.lower._Lower` (one method per rule of the ``money`` section
of ``clauses.lark``, called with ``(meta, children)``). Names (the series, its column) are
checked by :mod:`clauses.language.resolve_amounts`; the file itself is read when loading
(:mod:`clauses.series`).
"""

from __future__ import annotations

from typing import Any

from lark import Token

from clauses.language import model as m


def _item(name: str, value: Any, span: Any) -> Any:
    from clauses.language.lower import Item

    return Item(name, value, span)


class AmountLowering:
    """Rule methods for series, instalments and interest (mixed into ``_Lower``)."""

    def series_decl(self, meta: Any, children: list) -> m.SeriesDecl:
        ident = next(c for c in children if isinstance(c, Token) and c.type == "ID")
        strings = [self.string(c) for c in children if isinstance(c, Token) and c.type == "STRING"]
        label, file = (strings[0], strings[1]) if len(strings) > 1 else (None, strings[0])
        return m.SeriesDecl(id=str(ident), label=label, file=file, span=self.tspan(ident))

    def duty_instalments(self, meta: Any, children: list) -> Any:
        return _item("instalments", True, self.mspan(meta))

    def duty_interest(self, meta: Any, children: list) -> Any:
        token = next(c for c in children if isinstance(c, Token) and c.type == "ATTR")
        series, _, column = str(token).partition(".")
        span = self.tspan(token)
        return _item("interest", m.InterestRate(series=series, column=column, span=span), span)
