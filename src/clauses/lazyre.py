"""Regular expressions compiled when first used, not when their module is imported.

A module of heading or date patterns that compiles a dozen long expressions costs several
milliseconds at each start of ``clauses``, even when the command never matches one (a check whose
rules come from the cache). :func:`compile` returns a stand-in with the methods of
:class:`re.Pattern`; the first call compiles the expression and puts the real pattern's bound
methods on the stand-in, so later calls cost what a compiled pattern's do.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    __slots__ = ("source", "flags", *_METHODS, "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags, self._compiled = source, flags, None

    @property
    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = compiled = re.compile(self.source, self.flags)
            for name in _METHODS:
                setattr(self, name, getattr(compiled, name))
        return self._compiled

    def __getattr__(self, name: str) -> Any:   # only before the first use: then the slots are filled
        if name in _METHODS:
            return getattr(self.compiled, name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"lazyre.compile({self.source!r}, {self.flags!r})"


def compile(source: str, flags: int = 0) -> LazyPattern:   # noqa: A001 - the name of re.compile
    return LazyPattern(source, flags)
