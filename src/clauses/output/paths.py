"""How a report that leaves the machine (the HTML dossier) names the files it was made from.

A dossier is e-mailed: it must not carry the sender's folders (``/home/alice/…``,
a worktree, a temporary folder). The rule, for each path the report names (rules
file, event logs, the files of its diagnostics):

1. a relative path stays as it was given (it is relative to where the command ran);
2. an absolute path below the current directory is shown relative to it — what the
   user would have typed from there;
3. else, below its project's root (the first folder above holding ``pyproject.toml``
   or ``.git``, :func:`clauses.confine.project_root`), relative to that root;
4. else by its name alone.

:func:`hiding` gives a function that applies the rule to every known path inside a
finished text (a message, a location ``file:line:col``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from clauses.confine import project_root


def shown_path(path: str, cwd: Path | None = None) -> str:
    """``path`` as a forwarded report shows it (the rule of this module)."""
    if not path or not os.path.isabs(path):
        return path
    target = Path(os.path.normpath(path))
    here = Path(os.path.normpath(cwd or Path.cwd()))
    for name, base in ((target, here), (_resolved(target), _resolved(here))):   # as given, then links followed
        if name is not None and base is not None and name.is_relative_to(base) and name != base:
            return name.relative_to(base).as_posix()
    resolved = _resolved(target)
    root = project_root(target.parent)
    if resolved is not None and root is not None and resolved.is_relative_to(root) and resolved != root:
        return resolved.relative_to(root).as_posix()
    return target.name


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve(strict=False)
    except (OSError, RuntimeError):   # a symlink loop
        return None


def hiding(paths: Iterable[str], cwd: Path | None = None) -> Callable[[str], str]:
    """A function replacing, in a text, each of ``paths`` that :func:`shown_path` changes by what it shows
    (longest first, so that a path is not rewritten through a shorter one it contains)."""
    pairs = sorted({(p, shown_path(p, cwd)) for p in paths if p and os.path.isabs(p)},
                   key=lambda pair: -len(pair[0]))
    pairs = [(p, s) for p, s in pairs if p != s]
    if not pairs:
        return lambda text: text

    def hide(text: str) -> str:
        for original, shown in pairs:
            text = text.replace(original, shown)
        return text

    return hide
