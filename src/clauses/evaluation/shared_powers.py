"""Several powers that give one action (a termination for breach, in the public interest, at the user's
request — issue 10, engine faults): each act is judged under the one power it uses, never under all.

Which power an act uses, in this order:

1. the one it names: its ``ref`` (or its ``subject``) is the power's id, or the id of an event one of the
   power's conditions needs (the formal notice, the user's request) — the act claims that ground and is
   judged under it alone;
2. else one whose conditions hold on the day of the act; of several, the most specific (the most
   conditions, then the first in the file);
3. else no power allows the act: it is one breach, reported under the power it comes closest to (the
   most conditions met, then the first in the file), with what each power lacked; it has no effect.

A party that does not hold a power never uses it (the bearer decides first). Each power keeps its own
record of the events its exercises relied on (``used``): an act judged under one power consumes nothing
of another's.
"""

from __future__ import annotations

import datetime as dt

from clauses.i18n import joined, tr
from clauses.language import model as m
from clauses.events import Event
from clauses.evaluation.context import Context, article_of


def _events_needed(power: m.Power) -> set[str]:
    names = {c.event for c in power.conditions if isinstance(c, (m.AfterCondition, m.IfEvent))}
    if power.notice is not None and power.notice.from_event:
        names.add(power.notice.from_event)
    return names


def _named(ctx: Context, event: Event, group: list[m.Power]) -> list[m.Power]:
    """The powers the act names by its ``ref`` or ``subject``."""
    claims = {x for x in (event.ref, event.subject) if x}
    if not claims:
        return []
    direct = [p for p in group if p.id in claims]
    if direct:
        return direct
    referred = ctx.by_id.get(event.ref) if event.ref else None
    return [p for p in group if referred is not None and referred.event in _events_needed(p)]


def _holds(power: m.Power, event: Event) -> bool:
    """Whether the act's author holds the power at all."""
    return power.bearer.type != "list" or not event.by or any(p in power.bearer.parties for p in event.by)


def _met(ex) -> int:
    return len(ex.power.conditions) - len(ex.problems)


def shared_exercises(ctx: Context, group: list[m.Power], start: dt.date | None, renewals: list[dt.date],
                     term_end: dt.date | None) -> dict[str, list]:
    """The exercises of the powers of ``group`` (one action), each act under one power: by power id."""
    from dataclasses import replace

    from clauses.evaluation.acts import check_exercise

    used: dict[str, set[int]] = {p.id: set() for p in group}
    found: dict[str, list] = {p.id: [] for p in group}
    for event in ctx.named(group[0].action):
        holders = [p for p in group if _holds(p, event)] or group
        named = [p for p in _named(ctx, event, group) if p in holders]
        trials = {}
        for power in (named or holders):
            tentative = set(used[power.id])
            trials[power.id] = (check_exercise(ctx, power, event, start, renewals, term_end, tentative), tentative)
        valid = [ex for ex, _ in trials.values() if ex.valid]
        if valid:
            chosen = max(valid, key=lambda ex: (len(ex.power.conditions), -group.index(ex.power)))
        else:
            chosen = max((ex for ex, _ in trials.values()), key=lambda ex: (_met(ex), -group.index(ex.power)))
            others = [ex for ex, _ in trials.values() if ex is not chosen]
            if others and not named:
                lacked = tuple(tr("under `{clause}` (article {article}): {problems}", clause=ex.power.id,
                                  article=article_of(ex.power), problems=joined(ex.problems, tr("{a}; {b}").template))
                               for ex in [chosen, *others])
                chosen = replace(chosen, alternatives=lacked)
        if named:
            chosen = replace(chosen, explanation=chosen.explanation + (
                tr("the act names clause `{clause}` (ref or subject): it is judged under it alone",
                   clause=chosen.power.id),))
        elif len(trials) > 1 and chosen.valid:
            chosen = replace(chosen, explanation=chosen.explanation + (
                tr("of the clauses that give {action}, the act is judged under `{clause}`, whose conditions it meets "
                   "(the most specific when several do)", action=ctx.label(chosen.power.action),
                   clause=chosen.power.id),))
        used[chosen.power.id] = trials[chosen.power.id][1]
        found[chosen.power.id].append(chosen)
    return found
