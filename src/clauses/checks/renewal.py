"""X — renewal and exit: how the convention continues or ends, and how a party leaves."""

from __future__ import annotations

from typing import Iterator

from .. import model as m
from ..codes import Severity
from ..diagnostics import Diagnostic
from . import CheckContext, check, where


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
        yield Diagnostic.of("X001", f"{where(term)} is renewed both expressly and tacitly", renewal.span or term.span,
                            "keep one mode, and record the reading chosen with `lecture`")
