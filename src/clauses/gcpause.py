"""Bulk work (reading a log, evaluating it) without the cyclic garbage collector's passes.

Reading and evaluating a log allocate millions of small objects that live until the end
(events, their fields, findings), and almost none of them form reference cycles: what
the collector's passes find is nothing, but each full pass walks every live object, so
that a log of 20k rows spends about a third of its reading time in them (issue 12,
measured with ``gc.disable()``: 50 → 35 µs per CSV row). Objects freed by reference
counting are freed as before; a cycle made meanwhile is collected once the pause ends.
"""

from __future__ import annotations

import gc

# imports nothing else (no functools, contextlib or typing): the ``clauses`` command holds the
# collector with this module before anything else is imported (clauses.__main__)


class paused:
    """No cyclic collection inside the block, ``with paused():``, or inside a function decorated with
    ``@paused()``; nested pauses, or a collector already disabled by the caller, are left as they are."""

    __slots__ = ("_resume",)

    def __init__(self) -> None:
        self._resume = False

    def __enter__(self) -> None:
        self._resume = gc.isenabled()
        if self._resume:
            gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._resume:
            self._resume = False
            gc.enable()

    def __call__(self, function):   # each call its own pause: re-entrant, recursion included
        def without_collector(*args, **kwargs):
            with paused():
                return function(*args, **kwargs)

        for name in ("__module__", "__name__", "__qualname__", "__doc__"):   # functools.wraps, without functools
            setattr(without_collector, name, getattr(function, name, None))
        without_collector.__dict__.update(getattr(function, "__dict__", {}))
        without_collector.__wrapped__ = function   # type: ignore[attr-defined]
        return without_collector


_held = False


def hold() -> None:
    """Pause the collector until :func:`release`: a command's start-up (``clauses.cli.main``), which
    imports its modules and builds their classes — hundreds of thousands of objects, none of them
    garbage — and whose collector passes were about 12 % of the CPU of a cached ``clauses check`` of
    the README's example (``gc.callbacks``, issue 12). A collector the caller disabled is left alone."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """The command's bulk work begins (or it ends): the collector held by :func:`hold` runs again,
    without the objects made meanwhile (``gc.freeze``: the modules, classes and functions of the
    start-up, a few garbage cycles at most, are moved out of its generations; enabling it with them
    inside would make its next pass walk them all, as much as the passes saved)."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
