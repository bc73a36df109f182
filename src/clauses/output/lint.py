"""The output formats of ``clauses lint``, and the documentation of codes.

- ``text``: each diagnostic with its source excerpt and hint (for people);
- ``concise``: ``file:line:col: CODE message``, one line each (editors, grep);
- ``json``: a versioned document (``version`` 1; fields are only ever added);
- ``sarif``: SARIF 2.1.0 as GitHub code scanning wants it (see ``docs/ci.md``);
- ``github``: workflow-command annotations, then the concise report, and a
  Markdown table for ``$GITHUB_STEP_SUMMARY``;
- ``junit``: JUnit XML, one test case per finding (see :func:`junit`).

Every format is deterministic: same files, same configuration, same bytes.
Paths in ``sarif``, ``github`` and ``junit`` are relative to the current
directory (run from the repository root), with ``/`` separators.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import quote

from clauses import __version__
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic, render
from clauses.lint.pipeline import LintResult, RuleDoc, catalogue, rule_doc
from clauses.i18n import localized, tr, trn
from clauses.output.counts import errors_count
from clauses.output import escape
from clauses.output.catalogue import LANGUAGES, choose_language, language_statement, translate

TOOL = "clauses"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
JSON_VERSION = 1
FAMILIES = {
    "F": "files", "S": "syntax", "N": "names", "V": "values", "A": "article citations", "L": "keyword language",
    "R": "readings", "Q": "suppressions", "E": "event logs", "T": "time", "X": "renewal and exit",
    "B": "votes and bodies", "M": "money", "G": "graph", "D": "convention text", "C": "check findings",
}
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def information_uri() -> str | None:
    """The project's home page from the installed metadata (``[project.urls]``), if it declares one.

    SARIF's ``informationUri`` is optional: better none than a guessed address."""
    try:
        from importlib.metadata import metadata

        from clauses import DISTRIBUTION

        meta = metadata(DISTRIBUTION)
        for entry in meta.get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("homepage", "home", "repository", "source", "documentation"):
                return url.strip()
        if meta.get("Home-page"):
            return meta["Home-page"]
    except Exception:  # not installed: running from a source tree
        pass
    return None


# ---------------------------------------------------------------------------- the report
@dataclass(frozen=True)
class Report:
    results: tuple[LintResult, ...]
    shown: tuple[tuple[LintResult, Diagnostic], ...]
    show_info: bool = False
    strict: bool = False
    lang: str = "en"   # language of the text and concise formats (machine formats stay in English)
    #: no ``--lang`` was given: each file's findings follow its ``langue`` (see :meth:`lang_of`)
    follow_files: bool = False

    @classmethod
    def of(cls, results: list[LintResult], show_info: bool = False, strict: bool = False,
           lang: str = "en", follow_files: bool = False) -> "Report":
        """The report of ``results`` in ``lang``; with ``follow_files`` (no ``--lang`` given), each file's
        findings in that file's ``langue`` instead (``lang`` for a file without one)."""
        shown = tuple((r, d) for r in results for d in r.diagnostics if show_info or d.severity is not Severity.INFO)
        return cls(tuple(results), shown, show_info, strict, lang, follow_files)

    def lang_of(self, result: LintResult) -> str:
        """The language of one file's findings: ``--lang``, else the file's ``langue``, else the report's."""
        return (file_language(result) or self.lang) if self.follow_files else self.lang

    def count(self, severity: Severity) -> int:
        return sum(1 for _, d in self.shown if d.severity is severity)

    @property
    def suppressed(self) -> int:
        return sum(len(r.suppressed) for r in self.results)

    @property
    def unreadable(self) -> bool:
        return any(d.code == "F001" for r in self.results for d in r.diagnostics)

    def exit_code(self) -> int:
        """0 clean, 1 findings at error level (any finding with ``--strict``), 2 unreadable input."""
        if self.unreadable:
            return 2
        if self.count(Severity.ERROR) or (self.strict and self.count(Severity.WARNING)):
            return 1
        return 0

    def fails(self, diag: Diagnostic) -> bool:
        return diag.severity is Severity.ERROR or (self.strict and diag.severity is Severity.WARNING)

    def statistics(self) -> list[tuple[str, Severity, int, str]]:
        """(code, severity, count, summary), most frequent first."""
        counts = Counter((d.code, d.severity) for _, d in self.shown)
        rows = []
        for (code, severity), n in counts.items():
            doc = rule_doc(code)
            rows.append((code, severity, n, doc.summary if doc else ""))
        return sorted(rows, key=lambda row: (-row[2], row[0], row[1].value))

    def summary_line(self, lang: str | None = None) -> str:
        """The totals, in ``lang`` (default: the report's; machine formats ask for English)."""
        n = len(self.results)
        errors, warnings = self.count(Severity.ERROR), self.count(Severity.WARNING)
        parts = [tr("{files}: {errors}, {warnings}", files=trn("{n} file checked", "{n} files checked", n),
                    errors=errors_count(errors), warnings=trn("{n} warning", "{n} warnings", warnings))]
        if self.show_info:
            parts.append(tr(", {notes}", notes=trn("{n} note", "{n} notes", self.count(Severity.INFO))))
        if self.suppressed:
            parts.append(tr(", {n} suppressed", n=self.suppressed))
        return "".join(localized(p, self.lang if lang is None else lang) for p in parts)


def relative_path(path: str) -> str:
    """POSIX path relative to the current directory when the file is below it (SARIF, annotations, JUnit)."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except (ValueError, OSError):
            return p.as_posix()
    return posixpath.normpath(p.as_posix())


def _file_of(result: LintResult, diag: Diagnostic) -> str:
    return diag.span.path if diag.span else result.path


# ---------------------------------------------------------------------------- text, concise, statistics
def file_language(result: LintResult) -> str | None:
    """The ``langue`` of a linted file: from its model, or (syntax errors) from a look at its text."""
    model = result.loaded.convention or result.loaded.partial
    if model is not None and model.language in LANGUAGES:
        return model.language
    return language_statement(result.loaded.source.text) if result.loaded.source is not None else None


def report_language(option: str | None, results: list[LintResult], environ: Mapping[str, str] | None = None) -> str:
    """The language of a lint report's frame (its totals): ``--lang``, else the ``langue`` every file
    shares, else the locale's (files of different languages: each file's findings still follow
    its own ``langue``, :meth:`Report.lang_of`)."""
    languages = {file_language(r) for r in results}
    return choose_language(option, languages.pop() if len(languages) == 1 else None, environ)


def text(report: Report) -> str:
    out = []
    for result, diag in report.shown:
        out.append(render(diag, result.loaded.source, lang=report.lang_of(result)))
        out.append("")
    out.append(report.summary_line())
    return "\n".join(out) + "\n"


def concise_line(result: LintResult, diag: Diagnostic, lang: str = "en") -> str:
    where = str(diag.span) if diag.span else result.path
    return escape.terminal(f"{where}: {diag.code} {localized(diag.message, lang)}")


def concise(report: Report) -> str:
    lines = [concise_line(r, d, report.lang_of(r)) for r, d in report.shown]
    return "\n".join([*lines, report.summary_line()]) + "\n"


def statistics(report: Report) -> str:
    rows = report.statistics()
    lines = [f"{n:>5}  {code}  {severity.value:<7}  {summary}" for code, severity, n, summary in rows]
    return "\n".join([*lines, report.summary_line()]) + "\n"


# ---------------------------------------------------------------------------- json
def to_json(report: Report) -> dict:
    return {
        "version": JSON_VERSION,
        "tool": {"name": TOOL, "version": __version__},
        "files": [r.path for r in report.results],
        "diagnostics": [d.to_json() for _, d in report.shown],
        "suppressed": [dict(s.diagnostic.to_json(), reason=s.reason, comment_line=s.comment.line)
                       for r in report.results for s in r.suppressed],
        "statistics": [{"code": code, "severity": severity.value, "count": n, "summary": summary}
                       for code, severity, n, summary in report.statistics()],
        "summary": {s.value: report.count(s) for s in Severity} | {"suppressed": report.suppressed},
        "exit_code": report.exit_code(),
    }


def json_text(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------- sarif
def _help(doc: RuleDoc) -> tuple[str, str]:
    """(plain text, Markdown) help of a rule: the rationale and the bad/good examples."""
    if doc.rationale:
        body = " ".join(doc.rationale.split())
    elif doc.origin == "event log":
        body = f"{doc.summary[0].upper()}{doc.summary[1:]}. Reported by `clauses check` on event logs."
    else:
        body = (f"{doc.summary[0].upper()}{doc.summary[1:]}. Reported by the clause pipeline "
                f"({FAMILIES.get(doc.code[0], doc.code[0])}): the message and its hint say how to fix it.")
    plain, markdown = [body], [body]
    if doc.bad:
        plain += ["", "Bad:", doc.bad]
        markdown += ["", "Bad:", "", "```", doc.bad, "```"]
    if doc.good:
        plain += ["", "Good:", doc.good]
        markdown += ["", "Good:", "", "```", doc.good, "```"]
    return "\n".join(plain), "\n".join(markdown)


def sarif_rule(doc: RuleDoc) -> dict:
    plain, markdown = _help(doc)
    full = " ".join(doc.rationale.split()) if doc.rationale else f"{doc.summary[0].upper()}{doc.summary[1:]}."
    return {
        "id": doc.code,
        "name": doc.name,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": full},
        "help": {"text": plain, "markdown": markdown},
        "defaultConfiguration": {"level": SARIF_LEVEL[doc.severity]},
        "properties": {"tags": [FAMILIES.get(doc.code[0], doc.code[0]), doc.origin]},
    }


def line_hash(code: str, uri: str, line_text: str, occurrence: int) -> str:
    """``primaryLocationLineHash``: the code, the file and the offending line's text (not its number),
    so a finding keeps its alert when lines are added above it; ``:n`` tells apart identical lines."""
    digest = hashlib.sha256(f"{code}\0{uri}\0{line_text.strip()}".encode("utf-8")).hexdigest()[:16]
    return f"{digest}:{occurrence}"


def artifact_uri(path: str) -> str:
    rel = relative_path(path)
    if rel.startswith("/"):
        return Path(rel).as_uri()
    return quote(rel, safe="/")


def sarif(report: Report, lint_only: bool = True) -> dict:
    """SARIF 2.1.0; ``lint_only`` lists the lint codes as rules (``clauses check`` lists every code)."""
    docs = catalogue(lint_only=lint_only)
    index = {doc.code: i for i, doc in enumerate(docs)}
    results = []
    seen: Counter = Counter()
    for result, diag in report.shown:
        uri = artifact_uri(_file_of(result, diag))
        span = diag.span
        line_text = result.loaded.source.line(span.line) if span and result.loaded.source else ""
        key = (diag.code, uri, line_text.strip())
        seen[key] += 1
        region = ({"startLine": span.line, "startColumn": span.column,
                   "endLine": span.end_line, "endColumn": span.end_column} if span else {"startLine": 1})
        location = {"uri": uri}
        if not uri.startswith("file:"):
            location["uriBaseId"] = "%SRCROOT%"
        message = escape.sarif(diag.message + (f"\nHint: {diag.hint}" if diag.hint else ""))
        entry = {
            "ruleId": diag.code,
            "level": SARIF_LEVEL[diag.severity],
            "message": {"text": message},
            "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
            "partialFingerprints": {"primaryLocationLineHash": line_hash(*key, seen[key])},
        }
        if diag.code in index:
            entry["ruleIndex"] = index[diag.code]
        results.append(entry)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL,
                "version": __version__,
                "semanticVersion": __version__,
                **({"informationUri": uri} if (uri := information_uri()) else {}),
                "rules": [sarif_rule(doc) for doc in docs],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def sarif_text(report: Report, lint_only: bool = True) -> str:
    return json.dumps(sarif(report, lint_only), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------- github
escape_data = escape.github_data          # kept names: the escaping itself lives in clauses.output.escape
escape_property = escape.github_property


def annotation(result: LintResult, diag: Diagnostic) -> str:
    props = [("file", relative_path(_file_of(result, diag)))]
    span = diag.span
    if span:
        props.append(("line", str(span.line)))
        if span.line == span.end_line:
            props += [("col", str(span.column)), ("endLine", str(span.end_line)),
                      ("endColumn", str(span.end_column))]
        else:
            props.append(("endLine", str(span.end_line)))
    props.append(("title", f"{TOOL} ({diag.code})"))
    message = diag.message + (f"\nhint: {diag.hint}" if diag.hint else "")
    joined = ",".join(f"{k}={escape.github_property(v)}" for k, v in props)
    return f"::{GITHUB_COMMAND[diag.severity]} {joined}::{escape.github_data(message)}"


def github(report: Report) -> str:
    """Annotations (GitHub shows 10 errors and 10 warnings per step), then the full concise report,
    which the runner is told not to read as workflow commands (a file name or a message could forge one)."""
    lines = [annotation(r, d) for r, d in report.shown]
    plain = [concise_line(r, d) for r, d in report.shown] + [report.summary_line("en")]
    return "\n".join(lines) + ("\n" if lines else "") + escape.github_stop_commands("\n".join(plain) + "\n")


STEP_SUMMARY_ROWS = 1000


def step_summary(report: Report) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: counts, then every finding (capped) in a table."""
    lines = ["## clauses lint", "", report.summary_line("en"), ""]
    if not report.shown:
        lines.append("No findings.")
    else:
        lines += ["| Severity | Code | Location | Message |", "|---|---|---|---|"]
        for result, diag in report.shown[:STEP_SUMMARY_ROWS]:
            span = diag.span
            where = relative_path(_file_of(result, diag)) + (f":{span.line}:{span.column}" if span else "")
            lines.append(f"| {diag.severity.value} | {diag.code} | {escape.markdown_code(where)} | "
                         f"{escape.markdown(diag.message)} |")
        if len(report.shown) > STEP_SUMMARY_ROWS:
            lines += ["", f"… and {len(report.shown) - STEP_SUMMARY_ROWS} more (see the job log)."]
    return "\n".join(lines) + "\n"


def write_step_summary(report: Report, environ: dict | None = None) -> bool:
    """Append the step summary to the file ``$GITHUB_STEP_SUMMARY`` names, when it is set."""
    target = (environ if environ is not None else os.environ).get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(step_summary(report))
    return True


# ---------------------------------------------------------------------------- junit
def _classname(path: str) -> str:
    rel = relative_path(path)
    stem = rel[: -len(".clauses")] if rel.endswith(".clauses") else rel
    return stem.replace("/", ".")


def junit(report: Report, command: str = "lint") -> str:
    """JUnit XML: one test suite per file, one test case per finding.

    Each finding is its own test case (named ``CODE: message``, with the file and
    line attributes) because JUnit dashboards (GitLab, Jenkins, GitHub test
    reporters) show one failure per test case and annotate it at its file/line:
    one case per file would show only the first finding. The line is kept out of
    the name so a finding keeps its history when lines move. A file without
    findings is one passing test case, so clean files count as tests passed.
    Errors and warnings are ``<failure>`` (type = the code); a file that could not
    be read or decoded (``F`` codes) is an ``<error>``; information (``--show-info``)
    is a passing case with the reading in ``<system-out>``.
    """
    root = ET.Element("testsuites", name=f"{TOOL} {command}")
    total = {"tests": 0, "failures": 0, "errors": 0}
    by_file: dict[str, list[Diagnostic]] = {}
    for result, diag in report.shown:
        by_file.setdefault(result.path, []).append(diag)
    for result in report.results:
        rel = relative_path(result.path)
        suite = ET.SubElement(root, "testsuite", name=rel)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        diagnostics = by_file.get(result.path, [])
        for diag in diagnostics:
            case = ET.SubElement(suite, "testcase", name=f"{diag.code}: {diag.message}",
                                 classname=_classname(result.path), file=rel,
                                 line=str(diag.span.line if diag.span else 1))
            counts["tests"] += 1
            body = render(diag, result.loaded.source)
            if diag.severity is Severity.INFO:
                ET.SubElement(case, "system-out").text = body
            elif diag.code.startswith("F"):
                ET.SubElement(case, "error", message=diag.message, type=diag.code).text = body
                counts["errors"] += 1
            else:
                ET.SubElement(case, "failure", message=diag.message, type=diag.code).text = body
                counts["failures"] += 1
        if not any(d.severity is not Severity.INFO for d in diagnostics):
            ET.SubElement(suite, "testcase", name=f"{TOOL} {command}", classname=_classname(result.path), file=rel)
            counts["tests"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            total[key] += value
    for key, value in total.items():
        root.set(key, str(value))
    ET.indent(root)
    escape.xml_tree(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATTERS = {"text": text, "concise": concise, "json": json_text, "sarif": sarif_text, "github": github,
              "junit": junit}


# ---------------------------------------------------------------------------- documentation
FAMILY_ORDER = "FSNVALRTXBMGDQEC"


def _family_key(doc: RuleDoc) -> tuple:
    family = doc.code[0]
    return (FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER), family, doc.code)


def _in(text: str, lang: str) -> str:
    """A catalogue text (a code's summary, a family's name, a rationale) in ``lang``; English when untranslated."""
    return (translate(text, lang) or text) if lang != "en" and text else text


def rules_table(lang: str = "en") -> str:
    """``clauses rules``: every code with its severity and summary, by family (pipeline, checks, others)."""
    lines = []
    family = None
    for doc in sorted(catalogue(), key=_family_key):
        if doc.code[0] != family:
            family = doc.code[0]
            if lines:
                lines.append("")
            name = _in(FAMILIES.get(family, family), lang)
            lines.append(localized(tr("{family} — {name} (reported by `clauses check`)", family=family, name=name)
                                   if family in ("E", "C") else tr("{family} — {name}", family=family, name=name),
                                   lang))
        name = f"  [{doc.name}]" if doc.origin == "check" else ""
        lines.append(f"  {doc.code}  {_severity(doc.severity, lang):<13}  {_in(doc.summary, lang)}{name}"
                     if lang != "en" else f"  {doc.code}  {doc.severity.value:<7}  {doc.summary}{name}")
    lines += ["", localized(tr("`clauses rules CODE` explains one code (why it matters, a failing and a passing "
                               "example)."), lang)]
    return "\n".join(lines) + "\n"


def _severity(severity: Severity, lang: str) -> str:
    from clauses.diagnostics import SEVERITY_WORDS

    return localized(SEVERITY_WORDS[severity], lang) if severity in SEVERITY_WORDS else severity.value


def _indent(block: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in block.splitlines())


def explain(doc: RuleDoc, lang: str = "en") -> str:
    from clauses.lint.config import protected

    def say(message) -> str:
        return localized(message, lang)

    summary = _in(doc.summary, lang)
    severity = _severity(doc.severity, lang) if lang != "en" else doc.severity.value
    lines = [f"{doc.code} ({doc.name}) — {severity}, {_in(FAMILIES.get(doc.code[0], doc.code[0]), lang)}",
             "", f"{summary[0].upper()}{summary[1:]}."]
    if doc.rationale:
        lines += ["", say(tr("Why it matters:")), _indent(_in(doc.rationale, lang))]
    elif doc.origin == "event log":
        lines += ["", say(tr("Reported by `clauses check` on event logs."))]
    else:
        lines += ["", say(tr("Reported by the clause pipeline ({family}): the message and its hint say how to fix "
                             "it.", family=_in(FAMILIES.get(doc.code[0], doc.code[0]), lang)))]
    if doc.bad:
        lines += ["", say(tr("Fails:")), _indent(doc.bad)]
    if doc.good:
        lines += ["", say(tr("Passes:")), _indent(doc.good)]
    if protected(doc.code):
        lines += ["", say(tr("Always reported, at error level: it cannot be ignored nor suppressed."))]
    elif doc.origin != "event log":
        configure = tr("Configure: `ignore = [\"{code}\"]` or `severity = {{ {code} = \"error\" }}` in "
                       "[tool.clauses]; hide one finding with `# clauses: ignore[{code}] reason`.", code=doc.code) \
            if not doc.code.startswith("Q") else \
            tr("Configure: `ignore = [\"{code}\"]` or `severity = {{ {code} = \"error\" }}` in [tool.clauses].",
               code=doc.code)
        lines += ["", say(configure)]
    return "\n".join(lines) + "\n"
