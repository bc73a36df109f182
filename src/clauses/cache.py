"""On-disk caches of work done on a rules file: lint results (as ruff keeps them)
and loaded conventions (the parsed, lowered and resolved model ``check`` needs).

Loading a file costs its parse (Lark builds a scanner per lexer state on first
use in each process), its lowering and name resolution, and linting adds the
consistency checks; re-linting a portfolio where one file changed should cost
one file, and checking a log against unchanged rules should not parse them
again. An entry is keyed on everything the result depends on:

- the bytes of the rules file and the name it is reported under;
- the context the caller gives: the configuration (``[tool.clauses]``,
  ``--select``/``--ignore``) for lint;
- the code that produced it: the package version and a fingerprint of the
  package's own files (their names, sizes and modification times), so an
  upgrade, or an edit of a development install, never serves a stale result;

and it records the files the result read besides the rules file (the
convention text its ``texte`` names, the published series' files its ``série``
declarations name, an instance's template) with a digest of their content: a
changed or removed file invalidates the entry. A file whose convention text
could not be found is not cached (adding the text later must change the
result).

Entries live under ``$XDG_CACHE_HOME/clauses/<namespace>`` (``~/.cache`` by
default; namespaces ``lint`` and ``rules``), one small pickle each, written
atomically; a corrupt or unreadable entry is a miss, and a cache folder that
cannot be written turns the cache off, never the command. ``--no-cache``
bypasses it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

#: bump when the layout of an entry changes
FORMAT = 1


#: the package's files a cached result may depend on (code, grammar, messages, data)
_FINGERPRINTED = (".py", ".lark", ".po", ".json", ".txt")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Version and source files of the installed package (names, sizes, modification times)."""
    from clauses import __version__

    root = os.path.dirname(os.path.abspath(__file__))
    lines: list[str] = []
    folders = [""]
    while folders:   # os.scandir, not Path.rglob: a third of the time, and __pycache__ is never entered
        folder = folders.pop()
        with os.scandir(os.path.join(root, folder)) as entries:
            for entry in entries:
                name = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        folders.append(name)
                elif entry.name.endswith(_FINGERPRINTED):
                    st = entry.stat()
                    lines.append(f"clauses/{name}:{st.st_size}:{st.st_mtime_ns}\n")
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    digest.update("".join(sorted(lines)).encode())
    return digest.hexdigest()


def default_folder(namespace: str = "lint") -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "clauses" / namespace


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass
class DiskCache:
    """Results by (content, context, code); ``hits`` and ``misses`` counted."""

    folder: Path
    config_key: str
    hits: int = 0
    misses: int = 0
    namespace = "lint"

    @classmethod
    def open(cls, config: Any, folder: Path | None = None) -> "DiskCache | None":
        """The cache for the context ``config`` (its repr is hashed), or None when its folder cannot be made."""
        folder = folder or default_folder(cls.namespace)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return cls(folder, hashlib.sha256(repr(config).encode()).hexdigest())

    def key(self, display: str, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (code_fingerprint(), self.config_key, display):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def get(self, key: str, digests: dict[str, str | None] | None = None) -> Any | None:
        """The cached value, or None (a miss) when absent, unreadable or stale. ``digests``: the
        dependencies' digests already taken during one batch of look-ups (the rules files of a
        portfolio cite the same few convention texts: each is read once per batch, not once per file)."""
        try:
            with open(self._entry(key), "rb") as handle:
                deps, value = pickle.load(handle)
        except Exception:  # absent, truncated, written by another version: a miss
            self.misses += 1
            return None
        seen = {} if digests is None else digests
        for p, _ in deps:
            if p not in seen:
                seen[p] = _digest(Path(p))
        if any(seen[p] != d for p, d in deps):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any, deps: list[Path]) -> None:
        """Store ``value``, valid while every file of ``deps`` keeps its content."""
        entry = self._entry(key)
        recorded = [(str(p), _digest(p)) for p in deps]
        try:
            entry.parent.mkdir(exist_ok=True)
            import tempfile   # only a miss writes: a served check does not import it

            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((recorded, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            try:
                os.unlink(tmp)  # type: ignore[possibly-undefined]
            except (OSError, NameError):
                pass


class LintCache(DiskCache):
    """Lint results of unchanged files (``clauses lint``)."""

    namespace = "lint"


class RulesCache(DiskCache):
    """Loaded conventions of unchanged rules files (``clauses check``, ``agenda``, ``report``)."""

    namespace = "rules"


def dependencies(loaded: Any) -> list[Path]:
    """The files besides the rules file that a load (and the lint of it) read: the convention text,
    the published series' files (each bad row is a diagnostic), the template of a signed instance."""
    deps = [loaded.text.path] if loaded.text is not None else []
    model = loaded.convention if loaded.convention is not None else loaded.partial
    deps += [Path(s.path) for s in getattr(model, "series", ()) if s.path]
    return deps + list(loaded.dependencies)


def load_cached(path: str | Path, cache: RulesCache | None) -> Any:
    """:func:`clauses.language.load.load`, served from ``cache`` while the file, its convention
    text and the code are unchanged. Only files that loaded without errors are kept: a file with
    errors is reported again, in full, every time."""
    path = Path(path)
    if cache is None:
        from clauses.language.load import load

        return load(path)
    try:
        data = path.read_bytes() if path.is_file() else None
    except OSError:
        data = None
    key = cache.key(str(path), data) if data is not None else None
    if key is not None:
        hit = cache.get(key)
        if hit is not None:
            return hit
    from clauses.language.load import load   # the parser is imported only when a file is parsed

    loaded = load(path)
    text_missing = loaded.convention is not None and loaded.convention.text and loaded.text is None
    if key is not None and loaded.ok and not text_missing:
        cache.put(key, loaded, dependencies(loaded))
    return loaded
