"""The catalogue of diagnostic codes: stable identifiers, default severity, summary.

Codes never change meaning once published (CI pipelines select and ignore
them). A letter names the family, the number the check:

- ``F`` files (unreadable, empty)          - ``S`` syntax
- ``N`` names (parties, events, clauses)   - ``V`` values (dates, durations, shares)
- ``A`` article citations                  - ``L`` keyword language
- ``R`` readings recorded by the author    - ``E`` event logs
- ``Z`` scenario files (``clauses test``)   - ``C`` findings of ``clauses check`` in CI formats
- ``P`` portfolio manifests (``clauses check portfolio.yaml``)
- ``Q`` inline suppressions (``# clauses: ignore[CODE] reason``)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    summary: str


def _table(*rows: tuple[str, Severity, str]) -> dict[str, Code]:
    return {code: Code(code, sev, summary) for code, sev, summary in rows}


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, Code] = _table(
    ("F001", E, "file cannot be read"),
    ("F002", E, "file is empty"),
    ("F003", E, "file is not valid UTF-8 text"),
    ("F004", E, "file name refused: outside the project's allowed folders, absolute or too long"),
    ("S001", E, "unexpected token"),
    ("S002", E, "unexpected end of file"),
    ("S003", E, "unexpected character"),
    ("S004", E, "statement nested too deep"),
    ("N001", E, "unknown party"),
    ("N002", E, "unknown event"),
    ("N003", E, "unknown clause"),
    ("N004", E, "clause id defined twice"),
    ("N005", E, "party id defined twice"),
    ("N006", E, "event defined twice"),
    ("N007", E, "unknown body"),
    ("N008", E, "body defined twice"),
    ("V001", E, "duration or amount must be positive"),
    ("V002", E, "date does not exist"),
    ("V003", E, "deadline anchored to a term the convention does not have"),
    ("V004", E, "share outside 0-100 %"),
    ("V005", E, "convention header states a field twice or lacks one"),
    ("V006", E, "recurring frequency must be at least once"),
    ("V007", E, "convention header missing"),
    ("V008", E, "term stated twice"),
    ("V009", W, "deadline anchored to the renewal of a convention that is not renewed"),
    ("V010", E, "whole number expected"),
    ("V011", E, "recurring duty states no period anchoring"),
    ("V012", E, "clause states an item twice or an item it cannot have"),
    ("V013", W, "duty has no time limit and cannot be checked"),
    ("V014", E, "unknown holiday calendar"),
    ("V015", E, "clause has no bearer party or action"),
    ("V016", E, "a consequence's trigger names its parties by id"),
    # langA: conditions and parameters
    ("N009", E, "unknown parameter"),
    ("N010", E, "unknown unit"),
    ("V017", E, "instance gives no value to a parameter, or a value to none"),
    ("V018", E, "parameter value of the wrong type or outside its bounds"),
    ("V019", E, "comparison of values of different kinds"),
    ("V030", E, "unknown time zone"),
    ("V031", E, "a limit in hours where only days, months or years can count"),
    # money (issue 10 item 10): published series, interest, instalments
    ("F005", E, "published series file not found or unreadable"),
    ("V040", E, "published series file has a malformed row"),
    ("N011", E, "unknown published series or series column"),
    ("V033", E, "time of day that does not exist"),
    ("V034", E, "a time of day on a limit that has no last day (hours, counts per period)"),
    ("A004", E, "clause cites no article"),
    ("A001", E, "convention text not found"),
    ("A002", E, "article not found in the convention text"),
    ("A003", W, "article number appears more than once in the convention text"),
    ("L001", W, "keywords of two languages mixed in one file"),
    ("L002", E, "unknown language"),
    ("R001", I, "reading recorded by the rule author"),
    ("E001", E, "event log cannot be read"),
    ("E002", E, "required field missing"),
    ("E003", E, "malformed date"),
    ("E004", W, "unknown party id"),
    ("E005", W, "event name that no clause uses"),
    ("E006", E, "duplicate event id with different content"),
    ("E007", E, "required column missing"),
    ("E008", W, "event log is empty"),
    ("E009", E, "unsupported event log format"),
    ("E010", E, "malformed field"),
    ("E011", W, "event log is not UTF-8: read as Windows-1252"),
    ("E012", W, "value the log cannot back (unknown channel, reference to no event)"),
    ("Q001", W, "suppression comment gives no reason"),
    ("Q002", W, "suppression comment suppresses nothing"),
    ("Q003", W, "suppression comment names a code it cannot suppress"),
    ("Q004", W, "malformed suppression comment"),
    ("C001", E, "breach: a duty not done in time, or a clause broken (clause check in CI)"),
    ("C002", I, "duty due within the horizon (clause check in CI)"),
    ("C003", I, "duty due after the horizon (clause check in CI)"),
    ("C004", E, "breach: a power exercised outside the window its clause gives it (clause check in CI)"),
    ("C010", E, "breach: an act that does not state what its clause requires (`indiquant …`) (clause check in CI)"),
    ("P001", E, "portfolio manifest or folder has an invalid entry"),
    ("Z001", E, "scenario file cannot be read"),
    ("Z002", E, "scenario lacks a required field"),
    ("Z003", E, "scenario field has an invalid value"),
    ("Z004", E, "unknown scenario field"),
)
