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
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block (also usable as a decorator); nested pauses,
    or a collector already disabled by the caller, are left as they are."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
