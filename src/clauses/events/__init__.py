"""Event logs: what happened under a convention, read from a register as staff export it.

The data flow, one module per step:

- :mod:`~clauses.events.text` -- bytes through :mod:`clauses.files` (regular files,
  size limits), encodings, line ends;
- one reader per format -- :mod:`~clauses.events.csv`, :mod:`~clauses.events.jsonl`,
  :mod:`~clauses.events.yaml`, :mod:`~clauses.events.workbook` (.xlsx, .ods, .xls);
  :mod:`~clauses.events.table` finds the header of CSV files and worksheets;
  :mod:`~clauses.events.arrowcsv` reads large CSV files column by column with pyarrow
  when it is installed (every row with something to report read again by the exact reader);
- :mod:`~clauses.events.mapping` and :mod:`~clauses.events.settings` -- the column
  names and values staff use (French and English synonyms, ``[tool.clauses.register]``,
  a mapping file, the convention's party names);
- :mod:`~clauses.events.dates` -- ISO 8601 and day-first dates, one order per column;
- :mod:`~clauses.events.records` -- records turned into :class:`Event` s, every problem
  a diagnostic on its row (codes ``E001``-``E012``);
- :mod:`~clauses.events.validate` -- values checked on their own and against the log
  (``received``, ``via``, ``representatives``, ``ref``) and against a convention
  (:func:`validate_events`);
- :mod:`~clauses.events.reader` -- the entry point :func:`read_events`: the reader by
  extension, duplicates, sorting.

:func:`read_events` never raises: every malformed row is reported (all of them, in
one run) and every good row is returned, sorted by :meth:`Event.key`; a row with an
error is reported and not returned. :func:`log_unusable` says when nothing could be
read (the CLI then exits 2 without a report). What is recognised, and every choice
made where a register is unclear, is documented for users in ``docs/registers.md``.

Choices kept from the first readers:

- **Text** values are stripped; an empty value means "absent" for every field
  (``E002`` for ``date``/``event``); an empty or ``null`` extra field is not put in
  ``attrs``. ``via`` is mapped to a channel (``LRAR`` -> ``lrar``). Party ids keep
  their case; a party's full name (as the convention declares it) reads as its id.
- **Several parties**: CSV/workbook cells are split on ``;``; in JSON Lines/YAML
  ``by``/``to`` is a string (one party, never split) or a list of strings. Repeated
  parties are kept once, in order.
- **Typed extra values**: a CSV cell (or a workbook text cell) in an extra column is
  read as a JSON scalar would be (``1500`` an int, ``true`` a bool; ``007``, ``1 500``,
  ``1500,50`` stay text). YAML uses the core schema (``yes`` and ``2023-03-14`` stay
  text). Lists/mappings as extra values are ``E010``.
- **id/ref** may be numbers; they are turned into text (``17`` -> ``"17"``).
- **Dates**: ISO 8601 (``YYYY-MM-DD``, optional ``THH:MM[:SS]`` and offset) always;
  ``15 février 2022`` always; ``15/02/2022 [14:30]`` in the order of its column.
  :meth:`Event.key` sorts on the wall-clock time as written.
- **CSV**: ``,`` unless the first lines hold more ``;`` or tabs. Blank lines are
  skipped; a row shorter than the header has empty trailing cells; a value beyond the
  header or an unclosed quote is ``E010``.
- **Encoding**: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else Windows-1252 with
  warning ``E011``. A file of binary data is ``E001``; a few lines with NUL bytes in a
  text file are ``E010`` each and the other lines are read.
- **Duplicates**: the same ``id`` with the same content is kept once, silently; with
  different content it is ``E006`` on the later row, which is not returned.
- **Spans**: line = the record's first physical line (CSV/JSONL/YAML) or the row
  (workbooks); column = the offending cell/key when it starts on that line, else the
  record's start. Spans are computed only when a diagnostic needs one.
"""

from __future__ import annotations

from clauses.events.dates import parse_when
from clauses.events.model import FIELDS, REQUIRED_FIELDS, Event, event_log_schema
from clauses.events.reader import EXTENSIONS, events_from_yaml, log_unusable, read_events
from clauses.events.settings import RegisterSettings, register_settings
from clauses.events.validate import validate_events

__all__ = [
    "Event",
    "EXTENSIONS",
    "FIELDS",
    "REQUIRED_FIELDS",
    "RegisterSettings",
    "event_log_schema",
    "events_from_yaml",
    "log_unusable",
    "parse_when",
    "read_events",
    "register_settings",
    "validate_events",
]
