"""Lowering of the recurrence constructs (issue 10, items 6 and 8): a duty's series started and
stopped by events, limits counted from another duty's breach, powers with windows, conditions on
another clause's breach.

A mixin of :class:`clauses.language.lower._Lower` (one method per rule of the ``recurrence``
section of ``clauses.lark``, called with ``(meta, children)``); :meth:`RecurrenceLowering.
recurrence_fields` folds the items into the duty's or power's fields before the model is built.
"""

from __future__ import annotations

from typing import Any

from lark import Token

from clauses.language import model as m
from clauses.timelimits import Unit


def _item(name: str, value: Any, span: Any) -> Any:
    from clauses.language.lower import Item

    return Item(name, value, span)


def _plain(children: list) -> list:
    from clauses.language.lower import _values

    return _values(children)


def _ident(children: list) -> str:
    return str(next(c for c in children if isinstance(c, Token) and c.type == "ID"))


class RecurrenceLowering:
    """Rule methods for series, breaches and windows (mixed into ``_Lower``)."""

    # ------------------------------------------------------------ series of a duty
    def series_from(self, meta: Any, children: list) -> Any:
        each = any(isinstance(c, Token) and c.type == "KW_EACH" for c in children)
        start, event = next(v for v in _plain(children) if isinstance(v, tuple))
        span = self.mspan(meta)
        return _item("series_head", m.Series(start=start, event=event, each=each, span=span), span)

    def series_while(self, meta: Any, children: list) -> Any:
        span = self.mspan(meta)
        return _item("series_head", m.Series(start="event", event=_ident(children), each=True, replaces=True,
                                             span=span), span)

    def series_event(self, meta, children): return ("event", _ident(children))  # noqa: E704
    def series_term_end(self, meta, children): return ("term_end", None)  # noqa: E704
    def series_signature(self, meta, children): return ("signature", None)  # noqa: E704

    def series_until(self, meta: Any, children: list) -> Any:
        return _item("series_until", (_ident(children), self.mspan(meta)), self.mspan(meta))

    def subject_to(self, meta: Any, children: list) -> Any:
        span = self.mspan(meta)
        names = next(v for v in _plain(children) if isinstance(v, tuple))
        kept = [m.Not(item=m.Breached(clause=name, span=span), span=span) for name in names]
        return _item("subject_to", kept[0] if len(kept) == 1 else m.AllOf(items=tuple(kept), span=span), span)

    def at_latest_attr(self, meta: Any, children: list) -> Any:
        token = next(c for c in children if isinstance(c, Token) and c.type == "ATTR")
        event, _, name = str(token).partition(".")
        span = self.mspan(meta)
        return _item("deadline", m.DateOfEvent(event=event, name=name, span=span), span)

    # ------------------------------------------------------------ limits counted from a breach
    def breach_trigger(self, meta: Any, children: list) -> tuple[str, m.Duration | None]:
        lasting = next((v for v in _plain(children) if isinstance(v, m.Duration)), None)
        return _ident(children), lasting

    def breach_delay(self, meta: Any, children: list) -> m.Duration:
        return next(v for v in _plain(children) if isinstance(v, m.Duration))

    def after_breach(self, meta: Any, children: list) -> Any:
        values = _plain(children)
        duration = values[0]
        clause, lasting = next(v for v in values if isinstance(v, tuple))
        span = self.mspan(meta)
        return _item("deadline", m.AfterBreach(clause=clause, duration=duration, lasting=lasting, span=span), span)

    def prompt_breach(self, meta: Any, children: list) -> Any:
        clause, lasting = next(v for v in _plain(children) if isinstance(v, tuple))
        span = self.mspan(meta)
        return _item("deadline", m.AfterBreach(clause=clause, lasting=lasting, span=span), span)

    # ------------------------------------------------------------ windows of a power
    def cond_window(self, meta: Any, children: list) -> Any:
        values = _plain(children)
        anchor, event = next(v for v in values if isinstance(v, tuple))
        span = self.mspan(meta)
        return _item("condition", m.PowerWindow(duration=values[0], anchor=anchor, event=event, span=span), span)

    def window_event(self, meta, children): return ("event", _ident(children))  # noqa: E704
    def window_term_end(self, meta, children): return ("term_end", None)  # noqa: E704
    def window_signature(self, meta, children): return ("signature", None)  # noqa: E704

    def cond_not_after(self, meta: Any, children: list) -> Any:
        span = self.mspan(meta)
        date = next(c for c in children if isinstance(c, Token) and c.type == "DATE")
        return _item("condition", m.NotAfter(date=self.date(date), span=span), span)

    def cond_first_year(self, meta: Any, children: list) -> Any:
        span = self.mspan(meta)
        year = m.Duration(amount=1, unit=Unit.YEARS, span=span)
        return _item("condition", m.PowerWindow(duration=year, anchor="start", span=span), span)

    # ------------------------------------------------------------ conditions on a clause's breach
    def cond_breach(self, meta: Any, children: list) -> m.Breached:
        return m.Breached(clause=_ident(children), span=self.mspan(meta))

    # ------------------------------------------------------------ assembly
    def recurrence_fields(self, fields: dict[str, Any], kind: str) -> None:
        """Fold the series items into ``series`` and `sous réserve du respect de` into the condition."""
        head = fields.pop("series_head", None)
        until = fields.pop("series_until", None)
        if head is not None or until is not None:
            series = head or m.Series()
            if until is not None:
                series = series.model_copy(update={"until": until[0]})
            fields["series"] = series
        reserved = fields.pop("subject_to", None)
        if reserved is None:
            return
        if kind == "power":
            fields.setdefault("conditions", []).append(m.When(expr=reserved, span=reserved.span))
            return
        current = fields.get("applies_if")
        fields["applies_if"] = reserved if current is None else m.AllOf(items=(current, reserved), span=reserved.span)
