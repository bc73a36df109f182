"""The machine's floor for reading a register, measured without the project's code (issue 12).

`bench/run.py` compares `clauses check` with what a columnar library needs to read the
same files and check the same things, in the same run, on the same machine:

- ``read``: pyarrow reads the CSV or JSON Lines file into columns (every column as text; a
  JSON Lines file whose ``by`` is a string on some lines and a list on others has no Arrow
  type: its lines are parsed by the standard library, its columns built by pyarrow);
- ``validate``: the same checks as `read_events` + `validate_events`, column by column:
  ``date`` and ``received`` parsed as ISO dates (a row that fails is counted), ``date``
  and ``event`` present, ``event`` among the convention's event names, every party of
  ``by`` (split on ``;`` in CSV) among its parties, ``received`` not before ``date``,
  ``id`` unique, ``via`` among the channels.

pyarrow rather than polars: the two have the same floor within a few percent on these
files; pyarrow's CSV and JSON readers are the reference implementations of Arrow, and
pyarrow is the one library both ecosystems build on. It is a benchmark dependency only
(``pip install -e ".[bench]"``; a 40 MB wheel): `clauses` itself never imports it.
"""

from __future__ import annotations

from pathlib import Path

CHANNELS = ["lrar", "registered", "letter", "email", "hand", "written"]


def available() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def read(path: Path, fmt: str):
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.json as pajson

    if fmt == "csv":
        with open(path, "rb") as handle:
            header = handle.readline().decode("utf-8-sig").strip().split(",")
        types = {name: pa.string() for name in header}
        return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types=types,
                                                                          strings_can_be_null=True))
    try:
        return pajson.read_json(path)
    except pa.ArrowInvalid:
        # a field that is a string on one line and a list on another (`by`: "h2p" or ["h2p", "fp"])
        # has no Arrow type: lines parsed by the standard library, columns built by pyarrow
        import json

        with open(path, encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        names = list(dict.fromkeys(k for row in rows for k in row))
        columns = {n: [_joined(row.get(n)) for row in rows] for n in names}
        return pa.table({n: pa.array(v, pa.string()) for n, v in columns.items()})


def _joined(value):
    if value is None:
        return None
    return ";".join(map(str, value)) if isinstance(value, list) else str(value)


def _text(table, name: str):
    import pyarrow as pa
    import pyarrow.compute as pc

    if name not in table.column_names:
        return pa.nulls(table.num_rows, pa.string())
    column = table.column(name)
    if pa.types.is_list(column.type):
        return pc.binary_join(column, ";")
    return column.cast(pa.string())


def validate(table, fmt: str, parties: list[str], event_names: list[str]) -> int:
    """The number of problems found (rows with a bad value), computed column by column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    problems = 0
    dates = pc.strptime(pc.utf8_slice_codeunits(_text(table, "date"), 0, 10), format="%Y-%m-%d", unit="s",
                        error_is_null=True)
    problems += pc.sum(pc.is_null(dates)).as_py() or 0
    events = _text(table, "event")
    problems += pc.sum(pc.invert(pc.fill_null(pc.is_in(events, value_set=pa.array(event_names)), False))).as_py() or 0
    by = _text(table, "by")
    pieces = pc.list_flatten(pc.split_pattern(pc.fill_null(by, ""), ";"))
    pieces = pc.filter(pieces, pc.not_equal(pieces, ""))
    problems += pc.sum(pc.invert(pc.is_in(pieces, value_set=pa.array(parties)))).as_py() or 0
    received = _text(table, "received")
    parsed = pc.strptime(pc.utf8_slice_codeunits(received, 0, 10), format="%Y-%m-%d", unit="s", error_is_null=True)
    problems += (pc.sum(pc.and_(pc.is_valid(received), pc.is_null(parsed))).as_py() or 0)
    problems += pc.sum(pc.fill_null(pc.less(parsed, dates), False)).as_py() or 0
    via = pc.utf8_lower(_text(table, "via"))
    unknown = pc.and_(pc.is_valid(via), pc.invert(pc.is_in(via, value_set=pa.array(CHANNELS))))
    problems += pc.sum(pc.fill_null(unknown, False)).as_py() or 0
    ids = pc.drop_null(_text(table, "id"))
    problems += len(ids) - pc.count_distinct(ids).as_py()
    return problems
