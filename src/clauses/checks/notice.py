"""X03x — notice periods (issue 10, item 7): what a draft gets wrong when a power's effect waits
for a notice (« avec un préavis de trois mois », « sauf en cas d'urgence »)."""

from __future__ import annotations

from typing import Iterator

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m
from clauses import timelimits
from clauses.checks import CheckContext, check, clauses_of, where

def _pair(duration: m.Duration) -> tuple[int, timelimits.Unit]:
    return duration.amount, duration.unit


@check("X030", "notice-delays-nothing", Severity.WARNING,
       "a power states a notice period but neither ends the convention nor removes a party",
       """
"La convention peut être dénoncée avec un préavis de trois mois": the notice
delays an effect, the end of the convention (`met fin à la convention`) or a
party's departure (`retire la partie`). A power that states a notice and no
such effect has nothing to delay: the notice is dead letter in the rules,
and a termination written this way ends nothing. State the effect.
""",
       bad='partie a "A".\névénement dénonciation "d".\n'
           "pouvoir dénoncer article 8 : chaque partie peut dénonciation avec un préavis de 3 mois.",
       good='partie a "A".\névénement dénonciation "d".\n'
            "pouvoir dénoncer article 8 : chaque partie peut dénonciation avec un préavis de 3 mois "
            "met fin à la convention.")
def notice_delays_nothing(ctx: CheckContext) -> Iterator[Diagnostic]:
    for power in clauses_of(ctx, m.Power):
        if power.notice is not None and not (power.ends_convention or power.party_leaves):
            yield Diagnostic.of("X030", tr("{where} states a notice of {duration} but has no effect to delay",
                                           where=where(power), duration=power.notice.duration),
                                power.notice.span or power.span,
                                tr("add `met fin à la convention` or `retire la partie`"))


@check("X031", "notice-exception-not-shorter", Severity.WARNING,
       "an exception that shortens a notice period gives a notice at least as long",
       """
"Préavis de six mois, ramené à un mois en cas de faute grave": the exception
shortens the notice. One that states a notice as long as the rule's, or longer,
shortens nothing (a figure copied from another clause, or the two numbers
swapped). Months and years compare exactly, days and weeks too; across the two,
on their fewest and most days (a month is 28 to 31 days): only a certain case
is reported.
""",
       bad='partie a "A".\névénement dénonciation "d".\névénement faute "f".\n'
           "pouvoir dénoncer article 8 : chaque partie peut dénonciation avec un préavis de 1 mois "
           "ramené à 6 mois si faute met fin à la convention.",
       good='partie a "A".\névénement dénonciation "d".\névénement faute "f".\n'
            "pouvoir dénoncer article 8 : chaque partie peut dénonciation avec un préavis de 6 mois "
            "ramené à 1 mois si faute met fin à la convention.")
def notice_exception_not_shorter(ctx: CheckContext) -> Iterator[Diagnostic]:
    for power in clauses_of(ctx, m.Power):
        if power.notice is None:
            continue
        for exception in power.notice.exceptions:
            if exception.duration is not None and \
                    timelimits.longer(_pair(power.notice.duration), _pair(exception.duration)) is False:
                yield Diagnostic.of("X031", tr("{where}: the exception gives a notice of {reduced}, not shorter than "
                                               "the notice of {duration} it shortens", where=where(power),
                                               reduced=exception.duration, duration=power.notice.duration),
                                    exception.duration.span or exception.span or power.span,
                                    tr("an exception to a notice states a shorter one, or waives it with `sauf si`"))
