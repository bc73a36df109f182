"""Events checked against a convention: unknown parties and event names."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, Callable, Iterable

from clauses.diagnostics import Diagnostic, shorten
from clauses.events.mapping import CHANNELS
from clauses.events.model import PARTY_ID, Event
from clauses.i18n import tr

#: years a `received` date may have: the checker's calendar (as `--as-of`)
FIRST_YEAR, LAST_YEAR = 1900, 2999
_REPRESENTATIVES = re.compile(r"\s*([^=:;,\s]+)\s*[=:]\s*(\S+?)\s*")

Problem = tuple[str, str, str, str | None]   # code, field, message, hint


def check_record(values: dict[str, Any], attrs: dict[str, Any]) -> list[Problem]:
    """Values a row states that cannot be right on their own: errors (the row is not
    returned) and warnings (``E012``: the row is kept)."""
    out: list[Problem] = []
    via = values.get("via")
    if via is not None and via not in CHANNELS:
        near = difflib.get_close_matches(via, CHANNELS, n=1)
        out.append(("E012", "via", tr("unknown channel `{via}`: no duty counts it as sent by letter, email or hand",
                                      via=shorten(via)),
                    tr("did you mean `{near}`?", near=near[0]) if near else
                    tr("channels: {channels} (or map the word in [tool.clauses.register] via = {{ ... }})",
                       channels=", ".join(CHANNELS))))
    if values.get("ref") is not None and values.get("ref") == values.get("id"):
        out.append(("E010", "ref", tr("event `{id}` answers itself (`ref` is its own id)", id=shorten(values["ref"])),
                    tr("`ref` names the id of the event this one answers")))
    received = attrs.get("received")
    if isinstance(received, str):
        day = dt.date.fromisoformat(received[:10])
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            out.append(("E003", "received", tr("field `received`: {day} is outside the years {first}-{last} this "
                                               "checker evaluates", day=day, first=FIRST_YEAR, last=LAST_YEAR),
                        None))
        elif isinstance(values.get("date"), dt.date) and day < values["date"]:
            out.append(("E003", "received", tr("received on {received}, before it was sent on {sent}",
                                               received=day, sent=values["date"]),
                        tr("`received` is the date the addressee received it, on or after `date`")))
    raw = attrs.get("representatives")
    if raw is not None:
        problem = _representatives(raw)
        if problem:
            out.append(("E010", "representatives", problem,
                        tr("write the number of representatives of each party: h2p=2;fp=1")))
    return out


def _representatives(raw: Any) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, str):
        return tr("field `representatives` is {value}, not a count per party", value=shorten(str(raw)))
    for part in re.split(r"[;,]", raw):
        if not part.strip():
            continue
        m = _REPRESENTATIVES.fullmatch(part)
        if not m:
            return tr("field `representatives`: {part!r} is not `party=number`", part=shorten(part.strip()))
        if not m[2].isdigit() or not m[2].isascii():
            return tr("field `representatives`: the count of {party} is {count!r}, not a whole number",
                      party=shorten(m[1]), count=shorten(m[2]))
    return None


def check_refs(built: Iterable[tuple[Event, Any]], span_of: Any) -> list[Diagnostic]:
    """``ref`` naming no id of the log: a warning each (the answered event may predate the register)."""
    from clauses.events.records import record_of   # records imports this module

    ids = {event.id for event, _ in built if event.id is not None}
    missing = [(event, rec) for event, rec in built if event.ref is not None and event.ref not in ids]
    near = nearest_id(ids, len(missing))
    out = []
    for event, rec in missing:
        found = near(event.ref)
        out.append(Diagnostic.of(
            "E012", tr("`ref` names event `{ref}`, but no event of the log has that id", ref=shorten(event.ref)),
            span_of(record_of(event, rec), "ref"),
            tr("did you mean `{near}`?", near=found) if found else
            tr("give the answered event its id in the `id` column, or leave `ref` empty")))
    return out


#: comparisons (refs to place x ids of the log) within which a ref is compared with every id (``difflib``);
#: beyond, only the ids one edit away are looked up (a register of 20,000 replies to letters before it took
#: minutes, every missing ref compared with every id)
COMPARED_AT_MOST = 2_000_000
#: a ref longer than this gets no suggestion once the ids are too many to compare it with
LONGEST_LOOKED_UP = 64


def nearest_id(ids: set[str], asked: int) -> Callable[[str], str | None]:
    """What ``did you mean`` suggests for a ref that names no id: the closest id by ``difflib``, or, when
    ``asked`` refs times the ids are more than :data:`COMPARED_AT_MOST`, the closest of the ids one edit
    away (a character left out, added, replaced, or two swapped), if any."""
    if not ids or not asked:
        return lambda ref: None
    if len(ids) * asked <= COMPARED_AT_MOST:
        known = sorted(ids)
        return lambda ref: next(iter(difflib.get_close_matches(ref, known, n=1)), None)
    alphabet = sorted(set("".join(ids)))

    def near(ref: str) -> str | None:
        if len(ref) > LONGEST_LOOKED_UP:
            return None
        found = ids.intersection(_one_edit(ref, alphabet))
        if not found:
            return None
        return min(found, key=lambda c: (-difflib.SequenceMatcher(None, ref, c).ratio(), c))

    return near


def _one_edit(word: str, alphabet: list[str]) -> list[str]:
    """Every string one edit from ``word`` (and ``word`` itself): a character left out, added, replaced, or
    two neighbours swapped."""
    out: list[str] = []
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        out += [head + c + tail for c in alphabet]
        if tail:
            rest = tail[1:]
            out += [head + c + rest for c in alphabet]
            out.append(head + rest)
            if rest:
                out.append(head + rest[0] + tail[0] + rest[1:])
    return out


def _close(word: str, known: Iterable[str]) -> str | None:
    known = sorted(set(known))
    lowered = {k.lower(): k for k in known}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return found[0] if found else None


def validate_events(events: Iterable[Event], parties: set[str], event_names: set[str],
                    outsiders_allowed_in_to: bool = True) -> list[Diagnostic]:
    """Warn about unknown party ids (E004) and event names no clause uses (E005).

    In ``to``, a value that is not a known party is reported only when it looks
    like a party id (``^[a-z][a-z0-9_]*$``), since outsiders' names are allowed
    there -- unless ``outsiders_allowed_in_to`` is false. One diagnostic per
    distinct (row, field, value).
    """
    out: list[Diagnostic] = []
    seen: set[tuple[str, int, str, str]] = set()

    def warn(event: Event, code: str, field_name: str, value: str, message: str,
             known: set[str], fallback: str | None = None) -> None:
        key = (event.origin, event.row, field_name, value)
        if key in seen:
            return
        seen.add(key)
        near = _close(value, known)
        hint = _list_hint(value, known) if code == "E004" else None
        hint = hint or (tr("did you mean `{near}`?", near=near) if near else fallback)
        out.append(Diagnostic.of(code, message, event.span(), hint))

    for event in events:
        for party in event.by:
            if party not in parties:
                warn(event, "E004", "by", party, tr("unknown party `{party}` in `by`", party=shorten(party)), parties,
                     _party_hint(party, parties))
        for party in event.to:
            if party in parties:
                continue
            if outsiders_allowed_in_to and not PARTY_ID.match(party):
                continue
            if outsiders_allowed_in_to:
                message = tr("`{party}` in `to` looks like a party id, but no party has it", party=shorten(party))
                fallback = (_list_hint(party, parties) or
                            tr("if it is an outsider, write their name in full "
                               "(e.g. `Cabinet Dupont`): names that look like ids are checked"))
            else:
                message = tr("unknown party `{party}` in `to`", party=shorten(party))
                fallback = _party_hint(party, parties)
            warn(event, "E004", "to", party, message, parties, fallback)
        if event.event not in event_names:
            warn(event, "E005", "event", event.event,
                 tr("no clause uses the event `{event}`", event=shorten(event.event)), event_names)
    return out


def _list_hint(value: str, parties: set[str]) -> str | None:
    if ";" in value:
        pieces = [p.strip() for p in value.split(";") if p.strip()]
        if pieces and all(p in parties for p in pieces):
            return tr("in JSON Lines and YAML, write several parties as a list: [\"a\", \"b\"]")
    return None


def _party_hint(value: str, parties: set[str]) -> str | None:
    hint = _list_hint(value, parties)
    if hint is None and parties:
        hint = tr("known parties: {names}", names=", ".join(sorted(parties)))
    return hint
