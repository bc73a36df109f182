"""B — votes and bodies: who votes, by which rule, and whether a decision can be reached."""

from __future__ import annotations

from typing import Iterator

from clauses.language import model as m
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.i18n import joined, tr

SIMPLE_MAJORITY = (None, m.MajorityRule.MAJORITY_OF_MEMBERS, m.MajorityRule.MAJORITY_OF_VOTES_CAST)
UNANIMOUS = (m.MajorityRule.UNANIMITY, m.MajorityRule.EACH_AGREES)


def votes(ctx: CheckContext) -> list[m.Vote]:
    return clauses_of(ctx, m.Vote)


def body_of(conv: m.Convention, vote: m.Vote) -> m.Body | None:
    return next((b for b in conv.bodies if b.id == vote.body), None) if vote.body else None


def members(body: m.Body) -> tuple[str, ...]:
    """The body's deliberative members: the parties with a deliberative vote, and its chair (seed 004
    art. 4 gives the chair a deliberative vote; counting it never makes a finding out of nothing)."""
    chair = (body.chair,) if body.chair and body.chair not in body.deliberative else ()
    return chair + body.deliberative


def voters_of(conv: m.Convention, vote: m.Vote) -> tuple[str, ...]:
    """Who votes, as the evaluation counts them: the voters named, else the body's deliberative
    members, else every signatory party."""
    if vote.voters:
        return vote.voters
    body = body_of(conv, vote)
    if body is not None and body.deliberative:
        return body.deliberative
    return tuple(p.id for p in conv.parties if p.signatory)


def _names(ids) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _verb(ids, one: str, many: str) -> str:
    """`titulaire` votes / `a`, `b` vote."""
    return f"{_names(ids)} {one if len(ids) == 1 else many}"


def _body_words(body: m.Body) -> str:
    arts = ", ".join(c.label for c in body.citations)
    return f"body `{body.id}` (article {arts})" if arts else f"body `{body.id}`"


@check("B001", "voter-not-member", Severity.ERROR,
       "a voter is not a party, or not a deliberative member of the body the vote is held in",
       """
A decision taken in a body (a steering committee, a commission ad hoc) is taken
by its deliberative members; members with a consultative vote ("voix
consultative", seed 004 art. 4) are heard but do not vote, and outsiders have
no say at all. A ballot counted for someone who has no deliberative vote makes
the decision open to challenge: the list of voters and the composition of the
body must agree. (Voters that are not declared parties are reported by N001.)
""",
       bad="""
instance commission "commission ad hoc" article 4 :
  présidée par ville
  voix délibérative ville et bailleur
  voix consultative "personnalités compétentes".
vote avis article 4 :
  bulletins avis décision attribution
  au sein de commission
  votants ville, bailleur et titulaire
  à la majorité des membres.
""",
       good="""
vote avis article 4 :
  bulletins avis décision attribution
  au sein de commission
  votants ville et bailleur
  à la majorité des membres.
""")
def voter_not_member(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    parties = {p.id for p in conv.parties}
    for vote in votes(ctx):
        body = body_of(conv, vote)
        outsiders = [v for v in vote.voters if v not in parties]
        if outsiders:
            what = _verb(outsiders, "votes but is not a party", "vote but are not parties")
            yield Diagnostic.of("B001", tr("{where}: {what} to the convention", where=where(vote), what=what), vote.span,
                                tr("declare them with `partie`, or remove them"))
        if body is None:
            continue
        strangers = [v for v in vote.voters if v in parties and v not in members(body)]
        if strangers:
            consultative = [v for v in strangers if v in body.consultative]
            detail = " (a consultative vote only)" if consultative else ""
            yield Diagnostic.of("B001", tr("{where}: {verb} in {body_words} without a deliberative vote "
                                           "there{detail}", where=where(vote),
                                           verb=_verb(strangers, 'votes', 'vote'),
                                           body_words=_body_words(body), detail=detail), vote.span,
                                tr("the deliberative members are {names}", names=_names(members(body))))


@check("B002", "tie-undecidable", Severity.WARNING,
       "an even number of voters decide by simple majority with no casting vote: a tie decides nothing",
       """
Four members deciding "à la majorité des voix des membres" can split two
against two; without a casting vote ("en cas d'égalité, la voix du
coordonnateur prévaut", seed 004 art. 4.3) the decision is neither taken nor
refused, and a renewal or an allocation that depends on it stays blocked. The
checker reports such a tally as "no valid decision".
""",
       bad="""
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants ville, vilogia, partenord et logis
  à la majorité des membres.
""",
       good="""
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants ville, vilogia, partenord et logis
  à la majorité des membres
  voix prépondérante de ville.
""")
def tie_undecidable(ctx: CheckContext) -> Iterator[Diagnostic]:
    # a vote judged from the counts recorded on its decision event (``majorité de 2/3 des présents``):
    # no ballots, and a number of voters that changes from one meeting to the next; imported here, so that
    # the linter imports the evaluation (and the event log) only for a file with a vote
    from clauses.evaluation.governance import counted

    for vote in votes(ctx):
        voters = voters_of(ctx.convention, vote)
        if (vote.rule in SIMPLE_MAJORITY and voters and len(voters) % 2 == 0 and vote.casting_vote is None
                and not counted(vote)):
            rule = "" if vote.rule else " (the default rule, none is stated)"
            yield Diagnostic.of("B002", tr("{where}: {len} voters decide by simple majority{rule} with no "
                                           "casting vote, so a tie decides nothing", where=where(vote),
                                           len=len(voters), rule=rule), vote.span,
                                tr("add `voix prépondérante de …` if the text gives one, or record that it "
                                   "does not"))


@check("B003", "casting-vote-not-voter", Severity.ERROR,
       "the casting vote belongs to someone who does not vote",
       """
A casting vote breaks a tie by counting the holder's own ballot twice ("la voix
du président est prépondérante"); given to someone who casts no ballot, it can
never apply, and every tie stays undecided. Either the holder is missing from
the voters, or the casting vote was given to the wrong party.
""",
       bad="""
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants vilogia, partenord, logis et ville
  à la majorité des membres
  voix prépondérante de titulaire.
""",
       good="""
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants vilogia, partenord, logis et ville
  à la majorité des membres
  voix prépondérante de ville.
""")
def casting_vote_not_voter(ctx: CheckContext) -> Iterator[Diagnostic]:
    for vote in votes(ctx):
        voters = voters_of(ctx.convention, vote)
        if vote.casting_vote and vote.casting_vote not in voters:
            yield Diagnostic.of("B003", tr("{where}: the casting vote belongs to `{casting_vote}`, who is "
                                           "not among the voters, so it can never break a tie",
                                           where=where(vote), casting_vote=vote.casting_vote), vote.span,
                                tr("the voters are {names}", names=_names(voters)))


@check("B004", "unanimity-outside-parties", Severity.WARNING,
       "a unanimous decision needs the assent of a voter who is not a signatory party",
       """
"Avec l'accord de chaque partie" or "à l'unanimité" gives every voter a veto.
A voter who has not signed the convention (the contractor of seed 004) is not
bound by it (C. civ. art. 1199): nothing obliges it to vote, and its silence
blocks the decision for good. The parties whose agreement is needed must be
the parties to the convention. Warning rather than error: the outsider may in
fact agree.
""",
       bad="""
vote suivi article IV :
  bulletins accord_structure décision suivi_ménage
  votants soliha, mta et titulaire
  avec l'accord de chaque partie.
""",
       good="""
vote suivi article IV :
  bulletins accord_structure décision suivi_ménage
  votants soliha et mta
  avec l'accord de chaque partie.
""")
def unanimity_outside_parties(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    for vote in votes(ctx):
        if vote.rule not in UNANIMOUS:
            continue
        outside = [v for v in voters_of(conv, vote) if (p := conv.party(v)) is None or not p.signatory]
        if outside:
            yield Diagnostic.of("B004", tr("{where} needs the assent of every voter, including {names}, who is "
                                           "not bound by the convention (not a signatory party)",
                                           where=where(vote), names=_names(outside)) if len(outside) == 1 else
                                tr("{where} needs the assent of every voter, including {names}, who are not "
                                   "bound by the convention (not signatory parties)",
                                   where=where(vote), names=_names(outside)),
                                vote.span, tr("keep only the signatory parties among the voters"))


@check("B005", "vote-uncheckable", Severity.WARNING,
       "a vote names no ballot event or no decision event: its decisions cannot be checked",
       """
The checker recomputes each decision from the ballots cast before it (who voted
for, who against, under the clause's rule) and compares it with the decision
recorded. Without the event that records a ballot (`bulletins`) or the one that
records the decision (`décision`), a decision contrary to the rule goes
unnoticed, like a duty without a time limit (V013). A vote counted on the
meeting (`majorité de … des présents`, `quorum …`) has no ballots: only its
decision is asked for.
""",
       bad="""
vote reconduction article 4.3 :
  votants ville et bailleur
  à l'unanimité.
""",
       good="""
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants ville et bailleur
  à l'unanimité.
""")
def vote_uncheckable(ctx: CheckContext) -> Iterator[Diagnostic]:
    from clauses.evaluation.governance import counted

    for vote in votes(ctx):
        needed = ((tr("no decision event (`décision`)"), vote.decision),) if counted(vote) else (
            (tr("no ballot event (`bulletins`)"), vote.ballots), (tr("no decision event (`décision`)"), vote.decision))
        missing = [w for w, v in needed if v is None]
        if missing:
            yield Diagnostic.of("B005", tr("{where} names {missing}, so its decisions cannot be checked",
                                           where=where(vote), missing=joined(missing, tr("{a} and {b}").template)),
                                vote.span,
                                tr("name the events the log records, e.g. `bulletins avis décision "
                                   "adoption`"))


@check("B006", "quorum-exceeds-voters", Severity.ERROR,
       "a quorum is larger than the number of members who can vote",
       """
A quorum of 5 in a commission of 4 deliberative members can never be reached:
no decision of the body is ever valid, and whatever depends on it (a renewal,
the choice of a contractor) is blocked. Usually consultative members were
counted, or a member left and the quorum was not updated.
""",
       bad="""
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants ville, vilogia, partenord et logis
  à la majorité des membres
  voix prépondérante de ville
  quorum 5.
""",
       good="""
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants ville, vilogia, partenord et logis
  à la majorité des membres
  voix prépondérante de ville
  quorum 3.
""")
def quorum_exceeds_voters(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    for body in conv.bodies:
        if body.quorum is not None and body.deliberative and body.quorum > len(members(body)):
            yield Diagnostic.of("B006", tr("{body_words} has a quorum of {quorum} but only {len} "
                                           "deliberative members", body_words=_body_words(body),
                                           quorum=body.quorum, len=len(members(body))), body.span,
                                tr("consultative members do not count towards the quorum"))
    for vote in votes(ctx):
        voters = voters_of(conv, vote)
        if vote.quorum is not None and vote.quorum > len(voters):
            yield Diagnostic.of("B006", tr("{where} has a quorum of {quorum} but only {len} voters",
                                           where=where(vote), quorum=vote.quorum, len=len(voters)), vote.span, tr("the voters are {names}",
                                                                names=_names(voters)))
