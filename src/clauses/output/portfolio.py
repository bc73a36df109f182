"""The report of a portfolio check: a summary table, then each convention's report.

Text: one row per convention (name, breaches, upcoming, next due date: the
earliest due date of an upcoming or pending duty), the totals, then every
convention's text report (:func:`clauses.output.report.render_text`) under a
rule with its name. JSON: the ``clauses-portfolio`` document, version 1, whose
``conventions`` are ``clauses-check`` documents with the entry's ``name``.
"""

from __future__ import annotations

from typing import Any

from clauses.diagnostics import Diagnostic, render
from clauses.findings import Status
from clauses.i18n import tr
from clauses.output.report import render_json as check_json
from clauses.output.report import render_text as check_text
from clauses.output.counts import convention_totals
from clauses.output.report import summary
from clauses.portfolio import Outcome, exit_code_of

SCHEMA_NAME = "clauses-portfolio"
SCHEMA_VERSION = 1
HEADERS = (tr("convention"), tr("breaches"), tr("upcoming"), tr("next due"))


def next_due(outcome: Outcome) -> str:
    if outcome.report is None:
        return "\u2014"
    dues = [f.due for f in outcome.report.findings
            if f.status in (Status.UPCOMING, Status.PENDING) and f.due is not None]
    return min(dues).isoformat() if dues else "\u2014"


def table_rows(outcomes: list[Outcome], lang: str = "en") -> list[tuple[str, str, str, str]]:
    rows = []
    for o in outcomes:
        if o.report is None:
            rows.append((o.entry.name, tr("rules have errors").localized(lang), "", ""))
            continue
        counts = summary(o.report)
        rows.append((o.entry.name, str(counts["breach"]), str(counts["upcoming"]), next_due(o)))
    return rows


def summary_table(outcomes: list[Outcome], lang: str = "en") -> str:
    rows = [tuple(h.localized(lang) for h in HEADERS), *table_rows(outcomes, lang)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    right = (False, True, True, False)
    lines = []
    for n, r in enumerate(rows):
        cells = [c.rjust(w) if right[i] and n else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def totals(outcomes: list[Outcome], lang: str = "en") -> str:
    reports = [o.report for o in outcomes if o.report is not None]
    breaches = sum(summary(r)["breach"] for r in reports)
    upcoming = sum(summary(r)["upcoming"] for r in reports)
    failed = len(outcomes) - len(reports)
    line = convention_totals(len(outcomes), breaches, upcoming)
    return line.localized(lang) + (tr(", {failed} not checked (rules with errors)", failed=failed).localized(lang)
                                   if failed else "")


def render_text(outcomes: list[Outcome], problems: list[Diagnostic], *, explain: bool = False,
                languages: dict[str, str] | None = None, lang: str = "en") -> str:
    """The summary table and totals (in ``lang``), then each convention's text report (in
    ``languages[name]``, default ``lang``)."""
    out: list[str] = []
    if problems:
        out += [tr("Problems in the portfolio ({n})", n=len(problems)).localized(lang)]
        out += ["  " + render(d, lang=lang).replace("\n", "\n  ") for d in problems]
        out.append("")
    out += [summary_table(outcomes, lang), "", totals(outcomes, lang)]
    for o in outcomes:
        out += ["", "=" * 78, o.entry.name, "=" * 78]
        if o.report is None:
            out += [render(d, o.loaded.source if o.loaded else None, lang=lang) for d in o.errors]
            out.append(tr("{rules} has errors: fix them first (`clauses lint {rules}`)",
                          rules=str(o.entry.rules)).localized(lang))
        else:
            out.append(check_text(o.report, explain=explain, lang=(languages or {}).get(o.entry.name, lang)))
    return "\n".join(out)


def render_json(outcomes: list[Outcome], problems: list[Diagnostic]) -> dict[str, Any]:
    conventions = []
    for o in outcomes:
        if o.report is None:
            conventions.append({"name": o.entry.name, "rules": str(o.entry.rules), "errors":
                                [d.to_json() for d in o.errors]})
        else:
            conventions.append({"name": o.entry.name, **check_json(o.report)})
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "summary": [{"name": r[0], "breaches": o.report and summary(o.report)["breach"],
                     "upcoming": o.report and summary(o.report)["upcoming"],
                     "next_due": None if r[3] in ("\u2014", "") else r[3]}
                    for o, r in zip(outcomes, table_rows(outcomes))],
        "conventions": conventions,
        "diagnostics": [d.to_json() for d in problems],
        "exit_code": exit_code_of(outcomes, problems),
    }
