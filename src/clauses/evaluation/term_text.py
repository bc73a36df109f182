"""The term as texts write it (issue 10, item 7): what the scheduled term becomes once the
log is read.

- ``du … au …``: the first end is the day after the inclusive last day (:mod:`clauses.term`);
  the explanation says so.
- ``entrée en vigueur à la signature`` (or at a date) before the term's own start: the
  convention, and its duties, apply from that earlier date while the activity the term
  describes runs on its own dates; the first end still counts from the term's start.
- ``prolongée par avenant [de 3 mois]``: each logged extension, decided while the term is
  still running, moves the end — by the step the clause states, else to the last day the
  event records in its ``until`` column (inclusive) — never past the term's ``dans la limite
  de`` cap, which counts the initial term and every extension.

Dates come from :mod:`clauses.timelimits` (through :func:`clauses.term.later`); every move is
written into the term's explanation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clauses.events import Event
from clauses.i18n import tr
from clauses.language import model as m
from clauses.term import later
from clauses.timelimits import inclusive_end, last_day_in_force
from clauses.evaluation.context import Context

UNTIL_FIELDS = ("until", "jusqu_au", "jusquau", "new_end", "nouvelle_fin", "fin", "end")


@dataclass
class Adjusted:
    """The start from which the convention applies, and its first end after extensions."""

    start: dt.date | None
    how: str
    first_end: dt.date | None
    notes: list[str] = field(default_factory=list)


def adjust(ctx: Context, term: m.Term | None, start: dt.date | None, how: str,
           first_end: dt.date | None) -> Adjusted:
    """Apply the in-force date and the logged extensions to the scheduled first term."""
    result = Adjusted(start, how, first_end)
    if term is None:
        return result
    if term.last_day is not None and first_end is not None:
        result.notes.append(tr("the term runs from {start} to {last} inclusive (`du … au …`): it ends at the start "
                               "of {end}", start=start, last=term.last_day, end=first_end))
    _in_force(ctx, term, result)
    if term.extensions and first_end is not None:
        _extend(ctx, term, start, result)
    if term.unlimited:
        result.notes.append(tr("the convention is concluded for an unlimited duration: it has no scheduled end"))
    return result


def _in_force(ctx: Context, term: m.Term, result: Adjusted) -> None:
    anchor = term.in_force
    when = None
    if isinstance(anchor, m.DateAnchor):
        when = anchor.date
    elif isinstance(anchor, m.SignatureAnchor) and ctx.convention.signature:
        when = ctx.convention.signature.date
    if when is None or result.start is None or when >= result.start:
        return
    result.notes.append(tr("in force from {when}, before the term's own start on {start}: its duties apply from "
                           "{when}", when=when, start=result.start))
    result.start = when
    result.how = tr("the convention is in force from {when}", when=when)


def _until(event: Event) -> tuple[dt.date | None, str]:
    """The last day an extension event records, or why it records none."""
    for name in UNTIL_FIELDS:
        raw = event.attrs.get(name)
        if raw is None:
            continue
        try:
            return dt.date.fromisoformat(str(raw).strip()[:10]), ""
        except ValueError:
            return None, tr("its `{column}` value `{value}` is not a date", column=name, value=str(raw))
    return None, tr("it records no new last day (column `until`) and the clause states no length")


def _extend(ctx: Context, term: m.Term, term_start: dt.date | None, result: Adjusted) -> None:
    cap = later(term_start, term.maximum, ctx.calendar) if term.maximum and term_start else None
    logged = sorted((e for ext in term.extensions for e in ctx.named(ext.event)), key=Event.key)
    step_of = {ext.event: ext.step for ext in term.extensions}
    end = result.first_end
    for event in logged:
        label = tr("{event} of {date}", event=ctx.label(event.event), date=event.date)
        if event.date >= end:
            result.notes.append(tr("{what} comes after the term ended on {end}: it extends nothing",
                                   what=label, end=last_day_in_force(end)))
            continue
        step = step_of.get(event.event)
        if step is not None:
            new_end = later(end, step, ctx.calendar)
            how = tr("by {step}", step=str(step))
        else:
            last, why = _until(event)
            if last is None:
                result.notes.append(tr("{what} extends nothing: {why}", what=label, why=why))
                continue
            new_end = inclusive_end(last, "the last day the extension records", ctx.calendar.region).date
            how = tr("to {last} inclusive", last=last)
        if new_end <= end:
            result.notes.append(tr("{what} does not move the end ({how})", what=label, how=how))
            continue
        if cap is not None and cap <= end:
            result.notes.append(tr("{what} extends nothing: the term already reaches its cap of {maximum} "
                                   "(extensions included)", what=label, maximum=str(term.maximum)))
            continue
        if cap is not None and new_end > cap:
            result.notes.append(tr("{what} would extend the term {how}, past its cap of {maximum} (extensions "
                                   "included) from {start}: it ends at the cap, its last day {last}",
                                   what=label, how=how, maximum=str(term.maximum), start=term_start,
                                   last=last_day_in_force(cap)))
            new_end = cap
        else:
            result.notes.append(tr("{what} extends the term {how}: last day in force {last}",
                                   what=label, how=how, last=last_day_in_force(new_end)))
        end = new_end
    result.first_end = end
