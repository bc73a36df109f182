"""Limits without a number (issue 10 item 3): due as soon as the trigger happens, reported as
pending and due now, never a breach by themselves and never dropped; a reading gives days."""

from __future__ import annotations

import pytest

from clauses.findings import Status
from clauses.language import model as m
from langa_helpers import convention, diagnostics, findings, of

HEAD = '''langue fr.
convention "T" signée à "Aix" le 2024-01-10.
partie a "A".
partie b "B".
événement signalement "s".
événement réparation "r".
événement demande "d".
événement fin_mission "fm".
durée article 1 : 2 ans à compter du 2024-01-10 sans renouvellement.
'''


@pytest.mark.parametrize("fr, en, manner, event", [
    ("sans délai après signalement", "without delay after signalement", "without_delay", "signalement"),
    ("immédiatement après signalement", "immediately after signalement", "immediately", "signalement"),
    ("dans les meilleurs délais après signalement", "as soon as possible after signalement", "promptly",
     "signalement"),
    ("à première demande de demande", "on first demand of demande", "on_demand", "demande"),
    ("dès signalement", "as soon as signalement", "as_soon_as", "signalement"),
    ("à l'issue de fin_mission", "at the end of fin_mission", "at_end", "fin_mission"),
    ("au terme", "at the term end", "at_term", None),
    ("sans délai", "without delay", "without_delay", None),
])
def test_forms_in_french_and_english(fr: str, en: str, manner: str, event: str | None) -> None:
    french = convention(HEAD + f"obligation x article 2 : b doit réparation {fr}.\n")
    english = convention(HEAD.replace("langue fr.", "language en.") + f"duty x article 2 : b must réparation {en}.\n")
    deadline = french.clause("x").deadline
    assert isinstance(deadline, m.Prompt) and (deadline.manner, deadline.event) == (manner, event)
    assert english.clause("x").deadline == deadline


def test_due_now_not_a_breach_and_fulfilled_once_done(tmp_path) -> None:
    conv = convention(HEAD + "obligation x article 2 : b doit réparation sans délai après signalement.\n")
    found = findings(conv, tmp_path, """\
2024-03-05,signalement,a,b,,,SIG-1,,,,
2024-03-20,réparation,b,a,,,REP-1,,,,
2024-05-02,signalement,a,b,,,SIG-2,,,,
""", "2024-06-01")
    done, now = sorted(of(found, "x"), key=lambda f: f.window_start)
    assert done.status is Status.FULFILLED and done.due is None
    # SIG-2 of 2024-05-02, nothing since: pending and due now, 30 days on 2024-06-01
    assert now.status is Status.PENDING and now.extra.get("due_now") is True
    assert "due now" in now.message and "30 days after 2024-05-02" in now.message
    assert not of(found, "x", status=Status.BREACH)



def test_due_now_says_why_the_act_logged_did_not_count(tmp_path) -> None:
    conv = convention(HEAD + "obligation x article 2 : b doit réparation par lettre recommandée sans délai après "
                             "signalement.\n")
    found = findings(conv, tmp_path, """\
2024-03-05,signalement,a,b,,,SIG-1,,,,
2024-03-06,réparation,b,a,,email,REP-1,,,,
""", "2024-04-01")
    (now,) = of(found, "x")
    # the repair was sent by e-mail, not by registered letter: still due now, and the report says why
    assert now.status is Status.PENDING and now.extra.get("due_now") is True
    rejected = [e.reason for e in now.events if not e.counted]
    assert rejected and str(rejected[0]) in now.message

def test_a_reading_gives_it_a_number_of_days(tmp_path) -> None:
    conv = convention(HEAD + 'obligation x article 2 : b doit réparation sans délai après signalement\n'
                             '  lecture 8 jours car "l\'usage de la profession".\n')
    assert conv.clause("x").read_as == m.Duration(amount=8, unit="days")
    assert [r.reason for r in conv.clause("x").readings] == ["l'usage de la profession"]
    found = findings(conv, tmp_path, "2024-03-05,signalement,a,b,,,SIG-1,,,,\n2024-03-20,réparation,b,a,,,REP-1,,,,\n",
                     "2024-06-01")
    # 2024-03-05 + 8 days = Wednesday 2024-03-13; repaired 2024-03-20: 7 days late
    [late] = of(found, "x")
    assert late.status is Status.BREACH and late.due.isoformat() == "2024-03-13"


def test_from_receipt(tmp_path) -> None:
    conv = convention(HEAD + "obligation x article 2 : b doit réparation dès réception de demande\n"
                             '  lecture 15 jours car "x".\n')
    found = findings(conv, tmp_path, "2024-03-01,demande,a,b,,lrar,D-1,,,,2024-03-04\n", "2024-06-01")
    # received 2024-03-04 + 15 days = Tuesday 2024-03-19
    assert of(found, "x")[0].due.isoformat() == "2024-03-19"


def test_at_the_term_end_is_due_on_the_term_end_and_not_discharged_by_it(tmp_path) -> None:
    conv = convention(HEAD + "obligation x article 2 : b doit réparation au terme.\n")
    # term: 2 years from 2024-01-10 -> ends 2026-01-10
    [pending] = of(findings(conv, tmp_path, "", "2024-06-01"), "x")
    assert pending.status is Status.PENDING and pending.due.isoformat() == "2026-01-10"
    [breach] = of(findings(conv, tmp_path, "", "2026-02-01"), "x")
    assert breach.status is Status.BREACH


def test_without_a_trigger_it_runs_from_the_start_and_is_discharged_after_the_end(tmp_path) -> None:
    conv = convention(HEAD + "obligation x article 2 : b doit réparation immédiatement.\n")
    [now] = of(findings(conv, tmp_path, "", "2024-02-01"), "x")
    assert now.status is Status.PENDING and now.window_start.isoformat() == "2024-01-10"
    [gone] = of(findings(conv, tmp_path, "", "2026-02-01"), "x")
    assert gone.status is Status.DISCHARGED


def test_a_limit_without_a_number_is_a_time_limit_for_lint() -> None:
    codes = [d.code for d in diagnostics(HEAD + "obligation x article 2 : b doit réparation sans délai.\n")]
    assert "V013" not in codes
