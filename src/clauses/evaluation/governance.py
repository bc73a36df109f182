"""Decisions counted on the meeting event: fractional quorums and majorities, second
convocations, proxy caps, casting votes, bodies whose members are not parties.

A vote clause that states a counted rule (``quorum 1/3 des membres en exercice``,
``majorité de 3/5 des présents ou représentés``, ``majorité de la moitié plus un des
suffrages exprimés``, ``pouvoirs au plus 2 par membre``, ``seconde convocation au moins 15
jours après sans quorum``) is judged from the counts recorded on each decision event:

| column (French or English) | count |
|---|---|
| ``membres`` / ``members`` | members in office |
| ``présents`` or ``membres_présents`` / ``present`` | members present |
| ``représentés`` / ``represented`` | members represented by a proxy |
| ``pour``, ``contre`` (or ``voix_pour``, ``voix_contre``), ``abstentions`` / ``for``, ``against`` | the votes |
| ``pouvoirs_max`` / ``proxies_max`` | the most proxies one member held |
| ``convocation`` | ``2`` for a second convocation (or ``ref`` naming the first meeting) |
| ``voix_prépondérante`` / ``casting_vote`` | how the holder of the casting vote voted |

The quorum counts those present and represented against the stated fraction of its base;
a fraction is reached when the count is at least that fraction (``1/3`` of 13 members:
5 members, since 5 × 3 ≥ 13); ``la moitié plus un`` is half the base, rounded down, plus
one. A tie under a simple majority is broken by the casting vote when the clause names
its holder and the event records how it voted. A decision recorded as adopted (``value``)
that the counts do not carry, or taken without its quorum, is a breach.
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation.acts import ballot_value
from clauses.evaluation.conditions import number
from clauses.evaluation.context import Context, article_of, readings_of
from clauses.events import Event
from clauses.findings import Finding, Status
from clauses.i18n import joined, tr
from clauses.language import model as m

#: count -> column names (compared after ``events.mapping.normalise``: accents, case, `_` ignored)
FIELDS = {"members": ("membres", "membres en exercice", "members", "members in office"),
          "present": ("membres presents", "members present", "presents", "present"),
          "represented": ("membres representes", "members represented", "representes", "represented"),
          "for": ("voix pour", "votes pour", "votes for", "pour", "for"),
          "against": ("voix contre", "votes contre", "votes against", "contre", "against"),
          "abstentions": ("abstentions", "abstention"),
          "proxies_max": ("pouvoirs max", "procurations max", "proxies max"), "convocation": ("convocation",),
          "casting": ("voix preponderante", "casting vote", "casting")}


#: how each count reads in a message
COUNT_WORDS = {"members": tr("members {n}"), "present": tr("present {n}"), "represented": tr("represented {n}"),
               "for": tr("for {n}"), "against": tr("against {n}"), "abstentions": tr("abstentions {n}"),
               "proxies_max": tr("most proxies held {n}"), "convocation": tr("convocation {n}")}
_BASES = {"members": tr("{share} of the members in office"), "present": tr("{share} of those present"),
          "present_or_represented": tr("{share} of those present or represented"),
          "cast": tr("{share} of the votes cast")}


def rule_text(rule: m.CountRule):
    """``1/3 of the members in office``, ``half plus one of the votes cast`` — a message."""
    share = tr("half plus one") if rule.half_plus_one else f"{rule.numerator}/{rule.denominator}"
    return tr(_BASES[rule.base].template, share=share)


def counts_text(c: dict[str, int]):
    words = [tr(COUNT_WORDS[k].template, n=v) if k in COUNT_WORDS else f"{k} {v}" for k, v in c.items()]
    return joined(words, tr("{a}, {b}").template) if words else tr("no counts")


def counted(vote: m.Vote) -> bool:
    return bool(vote.quorum_rule or vote.majority_rule or vote.proxy_cap is not None or vote.second_call
                or vote.second_meeting or vote.plurality)


def _columns(event: Event) -> dict[str, object]:
    from clauses.events.mapping import normalise

    return {normalise(k): v for k, v in event.attrs.items()}


def counts(event: Event) -> dict[str, int]:
    found: dict[str, int] = {}
    columns = _columns(event)
    for key, names in FIELDS.items():
        for name in names:
            value = number(columns.get(name)) if key != "casting" else None
            if value is not None:
                found[key] = int(value)
                break
    return found


def casting_value(event: Event) -> object:
    columns = _columns(event)
    return next((columns[n] for n in FIELDS["casting"] if n in columns), None)


def _base(rule: m.CountRule, c: dict[str, int]) -> int | None:
    if rule.base == "members":
        return c.get("members")
    if rule.base == "present":
        return c.get("present")
    if rule.base == "present_or_represented":
        return c["present"] + c.get("represented", 0) if "present" in c else None
    return c["for"] + c["against"] if "for" in c and "against" in c else None


def _reaches(value: int, rule: m.CountRule, base: int) -> bool:
    if rule.half_plus_one:
        return value >= base // 2 + 1
    return value * rule.denominator >= rule.numerator * base


def _first_call(ctx: Context, decision: Event, vote: m.Vote) -> Event | None:
    if decision.ref and decision.ref in ctx.by_id:
        return ctx.by_id[decision.ref]
    earlier = [e for e in ctx.between(str(vote.decision), None, decision.date) if e is not decision]
    return earlier[-1] if earlier else None


def _attending(rule: m.CountRule, c: dict[str, int]) -> int | None:
    """Who counts for a quorum: those present and represented, or those present in person only."""
    if "present" not in c:
        return None
    return c["present"] if rule.in_person else c["present"] + c.get("represented", 0)


def _quorum(ctx: Context, vote: m.Vote, decision: Event, c: dict[str, int], rule: m.CountRule,
            problems: list[str], lines: list[str], second_call: bool) -> None:
    base, attending = _base(rule, c), _attending(rule, c)
    who = tr("present in person") if rule.in_person else tr("present or represented")
    if base is None or attending is None:
        problems.append(tr("the quorum ({rule}) cannot be checked: the counts are not recorded", rule=rule_text(rule)))
    elif _reaches(attending, rule, base):
        lines.append(tr("quorum reached: {n} {who}, {rule} of {base} required", n=attending, who=who, rule=rule_text(rule),
                        base=base))
        if rule.in_person and c.get("represented"):
            lines.append(tr("the {n} represented members do not count for this quorum (present in person only)",
                            n=c["represented"]))
    else:
        first = _first_call(ctx, decision, vote) if second_call and vote.second_call else None
        second = second_call and vote.second_call is not None and (c.get("convocation") == 2 or
                                                                    (decision.ref and first))
        if second and first is not None:
            earliest = ctx.after(first.date, vote.second_call, tr("the first meeting of {date}", date=first.date),
                                 extend=False).date
            if decision.date >= earliest:
                lines.append(tr("second convocation on {date}, at least {duration} after the first of {first}: "
                                "no quorum required", date=decision.date, duration=vote.second_call,
                                first=first.date))
            else:
                problems.append(tr("second convocation on {date}, before {earliest} ({duration} after the first "
                                   "of {first})", date=decision.date, earliest=earliest,
                                   duration=vote.second_call, first=first.date))
        else:
            problems.append(tr("quorum not reached: {n} {who}, {rule} of {base} required", n=attending, who=who,
                               rule=rule_text(rule), base=base))


def judge(ctx: Context, vote: m.Vote, decision: Event, *, as_first: bool = False
          ) -> tuple[bool | None, list[str], list[str]]:
    """(outcome, problems, lines): adopted/rejected/None, what makes the decision irregular, how.
    ``as_first``: judged as the first meeting of a second one (under the vote's own rules)."""
    c = counts(decision)
    problems: list[str] = []
    lines = [tr("recorded: {counts}", counts=counts_text(c))]
    body = next((b for b in ctx.convention.bodies if b.id == vote.body), None)
    if body and body.members_min is not None and "members" in c and not (
            body.members_min <= c["members"] <= (body.members_max or c["members"])):
        problems.append(tr("{body} has {n} members in office; it must have {low} to {high}", body=body.id,
                           n=c["members"], low=body.members_min, high=body.members_max))
    if vote.proxy_cap is not None and c.get("proxies_max", 0) > vote.proxy_cap:
        problems.append(tr("a member held {n} proxies, more than the {cap} allowed", n=c["proxies_max"],
                           cap=vote.proxy_cap))
    quorum_rule, rule = vote.quorum_rule, vote.majority_rule
    from clauses.evaluation.meetings import second_meeting_rules

    second = None if as_first else second_meeting_rules(ctx, vote, decision, c, problems, lines)
    if second is not None:
        quorum_rule, rule = second
    if quorum_rule is not None:
        _quorum(ctx, vote, decision, c, quorum_rule, problems, lines, second_call=not as_first)
    outcome: bool | None = None
    rule = rule or m.CountRule(half_plus_one=True, base="cast")
    base = _base(rule, c)
    if "for" not in c or base is None:
        lines.append(tr("the votes are not recorded"))
    else:
        outcome = _reaches(c["for"], rule, base)
        lines.append(tr("{yes} for, {no} against, {abst} abstentions: {rule} of {base} is {verdict}",
                        yes=c["for"], no=c.get("against", 0), abst=c.get("abstentions", 0), rule=rule_text(rule),
                        base=base, verdict=tr("reached") if outcome else tr("not reached")))
        casting = ballot_value(decision.model_copy(update={"attrs": {"value": casting_value(decision)}})) \
            if vote.casting_vote else None
        if not outcome and vote.casting_vote and c["for"] == c.get("against") and casting is not None:
            outcome = casting
            lines.append(tr("tie broken by the casting vote of {holder}", holder=vote.casting_vote))
    return outcome, problems, lines


def count_findings(ctx: Context, vote: m.Vote) -> list[Finding]:
    if vote.plurality:   # governance: an election, judged on the votes per candidate
        from clauses.evaluation.elections import election_findings

        return election_findings(ctx, vote)
    findings = []
    for decision in ctx.named(str(vote.decision)) if vote.decision else []:
        outcome, problems, lines = judge(ctx, vote, decision)
        recorded = ballot_value(decision)
        when: dt.date = decision.date
        result = {True: tr("adopted"), False: tr("rejected"), None: tr("not known")}[outcome]
        if problems and recorded:
            status, message = Status.BREACH, tr("the decision of {date} is irregular: {why}", date=when,
                                                why=joined(problems, tr("{a}; {b}").template))
        elif recorded is not None and outcome is not None and recorded != outcome:
            status, message = Status.BREACH, tr("the decision of {date} is recorded as {recorded}, but the counts "
                                                "give {result}", date=when, result=result,
                                                recorded=tr("adopted") if recorded else tr("rejected"))
        elif problems:
            status, message = Status.FULFILLED, tr("the meeting of {date} could not decide: {why}", date=when,
                                                   why=joined(problems, tr("{a}; {b}").template))
        else:
            status, message = Status.FULFILLED, tr("the decision of {date} ({result}) is consistent with the counts",
                                                   date=when, result=result)
        findings.append(Finding(status, vote.id, "vote", article_of(vote), (), None, message,
                                events=(ctx.note(decision, True, tr("the meeting and its counts")),),
                                explanation=tuple(lines) + tuple(readings_of(vote)), acted=when))
    return findings
