"""Names in the money constructs (a hook of :mod:`.resolve`): the series a duty's interest or an
amount's revision reads, and its column in the series file; series declared twice."""

from __future__ import annotations

from clauses.diagnostics import Diagnostic
from clauses.i18n import tr
from clauses.language import model as m


def check_series_names(conv: m.Convention) -> list[Diagnostic]:
    """An unknown series or column (N011) of an interest rate or a revision, a series id declared twice (N011)."""
    from clauses import series as published
    from clauses.files import Refused
    from clauses.language.resolve import _hint

    found: list[Diagnostic] = []
    seen: set[str] = set()
    for decl in conv.series:
        if decl.id in seen:
            found.append(Diagnostic.of("N011", tr("series `{id}` is declared twice", id=decl.id), decl.span))
        seen.add(decl.id)
    for clause in conv.clauses:
        rate = getattr(clause, "interest", None) or getattr(clause, "revision", None)
        if rate is None:
            continue
        decl = conv.series_decl(rate.series)
        if decl is None:
            found.append(Diagnostic.of("N011", tr("unknown series `{name}` in clause `{id}`", name=rate.series,
                                                  id=clause.id), rate.span or clause.span,
                                       _hint(rate.series, [s.id for s in conv.series], "series")
                                       or tr("declare it: `série {name} fichier \"….csv\".`", name=rate.series)))
            continue
        if decl.path is None:
            continue   # the file was not found: reported when loading
        try:
            columns = published.read(decl.path).columns
        except (Refused, OSError, UnicodeDecodeError):
            continue
        if rate.column not in columns:
            found.append(Diagnostic.of("N011", tr("series `{series}` has no column `{column}` (its columns: "
                                                  "{columns})", series=decl.id, column=rate.column,
                                                  columns=", ".join(columns) or "—"),
                                       rate.span or clause.span, _hint(rate.column, columns, "column")))
    return found
