"""Event logs: reading CSV / JSON Lines / YAML / XLSX registers, and checking them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clauses.codes import CODES, Severity
from clauses.diagnostics import Diagnostic
from clauses.language.source import Span
from clauses.events import (
    Event,
    event_log_schema,
    parse_when,
    read_events,
    validate_events,
)

DATA = Path(__file__).parent / "data" / "events"

openpyxl = pytest.importorskip("openpyxl")


def codes(diags: list[Diagnostic]) -> list[str]:
    return [d.code for d in diags]


def at(diags: list[Diagnostic], code: str) -> list[tuple[int, int]]:
    """(line, column) of every diagnostic with ``code``."""
    return [(d.span.line, d.span.column) for d in diags if d.code == code]


def lines_of(diags: list[Diagnostic], code: str) -> list[int]:
    return [line for line, _ in at(diags, code)]


def dumps(events: list[Event]) -> list[dict]:
    return [e.model_dump(mode="json") for e in events]


def write_xlsx(path: Path, rows: list[list], title: str | None = None,
               extra_first_sheet: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if extra_first_sheet:
        sheet.title = extra_first_sheet
        sheet["A1"] = "not the events"
        sheet = workbook.create_sheet(title or "Events")
    elif title:
        sheet.title = title
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    workbook.save(path)
    return path


GOOD_ROWS = [
    ["date", "event", "by", "to", "subject", "via", "id", "ref", "amount", "value", "paid"],
    [dt.datetime(2023, 3, 20, 10, 0), "vote", "bob", None, "budget", None, "e2", "e1", 1500, "yes", None],
    [dt.date(2023, 3, 14), "convocation", "alice", "bob;carol", "copil", " LRAR ", "e1"],
    [],
    [dt.datetime(2023, 3, 14, 8, 0), "reception", "carol", None, None, "Hand", None, "e1"],
    ["2023-03-02T09:30+01:00", "payment", "carol", "Cabinet Dupont", None, "email", "e3", None, 250.5, None, True],
    ["2023-03-14", "reception", "bob", None, "convocation of 14 March, received", "letter", None, "e1"],
]


@pytest.fixture
def good_xlsx(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "good.xlsx", GOOD_ROWS)


EXPECTED = [  # good.* sorted by (date, time, row)
    {"date": "2023-03-02", "time": "09:30:00+01:00", "event": "payment", "by": ["carol"],
     "to": ["Cabinet Dupont"], "subject": None, "via": "email", "id": "e3", "ref": None,
     "attrs": {"amount": 250.5, "paid": True}},
    {"date": "2023-03-14", "time": None, "event": "convocation", "by": ["alice"],
     "to": ["bob", "carol"], "subject": "copil", "via": "lrar", "id": "e1", "ref": None,
     "attrs": {}},
    {"date": "2023-03-14", "time": None, "event": "reception", "by": ["bob"], "to": [],
     "subject": "convocation of 14 March, received", "via": "letter", "id": None, "ref": "e1",
     "attrs": {}},
    {"date": "2023-03-14", "time": "08:00:00", "event": "reception", "by": ["carol"], "to": [],
     "subject": None, "via": "hand", "id": None, "ref": "e1", "attrs": {}},
    {"date": "2023-03-20", "time": "10:00:00", "event": "vote", "by": ["bob"], "to": [],
     "subject": "budget", "via": None, "id": "e2", "ref": "e1",
     "attrs": {"amount": 1500, "value": "yes"}},
]


# --------------------------------------------------------------------------- good files


@pytest.mark.parametrize("name", ["good.csv", "good.jsonl", "good.yaml"])
def test_good_text_formats_read_the_expected_events(name: str) -> None:
    events, diags = read_events(DATA / name)
    assert diags == []
    assert dumps(events) == EXPECTED


def test_good_xlsx_reads_the_expected_events(good_xlsx: Path) -> None:
    events, diags = read_events(good_xlsx)
    assert diags == []
    assert dumps(events) == EXPECTED


def test_all_four_formats_read_identically(good_xlsx: Path) -> None:
    results = [read_events(p)[0] for p in
               (DATA / "good.csv", DATA / "good.jsonl", DATA / "good.yaml", good_xlsx)]
    assert all(dumps(r) == dumps(results[0]) for r in results)
    # Python objects too (types, not just their JSON form).
    assert all([e.model_dump() for e in r] == [e.model_dump() for e in results[0]] for r in results)
    # CSV lines and XLSX rows are the same numbers for the same layout.
    assert [e.row for e in results[0]] == [e.row for e in results[3]] == [6, 3, 7, 5, 2]


def test_unsorted_input_is_returned_sorted_and_stable() -> None:
    events, _ = read_events(DATA / "good.csv")
    assert [e.key() for e in events] == sorted(e.key() for e in events)
    # Same date, no time: file order is kept (convocation line 3 before reception line 7),
    # and a timed event of that day (08:00, line 5) comes after both.
    same_day = [(e.event, e.row) for e in events if e.date == dt.date(2023, 3, 14)]
    assert same_day == [("convocation", 3), ("reception", 7), ("reception", 5)]


def test_event_fields_types_and_origin() -> None:
    events, _ = read_events(str(DATA / "good.csv"))
    payment = events[0]
    assert payment.date == dt.date(2023, 3, 2)
    assert payment.time == dt.time(9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert payment.origin == f"{DATA / 'good.csv'}:6" and payment.row == 6
    assert payment.path == str(DATA / "good.csv")
    assert payment.span().line == 6
    assert "origin" not in payment.model_dump() and "row" not in payment.model_dump()
    assert isinstance(payment.attrs["amount"], float) and payment.attrs["paid"] is True
    vote = events[-1]
    assert vote.attrs == {"amount": 1500, "value": "yes"}
    assert isinstance(vote.attrs["amount"], int)


def test_an_origin_given_whole_and_one_read_from_a_register() -> None:
    """One slot holds where an event comes from: an origin given whole is said as given (a path with a
    colon, none, or empty), one read from a register is its path and row; both pickle and copy as they are."""
    import pickle

    read = Event.read("dir:x/log.csv", 7, dt.date(2024, 1, 2), None, "avis", (), (), None, None, None, None, {})
    assert read.origin == "dir:x/log.csv:7" and read.path == "dir:x/log.csv" and type(read.origin) is str
    for origin, path in (("a.csv:3", "a.csv"), ("C:/x.csv:12", "C:/x.csv"), ("given", "given"), ("", "")):
        event = Event(date=dt.date(2024, 1, 2), event="avis", origin=origin, row=3)
        assert (event.origin, event.path) == (origin, path) and type(event.origin) is str and type(event.path) is str
        back = pickle.loads(pickle.dumps(event))
        assert back == event and back.origin == origin and back.model_copy() == event
    assert pickle.loads(pickle.dumps(read)) == read and read.model_copy().origin == read.origin
    assert Event(date=dt.date(2024, 1, 2), event="avis", origin="p:7", row=7) == read.model_copy(
        update={"origin": "p:7"}).model_copy(update={"date": dt.date(2024, 1, 2)})


def test_event_is_frozen_and_hashable() -> None:
    event = Event(date=dt.date(2023, 3, 14), event="vote", attrs={"value": "yes"},
                  origin="x.csv:2", row=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.event = "other"  # type: ignore[misc]
    assert hash(event) == hash(event.model_copy())
    assert event.key() == (dt.date(2023, 3, 14), dt.time(0), 2)
    aware = Event(date=dt.date(2023, 3, 14), time=dt.time(9, tzinfo=dt.timezone.utc),
                  event="vote", row=3)
    # Naive and aware times sort together (wall-clock time as written).
    assert sorted([aware, event], key=Event.key) == [event, aware]


# --------------------------------------------------------------------------- bad files


def test_bad_csv_reports_every_error_and_keeps_good_rows() -> None:
    events, diags = read_events(DATA / "bad.csv")
    # line 4 (14/03/2023) is day-first, and the only numeric date of its column: read
    assert [(e.event, e.row) for e in events] == [("convocation", 2), ("vote", 4), ("note", 8)]
    assert events[1].date == dt.date(2023, 3, 14)
    assert events[2].subject == "two\nlines"  # quoted field across two lines
    assert lines_of(diags, "E003") == [3, 13]
    assert lines_of(diags, "E002") == [5, 7]
    assert at(diags, "E006") == [(10, 26)]  # the id cell of the second e1
    assert lines_of(diags, "E010") == [12]
    assert sorted(codes(diags)) == sorted(["E003"] * 2 + ["E002"] * 2 + ["E006", "E010"])
    # line 11 repeats line 2 exactly: kept once, no error
    assert all(d.span.line != 11 for d in diags)
    assert all(d.span.path == str(DATA / "bad.csv") for d in diags)


def test_bad_csv_messages_name_the_field_and_say_why() -> None:
    _, diags = read_events(DATA / "bad.csv")
    by_line = {d.span.line: d for d in diags}
    assert "2023-02-30 is not a date: February 2023 has 28 days" in by_line[3].message
    assert "`date`" in by_line[3].message
    assert "`date`" in by_line[5].message and "`event`" in by_line[7].message
    assert by_line[7].span.column == 12  # the empty event cell
    assert "first on line 2" in by_line[10].message
    assert "hours" in by_line[13].message
    assert all(d.severity is Severity.ERROR for d in diags)


def test_bad_jsonl_reports_every_error_and_keeps_good_rows() -> None:
    events, diags = read_events(DATA / "bad.jsonl")
    assert [(e.event, e.row) for e in events] == [("convocation", 1), ("payment", 9)]
    assert lines_of(diags, "E003") == [2]
    assert lines_of(diags, "E002") == [3]
    assert lines_of(diags, "E010") == [4, 5, 7, 8]
    assert len(diags) == 6
    by_line = {d.span.line: d for d in diags}
    assert "February 2023 has 28 days" in by_line[2].message
    assert "`by`" in by_line[4].message
    assert "not valid JSON" in by_line[5].message
    assert "`amount`" in by_line[8].message


def test_bad_yaml_reports_every_error_at_the_record_line() -> None:
    events, diags = read_events(DATA / "bad.yaml")
    assert [(e.event, e.row) for e in events] == [("convocation", 1), ("payment", 12)]
    assert lines_of(diags, "E003") == [4]
    assert lines_of(diags, "E002") == [6]
    assert lines_of(diags, "E010") == [8, 11]
    assert "`via`" in [d for d in diags if d.span.line == 8][0].message


def test_invalid_yaml_is_e001_at_the_parser_line() -> None:
    events, diags = read_events(DATA / "invalid.yaml")
    assert events == []
    assert codes(diags) == ["E001"] and diags[0].span.line == 5


def test_missing_required_column_is_reported_once() -> None:
    events, diags = read_events(DATA / "missing_column.csv")
    assert events == []
    assert codes(diags).count("E007") == 1
    assert "E002" not in codes(diags)  # not once per row
    e007 = next(d for d in diags if d.code == "E007")
    assert e007.span.line == 1 and "`event`" in e007.message
    assert "evnt" in e007.hint
    # other errors in the rows are still reported
    assert lines_of(diags, "E003") == [4]


def test_duplicate_ids() -> None:
    events, diags = read_events(DATA / "duplicates.jsonl")
    assert [(e.id, e.row) for e in events] == [("c1", 1), ("v1", 2), (None, 5), (None, 6)]
    assert codes(diags) == ["E006"]
    assert diags[0].span.line == 4 and "first on line 2" in diags[0].message
    assert any("`by`" in note for note in diags[0].notes)


def test_empty_file_and_header_only_are_warnings() -> None:
    for name in ("empty.csv", "header_only.csv"):
        events, diags = read_events(DATA / name)
        assert events == [] and codes(diags) == ["E008"]
        assert diags[0].severity is Severity.WARNING


@pytest.mark.parametrize("suffix, content", [
    (".jsonl", "\n\n"), (".yaml", ""), (".yaml", "[]\n"), (".yml", "events: []\n"),
    (".csv", "\n  \n"),
])
def test_empty_logs_in_every_format(tmp_path: Path, suffix: str, content: str) -> None:
    path = tmp_path / f"log{suffix}"
    path.write_text(content)
    assert codes(read_events(path)[1]) == ["E008"]


def test_empty_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    assert codes(read_events(path)[1]) == ["E008"]


@pytest.mark.parametrize("name", ["log.txt", "log.json", "log.numbers", "log"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("date,event\n2023-03-14,vote\n")
    events, diags = read_events(path)
    assert events == [] and codes(diags) == ["E009"]
    assert ".csv" in diags[0].message and ".xlsx" in diags[0].message and ".jsonl" in diags[0].message


def test_extension_is_case_insensitive(tmp_path: Path) -> None:
    path = tmp_path / "LOG.CSV"
    path.write_text("date,event\n2023-03-14,vote\n")
    events, diags = read_events(path)
    assert diags == [] and len(events) == 1


def test_unreadable_files_are_e001(tmp_path: Path) -> None:
    missing = read_events(tmp_path / "nope.csv")
    assert codes(missing[1]) == ["E001"] and "does not exist" in missing[1][0].message
    (tmp_path / "dir.csv").mkdir()
    assert codes(read_events(tmp_path / "dir.csv")[1]) == ["E001"]
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert codes(read_events(binary)[1]) == ["E001"]
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"this is not a zip file")
    assert codes(read_events(garbage)[1]) == ["E001"]


def test_path_in_spans_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("log.csv").write_text("date,event\n2023-02-30,vote\n")
    _, diags = read_events("./log.csv")
    assert diags[0].span.path == "./log.csv"


# --------------------------------------------------------------------------- encodings


def test_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("date,event,subject\n2023-03-14,réunion,été\n".encode("utf-8-sig"))
    events, diags = read_events(path)
    assert diags == []
    assert events[0].event == "réunion" and events[0].subject == "été"


def test_utf8_bom_jsonl_and_yaml(tmp_path: Path) -> None:
    (tmp_path / "bom.jsonl").write_bytes(
        '{"date": "2023-03-14", "event": "réunion"}\n'.encode("utf-8-sig"))
    (tmp_path / "bom.yaml").write_bytes("- date: 2023-03-14\n  event: réunion\n".encode("utf-8-sig"))
    for name in ("bom.jsonl", "bom.yaml"):
        events, diags = read_events(tmp_path / name)
        assert diags == [] and events[0].event == "réunion"


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    text = "date,event,subject\n2023-03-14,convocation,copil\n2023-03-15,vote,dépense “urgente” €\n"
    path.write_bytes(text.encode("cp1252"))
    events, diags = read_events(path)
    assert codes(diags) == ["E011"]
    assert diags[0].severity is Severity.WARNING
    assert diags[0].span.line == 3 and "line 3" in diags[0].message
    assert "0xE9" in diags[0].message and "Windows-1252" in diags[0].message
    assert events[1].subject == "dépense “urgente” €"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes("date,event\n2023-03-14,réunion\n".encode("utf-16"))
    events, diags = read_events(path)
    assert diags == [] and events[0].event == "réunion"


# --------------------------------------------------------------------------- CSV details


def test_crlf_semicolon_delimiter_and_case_insensitive_header(tmp_path: Path) -> None:
    path = tmp_path / "excel_fr.csv"
    path.write_bytes(b"Date;Event;By;Montant\r\n2023-03-14;vote;\"alice;bob\";1500,50\r\n"
                     b"\r\n2023-02-30;vote;bob;\r\n")
    events, diags = read_events(path)
    assert [e.by for e in events] == [("alice", "bob")]
    assert events[0].attrs == {"Montant": "1500,50"}  # decimal comma stays text
    assert at(diags, "E003") == [(4, 1)]


def test_csv_attribute_typing(tmp_path: Path) -> None:
    path = tmp_path / "attrs.csv"
    path.write_text("date,event,amount,b,c,d,e,f,g\n2023-03-14,vote,12,-3.5,007,true,1 500,,yes\n")
    (event,), diags = read_events(path)
    assert diags == []
    assert event.attrs == {"amount": 12, "b": -3.5, "c": "007", "d": True, "e": "1 500", "g": "yes"}


def test_csv_short_rows_and_blank_rows(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("date,event,by,to\n\n,,,\n2023-03-14,vote\n")
    events, diags = read_events(path)
    assert diags == [] and events[0].row == 4 and events[0].by == ()


def test_csv_unclosed_quote_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text('date,event,subject\n2023-03-14,vote,ok\n2023-03-15,vote,"oops\n'
                    '2023-03-16,vote,lost\n')
    events, diags = read_events(path)
    assert [e.row for e in events] == [2]
    assert codes(diags) == ["E010"] and diags[0].span.line == 3


def test_duplicate_column_in_header(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text("date,event,Date\n2023-03-14,vote,2023-03-15\n")
    events, diags = read_events(path)
    assert codes(diags) == ["E010"] and diags[0].span == Span(str(path), 1, 12, 1, 16)
    assert events[0].date == dt.date(2023, 3, 14)


def test_csv_header_that_is_data_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "noheader.csv"
    path.write_text("2023-03-14,vote,alice\n")
    _, diags = read_events(path)
    assert set(codes(diags)) == {"E007", "E008"}
    assert any("header" in (d.hint or "") for d in diags if d.code == "E007")


# --------------------------------------------------------------------------- JSONL / YAML details


def test_jsonl_lists_single_strings_and_numeric_ids(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text('{"date": "2023-03-14", "event": "vote", "by": "alice;bob", "to": [], '
                    '"id": 17, "ref": null, "note": null}\n')
    (event,), diags = read_events(path)
    assert diags == []
    # text reads as in a register: `;` separates parties (an id or a party's name never holds one)
    assert event.by == ("alice", "bob")
    assert event.id == "17" and event.ref is None and event.attrs == {}


def test_yaml_text_of_several_parties_reads_as_a_register_cell(tmp_path: Path) -> None:
    path = tmp_path / "log.yaml"
    path.write_text('- {date: 2023-03-14, event: vote, by: "alice; bob", to: [carol, dave]}\n', encoding="utf-8")
    (event,), diags = read_events(path)
    assert diags == [] and event.by == ("alice", "bob") and event.to == ("carol", "dave")


def test_jsonl_duplicate_key(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text('{"date": "2023-03-14", "event": "vote", "Event": "other"}\n')
    events, diags = read_events(path)
    assert events == [] and codes(diags) == ["E010"]


def test_yaml_core_schema_and_events_key(tmp_path: Path) -> None:
    path = tmp_path / "log.yml"
    path.write_text("events:\n  - date: 2023-03-14\n    event: vote\n    value: no\n"
                    "    count: 010\n    id: 17\n    ok: false\n")
    (event,), diags = read_events(path)
    assert diags == []
    assert event.attrs == {"value": "no", "count": "010", "ok": False}
    assert event.id == "17"


def test_yaml_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "log.yaml"
    path.write_text("date: 2023-03-14\nevent: vote\n")
    events, diags = read_events(path)
    assert events == [] and codes(diags) == ["E001"]


# --------------------------------------------------------------------------- XLSX details


def test_bad_xlsx_reports_row_and_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bad.xlsx", [
        ["event", "date", "by", "id"],
        ["convocation", dt.date(2023, 3, 14), "alice", "e1"],        # 2 good
        ["vote", "2023-02-30", "bob"],                               # 3 E003 col 2
        ["vote", 45000, "bob"],                                      # 4 E003 col 2 (a number)
        [None, dt.date(2023, 3, 16), "bob"],                         # 5 E002 col 1
        ["vote", dt.date(2023, 3, 17), "bob", "e1"],                 # 6 E006 col 4
        ["payment", dt.datetime(2023, 3, 18, 0, 0), "carol", 7],     # 7 good, numeric id
        ["vote", "2023-14-03", "bob", None, None, "stray"],          # 8 E003 col 2 + E010 col 6
    ])
    events, diags = read_events(path)
    assert [(e.event, e.row) for e in events] == [("convocation", 2), ("payment", 7)]
    assert events[1].id == "7"
    assert at(diags, "E003") == [(3, 2), (4, 2), (8, 2)]
    assert at(diags, "E002") == [(5, 1)]
    assert at(diags, "E006") == [(6, 4)]
    assert at(diags, "E010") == [(8, 6)]
    assert "did you mean 2023-03-14" in next(d for d in diags if d.span.line == 8 and d.code == "E003").hint


def test_xlsx_missing_column_and_sheet_choice(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "nocol.xlsx", [["date", "by"], ["2023-03-14", "alice"],
                                                ["2023-03-15", "bob"]])
    events, diags = read_events(path)
    assert events == [] and codes(diags) == ["E007"]
    path = write_xlsx(tmp_path / "sheets.xlsx", [["date", "event"], ["2023-03-14", "vote"]],
                      title="Events", extra_first_sheet="Notes")
    events, diags = read_events(path)
    assert diags == [] and [e.event for e in events] == ["vote"]


def test_xlsx_datetime_at_midnight_is_a_date(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", [["date", "event"], [dt.datetime(2023, 3, 14, 0, 0), "vote"],
                                            [dt.datetime(2023, 3, 15, 9, 30), "vote"]])
    first, second = read_events(path)[0]
    # the workbook reader (calamine) reads a date-time cell at midnight as the day: conventions
    # count in days, and 00:00 sorts first on its day either way
    assert (first.date, first.time) == (dt.date(2023, 3, 14), None)
    assert (second.date, second.time) == (dt.date(2023, 3, 15), dt.time(9, 30))


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("text, date, time", [
    ("2024-02-29", dt.date(2024, 2, 29), None),
    ("2023-03-14T10:00", dt.date(2023, 3, 14), dt.time(10, 0)),
    ("2023-03-14 10:00:05", dt.date(2023, 3, 14), dt.time(10, 0, 5)),
    ("2023-03-14T10:00Z", dt.date(2023, 3, 14), dt.time(10, 0, tzinfo=dt.timezone.utc)),
    ("2023-03-14T10:00-05:30", dt.date(2023, 3, 14),
     dt.time(10, 0, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30)))),
    ("2023-03-14T10:00:00.25+0200", dt.date(2023, 3, 14),
     dt.time(10, 0, 0, 250000, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
])
def test_parse_when_accepts_iso(text: str, date: dt.date, time: dt.time | None) -> None:
    assert parse_when(text) == (date, time)


@pytest.mark.parametrize("text, reason", [
    ("2023-02-30", "February 2023 has 28 days"),
    ("2023-04-31", "April 2023 has 30 days"),
    ("2023-13-01", "there is no month 13"),
    ("2023-03-14T24:00", "hours go from 00 to 23"),
    ("14/03/2023", "not an ISO 8601 date"),
    ("yesterday", "not an ISO 8601 date"),
])
def test_parse_when_says_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_when(text)


# --------------------------------------------------------------------------- validate_events


def test_validate_events_with_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "date,event,by,to\n"
        "2023-03-14,copill,alcie;alcie,Cabinet Dupont\n"
        "2023-03-15,vote,alice,dupont;bob\n"
        "2023-03-16,vote,zed,\n")
    events, diags = read_events(path)
    assert diags == []
    parties = {"alice", "bob", "carol"}
    names = {"copil", "vote", "payment"}
    found = validate_events(events, parties, names)
    assert all(d.severity is Severity.WARNING for d in found)
    summary = sorted((d.code, d.span.line, d.hint) for d in found)
    assert ("E005", 2, "did you mean `copil`?") in summary
    assert ("E004", 2, "did you mean `alice`?") in summary
    assert [s[:2] for s in summary] == [("E004", 2), ("E004", 3), ("E004", 4), ("E005", 2)]
    assert all(d.span.path == str(path) for d in found)
    # "Cabinet Dupont" is an outsider's name: fine in `to` unless outsiders are not allowed
    strict = validate_events(events, parties, names, outsiders_allowed_in_to=False)
    assert any("Cabinet Dupont" in d.message for d in strict)
    assert not any("Cabinet Dupont" in d.message for d in found)


def test_validate_events_one_diagnostic_per_row_field_value() -> None:
    event = Event(date=dt.date(2023, 3, 14), event="vote", by=("x", "x"), to=("x",),
                  origin="log.jsonl:1", row=1)
    found = validate_events([event, event], {"alice"}, {"vote"})
    assert [(d.code, d.message) for d in found] == [
        ("E004", "unknown party `x` in `by`"),
        ("E004", "`x` in `to` looks like a party id, but no party has it"),
    ]


def test_validate_events_hints_lists_in_json() -> None:
    event = Event(date=dt.date(2023, 3, 14), event="vote", by=("alice;bob",), row=1,
                  origin="log.jsonl:1")
    (found,) = validate_events([event], {"alice", "bob"}, {"vote"})
    assert "list" in found.hint


# --------------------------------------------------------------------------- schema


def test_schema_accepts_good_rows_and_rejects_bad_ones() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = event_log_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for line in (DATA / "good.jsonl").read_text().splitlines():
        if line.strip():
            assert list(validator.iter_errors(json.loads(line))) == []
    for bad in ({"event": "vote"}, {"date": "14/03/2023", "event": "vote"},
                {"date": "2023-03-14", "event": "vote", "by": [1]},
                {"date": "2023-03-14", "event": "vote", "nested": {"a": 1}}):
        assert list(validator.iter_errors(bad)), bad
    assert schema["required"] == ["date", "event"]
    assert schema["additionalProperties"]


def test_codes_are_registered() -> None:
    for code in [f"E{n:03d}" for n in range(1, 12)]:
        assert code in CODES
    assert CODES["E011"].severity is Severity.WARNING


# --------------------------------------------------------------------------- never raises


def _check_result(result: object) -> None:
    events, diags = result  # type: ignore[misc]
    assert all(isinstance(e, Event) for e in events)
    assert all(isinstance(d, Diagnostic) for d in diags)
    assert not any("internal error" in d.message for d in diags)
    assert events == sorted(events, key=Event.key)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".jsonl", ".yaml"]))
def test_random_bytes_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"log{suffix}"
        path.write_bytes(data)
        _check_result(read_events(path))


_CSVISH = st.text(alphabet=st.sampled_from(list('date,event;by"\n\r\t 0123456789-T:/{}[]é')),
                  max_size=300)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_CSVISH, header=st.booleans(), suffix=st.sampled_from([".csv", ".jsonl", ".yaml"]))
def test_random_text_never_raises(body: str, header: bool, suffix: str) -> None:
    text = ("date,event,by,to,id\n" + body) if header else body
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"log{suffix}"
        path.write_text(text, encoding="utf-8")
        _check_result(read_events(path))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from([".csv", ".jsonl"]))
def test_arbitrary_unicode_never_raises(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"log{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        _check_result(read_events(path))


_ids = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
_rows = st.lists(st.fixed_dictionaries({
    "date": st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
    "event": _ids,
    "by": st.lists(_ids, max_size=3, unique=True),
    "subject": st.none() | st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]),
        min_size=1, max_size=12),
}), max_size=8)


@settings(max_examples=60, deadline=None)
@given(_rows)
def test_csv_and_jsonl_round_trip_to_the_same_events(rows: list[dict]) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["date", "event", "by", "subject"])
    for row in rows:
        writer.writerow([row["date"].isoformat(), row["event"], ";".join(row["by"]),
                         row["subject"] or ""])
    jsonl = "".join(json.dumps({"date": r["date"].isoformat(), "event": r["event"],
                                "by": r["by"], "subject": r["subject"]}) + "\n" for r in rows)
    with tempfile.TemporaryDirectory() as directory:
        csv_path, jsonl_path = Path(directory) / "a.csv", Path(directory) / "a.jsonl"
        csv_path.write_text(buffer.getvalue(), encoding="utf-8")
        jsonl_path.write_text(jsonl, encoding="utf-8")
        from_csv, d1 = read_events(csv_path)
        from_jsonl, d2 = read_events(jsonl_path)
    assert [d.code for d in d1 if d.code != "E008"] == []
    assert [d.code for d in d2 if d.code != "E008"] == []
    assert dumps(from_csv) == dumps(from_jsonl)
    assert len(from_csv) == len(rows)
