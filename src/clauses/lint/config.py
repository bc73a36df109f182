"""``clauses lint`` configuration: ``[tool.clauses]`` in ``pyproject.toml``.

The configuration is found by walking up from the current directory to the
first ``pyproject.toml`` that has a ``[tool.clauses]`` table (a
``pyproject.toml`` without one is skipped, as ruff does); ``--config FILE``
names it instead (any TOML file with a ``[tool.clauses]`` table, or a bare
``clauses.toml``-style file whose top level holds the keys). Keys::

    [tool.clauses]
    paths = ["rules"]                 # linted when no PATHS are given (relative to this file)
    conventions = ["conventions"]     # the only folders convention texts are read from (clauses.confine)
    select = ["T", "X001"]            # codes or family prefixes; default: every code
    ignore = ["D00", "M002"]          # codes or family prefixes
    severity = { X001 = "error", T = "warning" }   # error, warning or info

A code is reported when the longest selector that matches it (in ``select``
or ``ignore``) comes from ``select``; when none matches, it is reported if
``select`` is empty. ``F`` (files) and ``S`` (syntax) codes are always
reported at error level: a file that cannot be read or parsed was not checked,
and hiding that would let it pass. Anything wrong in the configuration is a
:class:`ConfigError` (the CLI exits 2 with its message).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

from clauses.codes import CODES, Severity
from clauses.i18n import tr

#: Families whose codes can be neither ignored, suppressed nor downgraded.
PROTECTED_FAMILIES = ("F", "S")
KEYS = ("paths", "select", "ignore", "severity", "conventions", "register", "limits")  # register, limits: clauses.events.settings
_SELECTOR = re.compile(r"^[A-Z][0-9]{0,3}$")


class ConfigError(Exception):
    """The configuration cannot be used; the message says where and why."""


def known_codes() -> dict:
    """Every code: the pipeline's and the registered checks' (importing the checks registers them)."""
    from clauses import checks  # noqa: F401

    return CODES


def protected(code: str) -> bool:
    return code.startswith(PROTECTED_FAMILIES)


def _matches(selector: str, code: str) -> bool:
    return code.startswith(selector)


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    paths: tuple[Path, ...] = ()
    conventions: tuple[Path, ...] = ()   # folders convention texts may be read from (clauses.confine)
    origin: Path | None = None      # the file the configuration was read from
    register: Any = None            # [tool.clauses.register], read by clauses.events.settings
    limits: Any = None              # [tool.clauses.limits], read by clauses.files

    def enabled(self, code: str) -> bool:
        if protected(code):
            return True
        best_select = max((len(s) for s in self.select if _matches(s, code)), default=-1)
        best_ignore = max((len(s) for s in self.ignore if _matches(s, code)), default=-1)
        if best_select < 0 and best_ignore < 0:
            return not self.select
        return best_select > best_ignore

    def severity_of(self, code: str, default: Severity) -> Severity:
        if protected(code):
            return default
        best = max((s for s in self.severity if _matches(s, code)), key=len, default=None)
        return self.severity[best] if best is not None else default

    def with_cli(self, select: Iterable[str] | None, ignore: Iterable[str] | None) -> "Config":
        """``--select`` replaces ``select``; ``--ignore`` adds to ``ignore``. Validated like the file."""
        where = "the command line"
        new = self
        if select:
            new = replace(new, select=_selectors(_split(select), "--select", where))
        if ignore:
            new = replace(new, ignore=new.ignore + _selectors(_split(ignore), "--ignore", where))
        return new


def _split(values: Iterable[str]) -> list[str]:
    """``--select T,X001 --select D`` → ``["T", "X001", "D"]``."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _families(codes: Iterable[str]) -> str:
    return ", ".join(sorted({c[0] for c in codes}))


def _selectors(values: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise ConfigError(tr("{where}: `{key}` must be a list of codes, e.g. {key} = [\"T\", \"X001\"]",
                             where=where, key=key))
    codes = known_codes()
    out = []
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(tr("{where}: `{key}` must list codes as strings, not {value}", where=where, key=key,
                                 value=repr(value)))
        check_selector(value, key, where, codes)
        if key in ("ignore", "--ignore") and protected(value):
            raise ConfigError(tr("{where}: `{key}` cannot name `{value}`: file and syntax errors (F, S) are "
                                 "always reported, since a file that cannot be read or parsed was not checked",
                                 where=where, key=key, value=value))
        out.append(value)
    return tuple(out)


def check_selector(value: str, key: str, where: str, codes: Mapping | None = None) -> None:
    codes = codes if codes is not None else known_codes()
    if _SELECTOR.match(value) and any(c.startswith(value) for c in codes):
        return
    if _SELECTOR.match(value.upper()) and any(c.startswith(value.upper()) for c in codes):
        raise ConfigError(tr("{where}: unknown code or family `{value}` in `{key}` (did you mean `{upper}`?); "
                             "known families: {families} (`clauses rules` lists every code)", where=where,
                             value=value, key=key, upper=value.upper(), families=_families(codes)))
    raise ConfigError(tr("{where}: unknown code or family `{value}` in `{key}`; known families: {families} "
                         "(`clauses rules` lists every code)", where=where, value=value, key=key,
                         families=_families(codes)))


def _severities(value: Any, where: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(tr("{where}: `severity` must be a table, e.g. severity = {{ X001 = \"error\" }}",
                             where=where))
    codes = known_codes()
    out: dict[str, Severity] = {}
    allowed = ", ".join(s.value for s in Severity)
    for code, level in value.items():
        check_selector(code, "severity", where, codes)
        if protected(code):
            raise ConfigError(tr("{where}: the severity of `{code}` cannot be changed: file and syntax errors "
                                 "(F, S) are always errors", where=where, code=code))
        if not isinstance(level, str) or level not in {s.value for s in Severity}:
            raise ConfigError(tr("{where}: severity of `{code}` must be one of {allowed}, not {level}", where=where,
                                 code=code, allowed=allowed, level=repr(level)))
        out[code] = Severity(level)
    return out


def _paths(value: Any, base: Path, where: str, key: str = "paths", example: str = "rules") -> tuple[Path, ...]:
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(tr("{where}: `{key}` must be a list of paths, e.g. {key} = [\"{example}\"]", where=where,
                             key=key, example=example))
    return tuple(_display(base / v) for v in value)


def _display(path: Path) -> Path:
    """A path relative to the current directory when it is below it (how users and SARIF want it)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def from_table(table: Any, origin: Path) -> Config:
    where = str(_display(origin))
    if not isinstance(table, dict):
        raise ConfigError(tr("{where}: [tool.clauses] must be a table", where=where))
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        names, known = ", ".join(f"`{k}`" for k in unknown), ", ".join(KEYS)
        raise ConfigError(tr("{where}: unknown key {keys} in [tool.clauses]; known keys: {known}", where=where,
                             keys=names, known=known) if len(unknown) == 1 else
                          tr("{where}: unknown keys {keys} in [tool.clauses]; known keys: {known}", where=where,
                             keys=names, known=known))
    return Config(
        select=_selectors(table.get("select", []), "select", where),
        ignore=_selectors(table.get("ignore", []), "ignore", where),
        severity=_severities(table.get("severity", {}), where),
        paths=_paths(table.get("paths", []), origin.parent, where),
        conventions=_paths(table.get("conventions", []), origin.parent, where, "conventions", "conventions"),
        origin=origin,
        register=table.get("register"),
        limits=table.get("limits"),
    )


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(tr("{path}: configuration file not found", path=str(path)))
    except OSError as err:
        raise ConfigError(tr("{path}: cannot read the configuration: {reason}", path=str(path),
                             reason=err.strerror or str(err)))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(tr("{path}: not valid TOML: {reason}", path=str(path), reason=str(err)))


def _tool_table(data: dict) -> Any:
    tool = data.get("tool")
    return tool.get("clauses") if isinstance(tool, dict) else None


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``pyproject.toml`` with a ``[tool.clauses]`` table, from ``start`` (the cwd) upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            try:
                if _tool_table(_read(path)) is not None:
                    return path
            except ConfigError:
                # a broken pyproject.toml on the way up is only an error if it is ours
                if "[tool.clauses]" in path.read_text(encoding="utf-8", errors="replace"):
                    return path
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """The configuration named by ``--config``, else the one found from ``start``, else the defaults."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Config()
    data = _read(path)
    table = _tool_table(data)
    if table is None:
        if path.name == "pyproject.toml" or "tool" in data:
            raise ConfigError(tr("{path}: no [tool.clauses] table", path=str(path)))
        table = data  # a dedicated file: the keys at the top level
    return from_table(table, path)
