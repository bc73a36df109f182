"""Evaluation of a convention against an event log, as of a date.

The steps, each in its own module: :mod:`.context` (events indexed, matching
rules), :mod:`.schedule` (the convention's life: start, renewals, end,
departures, cascades — which needs :mod:`.acts` for the powers exercised),
:mod:`.duties` (obligation instances and their status) and :mod:`.acts`
(powers, prohibitions, votes). The result is a list of
:class:`~clauses.findings.Finding`, sorted most urgent first.
"""

from __future__ import annotations

import datetime as dt

from clauses.language import model as m
from clauses.events import Event
from clauses.findings import Counted, Finding
from clauses.evaluation.acts import power_findings, prohibition_findings, vote_findings
from clauses.evaluation.contents import content_findings
from clauses.evaluation.context import Context
from clauses.evaluation.duties import duty_findings
from clauses.evaluation.schedule import build, term_finding
from clauses.evaluation.tally import Tally
from clauses.gcpause import paused


@paused()
def evaluate(convention: m.Convention, events: list[Event], as_of: dt.date,
             horizon_days: int = 60) -> tuple[list[Finding], int]:
    """All findings as of ``as_of``, and how many events were after it (ignored).

    Raises ValueError for an as-of date outside 1900-2999 or a horizon over 100 years: the
    schedule looks years past the horizon, and the calendar ends in 9999."""
    findings, _, ignored = _evaluate(convention, events, as_of, horizon_days, Tally())
    return findings, ignored


@paused()
def evaluate_counting(convention: m.Convention, events: list[Event], as_of: dt.date,
                      horizon_days: int = 60) -> tuple[list[Finding], tuple[Counted, ...], int]:
    """As :func:`evaluate`, the fulfilled and discharged findings counted rather than kept once their
    group is too large for a text report to list (:mod:`.tally`): (findings, counted, ignored)."""
    return _evaluate(convention, events, as_of, horizon_days, Tally(counting=True))


def _evaluate(convention: m.Convention, events: list[Event], as_of: dt.date, horizon_days: int,
              tally: Tally) -> tuple[list[Finding], tuple[Counted, ...], int]:
    if not (1900 <= as_of.year <= 2999 and 0 <= horizon_days <= 36500):
        raise ValueError(f"as-of {as_of.isoformat()} with a {horizon_days}-day horizon is outside what this "
                         "checker evaluates (years 1900-2999, horizon up to 100 years)")
    ctx = Context.build(convention, events, as_of, horizon_days)
    life = build(ctx)
    ctx.life = life   # recurrence: conditions on another clause's breach read its verdicts over this life
    tally.add(term_finding(ctx, life))
    tally.extend(duty_findings(ctx, life))   # duty by duty: a counted duty's findings are dropped as it ends
    tally.extend(power_findings(ctx, life.exercises, life.moot))
    tally.extend(prohibition_findings(ctx, life.end_for))
    tally.extend(vote_findings(ctx, life.departures))
    tally.extend(content_findings(ctx, life))   # acts: what each act of a duty must state
    if any(body.mandates is not None for body in convention.bodies):   # imported for the bodies that state them
        from clauses.evaluation.mandates import mandate_findings

        tally.extend(mandate_findings(ctx))      # members' mandates of the bodies, renewal by renewal
    findings, counted = tally.result()
    findings.sort(key=Finding.sort_key)
    return findings, counted, len(ctx.future)
