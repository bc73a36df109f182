"""Lowering of the constructs on acts (issue 10): what an act must state (``indiquant …``), standing
duties (``à tout moment … méconnue par EVENT``), duties with no time limit (``sans délai fixé``),
acts done jointly (``a et b conjointement``), lists among lists (``parmi``) and an attribute compared
with another event's attribute.

A mixin of :class:`clauses.language.lower._Lower` (one method per rule of the ``acts`` section of
``clauses.lark``, called with ``(meta, children)``); values are checked on their own here, names in
``resolve``.
"""

from __future__ import annotations

from typing import Any

from lark import Token

from clauses.i18n import tr
from clauses.language import model as m


def _item(name: str, value: Any, span: Any) -> Any:
    from clauses.language.lower import Item

    return Item(name, value, span)


class ActsLowering:
    """Rule methods for contents, standing duties, joint acts and list comparisons (mixed into ``_Lower``)."""

    def contents(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import _values

        span = self.mspan(meta)
        names = next(v for v in _values(children) if isinstance(v, tuple))
        kept: list[str] = []
        for name in names:
            if name in kept:
                self.report("V012", tr("the act must state `{name}`: it is listed twice", name=name), span)
                continue
            kept.append(name)
        return _item("contents", tuple(kept), span)

    def violated_by(self, meta: Any, children: list) -> Any:
        event = next(c for c in children if isinstance(c, Token) and c.type == "ID")
        return _item("violated_by", str(event), self.mspan(meta))

    def prompt_at_any_time(self, meta: Any, children: list) -> Any:
        return self._prompt(meta, "at_any_time")

    def prompt_no_limit(self, meta: Any, children: list) -> Any:
        rest = [c for c in children if not (isinstance(c, Token) and c.type == "KW_NO_TIME_LIMIT")]
        return self.prompt(meta, ["no_limit", *rest])

    def bearer_together(self, meta: Any, children: list) -> m.Bearer:
        return m.Bearer(type="list", parties=self.ids(children[0]), together=True, span=self.mspan(meta))

    def bearer_all_together(self, meta: Any, children: list) -> m.Bearer:
        return m.Bearer(type="joint", together=True, span=self.mspan(meta))

    def cmp_among(self, meta: Any, children: list) -> str:
        return "among"

    def val_attr(self, meta: Any, children: list) -> m.Value:
        event, _, name = str(children[0]).partition(".")
        span = self.mspan(meta)
        return m.Value(type="attr", of=m.Operand(type="attr", event=event, name=name, span=span), span=span)

    # ------------------------------------------------------------ checks on the clause as a whole
    def cond_compare(self, meta: Any, children: list) -> m.Comparison | None:
        cond = super().cond_compare(meta, children)
        if cond is None:
            return None
        if cond.op == "among" and (cond.left.type != "attr" or cond.right.type not in ("attr", "text", "param")):
            self.report("V019", tr("`parmi` compares the items of a list column (`EVENT.ATTR`) with another list "
                                   "(`EVENT.ATTR` or a text `\"a; b\"`), not {value}", value=str(cond.right)),
                        cond.span)
        if cond.right.type == "attr" and cond.left.type not in ("attr", "param"):
            self.report("V019", tr("`{left}` is compared with the attribute `{value}`: only an attribute or a "
                                   "parameter can be", left=str(cond.left), value=str(cond.right.of)), cond.span)
        return cond

    def checked_duty(self, duty: m.Duty | None) -> m.Duty | None:
        """A duty's acts items checked together (called by ``_Lower.duty_clause``)."""
        if duty is None:
            return None
        standing = isinstance(duty.deadline, m.Prompt) and duty.deadline.manner == "at_any_time"
        if duty.violated_by is not None and not standing:
            self.report("V012", tr("`méconnue par {event}` belongs to a standing duty (`à tout moment`): this duty "
                                   "has a limit, its breach is being late", event=duty.violated_by), duty.span,
                        tr("write `à tout moment méconnue par {event}`, or remove `méconnue par`",
                           event=duty.violated_by))
        if standing and duty.read_as is not None:
            self.report("V012", tr("a standing duty (`à tout moment`) has no limit a reading could give a number "
                                   "of days to"), duty.span)
        return duty
