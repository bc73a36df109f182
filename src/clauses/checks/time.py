"""T — time: dates that disagree, limits that cannot fit, windows that never open.

The checks count on the convention's own timeline (:func:`timeline`): its
start, the end of its first term, its renewal dates and the latest date it can
last, computed as the evaluation does, with :mod:`clauses.timelimits` only.
When the start is unknown (an undated signature, a start at an event) the
timeline counts from a nominal date: durations are still compared, but no date
is printed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterator

from clauses.language import model as m
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.term import first_end as scheduled_first_end, later, renewal_dates
from clauses.timelimits import Calendar, MonthRule, Period, Unit, add_period, backward, forward, periods
from clauses.checks import CheckContext, check, where
from clauses.i18n import tr

NOMINAL_START = dt.date(2001, 1, 1)  # counts durations when the real start is unknown
MAX_RENEWALS = 100                   # renewals scheduled when the convention is renewed without limit


def computed_end(term: m.Term, start) -> object:
    months = {"months": 1, "years": 12}
    duration = term.duration
    if duration is None or duration.unit.value not in months or duration.plus is not None:
        return None
    return add_period(start, months=duration.amount * months[duration.unit.value], rule=MonthRule.LAST_DAY)


# ------------------------------------------------------------------ the timeline
def earlier(d: dt.date, duration: m.Duration, calendar: Calendar, rule: MonthRule | None = None) -> dt.date:
    """The latest date at least ``duration`` before ``d`` (a backward limit, CPC art. 642 not applied)."""
    for part in (duration, duration.plus):
        if part is not None:
            d = backward(d, part.amount, part.unit, calendar=calendar, month_rule=rule or MonthRule.LAST_DAY).date
    return d


def start_of(conv: m.Convention) -> dt.date | None:
    """The stated start: a date, else the signature date; None at an event or when undated."""
    anchor = conv.term.start if conv.term else None
    if isinstance(anchor, m.DateAnchor):
        return anchor.date
    if isinstance(anchor, m.EventAnchor):
        return None
    return conv.signature.date if conv.signature else None


@dataclass(frozen=True)
class Timeline:
    start: dt.date
    known: bool                      # False: counted from NOMINAL_START, dates are not shown
    first_end: dt.date
    renewals: tuple[dt.date, ...]    # scheduled renewal dates, in order
    end: dt.date | None              # the latest possible end; None: renewed without limit
    calendar: Calendar

    def on(self, d: dt.date) -> str:
        """" on 2024-01-01" when the dates are real, else nothing."""
        return tr(" on {date}", date=d) if self.known else ""


_LAST: list[tuple[m.Convention, Timeline | None]] = []


def timeline(conv: m.Convention) -> Timeline | None:
    """Start, first term end, renewals and latest end, as the evaluation schedules them.

    Several checks ask for it about the same convention in a row: the last one is kept."""
    if _LAST and _LAST[0][0] is conv:
        return _LAST[0][1]
    result = _timeline(conv)
    _LAST[:] = [(conv, result)]
    return result


def _timeline(conv: m.Convention) -> Timeline | None:
    term = conv.term
    if term is None:
        return None
    calendar = Calendar.for_region(conv.holidays)
    real = start_of(conv)
    start = real or NOMINAL_START
    # an end date only counts with a real start; an unknown start is counted from NOMINAL_START
    end = scheduled_first_end(term if real else term.model_copy(update={"end_date": None}), start, calendar)
    if end is None:
        return None
    renewals, latest = renewal_dates(term, start, end, calendar, limit=MAX_RENEWALS)
    return Timeline(start, real is not None, end, tuple(renewals), latest, calendar)


# ------------------------------------------------------------------ windows of a power
@dataclass(frozen=True)
class Window:
    """When a power may be exercised for one term end or renewal (``anchor``).

    A notice may be given from the start of the convention (or the end of a restriction) until
    its deadline; it may be given for a later renewal than the next one, as a lawyer reads "au
    moins 3 mois avant la reconduction". ``early`` marks a deadline that falls before the
    previous renewal, where the evaluation (which matches a notice to the next renewal) and
    that reading part ways."""

    anchor: dt.date | None        # the term end or renewal the notice is for; None: no notice
    opens: dt.date                # first day the act may be done
    closes: dt.date               # last day (the notice deadline, or the end of the convention)
    why: str = ""                 # when closed: "start" (deadline before the start) or "restriction"
    notice: m.NoticeCondition | None = None
    early: bool = False           # deadline before the previous renewal

    @property
    def closed(self) -> bool:
        return bool(self.why)


def restriction(power: m.Power, tl: Timeline) -> tuple[dt.date | None, m.Node | None]:
    """The first day a restriction (`jamais pendant la première année`, `pas avant le`) allows."""
    found: tuple[dt.date | None, m.Node | None] = (None, None)
    for cond in power.conditions:
        day = None
        if isinstance(cond, m.NotInFirstYear):
            day = forward(tl.start, 1, Unit.YEARS, calendar=tl.calendar, extend=False).date
        elif isinstance(cond, m.NotBefore) and tl.known:
            day = cond.date
        if day is not None and (found[0] is None or day > found[0]):
            found = (day, cond)
    return found


def power_windows(power: m.Power, tl: Timeline) -> list[Window]:
    """One window per term end or renewal a notice counts back from; one window for the whole
    convention when the power has a restriction but no notice; none when there is nothing to check."""
    earliest, _ = restriction(power, tl)
    opens = max(tl.start, earliest) if earliest else tl.start
    notices = [c for c in power.conditions if isinstance(c, m.NoticeCondition) and c.target in ("term", "renewal")]
    if not notices:
        if earliest is None or tl.end is None:
            return []
        return [Window(None, opens, tl.end, "restriction" if opens >= tl.end else "")]
    notice = notices[0]
    if notice.target == "term":
        pairs = [(tl.start, tl.end)] if tl.end else []
    else:
        pairs = list(zip((tl.start,) + tl.renewals[:-1], tl.renewals))
    found = []
    for previous, anchor in pairs:
        closes = earlier(anchor, notice.duration, tl.calendar, power.month_rule)
        why = "start" if closes < tl.start else "restriction" if closes < opens else ""
        found.append(Window(anchor, opens, closes, why, notice, previous != tl.start and closes < previous))
    return found


def never_open(windows: list[Window], tl: Timeline) -> bool:
    """Every window is closed. Renewed without limit, later deadlines always come after the
    restriction: some window opens."""
    return bool(windows) and all(w.closed for w in windows) and tl.end is not None


def openable_powers(ctx: CheckContext) -> Iterator[tuple[m.Power, list[Window], Timeline]]:
    """Each power with its windows, when at least one can open (X006 reports the others)."""
    tl = timeline(ctx.convention)
    if tl is None:
        return
    for power in ctx.convention.clauses:
        if isinstance(power, m.Power):
            windows = power_windows(power, tl)
            if not never_open(windows, tl):
                yield power, windows, tl


def restriction_words(power: m.Power, tl: Timeline) -> str:
    """"it cannot be exercised during the first year (before 2024-01-01)" (a message)."""
    day, cond = restriction(power, tl)
    if isinstance(cond, m.NotInFirstYear):
        return (tr("it cannot be exercised during the first year (before {date})", date=day) if tl.known else
                tr("it cannot be exercised during the first year"))
    return tr("it cannot be exercised before {date}", date=day) if day else ""


def _periods_of(duty: m.Duty) -> tuple[int, int]:
    """(months, weeks) of a recurring duty's period."""
    deadline = duty.deadline
    if isinstance(deadline, m.Recurrence):
        return deadline.period_months, deadline.period_weeks
    if isinstance(deadline, m.BeforePeriodEnd):
        return deadline.period_months, 0
    return 0, 0


def _period_words(months: int, weeks: int) -> str:
    """"month", "2 months", "year", "3 weeks"."""
    n, unit = (weeks, "week") if weeks else (months // 12, "year") if months % 12 == 0 else (months, "month")
    return unit if n == 1 else f"{n} {unit}s"


def duties(ctx: CheckContext) -> Iterator[m.Duty]:
    return (c for c in ctx.convention.clauses if isinstance(c, m.Duty) and c.deadline is not None)


# ------------------------------------------------------------------ checks
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
        yield Diagnostic.of("T001", tr("{where} ends on {end_date}, but {duration} from {date} ends on "
                                       "{expected}", where=where(term), end_date=term.end_date,
                                       duration=term.duration, date=term.start.date, expected=expected),
                            term.span, tr("state one of them, or make them agree (CPC art. 641)"))


@check("T002", "notice-exceeds-term", Severity.ERROR,
       "a duty's notice or look-back period is longer than the term it counts back from",
       """
"Au moins 6 mois avant le terme" in a convention of 3 months puts the latest
date before the convention exists: the duty is breached on the day it is
signed, whatever the parties do. The same holds for a notice before the first
renewal longer than the initial term, or for a convocation "au moins 2 ans
avant chaque réunion" in a convention that lasts one year. The drafting mixed
up two periods; the parties must say which one they meant. (Notices that
condition a power — withdrawal, termination — are checked by X006 and X007.)
""",
       bad="""
durée article 7 : 3 mois à compter du 2024-01-01 sans renouvellement.
obligation intentions article 7 :
  chaque partie doit intentions envers l'autre partie
  au moins 6 mois avant le terme.
""",
       good="""
durée article 7 : 3 ans à compter du 2024-01-01 sans renouvellement.
obligation intentions article 7 :
  chaque partie doit intentions envers l'autre partie
  au moins 6 mois avant le terme.
""")
def notice_exceeds_term(ctx: CheckContext) -> Iterator[Diagnostic]:
    tl = timeline(ctx.convention)
    if tl is None:
        return
    for duty in duties(ctx):
        deadline, rule = duty.deadline, duty.month_rule
        if isinstance(deadline, m.BeforeTerm) and tl.end is not None:
            due = earlier(tl.end, deadline.duration, tl.calendar, rule)
            if due < tl.start:
                yield Diagnostic.of("T002", _too_early(duty, deadline.duration, tr("the term end"), tl.end, due, tl),
                                    deadline.span or duty.span, tr("shorten the notice, or check the "
                                                                   "duration of the term"))
        elif isinstance(deadline, m.BeforeRenewal) and tl.renewals:
            due = earlier(tl.renewals[0], deadline.duration, tl.calendar, rule)
            if due < tl.start:
                yield Diagnostic.of("T002", _too_early(duty, deadline.duration, tr("the first renewal"), tl.renewals[0],
                                                       due, tl), deadline.span or duty.span,
                                    tr("a notice cannot be longer than the term that precedes the renewal"))
        elif isinstance(deadline, m.BeforeEvent) and tl.end is not None:
            if earlier(tl.end, deadline.duration, tl.calendar, rule) < tl.start:
                yield Diagnostic.of("T002", tr("{where} is due {duration} before each `{event}`, longer "
                                               "than the whole convention: no `{event}` during the "
                                               "convention can be announced in time", where=where(duty),
                                               duration=deadline.duration, event=deadline.event),
                                    deadline.span or duty.span, tr("check the unit of the time limit"))


def _too_early(duty: m.Duty, duration: m.Duration, what: str, anchor: dt.date, due: dt.date, tl: Timeline) -> str:
    """"clause `x` (article 7) is due by 2023-10-01, 6 months before the term end on 2024-04-01, before …"."""
    by = tr("by {date}, ", date=due) if tl.known else ""
    return tr("{where} is due {by}{duration} before {what}{on}, before the convention starts{start}",
              where=where(duty), by=by, duration=duration, what=what, on=tl.on(anchor), start=tl.on(tl.start))


@check("T003", "period-end-notice-exceeds-period", Severity.ERROR,
       "a deadline before the end of each period falls before that period starts",
       """
"Au plus tard 2 mois avant la fin de chaque mois" asks for an act that must be
done before the month it belongs to has begun: it can never be performed in
its own period, so every period ends in breach. The text meant another period
(each year, each exercice) or another limit (2 days, 2 weeks).
""",
       bad="""
obligation rapport article 9 :
  les parties doivent rapport
  au plus tard 2 mois avant la fin de chaque mois
  périodes civiles.
""",
       good="""
obligation rapport article 9 :
  les parties doivent rapport
  au plus tard 2 mois avant la fin de chaque exercice
  périodes civiles.
""")
def period_end_notice_exceeds_period(ctx: CheckContext) -> Iterator[Diagnostic]:
    tl = timeline(ctx.convention)
    calendar = tl.calendar if tl else Calendar.for_region(ctx.convention.holidays)
    start = tl.start if tl else (start_of(ctx.convention) or NOMINAL_START)
    for duty in duties(ctx):
        deadline = duty.deadline
        if not isinstance(deadline, m.BeforePeriodEnd) or deadline.period_months <= 0:
            continue
        calendar_periods = duty.anchoring is not m.Anchoring.TERM
        origin = dt.date(start.year, 1, 1) if calendar_periods else start
        months = deadline.period_months
        stop = add_period(origin, months=24 * months, days=-1)
        for period in periods(origin, stop, months, "calendar" if calendar_periods else "term"):
            due = earlier(period.end, deadline.duration, calendar, duty.month_rule)
            if due < period.start:
                span = f" (for the period {_show(period)}, it falls on {due.isoformat()})" if tl and tl.known else ""
                each = _period_words(months, 0)
                each = f"period of {each}" if " " in each else each
                yield Diagnostic.of("T003", tr("{where} is due {duration} before the end of each {each}, "
                                               "before that period begins{span}", where=where(duty),
                                               duration=deadline.duration, each=each, span=span), deadline.span or duty.span,
                                    tr("the limit must be shorter than the period: check the period or the "
                                       "limit"))
                break


def _show(period: Period) -> str:
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


@check("T004", "period-longer-than-convention", Severity.WARNING,
       "a recurring duty's period is longer than the whole convention",
       """
"Au moins 1 fois tous les 2 mois" in a convention that lasts one month (and is
not renewed) never runs one full period: whether the duty is owed at all, and
how many times, is left to interpretation (the checker pro-rates the period
and asks for it once). The frequency or the term is probably wrong.
""",
       bad="""
durée article 6 : 1 mois à compter du 2024-01-01 sans renouvellement.
obligation points article 5 :
  les parties doivent point_coordination
  au moins 1 fois tous les 2 mois
  périodes à compter du début.
""",
       good="""
durée article 6 : 1 an à compter du 2024-01-01 sans renouvellement.
obligation points article 5 :
  les parties doivent point_coordination
  au moins 1 fois tous les 2 mois
  périodes à compter du début.
""")
def period_longer_than_convention(ctx: CheckContext) -> Iterator[Diagnostic]:
    tl = timeline(ctx.convention)
    if tl is None or tl.end is None:
        return
    for duty in duties(ctx):
        months, weeks = _periods_of(duty)
        if not (months or weeks) or getattr(duty, "partial_periods", None) is not None:
            continue   # `périodes incomplètes dues en entier` / `au prorata`: the text says what a short period owes
        one = tl.start + dt.timedelta(weeks=weeks) if weeks else add_period(tl.start, months=months)
        if one > tl.end:
            yield Diagnostic.of("T004", tr("{where} recurs every {period_words}, but the convention lasts "
                                           "{days} days: not one full period runs", where=where(duty),
                                           period_words=_period_words(months, weeks),
                                           days=(tl.end - tl.start).days),
                                duty.deadline.span or duty.span, tr("check the frequency, or the term"))


@check("T005", "impossible-frequency", Severity.ERROR,
       "a recurring duty asks for more occurrences than there are days in its period",
       """
"Au moins 35 fois par mois" cannot be met in any month, "au moins 30 fois par
mois" in no February: a duty that is breached whatever the parties do is
almost always a typing error (3 or 5 times, per year rather than per month).
Meetings, reports and transmissions are counted once per day.
""",
       bad="""
obligation comité article IV :
  les parties doivent comité_opérationnel
  au moins 35 fois par mois
  périodes civiles.
""",
       good="""
obligation comité article IV :
  les parties doivent comité_opérationnel
  au moins 1 fois par mois
  périodes civiles.
""")
def impossible_frequency(ctx: CheckContext) -> Iterator[Diagnostic]:
    for duty in duties(ctx):
        deadline = duty.deadline
        if not isinstance(deadline, m.Recurrence):
            continue
        months, weeks = deadline.period_months, deadline.period_weeks
        if weeks:
            shortest = 7 * weeks
        elif months:
            starts = [dt.date(2023, month, 1) for month in range(1, 13)]  # 2023: not a leap year
            shortest = min((add_period(s, months=months) - s).days for s in starts)
        else:
            continue
        if deadline.times > shortest:
            yield Diagnostic.of("T005", tr("{where} asks for {times} occurrences every {period_words}, "
                                           "more than the {shortest} days of the shortest such period",
                                           where=where(duty), times=deadline.times,
                                           period_words=_period_words(months, weeks), shortest=shortest), deadline.span or duty.span,
                                tr("check the number of times and the period (`fois par an`, `fois par "
                                   "mois`)"))


@check("T006", "fixed-date-outside-term", Severity.ERROR,
       "a duty's fixed date falls before the convention starts or after it ends",
       """
A duty "au plus tard le 2022-06-30" in a convention that starts on 2023-01-01
is due before the parties are bound: it is breached from the start. A date
after the last possible end is owed when the convention no longer binds (unless
the clause survives the term, `survit au terme`). Either the date or the term
is wrong — often a year copied from a previous convention.
""",
       bad="""
durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.
obligation bilan article 8 :
  les parties doivent bilan
  au plus tard le 2022-06-30.
""",
       good="""
durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.
obligation bilan article 8 :
  les parties doivent bilan
  au plus tard le 2023-06-30.
""")
def fixed_date_outside_term(ctx: CheckContext) -> Iterator[Diagnostic]:
    tl = timeline(ctx.convention)
    start = start_of(ctx.convention)
    end = tl.end if tl and tl.known else None
    for duty in duties(ctx):
        deadline = duty.deadline
        if not isinstance(deadline, m.FixedDate):
            continue
        if start is not None and deadline.date < start:
            yield Diagnostic.of("T006", tr("{where} is due on {date}, before the convention starts on "
                                           "{start}", where=where(duty), date=deadline.date, start=start), deadline.span or duty.span,
                                tr("check the year of the date"))
        elif end is not None and deadline.date > end and not duty.survives:
            yield Diagnostic.of("T006", tr("{where} is due on {date}, after the convention ends on {end}",
                                           where=where(duty), date=deadline.date, end=end), deadline.span or duty.span,
                                tr("check the date, or add `survit au terme` if the duty outlives the "
                                   "convention"))


@check("T007", "window-never-opens", Severity.WARNING,
       "a power's notice for a renewal is due before the power may be exercised",
       """
Seed 004, art. 7: a member leaves by notice "au minimum 3 mois avant la date
limite de reconduction", but "il est impossible de quitter le groupement au
cours de la première année (01/01/2023 – 31/12/2023)", and the departure "ne
sera effective qu'à la date de reconduction du marché, soit le 01/01/2024".
The notice for the reconduction of 01/01/2024 is due by 01/10/2023, during the
first year: the withdrawal the text itself names can never be given. Reported
once per renewal whose window never opens; when no window ever opens the power
is dead and X006 reports it as an error.
""",
       bad="""
durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an dans la limite de 4 ans.
pouvoir retrait article 7 :
  chaque membre peut retrait par LRAR
  au moins 3 mois avant la reconduction
  jamais pendant la première année
  effet à la reconduction retire la partie.
""",
       good="""
durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an dans la limite de 4 ans.
pouvoir retrait article 7 :
  chaque membre peut retrait par LRAR
  au moins 3 mois avant la reconduction
  effet à la reconduction retire la partie.
""")
def window_never_opens(ctx: CheckContext) -> Iterator[Diagnostic]:
    for power, windows, tl in openable_powers(ctx):
        for w in windows:
            if w.why != "restriction" or w.anchor is None:
                continue
            target = tr("renewal") if w.notice.target == "renewal" else tr("term end")
            due = (tr("by {date}", date=w.closes) if tl.known else
                   tr("{duration} before it", duration=w.notice.duration))
            yield Diagnostic.of("T007", tr("{where}: the notice for the {target}{on} is due {due}, but "
                                           "{restriction_words}: it can never be given for that {target}",
                                           where=where(power), target=target, on=tl.on(w.anchor), due=due,
                                           restriction_words=restriction_words(power, tl)),
                                w.notice.span or power.span,
                                tr("say from which renewal the power applies, or record the reading with "
                                   "`lecture`"))


@check("T008", "signed-after-term-end", Severity.ERROR,
       "the convention is signed after its own term has ended",
       """
A convention signed on 2024-03-01 "pour une durée d'un an à compter du
2023-01-01", not renewed, has ended before anyone signs it: every duty it
states is due before the parties are bound, and the checker reports each as a
breach from the first day. Usually the start date was copied from a previous
convention, or the signature date is wrong.
""",
       bad="""
convention "Essai" signée à "Lyon" le 2024-03-01.
durée article 6 : 1 an à compter du 2023-01-01 sans renouvellement.
""",
       good="""
convention "Essai" signée à "Lyon" le 2024-03-01.
durée article 6 : 1 an à compter du 2024-03-01 sans renouvellement.
""")
def signed_after_term_end(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    tl = timeline(conv)
    signed = conv.signature.date if conv.signature else None
    if tl is None or not tl.known or signed is None or tl.end is None or signed < tl.end:
        return
    if not isinstance(conv.term.start, m.DateAnchor) or getattr(conv, "parameters", ()):
        return   # a term from the signature or an event, or a template's sample dates: nothing to compare
    yield Diagnostic.of("T008", f"the convention is signed on {signed.isoformat()}, when {where(conv.term)} has "
                                f"already ended (out of force from {tl.end.isoformat()})",
                        conv.signature.span or conv.span,
                        "check the signature date and the start of the term")
