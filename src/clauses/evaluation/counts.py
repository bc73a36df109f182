"""Conditions on counts of events and on events with options (issue 10 item 9), read from the log.

- ``nombre de manquement de occupant au cours des 12 derniers mois`` counts the events of a kind
  on or before the day (the event judged included), by whom, within a window that ends on the
  day (the last 12 months: dated after the same day 12 months earlier);
- ``nombre de absence.membre consécutives interrompues par présence`` (or ``depuis présence``)
  counts those after the latest of the reset events; ``EVENT.ATTR`` counts only the events whose
  ``ATTR`` is the one the judged event records (the same member), reset events included;
- ``cotisation.membre pour l'année en cours`` (``pour l'année précédente``): an event of the same
  member accounting for the judged event's year (its ``period`` column, else its date), or the
  year before; ``agrément depuis élection``: one after the latest ``élection``;
- ``temps restant jusqu'au {fin_mandat}``: from the day to that date;
- ``2/3 des membres en exercice``: a fraction of the ``membres`` count the compared event records;
  ``1/4 de demande.membres``: a fraction of any measured value. Fractions are exact.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from clauses.events import Event
from clauses.i18n import tr, trn
from clauses.language import model as m
from clauses.timelimits import Unit, add_period


def attr_of(event: Event, name: str) -> Any:
    """An attribute of an event, its column name compared without accents, case or ``_``."""
    from clauses.events.mapping import normalise

    wanted = normalise(name)
    return next((v for k, v in event.attrs.items() if normalise(k) == wanted), None)


def _same(a: Any, b: Any) -> bool:
    return " ".join(str(a).casefold().split()) == " ".join(str(b).casefold().split())


def window_start(day: dt.date, window: m.Duration) -> dt.date:
    """The first day of "the last N units" ending on ``day`` (the day after the same day N units back)."""
    if window.unit in (Unit.MONTHS, Unit.YEARS):
        months = window.amount * (12 if window.unit is Unit.YEARS else 1)
        return add_period(day, months=-months) + dt.timedelta(days=1)
    days = window.amount * (7 if window.unit is Unit.WEEKS else 1)
    return day - dt.timedelta(days=days - 1)


class CountReader:
    """Reads counts and events with options for one evaluation (``ev``: a conditions.Evaluator)."""

    def __init__(self, ev: Any) -> None:
        self.ev = ev
        self.ctx = ev.ctx

    def _group(self, attr: str | None, lines: list[str]) -> tuple[bool, Any]:
        """(known, value): the judged event's value of the grouping attribute."""
        if attr is None:
            return True, None
        focus = self.ev.focus
        value = attr_of(focus, attr) if focus is not None else None
        if value is None:
            lines.append(tr("the event judged records no `{attr}`: whose events to count cannot be told", attr=attr))
            return False, None
        return True, value

    def _pool(self, event: str, by: m.PartyRef | None, attr: str | None, value: Any, since: tuple[str, ...],
              lines: list[str], include_focus: bool) -> list[Event]:
        from clauses.evaluation.acts import _by_matches

        day, focus = self.ev.day, self.ev.focus
        found = [e for e in self.ctx.between(event, None, day)
                 if (include_focus or e is not focus) and _by_matches(by, e, self.ev.actor, self.ctx)
                 and (attr is None or _same(attr_of(e, attr), value))]
        if since:
            resets = sorted((e for name in since for e in self.ctx.between(name, None, day)
                             if attr is None or _same(attr_of(e, attr), value)), key=Event.key)
            if resets:
                last = resets[-1]
                found = [e for e in found if e.key() > last.key()]
                lines.append(tr("counted after {event} of {date}", event=self.ctx.label(last.event), date=last.date))
            else:
                lines.append(tr("no {events} on or before {day}: nothing resets the count",
                                events=", ".join(since), day=day))
        return found

    def count(self, op: m.Operand, lines: list[str], events: list[Event]) -> Decimal | None:
        attr = op.name if op.same else None
        known, value = self._group(attr, lines)
        if not known:
            return None
        found = self._pool(str(op.event), op.by, attr, value, op.since, lines, include_focus=True)
        if op.window is not None:
            start = window_start(self.ev.day, op.window)
            found = [e for e in found if e.date >= start]
            lines.append(tr("in the last {window}: from {start} to {day}", window=str(op.window), start=start,
                            day=self.ev.day))
        events.extend(found)
        whose = tr(" with {attr} {value}", attr=attr, value=value) if attr else ""
        dates = ", ".join(e.date.isoformat() for e in found[-6:]) + (" …" if len(found) > 6 else "")
        lines.append(tr("number of {event}{whose} = {n} ({dates})", event=self.ctx.label(str(op.event)),
                        whose=whose, n=len(found), dates=dates or tr("none")))
        return Decimal(len(found))

    def happened(self, cond: m.Happened) -> tuple[bool | None, list[str], list[Event]]:
        lines: list[str] = []
        known, value = self._group(cond.same, lines)
        if not known:
            return None, lines, []
        found = self._pool(cond.event, cond.by, cond.same, value, cond.since, lines, include_focus=False)
        if cond.year is not None:
            year = self.ev.day.year - (1 if cond.year == "previous" else 0)
            found = [e for e in found if self._year(e) == year]
        whose = tr(" with {attr} {value}", attr=cond.same, value=value) if cond.same else ""
        year_words = "" if cond.year is None else tr(" for {year}", year=self.ev.day.year - int(cond.year == "previous"))
        if found:
            last = found[-1]
            lines.append(tr("{event}{whose}{year} happened on {date}", event=self.ctx.label(cond.event), whose=whose,
                            year=year_words, date=last.date))
            return True, lines, [last]
        lines.append(tr("no {event}{whose}{year} on or before {day}", event=self.ctx.label(cond.event), whose=whose,
                        year=year_words, day=self.ev.day))
        return False, lines, []

    def _year(self, event: Event) -> int:
        claimed = self.ctx.period_date(event)
        return (claimed or event.date).year

    def until(self, op: m.Operand, lines: list[str], events: list[Event]) -> tuple[dt.date, dt.date] | None:
        target = op.date
        if target is None and op.event:     # `jusqu'au départ.fin_mandat`: a date the log records
            event = self.ev._event_for(str(op.event))
            raw = attr_of(event, str(op.name)) if event is not None else None
            try:
                target = dt.date.fromisoformat(str(raw).strip()[:10]) if raw else None
            except ValueError:
                target = None
            if target is None:
                lines.append(tr("{attr} is not recorded as a date on {event}", attr=f"{op.event}.{op.name}",
                                event=self.ctx.label(str(op.event))))
                return None
            events.append(event)
            lines.append(tr("{attr} = {value} ({event} of {date})", attr=f"{op.event}.{op.name}", value=target,
                            event=self.ctx.label(str(op.event)), date=event.date))
        if target is None:
            value = self.ev._param(str(op.name))
            if value is None or value.date is None:
                lines.append(tr("parameter {name} has no value", name="{" + str(op.name) + "}"))
                return None
            target = value.date
            lines.append(tr("{name} = {value}", name="{" + str(op.name) + "}", value=target))
        days = (target - self.ev.day).days
        lines.append(trn("time until {date}: from {day}, {days} day", "time until {date}: from {day}, {days} days",
                         days, date=target, day=self.ev.day, days=days))
        return (self.ev.day, target)

    def fraction(self, value: m.Value, lines: list[str], events: list[Event]) -> Fraction | None:
        num, den = value.ratio or (1, 1)
        if value.of_members:
            from clauses.evaluation.governance import FIELDS
            from clauses.evaluation.conditions import number

            source = events[-1] if events else self.ev.focus
            raw = next((attr_of(source, n) for n in FIELDS["members"] if source is not None
                        and attr_of(source, n) is not None), None)
            base = number(raw)
            if base is None:
                lines.append(tr("the members in office are not recorded (column `membres`) on the event compared"))
                return None
            lines.append(tr("{num}/{den} of {base} members in office = {share}", num=num, den=den, base=base,
                            share=_shown(Fraction(num) * Fraction(base) / den)))
            return Fraction(num) * Fraction(base) / den
        base = self.ev._left(value.of, lines, events)
        if not isinstance(base, Decimal):
            return None
        share = Fraction(num) * Fraction(base) / den
        lines.append(tr("{num}/{den} of {base} = {share}", num=num, den=den, base=base, share=_shown(share)))
        return share


def _shown(value: Fraction) -> Decimal:
    """A share as shown (to two decimals, localised by the catalogue): 26/3 -> 8.67."""
    shown = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
    return shown.to_integral_value() if shown == shown.to_integral_value() else shown.normalize()
