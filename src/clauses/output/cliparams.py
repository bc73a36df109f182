"""Command-line values coerced without building pydantic adapters (start-up time).

typer (from 0.2x) coerces every parameter of the command being run through a
pydantic ``TypeAdapter`` that it builds at each run: importing pydantic and
building a dozen adapters cost about 0.15 s of CPU per command, more than the
rest of a cached ``clauses check`` start-up. The parameters of :mod:`clauses.cli` are
plain: text, paths, choices (enums) and lists of them, whose adapters only call
typer's own functions (``coerce_cli_path``, ``coerce_cli_choice``). For those,
:func:`install` makes typer call the same functions directly.

Anything else — another type, a custom parser, a value that is absent or of an
unexpected type, a value these functions refuse — goes through typer's own
adapter, built then (lazily), so that every accepted value is the one typer would
give and every error message is typer's. With a typer that has no such adapters
(older versions), nothing is changed. ``tests/test_cli_params.py`` compares both
paths on every parameter of every command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Callable, get_args, get_origin

#: "this value is not for the direct path": typer's adapter decides
_DEFER = object()


def _leaf(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    """A direct coercion of one value of ``annotation``, or None (typer's adapter for every value)."""
    from typer import _param_types as pt

    if info.parser is not None:
        return None
    if annotation is str:
        return lambda value, param, ctx: value if type(value) is str else _DEFER
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(annotation)
        return lambda value, param, ctx: pt.coerce_cli_choice(value, choices=choices,
                                                              case_sensitive=info.case_sensitive, ctx=ctx)
    if annotation is Path and info.path_type in (None, Path) and pt.routes_to_path(annotation, info):
        def path(value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is not str:
                return _DEFER
            return pt.coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        return path
    return None


def _direct(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    if get_origin(annotation) is list:
        args = get_args(annotation)
        item = _leaf(args[0], info) if len(args) == 1 else None
        if item is None:
            return None

        def items(value: Any, param: Any, ctx: Any) -> Any:
            values = value if isinstance(value, (list, tuple)) else [value]
            out = [item(v, param, ctx) for v in values]
            return _DEFER if any(v is _DEFER for v in out) else out
        return items
    return _leaf(annotation, info)


def install() -> None:
    """Let typer coerce the plain parameters directly (idempotent; nothing on a typer without adapters)."""
    try:
        from typer import _coercion, core
    except ImportError:  # pragma: no cover - a typer without the adapter layer
        return
    cls = getattr(core, "_TyperParameter", None)
    base = getattr(_coercion, "RuntimeParam", None)
    if cls is None or base is None or getattr(cls, "_clauses_direct", False) or not hasattr(cls, "get_runtime_param"):
        return

    @dataclass(frozen=True)
    class DirectParam(base):  # type: ignore[misc, valid-type]
        descriptor: Any = None
        direct: Any = None
        deferred: list = field(default_factory=list)   # typer's own runtime parameter, built on first need

        def _typer(self) -> Any:
            if not self.deferred:
                self.deferred.append(_coercion.build_runtime_param(self.descriptor))
            return self.deferred[0]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.direct is not None:
                try:
                    out = self.direct(value, param, ctx)
                except Exception:   # refused: typer's adapter gives its own message
                    out = _DEFER
                if out is not _DEFER:
                    return out
            return self._typer()._coerce_value(value, param, ctx)

    original = cls.get_runtime_param

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            descriptor = self.type_descriptor
            if descriptor.file_annotation is not None:
                return original(self)
            self._runtime_param = DirectParam(parameter_info=descriptor.parameter_info,
                                              annotation=descriptor.annotation, descriptor=descriptor,
                                              direct=_direct(descriptor.annotation, descriptor.parameter_info))
        return self._runtime_param

    cls.get_runtime_param = get_runtime_param
    cls._clauses_direct = True
