"""The common row read fast: every value plain text (or, in JSON Lines, a JSON scalar), nothing to report.

:meth:`clauses.events.records._Builder._build` reads any record and says what is wrong with it;
most rows of a register have nothing wrong. :func:`plain_event` builds the event of such a row
with the same conversions, without the per-field bookkeeping that reporting needs, and gives up
(returns None, having reported nothing) at the first value that is not plain or would be
reported: the exact path then reads that row again, so that every diagnostic is the one it
always was, with its ``file:line:col`` (issue 12: 15 -> 7 µs per CSV row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from clauses.events.dates import ISO_ONLY, _BadDate
from clauses.events.model import FIELDS, Event
from clauses.events.records import DATE_FIELDS, _PARTY_FIELDS, _TEXT_FIELDS, _sniff, _table_parties, _when
from clauses.events.validate import check_record

if TYPE_CHECKING:
    from clauses.events.records import _Builder, _Record

_FIELD_SET = frozenset(FIELDS)
_SCALARS = (bool, int, float)


def _parties(value: object, table: bool) -> tuple[str, ...] | None:
    if type(value) is str:   # a cell or YAML/JSON text alike: `;` separates parties
        return _table_parties(value)
    if table or type(value) is not list:
        return None
    items = []
    for item in value:
        if type(item) is not str or not item.strip():
            return None
        items.append(item.strip())
    return tuple(dict.fromkeys(items))


def plain_event(builder: "_Builder", rec: "_Record") -> Event | None:
    """The event of a record that has nothing to report, or None (read it the exact way)."""
    if rec.bad:
        return None
    return plain_values(builder, rec.line, {name: fld.value for name, fld in rec.fields.items()})


def plain_values(builder: "_Builder", line: int, f: dict) -> Event | None:
    """The event of line ``line`` whose fields hold the values ``f``, or None (read it the exact way)."""
    date, name = f.get("date"), f.get("event")
    if type(date) is not str or type(name) is not str:
        return None
    if not date.strip() or not name.strip():
        return None
    values: dict = {}
    orders = builder.orders
    try:
        values["date"], values["time"] = _when(date, orders.get("date", ISO_ONLY))
    except _BadDate:
        return None
    settings = builder.settings
    for key in _TEXT_FIELDS:
        if key in f:
            value = f[key]
            if type(value) is not str:
                return None
            text = value.strip() or None
            if key == "via" and text is not None:
                text = settings.channel(text)
            values[key] = text
    for key in _PARTY_FIELDS:
        if key in f:
            parties = _parties(f[key], builder.table)
            if parties is None:
                return None
            if settings.parties:
                parties = tuple(dict.fromkeys(settings.party(p) for p in parties))
            values[key] = parties
    attrs: dict = {}
    for key, value in f.items():
        if key in _FIELD_SET:
            continue
        if type(value) is str:
            text = value.strip()
            if key in DATE_FIELDS:
                if not text:
                    continue
                try:
                    day, time = _when(value, orders.get(key, ISO_ONLY), key)
                except _BadDate:
                    return None
                attrs[key] = day.isoformat() if time is None else f"{day.isoformat()}T{time.isoformat()}"
                continue
            value = _sniff(text) if builder.table else text
            if value == "":
                continue
        elif value is None:
            continue
        elif builder.table or type(value) not in _SCALARS or key in DATE_FIELDS:
            return None
        attrs[key] = value
    if check_record(values, attrs):
        return None
    try:
        return Event.read(builder.path, line, values["date"], values["time"], values["event"], values.get("by", ()),
                          values.get("to", ()), values.get("subject"), values.get("via"), values.get("id"),
                          values.get("ref"), attrs)
    except Exception:  # the exact path reports it
        return None
