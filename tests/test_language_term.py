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



# ------------------------------------------------------------------ suspension (force majeure)
SUSPENSION = """langue fr.
convention "Essai" signée à "Lyon" le 2025-01-02.
partie a "A".
partie b "B".
événement demande "demande".
événement paiement "paiement".
événement force_majeure "survenance d'un cas de force majeure".
événement fin_force_majeure "fin du cas de force majeure".
événement résiliation "résiliation".
durée article 1 : 2 ans à compter du 2025-01-02 sans renouvellement.
obligation payer article 5 : a doit paiement dans un délai de 30 jours à compter de demande.
obligation préavis article 6 : a doit paiement au moins 1 mois avant le terme.
suspension fm article 14 : pendant force_majeure jusqu'à fin_force_majeure{scope}.
pouvoir résilier article 14 : chaque partie peut résiliation
  si durée entre force_majeure et fin_force_majeure plus de 3 mois.
"""


def act(date: str, name: str, by: str) -> Event:
    return Event(date=dt.date.fromisoformat(date), event=name, by=(by,), origin="log.csv:1", row=1)


def suspension_findings(events, as_of: str, scope: str = ""):
    conv = model(SUSPENSION.format(scope=scope), header="")
    findings, _ = evaluate(conv, events, dt.date.fromisoformat(as_of), 60)
    return findings


def test_suspension_model_in_both_languages() -> None:
    fr = model(SUSPENSION.format(scope=" des obligations payer"), header="")
    clause = fr.clause("fm")
    assert (clause.start, clause.end, clause.duties) == ("force_majeure", "fin_force_majeure", ("payer",))
    en = model('language en.\nconvention "T".\nparty a "A".\nevent fm_start "s".\nevent fm_end "e".\n'
               "event pay \"p\".\nevent ask \"a\".\nduty payer article 5: a must pay within 30 days from ask.\n"
               "suspension fm article 14: during fm_start until fm_end for duties payer.\n", header="")
    assert en.clause("fm").duties == ("payer",) and en.clause("fm").end == "fm_end"


def test_a_limit_stops_running_during_the_suspension_and_resumes() -> None:
    events = [act("2025-03-03", "demande", "b"), act("2025-03-20", "force_majeure", "a"),
              act("2025-04-10", "fin_force_majeure", "a"), act("2025-05-01", "paiement", "a")]
    payer = next(f for f in suspension_findings(events, "2025-06-01") if f.clause == "payer")
    # demande Mon 2025-03-03 + 30 days = Wed 2025-04-02 (CPC art. 641); force majeure from
    # 2025-03-20 to 2025-04-10 stopped it for 21 days: 2025-04-02 + 21 = Wed 2025-04-23.
    # Payment on 2025-05-01: 8 days late.
    assert payer.status is Status.BREACH and payer.due == dt.date(2025, 4, 23)
    assert any("21 days added" in line for line in payer.explanation)


def test_a_suspension_moved_onto_a_weekend_is_extended() -> None:
    events = [act("2025-03-03", "demande", "b"), act("2025-03-20", "force_majeure", "a"),
              act("2025-04-13", "fin_force_majeure", "a")]
    payer = next(f for f in suspension_findings(events, "2025-06-01") if f.clause == "payer")
    # 2025-04-02 + 24 days (2025-03-20 → 2025-04-13) = Sat 2025-04-26 → Mon 2025-04-28 (CPC art. 642)
    assert payer.due == dt.date(2025, 4, 28)


def test_a_limit_suspended_still_is_pending_with_no_due_date() -> None:
    events = [act("2025-06-02", "demande", "b"), act("2025-06-10", "force_majeure", "a")]
    payer = next(f for f in suspension_findings(events, "2025-09-01") if f.clause == "payer")
    # 2025-06-02 + 30 days = 2025-07-02 would be past on 2025-09-01, but the limit stopped on 2025-06-10
    assert payer.status is Status.PENDING and payer.due is None
    assert "suspended since 2025-06-10" in payer.message


def test_a_limit_that_ran_out_before_the_situation_is_not_suspended() -> None:
    events = [act("2025-03-03", "demande", "b"), act("2025-04-20", "force_majeure", "a"),
              act("2025-05-10", "fin_force_majeure", "a")]
    payer = next(f for f in suspension_findings(events, "2025-06-01") if f.clause == "payer")
    assert payer.status is Status.BREACH and payer.due == dt.date(2025, 4, 2)


def test_suspension_restricted_to_named_duties_and_never_to_backward_notices() -> None:
    events = [act("2025-03-03", "demande", "b"), act("2025-03-20", "force_majeure", "a"),
              act("2025-04-10", "fin_force_majeure", "a")]
    findings = suspension_findings(events, "2025-06-01", scope=" des obligations préavis")
    payer = next(f for f in findings if f.clause == "payer")
    assert payer.due == dt.date(2025, 4, 2)       # not in the suspension's scope
    notice = next(f for f in findings if f.clause == "préavis")
    assert notice.due == dt.date(2026, 12, 2)     # term end 2027-01-02 - 1 month, a backward notice: unchanged


def test_a_power_that_depends_on_how_long_the_situation_lasts() -> None:
    events = [act("2025-06-10", "force_majeure", "a"), act("2025-08-01", "résiliation", "b"),
              act("2025-09-20", "résiliation", "a")]
    powers = [f for f in suspension_findings(events, "2025-10-01") if f.clause == "résilier"]
    by = {f.parties: f.status for f in powers}
    # force majeure since 2025-06-10, still running: 3 months later is 2025-09-10.
    # b's termination on 2025-08-01 (1 month 22 days) is premature; a's on 2025-09-20 is valid.
    assert by[("b",)] is Status.BREACH
    assert by[("a",)] is not Status.BREACH


def test_unknown_duty_in_a_suspension_scope() -> None:
    _, diagnostics = load(SUSPENSION.format(scope=" des obligations payr"), header="")
    found = [d for d in diagnostics if d.code == "N003"]
    assert found and "did you mean `payer`" in (found[0].hint or "")
