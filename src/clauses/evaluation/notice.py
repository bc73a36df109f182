"""Effects delayed by a notice period (issue 10, item 7): « la convention peut être dénoncée par
LRAR avec un préavis de trois mois », « moyennant un préavis de six mois, sauf en cas d'urgence ».

The rule (docs/language.md, *Notice periods*):

- the notice runs from the day of the act, or from its receipt when the clause says
  ``à compter de sa réception`` and the log records it (CPC art. 668-669; the sending date
  otherwise, and ``--explain`` says so);
- it is counted as a limit (CPC art. 641: the day of the act does not count, months end on the
  same-numbered day) and is never moved by art. 642: it is not a time to act in, and extending it
  would lengthen the notice the clause states;
- it runs out at the end of its last day: the effect (the end of the convention, a party leaving)
  takes place at the start of the next day, and the duties keep running until then;
- with ``effet à la reconduction`` the effect waits, in addition, for the first renewal on or
  after that day;
- an exception on a fact (``sauf si …``, ``sauf en cas d'…``, ``ramené à … si …``) is judged with
  the condition language on the day of the act; the first that holds applies. One the log cannot
  decide leaves the full notice (nothing is shortened on a guess), and ``--explain`` says so.
"""

from __future__ import annotations

import datetime as dt

from clauses.events import Event
from clauses.i18n import tr
from clauses.language import model as m
from clauses.timelimits import Deadline
from clauses.evaluation.context import Context

_ONE_DAY = dt.timedelta(days=1)


def notice_effect(ctx: Context, power: m.Power, event: Event, actor: str | None, renewals: list[dt.date],
                  term_end: dt.date | None, explanation: list[str]) -> tuple[dt.date, Deadline | None]:
    """When the effect of an exercise with a notice period takes place, and the notice's last day."""
    from clauses.evaluation.conditions import describe, evaluate

    notice = power.notice
    assert notice is not None
    duration: m.Duration | None = notice.duration
    for exception in notice.exceptions:
        verdict = evaluate(ctx, exception.condition, event.date, event, actor)
        explanation.extend(verdict.lines)
        if verdict.value is True:
            duration = exception.duration
            explanation.append(tr("the notice is waived: `{cond}` holds on {date}", cond=describe(exception.condition),
                                  date=event.date) if duration is None else
                               tr("the notice is reduced to {duration}: `{cond}` holds on {date}", duration=duration,
                                  cond=describe(exception.condition), date=event.date))
            break
        if verdict.value is None:
            explanation.append(tr("`{cond}` cannot be verified from the log: the full notice of {duration} is kept",
                                  cond=describe(exception.condition), duration=notice.duration))
    origin = _origin(ctx, notice, event, explanation)
    if duration is None:
        effect = event.date
        last = None
    else:
        anchor, label = origin.date, tr("{event} of {date}", event=origin.event, date=origin.date)
        if notice.from_receipt:
            received = ctx.receipt_date(origin)
            if received:
                anchor, label = received, tr("receipt on {received} of {event} sent {sent}", received=received,
                                              event=origin.event, sent=origin.date)
            else:
                label = tr("{label} (receipt date not recorded: counted from the sending date, CPC art. 668)",
                           label=label)
        last = ctx.after(anchor, duration, label, extend=False)
        effect = max(last.date + _ONE_DAY, event.date)    # an act after a notice already run takes effect at once
        explanation.extend(last.derivation.explain())
        explanation.append(tr("notice of {duration}: it runs out at the end of {last}; the effect takes place on "
                              "{effect} (in force until {last})", duration=duration, last=last.date, effect=effect))
    if power.effective == "at_renewal":
        renewal = next((r for r in renewals if r >= effect), None) or term_end
        if renewal is not None and renewal != effect:
            explanation.append(tr("effective at renewal: the first renewal on or after {date} is {renewal}",
                                  date=effect, renewal=renewal))
            effect = renewal
    return effect, last


def _origin(ctx: Context, notice: m.Notice, event: Event, explanation: list[str]) -> Event:
    """What the notice runs from: the act itself, or (``à compter de demande``) the event of that name
    the act names by ``ref``, else the latest one on or before it; the act when there is none."""
    if notice.from_event is None:
        return event
    named = ctx.by_id.get(event.ref) if event.ref else None
    if named is not None and named.event == notice.from_event and named.date <= event.date:
        return named
    earlier = list(ctx.latest_first(notice.from_event, event.date))
    if earlier:
        return earlier[0]
    explanation.append(tr("no {event} is recorded on or before the act: the notice runs from the act itself",
                          event=ctx.label(notice.from_event)))
    return event
