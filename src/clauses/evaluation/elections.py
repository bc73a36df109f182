"""Elections (issue 10 item 9): « élus au scrutin secret, à la majorité relative ; en cas d'égalité,
tirage au sort » is a vote clause ``à bulletins secrets à la majorité relative égalité tirage au
sort``, judged on the election event of the log:

| column (French or English) | what it records |
|---|---|
| ``voix`` / ``votes`` | the votes per candidate: ``Dupont 12; Martin 9; Durand 9`` |
| ``élus`` / ``elected`` | who was declared elected: ``Dupont; Martin`` |
| ``sièges`` / ``seats`` | the seats to fill (else as many as the elected) |
| ``tirage`` / ``drawn`` | who won the draw by lot between the tied candidates |
| ``scrutin`` / ``ballot`` | how the vote was held (``secret``) |

The candidates with the most votes are elected, as many as there are seats; when candidates tie
for the last seats, the draw decides (``égalité tirage au sort``: the draw must be recorded, and
the drawn must be among the tied); without that rule a tie at the last seat leaves the election
undecided. An election whose declared result is not what the votes give, or that was not held by
secret ballot when the clause requires it, is a breach.
"""

from __future__ import annotations

import re

from clauses.evaluation.context import Context, article_of, readings_of
from clauses.evaluation.counts import attr_of
from clauses.events import Event
from clauses.findings import Finding, Status
from clauses.i18n import joined, tr, trn
from clauses.language import model as m

COLUMNS = {"votes": ("voix", "votes", "suffrages"), "elected": ("élus", "elus", "elected"),
           "seats": ("sièges", "sieges", "seats"), "drawn": ("tirage", "tirage au sort", "drawn", "drawn by lot"),
           "ballot": ("scrutin", "ballot")}
SECRET = {"secret", "bulletins secrets", "a bulletins secrets", "à bulletins secrets", "scrutin secret",
          "secret ballot"}


def _column(event: Event, key: str) -> str | None:
    raw = next((attr_of(event, n) for n in COLUMNS[key] if attr_of(event, n) is not None), None)
    return str(raw).strip() if raw is not None and str(raw).strip() else None


def names(text: str | None) -> list[str]:
    return [n.strip() for n in re.split(r"[;,]", text or "") if n.strip()]


def _votes(text: str | None) -> dict[str, int] | None:
    """``Dupont 12; Martin 9`` (or ``Dupont: 12``, ``Dupont=12``) -> {name: votes}; None if unreadable."""
    found: dict[str, int] = {}
    for part in names(text):
        match = re.fullmatch(r"(.+?)\s*[:=]?\s*([0-9]+)", part)
        if match is None:
            return None
        found[match.group(1).strip()] = int(match.group(2))
    return found or None


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def result(vote: m.Vote, event: Event) -> tuple[set[str] | None, list[str], list[str]]:
    """(who the votes elect, problems, lines) for one election event."""
    problems: list[str] = []
    votes = _votes(_column(event, "votes"))
    elected = names(_column(event, "elected"))
    seats_raw = _column(event, "seats")
    seats = int(seats_raw) if seats_raw and seats_raw.isdigit() else len(elected)
    lines = []
    ballot = _column(event, "ballot")
    if vote.secret_ballot:
        if ballot is None:
            lines.append(tr("how the ballot was held is not recorded (column `scrutin`): secret ballot required"))
        elif name_key(ballot) not in SECRET:
            problems.append(tr("the ballot was {ballot}, not secret", ballot=ballot))
        else:
            lines.append(tr("held by secret ballot"))
    if votes is None or seats == 0:
        lines.append(tr("the votes per candidate or the seats are not recorded (columns `voix`, `élus`, `sièges`)"))
        return None, problems, lines
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    lines.append(trn("votes: {votes}; {seats} seat", "votes: {votes}; {seats} seats", seats,
                     votes=", ".join(f"{n} {v}" for n, v in ranked), seats=seats))
    if seats >= len(ranked):
        return {name_key(n) for n, _ in ranked}, problems, lines
    cut = ranked[seats - 1][1]
    sure = {name_key(n) for n, v in ranked if v > cut}
    tied = [n for n, v in ranked if v == cut]
    left = seats - len(sure)
    if len(tied) <= left:
        return sure | {name_key(n) for n in tied}, problems, lines
    drawn = [name_key(n) for n in names(_column(event, "drawn"))]
    words = dict(tied=", ".join(tied), votes=trn("{n} vote", "{n} votes", cut),
                 seats=trn("{n} seat", "{n} seats", left))
    if not vote.tie_by_lot:
        problems.append(tr("{tied} tie with {votes} for {seats}: the clause gives no way to settle it", **words))
        return None, problems, lines
    if not drawn:
        problems.append(tr("{tied} tie with {votes} for {seats}: the draw by lot is not recorded (column `tirage`)",
                           **words))
        return None, problems, lines
    outside = [d for d in drawn if d not in {name_key(t) for t in tied}]
    if outside or len(drawn) != left:
        problems.append(tr("the draw recorded ({drawn}) is not {left} of the tied candidates ({tied})",
                           drawn=", ".join(drawn), left=left, tied=words["tied"]))
        return None, problems, lines
    lines.append(tr("{tied} tie with {votes} for {seats}: drawn by lot: {drawn}", drawn=", ".join(drawn), **words))
    return sure | set(drawn), problems, lines


def _spellings(event: Event) -> dict[str, str]:
    """Each candidate's name as the log writes it, by its folded key (for messages)."""
    found = list(_votes(_column(event, "votes")) or {}) + names(_column(event, "elected"))
    return {name_key(n): n for n in reversed(found)}


def election_findings(ctx: Context, vote: m.Vote) -> list[Finding]:
    findings = []
    for event in ctx.named(vote.decision) if vote.decision else []:
        elected, problems, lines = result(vote, event)
        shown = _spellings(event)
        declared = {name_key(n) for n in names(_column(event, "elected"))}
        if elected is not None and declared and declared != elected:
            problems.append(tr("declared elected: {declared}; the votes elect {elected}",
                               declared=", ".join(sorted(shown.get(n, n) for n in declared)),
                               elected=", ".join(sorted(shown.get(n, n) for n in elected))))
        if problems:
            status = Status.BREACH
            message = tr("the election of {date} is irregular: {why}", date=event.date,
                         why=joined(problems, tr("{a}; {b}").template))
        elif elected is None:
            status = Status.PENDING
            message = tr("the election of {date} cannot be checked: the votes per candidate are not recorded",
                         date=event.date)
        else:
            status = Status.FULFILLED
            message = tr("the election of {date} is consistent with the votes: {elected} elected", date=event.date,
                         elected=", ".join(sorted(shown.get(n, n) for n in elected)))
        findings.append(Finding(status, vote.id, "vote", article_of(vote), (), None, message,
                                events=(ctx.note(event, True, tr("the election and its votes")),),
                                explanation=tuple(lines) + tuple(readings_of(vote)), acted=event.date))
    return findings
