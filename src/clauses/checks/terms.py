"""T1xx — the term as texts write it (issue 10, item 7): `du … au …`, `durée indéterminée`,
extensions decided by an event within a cap, suspension while a situation lasts.

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
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.language import model as m
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
                                       maximum=term.maximum, on=tl.on(cap)),
                            term.maximum.span or term.span,
                            tr("the cap counts the initial term and every extension"))


@check("T103", "suspension-never-ends", Severity.WARNING,
       "a suspension of duties names the event that starts it but none that ends it",
       """
"Les obligations sont suspendues pendant la durée de l'événement de force
majeure" suspends limits from the day the situation starts to the day it ends.
A `suspension` that states no end event (`jusqu'à fin_force_majeure`) can never
resume: once the start event is logged, every limit it covers stays suspended
for ever and no breach is ever reported. Declare the event that records the end
of the situation (the notification that it ceased), and name it.
""",
       bad="suspension fm article 14 : pendant force_majeure.",
       good="suspension fm article 14 : pendant force_majeure jusqu'à fin_force_majeure.")
def suspension_never_ends(ctx: CheckContext) -> Iterator[Diagnostic]:
    for clause in clauses_of(ctx, m.Suspension):
        if clause.end is None:
            yield Diagnostic.of("T103", tr("{where} starts with {event} but names no event that ends it: the limits "
                                           "it suspends never resume", where=where(clause), event=clause.start),
                                clause.span, tr("add `jusqu'à EVENT`, the event that records the end of the situation"))


@check("T104", "annual-duty-due-after-the-end", Severity.WARNING,
       "a duty due after each year it accounts for falls due, for the last year, after the convention ends",
       """
"Le compte rendu financier est transmis au plus tard le 30 avril de chaque
année, pour l'année précédente" in a convention that ends on 31 December: the
report for the last year falls due four months after the end, when the
convention no longer binds anyone, so the checker discharges it — yet that is
the report a funder needs most. Such duties usually survive the term (the
text often says so elsewhere, "les obligations de compte rendu survivent");
state it with `survit au terme`, or record why not with `lecture`.
""",
       bad="obligation cr article 10 : asso doit compte_rendu au plus tard le 30 avril de chaque année "
           "pour l'année précédente.",
       good="obligation cr article 10 : asso doit compte_rendu au plus tard le 30 avril de chaque année "
            "pour l'année précédente survit au terme.")
def annual_duty_after_end(ctx: CheckContext) -> Iterator[Diagnostic]:
    tl = timeline(ctx.convention)
    term = ctx.convention.term
    if tl is None or term is None or term.renewal is not None:
        return
    for duty in clauses_of(ctx, m.Duty):
        deadline = duty.deadline
        # issue 10 item 5: also a limit counted forward from the end of each period
        after_period = isinstance(deadline, m.Anchored) and deadline.point.of == "period_end" and deadline.after
        yearly = isinstance(deadline, m.AnnualDate) and deadline.years_after and not deadline.in_force
        if duty.survives or not (after_period or yearly):
            continue
        year = tl.first_end.year if tl.first_end.month > 1 or tl.first_end.day > 1 else tl.first_end.year - 1
        yield Diagnostic.of("T104", tr("{where} is due for its last year{year} after the convention ends: it will be "
                                       "discharged unless it survives the term", where=where(duty),
                                       year=f" ({year})" if tl.known else ""),
                            deadline.span or duty.span,
                            tr("add `survit au terme` if the last year's act is still owed after the end"))
