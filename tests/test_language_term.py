"""The term as texts write it (issue 10, item 7): `du … au …` inclusive, in force from the
signature before the activity's own dates, unlimited duration, extensions decided by an
event within a total cap ("12 mois, prolongations incluses").

Every date is worked out by hand from the clause, in the comment next to the assertion.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clauses.codes import Severity
from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status
from clauses.language.load import load_source
from clauses.language.source import SourceText

HEADER_FR = """langue fr.
convention "Stage" signée à "Lyon" le 2025-03-10.
partie ecole "École".
partie org "Organisme d'accueil".
événement avenant "avenant de prolongation".
événement attestation "attestation de stage".
"""
HEADER_EN = """language en.
convention "Internship" signed at "Lyon" on 2025-03-10.
party ecole "School".
party org "Host".
event avenant "extension amendment".
event attestation "internship certificate".
"""


def load(text: str, header: str = HEADER_FR):
    result = load_source(SourceText("t.clauses", header + text))
    return result.convention, result.diagnostics


def model(text: str, header: str = HEADER_FR):
    conv, diagnostics = load(text, header)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    assert not errors, [d.message for d in errors]
    return conv


def ev(date: str, name: str, **attrs) -> Event:
    return Event(date=dt.date.fromisoformat(date), event=name, by=("ecole", "org"), attrs=attrs,
                 origin="log.csv:1", row=1)


def term_finding(conv, events, as_of: str):
    findings, _ = evaluate(conv, events, dt.date.fromisoformat(as_of), 60)
    return next(f for f in findings if f.kind == "term")


# ------------------------------------------------------------------ du … au … (inclusive)
def test_span_gives_the_start_and_the_inclusive_last_day() -> None:
    conv = model("durée article 3 : du 2025-04-01 au 2025-08-29.\n")
    assert conv.term.start.date == dt.date(2025, 4, 1)
    assert conv.term.last_day == dt.date(2025, 8, 29)


def test_english_span_means_the_same() -> None:
    fr = model("durée article 3 : du 2025-04-01 au 2025-08-29 prolongée par avenant de 2 mois "
               "dans la limite de 12 mois.\n")
    en = model("term article 3: from 2025-04-01 to 2025-08-29 extended by avenant by 2 months up to 12 months.\n",
               HEADER_EN)
    assert fr.term == en.term


def test_last_day_is_in_force_and_the_next_day_is_not() -> None:
    conv = model("durée article 3 : du 2025-04-01 au 2025-08-29.\n")
    # last day 2025-08-29 inclusive: in force through that day, the term ends at the start of 2025-08-30
    on_last_day = term_finding(conv, [], "2025-08-29")
    assert on_last_day.status is Status.UPCOMING and on_last_day.due == dt.date(2025, 8, 30)
    assert "in force until 2025-08-29" in on_last_day.message
    assert any("2025-08-29 inclusive" in line for line in on_last_day.explanation)
    after = term_finding(conv, [], "2025-08-30")
    assert after.status is Status.DISCHARGED


def test_duty_before_the_term_counts_back_from_the_day_after_the_last() -> None:
    conv = model("durée article 3 : du 2025-04-01 au 2025-08-29.\n"
                 "obligation attestation article 3 : org doit attestation au moins 1 mois avant le terme.\n")
    findings, _ = evaluate(conv, [], dt.date(2025, 8, 1), 60)
    duty = next(f for f in findings if f.clause == "attestation")
    # term end (first day out of force) 2025-08-30 - 1 month = 2025-07-30 (backward, never extended)
    assert duty.status is Status.BREACH and duty.due == dt.date(2025, 7, 30)


def test_span_and_a_duration_state_the_start_twice() -> None:
    _, diagnostics = load("durée article 3 : du 2025-04-01 au 2025-08-29 1 an à compter du 2025-04-01.\n")
    assert [d.code for d in diagnostics if d.severity is Severity.ERROR] == ["V012"]


def test_span_and_an_end_date_state_the_end_twice() -> None:
    _, diagnostics = load("durée article 3 : du 2025-04-01 au 2025-08-29 jusqu'au 2025-08-30.\n")
    assert [d.code for d in diagnostics if d.severity is Severity.ERROR] == ["V012"]


def test_last_day_before_first_day_is_reported() -> None:
    _, diagnostics = load("durée article 3 : du 2025-08-29 au 2025-04-01.\n")
    found = [d for d in diagnostics if d.code == "V002"]
    assert found and "before its first day" in found[0].message and found[0].span.line == 7


# ------------------------------------------------------------------ in force from the signature
def test_in_force_at_signature_while_the_activity_runs_later() -> None:
    conv = model("durée article 3 : du 2025-04-01 au 2025-08-29 entrée en vigueur à la signature.\n"
                 "obligation attestation article 3 : org doit attestation au plus tard le 2025-03-31.\n")
    findings, _ = evaluate(conv, [ev("2025-03-20", "attestation")], dt.date(2025, 4, 15), 60)
    duty = next(f for f in findings if f.clause == "attestation")
    # signed 2025-03-10, in force from then: an act of 2025-03-20 (before the activity's
    # first day, 2025-04-01) counts, and is on time for 2025-03-31
    assert duty.status is Status.FULFILLED and duty.window_start == dt.date(2025, 3, 10)
    term = next(f for f in findings if f.kind == "term")
    assert term.due == dt.date(2025, 8, 30)     # the end still counts from the activity's dates
    assert any("in force from 2025-03-10" in line for line in term.explanation)


# ------------------------------------------------------------------ unlimited duration
def test_unlimited_term_has_no_end() -> None:
    conv = model("durée article 2 : durée indéterminée.\n")
    assert conv.term.unlimited
    en = model("term article 2: indefinite.\n", HEADER_EN)
    assert en.term == conv.term
    finding = term_finding(conv, [], "2030-01-01")
    assert finding.status is Status.PENDING and finding.due is None
    assert finding.message == "the convention is concluded for an unlimited duration"


def test_duty_before_the_end_of_an_unlimited_term_is_reported() -> None:
    _, diagnostics = load("durée article 2 : durée indéterminée.\n"
                          "obligation attestation article 2 : org doit attestation au moins 1 mois avant le terme.\n")
    found = [d for d in diagnostics if d.code == "V003"]
    assert found and "unlimited duration" in found[0].message


# ------------------------------------------------------------------ extensions within a cap
EXTENDED = "durée article 3 : du 2025-04-01 au 2025-08-29 prolongée par avenant dans la limite de 12 mois.\n"


def test_extension_to_the_date_the_avenant_records() -> None:
    conv = model(EXTENDED)
    # avenant of 2025-08-20 (before the last day 2025-08-29) extends to 2025-12-31 inclusive:
    # the term ends at the start of 2026-01-01
    finding = term_finding(conv, [ev("2025-08-20", "avenant", until="2025-12-31")], "2025-12-15")
    assert finding.due == dt.date(2026, 1, 1) and finding.status is Status.UPCOMING
    assert any("extends the term to 2025-12-31 inclusive" in line for line in finding.explanation)


def test_extension_is_capped_extensions_included() -> None:
    conv = model(EXTENDED)
    # cap: 12 months from the start 2025-04-01 = 2026-04-01 (CPC art. 641): last day 2026-03-31.
    # The second avenant (2025-12-01) asks for 2026-06-30: capped at 2026-04-01.
    events = [ev("2025-08-20", "avenant", until="2025-12-31"), ev("2025-12-01", "avenant", until="2026-06-30")]
    finding = term_finding(conv, events, "2026-03-01")
    assert finding.due == dt.date(2026, 4, 1)
    assert any("past its cap of 12 months" in line and "2026-03-31" in line for line in finding.explanation)


def test_extension_after_the_term_ended_extends_nothing() -> None:
    conv = model(EXTENDED)
    # the term ended with 2025-08-29; an avenant of 2025-09-02 comes too late
    finding = term_finding(conv, [ev("2025-09-02", "avenant", until="2025-12-31")], "2025-10-01")
    assert finding.status is Status.DISCHARGED and finding.due == dt.date(2025, 8, 30)
    assert any("extends nothing" in line for line in finding.explanation)


def test_extension_by_a_stated_step() -> None:
    conv = model("durée article 3 : du 2025-04-01 au 2025-08-29 prolongée par avenant de 2 mois "
                 "dans la limite de 6 mois.\n")
    # cap: 2025-04-01 + 6 months = 2025-10-01 (last day in force 2025-09-30).
    # first avenant (2025-08-01): 2025-08-30 + 2 months = 2025-10-30, past the cap: ends 2025-10-01;
    # second (2025-09-15, while in force): the term already reaches its cap, nothing moves.
    events = [ev("2025-08-01", "avenant"), ev("2025-09-15", "avenant")]
    finding = term_finding(conv, events, "2025-09-20")
    assert finding.due == dt.date(2025, 10, 1)
    lines = " ".join(finding.explanation)
    assert "past its cap of 6 months" in lines and "already reaches its cap" in lines


def test_extension_without_a_new_date_is_explained() -> None:
    conv = model(EXTENDED)
    finding = term_finding(conv, [ev("2025-08-20", "avenant")], "2025-08-25")
    assert finding.due == dt.date(2025, 8, 30)
    assert any("records no new last day" in line for line in finding.explanation)


def test_unknown_extension_event_is_a_name_error() -> None:
    _, diagnostics = load("durée article 3 : du 2025-04-01 au 2025-08-29 prolongée par avenent.\n")
    found = [d for d in diagnostics if d.code == "N002"]
    assert found and "did you mean `avenant`" in (found[0].hint or "")


@pytest.mark.parametrize("text", [
    "durée article 3 : du 2025-04-01 au 2025-08-29 prorogée par avenant de 15 jours.\n",
    "durée article 3 : du 2025-04-01 au 2025-08-29 reportée par avenant.\n",
])
def test_extension_spellings(text: str) -> None:
    assert model(text).term.extensions[0].event == "avenant"

