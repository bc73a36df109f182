"""X — renewal and exit: how the convention continues or ends, and how a party leaves."""

from __future__ import annotations

from typing import Iterator

from clauses.language import model as m
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.checks import CheckContext, check, where
from clauses.checks.time import later, never_open, openable_powers, power_windows, restriction_words, timeline
from clauses.i18n import joined, tr


@check("X001", "contradictory-renewal", Severity.WARNING,
       "the renewal is both tacit and express",
       """
A convention renewed "expressly by tacit renewal" (seed 003, art. 6.2) does not
say whether the parties must decide to renew it or whether it renews unless
denounced. The checker needs one reading: record it with `lecture`, and have
the text amended.
""",
       bad='durée article 6.2 : 1 an à compter de la signature renouvellement exprès et tacite.',
       good='durée article 6.2 : 1 an à compter de la signature renouvellement tacite.')
def contradictory_renewal(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    renewal = term.renewal if term else None
    if renewal and m.RenewalMode.TACIT in renewal.modes and m.RenewalMode.EXPRESS in renewal.modes:
        yield Diagnostic.of("X001", tr("{where} is renewed both expressly and tacitly", where=where(term)), renewal.span or term.span,
                            tr("keep one mode, and record the reading chosen with `lecture`"))


def _renewal(ctx: CheckContext) -> tuple[m.Term | None, m.Renewal | None]:
    """The term and its renewal, unless the term says `sans renouvellement` (X004's business)."""
    term = ctx.convention.term
    if term is None or term.no_renewal or term.renewal is None:
        return term, None
    return term, term.renewal


@check("X002", "renewal-without-period", Severity.WARNING,
       "the convention is renewed, but neither a renewal period nor a duration to repeat is stated",
       """
A convention "renouvelable" that runs "jusqu'au 31 décembre 2024" without a
duration or a `par périodes de` does not say for how long it is renewed. Under
C. civ. art. 1214 (and 1215 for tacit renewal) the renewed contract then has an
indefinite duration, which either party may end at any time with reasonable
notice (art. 1211): probably not what the parties meant, and the checker cannot
schedule a second renewal or a notice before it.
""",
       bad="durée article 6 : jusqu'au 2024-12-31 renouvellement tacite.",
       good="durée article 6 : jusqu'au 2024-12-31 renouvellement tacite par périodes de 1 an.")
def renewal_without_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    term, renewal = _renewal(ctx)
    if renewal is not None and renewal.period is None and term.duration is None:
        yield Diagnostic.of("X002", tr("{where} is renewed, but states neither a renewal period nor a "
                                       "duration to repeat: once renewed it runs for an indefinite "
                                       "duration (C. civ. art. 1214)", where=where(term)),
                            renewal.span or term.span, tr("add `par périodes de 1 an` (or the period the "
                                                          "text gives)"))


@check("X003", "renewal-mode-unspecified", Severity.WARNING,
       "the convention is renewable but does not say whether the renewal is tacit or express",
       """
Seed 002, art. VII: the convention "est signée pour une durée d'un an et est
reconductible". Renewable how? Tacitly, unless a party objects (C. civ.
art. 1215), or only if the parties decide to renew it? The two readings give
opposite answers when nobody does anything at the end of the year: the
convention goes on, or it ends. The rule author's reading (`lecture`) lets the
checker run, but the text should be amended.
""",
       bad="durée article VII : 1 an à compter de la signature renouvellement non précisé par périodes de 1 an.",
       good="durée article VII : 1 an à compter de la signature renouvellement tacite par périodes de 1 an.")
def renewal_mode_unspecified(ctx: CheckContext) -> Iterator[Diagnostic]:
    term, renewal = _renewal(ctx)
    if renewal is None:
        return
    if m.RenewalMode.UNSPECIFIED in renewal.modes or not (renewal.modes or renewal.decided_by):
        read = tr(" (a reading is recorded)") if term.readings else ""
        yield Diagnostic.of("X003", tr("{where} is renewable, but does not say whether tacitly or "
                                       "expressly{read}", where=where(term), read=read), renewal.span or term.span,
                            tr("have the text say `tacite reconduction` or `reconduction expresse`; "
                               "meanwhile record the reading applied with `lecture`"))


@check("X004", "no-renewal-and-renewal", Severity.ERROR,
       "the term says `sans renouvellement` and also states a renewal",
       """
A term that is "non renouvelable" and "reconduite tacitement par périodes d'un
an" contradicts itself: at the end of the first term the convention both ends
and goes on. The checker follows `sans renouvellement` and ignores the rest,
which silently drops a clause the parties may rely on.
""",
       bad="durée article 7 : 3 ans à compter du 2019-09-25 sans renouvellement renouvellement tacite "
           "par périodes de 1 an.",
       good="durée article 7 : 3 ans à compter du 2019-09-25 sans renouvellement.")
def no_renewal_and_renewal(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    if term is not None and term.no_renewal and term.renewal is not None:
        yield Diagnostic.of("X004", tr("{where} says `sans renouvellement` and also states a renewal",
                                       where=where(term)),
                            term.renewal.span or term.span, tr("keep one of them"))


@check("X005", "maximum-not-longer-than-term", Severity.ERROR,
       "the maximum duration is shorter than the initial term (or leaves no room for a renewal)",
       """
"Un an, renouvelable dans la limite de 6 mois" ends the convention before its
own first term is over; "un an, renouvelable dans la limite d'un an" makes the
renewal clause void. One of the two durations is wrong (a limit usually counts
the initial term plus its renewals: 1 year renewed 3 times is "4 ans au
maximum", seed 004 art. 6).
""",
       bad="durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an "
           "dans la limite de 6 mois.",
       good="durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an "
            "dans la limite de 4 ans.")
def maximum_not_longer(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    tl = timeline(ctx.convention)
    if term is None or term.maximum is None or tl is None:
        return
    maximum = later(tl.start, term.maximum, tl.calendar)
    renewed = term.renewal is not None and not term.no_renewal
    initial = term.duration if term.duration else tr("the term until {end}", end=tl.first_end)
    if maximum < tl.first_end:
        yield Diagnostic.of("X005", tr("{where} lasts at most {maximum}, less than its initial {initial}",
                                       where=where(term), maximum=term.maximum, initial=initial),
                            term.maximum.span or term.span, tr("the limit counts the initial term and its "
                                                               "renewals"))
    elif maximum == tl.first_end and renewed:
        yield Diagnostic.of("X005", tr("{where} lasts at most {maximum}, no longer than its initial "
                                       "{initial}: it can never be renewed", where=where(term),
                                       maximum=term.maximum, initial=initial), term.maximum.span or term.span,
                            tr("the limit counts the initial term and its renewals"))


@check("X006", "power-never-exercisable", Severity.ERROR,
       "a power (a withdrawal, a termination) can never be exercised during the convention",
       """
A member "ne peut quitter le groupement au cours de la première année" in a
convention of one year that is not renewed can never leave: the exit clause is
void, and the member is bound for the whole term although the text pretends
otherwise. The same when the notice for every renewal is due before the
convention starts, during the first year, or before a `pas avant le` date. A
partner who relies on the clause has no exit at all; the text must be amended.
(When only some renewals are out of reach, T007 or X007 warn for each.)
""",
       bad="""
durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.
pouvoir retrait article 7 :
  chaque membre peut retrait par LRAR
  jamais pendant la première année
  retire la partie.
""",
       good="""
durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an.
pouvoir retrait article 7 :
  chaque membre peut retrait par LRAR
  jamais pendant la première année
  retire la partie.
""")
def power_never_exercisable(ctx: CheckContext) -> Iterator[Diagnostic]:
    tl = timeline(ctx.convention)
    if tl is None:
        return
    for power in ctx.convention.clauses:
        if not isinstance(power, m.Power):
            continue
        notice = next((c for c in power.conditions if isinstance(c, m.NoticeCondition) and c.target == "renewal"), None)
        if notice is not None and not tl.renewals:
            # a notice counted back from a renewal that never comes (issue 9 item 10: X006, not V009)
            leave = tr(" (no party can ever leave)") if power.party_leaves else ""
            yield Diagnostic.of("X006", tr("{where} can never be exercised during the convention{leave}: its notice "
                                           "of {duration} counts back from a renewal, and the convention is not "
                                           "renewed", where=where(power), leave=leave, duration=notice.duration),
                                notice.span or power.span,
                                tr("count the notice back from the term end (`avant le terme`), or amend the term"))
            continue
        windows = power_windows(power, tl)
        if not never_open(windows, tl):
            continue
        why = _never_why(power, windows, tl)
        leave = tr(" (no party can ever leave)") if power.party_leaves else ""
        yield Diagnostic.of("X006", tr("{where} can never be exercised during the convention{leave}: {why}",
                                       where=where(power), leave=leave, why=why),
                            power.span,
                            tr("amend the text: say from when the power may be exercised"))


def _never_why(power: m.Power, windows: list, tl) -> str:
    notice = windows[0].notice
    if notice is None:
        if tl.known:
            return tr("{restriction}, and the convention ends by then (on {date})",
                      restriction=restriction_words(power, tl), date=tl.end)
        return tr("{restriction}, and the convention ends by then", restriction=restriction_words(power, tl))
    reasons = {w.why for w in windows}
    parts = []
    if "start" in reasons:
        parts.append(tr("its notice of {duration} falls before the convention starts", duration=notice.duration))
    if "restriction" in reasons:
        parts.append(restriction_words(power, tl))
    return joined(parts, tr("{a}; {b}").template)


@check("X007", "notice-before-period", Severity.WARNING,
       "a power's notice for a renewal or the term end is due before the period it belongs to has begun",
       """
A withdrawal "au moins 18 mois avant la reconduction" of a convention of one
year renewed every year is due before the convention starts for the first
renewal: no member can leave then. For every later renewal it is due before
the previous one, so a member must announce its departure more than a period
ahead (and the checker, which reads a notice as given for the next renewal,
finds it late). Usually a unit was mistyped (months for weeks, years for
months). When no window opens at all X006 reports it as an error; notices owed
as duties are checked by T002.
""",
       bad="""
durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an.
pouvoir retrait article 7 :
  chaque membre peut retrait par LRAR
  au moins 18 mois avant la reconduction
  effet à la reconduction retire la partie.
""",
       good="""
durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an.
pouvoir retrait article 7 :
  chaque membre peut retrait par LRAR
  au moins 3 mois avant la reconduction
  effet à la reconduction retire la partie.
""")
def notice_before_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    for power, windows, tl in openable_powers(ctx):
        first = next((w for w in windows if w.why == "start" or w.early), None)
        if first is None:
            continue
        target = tr("renewal") if first.notice.target == "renewal" else tr("term end")
        due = tr(" (by {date})", date=first.closes) if tl.known else ""
        before = tr("the convention starts") if first.why == "start" else tr("the previous renewal")
        yield Diagnostic.of("X007", tr("{where}: the notice of {duration} for the {target}{on} is due "
                                       "before {before}{due}", where=where(power),
                                       duration=first.notice.duration, target=target, on=tl.on(first.anchor),
                                       before=before, due=due),
                            first.notice.span or power.span,
                            tr("check the notice period against the term and the renewal period"))


@check("X008", "express-renewal-undecided", Severity.WARNING,
       "the renewal is express, but no vote decides it (`décidé par le vote`)",
       """
An express renewal ("reconduction expresse") happens only if the parties
decide it; without that decision the convention ends at its term. A rules file
that does not say which vote decides (`décidé par le vote X`) leaves the
checker no way to know whether the convention was renewed: it assumes it was,
and keeps reporting duties of a convention that may have ended. Warning rather
than information because the assumption changes every later finding; when the
text names no procedure, the decision is the agreement of every party (C. civ.
art. 1214): encode it as a vote `avec l'accord de chaque partie`.
""",
       bad="durée article 6 : 1 an à compter du 2023-01-01 renouvellement exprès par périodes de 1 an.",
       good="""
durée article 6 : 1 an à compter du 2023-01-01 renouvellement exprès décidé par le vote reconduction
  par périodes de 1 an.
vote reconduction article 4.3 :
  bulletins avis_reconduction décision décision_reconduction
  votants ville et bailleur avec l'accord de chaque partie.
""")
def express_renewal_undecided(ctx: CheckContext) -> Iterator[Diagnostic]:
    term, renewal = _renewal(ctx)
    if renewal is None or renewal.decided_by or set(renewal.modes) != {m.RenewalMode.EXPRESS}:
        return
    votes = [c.id for c in ctx.convention.clauses if isinstance(c, m.Vote)]
    hint = (tr("link the vote that decides it: `décidé par le vote {vote}`", vote=votes[0]) if votes else
            tr("add a vote clause (`avec l'accord de chaque partie` when the text names no procedure) and name "
               "it in the term: `décidé par le vote <id>`"))
    yield Diagnostic.of("X008", tr("{where} is renewed expressly, but no vote decides the renewal: the "
                                   "checker assumes every renewal happens", where=where(term)), renewal.span or term.span, hint)
