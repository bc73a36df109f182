"""The evaluation context's indexes (issue 12): each name's events found by date by bisection over the
events themselves (no list of dates beside them), the past sharing the log's list when nothing is after
the as-of date; every search agrees with a plain filter of the log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clauses.evaluation.context import Context
from clauses.events import Event
from clauses.language.load import load

START = dt.date(2024, 1, 1)
NAMES = ("avis", "réponse", "réunion")


def _convention():
    loaded = load(Path(__file__).resolve().parent.parent / "rules" / "000_pisco_manosque.clauses")
    assert loaded.convention is not None, loaded.diagnostics
    return loaded.convention


CONVENTION = _convention()

EVENT = st.tuples(st.integers(0, 60), st.sampled_from(NAMES), st.one_of(st.none(), st.integers(0, 30)))


def _log(rows: list[tuple[int, str, int | None]]) -> list[Event]:
    return [Event(date=START + dt.timedelta(days=day), event=name, id=f"e{i}",
                  ref=None if ref is None else f"e{ref}", origin=f"log.csv:{i + 2}", row=i + 2)
            for i, (day, name, ref) in enumerate(rows)]


@given(st.lists(EVENT, max_size=40), st.integers(0, 70), st.integers(-5, 65), st.integers(-5, 65))
@settings(max_examples=300, deadline=None)
def test_searches_agree_with_a_filter_of_the_log(rows, as_of_day, first, last) -> None:
    events = sorted(_log(rows), key=Event.key)
    as_of = START + dt.timedelta(days=as_of_day)
    ctx = Context.build(CONVENTION, events, as_of, 60)
    past = [e for e in events if e.date <= as_of]
    assert ctx.events == past and ctx.future == [e for e in events if e.date > as_of]
    if len(past) == len(events):
        assert ctx.events is events   # no copy of a log that is all past
    ids = {e.id for e in events}
    start, end = START + dt.timedelta(days=first), START + dt.timedelta(days=last)
    for name in NAMES:
        named = [e for e in past if e.event == name]
        assert list(ctx.between(name, start, end)) == [e for e in named if start <= e.date <= end]
        assert list(ctx.between(name, start)) == [e for e in named if start <= e.date]
        assert list(ctx.between(name, None, end)) == [e for e in named if e.date <= end]
        assert list(ctx.latest_first(name, end)) == [e for e in reversed(named) if e.date <= end]
        unlinked = [e for e in named if not (e.ref and e.ref in ids)]
        assert list(ctx.unlinked_from(name, start)) == [e for e in unlinked if e.date >= start]
        assert list(ctx.unlinked_from(name, None)) == unlinked
