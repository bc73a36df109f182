"""The check report: grouping, one-line format, --explain, JSON schema, exit codes."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import jsonschema
import pytest

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.findings import EventNote, Finding, Status
from clauses.output.report import (
    CheckReport,
    SUMMARY_LIMIT,
    check_output_schema,
    exit_code,
    render_json,
    render_text,
    summary_line,
)
from clauses.language.source import Span
from clauses.timelimits import Calendar, Unit, forward

AS_OF = date(2024, 3, 15)
CAL = Calendar.for_region("metropole")
DEADLINE = forward(date(2023, 12, 31), 3, Unit.MONTHS, calendar=CAL,
                   anchor_label="end of the 2023 financial year")


def finding(status: Status, clause: str, due: date | None, *, article: str = "7",
            parties: tuple[str, ...] = ("gerant",), message: str | None = None,
            **kw) -> Finding:
    return Finding(status=status, clause=clause, kind=kw.pop("kind", "duty"), article=article,
                   parties=parties, due=due,
                   message=message or f"{clause} is {status.value}.", **kw)


ANNUAL = finding(
    Status.BREACH, "comptes-annuels", DEADLINE.date, article="12.1",
    parties=("gerant", "cabinet-x"),
    message="The annual accounts for 2023 were not sent to the partners.",
    window_start=date(2024, 1, 1),
    explanation=tuple(DEADLINE.derivation.explain()),
    derivation=DEADLINE.derivation.to_json(),
    events=(
        EventNote("ev-17", date(2024, 4, 5), "accounts_sent", False,
                  "dated after the due date 2024-04-02"),
        EventNote("log.csv:9", date(2024, 1, 20), "accounts_sent", False,
                  "sent by a party the clause does not bind"),
    ),
)
OLD_BREACH = finding(Status.BREACH, "non-concurrence", date(2023, 6, 1), article="15",
                     parties=("associe-b",), kind="prohibition",
                     message="Partner associe-b joined a competing firm.",
                     events=(EventNote("ev-3", date(2023, 6, 1), "joined_competitor", True,
                                       "a prohibited act"),))
UPCOMING = finding(Status.UPCOMING, "assemblee-annuelle", date(2024, 4, 30), article="9",
                   parties=("gerant",), message="The annual meeting must be convened.")
UPCOMING_SOON = finding(Status.UPCOMING, "rapport-trimestriel", date(2024, 3, 31), article="8.2",
                        parties=("gerant",), message="The quarterly report is due.")
PENDING = finding(Status.PENDING, "renouvellement", date(2025, 1, 1), article="20",
                  parties=("associe-a", "associe-b"),
                  message="Notice of non-renewal may be given until this date.")
FULFILLED = finding(Status.FULFILLED, "apport-initial", date(2023, 2, 1), article="4",
                    parties=("associe-a",), message="The initial contribution was paid.",
                    events=(EventNote("ev-1", date(2023, 1, 15), "contribution_paid", True,
                                      "paid in time"),))
DISCHARGED = finding(Status.DISCHARGED, "garantie", None, article="V (évaluation)",
                     parties=(), message="The guarantee ended with the first renewal.")

BAD_DATE = Diagnostic.of("E003", "malformed date '2024-02-30'",
                         Span("log.csv", 7, 1, 7, 11), hint="write dates as YYYY-MM-DD")
UNKNOWN_PARTY = Diagnostic.of("E004", "unknown party id 'asocie-a'",
                              Span("log.csv", 4, 12, 4, 20))
READING = Diagnostic.of("R001", "'within the quarter' read as the last day of the quarter",
                        Span("rules/x.clauses", 31, 5, 31, 40))


def make(findings=(), diagnostics=(), **kw) -> CheckReport:
    base = dict(convention_title="Convention de partenariat Alpha", rules_path="rules/x.clauses",
                log_path="log.csv", as_of=AS_OF, horizon_days=60, findings=tuple(findings),
                diagnostics=tuple(diagnostics), events_read=42, events_ignored_after_as_of=3)
    base.update(kw)
    return CheckReport(**base)


ALL = (DISCHARGED, FULFILLED, PENDING, UPCOMING, ANNUAL, UPCOMING_SOON, OLD_BREACH)
FULL = make(ALL, (UNKNOWN_PARTY, READING, BAD_DATE))


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def index_of(lines: list[str], needle: str) -> int:
    hits = [i for i, line in enumerate(lines) if needle in line]
    assert hits, f"{needle!r} not in output"
    return hits[0]


# --------------------------------------------------------------------------- text


def test_header_names_convention_date_horizon_and_events():
    text = render_text(FULL)
    head = "\n".join(lines_of(text)[:5])
    assert "Convention de partenariat Alpha" in head
    assert "2024-03-15" in head
    assert "horizon 60 days" in head
    assert "42 events read" in head
    assert "3 events dated after 2024-03-15 ignored" in head
    assert "rules/x.clauses" in head and "log.csv" in head


def test_groups_in_order_with_counts():
    lines = lines_of(render_text(FULL))
    positions = [index_of(lines, h) for h in
                 ("BREACHES (2)", "UPCOMING (2)", "PENDING (1)", "FULFILLED (1)",
                  "DISCHARGED (1)")]
    assert positions == sorted(positions)


def test_most_urgent_first_oldest_breach_first():
    lines = lines_of(render_text(FULL))
    order = [index_of(lines, f.message) for f in
             (OLD_BREACH, ANNUAL, UPCOMING_SOON, UPCOMING, PENDING, FULFILLED, DISCHARGED)]
    assert order == sorted(order)


def test_order_does_not_depend_on_input_order():
    assert render_text(make(reversed(ALL))) == render_text(make(ALL))


def test_one_line_has_due_article_parties_clause_message():
    line = lines_of(render_text(FULL))[index_of(lines_of(render_text(FULL)), ANNUAL.message)]
    assert line.startswith("  2024-04-02")
    for part in ("art. 12.1", "gerant, cabinet-x", "comptes-annuels", ANNUAL.message):
        assert part in line
    assert line.index("2024-04-02") < line.index("art. 12.1") < line.index("gerant") \
        < line.index("comptes-annuels") < line.index(ANNUAL.message)


def test_no_due_date_and_no_party_shown_as_dash():
    line = next(x for x in lines_of(render_text(FULL)) if DISCHARGED.message in x)
    assert line.lstrip().startswith("\u2014")
    assert "art. V (évaluation)" in line


def test_columns_are_aligned():
    lines = lines_of(render_text(FULL))
    starts = {lines[index_of(lines, f.message)].index(f"art. {f.article}") for f in ALL}
    assert len(starts) == 1


def test_explain_shows_derivation_and_event_notes():
    plain = render_text(FULL)
    text = render_text(FULL, explain=True)
    lines = lines_of(text)
    at = index_of(lines, ANNUAL.message)
    block = lines[at + 1: at + 1 + len(ANNUAL.explanation) + 3]
    assert all(line.startswith("      ") for line in block)
    joined = "\n".join(block)
    assert "Window: from 2024-01-01 to 2024-04-02." in joined
    for line in DEADLINE.derivation.explain():
        assert line in joined
        assert line not in plain
    assert "\u2717 not counted  2024-04-05  accounts_sent (ev-17): dated after the due date" \
        in joined
    assert "\u2717 not counted  2024-01-20  accounts_sent (log.csv:9): sent by a party" in joined
    assert "\u2713 counted" in text and "(ev-3): a prohibited act" in text
    assert "\u2713" not in plain and "\u2717" not in plain


def test_long_fulfilled_and_discharged_groups_summarised_unless_explain():
    many = [replace(FULFILLED, clause=f"apport-{i:02d}", message=f"Paid {i}.")
            for i in range(SUMMARY_LIMIT + 1)]
    report = make([*many, UPCOMING])
    text = render_text(report)
    assert f"FULFILLED ({SUMMARY_LIMIT + 1})" in text
    assert "Paid 0." not in text
    assert f"{SUMMARY_LIMIT + 1} findings not listed" in text
    assert UPCOMING.message in text  # other groups are always listed
    explained = render_text(report, explain=True)
    assert all(f.message in explained for f in many)


def test_short_fulfilled_group_listed():
    assert FULFILLED.message in render_text(FULL)


def test_no_breach_says_none():
    text = render_text(make([PENDING]))
    lines = lines_of(text)
    assert lines[index_of(lines, "BREACHES (0)") + 1].strip() == "None."
    assert "FULFILLED" not in text  # empty minor groups omitted


def test_empty_report_says_nothing_to_report():
    text = render_text(make(events_read=0, events_ignored_after_as_of=0))
    assert "Nothing to report" in text
    assert "BREACHES" not in text
    assert "ignored" not in text
    assert text.splitlines()[-1] == "0 breaches, 0 upcoming, 0 pending, 0 fulfilled, 0 discharged"


def test_summary_line_last():
    text = render_text(FULL)
    assert text.splitlines()[-1] == "2 breaches, 2 upcoming, 1 pending, 1 fulfilled, 1 discharged"
    assert summary_line(make([OLD_BREACH])).startswith("1 breach,")
    assert not text.endswith("\n")


def test_diagnostics_listed_before_findings_with_location():
    text = render_text(FULL)
    lines = lines_of(text)
    problems = index_of(lines, "Problems in the event log (2)")
    assert problems < index_of(lines, "BREACHES")
    # by line: row 4 then row 7
    unknown = index_of(lines, "log.csv:4:12: warning[E004]: unknown party id 'asocie-a'")
    bad = index_of(lines, "log.csv:7:1: error[E003]: malformed date '2024-02-30'")
    assert problems < unknown < bad
    assert "= hint: write dates as YYYY-MM-DD" in text
    assert "findings below may be incomplete" in text


def test_readings_counted_and_listed_with_explain():
    assert "Readings used (1)" in render_text(FULL)
    assert "R001" not in render_text(FULL)
    assert "rules/x.clauses:31:5: info[R001]" in render_text(FULL, explain=True)


def test_no_problems_section_without_diagnostics():
    assert "Problems" not in render_text(make(ALL))


def test_plain_ascii_except_marks_and_data():
    text = render_text(FULL, explain=True)
    for f in ALL:  # drop what the data brought in
        for piece in (*f.explanation, f"art. {f.article}"):
            text = text.replace(piece, "")
    assert set(ch for ch in text if ord(ch) > 127) <= {"\u2713", "\u2717", "\u2014"}
    assert "\x1b" not in text


def test_color_only_on_status_headings():
    text = render_text(FULL, color=True)
    coloured = [line for line in text.splitlines() if "\x1b[" in line]
    assert len(coloured) == 5
    assert all(line.startswith("\x1b[") and line.split("\x1b[0m")[0].split("m", 1)[1].split(" (")[0]
               in {"BREACHES", "UPCOMING", "PENDING", "FULFILLED", "DISCHARGED"}
               for line in coloured)
    assert text.replace("\x1b[1;31m", "").replace("\x1b[1;33m", "").replace("\x1b[1;36m", "") \
        .replace("\x1b[1;32m", "").replace("\x1b[2m", "").replace("\x1b[0m", "") \
        == render_text(FULL)


# --------------------------------------------------------------------------- JSON


def test_json_validates_against_schema():
    schema = check_output_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for report in (FULL, make()):
        document = json.loads(json.dumps(render_json(report)))
        errors = list(validator.iter_errors(document))
        assert not errors, [e.message for e in errors]


def test_schema_rejects_wrong_documents():
    validator = jsonschema.Draft202012Validator(check_output_schema())
    good = json.loads(json.dumps(render_json(FULL)))
    assert not list(validator.iter_errors(good))
    for mutate in (
        lambda d: d.update(version=2),
        lambda d: d["findings"][0].update(status="late"),
        lambda d: d["summary"].pop("discharged"),
        lambda d: d["findings"][0].pop("due"),
        lambda d: d["diagnostics"][0].update(severity="fatal"),
    ):
        bad = json.loads(json.dumps(good))
        mutate(bad)
        assert list(validator.iter_errors(bad))


def _keys_documented(value, schema, root, path="$", in_array=False):
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    assert in_array or "description" in schema, f"{path} has no description"
    if isinstance(value, dict) and "properties" in schema:
        for key, item in value.items():
            assert key in schema["properties"], f"{path}.{key} not in the schema"
            _keys_documented(item, schema["properties"][key], root, f"{path}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _keys_documented(item, schema["items"], root, f"{path}[{i}]", in_array=True)


def test_every_json_field_is_documented():
    extra = replace(PENDING, extra={"period": "2024-Q1"})
    schema = check_output_schema()
    _keys_documented(json.loads(json.dumps(render_json(make([*ALL, extra], FULL.diagnostics)))),
                     schema, schema)


def test_json_content_and_order():
    doc = render_json(FULL)
    assert doc["schema"] == "clauses-check" and doc["version"] == 1
    assert doc["as_of"] == "2024-03-15" and doc["horizon_days"] == 60
    assert doc["events_read"] == 42 and doc["events_ignored_after_as_of"] == 3
    assert doc["summary"] == {"breach": 2, "upcoming": 2, "pending": 1, "fulfilled": 1,
                              "discharged": 1}
    assert [f["clause"] for f in doc["findings"]] == [
        "non-concurrence", "comptes-annuels", "rapport-trimestriel", "assemblee-annuelle",
        "renouvellement", "apport-initial", "garantie"]
    annual = doc["findings"][1]
    assert annual["events"] == []  # none counted
    assert [n["ref"] for n in annual["event_notes"]] == ["ev-17", "log.csv:9"]
    assert doc["findings"][0]["events"] == ["ev-3"]
    assert [d["code"] for d in doc["diagnostics"]] == ["E004", "E003", "R001"]


def test_json_is_deterministic():
    shuffled = make(reversed(ALL), reversed(FULL.diagnostics))
    dumps = {json.dumps(render_json(r), sort_keys=True, ensure_ascii=False)
             for r in (FULL, FULL, shuffled)}
    assert len(dumps) == 1


def test_empty_json_summary_has_all_statuses():
    doc = render_json(make())
    assert doc["summary"] == {s.value: 0 for s in Status}
    assert doc["findings"] == [] and doc["diagnostics"] == []


# --------------------------------------------------------------------------- exit codes


@pytest.mark.parametrize("findings, diagnostics, code", [
    ((), (), 0),
    ((PENDING, UPCOMING, FULFILLED, DISCHARGED), (UNKNOWN_PARTY, READING), 0),
    ((OLD_BREACH, PENDING), (), 1),
    ((OLD_BREACH,), (UNKNOWN_PARTY,), 1),
    ((PENDING,), (BAD_DATE,), 2),
    ((OLD_BREACH,), (BAD_DATE,), 2),
    ((), (UNKNOWN_PARTY.with_severity(Severity.ERROR),), 2),
])
def test_exit_code(findings, diagnostics, code):
    assert exit_code(make(findings, diagnostics)) == code


# --------------------------------------------------------------------------- documentation


def test_documented_text_sample_is_current():
    from conftest import ROOT

    doc = (ROOT / "docs" / "check-output.md").read_text(encoding="utf-8")
    report = make([f for f in ALL if f is not DISCHARGED], (UNKNOWN_PARTY, BAD_DATE))
    assert render_text(report) in doc, "docs/check-output.md text sample is out of date"
    explained = render_text(report, explain=True).splitlines()
    at = index_of(explained, ANNUAL.message)
    block = "\n".join(explained[at: at + 1 + len(ANNUAL.explanation) + 3])
    assert block in doc, "docs/check-output.md --explain sample is out of date"
