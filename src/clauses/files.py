"""Reading a user's file safely: regular files only, sizes bounded before and while reading.

Every reader of a user's file (event logs, workbooks, rules files, scenario
files and their ``journal:``) goes through :func:`read_regular`:

- the file is opened without blocking (``O_NONBLOCK``: opening a FIFO with no
  writer would otherwise hang) and checked with ``fstat`` on the open file: a
  FIFO, a device, a socket or a directory is refused with a message naming
  what it is, before a byte is read;
- its size is checked against a limit before reading, and the read stops at
  the limit (a file that grows meanwhile is refused as well);
- a symbolic-link loop, a name too long, a missing file and a permission
  problem each get their own sentence.

Workbooks are zip archives (``.xlsx``, ``.ods``): :func:`check_archive`
bounds what they expand to — the sizes the archive declares first, then the
bytes actually inflated, member by member, stopping at the limit (a zip bomb
declares small sizes and inflates to gigabytes).

The limits are :class:`Limits` (defaults below, in MB) and can be changed in
``[tool.clauses.limits]`` (see ``docs/registers.md``)::

    [tool.clauses.limits]
    log_mb = 64          # a CSV, JSON Lines or YAML event log
    workbook_mb = 32     # an .xlsx, .ods or .xls file, as stored
    unzipped_mb = 256    # what a workbook expands to
    rules_mb = 1         # a rules file
    scenario_mb = 8      # a scenario file
    text_mb = 16         # a convention text (`texte "…"`)
    workbook_rows = 500000   # rows read from one worksheet
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from clauses.i18n import tr

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Largest sizes read, in bytes."""

    log: int = 64 * MB
    workbook: int = 32 * MB
    unzipped: int = 256 * MB
    rules: int = 1 * MB
    scenario: int = 8 * MB
    text: int = 16 * MB
    workbook_rows: int = 500_000

    @classmethod
    def from_table(cls, table: Any, where: str) -> "Limits":
        """``[tool.clauses.limits]``: ``log_mb``, ``workbook_mb``... (positive numbers of MB)."""
        if not isinstance(table, dict):
            raise ValueError(tr("{where}: [tool.clauses.limits] must be a table, e.g. limits = {{ log_mb = 100 }}",
                                where=where))
        known = {(f.name if f.name.endswith("_rows") else f"{f.name}_mb"): f.name for f in fields(cls)}
        values: dict[str, int] = {}
        for key, value in table.items():
            if key not in known:
                raise ValueError(tr("{where}: unknown limit `{key}`; known limits: {known}",
                                    where=where, key=key, known=", ".join(known)))
            rows = key.endswith("_rows")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1024 * 1024 * (
                    1024 if rows else 1):
                raise ValueError(tr("{where}: limit `{key}` must be a positive number of {unit}, not {value!r}",
                                    where=where, key=key, unit=tr("rows") if rows else "MB", value=value))
            values[known[key]] = int(value if rows else value * MB)
        return cls(**values)


DEFAULT_LIMITS = Limits()
_current = DEFAULT_LIMITS


def configure(limits: Limits | None) -> None:
    """The limits of this process (the CLI sets them from ``[tool.clauses.limits]``)."""
    global _current
    _current = limits or DEFAULT_LIMITS


def limits() -> Limits:
    """The limits in force: :data:`DEFAULT_LIMITS` unless :func:`configure` changed them."""
    return _current


class Refused(OSError):
    """The file cannot be read; ``message`` says why in the user's words (its path included).

    An :class:`OSError`, so that code catching those reports it too (``str(err)`` is the message).
    """

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB / 10 else f"{size / 1024:.0f} KB"


_KINDS = (
    (stat.S_ISDIR, tr("a directory")),
    (stat.S_ISFIFO, tr("a named pipe (FIFO)")),
    (stat.S_ISCHR, tr("a character device")),
    (stat.S_ISBLK, tr("a block device")),
    (stat.S_ISSOCK, tr("a socket")),
)
#: what callers name the file they read, translated
_WHAT = {"event log": tr("event log"), "rules file": tr("rules file"), "scenario file": tr("scenario file"),
         "mapping file": tr("mapping file"), "convention text": tr("convention text"),
         "series file": tr("series file")}


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), tr("not a regular file"))


def os_reason(err: OSError) -> str:
    """An OSError in words, without the library's repr."""
    if err.errno == errno.ELOOP:
        return tr("it is a loop of symbolic links")
    if err.errno == errno.ENAMETOOLONG:
        return tr("its name is too long for the file system")
    if err.errno in (errno.EACCES, errno.EPERM):
        return tr("permission denied")
    return str(err.strerror or err)


def read_regular(path: str | os.PathLike[str], what: str, limit: int, *, shown: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`Refused` otherwise.

    ``what`` names the file for messages (``"event log"``, ``"rules file"``...).
    """
    shown = shown if shown is not None else os.fspath(path)
    what = _WHAT.get(what, what)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        if os.path.islink(path):
            raise Refused(tr("{what} {path} is a symbolic link to a file that does not exist", what=what, path=shown))
        raise Refused(tr("{what} {path} does not exist", what=what, path=shown))
    except IsADirectoryError:
        raise Refused(tr("{what} {path} is a directory, not a file", what=what, path=shown))
    except OSError as err:
        raise Refused(tr("{what} {path} cannot be read: {reason}", what=what, path=shown, reason=os_reason(err)))
    try:  # the checks on the open file: what it is, then its size
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Refused(tr("{what} {path} is a directory, not a file", what=what, path=shown))
        if not stat.S_ISREG(info.st_mode):
            raise Refused(tr("{what} {path} is {kind}, not a regular file: it is not read",
                             what=what, path=shown, kind=_kind(info.st_mode)),
                          tr("save the content to a file and give that file"))
        if info.st_size > limit:
            raise too_large(what, shown, info.st_size, limit)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(limit + 1)
    except Refused:
        raise
    except OSError as err:
        raise Refused(tr("{what} {path} cannot be read: {reason}", what=what, path=shown, reason=os_reason(err)))
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:
        raise too_large(what, shown, len(data), limit)
    return data


def too_large(what: str, shown: str, size: int, limit: int) -> Refused:
    what = _WHAT.get(what, what)
    return Refused(tr("{what} {path} is too large ({size}; at most {limit})",
                      what=what, path=shown, size=size_text(size), limit=size_text(limit)),
                   tr("raise the limit in [tool.clauses.limits] if this file is what you meant to read"))


def check_archive(raw: bytes, what: str, shown: str, limit: int) -> None:
    """Refuse a zip archive that expands past ``limit`` bytes (declared or actually inflated).

    The sizes an archive declares can lie, and :mod:`zipfile` trusts them: each member's
    deflate stream is inflated here from its local header to the stream's end, counting
    the bytes and keeping none. Not a zip archive: nothing to check (the workbook reader
    says what it is).
    """
    import zipfile   # only workbooks are archives: a check of a CSV register does not import it

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    declared = sum(info.file_size for info in members)
    if declared > limit:
        raise _bomb(what, shown, declared, limit)
    total = 0
    for info in members:
        total += _inflated_size(raw, info, limit - total)
        if total > limit:
            raise _bomb(what, shown, total, limit, at_least=True)


def _inflated_size(raw: bytes, info: "zipfile.ZipInfo", budget: int) -> int:
    """Bytes one member inflates to, counted up to ``budget + 1`` (then the count stops)."""
    import zipfile

    start = info.header_offset
    if raw[start:start + 4] != b"PK\x03\x04":
        return 0
    name_length, extra_length = int.from_bytes(raw[start + 26:start + 28], "little"), \
        int.from_bytes(raw[start + 28:start + 30], "little")
    offset = start + 30 + name_length + extra_length
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return info.file_size
    inflater = zlib.decompressobj(-15)
    count = 0
    position = offset
    pending = b""
    while not inflater.eof and count <= budget:
        if not pending:
            if position >= len(raw):
                break
            pending = raw[position:position + MB]
            position += len(pending)
        try:
            out = inflater.decompress(pending, MB)
        except zlib.error:
            break
        pending = inflater.unconsumed_tail
        count += len(out)
        if not out and not pending and position >= len(raw):
            break
    return count


def _bomb(what: str, shown: str, size: int, limit: int, at_least: bool = False) -> Refused:
    what = _WHAT.get(what, what)
    return Refused(tr("{what} {path} expands to {more}{size} when unzipped (at most {limit}): it is not read",
                      what=what, path=shown, more=tr("more than ") if at_least else "", size=size_text(size),
                      limit=size_text(limit)),
                   tr("a register of a few thousand rows expands to a few MB: is this the right file? "
                      "Raise `unzipped_mb` in [tool.clauses.limits] if it is"))


def read_text_file(path: Path, what: str, limit: int) -> str:
    """A UTF-8 text file (BOM dropped) through :func:`read_regular`; ``UnicodeDecodeError`` passes."""
    return read_regular(path, what, limit).decode("utf-8-sig")
