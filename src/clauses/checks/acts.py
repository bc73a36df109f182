"""G02x — acts (issue 10): standing duties that nothing can breach, joint duties of one party.

What a draft gets wrong: "L'UDAF s'engage à faciliter, à tout moment, le contrôle" written as a
standing duty (`à tout moment`) with no event that shows its failure: the log can never show it
breached, the duty only ever reads "in force"; "un état des lieux dressé contradictoirement"
written `propriétaire conjointement`: a joint duty needs two debtors or more.
"""

from __future__ import annotations

from typing import Iterator

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.language import model as m


@check("G020", "standing-duty-never-breached", Severity.WARNING,
       "a standing duty (`à tout moment`) names no event that breaches it",
       """
"L'UDAF s'engage à faciliter, à tout moment, le contrôle": a standing duty has no
date; what the log can show is its failure, an event of refusal or obstruction
(`méconnue par refus_contrôle`). Without one, the checker lists the duty as in
force for as long as the convention runs and can never find it breached, however
the parties behave: the rule says less than the article. Name the event the
registers record when the duty is not honoured.
""",
       bad='obligation contrôles article 5 : udaf doit contrôle à tout moment.',
       good='obligation contrôles article 5 : udaf doit contrôle à tout moment méconnue par refus_contrôle.')
def standing_never_breached(ctx: CheckContext) -> Iterator[Diagnostic]:
    for duty in clauses_of(ctx, m.Duty):
        if isinstance(duty.deadline, m.Prompt) and duty.deadline.manner == "at_any_time" and not duty.violated_by:
            yield Diagnostic.of("G020", tr("{where} is a standing duty no logged event can breach: it is reported in "
                                           "force for ever", where=where(duty)),
                                duty.deadline.span or duty.span,
                                tr("add `méconnue par EVENT`, the event that shows the failure"))


@check("G021", "joint-duty-of-one", Severity.WARNING,
       "a duty borne jointly (`conjointement`) has a single debtor",
       """
"Un état des lieux est dressé contradictoirement entre le propriétaire et
l'utilisateur": a joint duty is met only by an act every debtor takes part in
(`by: propriétaire;utilisateur`). Written for one party (`propriétaire
conjointement`), the word says nothing: the duty is that party's own, and the
other debtor the article names was dropped from the rule. Name every party that
must take part.
""",
       bad='obligation état_des_lieux article 4 : propriétaire conjointement doit état_des_lieux au plus tard 2025-01-01.',
       good='obligation état_des_lieux article 4 : propriétaire et utilisateur conjointement doivent état_des_lieux '
            'au plus tard 2025-01-01.')
def joint_duty_of_one(ctx: CheckContext) -> Iterator[Diagnostic]:
    signatories = [p.id for p in ctx.convention.parties if p.signatory]
    for clause in clauses_of(ctx, m.Duty):
        bearer = clause.bearer
        debtors = bearer.parties if bearer.type == "list" else signatories
        if bearer.together and len(set(debtors)) < 2:
            yield Diagnostic.of("G021", tr("{where} is borne jointly by {debtors} alone: a joint act needs two "
                                           "debtors or more", where=where(clause), debtors=", ".join(debtors) or "—"),
                                bearer.span or clause.span,
                                tr("name every party that takes part (`a et b conjointement`), or drop `conjointement`"))
