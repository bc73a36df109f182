"""T — time: dates that disagree, limits that cannot fit, windows that never open."""

from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..codes import Severity
from ..diagnostics import Diagnostic
from ..timelimits import MonthRule, add_period
from . import CheckContext, check, where


def computed_end(term: m.Term, start) -> object:
    months = {"months": 1, "years": 12}
    duration = term.duration
    if duration is None or duration.unit.value not in months or duration.plus is not None:
        return None
    return add_period(start, months=duration.amount * months[duration.unit.value], rule=MonthRule.LAST_DAY)


@check("T001", "end-date-disagrees", Severity.ERROR,
       "an explicit end date disagrees with the start plus the duration",
       """
A term that states both a duration and an end date says the same thing twice;
when the two disagree (a draft changed one and not the other), nobody knows
which one binds. Under CPC art. 641 a term of N years from 25 September ends on
25 September N years later.
""",
       bad='durée article 7 : 3 ans à compter du 2019-09-25 jusqu\'au 2022-09-30.',
       good='durée article 7 : 3 ans à compter du 2019-09-25 jusqu\'au 2022-09-25.')
def end_date_disagrees(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    if term is None or term.end_date is None or not isinstance(term.start, m.DateAnchor):
        return
    expected = computed_end(term, term.start.date)
    if expected is not None and expected != term.end_date:
        yield Diagnostic.of("T001", f"{where(term)} ends on {term.end_date.isoformat()}, but {term.duration} from "
                                    f"{term.start.date.isoformat()} ends on {expected.isoformat()}",
                            term.span, "state one of them, or make them agree (CPC art. 641)")
