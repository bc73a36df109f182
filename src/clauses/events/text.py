"""Reading a log file as text: bytes through clauses.files, encodings, line ends."""

from __future__ import annotations

from pathlib import Path

from clauses.diagnostics import Diagnostic
from clauses.files import Limits, Refused, limits as current_limits, read_regular
from clauses.i18n import tr
from clauses.language.source import Span

#: how binary files start (a workbook, a PDF, an image): never read as text
_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b")


def _file_span(path: str, line: int = 1, column: int = 1) -> Span:
    return Span(path, line, column, line, column + 1)


def _read_bytes(p: Path, shown: str, diags: list[Diagnostic], limit: int | None = None,
                limits: Limits | None = None) -> bytes | None:
    """The file's bytes through :func:`clauses.files.read_regular`, or an E001 and None."""
    try:
        limits = limits or current_limits()
        return read_regular(p, "event log", limits.log if limit is None else limit, shown=shown)
    except Refused as err:
        diags.append(Diagnostic.of("E001", err.message, _file_span(shown), err.hint))
        return None


# Windows-1252, with the five bytes it leaves undefined read as Latin-1.
_CP1252 = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def _decode(raw: bytes, shown: str, diags: list[Diagnostic], by_line: bool = False) -> str | None:
    """The text of a log; ``by_line``: a few lines with NUL bytes are reported and left out
    (CSV, JSON Lines) instead of the whole file being refused as binary."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            diags.append(Diagnostic.of(
                "E001", tr("event log {path} starts like UTF-16 text but is not valid UTF-16", path=shown),
                _file_span(shown), tr("export the register as UTF-8")))
            return None
    if b"\x00" in raw and by_line and not raw.startswith(_MAGIC):
        raw = _drop_nul_lines(raw, shown, diags)
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        hint = tr("export the register as CSV (UTF-8), JSON Lines, YAML or .xlsx")
        if raw.startswith(b"PK\x03\x04"):
            hint = tr("this looks like an Excel workbook: give it the .xlsx extension")
        diags.append(Diagnostic.of(
            "E001", tr("event log {path} is not a text file (NUL byte on line {line})", path=shown, line=line),
            _file_span(shown), hint))
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        diags.append(Diagnostic.of(
            "E011",
            tr("event log {path} is not valid UTF-8 (byte {byte} on line {line}): read as Windows-1252",
               path=shown, byte=f"0x{raw[start]:02X}", line=line),
            _file_span(shown, line, column),
            tr("save the export as UTF-8 to be sure accented letters are read right")))
        return raw.decode("latin-1").translate(_CP1252)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")



def _drop_nul_lines(raw: bytes, shown: str, diags: list[Diagnostic]) -> bytes:
    """Blank the lines holding NUL bytes (E010 each) when they are few: a text file with a bad row."""
    lines = raw.split(b"\n")
    bad = [i for i, line in enumerate(lines) if b"\x00" in line]
    if len(bad) * 10 > len(lines) or len(bad) > 100:
        return raw  # mostly binary: refused as a whole
    for i in bad:
        diags.append(Diagnostic.of("E010", tr("line {line} holds a NUL byte (binary data): the line is not read",
                                              line=i + 1), _file_span(shown, i + 1),
                                   tr("check the export: a register holds text only")))
        lines[i] = b""
    return b"\n".join(lines)
