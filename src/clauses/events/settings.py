"""How a register is read: column and value mapping, date order, sheet, limits.

Settings come from ``[tool.clauses.register]`` (and ``[tool.clauses.limits]``)
in the nearest ``pyproject.toml``, or from a mapping file given with
``clauses check --mapping FILE`` (the same keys at its top level, or under
``[register]`` and ``[limits]``), and from the convention itself (its parties'
full names map to their ids)::

    [tool.clauses.register]
    columns = { "Date d'envoi" = "date", "Nature du courrier" = "event" }
    dates = "day-first"        # auto (default), iso, day-first, month-first
    sheet = "Courriers 2023"   # the worksheet to read
    via = { "Chronopost" = "registered" }
    parties = { "Ville de Mons" = "ville", "123 456 789 00012" = "h2p" }

Anything wrong is a :class:`clauses.lint.config.ConfigError` (the CLI exits 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from clauses.events.mapping import CHANNELS, HEADERS, VIA, normalise, party_key
from clauses.events.model import FIELDS
from clauses.files import Limits, limits as current_limits
from clauses.i18n import tr

DATE_ORDERS = ("auto", "iso", "day-first", "month-first")
KEYS = ("columns", "dates", "sheet", "via", "parties")
#: fields a column may be mapped to besides the fixed ones (understood by the checker)
UNDERSTOOD = ("received", "representatives", "value", "period")


class _Error(Exception):
    pass


def _config_error(message: str) -> Exception:
    from clauses.lint.config import ConfigError

    return ConfigError(message)


@dataclass(frozen=True)
class RegisterSettings:
    """What :func:`clauses.events.read_events` needs to read a register as staff export it."""

    columns: dict[str, str] = field(default_factory=lambda: dict(HEADERS))   # normalised header -> field
    via: dict[str, str] = field(default_factory=lambda: dict(VIA))           # normalised value -> channel
    parties: dict[str, str] = field(default_factory=dict)                   # party_key(name) -> party id
    dates: str = "auto"
    sheet: str | None = None
    limits: Limits | None = None     # None: the limits of the process (clauses.files.limits())

    @property
    def bounds(self) -> Limits:
        return self.limits or current_limits()

    def field_of(self, header: str) -> str:
        """The field a header or key names (itself, stripped, when it is none of ours)."""
        stripped = header.strip()
        return self.columns.get(normalise(stripped), stripped)

    def channel(self, value: str) -> str:
        return self.via.get(normalise(value), value.lower())

    def party(self, value: str) -> str:
        return self.parties.get(party_key(value), value) if self.parties else value

    def with_parties(self, parties: Iterable[tuple[str, str]]) -> "RegisterSettings":
        """Add (full name, id) pairs; the settings' own mapping wins over names."""
        names = {party_key(name): pid for name, pid in parties if party_key(name)}
        return replace(self, parties={**names, **self.parties})


DEFAULT_SETTINGS = RegisterSettings()


def _table(value: Any, key: str, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise _config_error(tr("{where}: `{key}` must be a table of text, e.g. {key} = {{ \"Nature\" = \"event\" }}",
                               where=where, key=key))
    return value


def from_tables(register: Any, limits: Any, where: str) -> RegisterSettings:
    """Settings from a ``register`` table and a ``limits`` table (either may be None)."""
    settings = RegisterSettings()
    if limits is not None:
        try:
            settings = replace(settings, limits=Limits.from_table(limits, where))
        except ValueError as err:
            raise _config_error(str(err))
    if register is None:
        return settings
    if not isinstance(register, dict):
        raise _config_error(tr("{where}: [tool.clauses.register] must be a table", where=where))
    unknown = sorted(set(register) - set(KEYS))
    if unknown:
        raise _config_error(tr("{where}: unknown key {keys} in the register settings; known keys: {known}",
                               where=where, keys=", ".join(f"`{k}`" for k in unknown), known=", ".join(KEYS)))
    columns = dict(settings.columns)
    targets = set(FIELDS) | set(UNDERSTOOD)
    for header, target in _table(register.get("columns", {}), "columns", where).items():
        if target not in targets:
            hint = next((t for t in targets if normalise(t) == normalise(target)), None)
            raise _config_error(tr("{where}: column `{header}` is mapped to `{target}`, which is not a field{hint}; "
                                   "fields: {fields}", where=where, header=header, target=target,
                                   hint=f" (did you mean `{hint}`?)" if hint else "",
                                   fields=", ".join(FIELDS + UNDERSTOOD)))
        columns[normalise(header)] = target
    via = dict(settings.via)
    for spelling, channel in _table(register.get("via", {}), "via", where).items():
        if channel not in CHANNELS:
            raise _config_error(tr("{where}: `{spelling}` is mapped to the channel `{channel}`, which does not "
                                   "exist; channels: {channels}", where=where, spelling=spelling, channel=channel,
                                   channels=", ".join(CHANNELS)))
        via[normalise(spelling)] = channel
    parties = {party_key(k): v.strip() for k, v in _table(register.get("parties", {}), "parties", where).items()}
    dates = register.get("dates", "auto")
    if dates not in DATE_ORDERS:
        raise _config_error(tr("{where}: `dates` must be one of {orders}, not {value!r}",
                               where=where, orders=", ".join(DATE_ORDERS), value=dates))
    sheet = register.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise _config_error(tr("{where}: `sheet` must be the name of a worksheet", where=where))
    return replace(settings, columns=columns, via=via, parties=parties, dates=dates, sheet=sheet)


def read_mapping_file(path: Path) -> RegisterSettings:
    """A mapping file: the register keys at the top level (or under ``[register]``), limits under ``[limits]``."""
    import tomllib

    where = str(path)
    from clauses.files import Refused, read_regular

    try:
        data = tomllib.loads(read_regular(path, "mapping file", 1024 * 1024).decode("utf-8-sig"))
    except Refused as err:
        raise _config_error(err.message)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise _config_error(tr("{where}: not valid TOML: {reason}", where=where, reason=str(err)))
    register = data.get("register", {k: v for k, v in data.items() if k != "limits"})
    tool = data.get("tool", {}).get("clauses") if isinstance(data.get("tool"), dict) else None
    if isinstance(tool, dict):
        return from_tables(tool.get("register"), tool.get("limits"), where)
    return from_tables(register, data.get("limits"), where)


def register_settings(convention: Any = None, mapping: Path | None = None, config: Any = None,
                      dates: str | None = None) -> RegisterSettings:
    """The settings for checking a register against ``convention``.

    ``mapping`` (a file) wins over ``config`` (a :class:`clauses.lint.config.Config`, whose
    ``register``/``limits`` tables are read); ``dates`` (the command line) wins over both.
    """
    if mapping is not None:
        settings = read_mapping_file(mapping)
    elif config is not None and (getattr(config, "register", None) is not None
                                 or getattr(config, "limits", None) is not None):
        settings = from_tables(config.register, config.limits, str(config.origin))
    else:
        settings = RegisterSettings()
    if dates is not None:
        if dates not in DATE_ORDERS:
            raise _config_error(tr("--dates must be one of {orders}, not {value!r}",
                                   orders=", ".join(DATE_ORDERS), value=dates))
        settings = replace(settings, dates=dates)
    if convention is not None:
        settings = settings.with_parties((p.name, p.id) for p in convention.parties)
    return settings
