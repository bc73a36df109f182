"""The columnar reader of CSV registers (pyarrow) agrees with the exact reader: same events, same diagnostics.

``clauses.events.arrowcsv`` reads a CSV file column by column and re-reads with the exact reader every row
that has something to report; these tests read generated registers, good and bad, both ways and compare
everything (events with their origin and row, diagnostics with their span, hint and notes, in order).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")

from clauses.events import arrowcsv, read_events  # noqa: E402
from clauses.events.settings import RegisterSettings, from_tables  # noqa: E402


def _both(path: Path, register: RegisterSettings | None = None, monkeypatch=None):
    old = os.environ.get("CLAUSES_COLUMNAR")
    try:
        os.environ["CLAUSES_COLUMNAR"] = "0"
        exact = read_events(path, register)
        os.environ["CLAUSES_COLUMNAR"] = "1"
        columnar = read_events(path, register)
    finally:
        if old is None:
            os.environ.pop("CLAUSES_COLUMNAR", None)
        else:
            os.environ["CLAUSES_COLUMNAR"] = old
    return exact, columnar


def _same(path: Path, register: RegisterSettings | None = None) -> None:
    (events_a, diags_a), (events_b, diags_b) = _both(path, register)
    assert [e.model_dump() for e in events_b] == [e.model_dump() for e in events_a]
    assert [(e.origin, e.row) for e in events_b] == [(e.origin, e.row) for e in events_a]
    assert events_b == events_a
    assert diags_b == diags_a


def _taken(raw: bytes, register: RegisterSettings | None = None) -> bool:
    return arrowcsv.read_columnar(raw, "log.csv", [], register or RegisterSettings()) is not None


HEADER = "date,event,by,to,subject,via,id,ref,received,value,representatives"
GOOD = [
    "2023-03-14,vote,h2p,fp,comité n°1,lrar,A1,,2023-03-16,accord,h2p=2;fp=1",
    "2023-03-15T10:30,rapport,h2p;fp,Cabinet Dupont,\"bilan, annuel\",Email,A2,A1,,,",
    "2023-03-16,paiement,fp,,,,A3,,,1500,",
    "2023-03-17,paiement,fp,,\"le \"\"solde\"\"\",hand,,,,1500.50,",
]


def test_good_register_is_read_by_the_columnar_path(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("\n".join([HEADER, *GOOD]) + "\n", encoding="utf-8")
    assert _taken(path.read_bytes())
    _same(path)
    (events, diags), _ = _both(path)
    assert not diags and len(events) == 4
    assert events[1].subject == "bilan, annuel" and events[1].by == ("h2p", "fp") and events[1].via == "email"
    assert events[0].attrs == {"received": "2023-03-16", "value": "accord", "representatives": "h2p=2;fp=1"}
    assert events[2].attrs == {"value": 1500} and events[3].attrs == {"value": 1500.5}


@pytest.mark.parametrize("variant", ["bom", "crlf", "semicolon", "tab", "trailing-blank", "title-row",
                                     "blank-between", "cp1252", "utf16", "nul", "short-row", "long-row",
                                     "quoted-newline", "lone-cr", "duplicate-column", "no-event-column",
                                     "empty-header-cell", "header-only", "unclosed-quote"])
def test_file_level_variants_agree(tmp_path: Path, variant: str) -> None:
    lines = [HEADER, *GOOD]
    text = "\n".join(lines) + "\n"
    raw = None
    if variant == "bom":
        raw = b"\xef\xbb\xbf" + text.encode()
    elif variant == "crlf":
        raw = text.replace("\n", "\r\n").encode()
    elif variant == "semicolon":
        raw = "\n".join(ln.replace(",", ";;").replace(";;", ";") for ln in [
            "date;event;by;subject", "2023-03-14;vote;h2p;a", "2023-03-15;vote;fp;\"x; y\""]).encode()
    elif variant == "tab":
        raw = "date\tevent\tby\n2023-03-14\tvote\th2p\n2023-03-15\tvote\tfp\n".encode()
    elif variant == "trailing-blank":
        raw = (text + "\n\n").encode()
    elif variant == "title-row":
        raw = ("Registre des courriers\n" + text).encode()
    elif variant == "blank-between":
        raw = text.replace(GOOD[1] + "\n", GOOD[1] + "\n\n").encode()
    elif variant == "cp1252":
        raw = text.replace("comité", "comit\xe9").encode("cp1252")
    elif variant == "utf16":
        raw = text.encode("utf-16")
    elif variant == "nul":
        raw = text.replace(GOOD[2], GOOD[2] + "\x00").encode()
    elif variant == "short-row":
        raw = (text + "2023-03-18,vote\n").encode()
    elif variant == "long-row":
        raw = (text + "2023-03-18,vote,h2p,fp,,,,,,,,extra\n").encode()
    elif variant == "quoted-newline":
        raw = (text + '2023-03-18,vote,h2p,fp,"two\nlines",,,,,,\n' + GOOD[0] + "\n").encode()
    elif variant == "lone-cr":
        raw = text.replace("\n", "\r", 2).encode()
    elif variant == "duplicate-column":
        raw = text.replace("value,representatives", "value,Value", 1).encode()
    elif variant == "no-event-column":
        raw = text.replace("date,event", "date,evnt", 1).encode()
    elif variant == "empty-header-cell":
        raw = text.replace("value,representatives", "value,", 1).encode()
    elif variant == "header-only":
        raw = (HEADER + "\n").encode()
    elif variant == "unclosed-quote":
        raw = (text + '2023-03-18,vote,h2p,fp,"never closed,,,,,,\n' + GOOD[0] + "\n").encode()
    path = tmp_path / "log.csv"
    path.write_bytes(raw)
    _same(path)


# --------------------------------------------------------------------------- generated registers

COLUMNS = ["date", "event", "by", "to", "subject", "via", "id", "ref", "received", "value", "representatives",
           "Date d'envoi", "Reçu le", "N°", "lieu", ""]
DATES = ["2023-03-14", "2023-03-15", "2022-12-31T23:59", "2023-03-14T10:30:15", "2023-02-30", "2023-13-01",
         "14/03/2023", "03/14/2023", "05/06/2023", "15 février 2023", " 2023-03-14", "2023-03-14 ", "",
         "   ", "0000-01-01", "1850-01-01", "2023-03-14T25:00", "tomorrow", "2023-03-14T10:00+01:00"]
EVENTS = ["vote", "rapport", "paiement", "", " ", " vote ", "évènement", "\x1b[2Jhostile"]
PARTIES = ["h2p", "fp", "h2p;fp", "h2p; h2p", "", ";", "Ville de Mons", "Cabinet Dupont", "FP"]
VIAS = ["lrar", "LRAR", "email", "Courriel", "pigeon", "", "lettre recommandée avec AR"]
IDS = ["A1", "A2", "A3", "", "17", " A1 "]
VALUES = ["accord", "1500", "1500.50", "007", "1 500", "true", "", "1e400", "h2p=2;fp=1", "x", "2",
          "h2p=deux", "\u202etext", "a" * 70]
QUOTED = ['"a,b"', '"le ""solde"""', '""', '"x"y', 'a"b']

cells = st.one_of(st.sampled_from(DATES), st.sampled_from(EVENTS), st.sampled_from(PARTIES),
                  st.sampled_from(VIAS), st.sampled_from(IDS), st.sampled_from(VALUES), st.sampled_from(QUOTED),
                  st.text(alphabet=st.characters(blacklist_characters=",\"\r\n\x00",
                                                 blacklist_categories=("Cs",)), max_size=8))


def _cell(column: str):
    by_column = {"date": DATES, "Date d'envoi": DATES, "received": DATES, "Reçu le": DATES, "event": EVENTS,
                 "by": PARTIES, "to": PARTIES, "via": VIAS, "id": IDS, "N°": IDS, "ref": IDS}
    choices = by_column.get(column)
    if choices is None:
        return st.one_of(st.sampled_from(VALUES), cells)
    return st.one_of(st.sampled_from(choices), st.sampled_from(choices), cells)


@st.composite
def registers(draw) -> tuple[bytes, str]:
    extra = draw(st.lists(st.sampled_from(COLUMNS[2:]), unique=True, max_size=6))
    first = draw(st.sampled_from([["date", "event"], ["Date d'envoi", "event"], ["event", "date"]]))
    header = first + [c for c in extra if c not in ("Date d'envoi",) or "Date d'envoi" not in first]
    rows = []
    for _ in range(draw(st.integers(2, 12))):
        rows.append(",".join(draw(_cell(c)) for c in header))
    dates = draw(st.sampled_from(["auto", "auto", "day-first", "iso"]))
    return ("\n".join([",".join(header)] + rows) + "\n").encode("utf-8"), dates


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(registers())
def test_generated_registers_agree(tmp_path: Path, register) -> None:
    raw, dates = register
    path = tmp_path / "log.csv"
    path.write_bytes(raw)
    setup = from_tables({"dates": dates, "parties": {"Ville de Mons": "ville"}}, None, "test")
    _same(path, setup)
    _same(path)


@pytest.mark.parametrize("bom, ending", [(b"", "\n"), (b"\xef\xbb\xbf", "\r\n")])
def test_many_rows_cross_blocks(tmp_path: Path, monkeypatch, bom: bytes, ending: str) -> None:
    """Rows read in many pyarrow blocks, bad ones (dates, channels, repeated ids: their lines found again
    by offsets, forwards and back) spread over them: the same events and diagnostics as the exact reader."""
    monkeypatch.setattr(arrowcsv, "BLOCK", 256)
    monkeypatch.setattr(arrowcsv._Source, "STEP", 4)
    batches: list[int] = []
    real = arrowcsv._arrow_batches
    monkeypatch.setattr(arrowcsv, "_arrow_batches", lambda *a: (batches.append(b.num_rows) or b for b in real(*a)))
    rows = [HEADER]
    day = dt.date(2023, 1, 1)
    for i in range(60):
        via = "pigeon" if i % 13 == 0 else "lrar"
        date = "2023-02-30" if i % 17 == 5 else (day + dt.timedelta(days=i)).isoformat()
        ident = f"A{i % 50}"
        rows.append(f"{date},vote,h2p,fp,sujet {i % 3},{via},{ident},A{i + 3},,{i},")
    path = tmp_path / "log.csv"
    path.write_bytes(bom + (ending.join(rows) + ending + ending).encode("utf-8"))
    assert _taken(path.read_bytes())
    assert len(batches) > 5 and sum(batches) == 60
    _same(path)


@given(st.lists(st.text(st.characters(blacklist_characters="\r\n\x00", blacklist_categories=("Cs",)), max_size=5),
                min_size=1, max_size=30), st.sampled_from(["\n", "\r\n"]), st.booleans(),
       st.lists(st.integers(1, 30), max_size=40))
def test_source_finds_each_line(lines: list[str], ending: str, bom: bool, asked: list[int]) -> None:
    """A line found by offsets (marks every few lines, asked in any order) is the line of the file split."""
    raw = (b"\xef\xbb\xbf" if bom else b"") + (ending.join(lines) + ending).encode("utf-8")
    source = arrowcsv._Source("log.csv", raw, 3 if bom else 0, ",", [])
    source.STEP = 3
    split = raw[3 if bom else 0:].decode("utf-8").replace("\r\n", "\n").split("\n")
    for number in asked + list(range(len(lines), 0, -1)):
        if number <= len(lines):
            assert source.line(number) == split[number - 1]


def test_threshold_and_switch(monkeypatch) -> None:
    monkeypatch.setenv("CLAUSES_COLUMNAR", "0")
    assert not arrowcsv.wanted(10 ** 9)
    monkeypatch.setenv("CLAUSES_COLUMNAR", "1")
    assert arrowcsv.wanted(10)


# --------------------------------------------------------------------------- JSON Lines: lines read fast


def _same_jsonl(path: Path, register: RegisterSettings | None = None) -> None:
    from clauses.events import jsonl

    try:
        jsonl.PLAIN = False
        events_a, diags_a = read_events(path, register)
    finally:
        jsonl.PLAIN = True
    events_b, diags_b = read_events(path, register)
    assert events_b == events_a
    assert [(e.origin, e.row) for e in events_b] == [(e.origin, e.row) for e in events_a]
    assert diags_b == diags_a


JSON_VALUES = st.one_of(st.sampled_from(DATES), st.sampled_from(EVENTS), st.sampled_from(PARTIES),
                        st.sampled_from(VIAS), st.sampled_from(IDS), st.sampled_from(VALUES),
                        st.integers(-3, 2000), st.floats(allow_nan=False), st.booleans(), st.none(),
                        st.lists(st.sampled_from(PARTIES + [""]), max_size=3),
                        st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.just("a"), st.integers(0, 1)))
KEYS = ["date", "event", "by", "to", "subject", "via", "id", "ref", "received", "value", "representatives",
        "Date", "Reçu le", "N°", "lieu", " event "]


@st.composite
def json_lines(draw) -> str:
    import json

    out = []
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.integers(0, 19))
        if kind == 0:
            out.append(draw(st.sampled_from(["", "   ", "[", "]", "not json", '"text"', "[1, 2]", "{}", "null",
                                             '{"date": "2023-03-14", "date": "2023-03-15", "event": "vote"}',
                                             '{"date": "2023-03-14", "Date": "2023-03-15", "event": "vote"}'])))
            continue
        obj = {"date": draw(st.sampled_from(DATES)), "event": draw(st.sampled_from(EVENTS))}
        for key in draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=5)):
            obj[key] = draw(JSON_VALUES)
        out.append(json.dumps(obj, ensure_ascii=draw(st.booleans())))
    return "\n".join(out) + draw(st.sampled_from(["\n", "", "\r\n", "\n\n"]))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(json_lines(), st.sampled_from(["auto", "day-first", "iso"]))
def test_generated_json_lines_agree(tmp_path: Path, text: str, dates: str) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text(text, encoding="utf-8")
    setup = from_tables({"dates": dates, "parties": {"Ville de Mons": "ville"}}, None, "test")
    _same_jsonl(path, setup)
    _same_jsonl(path)


def test_json_lines_duplicate_ids_and_refs_agree(tmp_path: Path) -> None:
    import json

    rows = [{"date": f"2023-03-{1 + i % 28:02d}", "event": "vote", "id": f"A{i % 5}", "ref": f"A{i + 7}",
             "by": ["h2p", "fp"] if i % 2 else "h2p", "received": "2023-03-29" if i % 3 else ""}
            for i in range(20)]
    path = tmp_path / "log.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    _same_jsonl(path)
