"""Findings worked out when read (issue 12): a finding's message (``Finding.later``), explanation
(``Lines``) and derivation (``Derived``) agree with the eager values they stand for, and the report's
order that reads a message only to break a tie agrees with the order that reads every one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from clauses.findings import Derived, EventNote, Finding, Lines, Status
from clauses.i18n import tr
from clauses.output.report import CheckReport, _finding_key, render_json, render_text, sorted_findings
from clauses.timelimits import Calendar, Region, Unit, _extend, _extension, forward

PROFILE = settings(max_examples=150, deadline=None)

NOTE = EventNote("e1", date(2024, 1, 2), "avis", True, tr("on time{unverified}", unverified=""))


def _pair(**fields) -> tuple[Finding, Finding]:
    """The same finding made eagerly and worked out when read."""
    message = fields.pop("message")
    lines = tuple(fields.pop("explanation"))
    derivation = forward(date(2024, 1, 2), 10, Unit.DAYS, calendar=Calendar.for_region(Region.METROPOLE),
                         anchor_label=tr("{event} of {date}", event="avis", date=date(2024, 1, 2))).derivation
    eager = Finding(message=message, explanation=lines, derivation=derivation.to_json(), **fields)
    lazy = Finding.later(lambda: message, explanation=Lines(lambda: list(lines)), derivation=Derived(derivation),
                         **fields)
    return eager, lazy


def _fields(status: Status = Status.FULFILLED, message: str = "done", due: date | None = date(2024, 1, 12)) -> dict:
    return dict(status=status, clause="c", kind="duty", article="7", parties=("a",), due=due,
                message=tr("{m} on {d}", m=message, d=date(2024, 1, 3)), window_start=date(2024, 1, 2),
                events=(NOTE,), explanation=(tr("line {n}", n=1), "two"))


def test_later_reads_as_the_eager_finding() -> None:
    eager, lazy = _pair(**_fields())
    assert lazy.message == eager.message and lazy.message.template == eager.message.template
    assert lazy == eager
    assert lazy.to_json() == eager.to_json()
    assert json.dumps(lazy.to_json(), sort_keys=True) == json.dumps(eager.to_json(), sort_keys=True)
    assert repr(lazy) == repr(eager)


def test_later_pickles_and_replaces_as_the_eager_finding() -> None:
    eager, lazy = _pair(**_fields())
    back = pickle.loads(pickle.dumps(lazy))
    assert back == eager and back.to_json() == eager.to_json()
    assert type(back.explanation) is tuple and type(back.derivation) is dict
    _, lazy = _pair(**_fields())
    moved = dataclasses.replace(lazy, status=Status.BREACH)
    assert moved.message == eager.message and moved.status is Status.BREACH


def test_a_finding_without_the_attribute_still_says_so() -> None:
    _, lazy = _pair(**_fields())
    try:
        lazy.nothing  # noqa: B018
    except AttributeError as err:
        assert "nothing" in str(err)
    else:  # pragma: no cover
        raise AssertionError("no AttributeError")


@PROFILE
@given(st.lists(st.text(max_size=3)), st.lists(st.text(max_size=3)))
def test_lines_behave_as_the_tuple(first: list[str], more: list[str]) -> None:
    lines = Lines(lambda: first)
    assert lines == tuple(first) and tuple(lines) == tuple(first) and len(lines) == len(first)
    assert bool(lines) == bool(first) and list(lines) == first
    assert lines + tuple(more) == tuple(first + more)
    assert tuple(more) + lines == tuple(more + first)
    assert more + Lines(lambda: first) == tuple(more + first)
    if first:
        assert lines[0] == first[0] and lines[-1] == first[-1]
    assert pickle.loads(pickle.dumps(lines)) == tuple(first)


def test_derived_behaves_as_the_dict() -> None:
    derivation = forward(date(2024, 3, 29), 1, Unit.DAYS, calendar=Calendar.for_region(Region.METROPOLE)).derivation
    data = derivation.to_json()
    derived = Derived(derivation)
    assert derived == data and dict(derived) == data and derived["result"] == data["result"]
    assert pickle.loads(pickle.dumps(derived)) == data


STATUSES = st.sampled_from(list(Status))
DUES = st.sampled_from([None, date(2024, 1, 1), date(2024, 1, 2)])
WORDS = st.sampled_from(["b", "a", "c", "a b"])


@PROFILE
@given(st.lists(st.tuples(STATUSES, DUES, WORDS, st.booleans()), max_size=25))
def test_report_order_reads_messages_only_to_break_ties(rows) -> None:
    """Many findings that tie on everything but the message: the order is the one that compares
    every message, and the text and JSON reports are those of the eager findings."""
    eager, lazy = [], []
    for status, due, word, later in rows:
        e, z = _pair(**_fields(status, word, due))
        eager.append(e)
        lazy.append(z if later else e)
    report = CheckReport("t", "r", "l", date(2024, 6, 1), 60, tuple(lazy), (), 1, 0)
    exact = CheckReport("t", "r", "l", date(2024, 6, 1), 60, tuple(eager), (), 1, 0)
    assert sorted_findings(report) == sorted(eager, key=_finding_key)
    for explain in (False, True):
        assert render_text(report, explain=explain) == render_text(exact, explain=explain)
    assert json.dumps(render_json(report), sort_keys=True) == json.dumps(render_json(exact), sort_keys=True)


@PROFILE
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)), st.sampled_from(list(Region)))
def test_memoised_extension_agrees_with_the_computation(day: date, region: Region) -> None:
    """CPC art. 642 steps and non-working reasons read from the calendar's memo, as computed afresh."""
    cal = Calendar.for_region(region)
    for d in (day, day + timedelta(days=1)):
        assert _extend(d, cal) == _extension(d, cal)
        assert _extend(d, cal) == _extension(d, cal)   # the memo's answer
        assert cal.non_working_reason(d) == cal._non_working_reason(d)


# ------------------------------------------------------------------ Finding.deferred: all but the keys
DEFERRED_FIELDS = ("message", "events", "explanation", "derivation", "extra")


def _deferred_pair(calls: list[int] | None = None) -> tuple[Finding, Finding]:
    """The same finding made eagerly and with everything but its keys worked out when read."""
    fields = _fields()
    derivation = forward(date(2024, 1, 2), 10, Unit.DAYS, calendar=Calendar.for_region(Region.METROPOLE),
                         anchor_label="avis").derivation
    rest = {"message": fields.pop("message"), "events": fields.pop("events"),
            "explanation": tuple(fields.pop("explanation")), "derivation": derivation.to_json(),
            "extra": {"code": "X"}}
    eager = Finding(**fields, **rest)

    def make() -> dict:
        if calls is not None:
            calls.append(1)
        return {**rest, "explanation": Lines(lambda: list(rest["explanation"])), "derivation": Derived(derivation)}

    keys = [fields.pop(k) for k in ("status", "clause", "kind", "article", "parties", "due")]
    return eager, Finding.deferred(make, *keys, **fields)


def test_deferred_reads_as_the_eager_finding_whichever_field_is_read_first() -> None:
    for first in DEFERRED_FIELDS:
        calls: list[int] = []
        eager, lazy = _deferred_pair(calls)
        assert (lazy.status, lazy.clause, lazy.due, lazy.sort_key()) == (eager.status, eager.clause, eager.due,
                                                                           eager.sort_key())
        assert calls == []                          # ordering and grouping read none of the rest
        assert getattr(lazy, first) == getattr(eager, first)
        assert calls == [1]                          # every deferred field worked out at once, once
        assert lazy == eager and lazy.to_json() == eager.to_json() and repr(lazy) == repr(eager)
        assert calls == [1]


def test_deferred_pickles_and_replaces_as_the_eager_finding() -> None:
    eager, lazy = _deferred_pair()
    back = pickle.loads(pickle.dumps(lazy))
    assert back == eager and back.to_json() == eager.to_json()
    eager, lazy = _deferred_pair()
    moved = dataclasses.replace(lazy, status=Status.BREACH)
    assert moved.message == eager.message and moved.events == eager.events and moved.status is Status.BREACH


def test_deferred_rest_as_a_function_and_its_arguments() -> None:
    """The lean form a long log's findings use: ``(function, *arguments)``, called once, when first read."""
    calls: list[tuple] = []

    def rest(message: str, code: str) -> dict:
        calls.append((message, code))
        return {"message": message, "extra": {"code": code}}

    lazy = Finding.deferred((rest, "done", "X"), Status.FULFILLED, "c", "duty", "1", ("a",), date(2024, 1, 2))
    assert lazy.sort_key() == Finding(Status.FULFILLED, "c", "duty", "1", ("a",), date(2024, 1, 2), "").sort_key()
    assert calls == []
    assert (lazy.extra, lazy.message, lazy.events) == ({"code": "X"}, "done", ())
    assert calls == [("done", "X")]
    assert pickle.loads(pickle.dumps(lazy)) == Finding(Status.FULFILLED, "c", "duty", "1", ("a",), date(2024, 1, 2),
                                                       "done", extra={"code": "X"})


_MADE: list[str] = []


def _rest_of(message: str, code: str) -> dict:
    """A deferred finding's rest, at module level: a portfolio's worker pickles it as it is."""
    _MADE.append(message)
    return {"message": message, "extra": {"code": code}}


def test_a_deferred_finding_is_pickled_still_deferred() -> None:
    """A worker sends its report back without working out its fulfilled findings (the parent's text report
    reads a few of them); the finding unpickled reads as the eager one, worked out there, once."""
    _MADE.clear()
    lazy = Finding.deferred((_rest_of, "done", "X"), Status.FULFILLED, "c", "duty", "1", ("a",), date(2024, 1, 2),
                            window_start=date(2024, 1, 1))
    data = pickle.dumps(lazy)
    assert _MADE == []                                   # pickling worked nothing out
    back = pickle.loads(data)
    assert (back.status, back.clause, back.parties, back.due, back.window_start) == (
        Status.FULFILLED, "c", ("a",), date(2024, 1, 2), date(2024, 1, 1))
    assert _MADE == []
    assert back == Finding(Status.FULFILLED, "c", "duty", "1", ("a",), date(2024, 1, 2), "done",
                           window_start=date(2024, 1, 1), extra={"code": "X"})
    assert _MADE == ["done"]
    assert pickle.loads(pickle.dumps(back)) == back      # worked out: pickled with every field


def test_deferred_fields_left_out_keep_their_defaults() -> None:
    lazy = Finding.deferred(lambda: {"message": "m"}, Status.FULFILLED, "c", "duty", "1", (), None)
    assert (lazy.message, lazy.events, lazy.explanation, lazy.derivation, lazy.extra) == ("m", (), (), None, {})
    with_later = Finding.later(lambda: "n", Status.FULFILLED, "c", "duty", "1", (), None)
    assert with_later.message == "n" and with_later.events == ()


def test_a_text_report_of_a_long_log_works_out_no_fulfilled_finding(tmp_path) -> None:
    """The point of deferring: a text report counts the fulfilled findings of a long log without working
    out their sentences, notes, explanations or derivations; JSON then gives every one of them in full."""
    import sys

    from clauses.api import check
    from clauses.output.report import render_json
    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    out = tmp_path / "portfolio"
    generate.generate(out, conventions=1, events=400, master=0)
    entry = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["entries"][0]
    report = check(out / entry["rules"], [out / entry["logs"]["csv"]], as_of=dt.date.fromisoformat(entry["as_of"]))
    fulfilled = [f for f in report.findings if f.status is Status.FULFILLED]
    deferred = [f for f in fulfilled if object.__getattribute__(f, "_rest") is not None]
    assert len(deferred) > 0.9 * len(fulfilled) > 20
    render_text(report)
    assert all(object.__getattribute__(f, "_rest") is not None for f in deferred)
    data = render_json(report)
    assert sum(1 for f in data["findings"] if f["status"] == "fulfilled") == len(fulfilled)
    assert all(f["message"] and f["event_notes"] for f in data["findings"] if f["status"] == "fulfilled")


def _generated_report(tmp_path, seed: str, events: int = 600):
    import sys

    from clauses.api import check
    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    out = tmp_path / seed
    generate.generate(out, conventions=1, events=events, master=0, formats=("csv",), seeds=(seed,))
    entry = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["entries"][0]
    return check(out / entry["rules"], [out / entry["logs"]["csv"]], as_of=dt.date.fromisoformat(entry["as_of"]))


def test_the_breaches_of_a_long_log_are_worked_out_when_read(tmp_path) -> None:
    """A breach keeps what orders and counts it; its sentence, notes, explanation and derivation are made
    when a report reads them (issue 12: 2.5 KB a breach made at once, 1 KB deferred). Of duties and of
    powers; pickled still deferred (as a worker sends it), both give the same JSON as read here."""
    kinds = set()
    for seed in ("000_pisco_manosque", "004_groupement_mons_en_baroeul"):
        report = _generated_report(tmp_path, seed)
        breaches = [f for f in report.findings if f.status is Status.BREACH]
        deferred = [f for f in breaches if object.__getattribute__(f, "_rest") is not None]
        assert len(deferred) > 0.8 * len(breaches) > 20, seed
        kinds |= {f.kind for f in deferred}
        sent = pickle.loads(pickle.dumps(report))
        assert sum(object.__getattribute__(f, "_rest") is not None for f in sent.findings) >= len(deferred)
        assert json.dumps(render_json(sent), sort_keys=True) == json.dumps(render_json(report), sort_keys=True)
        assert all(f.message for f in deferred)   # worked out by the JSON above
    assert {"duty", "power"} <= kinds
