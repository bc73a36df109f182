"""M — amounts: named amounts against their caps and floors, in exact decimals (langA)."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from clauses.amounts import bound_value, names, parameter_value, value_of
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m


def _bound_words(bound: m.Bound) -> str:
    """``80 % of budget`` in the reader's language, else the expression as written."""
    if bound.percent is None:
        return str(bound.expression)
    return tr("{percent} % of {expression}", percent=str(bound.percent), expression=str(bound.expression))


@check("M010", "amount-over-cap", Severity.ERROR,
       "an amount exceeds its cap, or falls below its floor",
       """
A convention caps what it commits: a subsidy at 80 % of the budget, a fee at a ceiling, a
number of hours times an hourly price under the amount voted. When the amount written
elsewhere in the text (or an instance's parameter) goes past the cap, the convention
promises more than its authority allows; the sum is computed in exact decimals, with the
instance's parameter values, else their defaults.
""",
       bad='montant budget article 3 : 150 000 €.\n'
           'montant subvention article 4 : 130 000 € au maximum 80 % de budget.',
       good='montant budget article 3 : 150 000 €.\n'
            'montant subvention article 4 : 120 000 € au maximum 80 % de budget.')
def amount_over_cap(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    for clause in clauses_of(ctx, m.AmountClause):
        value, _ = value_of(conv, clause.expression)
        if value is None:
            continue
        for bounds, over in ((clause.maximum, True), (clause.minimum, False)):
            for bound in bounds:
                limit, _ = bound_value(conv, bound)
                if limit is None or (value <= limit if over else value >= limit):
                    continue
                shown, cap = m.Amount(value=value), m.Amount(value=limit.normalize())
                words = dict(where=where(clause), value=str(shown), bound=_bound_words(bound), limit=str(cap))
                message = (tr("{where}: {value} exceeds its cap {bound} = {limit}", **words) if over else
                           tr("{where}: {value} is below its floor {bound} = {limit}", **words))
                yield Diagnostic.of("M010", message, bound.span or clause.span)


@check("M011", "amount-unknown-name", Severity.ERROR,
       "an amount reads a name that is neither an amount nor a parameter",
       """
An amount computed from `budget` needs `budget` stated as an amount (`montant budget … :`) or
declared as a parameter; otherwise nothing can be checked against it and the check passes
silently.
""",
       bad='montant subvention article 4 : 120 000 € au maximum 80 % de budjet.',
       good='montant budget article 3 : 150 000 €.\nmontant subvention article 4 : 120 000 € au maximum 80 % de budget.')
def amount_unknown_name(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    known = {c.id for c in clauses_of(ctx, m.AmountClause)} | {p.id for p in conv.parameters}
    for clause in conv.clauses:
        exprs: list[m.Expr] = []
        if isinstance(clause, m.AmountClause):
            exprs = [clause.expression] + [b.expression for b in clause.maximum + clause.minimum]
        elif isinstance(clause, m.Duty) and clause.amount is not None:
            exprs = [clause.amount]
        for expr in exprs:
            for ref in names(expr):
                if ref.name not in known and parameter_value(conv, str(ref.name)) is None:
                    yield Diagnostic.of("M011", tr("{where}: unknown amount `{name}`", where=where(clause),
                                                   name=str(ref.name)), ref.span or clause.span)


# ------------------------------------------------------------------ templates, limits without a number
def _uses(conv: m.Convention) -> set[str]:
    """Parameter names a convention uses anywhere (`{name}` in conditions and amounts; durations
    and dates are put in place while lowering, so the lowering records none of those)."""
    text = conv.model_dump_json()
    return {p.id for p in conv.parameters if f'"name":"{p.id}"' in text or f'"text":"{p.id}"' in text}


@check("G110", "unused-parameter", Severity.WARNING,
       "a template declares a parameter that no clause uses",
       """
A parameter is a placeholder each signed instance fills in. One that no clause reads makes
every instance give a value that changes nothing: a clause that should use it was written
with a fixed value instead, or the parameter is left over from an older model. (A parameter
written `{name}` where a duration or a date goes counts as used.)
""",
       bad='paramètre plafond montant "Plafond".\n'
           'obligation verser article 4 : état doit versement dans un délai de 30 jours à compter de demande.',
       good='paramètre plafond montant "Plafond".\n'
            'obligation verser article 4 : état doit versement dans un délai de 30 jours à compter de demande\n'
            '  si demande.montant <= {plafond}.')
def unused_parameter(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    if not conv.parameters or ctx.source is None:
        return
    used = _uses(conv)
    for param in conv.parameters:
        if param.id in used or "{" + param.id + "}" in ctx.source.text.replace("{ ", "{").replace(" }", "}"):
            continue
        yield Diagnostic.of("G110", tr("parameter `{name}` is declared but no clause uses it", name=param.id),
                            param.span)


@check("T120", "limit-without-number", Severity.INFO,
       "a duty's limit has no number of days: it is reported as due now, never as a breach",
       """
`sans délai`, `immédiatement`, `dans les meilleurs délais`, `à première demande` give no
number of days: `clauses check` reports such a duty as pending and due now from its trigger
on, and never as a breach. When the parties read the article as a number of days (usage,
a later exchange, case law), record it with `lecture 8 jours car "…"` so that the duty is
checked against it.
""",
       bad='obligation réparer article 8 : bailleur doit réparation sans délai après signalement.',
       good='obligation réparer article 8 : bailleur doit réparation sans délai après signalement\n'
            '  lecture 8 jours car "« sans délai » s\'entend dans l\'usage de huit jours".')
def limit_without_number(ctx: CheckContext) -> Iterator[Diagnostic]:
    for duty in clauses_of(ctx, m.Duty):
        deadline = duty.deadline
        if isinstance(deadline, m.Prompt) and deadline.manner != "at_term" and duty.read_as is None:
            yield Diagnostic.of("T120", tr("{where}: its limit has no number of days; it is reported as due now",
                                           where=where(duty)), deadline.span or duty.span)


# ------------------------------------------------------------------ money: instalments, interest (issue 10 item 10)
@check("M020", "interest-without-amount", Severity.WARNING,
       "a duty owes interest on a late payment, or is payable in instalments, but states no amount",
       """
Interest runs on the sum paid late, and instalments add up to the sum due: both need the
duty's `montant …`. Without it the checker cannot compute either, and reports the late
payment without its interest.
""",
       bad='obligation cotiser article 29 : membre doit cotisation dès adhésion\n'
           '  payable en plusieurs versements.',
       good='obligation cotiser article 29 : membre doit cotisation dès adhésion\n'
            '  montant adhésion.cotisation payable en plusieurs versements.')
def interest_without_amount(ctx: CheckContext) -> Iterator[Diagnostic]:
    for duty in clauses_of(ctx, m.Duty):
        if duty.amount is None and (duty.interest is not None or duty.instalments):
            yield Diagnostic.of("M020", tr("{where}: it owes interest or is payable in instalments, but states no "
                                           "amount (`montant …`)", where=where(duty)),
                                (duty.interest.span if duty.interest else None) or duty.span)


@check("M021", "series-outside-term", Severity.WARNING,
       "a duty reads a published series that has no value for any day of the term",
       """
A series of rates or index values is written for the years a convention runs. One whose
rows all fall before the term starts, or all after it ends, gives no rate for any payment
of the convention: the file is the wrong one, or its recent rows are missing. (Rows that
are not published yet are simply not counted, and `--explain` names the days left out.)
""",
       bad='série taux_légal fichier "taux_2015.csv".   # rows for 2015 only\n'
           'durée article 1 : du 2026-01-01 au 2026-12-31.',
       good='série taux_légal fichier "taux_interet_legal.csv".   # rows up to 2026\n'
            'durée article 1 : du 2026-01-01 au 2026-12-31.')
def series_outside_term(ctx: CheckContext) -> Iterator[Diagnostic]:
    from clauses import series as published
    from clauses.checks.time import start_of
    from clauses.files import Refused
    from clauses.term import first_end
    from clauses.timelimits import Calendar

    conv = ctx.convention
    start = start_of(conv)
    if start is None:
        return
    end = (conv.term.last_day if conv.term is not None and isinstance(conv.term.last_day, dt.date) else
           first_end(conv.term, start, Calendar.for_region(conv.holidays)))
    for decl in conv.series:
        if decl.path is None or not any(getattr(c, "interest", None) and c.interest.series == decl.id
                                        for c in conv.clauses):
            continue
        try:
            rows = published.read(decl.path).rows
        except (Refused, OSError, UnicodeDecodeError):
            continue
        if rows and all(r.end < start or (end is not None and r.start > end) for r in rows):
            yield Diagnostic.of("M021", tr("series `{id}` has no value between {start} and {end}, the term of the "
                                           "convention", id=decl.id, start=start, end=end or "—"), decl.span)
