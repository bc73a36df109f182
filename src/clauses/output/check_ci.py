"""``clauses check`` in CI: ``--format sarif|junit|github``, through the machinery of ``lint``.

A check's findings become diagnostics located at the clause they come from (the
rules file, its line and column), so that :mod:`clauses.output.lint` renders them
as it renders lint findings -- one SARIF writer, one JUnit writer, one escaping of
GitHub workflow commands:

- ``C001`` (error): a breach;
- ``C002`` (information): a duty due within the horizon;
- ``C003`` (information): a duty due later.

Fulfilled and discharged findings are left out (nothing to act on). The event log's
problems (``E`` codes) come as they are, located in the log. In JUnit a breach is a
failure, an upcoming or pending duty a passing case whose text says what is due;
in SARIF they are ``error`` and ``note`` results; on GitHub ``::error`` and
``::notice`` annotations. The exit code stays the check's (0, 1 breaches, 2 invalid
input), whatever the format.
"""

from __future__ import annotations

import unicodedata
from typing import Iterable, Mapping

from clauses.diagnostics import Diagnostic
from clauses.findings import Finding, Status
from clauses.i18n import tr
from clauses.language.load import Loaded
from clauses.language.source import Span
from clauses.lint.pipeline import LintResult
from clauses.output import lint as lint_output
from clauses.output.report import CheckReport, sorted_diagnostics, sorted_findings

CODE_OF = {Status.BREACH: "C001", Status.UPCOMING: "C002", Status.PENDING: "C003"}


def clause_spans(loaded: Loaded) -> dict[str, Span]:
    """Where each clause of a loaded convention is written (clause id -> span)."""
    conv = loaded.convention
    if conv is None:
        return {}
    spans = {c.id: c.span for c in conv.clauses if c.span is not None}
    if conv.term is not None and conv.term.span is not None:
        spans.setdefault("term", conv.term.span)
    return spans


def one_line(text: str) -> str:
    """``text`` on one line, without control characters: a message never starts a line of the
    concise report (where a forged ``::error`` would be a workflow command) nor moves the cursor."""
    return " ".join("".join(c if unicodedata.category(c) != "Cc" else " " for c in str(text)).split())


def _diagnostic(report: CheckReport, finding: Finding, spans: Mapping[str, Span]) -> Diagnostic:
    span = spans.get(finding.clause) or Span(report.rules_path, 1, 1, 1, 2)
    parties = ", ".join(finding.parties) if finding.parties else "\u2014"
    due = finding.due.isoformat() if finding.due else "\u2014"
    message = tr("{status}: {message} (art. {article}, {parties}, due {due})", status=finding.status.value,
                 message=one_line(finding.message), article=one_line(finding.article), parties=one_line(parties),
                 due=due)
    code = finding.extra.get("code") or CODE_OF[finding.status]   # recurrence: C004, a power outside its window
    return Diagnostic.of(code, message, span, notes=finding.explanation)


def lint_results(report: CheckReport, loaded: Loaded, spans: Mapping[str, Span] | None = None) -> list[LintResult]:
    """The report as lint results: the findings at their clauses, the log's problems in the log."""
    spans = spans if spans is not None else clause_spans(loaded)
    findings = tuple(_diagnostic(report, f, spans) for f in sorted_findings(report, lambda f: f.status in CODE_OF))
    rules = LintResult(loaded, findings)
    log_problems = tuple(d for d in sorted_diagnostics(report) if d.code != "R001")
    if not log_problems:
        return [rules]
    log = Loaded(report.log_path, None, None, None, (), ())
    return [rules, LintResult(log, log_problems)]


def ci_report(checked: Iterable[tuple[CheckReport, Loaded]], problems: Iterable[Diagnostic] = ()
              ) -> lint_output.Report:
    """The lint report of the checks; ``problems`` (a portfolio manifest's, ``P001``) come first, by file."""
    results = []
    by_file: dict[str, list[Diagnostic]] = {}
    for diag in problems:
        by_file.setdefault(diag.span.path if diag.span else "", []).append(diag)
    for path, diags in by_file.items():
        results.append(LintResult(Loaded(path, None, None, None, (), ()), tuple(diags)))
    results += [r for report, loaded in checked for r in lint_results(report, loaded)]
    return lint_output.Report.of(results, show_info=True)


def render(format: str, checked: Iterable[tuple[CheckReport, Loaded]], problems: Iterable[Diagnostic] = ()) -> str:
    """``sarif``, ``junit`` or ``github`` output of one or several checks (and of a portfolio's problems)."""
    report = ci_report(checked, problems)
    if format == "sarif":
        return lint_output.sarif_text(report, lint_only=False)
    if format == "junit":
        return lint_output.junit(report, "check")
    return lint_output.github(report)
