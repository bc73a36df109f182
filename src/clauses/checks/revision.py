"""M022–M023 — amounts revised each year by a published index or rate (issue 10, item 10): a
revision the series cannot give a value for, a base index the series does not hold."""

from __future__ import annotations

import datetime as dt
from typing import Iterator

from clauses.checks import CheckContext, check, clauses_of, where
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m
from clauses.revision import latest_published, period, read_series, reference_day, revision_dates


def _revised(ctx: CheckContext) -> Iterator[tuple[m.AmountClause, m.Revision]]:
    """The revisions whose dates are known: not counted from a sample date standing in for a date
    parameter without a value (a template linted without an instance)."""
    conv = ctx.convention
    given = {a.name for a in conv.arguments}
    unset = any(p.type == "date" and p.id not in given and p.default is None for p in conv.parameters)
    for clause in clauses_of(ctx, m.AmountClause):
        revision = clause.revision
        if revision is not None and revision.start_param is None and not (revision.start is None and unset):
            yield clause, revision


def _term_end(conv: m.Convention) -> dt.date | None:
    from clauses.checks.time import start_of
    from clauses.term import first_end
    from clauses.timelimits import Calendar

    if conv.term is not None and isinstance(conv.term.last_day, dt.date):
        return conv.term.last_day
    return first_end(conv.term, start_of(conv), Calendar.for_region(conv.holidays))


@check("M022", "revision-value-missing", Severity.WARNING,
       "a yearly revision falls on a date for which the published series cannot give the index or rate",
       """
An amount revised each year by an index reads, at each revision, the value last published on
a day; by a rate, the rate of the year just ended. When the series file holds values after
that day but lacks the quarter (or year) that was the last published then — or does not say
when a quarter was published — the revised amount cannot be computed, and payments of that
year are not judged on their amount. Revision dates after the last value of the file are not
reported (their values may not be published yet): add the missing rows, with their source.
""",
       bad='série icc "ICC" fichier "icc_sans_2019.csv".\n'
           'montant loyer article 2 : 1 000 € révisé chaque année selon l\'indice icc.icc indice de base 1621.',
       good='série icc "ICC" fichier "icc.csv".\n'
            'montant loyer article 2 : 1 000 € révisé chaque année selon l\'indice icc.icc indice de base 1621.')
def revision_value_missing(ctx: CheckContext) -> Iterator[Diagnostic]:
    conv = ctx.convention
    for clause, revision in _revised(ctx):
        data = read_series(conv, revision)
        if data is None or not data.rows:
            continue
        horizon = max(r.published or r.end for r in data.rows)
        end = _term_end(conv)
        for date in revision_dates(conv, revision, min(end, horizon) if end is not None else horizon):
            if revision.mode == "index":
                day = reference_day(revision, date)
                row, why = latest_published(data, revision.column, day)
            else:
                row = data.on(date - dt.timedelta(days=1))
                why = tr("no rate of {series} for the period holding {day}", series=str(revision),
                         day=date - dt.timedelta(days=1))
                row = row if row is not None and row.values.get(revision.column) is not None else None
            if row is None:
                yield Diagnostic.of("M022", tr("{where}: the revision of {date} cannot be computed: {why}",
                                               where=where(clause), date=date, why=why),
                                    revision.span or clause.span,
                                    tr("add the missing value to the series file, with its source"))


@check("M023", "revision-base-not-in-series", Severity.WARNING,
       "the base index of a yearly revision is not a value of the series, or not the one it designates",
       """
A revision by an index divides the reference index by the base index. A base written as a
number that is no value of the series is most often a typo (or a value of another index or
another reference year); a base « le dernier publié au … » that the series cannot give leaves
every revision uncomputed; and a base stated both ways (`soit 1621`) must agree with the
series. The values are compared exactly.
""",
       bad='série icc "ICC" fichier "icc.csv".\n'
           'montant loyer article 2 : 1 000 € révisé chaque année selon l\'indice icc.icc indice de base 1622.',
       good='série icc "ICC" fichier "icc.csv".\n'
            'montant loyer article 2 : 1 000 € révisé chaque année selon l\'indice icc.icc indice de base 1621.')
def revision_base_not_in_series(ctx: CheckContext) -> Iterator[Diagnostic]:
    from clauses.amounts import value_of

    conv = ctx.convention
    for clause, revision in _revised(ctx):
        if revision.mode != "index" or revision.base_on_param is not None:
            continue
        data = read_series(conv, revision)
        if data is None or not data.rows:
            continue
        span = revision.span or clause.span
        stated = value_of(conv, revision.base_value)[0] if revision.base_value is not None else None
        if revision.base_on is None:
            values = {r.values.get(revision.column) for r in data.rows}
            if stated is not None and stated not in values:
                yield Diagnostic.of("M023", tr("{where}: the base index {value} is no value of series {series}",
                                               where=where(clause), value=stated, series=str(revision)), span,
                                    tr("check the value against the publication, or add its row to the series"))
            continue
        row, why = latest_published(data, revision.column, revision.base_on)
        if row is None:
            yield Diagnostic.of("M023", tr("{where}: the base index, the last published on {day}, cannot be read "
                                           "from series {series}: {why}", where=where(clause), day=revision.base_on,
                                           series=str(revision), why=why), span,
                                tr("add the missing value to the series file, with its source"))
        elif stated is not None and stated != row.values[revision.column]:
            yield Diagnostic.of("M023", tr("{where}: the base index is stated as {value}, but the last published on "
                                           "{day} is {found} ({period})", where=where(clause), value=stated,
                                           day=revision.base_on, found=row.values[revision.column],
                                           period=period(row)), span)

