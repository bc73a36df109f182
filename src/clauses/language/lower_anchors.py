"""Lowering of anchors and windows (issue 10, item 5): calendar points a limit is anchored on or
counted forward from, calendar windows, the later (or earlier) of several events, which periods
a duty counts, and a power's effect on a calendar point.

A mixin of :class:`clauses.language.lower._Lower` (one method per rule of the ``anchors and
windows`` section of ``clauses.lark``, called with ``(meta, children)``). What a value can be
wrong about on its own is reported here: a day a month never has, a fourth semester, a window
written with dates whose end comes before its start, a point the grammar accepts but that cannot
take the form written (counting forward from the end of a named month).
"""

from __future__ import annotations

from typing import Any

from lark import Token

from clauses.language import model as m
from clauses.i18n import tr

ORDINALS = {"KW_ORD_FIRST": 1, "KW_ORD_SECOND": 2, "KW_ORD_THIRD": 3, "KW_ORD_FOURTH": 4, "KW_ORD_LAST": -1}
_TERM = ("term",)   # the marker a `… après le terme` trigger leaves for `prompt`


def _tokens(children: list, *types: str) -> list[Token]:
    return [c for c in children if isinstance(c, Token) and c.type in types]


class AnchorLowering:
    """Methods for the anchors-and-windows rules; relies on the helpers of ``_Lower``."""

    # ------------------------------------------------------------ which period unit
    def _period_months(self, children: list, span: Any) -> int:
        from clauses.language.lower import PERIOD_MONTHS

        unit = next((c for c in children if isinstance(c, Token) and (c.type in PERIOD_MONTHS
                                                                      or c.type == "KW_WEEKS")), None)
        if unit is None or unit.type == "KW_WEEKS":
            self.report("V012", tr("`{unit}` does not cut the calendar here: write months, quarters, semesters, "
                                   "years or financial years", unit=unit if unit is not None else "?"),
                        self.tspan(unit) if unit is not None else span)
            return 1
        return PERIOD_MONTHS[unit.type]

    def _ordinal(self, children: list, months: int, span: Any) -> int:
        token = _tokens(children, *ORDINALS)[0]
        ordinal = ORDINALS[token.type]
        if ordinal > 12 // months:
            self.report("V002", tr("there is no `{ordinal}` part of {months} months in a year: a year has {count}",
                                   ordinal=str(token), months=months, count=12 // months), self.tspan(token))
            return 12 // months
        return ordinal

    # ------------------------------------------------------------ points
    def point_previous_end(self, meta: Any, children: list) -> m.Point:
        span = self.mspan(meta)
        return m.Point(of="previous_period_end", period_months=self._period_months(children, span), span=span)

    def point_period_end(self, meta: Any, children: list) -> m.Point:
        span = self.mspan(meta)
        return m.Point(of="period_end", period_months=self._period_months(children, span), span=span)

    def point_start(self, meta, children): return m.Point(of="term_start", span=self.mspan(meta))  # noqa: E704
    def point_term(self, meta, children): return m.Point(of="term_end", span=self.mspan(meta))  # noqa: E704

    def point_month_end(self, meta: Any, children: list) -> m.AnnualDate:
        from clauses.language.lower import _MONTHS, _fold_month

        name = _tokens(children, "MONTH_NAME")[0]
        month = _MONTHS[_fold_month(str(name))]
        relation = next((c for c in children if isinstance(c, (int, tuple)) and not isinstance(c, Token)), 0)
        years_after, in_force = relation if isinstance(relation, tuple) else (relation, False)
        last = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        return m.AnnualDate(day=last, month=month, years_after=years_after, inclusive=True, month_end=True,
                            in_force=in_force, span=self.mspan(meta))

    def year_previous_in_force(self, meta, children): return (1, True)  # noqa: E704

    def _anchored(self, meta: Any, children: list, inclusive: bool, forward: bool) -> Any:
        from clauses.language.lower import Item

        span = self.mspan(meta)
        point = next(c for c in children if isinstance(c, (m.Point, m.AnnualDate)))
        duration = next((c for c in children if isinstance(c, m.Duration)), None) if forward else None
        if isinstance(point, m.AnnualDate):
            if duration is not None:
                self.report("V012", tr("a limit cannot be counted forward from the end of a named month here: "
                                       "write the day it falls on (`au plus tard le 30 avril de chaque année`)"),
                            span)
            # `avant la fin du mois de janvier`: the end of a month is a moment, not a day: its last day counts
            return Item("deadline", point.model_copy(update={"span": span}), span)
        return Item("deadline", m.Anchored(point=point, after=duration, inclusive=inclusive or duration is not None,
                                           span=span), span)

    def point_at_latest(self, meta, children): return self._anchored(meta, children, True, False)  # noqa: E704
    def point_before(self, meta, children): return self._anchored(meta, children, False, False)  # noqa: E704
    def point_after(self, meta, children): return self._anchored(meta, children, True, True)  # noqa: E704
    def point_within(self, meta, children): return self._anchored(meta, children, True, True)  # noqa: E704

    def point_numberless(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        span = self.mspan(meta)
        point = m.Point(of="period_end", period_months=self._period_months(children, span), span=span)
        return Item("deadline", m.Prompt(manner="at_end", point=point, span=span), span)

    # ------------------------------------------------------------ numberless limits from the term end
    def trigger_term(self, meta, children): return _TERM  # noqa: E704

    def prompt(self, meta: Any, children: list) -> Any:
        if _TERM in children:
            from clauses.language.lower import Item

            span = self.mspan(meta)
            return Item("deadline", m.Prompt(manner=children[0], point=m.Point(of="term_end", span=span), span=span),
                        span)
        return super().prompt(meta, children)

    def prompt_as_soon_as_term(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        span = self.mspan(meta)
        return Item("deadline", m.Prompt(manner="as_soon_as", point=m.Point(of="term_end", span=span), span=span),
                    span)

    # ------------------------------------------------------------ the later / earlier of events
    def _later(self, meta: Any, children: list, earliest: bool) -> Any:
        from clauses.language.lower import Item

        span = self.mspan(meta)
        duration = next(c for c in children if isinstance(c, m.Duration))
        events = next(c for c in children if isinstance(c, tuple))
        if len(set(events)) < 2:
            self.report("V012", tr("the later (or earlier) of the events needs at least two different events"),
                        span, tr("write `dans un délai de 30 jours à compter de notification` for one event"))
        return Item("deadline", m.LaterOf(duration=duration, events=tuple(events), earliest=earliest, span=span),
                    span)

    def after_later(self, meta, children): return self._later(meta, children, False)  # noqa: E704
    def after_earlier(self, meta, children): return self._later(meta, children, True)  # noqa: E704

    # ------------------------------------------------------------ windows
    def window_in_year(self, meta: Any, children: list) -> int:
        from clauses.language.lower import FIRST_YEAR, LAST_YEAR

        token = _tokens(children, "NUMBER")[0]
        year = self.integer(token)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.report("V002", tr("`{year}` is not a year a convention can have: write a year from {first} to "
                                   "{last}", year=str(token), first=FIRST_YEAR, last=LAST_YEAR), self.tspan(token))
            return FIRST_YEAR
        return year

    def window_each_year(self, meta, children): return None  # noqa: E704
    def window_year_before(self, meta, children): return ("before", str(_tokens(children, "ID")[0]))  # noqa: E704

    @staticmethod
    def _year(children: list) -> int | None:
        return next((c for c in children if isinstance(c, int) and not isinstance(c, bool)), None)

    def _window(self, meta: Any, children: list | None = None, **fields: Any) -> Any:
        from clauses.language.lower import Item

        span = self.mspan(meta)
        before = next((c[1] for c in children or () if isinstance(c, tuple) and c and c[0] == "before"), None)
        if before is not None:
            fields["before_event"] = before
        return Item("deadline", m.Window(span=span, **fields), span)

    def window_part(self, meta: Any, children: list) -> Any:
        span = self.mspan(meta)
        months = self._period_months(children, span)
        ordinal = self._ordinal(children, months, span)
        if ordinal == -1:
            ordinal = 12 // months
        return self._window(meta, children, start_month=(ordinal - 1) * months + 1, start_day=1, end_month=ordinal * months,
                            end_day=31, year=self._year(children))

    def window_month(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import _MONTHS, _fold_month

        month = _MONTHS[_fold_month(str(_tokens(children, "MONTH_NAME")[0]))]
        return self._window(meta, children, start_month=month, start_day=1, end_month=month, end_day=31,
                            year=self._year(children))

    def window_days(self, meta: Any, children: list) -> Any:
        (d1, m1, t1), (d2, m2, t2) = [c for c in children if isinstance(c, tuple) and len(c) == 3]
        for day, month, token in ((d1, m1, t1), (d2, m2, t2)):
            if not 1 <= day <= (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]:
                self.report("V002", tr("there is no day {day} in {month}", day=day, month=str(token)),
                            self.tspan(token))
        return self._window(meta, children, start_month=m1, start_day=d1, end_month=m2, end_day=d2, year=self._year(children))

    def window_dates(self, meta: Any, children: list) -> Any:
        first, last = (self.date(t) for t in _tokens(children, "DATE"))
        if last < first:
            self.report("V002", tr("the window ends on {last}, before it starts on {first}", last=last, first=first),
                        self.mspan(meta), tr("write the first day first: `entre le {last} et le {first}`",
                                             last=last, first=first))
        return self._window(meta, first=first, last=last, year=first.year, start_month=first.month,
                            start_day=first.day, end_month=last.month, end_day=last.day)

    # ------------------------------------------------------------ which periods; a power's effect
    def _pick(self, meta: Any, children: list, only: bool) -> Any:
        from clauses.language.lower import Item

        span = self.mspan(meta)
        months = self._period_months(children, span)
        return Item("periods", m.PeriodPick(ordinal=self._ordinal(children, months, span), period_months=months,
                                            only=only, span=span), span)

    def pick_only(self, meta, children): return self._pick(meta, children, True)  # noqa: E704
    def pick_except(self, meta, children): return self._pick(meta, children, False)  # noqa: E704

    def effect_on(self, meta: Any, children: list) -> Any:
        from clauses.language.lower import Item

        item = self._annual(meta, children, True)
        span = self.mspan(meta)
        return Item("effective_on", item[1], span)
