"""M — money: financial keys and price-revision formulas, in exact decimals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, Inexact, localcontext
from typing import Iterator

from clauses.language import model as m
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.checks import CheckContext, check, clauses_of, where
from clauses.i18n import tr

HUNDRED = Decimal(100)


@check("M001", "key-not-100", Severity.ERROR,
       "the shares of a financial key do not add up to 100 % for a period",
       """
A financial key splits a cost between the members; shares that add up to 99.9 %
leave part of the cost unpaid, 100.1 % charges it twice. The sum is computed in
exact decimals, never floats (0.1 + 0.2 is not 0.3 in binary floating point).
""",
       bad='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 49,9 %.',
       good='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 50 %.')
def key_not_100(ctx: CheckContext) -> Iterator[Diagnostic]:
    for clause in clauses_of(ctx, m.FinancialKey):
        for period in clause.periods:
            total = sum((s.percent for s in period.shares), Decimal(0))
            if total != HUNDRED:
                yield Diagnostic.of("M001", tr("{where}: the shares for {start} – {end} add up to {total} "
                                               "%, not 100 %", where=where(clause), start=period.start,
                                               end=period.end, total=total),
                                    period.span or clause.span)


# ------------------------------------------------------------------ indexation formulas
Monomial = tuple[tuple[str, int], ...]   # ((variable, exponent), ...), sorted, exponents non-zero
Poly = dict[Monomial, Decimal]


def _times(a: Monomial, b: Monomial, sign: int = 1) -> Monomial:
    exps: dict[str, int] = dict(a)
    for name, exp in b:
        exps[name] = exps.get(name, 0) + sign * exp
    return tuple(sorted((n, e) for n, e in exps.items() if e))


def _expand(expr: m.Expr) -> Poly | None:
    """The formula as a sum of monomials with exact coefficients; None when it is not one
    (a division by a sum, or a coefficient that does not divide exactly)."""
    if expr.op == "num":
        return {(): expr.value}
    if expr.op == "var":
        return {((expr.name, 1),): Decimal(1)}
    left, right = (_expand(a) for a in expr.args)
    if left is None or right is None:
        return None
    out: Poly = {}
    if expr.op in ("add", "sub"):
        out = dict(left)
        for mono, coef in right.items():
            out[mono] = out.get(mono, Decimal(0)) + (coef if expr.op == "add" else -coef)
    elif expr.op == "mul":
        for ma, ca in left.items():
            for mb, cb in right.items():
                mono = _times(ma, mb)
                out[mono] = out.get(mono, Decimal(0)) + ca * cb
    else:  # div: only by a single monomial
        if len(right) != 1:
            return None
        (mono_d, coef_d), = right.items()
        if coef_d == 0:
            return None
        for mono, coef in left.items():
            out[_times(mono, mono_d, -1)] = coef / coef_d
    return {mono: coef for mono, coef in out.items() if coef != 0}


def revision_weights(expr: m.Expr) -> Decimal | None:
    """The sum of the weights of a price-revision formula P0 × (a + b × I / I0 + …), else None.

    The formula has that shape when, once expanded, every term holds one variable
    (the initial price) to the power one, and what remains of each term is either a
    constant or one ratio of two variables (an index over its base value). The sum
    of the coefficients is then what the formula gives when every index equals its
    base value — it must be 1 for the revised price to equal the initial price.
    """
    with localcontext() as exact:
        exact.prec = 60
        exact.traps[Inexact] = True
        try:
            poly = _expand(expr)
            total = sum(poly.values(), Decimal(0)) if poly else None
        except Inexact:
            return None
    if not poly:
        return None
    common = set.intersection(*({n for n, e in mono if e == 1} for mono in poly))
    for base in sorted(common):
        rests = [tuple(x for x in mono if x != (base, 1)) for mono in poly]
        ratios = [r for r in rests if r]
        if ratios and all(len(r) == 2 and sorted(e for _, e in r) == [-1, 1] for r in ratios):
            return total
    return None


@check("M002", "revision-weights-not-1", Severity.ERROR,
       "the weights of a price-revision formula do not add up to 1",
       """
A revision formula P = P0 × (a + b × I / I0) splits the price into a fixed part
a and a part b that follows the index. When a + b is not 1, the price changes
even though the index has not moved (at I = I0 the formula gives (a + b) × P0,
not P0): a drafting error that either overcharges or underpays every invoice.
Formulas of other shapes are not judged. The sum is computed in exact decimals.
""",
       bad='indexation révision article 5.1 :\n  P = P0 × (0,15 + 0,80 × I / I0)\n'
           '  indice I "ICHTrev-TS" mois de base 2022-09.',
       good='indexation révision article 5.1 :\n  P = P0 × (0,15 + 0,85 × I / I0)\n'
            '  indice I "ICHTrev-TS" mois de base 2022-09.')
def revision_weights_not_1(ctx: CheckContext) -> Iterator[Diagnostic]:
    for clause in clauses_of(ctx, m.Indexation):
        for formula in clause.formulas:
            total = revision_weights(formula.expression)
            if total is not None and total != 1:
                yield Diagnostic.of("M002", tr("{where}: the weights of {target} = {expression} add up to "
                                               "{total}, not 1", where=where(clause), target=formula.target,
                                               expression=formula.expression, total=total), formula.span or clause.span,
                                    tr("at base index values the formula gives {total} × the initial "
                                       "price; the fixed part and the index weights must add up to 1",
                                       total=total))


@check("M003", "index-base-month-conflict", Severity.WARNING,
       "an index is based on a month other than the month zero, or on two different months",
       """
A revised price is the initial price times the change of the index since the
month the price was set (the "mois zéro"): I0 must be the index of that month.
When the text sets the prices on the conditions of one month and takes I0 from
another (seed 004 art. 5.1: prices of September 2022, I0 of October 2022), the
change of the index between the two months is never passed on to the price,
and the parties will dispute which month applies. The same index given two
base months is the same dispute.
""",
       bad='indexation révision article 5.1 :\n  P = P0 × (0,15 + 0,85 × I / I0)\n'
           '  indice I "ICHTrev-TS" mois de base 2022-10\n  mois zéro 2022-09.',
       good='indexation révision article 5.1 :\n  P = P0 × (0,15 + 0,85 × I / I0)\n'
            '  indice I "ICHTrev-TS" mois de base 2022-09\n  mois zéro 2022-09.')
def index_base_month_conflict(ctx: CheckContext) -> Iterator[Diagnostic]:
    seen: dict[str, tuple[str, m.Indexation]] = {}
    for clause in clauses_of(ctx, m.Indexation):
        for index in clause.indices:
            if clause.month_zero and index.base_month != clause.month_zero:
                yield Diagnostic.of("M003", tr("{where}: the prices are set on the conditions of "
                                               "{month_zero} (month zero) but index `{name}` is based on "
                                               "{base_month}", where=where(clause),
                                               month_zero=clause.month_zero, name=index.name,
                                               base_month=index.base_month), index.span or clause.span,
                                    tr("the base index should be the index of the month zero: have the "
                                       "text amended, and record the reading applied with `lecture`"))
            first = seen.setdefault(index.name, (index.base_month, clause))
            if first[0] != index.base_month:
                yield Diagnostic.of("M003", tr("{where}: index `{name}` is based on {base_month}, but on "
                                               "{value} in {where2}", where=where(clause), name=index.name,
                                               base_month=index.base_month, value=first[0],
                                               where2=where(first[1])), index.span or clause.span)


# ------------------------------------------------------------------ key periods
def _periods(clause: m.FinancialKey) -> list[m.KeyPeriod]:
    return sorted((p for p in clause.periods if p.start <= p.end), key=lambda p: (p.start, p.end))


def _dates(period: m.KeyPeriod) -> str:
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


@check("M004", "key-periods-overlap", Severity.ERROR,
       "two periods of a financial key overlap, or a period ends before it starts",
       """
Each day of the term must fall under exactly one period of the key. On a day
two periods cover, each member owes two shares and the cost is split twice
over; a period that ends before it starts covers nothing (a typing error in a
date).
""",
       bad='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 50 % '
           'du 2023-12-01 au 2024-12-31 : a 40 %, b 60 %.',
       good='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 50 % '
            'du 2024-01-01 au 2024-12-31 : a 40 %, b 60 %.')
def key_periods_overlap(ctx: CheckContext) -> Iterator[Diagnostic]:
    for clause in clauses_of(ctx, m.FinancialKey):
        for period in clause.periods:
            if period.end < period.start:
                yield Diagnostic.of("M004", tr("{where}: the period {dates} ends before it starts",
                                               where=where(clause), dates=_dates(period)),
                                    period.span or clause.span)
        periods = _periods(clause)
        for i, period in enumerate(periods):
            for earlier in periods[:i]:
                if earlier.end >= period.start:
                    yield Diagnostic.of("M004", tr("{where}: the period {dates} overlaps the period "
                                                   "{dates2}", where=where(clause), dates=_dates(period),
                                                   dates2=_dates(earlier)), period.span or clause.span,
                                        tr("start it on {value}, or end the earlier one the day before",
                                           value=earlier.end + dt.timedelta(days=1)))
                    break


@check("M005", "key-periods-gap", Severity.WARNING,
       "the periods of a financial key leave days of the term uncovered",
       """
A day between two periods of the key (or between the start of the term and the
first period) has no key: nobody knows who pays for it. Usually a date was
mistyped (2024-01-02 for 2024-01-01); if the gap is intended (no cost that
year), say so with `lecture`.
""",
       bad='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 50 % '
           'du 2024-02-01 au 2024-12-31 : a 50 %, b 50 %.',
       good='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 50 % '
            'du 2024-01-01 au 2024-12-31 : a 50 %, b 50 %.')
def key_periods_gap(ctx: CheckContext) -> Iterator[Diagnostic]:
    term = ctx.convention.term
    start = term.start.date if term is not None and isinstance(term.start, m.DateAnchor) else None
    for clause in clauses_of(ctx, m.FinancialKey):
        periods = _periods(clause)
        if not periods:
            continue
        if start is not None and start < periods[0].start:
            yield Diagnostic.of("M005", tr("{where}: no period covers {start} – {value}, from the start of "
                                           "the term to the first period", where=where(clause), start=start,
                                           value=periods[0].start - dt.timedelta(days=1)), periods[0].span or clause.span)
        covered = periods[0].end
        for period in periods[1:]:
            if period.start > covered + dt.timedelta(days=1):
                yield Diagnostic.of("M005", tr("{where}: no period covers {value} – {value2}",
                                               where=where(clause), value=covered + dt.timedelta(days=1),
                                               value2=period.start - dt.timedelta(days=1)),
                                    period.span or clause.span)
            covered = max(covered, period.end)


@check("M006", "key-share-missing", Severity.WARNING,
       "a party has a share in one period of a financial key and none in another",
       """
A member that pays a share one year and is absent from the next year's split
has either left (then the key should say from when) or been forgotten (then the
others' shares are too high). Write an explicit `0 %` for a member that pays
nothing in a period.
""",
       bad='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 30 %, c 20 % '
           'du 2024-01-01 au 2024-12-31 : a 60 %, b 40 %.',
       good='clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 30 %, c 20 % '
            'du 2024-01-01 au 2024-12-31 : a 60 %, b 40 %, c 0 %.')
def key_share_missing(ctx: CheckContext) -> Iterator[Diagnostic]:
    for clause in clauses_of(ctx, m.FinancialKey):
        first_seen: dict[str, m.KeyPeriod] = {}
        for period in clause.periods:
            for share in period.shares:
                first_seen.setdefault(share.party, period)
        for period in clause.periods:
            present = {s.party for s in period.shares}
            for party, other in first_seen.items():
                if party not in present:
                    yield Diagnostic.of("M006", tr("{where}: `{party}` has a share for {dates} but none "
                                                   "for {dates2}", where=where(clause), party=party,
                                                   dates=_dates(other), dates2=_dates(period)), period.span or clause.span,
                                        tr("write `{party} 0 %` if it pays nothing in that period",
                                           party=party))


@check("M007", "key-share-non-signatory", Severity.WARNING,
       "a financial key gives a share to a party that does not sign the convention",
       """
A contract binds only its parties (Code civil art. 1199): a share of the cost
put on a party declared `non signataire` (a contractor, a funder acting under
its own agreement) cannot be claimed from it under this convention, so the
signatories' shares leave that part unpaid. Either the party signs, or its
contribution belongs in another instrument and the key should split the cost
between the signatories.
""",
       bad='partie titulaire "Titulaire du marché" non signataire.\n'
           'clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, titulaire 50 %.',
       good='partie titulaire "Titulaire du marché" non signataire.\n'
            'clé parts article 5.2 : du 2023-01-01 au 2023-12-31 : a 50 %, b 50 %.')
def key_share_non_signatory(ctx: CheckContext) -> Iterator[Diagnostic]:
    outsiders = {p.id for p in ctx.convention.parties if not p.signatory}
    for clause in clauses_of(ctx, m.FinancialKey):
        for period in clause.periods:
            for share in period.shares:
                if share.party in outsiders:
                    yield Diagnostic.of("M007", tr("{where}: `{party}` does not sign the convention but is "
                                                   "given {percent} % for {dates}", where=where(clause),
                                                   party=share.party, percent=share.percent,
                                                   dates=_dates(period)),
                                        share.span or period.span or clause.span,
                                        tr("a non-signatory is not bound by the key (Code civil art. 1199)"))


@check("M008", "key-period-outside-term", Severity.WARNING,
       "a financial key's period falls outside the convention's possible duration",
       """
A key that splits the cost "du 2027-01-01 au 2027-12-31" in a convention that
lasts at most until 2026-12-31 shares a year the convention never reaches: the
parties cannot be asked to pay under it, and the period was probably copied
from a longer draft. A period that starts before the convention does is
equally suspect. (A convention renewed without limit has no latest end: only
the start is checked.)
""",
       bad='durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an '
           'dans la limite de 2 ans.\n'
           'clé parts article 5.2 :\n  du 2023-01-01 au 2023-12-31 : a 50 %, b 50 %\n'
           '  du 2025-01-01 au 2025-12-31 : a 50 %, b 50 %.',
       good='durée article 6 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an '
            'dans la limite de 2 ans.\n'
            'clé parts article 5.2 :\n  du 2023-01-01 au 2023-12-31 : a 50 %, b 50 %\n'
            '  du 2024-01-01 au 2024-12-31 : a 50 %, b 50 %.')
def key_period_outside_term(ctx: CheckContext) -> Iterator[Diagnostic]:
    from clauses.checks.time import timeline

    tl = timeline(ctx.convention)
    if tl is None or not tl.known:
        return
    last = tl.end - dt.timedelta(days=1) if tl.end else None      # the last day in force
    for clause in clauses_of(ctx, m.FinancialKey):
        for period in clause.periods:
            if last is not None and period.end > last:
                yield Diagnostic.of("M008", tr("{where}: the period {period} goes past the last day the convention "
                                               "can be in force ({last})", where=where(clause),
                                               period=_dates(period), last=last),
                                    period.span or clause.span, tr("check the period, or the term's maximum duration"))
            elif period.start < tl.start:
                yield Diagnostic.of("M008", tr("{where}: the period {period} starts before the convention ({start})",
                                               where=where(clause), period=_dates(period), start=tl.start),
                                    period.span or clause.span, tr("check the period, or the start of the term"))
