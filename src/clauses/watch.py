"""``--watch``: run a command again each time one of its inputs changes (watchfiles).

``clauses lint --watch`` and ``clauses check --watch`` run once, then wait for a change
to a clause file, a convention text, an event log, a scenario or the configuration under
the paths they read, and run again, until Ctrl-C (which exits 130, as any interrupted
command). Changes are debounced (an editor's save that writes three times is one run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from clauses.i18n import Plural, tr, trn

#: the files whose change can change a result
SUFFIXES = (".clauses", ".txt", ".csv", ".jsonl", ".ndjson", ".yaml", ".yml", ".xlsx", ".toml")


def watching(folders: int) -> Plural:
    """What the watcher says while it waits."""
    return trn("watching {n} folder for changes (Ctrl-C to stop)", "watching {n} folders for changes (Ctrl-C to stop)",
               folders)


def targets(paths: Iterable[Path]) -> list[Path]:
    """What to watch for ``paths``: folders as they are; for a file, its folder (editors save by
    replacing the file, which a watch on the file alone would lose); and the ``conventions/``
    folders and ``pyproject.toml`` beside or above them (convention texts, configuration)."""
    found: dict[Path, None] = {}
    for path in paths:
        path = Path(path).resolve()
        folder = path if path.is_dir() else path.parent
        if folder.exists():
            found[folder] = None
        for base in (folder, *folder.parents[:3]):
            for extra in (base / "conventions", base / "pyproject.toml"):
                if extra.exists():
                    found[extra if extra.is_dir() else extra.parent] = None
    # a folder inside another watched one is watched already (recursively)
    kept = [p for p in found if not any(p != q and q in p.parents for q in found)]
    return sorted(kept)


def _relevant(change, path: str) -> bool:
    name = Path(path).name
    return name.endswith(SUFFIXES) and not name.startswith((".", "~")) and ".cache" not in Path(path).parts


#: how long the watcher waits before its first (empty) round, which tells it is in place
_READY_MS = 100


def watch_loop(paths: Iterable[Path], run: Callable[[], int], echo: Callable[[str], None], *,
               stop_event=None, debounce_ms: int = 300) -> int:
    """Run ``run()`` now and after every relevant change under ``paths``; when ``stop_event`` is
    set, return the last run's exit code (Ctrl-C raises ``KeyboardInterrupt``)."""
    import watchfiles

    ready = False
    watched = targets(paths)
    code = run()
    # "watching" is said once the watcher is in place (its first timeout comes after it is set up:
    # a change made after the message is never missed); changes made while ``run()`` runs are kept
    # by the watcher for the next round
    for changes in watchfiles.watch(*watched, watch_filter=_relevant, debounce=debounce_ms,
                                    stop_event=stop_event, rust_timeout=_READY_MS, yield_on_timeout=True):
        if not changes:
            if not ready:
                ready = True
                echo(watching(len(watched)))
            continue
        names = ", ".join(sorted({Path(p).name for _, p in changes}))
        echo(tr("— {time} changed: {names} —", time=dt.datetime.now().strftime("%H:%M:%S"), names=names))
        code = run()
        ready = True
        echo(watching(len(watched)))
    return code


def rerun(ctx, command) -> Callable[[], int]:
    """A function running the typer ``command`` again with the parameters of ``ctx`` (without
    ``--watch``), returning its exit code instead of exiting."""
    import typer

    params = {**ctx.params, "watch": False, "ctx": ctx}

    def run() -> int:
        try:
            ctx.invoke(command, **params)
        except typer.Exit as done:   # click's Exit with a typer < 0.20, typer's own since
            return done.exit_code
        except typer.Abort:
            return 1
        except Exception as err:  # a usage error (a bad --as-of...): said, and watched again
            if hasattr(err, "show") and isinstance(getattr(err, "exit_code", None), int):
                err.show()
                return err.exit_code
            raise
        return 0

    return run
