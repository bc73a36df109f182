"""Which files a clause file or a scenario may make ``clauses`` read: the confinement policy.

``clauses lint`` runs on drafts from anyone (a pull request), and it echoes the
convention text it reads (D001 headings, D003 lines). So a name written in a
file never reaches the file system as such:

- a convention text (``texte "…"``) must resolve, **after resolving symlinks**,
  inside one of the project's convention folders: the folders ``conventions =
  [...]`` of ``[tool.clauses]`` names (in the nearest ``pyproject.toml`` above the
  rules file that has that table), else every ``conventions/`` folder beside the
  rules file or beside one of its parents, up to the project's root (the first
  folder above holding ``pyproject.toml`` or ``.git``);
- a scenario's ``convention:`` and ``journal:``/``log:`` paths must resolve
  inside the scenario's project (that same root, found from the scenario file;
  the scenario's own folder's parent when there is none).

A name that is absolute, empty, holds a control character, is longer than
:data:`MAX_NAME` characters (or has a component longer than the file system's
255 bytes), or resolves outside is refused **before anything is opened**: the
caller reports the :class:`Refusal`'s message as an ``F004`` error at the
name's position. The file itself must also be a regular file (a FIFO or a
device would block a reader).
"""

from __future__ import annotations

import os
import stat
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Iterator

from clauses.i18n import tr

#: the longest name a file may give for another file (characters); the file system's limit
#: for one component is 255 bytes.
MAX_NAME = 255
MAX_COMPONENT_BYTES = 255
PROJECT_MARKERS = ("pyproject.toml", ".git")
CODE = "F004"


@dataclass(frozen=True)
class Refusal:
    """Why a name was refused (a sentence), and a hint."""

    message: str
    hint: str | None = None


def check_name(name: str) -> Refusal | None:
    """The problems of a name as written, before any look at the disk."""
    if not name.strip():
        return Refusal(tr("the file name is empty"))
    if any(unicodedata.category(c) == "Cc" for c in name):
        return Refusal(tr("the file name holds a control character"))
    if len(name) > MAX_NAME or any(len(part.encode("utf-8", "surrogatepass")) > MAX_COMPONENT_BYTES
                                   for part in name.replace("\\", "/").split("/")):
        return Refusal(tr("the file name is {length} characters long (at most {limit})",
                          length=len(name), limit=MAX_NAME))
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        return Refusal(tr("`{name}` is an absolute path", name=_short(name)),
                       tr("name the file relative to the project's folder"))
    return None


def _short(name: str, limit: int = 80) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _resolve(path: Path) -> Path | None:
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):  # a symlink loop, a name the OS refuses
        return None


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` (resolved, symlinks followed) lies in ``root`` (resolved)."""
    resolved, base = _resolve(path), _resolve(root)
    return resolved is not None and base is not None and resolved.is_relative_to(base)


def project_root(start: Path) -> Path | None:
    """The first folder from ``start`` upwards holding ``pyproject.toml`` or ``.git``."""
    folder = _resolve(start)
    if folder is None:
        return None
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return None


@lru_cache(maxsize=256)
def _configured(folder: Path) -> tuple[Path, ...] | None:
    from clauses.lint.config import ConfigError, find_config, load_config

    try:
        origin = find_config(folder)
        if origin is None:
            return None
        config = load_config(origin)
    except (ConfigError, OSError):
        return None
    if not config.conventions:
        return None
    return tuple(p if p.is_absolute() else (Path.cwd() / p) for p in config.conventions)


#: within :func:`folders_remembered`: the text folders of each rules file's folder, worked out once
_remembered: dict[Path, tuple[Path, ...]] | None = None


@contextmanager
def folders_remembered() -> Iterator[None]:
    """Within: the folders of :func:`text_folders` worked out once per folder of rules files (one lint
    run over a thousand files of one folder walks its parents once instead of once a file; worker
    processes forked meanwhile inherit what is known). Outside, every call looks again: an editor's
    session or a watch loop sees a conventions folder created meanwhile."""
    global _remembered
    previous = _remembered
    _remembered = {} if previous is None else previous
    try:
        yield
    finally:
        _remembered = previous


def text_folders(rules_path: Path) -> tuple[Path, ...]:
    """The folders a rules file's convention text may be read from, nearest first."""
    remembered = _remembered
    if remembered is None:
        return _text_folders(rules_path)
    key = rules_path.parent if rules_path.name else rules_path
    found = remembered.get(key)
    if found is None:
        found = remembered[key] = _text_folders(rules_path)
    return found


def _text_folders(rules_path: Path) -> tuple[Path, ...]:
    folder = _resolve(rules_path.parent if rules_path.name else rules_path) or rules_path.parent
    configured = _configured(folder)
    if configured is not None:
        return configured
    root = project_root(folder)
    found = []
    for base in (folder, *folder.parents):
        if (base / "conventions").is_dir():
            found.append(base / "conventions")
        if root is not None and base == root:
            break
    return tuple(found)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def find_text(rules_path: Path, name: str) -> tuple[Path | None, Refusal | None]:
    """The convention text ``name`` of ``rules_path``: ``(path, None)``, ``(None, None)`` when
    no allowed folder has it, or ``(None, refusal)`` when the name may not be read at all."""
    refused = check_name(name)
    if refused is not None:
        return None, refused
    outside = None
    folders = text_folders(rules_path)
    for folder in folders:
        candidate = folder / name
        if not inside(candidate, folder):
            outside = outside or candidate
            continue
        if _regular(candidate):
            return _resolve(candidate), None
        if candidate.exists():
            return None, Refusal(tr("`{name}` is not a regular file", name=_short(name)))
    if outside is not None:
        where = ", ".join(_shown(f) for f in folders)
        return None, Refusal(tr("`{name}` is outside the project's conventions folder ({folders})",
                                name=_short(name), folders=where),
                             tr("put the text in the conventions folder and name it relative to it"))
    return None, None


def confine_project_path(owner: Path, name: str) -> tuple[Path | None, Refusal | None]:
    """A path ``name`` written in ``owner`` (a scenario), relative to the owner's folder, which
    must resolve inside the owner's project."""
    refused = check_name(name)
    if refused is not None:
        return None, refused
    folder = owner.parent
    root = project_root(folder) or _resolve(folder.parent) or folder.parent
    candidate = folder / name
    if not inside(candidate, root):
        return None, Refusal(tr("`{name}` is outside the scenario's project ({root})",
                                name=_short(name), root=_shown(root)),
                             tr("name a file of the project, relative to the scenario file"))
    tidy = Path(os.path.normpath(candidate))
    return (tidy if _resolve(tidy) == _resolve(candidate) else candidate), None


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
