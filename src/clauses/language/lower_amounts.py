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

from clauses.i18n import tr
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

    # ------------------------------------------------------------ an amount revised each year
    def revise_by_index(self, meta: Any, children: list) -> tuple:
        return ("source", "index", self._series_attr(children), self.mspan(meta))

    def revise_by_rate(self, meta: Any, children: list) -> tuple:
        return ("source", "rate", self._series_attr(children), self.mspan(meta))

    def _series_attr(self, children: list) -> tuple[str, str]:
        token = next(c for c in children if isinstance(c, Token) and c.type == "ATTR")
        series, _, column = str(token).partition(".")
        return series, column

    def _day_and_param(self, children: list) -> tuple[Any, str | None]:
        from clauses.language.lower_conditions import param_name

        token = next(c for c in children if isinstance(c, Token) and c.type in ("DATE", "PARAM"))
        param = param_name(token) if token.type == "PARAM" else None
        return self.date(token), param if param is not None and self.unset_param(token) else None

    def revision_base_item(self, meta: Any, children: list) -> tuple:
        return next(c for c in children if isinstance(c, tuple))

    def base_value(self, meta: Any, children: list) -> tuple:
        return ("base_value", self._number_expr(children[-1], meta), self.mspan(meta))

    def _number_expr(self, token: Token, meta: Any) -> m.Expr:
        if token.type == "PARAM":
            return self.param_atom(meta, [token])
        return m.Expr(op="num", value=self.decimal(token), span=self.tspan(token))

    def base_published(self, meta: Any, children: list) -> tuple:
        tokens = [c for c in children if isinstance(c, Token) and c.type in ("DATE", "PARAM", "NUMBER")]
        day, param = self._day_and_param(tokens[:1])
        value = self._number_expr(tokens[1], meta) if len(tokens) > 1 else None   # `soit 1621`
        return ("base_on", (day, param, value), self.mspan(meta))

    def revision_reference(self, meta: Any, children: list) -> tuple:
        return ("reference", next(c for c in children if isinstance(c, str) and not isinstance(c, Token)),
                self.mspan(meta))

    def on_revision_day(self, meta, children): return "revision_day"  # noqa: E704
    def on_first_of_previous_month(self, meta, children): return "first_of_previous_month"  # noqa: E704

    def revision_from(self, meta: Any, children: list) -> tuple:
        return ("start", self._day_and_param(children), self.mspan(meta))

    def amount_revision(self, meta: Any, children: list) -> Any:
        """`révisé chaque année selon l'indice S.C …` / `revalorisé chaque année du taux de S.C`."""
        span = self.mspan(meta)
        parts: dict[str, Any] = {}
        for child in children:
            if isinstance(child, tuple) and len(child) in (3, 4) and isinstance(child[0], str):
                name = child[0]
                if name in parts:
                    self.report("V012", tr("this revision states its {item} twice", item=name.replace("_", " ")),
                                child[-1])
                    continue
                parts[name] = child
        _, mode, (series, column), _ = parts["source"]
        fields: dict[str, Any] = dict(mode=mode, series=series, column=column, span=span)
        if "base_value" in parts and "base_on" in parts:
            self.report("V012", tr("this revision states its {item} twice", item="base index"), parts["base_on"][-1])
        if "base_value" in parts:
            fields["base_value"] = parts["base_value"][1]
        if "base_on" in parts:
            day, param, value = parts["base_on"][1]
            fields.update(base_on=day, base_on_param=param, base_value=value)
        if "reference" in parts:
            fields["reference"] = parts["reference"][1]
        if "start" in parts:
            fields["start"], fields["start_param"] = parts["start"][1]
        if mode == "rate" and ("base_value" in parts or "base_on" in parts or "reference" in parts):
            self.report("V012", tr("a revision by a rate has no base or reference index: each year's rate applies "
                                   "to the amount of the year before"), span,
                        tr("write `selon l'indice …` for a revision by the ratio of two index values"))
        return _item("revision", m.Revision(**fields), span)
