"""T14x — calendar windows (issue 10, item 5): "au cours du second semestre 2019", "en novembre",
"entre le 1er septembre et le 31 octobre".

What a draft gets wrong with windows: a window copied from an older convention whose year falls
outside the term (the duty can never be met, or never be owed); a window whose end comes before
its start in the year ("entre le 31 octobre et le 1er septembre": inverted, or meant to run into
the next year?). A window written with dates whose end is before its start is a value error
(V002) reported when the file is read. The dates are counted as the evaluation counts them
(:func:`clauses.checks.time.timeline`).
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.checks.time import timeline
from clauses.language import model as m


def _windows(ctx: CheckContext) -> Iterator[tuple[m.ClauseBase, m.Window]]:
    for duty in clauses_of(ctx, m.Duty):
        if isinstance(duty.deadline, m.Window):
            yield duty, duty.deadline
    for power in clauses_of(ctx, m.Power):   # time: a power's calendar window is checked as a duty's
        for cond in power.conditions:
            if isinstance(cond, m.InWindow):
                yield power, cond.window


@check("T140", "window-outside-the-term", Severity.WARNING,
       "a duty's calendar window falls outside the term",
       """
"Le bilan est présenté au cours du second semestre 2019" in a convention that
runs from 2021 to 2023: the window was copied from an earlier convention. It
never opens while the convention is in force, so the duty is never owed (or, if
it survives the term, it is owed at a time no one expects). Correct the year, or
write `de chaque année` when the act is due every year.
""",
       bad="obligation bilan article 5 : asso doit bilan au cours du second semestre 2019.",
       good="obligation bilan article 5 : asso doit bilan au cours du second semestre de chaque année.")
def window_outside_term(ctx: CheckContext) -> Iterator[Diagnostic]:
    tl = timeline(ctx.convention)
    if tl is None or not tl.known:
        return
    for duty, window in _windows(ctx):
        if window.year is None:
            continue
        from clauses.evaluation.windows import bounds   # the evaluation imported only for a dated window

        first, last = bounds(window, window.year)
        end = tl.end    # None: renewed without limit
        if last < tl.start or (end is not None and first >= end):
            span = tr("{first} – {last}", first=first, last=last)
            term = tr("{start} – {end}", start=tl.start, end=(end - dt.timedelta(days=1)) if end else "…")
            yield Diagnostic.of("T140", tr("{where} must be done in the window {window}, outside the term {term}",
                                           where=where(duty), window=span, term=term),
                                window.span or duty.span,
                                tr("correct the year, or write `de chaque année` for a yearly window"))


@check("T141", "window-ends-before-it-starts", Severity.WARNING,
       "a duty's calendar window ends, in the year, before it starts",
       """
"Entre le 31 octobre et le 1er septembre": written this way the window runs from
31 October to 1 September of the next year (ten months), which is rarely what was
meant — the two days were probably swapped. When the window really crosses the new
year ("entre le 1er décembre et le 31 janvier"), state it with a reading.
""",
       bad="obligation inventaire article 5 : asso doit inventaire entre le 31 octobre et le 1er septembre "
           "de chaque année.",
       good="obligation inventaire article 5 : asso doit inventaire entre le 1er septembre et le 31 octobre "
            "de chaque année.")
def window_inverted(ctx: CheckContext) -> Iterator[Diagnostic]:
    for duty, window in _windows(ctx):
        if window.first is not None or duty.readings:
            continue
        if (window.end_month, window.end_day) < (window.start_month, window.start_day):
            from clauses.evaluation.windows import bounds

            first, last = bounds(window, window.year or 2001)
            yield Diagnostic.of("T141", tr("{where}: the window ends on {end}, before it starts on {start} (day/month): "
                                           "it is read as running into the next year ({days} days)",
                                           where=where(duty), end=last.strftime("%d/%m"),
                                           start=first.strftime("%d/%m"), days=(last - first).days + 1),
                                window.span or duty.span,
                                tr("swap the two days, or record with `lecture` that the window crosses the new year"))
