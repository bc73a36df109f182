"""Lowering of the governance constructs of issue 10 item 9 (the rest): a second meeting within N
days with its own rules, a quorum of those actually present, elections, counts of events,
events with options (same member, year accounted for, since another event), the time left until
a date, fractions of a count.

A mixin of :class:`clauses.language.lower._Lower`: one method per rule of the ``governance,
rest`` block of ``clauses.lark``, called with ``(meta, children)``.
"""

from __future__ import annotations

from typing import Any

from lark import Token

from clauses.i18n import tr
from clauses.language import model as m
from clauses.language.lower_conditions import _item, param_name


def _ids(children: list) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type in ("ID", "ATTR")]


class GovernanceLowering:
    """Rule methods for the governance constructs (mixed into ``_Lower``)."""

    # ------------------------------------------------------------ what a comparison can compare
    def _check_count_comparison(self, left: m.Operand, right: m.Value, span: Any) -> None:
        if left.type == "count" and right.type not in ("number", "param", "fraction"):
            self.report("V019", tr("`{left}` is a number of events: compare it with a number such as `3`, not "
                                   "{value}", left=str(left), value=str(right)), span)
        if right.type == "fraction" and right.of_members and left.type != "attr":
            self.report("V019", tr("`{value}` reads the members in office from the event compared: compare an "
                                   "attribute such as `demande.demandeurs`, not `{left}`", value=str(right),
                                   left=str(left)), span)

    # ------------------------------------------------------------ votes: meetings and elections
    def vote_quorum_present(self, meta: Any, children: list) -> Any:
        rule = self._rule(meta, children).model_copy(update={"in_person": True})
        return _item("quorum_rule", rule, self.mspan(meta))

    def second_without_quorum(self, meta, children): return _item("without_quorum", True, self.mspan(meta))  # noqa: E704

    def second_rules(self, meta: Any, children: list) -> list:
        return [c for c in children if isinstance(c, tuple) and len(c) == 3 and isinstance(c[0], str)]

    def vote_second_within(self, meta: Any, children: list) -> Any:
        span = self.mspan(meta)
        within = [c for c in children if isinstance(c, m.Duration)][0]
        rules: dict[str, Any] = {}
        for name, value, where in next((c for c in children if isinstance(c, list)), []):
            if name in rules:
                self.report("V012", tr("the second meeting states its {name} twice", name=name.replace("_", " ")),
                            where)
                continue
            rules[name] = value
        if rules.get("without_quorum") and rules.get("quorum_rule") is not None:
            self.report("V012", tr("the second meeting states a quorum and `sans quorum`: keep one"), span)
        return _item("second_meeting", m.SecondMeeting(within=within, span=span, **rules), span)

    def vote_plurality(self, meta, children): return _item("plurality", True, self.mspan(meta))  # noqa: E704
    def vote_tie_by_lot(self, meta, children): return _item("tie_by_lot", True, self.mspan(meta))  # noqa: E704
    def vote_secret_ballot(self, meta, children): return _item("secret_ballot", True, self.mspan(meta))  # noqa: E704

    # ------------------------------------------------------------ the outcome of a counted vote
    def decided_under(self, meta, children): return _item("vote", str(_ids(children)[0]), self.mspan(meta))  # noqa: E704

    def _decided(self, meta: Any, children: list, outcome: str) -> m.Decided:
        span = self.mspan(meta)
        fields: dict[str, Any] = {}
        for name, value, where in (c for c in children if isinstance(c, tuple) and len(c) == 3):
            key = "majority" if name == "majority_rule" else name
            if key in fields:
                self.report("V012", tr("the outcome of `{event}` states its {name} twice", event=str(children[0]),
                                       name=tr("vote") if key == "vote" else tr("majority")), where)
                continue
            fields[key] = value
        return m.Decided(event=str(children[0]), outcome=outcome, span=span, **fields)

    def cond_adopted(self, meta, children): return self._decided(meta, children, "adopted")  # noqa: E704
    def cond_rejected(self, meta, children): return self._decided(meta, children, "rejected")  # noqa: E704

    # ------------------------------------------------------------ counts of events
    def count_all(self, meta: Any, children: list) -> dict:
        return {"event": str(children[0])}

    def count_same(self, meta: Any, children: list) -> dict:
        event, _, name = str(children[0]).partition(".")
        return {"event": event, "name": name, "same": True}

    def count_window(self, meta: Any, children: list) -> dict:
        from clauses.language.lower import UNITS

        number = [c for c in children if isinstance(c, Token) and c.type == "NUMBER"][0]
        unit = [c for c in children if isinstance(c, Token) and c.type in UNITS][0]
        amount = self.integer(number)
        if amount <= 0:
            self.report("V001", tr("the last {amount} {unit}: a window must be positive", amount=amount,
                                   unit=str(unit)), self.mspan(meta))
        return {"window": m.Duration(amount=max(amount, 1), unit=UNITS[unit.type], span=self.mspan(meta))}

    def since_list(self, meta: Any, children: list) -> tuple[str, ...]:
        return tuple(str(c) for c in _ids(children))

    def count_since(self, meta: Any, children: list) -> dict:
        return {"since": next(c for c in children if isinstance(c, tuple))}

    def count_operand(self, meta: Any, children: list) -> m.Operand:
        fields: dict[str, Any] = {}
        for c in children:
            if isinstance(c, dict):
                for key, value in c.items():
                    if key in fields and key in ("window", "since"):
                        self.report("V012", tr("this count states its {name} twice", name=key), self.mspan(meta))
                    fields[key] = value
            elif isinstance(c, m.PartyRef):
                fields["by"] = c
        return m.Operand(type="count", span=self.mspan(meta), **fields)

    def _happened_with(self, meta: Any, children: list, target: dict) -> m.Happened:
        fields: dict[str, Any] = {"event": target["event"]}
        if target.get("same"):
            fields["same"] = target["name"]
        for c in children:
            if isinstance(c, dict):
                fields.update(c)
            elif isinstance(c, m.PartyRef):
                fields["by"] = c
        return m.Happened(span=self.mspan(meta), **fields)

    def happened_all(self, meta: Any, children: list) -> m.Happened:
        return self._happened_with(meta, children, {"event": str(_ids(children)[0])})

    def happened_same(self, meta: Any, children: list) -> m.Happened:
        return self._happened_with(meta, children, self.count_same(meta, _ids(children)[:1]))

    def for_current_year(self, meta, children): return {"year": "current"}  # noqa: E704
    def for_previous_year(self, meta, children): return {"year": "previous"}  # noqa: E704

    # ------------------------------------------------------------ time until a date, fractions of a count
    def until_date(self, meta, children): return {"date": self.date(children[0])}  # noqa: E704

    def until_param(self, meta: Any, children: list) -> dict:
        operand = m.Operand(type="param", name=param_name(children[0]), span=self.mspan(meta))
        self._check_param(operand, self.mspan(meta))
        return {"name": operand.name}

    def until_attr(self, meta: Any, children: list) -> dict:
        event, _, name = str(children[0]).partition(".")
        return {"event": event, "name": name}

    def op_until(self, meta: Any, children: list) -> m.Operand:
        point = next(c for c in children if isinstance(c, dict))
        return m.Operand(type="until", span=self.mspan(meta), **point)

    def val_fraction_of(self, meta: Any, children: list) -> m.Value:
        ratio = next(c for c in children if isinstance(c, tuple))
        of = next(c for c in children if isinstance(c, m.Operand))
        self._check_param(of, self.mspan(meta))
        return m.Value(type="fraction", ratio=ratio, of=of, span=self.mspan(meta))

    def val_fraction_members(self, meta: Any, children: list) -> m.Value:
        ratio = next(c for c in children if isinstance(c, tuple))
        return m.Value(type="fraction", ratio=ratio, of_members=True, span=self.mspan(meta))

    # ------------------------------------------------------------ bodies: members' mandates
    def body_mandate(self, meta: Any, children: list) -> Any:
        event = _ids(children)[0]
        years = self.integer([c for c in children if isinstance(c, Token) and c.type == "NUMBER"][0])
        if years <= 0:
            self.report("V001", tr("a mandate of {years} years: the length must be positive", years=years),
                        self.mspan(meta))
        return _item("mandate", {"election": str(event), "years": years}, self.mspan(meta))

    def body_renewal(self, meta: Any, children: list) -> Any:
        share, every = [c for c in children if isinstance(c, int) and not isinstance(c, Token)]
        if every <= 0:
            self.report("V001", tr("a renewal every {every} years: the interval must be positive", every=every),
                        self.mspan(meta))
        return _item("renewal", {"share": share, "every": every}, self.mspan(meta))

    def body_first_draw(self, meta: Any, children: list) -> Any:
        event = next(iter(_ids(children)), None)
        return _item("first_draw", {"first_draw": True, "draw_event": str(event) if event else None},
                     self.mspan(meta))

    def share_half(self, meta, children): return 2  # noqa: E704
    def share_third(self, meta, children): return 3  # noqa: E704
    def share_quarter(self, meta, children): return 4  # noqa: E704
    def every_year(self, meta, children): return 1  # noqa: E704

    def every_years(self, meta: Any, children: list) -> int:
        return self.integer([c for c in children if isinstance(c, Token) and c.type == "NUMBER"][0])
