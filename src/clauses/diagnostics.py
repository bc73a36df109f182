"""Diagnostics are data; rendering them is separate (analysis never prints).

A diagnostic has a stable code (see :mod:`clauses.codes`), a severity, a
message in the reader's words, a span, and an optional hint. ``render`` gives
the human form: ``file:line:col: error[S001]: message``, the offending line
with a caret underline, then the hint.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from clauses.codes import CODES, Severity
from clauses.i18n import localized, tr
from clauses.output.escape import terminal
from clauses.language.source import SourceText, Span


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    span: Span | None = None
    hint: str | None = None
    severity: Severity = field(default=Severity.ERROR)
    notes: tuple[str, ...] = ()

    @classmethod
    def of(cls, code: str, message: str, span: Span | None = None, hint: str | None = None,
           notes: Iterable[str] = ()) -> "Diagnostic":
        """A diagnostic with the catalogue's default severity for ``code``."""
        return cls(code, message, span, hint, CODES[code].severity, tuple(notes))

    @property
    def location(self) -> str:
        return str(self.span) if self.span else ""

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return replace(self, severity=severity)

    def sort_key(self) -> tuple:
        s = self.span
        return (s.path, s.line, s.column, self.code) if s else ("", 0, 0, self.code)

    def to_json(self) -> dict:
        d: dict = {"code": self.code, "severity": self.severity.value, "message": self.message}
        if self.span:
            d.update(file=self.span.path, line=self.span.line, column=self.span.column,
                     end_line=self.span.end_line, end_column=self.span.end_column)
        if self.hint:
            d["hint"] = self.hint
        if self.notes:
            d["notes"] = list(self.notes)
        return d


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


#: lines longer than this are shown as a window around the caret (a 5 MB line is not an excerpt)
MAX_EXCERPT = 400
_CONTEXT = 60


def _window(line: str, start: int, width: int) -> tuple[str, int, int]:
    """A part of a long line around [start, start + width), marked with `…` where cut."""
    width = min(width, MAX_EXCERPT - 2 * _CONTEXT)
    begin = max(0, start - _CONTEXT)
    end = min(len(line), start + width + _CONTEXT)
    shown = ("…" if begin > 0 else "") + line[begin:end] + ("…" if end < len(line) else "")
    return shown, start - begin + (1 if begin > 0 else 0), width


def shorten(text: str, limit: int = 60) -> str:
    """A value quoted in a message, cut to ``limit`` characters (with `…`) when longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


SEVERITY_WORDS = {Severity.ERROR: tr("error"), Severity.WARNING: tr("warning"), Severity.INFO: tr("info")}


def render(diag: Diagnostic, source: SourceText | None = None, lang: str = "en") -> str:
    """Human rendering: location, severity and code, message, excerpt, hint (in ``lang``; codes never change)."""
    head = f"{localized(SEVERITY_WORDS[diag.severity], lang)}[{diag.code}]: {localized(diag.message, lang)}"
    if diag.span:
        head = f"{diag.span}: {head}"
    lines = [terminal(head)]
    if diag.span and source is not None and diag.span.path == source.path:
        text = source.line(diag.span.line)
        if text or diag.span.line <= len(source.line_starts):
            number = str(diag.span.line)
            pad = " " * len(number)
            expanded = text.expandtabs(1)
            start = max(diag.span.column - 1, 0)
            if diag.span.end_line == diag.span.line:
                width = max(diag.span.end_column - diag.span.column, 1)
            else:
                width = max(len(expanded) - start, 1)
            if len(expanded) > MAX_EXCERPT:
                expanded, start, width = _window(expanded, start, width)
            # control characters are shown escaped; the caret follows the escaped text
            before, under = terminal(expanded[:start]), terminal(expanded[start:start + width])
            expanded, start, width = terminal(expanded), len(before), max(len(under), 1)
            lines.append(f" {pad} |")
            lines.append(f" {number} | {expanded}")
            lines.append(f" {pad} | {' ' * start}{'^' * width}")
    for note in diag.notes:
        lines.append(terminal(localized(tr("  = note: {note}", note=note), lang)))
    if diag.hint:
        lines.append(terminal(localized(tr("  = hint: {hint}", hint=diag.hint), lang)))
    return "\n".join(lines)
