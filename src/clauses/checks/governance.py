"""B — the governance constructs of issue 10 item 9: a second meeting that can never be regular,
election rules on a vote that is not an election, an election stated with a majority too."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from clauses.checks import CheckContext, check, clauses_of, where
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr, trn
from clauses.language import model as m
from clauses.language.lower import DAYS_PER_UNIT


def _days(duration: m.Duration) -> int:
    """An approximate length in days, to compare two limits stated in different units."""
    days = duration.amount * DAYS_PER_UNIT[duration.unit]
    return days + (_days(duration.plus) if duration.plus else 0)


@check("B021", "second-meeting-impossible", Severity.ERROR,
       "a second meeting must come within a limit shorter than the delay it must wait",
       """
A vote that states both `seconde convocation au moins 15 jours après` (the second meeting
may not come earlier) and `nouvelle assemblée dans un délai de 10 jours` (nor later) leaves
no day on which the second meeting is regular: every second meeting is reported as a breach,
and the body can never decide after a failed first meeting. Usually one of the two numbers
was copied from another article, or the units differ (days against months).
""",
       bad="""
vote dissolution article 41 :
  décision dissolution
  majorité de 2/3 des membres
  seconde convocation au moins 15 jours après sans quorum
  nouvelle assemblée dans un délai de 10 jours.
""",
       good="""
vote dissolution article 41 :
  décision dissolution
  majorité de 2/3 des membres
  seconde convocation au moins 15 jours après sans quorum
  nouvelle assemblée dans un délai de 1 mois.
""")
def second_meeting_impossible(ctx: CheckContext) -> Iterator[Diagnostic]:
    for vote in clauses_of(ctx, m.Vote):
        second = vote.second_meeting
        if second is not None and vote.second_call is not None and _days(second.within) <= _days(vote.second_call):
            yield Diagnostic.of("B021", tr("{where}: the second meeting must come at least {least} after the first "
                                           "but within {within}: no day is both", where=where(vote),
                                           least=str(vote.second_call), within=str(second.within)),
                                second.span or vote.span,
                                tr("check both numbers against the article"))


@check("B022", "election-rules-without-election", Severity.WARNING,
       "a tie drawn by lot on a vote that is not an election, or an election with a majority rule",
       """
`égalité tirage au sort` settles a tie between candidates for a seat: it belongs to an
election by plurality (`à la majorité relative`), whose event records the votes per
candidate. On a decision by majority it means nothing (a tied decision is rejected, or
settled by a casting vote), and an election stated with a `majorité de …` rule as well
says two different things: the candidates with the most votes, or those reaching the
fraction. The checker cannot know which the article means.
""",
       bad="""
vote élection article 11 :
  décision élection
  majorité de la moitié plus un des présents
  égalité tirage au sort.
""",
       good="""
vote élection article 11 :
  décision élection
  à la majorité relative
  égalité tirage au sort.
""")
def election_rules_without_election(ctx: CheckContext) -> Iterator[Diagnostic]:
    for vote in clauses_of(ctx, m.Vote):
        if vote.tie_by_lot and not vote.plurality:
            yield Diagnostic.of("B022", tr("{where}: a tie drawn by lot, but the vote is not an election by "
                                           "plurality", where=where(vote)), vote.span,
                                tr("write `à la majorité relative` if the article elects candidates"))
        elif vote.plurality and (vote.majority_rule is not None or vote.rule is not None):
            yield Diagnostic.of("B022", tr("{where}: an election by plurality that also states a majority rule",
                                           where=where(vote)), vote.span,
                                tr("keep the one the article states"))


def _with_mandates(ctx: CheckContext) -> Iterator[tuple[m.Body, m.Mandates]]:
    for body in ctx.convention.bodies:
        if body.mandates is not None:
            yield body, body.mandates


@check("B023", "mandate-share-mismatch", Severity.WARNING,
       "members' mandates whose length does not give the share renewed at each renewal",
       """
`élus par élection_ca pour 2 ans renouvelés par moitié chaque année`: a mandate lasts two
renewals, so half of the seats come up each time — the length, the interval and the share
agree. `pour 3 ans renouvelés par moitié chaque année` does not: a third of the seats would
come up each year, not half, and the checker would report renewals the article never
meant. Usually the share (moitié, tiers, quart) or the length was copied from another text.
""",
       bad="""
instance conseil "Conseil d'administration" article 10 :
  élus par élection_ca pour 3 ans
  renouvelés par moitié chaque année.
""",
       good="""
instance conseil "Conseil d'administration" article 10 :
  élus par élection_ca pour 3 ans
  renouvelés par tiers chaque année.
""")
def mandate_share_mismatch(ctx: CheckContext) -> Iterator[Diagnostic]:
    for body, mandates in _with_mandates(ctx):
        if mandates.years and mandates.every and mandates.share and mandates.years != mandates.share * mandates.every:
            groups = Decimal(f"{mandates.years / mandates.every:g}")   # 1.5 groups: each count its own words
            yield Diagnostic.of("B023", tr("body `{body}`: mandates of {years} renewed every {every} come up in "
                                           "{groups}, not by 1/{share}", body=body.id,
                                           years=trn("{n} year", "{n} years", mandates.years),
                                           every=trn("{n} year", "{n} years", mandates.every),
                                           groups=trn("{n} group", "{n} groups", 1 if groups == 1 else 2, n=groups),
                                           share=mandates.share),
                                mandates.span or body.span,
                                tr("check the length of the mandate and the share against the article"))


@check("B024", "mandate-rules-incomplete", Severity.WARNING,
       "a renewal or a draw of the first leavers on a body whose mandates are not stated, or a draw no "
       "renewal needs",
       """
`renouvelés par moitié chaque année` and `premiers sortants tirés au sort` say how the
members' mandates come to an end: they need the mandates themselves (`élus par élection_ca
pour 2 ans`: which event of the log elects the members, for how long), else the checker
cannot replay the body. A draw of the first leavers only makes sense when a mandate lasts
several renewals (the members first elected must leave in groups); when every mandate ends
at the next renewal there is nobody to draw.
""",
       bad="""
instance conseil "Conseil d'administration" article 10 :
  renouvelés par moitié chaque année
  premiers sortants tirés au sort.
""",
       good="""
instance conseil "Conseil d'administration" article 10 :
  élus par élection_ca pour 2 ans
  renouvelés par moitié chaque année
  premiers sortants tirés au sort.
""")
def mandate_rules_incomplete(ctx: CheckContext) -> Iterator[Diagnostic]:
    for body, mandates in _with_mandates(ctx):
        span = mandates.span or body.span
        if mandates.election is None:
            yield Diagnostic.of("B024", tr("body `{body}`: its renewal is stated but not its mandates", body=body.id),
                                span, tr("add `élus par ÉVÉNEMENT pour N ans` (the event of the log that elects "
                                         "the members)"))
        elif mandates.first_draw and (mandates.share is None or (mandates.years or 0) <= (mandates.every or 1)):
            yield Diagnostic.of("B024", tr("body `{body}`: the first leavers are drawn by lot, but every mandate "
                                           "ends at the next renewal: nobody leaves early", body=body.id), span,
                                tr("state the renewal (`renouvelés par moitié chaque année`) or remove the draw"))

def _outcomes(ctx: CheckContext):
    """Every `X adoptée` / `X rejetée` condition: (clause, the condition)."""
    from clauses.language.resolve_conditions import atoms, conditions_of

    for clause in ctx.convention.clauses:
        for cond in conditions_of(clause):
            for atom in atoms(cond):
                if isinstance(atom, m.Decided):
                    yield clause, atom


@check("B025", "outcome-without-vote", Severity.ERROR,
       "the outcome of a decision no vote can judge (`X adoptée` with no vote deciding X, or an election)",
       """
« La renonciation ne peut être décidée que par l'assemblée générale extraordinaire selon les
modalités de vote de l'article 41 »: `si décision_renonciation adoptée` judges the decision from
the counts on its event, under the rules of the vote clause that decides it (`décision
décision_renonciation`). When no vote clause decides that event, there is no quorum nor
majority to judge it by, and the condition can never be shown to hold: name the vote whose
rules apply (`selon le vote dissolution`), or write the vote clause. An election by plurality
elects candidates; it adopts nothing.
""",
       bad="""
pouvoir renonciation article 40 :
  aappma peut renonciation_agrément
  si décision_renonciation adoptée.
""",
       good="""
pouvoir renonciation article 40 :
  aappma peut renonciation_agrément
  si décision_renonciation adoptée selon le vote dissolution.
""")
def outcome_without_vote(ctx: CheckContext) -> Iterator[Diagnostic]:
    from clauses.evaluation.outcomes import deciding_vote

    for clause, atom in _outcomes(ctx):
        vote = deciding_vote(ctx.convention, atom)
        if vote is None and atom.vote is None:
            yield Diagnostic.of("B025", tr("{where}: no vote clause decides `{event}`: its outcome cannot be judged",
                                           where=where(clause), event=atom.event), atom.span or clause.span,
                                tr("name the vote whose rules apply (`selon le vote V`), or add `décision {event}` "
                                   "to a vote clause", event=atom.event))
        elif vote is not None and vote.plurality:
            yield Diagnostic.of("B025", tr("{where}: `{vote}` is an election by plurality: it elects candidates, "
                                           "it adopts nothing", where=where(clause), vote=vote.id),
                                atom.span or clause.span, tr("name the vote by majority that decides `{event}`",
                                                             event=atom.event))


@check("B026", "outcome-of-several-votes", Severity.WARNING,
       "the outcome of a decision that several vote clauses decide, without naming one",
       """
Two vote clauses that both state `décision délibération` (an ordinary and an extraordinary
assembly recorded with one event name) judge the same meetings under different rules. A
condition `si délibération adoptée` is then judged under the first of them only, which may
not be the one the article means: name it (`selon le vote assemblée_extraordinaire`), or
give each assembly its own event.
""",
       bad="""
vote ordinaire article 25 : décision délibération majorité de la moitié plus un des présents.
vote extraordinaire article 41 : décision délibération majorité de 2/3 des membres.
pouvoir renonciation article 40 : aappma peut renonciation si délibération adoptée.
""",
       good="""
vote ordinaire article 25 : décision délibération majorité de la moitié plus un des présents.
vote extraordinaire article 41 : décision délibération majorité de 2/3 des membres.
pouvoir renonciation article 40 : aappma peut renonciation si délibération adoptée selon le vote extraordinaire.
""")
def outcome_of_several_votes(ctx: CheckContext) -> Iterator[Diagnostic]:
    for clause, atom in _outcomes(ctx):
        deciding = [c.id for c in clauses_of(ctx, m.Vote) if c.decision == atom.event]
        if atom.vote is None and len(deciding) > 1:
            yield Diagnostic.of("B026", tr("{where}: `{event}` is decided by {votes}: its outcome is judged under "
                                           "`{first}` only", where=where(clause), event=atom.event,
                                           votes=", ".join(f"`{v}`" for v in deciding), first=deciding[0]),
                                atom.span or clause.span, tr("name the vote: `selon le vote {first}`",
                                                             first=deciding[0]))
