"""Members' mandates of a body (issue 10 item 9): « élus pour 2 années … renouvelé chaque année
par moitié ; la première année, les membres sortants sont désignés par le sort ».

The body's mandates are replayed from the log, election by election:

- the first election of the body (its event's ``élus`` / ``elected`` column names the elected)
  installs it; its calendar year starts period 0; a renewal is due in each period of ``every``
  calendar years after it (period ``r`` = the years ``y0 + r·every`` … ``y0 + (r+1)·every - 1``);
- a member elected in period ``p`` leaves at the renewal of period ``p + years / every`` (a
  mandate of 2 years renewed each year ends at the second renewal after the election);
- with ``premiers sortants tirés au sort``, the members installed together leave in groups: at
  each renewal before their mandates end, a draw names the leavers (column ``sortants`` /
  ``leaving`` of the draw event, else of that renewal's election), as many as the share says
  (a half of 3 members: 1 or 2), all among the members installed and still sitting;
- an election whose ``remplace`` / ``replaces`` column names members fills their seats until
  their mandates would have ended (« les pouvoirs des membres ainsi élus prennent fin à l'époque
  où devrait normalement expirer le mandat des membres remplacés »).

Each renewal is then one finding: a breach when its period ended without an election while
mandates ended in it, when the first leavers were not drawn (or not as the share says), or when
the election filled more seats than were up for renewal (leavers and vacant seats), which would
renew the body other than by its share; fulfilled otherwise; the next renewal is upcoming.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from clauses.evaluation.context import Context, article_of
from clauses.evaluation.counts import attr_of
from clauses.evaluation.elections import name_key, names
from clauses.events import Event
from clauses.findings import Finding, Status
from clauses.i18n import joined, tr, trn
from clauses.language import model as m

ELECTED = ("élus", "elus", "elected")
LEAVING = ("sortants", "leaving", "leavers")
LIST, SEMI = tr("{a}, {b}").template, tr("{a}; {b}").template
REPLACES = ("remplace", "remplacés", "remplaces", "replaces", "replaced")


def _names_of(event: Event, columns: tuple[str, ...]) -> list[str]:
    raw = next((attr_of(event, c) for c in columns if attr_of(event, c) is not None), None)
    return names(str(raw)) if raw is not None else []


@dataclass
class _Seat:
    name: str          # as the log writes it
    since: dt.date     # the election that gave the mandate
    ends: int          # the period whose renewal ends it
    installed: bool    # elected at the installation (subject to the first draws)


def _groups(mandates: m.Mandates) -> int:
    """How many renewals a mandate lasts: its years over the interval, rounded up."""
    every = max(mandates.every or 1, 1)
    return max(-(-(mandates.years or every) // every), 1)


def _period_bounds(y0: int, every: int, r: int) -> tuple[dt.date, dt.date]:
    first = y0 + r * every
    return dt.date(first, 1, 1), dt.date(first + every - 1, 12, 31)


def _who(seats: list[_Seat]) -> str:
    return joined([tr("{name} (elected on {date})", name=s.name, date=s.since) for s in seats], LIST)


def _period(start: dt.date, end: dt.date) -> str:
    """A renewal period as calendar years: ``2025``, or ``2025–2026``."""
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


class _Replay:
    """The body's seats, renewal after renewal."""

    def __init__(self, ctx: Context, body: m.Body, mandates: m.Mandates):
        self.ctx, self.body, self.mandates = ctx, body, mandates
        self.every = max(mandates.every or 1, 1)
        self.groups = _groups(mandates)
        self.elections = list(ctx.named(mandates.election or ""))
        self.draws = list(ctx.named(mandates.draw_event)) if mandates.draw_event else []
        self.seats: list[_Seat] = []
        self.installed_count = 0
        self.since = dt.date.min       # the date of the last renewal (the installation at first)
        self.open = False              # a renewal of the current period is already reported as due
        self.findings: list[Finding] = []

    def finding(self, status: Status, message: str, due: dt.date | None, events: list[tuple[Event, str]],
                lines: list[str], acted: dt.date | None = None) -> None:
        notes = tuple(self.ctx.note(e, True, why) for e, why in events)
        self.findings.append(Finding(status, self.body.id, "body", article_of(self.body), (), due, message,
                                     events=notes, explanation=tuple(lines), acted=acted))

    # -------------------------------------------------------------- the replay
    def run(self) -> list[Finding]:
        if not self.elections:
            return []
        first = self.elections[0]
        y0 = first.date.year
        self.install(first)
        rest = self.elections[1:]
        r = 1
        while True:
            start, end = _period_bounds(y0, self.every, r)
            if start > self.ctx.as_of:
                self.upcoming(r)
                break
            held = [e for e in rest if start <= e.date <= end]
            self.renewal(r, start, end, held)
            r += 1
        return self.findings

    def install(self, event: Event) -> None:
        elected = _names_of(event, ELECTED)
        ends = self.groups
        self.seats = [_Seat(n, event.date, ends, True) for n in elected]
        self.since = event.date
        self.installed_count = len(elected)
        words = dict(years=trn("{n} year", "{n} years", self.mandates.years), share=self.mandates.share or 1,
                     every=trn("{n} year", "{n} years", self.every),
                     renewals=trn("{n} renewal", "{n} renewals", self.groups))
        lines = [tr("mandates of {years}, renewed by 1/{share} each year: a mandate lasts {renewals}", **words)
                 if self.every == 1 else
                 tr("mandates of {years}, renewed by 1/{share} every {every}: a mandate lasts {renewals}", **words)]
        if not elected:
            self.finding(Status.PENDING, tr("the election of {date} installs body `{body}` but does not say who was "
                                            "elected (column `élus`)", date=event.date, body=self.body.id),
                         None, [(event, tr("the body's first election"))], lines, event.date)
            return
        self.finding(Status.FULFILLED, tr("the election of {date} installs body `{body}`: {names}", date=event.date,
                                          body=self.body.id, names=", ".join(elected)),
                     None, [(event, tr("the body's first election"))], lines, event.date)

    def _draw_for(self, last_day: dt.date, held: list[Event]) -> tuple[Event | None, list[str]]:
        """The draw of the first leavers for a renewal: the last draw event after the previous
        renewal (from the installation on) up to this renewal's election, else the leavers named
        on the election itself."""
        candidates = [d for d in self.draws if self.since < d.date <= last_day or
                      (d.date == self.since == self.elections[0].date)]
        if candidates:
            return candidates[-1], _names_of(candidates[-1], LEAVING)
        if held and _names_of(held[0], LEAVING):
            return held[0], _names_of(held[0], LEAVING)
        return None, []

    def renewal(self, r: int, start: dt.date, end: dt.date, held: list[Event]) -> None:
        mandates = self.mandates
        lines: list[str] = []
        problems: list[str] = []
        events: list[tuple[Event, str]] = []
        closed = end < self.ctx.as_of
        renewals = [e for e in held if not _names_of(e, REPLACES)]
        drawing = mandates.first_draw and r < self.groups and any(s.installed for s in self.seats)
        if drawing and (renewals or closed):
            draw, leavers = self._draw_for(renewals[0].date if renewals else end, held)
            sitting = {name_key(s.name): s for s in self.seats if s.installed and s.ends > r}
            low, high = self.installed_count // self.groups, -(-self.installed_count // self.groups)
            if draw is None:
                problems.append(tr("the first leavers are to be drawn by lot and no draw is recorded (column "
                                   "`sortants`{of})", of=tr(" of `{event}`", event=mandates.draw_event)
                                   if mandates.draw_event else ""))
            else:
                events.append((draw, tr("the draw of the first leavers")))
                outside = [n for n in leavers if name_key(n) not in sitting]
                if outside:
                    problems.append(tr("the draw names {names}, who are not among the members first elected and "
                                       "still sitting", names=", ".join(outside)))
                elif not low <= len(leavers) <= high:
                    problems.append(trn("the draw names {n} leaver out of the {total} members first elected: the "
                                        "share is 1/{share} ({low} to {high})",
                                        "the draw names {n} leavers out of the {total} members first elected: the "
                                        "share is 1/{share} ({low} to {high})", len(leavers),
                                        total=self.installed_count, share=mandates.share or self.groups,
                                        low=low, high=high))
                else:
                    lines.append(tr("first leavers drawn by lot on {date}: {names}", date=draw.date,
                                    names=", ".join(leavers)))
                    for n in leavers:
                        sitting[name_key(n)].ends = r
        leaving = [s for s in self.seats if s.ends == r]
        if leaving:
            lines.append(tr("mandates ending at the renewal of {period}: {who}", period=_period(start, end),
                            who=_who(leaving)))
        renewal_day = renewals[0].date if renewals else dt.date.max
        for event in held:   # replacements before the renewal fill the seats it renews
            if _names_of(event, REPLACES) and event.date < renewal_day:
                self.replace(event, lines, problems, events)
        if not renewals:
            if leaving and closed:
                problems.append(tr("no election of the body in {period}, when the mandates of {who} end",
                                   period=_period(start, end), who=_who(leaving)))
            if problems:
                self.finding(Status.BREACH, tr("the renewal of body `{body}` due by {end} is irregular: {why}",
                                               body=self.body.id, end=end, why=joined(problems, SEMI)),
                             end, events, lines)
            if closed:
                self.seats = [s for s in self.seats if s.ends != r]
            elif leaving or drawing:
                self.pending(end, leaving, lines, events, drawing)
                self.open = True
            return
        elected: list[str] = []
        for event in renewals:
            events.append((event, tr("an election of the body")))
            elected += _names_of(event, ELECTED)
        staying = [s for s in self.seats if s.ends != r]
        seats_max = self.body.members_max
        vacant = max(seats_max - len(staying) - len(leaving), 0) if seats_max is not None else 0
        up = len(leaving) + vacant
        if seats_max is not None and len(elected) > up:
            reelected_early = [s.name for s in staying if name_key(s.name) in {name_key(n) for n in elected}]
            problems.append(tr("{elected} ({names}) but {up} up for renewal ({left}, {vacant}){early}",
                               elected=trn("{n} member elected", "{n} members elected", len(elected)),
                               names=", ".join(elected), up=trn("{n} seat", "{n} seats", up),
                               left=trn("{n} leaving", "{n} leaving", len(leaving)),
                               vacant=trn("{n} vacant", "{n} vacant", vacant),
                               early=tr(": {names} still had a mandate running", names=", ".join(reelected_early))
                               if reelected_early else ""))
        first = renewals[0]
        self.since = first.date
        kept = {name_key(n) for n in elected}
        self.seats = [s for s in staying if name_key(s.name) not in kept]
        self.seats += [_Seat(n, first.date, r + self.groups, False) for n in elected]
        for event in held:   # replacements after it fill the seats it gave
            if _names_of(event, REPLACES) and event.date >= renewal_day:
                self.replace(event, lines, problems, events)
        if problems:
            self.finding(Status.BREACH, tr("the renewal of body `{body}` on {date} is irregular: {why}",
                                           body=self.body.id, date=first.date, why=joined(problems, SEMI)),
                         end, events, lines, first.date)
        else:
            self.finding(Status.FULFILLED, tr("the renewal of body `{body}` on {date}: {names} elected",
                                              body=self.body.id, date=first.date,
                                              names=", ".join(elected) or tr("nobody")),
                         end, events, lines, first.date)

    def replace(self, event: Event, lines: list[str], problems: list[str],
                events: list[tuple[Event, str]]) -> None:
        """A by-election: each elected takes the seat of the member named at the same place in
        ``remplace``, until that mandate would have ended."""
        elected, replaced = _names_of(event, ELECTED), _names_of(event, REPLACES)
        events.append((event, tr("an election to replace members")))
        if len(elected) != len(replaced):
            problems.append(tr("the election of {date} names {elected} for {replaced}: who replaces whom cannot be "
                               "told", date=event.date, elected=trn("{n} elected", "{n} elected", len(elected)),
                               replaced=trn("{n} member replaced", "{n} members replaced", len(replaced))))
            return
        by_key = {name_key(s.name): s for s in self.seats}
        for new, old in zip(elected, replaced):
            seat = by_key.get(name_key(old))
            if seat is None:
                problems.append(tr("the election of {date} replaces {name}, who holds no seat", date=event.date,
                                   name=old))
                continue
            lines.append(tr("{new} replaces {old} until the renewal that ends {old}'s mandate", new=new, old=old))
            seat.name, seat.since = new, event.date

    def pending(self, end: dt.date, leaving: list[_Seat], lines: list[str],
                events: list[tuple[Event, str]], drawing: bool = False) -> None:
        status = Status.UPCOMING if end <= self.ctx.horizon_end else Status.PENDING
        who = _who(leaving) if leaving else ""
        if drawing:
            lines = lines + [tr("the first leavers are to be drawn by lot before that election")]
            who = tr("the leavers drawn by lot among {who}", who=_who([s for s in self.seats if s.installed]))
        self.finding(status, tr("body `{body}`: an election is due by {end}, when the mandates of {who} end",
                                body=self.body.id, end=end, who=who), end, events, lines)

    def upcoming(self, r: int) -> None:
        leaving = [s for s in self.seats if s.ends == r]
        drawing = self.mandates.first_draw and r < self.groups and any(s.installed for s in self.seats)
        if (leaving or drawing) and not self.open:
            end = _period_bounds(self.elections[0].date.year, self.every, r)[1]
            self.pending(end, leaving, [], [], drawing)


def mandate_findings(ctx: Context) -> list[Finding]:
    """One finding per renewal of each body whose members' mandates are stated."""
    found: list[Finding] = []
    for body in ctx.convention.bodies:
        if body.mandates is not None and body.mandates.election:
            found += _Replay(ctx, body, body.mandates).run()
    return found
