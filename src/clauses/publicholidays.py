"""France's public holidays by subdivision, as the ``holidays`` package computes them, kept on disk.

Importing ``holidays`` costs about 60 ms at each start (its package imports the registry of every
country and reads its own version through ``importlib.metadata``), more than everything else a
``clauses check`` of a small convention does once its rules are cached. The table of France's
holidays, though, depends only on the package's code: it is worked out once for the years
:data:`YEARS` — with ``holidays`` itself, the module of France loaded alone — and kept under
``$XDG_CACHE_HOME/clauses/holidays/``, keyed on the names, sizes and modification times of the
package's files (an upgrade or an edit of ``holidays`` is a new key, never a stale table). A later
start reads the table (about 1 ms) and never imports ``holidays``; a year outside the table, or a
cache that cannot be read or written, asks the package, as before.

Each day's name is the package's, in French (« Noël », « Lundi de Pâques »; two holidays on one day
joined by « ; » as the package joins them).
"""

from __future__ import annotations

import hashlib
import marshal
import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

#: the years kept on disk; any other year is asked of the package
YEARS = range(1900, 2201)
#: bump when the layout of the file changes
FORMAT = 1


@lru_cache(maxsize=1)
def _france() -> Callable[..., Any]:
    """holidays' calendar of France, loaded alone: ``holidays.country_holidays`` imports the module of
    every country first; any surprise of the package's layout falls back to it."""
    try:
        import importlib.util

        package = importlib.util.find_spec("holidays.countries")
        path = Path(package.submodule_search_locations[0]) / "france.py"  # type: ignore[index, union-attr]
        spec = importlib.util.spec_from_file_location("holidays.countries.france", path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return module.France
    except Exception:
        import holidays

        return lambda **kwargs: holidays.country_holidays("FR", **kwargs)


#: the package's files France's calendar is made of (the modules it imports, its French names): by folder,
#: which names count. An upgrade rewrites them all; an edit of another country's module changes nothing here
_FRANCE_FILES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("", lambda name: name.endswith(".py")),
    ("calendars", lambda name: name.endswith(".py")),
    ("groups", lambda name: name.endswith(".py")),
    ("countries", lambda name: name in ("__init__.py", "france.py")),
    (os.path.join("locale", "fr", "LC_MESSAGES"), lambda name: name.startswith("FR.")),
)


@lru_cache(maxsize=1)
def package_fingerprint() -> str | None:
    """The names, sizes and modification times of the ``holidays`` package's files (found without
    importing it), or None when it cannot be found."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = next(iter(spec.submodule_search_locations))
    digest = hashlib.sha256(f"{FORMAT}:{YEARS.start}:{YEARS.stop}:{root}".encode())
    try:
        for folder, keep in _FRANCE_FILES:
            with os.scandir(os.path.join(root, folder)) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if keep(entry.name):
                        st = entry.stat()
                        digest.update(f"{folder}/{entry.name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    except OSError:
        return None
    return digest.hexdigest()


class Holidays:
    """One subdivision's holidays (``None``: metropolitan France): a day's name, or None."""

    def __init__(self, subdivision: str | None, table: dict[date, str] | None) -> None:
        self.subdivision = subdivision
        self._table = table          # the years of YEARS, or None: every year asked of the package
        self._source: Any = None     # the package's calendar, made when first needed

    def get(self, day: date) -> str | None:
        if self._table is not None and YEARS.start <= day.year < YEARS.stop:
            return self._table.get(day)
        if self._source is None:
            self._source = _france()(subdiv=self.subdivision, language="fr")
        name = self._source.get(day)
        return str(name) if name else None


def _computed(subdivision: str | None) -> dict[date, str]:
    source = _france()(subdiv=subdivision, language="fr", years=YEARS)
    return {d: str(name) for d, name in source.items() if YEARS.start <= d.year < YEARS.stop}


def _read(path: Path) -> dict[date, str] | None:
    try:
        with open(path, "rb") as handle:
            days = marshal.load(handle)
        return {date.fromordinal(day): name for day, name in days.items()}
    except Exception:   # absent, truncated, written by another Python: a miss
        return None


def _write(path: Path, table: dict[date, str]) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile   # only a first run writes the table: a start that reads it does not import it

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump({d.toordinal(): name for d, name in table.items()}, handle)
        os.replace(tmp, path)
    except OSError:     # a cache folder that cannot be written turns the cache off, never the command
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


@lru_cache(maxsize=None)
def holidays_of(subdivision: str | None) -> Holidays:
    """The holidays of ``subdivision`` (``None``, ``"57"``, ``"6AE"``), from the disk cache when it
    holds them for the installed package, else worked out and stored."""
    fingerprint = package_fingerprint()
    if fingerprint is None:
        return Holidays(subdivision, None)
    from clauses.cache import default_folder   # $XDG_CACHE_HOME/clauses/holidays, as the other caches

    path = default_folder("holidays") / f"fr-{subdivision or 'metropole'}-{fingerprint[:32]}.marshal"
    table = _read(path)
    if table is None:
        try:
            table = _computed(subdivision)
        except Exception:   # the package cannot list a range of years: ask it year by year
            return Holidays(subdivision, None)
        _write(path, table)
    return Holidays(subdivision, table)
