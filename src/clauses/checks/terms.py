"""T1xx — the term as texts write it (issue 10, item 7): `du … au …`, `durée indéterminée`,
extensions decided by an event within a cap.

What a draft gets wrong with these forms: a term said to be unlimited that also states an
end, a duration or renewals (which one binds?); a cap on extensions that leaves no room for
any extension. The dates are counted as the evaluation counts them (:func:`timeline`).
"""

from __future__ import annotations

from typing import Iterator

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.term import later
from clauses.checks import CheckContext, check, where
from clauses.checks.time import timeline


@check("T101", "unlimited-term-with-an-end", Severity.ERROR,
       "a term of unlimited duration also states an end, a duration or renewals",
       """
"La présente convention est conclue pour une durée indéterminée" leaves the
convention in force until a party ends it (a termination, a withdrawal). A term
that says so and also states an end date, a duration, a `du … au …` span or a
renewal says two incompatible things: the checker cannot know whether duties
counted back from the term end ever fall due, nor whether the convention lapses.
The draft kept a sentence of an older version; the parties must say which one binds.
""",
       bad="durée article 2 : durée indéterminée 3 ans à compter du 2024-01-01.",
       good="durée article 2 : durée indéterminée.")
def unlimited_with_end(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    if term is None or not term.unlimited:
        return
    stated = [what for what, present in (
        (tr("an end date"), term.end_date is not None), (tr("a last day (`du … au …`)"), term.last_day is not None),
        (tr("a duration"), term.duration is not None),
        (tr("a renewal"), term.renewal is not None)) if present]
    if stated:
        yield Diagnostic.of("T101", tr("{where} is concluded for an unlimited duration, yet states {what}",
                                       where=where(term), what=", ".join(stated)),
                            term.span, tr("keep `durée indéterminée` or the end it contradicts, not both"))


@check("T102", "extension-cap-leaves-no-room", Severity.ERROR,
       "a term extended by an event is capped at its own first end",
       """
"Du 1er janvier au 31 décembre 2025, prolongeable par avenant dans la limite de
12 mois" caps the term, extensions included, at the end of its own first year: no
avenant can ever take effect, and the extension clause is void. A cap counts the
initial term plus every extension ("12 mois, prolongations incluses"): when it is
no longer than the initial term, either the cap or the dates are wrong. (A cap
shorter than the initial term cuts the term itself: X005 reports it.)
""",
       bad="durée article 3 : du 2025-01-01 au 2025-12-31 prolongée par avenant dans la limite de 12 mois.",
       good="durée article 3 : du 2025-01-01 au 2025-12-31 prolongée par avenant dans la limite de 18 mois.")
def extension_cap(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    tl = timeline(ctx.convention)
    if term is None or not term.extensions or term.maximum is None or tl is None:
        return
    cap = later(tl.start, term.maximum, tl.calendar)
    if cap == tl.first_end:   # a cap before the first end cuts the term itself: X005
        yield Diagnostic.of("T102", tr("{where} may be extended by {event}, but its cap of {maximum} (extensions "
                                       "included) ends it with its first term{on}: no extension can "
                                       "take effect", where=where(term), event=term.extensions[0].event,
                                       maximum=str(term.maximum), on=tl.on(cap)),
                            term.maximum.span or term.span,
                            tr("the cap counts the initial term and every extension"))
