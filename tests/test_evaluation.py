"""The evaluation engine on small conventions written for each rule.

Each test states the clause, the events and the verdict worked out by hand
(the date arithmetic is written next to the assertion).
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

HEADER = """
convention "Essai" signée à "Lyon" le 2023-01-02.
partie a "Alpha" rôle "bailleur" coordonnateur.
partie b "Beta" rôle "association".
événement rapport "rapport".
événement réunion "réunion".
événement convocation "convocation".
événement demande "demande".
événement réponse "réponse".
événement manquement "manquement".
événement mise_en_demeure "mise en demeure".
événement résiliation "résiliation".
événement retrait "retrait".
événement divulgation "divulgation".
événement accord "accord écrit".
événement bulletin "bulletin".
événement décision "décision".
"""


def convention(body: str, term: str = "durée article 1 : 2 ans à compter du 2023-01-02 sans renouvellement."):
    result = load_source(SourceText("t.clauses", HEADER + term + "\n" + body))
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    assert not errors, errors
    return result.convention


def ev(date: str, name: str, by: str = "", row: int = 1, **kw) -> Event:
    fields = {k: v for k, v in kw.items() if k in ("to", "subject", "via", "id", "ref")}
    attrs = {k: v for k, v in kw.items() if k not in fields}
    if "to" in fields:
        fields["to"] = tuple(fields["to"].split(";"))
    return Event(date=dt.date.fromisoformat(date), event=name, by=tuple(by.split(";")) if by else (),
                 attrs=attrs, origin=f"log.csv:{row}", row=row, **fields)


def run(conv, events, as_of, horizon=60):
    findings, _ = evaluate(conv, events, dt.date.fromisoformat(as_of), horizon)
    return findings


def only(findings, clause, party=None):
    found = [f for f in findings if f.clause == clause and (party is None or party in f.parties)]
    assert found, f"no finding for {clause}"
    return found


BEFORE_TERM = """
obligation préavis article 2 :
  chaque partie doit rapport envers l'autre partie
  au moins 3 mois avant le terme.
"""


class TestBeforeTerm:
    # term: 2023-01-02 + 2 years = 2025-01-02; minus 3 months = 2024-10-02 (backward, no extension)
    def test_due_date_is_counted_back_from_the_term(self):
        findings = run(convention(BEFORE_TERM), [], "2024-01-01")
        assert {f.due for f in only(findings, "préavis")} == {dt.date(2024, 10, 2)}

    def test_pending_then_upcoming_then_breach(self):
        conv = convention(BEFORE_TERM)
        assert only(run(conv, [], "2024-01-01"), "préavis", "a")[0].status is Status.PENDING
        assert only(run(conv, [], "2024-09-01"), "préavis", "a")[0].status is Status.UPCOMING
        assert only(run(conv, [], "2024-10-03"), "préavis", "a")[0].status is Status.BREACH

    def test_on_time_by_one_party_only(self):
        findings = run(convention(BEFORE_TERM), [ev("2024-10-02", "rapport", "a")], "2024-11-01")
        assert only(findings, "préavis", "a")[0].status is Status.FULFILLED
        assert only(findings, "préavis", "b")[0].status is Status.BREACH

    def test_late_event_is_a_breach_with_the_delay(self):
        finding = only(run(convention(BEFORE_TERM), [ev("2024-10-05", "rapport", "a")], "2024-11-01"),
                       "préavis", "a")[0]
        assert finding.status is Status.BREACH
        assert "3 days after the deadline of 2024-10-02" in finding.message

    def test_explanation_says_backward_limits_are_not_extended(self):
        finding = only(run(convention(BEFORE_TERM), [], "2024-01-01"), "préavis", "a")[0]
        assert any("642" in line for line in finding.explanation)


class TestChannel:
    RULE = """
obligation avis article 2 :
  chaque partie doit rapport
  au moins 3 mois avant le terme
  par LRAR.
"""

    def test_wrong_channel_does_not_count_and_is_reported(self):
        finding = only(run(convention(self.RULE), [ev("2024-09-01", "rapport", "a", via="email")], "2024-11-01"),
                       "avis", "a")[0]
        assert finding.status is Status.BREACH
        assert "email" in finding.message and "LRAR" in finding.message
        assert finding.events[0].counted is False

    def test_lrar_counts(self):
        finding = only(run(convention(self.RULE), [ev("2024-09-01", "rapport", "a", via="lrar")], "2024-11-01"),
                       "avis", "a")[0]
        assert finding.status is Status.FULFILLED

    def test_registered_letter_does_not_satisfy_lrar(self):
        finding = only(run(convention(self.RULE), [ev("2024-09-01", "rapport", "a", via="registered")],
                           "2024-11-01"), "avis", "a")[0]
        assert finding.status is Status.BREACH


class TestAfterEvent:
    RULE = """
obligation répondre article 2 :
  les autres parties doivent réponse
  dans un délai de 15 jours à compter de la réception de demande.
"""

    def test_counted_from_receipt_with_holiday_extension(self):
        # received Tue 2024-04-16 + 15 days = Wed 2024-05-01 (Fête du Travail) -> Thu 2024-05-02 (art. 642)
        events = [ev("2024-04-12", "demande", "a", id="d1", received="2024-04-16")]
        finding = only(run(convention(self.RULE), events, "2024-04-20"), "répondre")[0]
        assert finding.parties == ("b",)          # the other party than the requester
        assert finding.due == dt.date(2024, 5, 2)
        assert any("Fête du Travail" in line for line in finding.explanation)

    def test_without_receipt_counts_from_sending(self):
        # sent Mon 2023-10-02 + 15 days = Tue 2023-10-17 (worked example 1)
        finding = only(run(convention(self.RULE), [ev("2023-10-02", "demande", "a")], "2023-10-03"), "répondre")[0]
        assert finding.due == dt.date(2023, 10, 17)
        assert any("CPC art. 668" in line for line in finding.explanation)

    def test_reply_linked_by_ref(self):
        events = [ev("2023-10-02", "demande", "a", id="d1"), ev("2023-10-10", "réponse", "b", ref="d1", row=2)]
        finding = only(run(convention(self.RULE), events, "2023-11-01"), "répondre")[0]
        assert finding.status is Status.FULFILLED


class TestClearDaysLookBack:
    RULE = """
obligation convoquer article 2 :
  a doit convocation envers b
  au moins 5 jours francs avant chaque réunion
  par courriel.
"""

    def test_worked_example_8(self):
        # meeting Thu 2024-10-10, 5 clear days -> send by Fri 2024-10-04
        events = [ev("2024-10-05", "convocation", "a", via="email"), ev("2024-10-10", "réunion", "a;b", row=2)]
        finding = only(run(convention(self.RULE), events, "2024-10-11"), "convoquer")[0]
        assert finding.due == dt.date(2024, 10, 4)
        assert finding.status is Status.BREACH

    def test_planned_meeting_makes_the_convocation_upcoming(self):
        events = [ev("2024-11-18", "réunion", "a;b")]
        finding = only(run(convention(self.RULE), events, "2024-11-01"), "convoquer")[0]
        assert finding.status is Status.UPCOMING
        assert finding.due == dt.date(2024, 11, 12)   # 18 - (5 + 1)

    def test_convocation_to_the_wrong_party_does_not_count(self):
        events = [ev("2024-10-01", "convocation", "a", via="email", to="x"), ev("2024-10-10", "réunion", "a;b", row=2)]
        finding = only(run(convention(self.RULE), events, "2024-10-11"), "convoquer")[0]
        assert finding.status is Status.BREACH
        assert "addressed to x" in finding.events[0].reason


class TestRecurring:
    def rule(self, anchoring):
        return f"""
obligation réunir article 2 :
  les parties doivent réunion
  au moins 2 fois par an
  {anchoring}.
"""

    def test_calendar_years_with_pro_rata_first_year(self):
        # calendar: 2023-01-02..2023-12-31 (364 of 365 days): ceil(2 * 364/365) = 2 required
        conv = convention(self.rule("périodes civiles"))
        findings = only(run(conv, [ev("2023-03-01", "réunion", "a")], "2024-02-01"), "réunir")
        first = next(f for f in findings if f.window_start == dt.date(2023, 1, 2))
        assert first.status is Status.BREACH and first.extra == {"required": 2, "counted": 1}
        current = next(f for f in findings if f.window_start == dt.date(2024, 1, 1))
        assert current.status is Status.PENDING

    def test_periods_from_the_start(self):
        conv = convention(self.rule("périodes à compter du début"))
        events = [ev("2023-03-01", "réunion", "a"), ev("2024-01-01", "réunion", "b", row=2)]
        findings = only(run(conv, events, "2024-02-01"), "réunir")
        first = next(f for f in findings if f.window_start == dt.date(2023, 1, 2))
        # the first year runs 2023-01-02..2024-01-01: both meetings count
        assert first.due == dt.date(2024, 1, 1)
        assert first.status is Status.FULFILLED

    def test_periods_after_the_end_are_not_generated(self):
        # the term ends 2025-01-02: the calendar year 2025 straddles the end; 2026 is not generated
        conv = convention(self.rule("périodes civiles"))
        findings = only(run(conv, [], "2026-06-01"), "réunir")
        assert max(f.window_start for f in findings) == dt.date(2025, 1, 1)
        last = next(f for f in findings if f.window_start == dt.date(2025, 1, 1))
        assert last.status is Status.DISCHARGED   # what it requires after the end never falls due


TERMINATION = """
pouvoir résilier article 3 :
  chaque partie peut résiliation
  si manquement
  après mise_en_demeure par LRAR restée sans effet pendant 15 jours
  met fin à la convention.
"""


class TestPowers:
    def test_termination_before_the_formal_notice_ran_out_is_a_breach_without_effect(self):
        # notice Mon 2024-03-04 + 15 days = Tue 2024-03-19: terminating on the 19th is too early
        events = [ev("2024-03-01", "manquement", "b"), ev("2024-03-04", "mise_en_demeure", "a", via="lrar", row=2),
                  ev("2024-03-19", "résiliation", "a", row=3)]
        findings = run(convention(TERMINATION + BEFORE_TERM), events, "2024-11-01")
        power = only(findings, "résilier")[0]
        assert power.status is Status.BREACH and power.parties == ("a",)
        assert "2024-03-19" in power.message
        # no effect: the convention still runs, so the notice duty is breached, not discharged
        assert only(findings, "préavis", "a")[0].status is Status.BREACH

    def test_valid_termination_discharges_what_comes_after(self):
        events = [ev("2024-03-01", "manquement", "b"), ev("2024-03-04", "mise_en_demeure", "a", via="lrar", row=2),
                  ev("2024-03-20", "résiliation", "a", row=3)]
        findings = run(convention(TERMINATION + BEFORE_TERM), events, "2024-11-01")
        assert only(findings, "résilier")[0].status is Status.FULFILLED
        assert only(findings, "préavis", "a")[0].status is Status.DISCHARGED
        term = only(findings, "term")[0]
        assert term.status is Status.DISCHARGED and term.due == dt.date(2024, 3, 20)

    def test_formal_notice_by_email_does_not_count(self):
        events = [ev("2024-03-01", "manquement", "b"), ev("2024-03-04", "mise_en_demeure", "a", via="email", row=2),
                  ev("2024-04-20", "résiliation", "a", row=3)]
        power = only(run(convention(TERMINATION), events, "2024-11-01"), "résilier")[0]
        assert power.status is Status.BREACH and "email" in power.message

    def test_missing_breach_condition(self):
        events = [ev("2024-03-04", "mise_en_demeure", "a", via="lrar"), ev("2024-04-20", "résiliation", "a", row=2)]
        power = only(run(convention(TERMINATION), events, "2024-11-01"), "résilier")[0]
        assert power.status is Status.BREACH and "manquement" in power.message


WITHDRAWAL_TERM = ("durée article 1 : 1 an à compter du 2023-01-01 renouvellement tacite par périodes de 1 an "
                   "dans la limite de 4 ans.")
WITHDRAWAL = """
pouvoir partir article 4 :
  chaque partie peut retrait par LRAR envers a
  au moins 3 mois avant la reconduction
  jamais pendant la première année
  effet à la reconduction
  retire la partie.
obligation rendre_compte article 5 :
  chaque partie doit rapport
  au moins 1 fois par an
  périodes civiles.
"""


class TestWithdrawal:
    def test_notice_in_the_first_year_is_a_breach(self):
        findings = run(convention(WITHDRAWAL, WITHDRAWAL_TERM), [ev("2023-09-01", "retrait", "b", via="lrar")],
                       "2023-12-01")
        power = only(findings, "partir")[0]
        assert power.status is Status.BREACH and "first year" in power.message

    def test_late_notice_is_a_breach(self):
        # renewal 2025-01-01 - 3 months = 2024-10-01: a notice on 2024-10-02 is late
        power = only(run(convention(WITHDRAWAL, WITHDRAWAL_TERM), [ev("2024-10-02", "retrait", "b", via="lrar")],
                         "2024-12-01"), "partir")[0]
        assert power.status is Status.BREACH and "2024-10-01" in power.message

    def test_valid_withdrawal_discharges_the_partys_later_duties(self):
        events = [ev("2024-06-01", "retrait", "b", via="lrar"), ev("2024-03-01", "rapport", "b", row=2)]
        findings = run(convention(WITHDRAWAL, WITHDRAWAL_TERM), events, "2025-06-01")
        assert only(findings, "partir")[0].status is Status.FULFILLED
        b_2025 = [f for f in only(findings, "rendre_compte", "b") if f.window_start == dt.date(2025, 1, 1)]
        assert b_2025 and b_2025[0].status is Status.DISCHARGED
        a_2025 = [f for f in only(findings, "rendre_compte", "a") if f.window_start == dt.date(2025, 1, 1)]
        assert a_2025[0].status is Status.PENDING


class TestProhibition:
    RULE = """
interdiction secret article 6 :
  chaque partie ne doit pas divulgation
  sauf accord de l'autre partie.
"""

    def test_without_consent_is_a_breach(self):
        findings = run(convention(self.RULE), [ev("2023-05-01", "divulgation", "a", to="Journal")], "2023-06-01")
        assert only(findings, "secret")[0].status is Status.BREACH

    def test_consent_of_the_other_party_permits(self):
        events = [ev("2023-04-01", "accord", "b"), ev("2023-05-01", "divulgation", "a", row=2)]
        assert only(run(convention(self.RULE), events, "2023-06-01"), "secret")[0].status is Status.FULFILLED

    def test_own_consent_does_not_count(self):
        events = [ev("2023-04-01", "accord", "a"), ev("2023-05-01", "divulgation", "a", row=2)]
        assert only(run(convention(self.RULE), events, "2023-06-01"), "secret")[0].status is Status.BREACH


VOTE = """
partie c "Gamma" rôle "membre".
partie d "Delta" rôle "membre".
vote choix article 7 :
  bulletins bulletin décision décision
  votants a, b, c et d
  à la majorité des membres
  voix prépondérante de a.
"""


class TestVote:
    def ballots(self, values, decision):
        events = [ev("2024-01-10", "bulletin", p, row=i, ref="D1", value=v)
                  for i, (p, v) in enumerate(zip("abcd", values), start=1)]
        return events + [ev("2024-01-12", "décision", "a", row=9, id="D1", value=decision)]

    @pytest.mark.parametrize("values,decision,status", [
        (("pour", "pour", "contre", "contre"), "pour", Status.FULFILLED),     # 2-2, casting vote of a: for
        (("pour", "pour", "contre", "contre"), "contre", Status.BREACH),      # recorded against the tally
        (("contre", "pour", "pour", "contre"), "contre", Status.FULFILLED),   # 2-2, a votes against
        (("pour", "pour", "pour", "contre"), "pour", Status.FULFILLED),
        (("pour", "contre", "contre", "contre"), "pour", Status.BREACH),
    ])
    def test_tally_against_recorded_decision(self, values, decision, status):
        finding = only(run(convention(VOTE), self.ballots(values, decision), "2024-02-01"), "choix")[0]
        assert finding.status is status

    def test_tie_message_names_the_casting_vote(self):
        finding = only(run(convention(VOTE), self.ballots(("pour", "pour", "contre", "contre"), "contre"),
                           "2024-02-01"), "choix")[0]
        assert "casting vote of a" in finding.message


class TestCascadeAndRenewal:
    def test_consequence_ends_a_clause(self):
        body = BEFORE_TERM + """
événement rupture "rupture".
conséquence fin_préavis article 8 : rupture entraîne fin de préavis.
"""
        findings = run(convention(body), [ev("2024-02-01", "rupture", "a")], "2024-11-01")
        assert only(findings, "préavis", "a")[0].status is Status.DISCHARGED

    def test_express_renewal_without_decision_ends_at_the_renewal_date(self):
        term = ("durée article 1 : 1 an à compter du 2023-01-01 renouvellement exprès décidé par le vote choix "
                "par périodes de 1 an dans la limite de 4 ans.")
        findings = run(convention(VOTE, term), [], "2024-06-01")
        term_finding = only(findings, "term")[0]
        assert term_finding.status is Status.DISCHARGED and term_finding.due == dt.date(2024, 1, 1)

    def test_express_renewal_decided_by_the_tally(self):
        term = ("durée article 1 : 1 an à compter du 2023-01-01 renouvellement exprès décidé par le vote choix "
                "par périodes de 1 an dans la limite de 4 ans.")
        events = TestVote().ballots(("pour", "pour", "contre", "contre"), "pour")
        term_finding = only(run(convention(VOTE, term), events, "2024-06-01"), "term")[0]
        # renewed on 2024-01-01 by the 2023 decision? No: the decision is dated 2024-01-12, after the renewal.
        assert term_finding.status is Status.DISCHARGED


def test_events_after_as_of_are_ignored_and_counted():
    conv = convention(BEFORE_TERM)
    findings, ignored = evaluate(conv, [ev("2030-01-01", "rapport", "a")], dt.date(2024, 1, 1), 60)
    assert ignored == 1
    assert all(not f.events for f in findings if f.clause == "préavis")
