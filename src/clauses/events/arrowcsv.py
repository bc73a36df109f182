"""CSV registers read column by column with pyarrow; any row with something to report read again exactly.

The exact reader (:mod:`clauses.events.csv`, :mod:`clauses.events.table`, :mod:`clauses.events.records`)
splits every line with the csv module, keeps a :class:`~clauses.events.records._Field` per cell and
converts each cell on its own: about 35 µs a row (issue 12). Here pyarrow splits the file into columns
in C; each column is dictionary-encoded, and each *distinct* cell text of a column is converted once
with the exact reader's own functions (dates, parties, channels, number sniffing), so that the values
cannot differ from the exact reader's. A row is built here only when none of its values would be
reported (``plainrow``'s rule); every other row -- a bad date, a missing event, an unknown channel, a
``received`` before ``date``, a cell too long for the csv module... -- is read again by the exact
path from its line, so that its diagnostics are the ones it always had, with their ``file:line:col``.

A file this path is not sure to read as the exact reader does is left to the exact reader whole
(:func:`read_columnar` returns None having reported nothing): not UTF-8 (or UTF-16, or with NUL
bytes), lone ``\\r`` line ends, blank lines between rows, a header that is not the first line or
names a column twice or has quotes, a row with more or fewer cells than the header, a quoted value
holding a line break (rows and lines would not match), fewer than two rows.

pyarrow is an optional dependency (the ``columnar`` extra): :func:`wanted` uses it when it is
installed and the process has read enough CSV to pay for its import (about 0.2 s); the environment
variable ``CLAUSES_COLUMNAR`` (``0`` never, ``1`` always) overrides that, for tests and benchmarks.
``tests/test_events_columnar.py`` compares both paths on generated registers, good and bad.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from functools import lru_cache, partial
from itertools import compress, repeat
from types import MappingProxyType
from typing import Any

from clauses.diagnostics import Diagnostic
from clauses.events.csv import _sniff_delimiter, csv_error, csv_record
from clauses.events.dates import ISO_ONLY, _BadDate
from clauses.events.mapping import CHANNELS
from clauses.events.model import FIELDS, Event
from clauses.events.records import DATE_FIELDS, _Builder, _register_date, _sniff, _table_parties, Built, Remake, merged
from clauses.events.settings import RegisterSettings
from clauses.events.table import HEADER_SEARCH, no_events, table_record
from clauses.events.validate import FIRST_YEAR, LAST_YEAR, _representatives

#: CSV bytes a process reads before the columnar path pays for pyarrow's import (about 10k rows)
THRESHOLD = 1 << 20
#: bytes of the file pyarrow reads into columns at a time (bounds the reading peak: about 80k rows)
BLOCK = 1 << 23
#: a register's dates as this path reads them: anything else goes to the exact reader
_PLAIN_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?")

_SLOW = object()     # the value would be reported: the row is read again exactly
_ABSENT = object()   # an empty extra cell: not an attribute
_read = 0            # CSV bytes read by this process so far


def available() -> bool:
    try:
        import pyarrow.csv  # noqa: F401
    except ImportError:
        return False
    return True


def wanted(size: int) -> bool:
    """Whether to read a CSV file of ``size`` bytes column by column."""
    global _read
    setting = os.environ.get("CLAUSES_COLUMNAR", "")
    if setting == "0":
        return False
    _read += size
    if setting != "1" and "pyarrow.csv" not in sys.modules and _read < THRESHOLD:
        return False
    return available()


class _Source:
    """The file's lines, found only when a row must be read again or a span is asked for: by offsets into
    ``raw`` (a mark every :attr:`STEP` lines, made as the file is walked, and the last line found), never
    the whole file split."""

    STEP = 1024

    def __init__(self, shown: str, raw: bytes, start: int, delimiter: str, names: list[str | None]):
        self.shown, self.raw, self.delimiter, self.names = shown, raw, delimiter, names
        self._marks = [start]   # offset of line k * STEP + 1
        self._last = (1, start)  # the line found last and its offset: the next asked is usually further on

    def line(self, number: int) -> str:
        raw, step, marks = self.raw, self.STEP, self._marks
        k = min((number - 1) // step, len(marks) - 1)
        at, pos = k * step + 1, marks[k]
        if at <= self._last[0] <= number:
            at, pos = self._last
        while at < number:
            pos = raw.find(b"\n", pos) + 1   # the line asked for exists (a row pyarrow read)
            at += 1
            if (at - 1) % step == 0 and (at - 1) // step == len(marks):
                marks.append(pos)
        self._last = (at, pos)
        stop = raw.find(b"\n", pos)
        text = raw[pos:stop if stop >= 0 else len(raw)].decode("utf-8")
        return text[:-1] if text.endswith("\r") else text

    def record(self, line: int, builder: _Builder, diags: list[Diagnostic]):
        """The exact reader's record of ``line`` (None: blank, or not splittable: reported)."""
        text = self.line(line)
        try:
            cells = next(csv.reader([text + "\n"], delimiter=self.delimiter))
        except csv.Error as exc:
            csv_error(self.shown, line, exc, diags)
            return None
        row = csv_record(self.shown, [text], line, cells, self.delimiter, diags)
        if row is None:
            return None
        return table_record(self.names, set(), row[0], row[1], row[2], builder, diags)


def read_columnar(raw: bytes, shown: str, diags: list[Diagnostic], settings: RegisterSettings) -> Built | None:
    """The built rows of a CSV register (the (event, record) pairs of ``_Builder.finish``, as a ``Built``), or
    None when the exact reader must read it (nothing is reported then). ``raw`` is never copied (a BOM and the last line
    ends are passed over by offsets: a register of 1M rows is 115 MB), and pyarrow reads it block by block
    (:data:`BLOCK`), so that no more than a block's columns are held beside the events built."""
    start = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    end = len(raw)
    while end > start and raw[end - 1] in b"\r\n":   # raw.rstrip(b"\r\n"), without its copy
        end -= 1
    if (end == start or raw.startswith((b"\n", b"\r", b"\xff\xfe", b"\xfe\xff"), start, end)
            or raw.find(b"\x00", start, end) >= 0 or raw.find(b"\n\n", start, end) >= 0
            or raw.find(b"\n\r\n", start, end) >= 0 or raw.count(b"\r", start, end) != raw.count(b"\r\n", start, end)):
        return None
    head = _first_lines(raw, start, end, HEADER_SEARCH)
    if head is None or '"' in head[0]:
        return None
    delimiter = _sniff_delimiter("\n".join(head))
    builder = _Builder(shown, table=True, diags=diags, settings=settings)
    names: list[str | None] = []
    for cell in next(csv.reader([head[0]], delimiter=delimiter)):
        text = cell.strip()
        names.append(builder.key(text) if text else None)
    known = [n for n in names if n is not None]
    if len(set(known)) != len(known) or "date" not in known or "event" not in known:
        return None
    rows = raw.count(b"\n", start, end)
    if rows == 0:
        return None
    source = _Source(shown, raw, start, delimiter, names)
    remake = Remake(partial(_lazy, source, shown))
    columns = _Columns(builder, names, source)
    read = columns.read(_arrow_batches(raw, start, delimiter, len(names)), rows)
    _give_back()
    if read is None:
        return None
    fast, slow = read
    before = len(diags)
    data_rows = len(fast)
    for line in slow:
        rec = source.record(line, builder, diags)
        if rec is not None:
            data_rows += 1
            builder.build(rec)
    if data_rows == 0:
        no_events(shown, 1, diags, before)
    return merged(fast, remake, builder.finish())


def _give_back() -> None:
    """The memory of the Arrow batches, once read, given back to the system: pyarrow's allocator (mimalloc or
    jemalloc) keeps the pages it freed for its next allocation, and no other register may come."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def _lazy(source: _Source, shown: str, line: int):
    return source.record(line, _Builder(shown, True, []), [])


def _first_lines(raw: bytes, start: int, stop: int, count: int) -> list[str] | None:
    end = start - 1
    for _ in range(count):
        end = raw.find(b"\n", end + 1, stop)
        if end < 0:
            end = stop
            break
    try:
        return raw[start:end].decode("utf-8").replace("\r\n", "\n").split("\n")
    except UnicodeDecodeError:
        return None


def _arrow_batches(raw: bytes, start: int, delimiter: str, width: int):
    """The register's rows as pyarrow record batches of about :data:`BLOCK` bytes of the file, every column a
    string; raises when pyarrow cannot read a block (a row of another width, bad UTF-8...)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    columns = [f"c{i}" for i in range(width)]
    reader = pacsv.open_csv(
        pa.py_buffer(raw).slice(start),
        read_options=pacsv.ReadOptions(column_names=columns, skip_rows=1, use_threads=False, block_size=BLOCK),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=True),
        convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in columns},
                                             strings_can_be_null=False, quoted_strings_can_be_null=False,
                                             null_values=[], check_utf8=True))
    yield from reader


class _Columns:
    """Each column's distinct texts converted once; the rows with nothing to report built from them."""

    def __init__(self, builder: _Builder, names: list[str | None], source: _Source):
        self.builder, self.names, self.source = builder, names, source
        self.settings = builder.settings
        self.memos: list[dict[str, Any]] = [{} for _ in names]
        self.longest = csv.field_size_limit() // 2
        self.converters = [self._converter(name) for name in names]

    def read(self, batches, rows: int) -> tuple[list[Event], list[int]] | None:
        """(rows built, lines to read again) of the batches, or None when pyarrow read them otherwise than
        ``rows`` lines (a quoted line break) or could not read one."""
        fast: list[Event] = []
        slow: list[int] = []
        start = 0
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                break
            except Exception:  # noqa: BLE001 - a row of another width, bad UTF-8...: the exact reader says what
                return None
            self._chunk(batch, start, fast, slow)
            start += batch.num_rows
            for memo in self.memos:   # a column of distinct texts (ids): its memo would only grow
                if len(memo) > 4096:
                    memo.clear()
        return (fast, slow) if start == rows else None

    def _chunk(self, batch, start: int, fast: list, slow: list) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        n = batch.num_rows
        per_field: dict[str, list] = {}
        attr_columns: list[tuple[str, list, list[int]]] = []
        bad = pa.array([False] * n)
        for index, name in enumerate(self.names):
            encoded = pc.dictionary_encode(batch.column(index))
            memo, convert = self.memos[index], self.converters[index]
            values = []
            for text in encoded.dictionary.to_pylist():
                value = memo.get(text, memo)
                if value is memo:
                    value = memo[text] = _SLOW if len(text) > self.longest else convert(text)
                values.append(value)
            slow_codes = [code for code, value in enumerate(values) if value is _SLOW]
            if slow_codes:
                bad = pc.or_(bad, pc.is_in(encoded.indices, value_set=pa.array(slow_codes, encoded.indices.type)))
            codes = encoded.indices.to_pylist()
            if name == "date":   # (day, time) of each distinct text: its days and its times, row by row
                day_of = [None if value is _SLOW else value[0] for value in values]
                time_of = [None if value is _SLOW else value[1] for value in values]
                per_field["date"], per_field["time"] = [day_of[c] for c in codes], [time_of[c] for c in codes]
            elif name in FIELDS:
                per_field[name] = [values[c] for c in codes]
            elif name is not None:
                attr_columns.append((name, values, codes))
        again = set(pc.indices_nonzero(bad).to_pylist())   # rows (from 0) the exact reader reads again
        none = [None] * n
        empty = [()] * n
        days, times = per_field["date"], per_field["time"]
        by, to = per_field.get("by", empty), per_field.get("to", empty)
        subject, via = per_field.get("subject", none), per_field.get("via", none)
        ids, refs = per_field.get("id", none), per_field.get("ref", none)
        if "id" in per_field and "ref" in per_field:   # an act that names itself: the exact reader says so
            again.update(i for i, (ref, ident) in enumerate(zip(refs, ids)) if ref is not None and ref == ident)
        for name, values, codes in attr_columns:
            if name in DATE_FIELDS:   # received before it was sent: likewise
                received = [None if value is _ABSENT or value is _SLOW else value[1] for value in values]
                again.update(i for i, (code, day) in enumerate(zip(codes, days))
                             if received[code] is not None and day is not None and received[code] < day)
        attrs = none
        if attr_columns:   # one mapping per distinct combination of the attribute columns' texts
            keys = list(zip(*(codes for _, _, codes in attr_columns)))
            shared = {key: _attrs(attr_columns, key) for key in set(keys)}
            attrs = [shared[key] for key in keys]
        columns: tuple = (range(start + 2, start + 2 + n), days, times, per_field["event"], by, to, subject, via, ids,
                          refs, attrs)
        if again:
            slow.extend(start + 2 + i for i in sorted(again))
            keep = [i not in again for i in range(n)]
            columns = tuple(compress(column, keep) for column in columns)
        # the rows with nothing to report, one event each in line order, without a Python frame per row
        fast.extend(map(Event.read, repeat(self.builder.path), *columns))

    # ------------------------------------------------------------------ one text of a column, converted

    def _converter(self, name: str | None):
        if name is None:
            return lambda text: _ABSENT if not text.strip() else _SLOW
        if name == "date":
            return _date
        if name == "event":
            return lambda text: text.strip() or _SLOW
        # functions of the settings, not bound methods: a method in self.converters is a cycle through self,
        # which kept the register's bytes (_Source) until a collection -- none while `clauses check` runs
        if name in ("by", "to"):
            return partial(_parties, self.settings)
        if name == "via":
            return partial(_via, self.settings)
        if name in FIELDS:
            return lambda text: text.strip() or None
        if name in DATE_FIELDS:
            return _received
        if name == "representatives":
            return _representatives_cell
        return _attr


def _parties(settings: RegisterSettings, text: str):
    parties = _table_parties(text)
    if settings.parties:
        parties = tuple(dict.fromkeys(settings.party(p) for p in parties))
    return parties


def _via(settings: RegisterSettings, text: str):
    text = text.strip()
    if not text:
        return None
    channel = settings.channel(text)
    return channel if channel in CHANNELS else _SLOW


#: texts of dates remembered across the logs of one run, not only within one (a portfolio's logs of 1,000 events
#: share most of their dates, which each log parsed again: a sixth of reading one); the values are immutable
DATES_REMEMBERED = 16384


@lru_cache(maxsize=DATES_REMEMBERED)
def _date(text: str):
    if not _PLAIN_ISO.fullmatch(text):
        return _SLOW
    try:
        return _register_date(text, ISO_ONLY)
    except _BadDate:
        return _SLOW


@lru_cache(maxsize=DATES_REMEMBERED)
def _received(text: str):
    if not text.strip():
        return _ABSENT
    when = _date(text)
    if when is _SLOW:
        return _SLOW
    day, time = when
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return _SLOW
    return (day.isoformat() if time is None else f"{day.isoformat()}T{time.isoformat()}"), day


def _attr(text: str):
    value = _sniff(text.strip())
    return _ABSENT if value == "" else value


def _representatives_cell(text: str):
    value = _attr(text)
    if value is not _ABSENT and _representatives(value):
        return _SLOW
    return value


def _attrs(columns: list[tuple[str, list, list[int]]], key: tuple[int, ...]):
    """The attributes of the rows whose attribute columns have the texts of codes ``key`` (None: none; or a
    text of them the exact reader must read, whose rows are read again)."""
    attrs: dict[str, Any] = {}
    for (name, values, _), code in zip(columns, key):
        value = values[code]
        if value is _ABSENT:
            continue
        if value is _SLOW:
            return None
        attrs[name] = value[0] if name in DATE_FIELDS else value
    return MappingProxyType(attrs) if attrs else None
