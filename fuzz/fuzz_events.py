"""Coverage-guided fuzzing of the event-log readers with atheris (optional; see fuzz/README.md).

The first input byte picks the reader (CSV, JSON Lines, YAML, XLSX); the rest is written
to a temporary file with that extension and read with ``read_events``. The only outcomes
allowed are events or diagnostics: an exception, or a diagnostic saying the reader hit an
internal error (its last-resort handler), is a crash. For JSON Lines the harness also
checks that no record is lost silently: every non-blank line is an event or is named by
a diagnostic on its line.

    .venv/bin/python fuzz/fuzz_events.py -timeout=10 -max_total_time=600 fuzz/corpus/logs examples
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["clauses"]):
    from clauses.diagnostics import render
    from clauses.events import read_events

SUFFIXES = (".csv", ".jsonl", ".yaml", ".xlsx")
FOLDER = Path(tempfile.mkdtemp(prefix="clauses-fuzz-events-"))


class SilentLoss(AssertionError):
    pass


_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _decode(raw: bytes) -> str:
    """The text the reader sees: UTF-8 (BOM dropped), else Windows-1252 (see events._decode)."""
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1").translate(_CP1252)


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    raw = data[1:]
    path = FOLDER / f"log{suffix}"
    path.write_bytes(raw)
    events, diags = read_events(path)
    for diag in diags:
        render(diag)
        if "internal error" in diag.message:
            raise RuntimeError(diag.message)
    if suffix == ".jsonl" and b"\x00" not in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        if any(d.code == "E001" for d in diags):
            return
        text = _decode(raw).replace("\r\n", "\n").replace("\r", "\n")
        rows = {e.row for e in events}
        named = {d.span.line for d in diags if d.span}
        for number, line in enumerate(text.split("\n"), 1):
            if line.strip() and number not in rows and number not in named \
                    and not any(e.id and e.id in line for e in events):  # exact duplicates are dropped
                raise SilentLoss(f"line {number} is neither an event nor a diagnostic: {line[:200]!r}")


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    try:
        atheris.Fuzz()
    finally:
        for p in FOLDER.iterdir():
            os.unlink(p)
        FOLDER.rmdir()


if __name__ == "__main__":
    main()
