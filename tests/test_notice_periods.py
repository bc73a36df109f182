"""Effects delayed by a notice period (issue 10, item 7): « la convention peut être dénoncée par
LRAR avec un préavis de trois mois », « moyennant un préavis de six mois, sauf en cas d'urgence ».

The rule (docs/language.md, *Notice periods*): the notice runs from the act (from its receipt
when the clause says so), is counted as CPC art. 641 counts a limit, is never moved by art. 642,
runs out at the end of its last day, and the effect takes place at the start of the next day.
Every date below is worked out by hand in the comment next to the assertion.
"""

from __future__ import annotations

import datetime as dt

from clauses.findings import Status

from langa_helpers import convention, diagnostics, findings, of

D = dt.date.fromisoformat

HEAD = """langue fr.
convention "Convention d'objectifs" signée à "Paris" le 2024-01-02.
partie unaf "UNAF".
partie udaf "UDAF".
événement dénonciation "dénonciation".
événement urgence "situation d'urgence".
événement faute "faute grave".
événement rapport "rapport".
durée article 8 : 2 ans à compter du 2024-01-01 sans renouvellement.
"""
POWER = """pouvoir dénoncer article 8 :
  chaque partie peut dénonciation par LRAR envers l'autre partie
  {notice}
  met fin à la convention.
"""
LOG = "date,event,by,via,received,urgence\n"


def conv(notice: str, more: str = ""):
    return convention(HEAD + POWER.format(notice=notice) + more)


def term(found):
    return next(f for f in found if f.kind == "term")


def test_notice_from_receipt_delays_the_end(tmp_path) -> None:
    c = conv("avec un préavis de 3 mois à compter de sa réception")
    notice = c.clauses[0].notice
    assert notice.duration.amount == 3 and notice.from_receipt
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,2024-03-18,\n", "2024-09-01", LOG)
    # received Mon 2024-03-18; + 3 months (CPC 641, same-numbered day) = Tue 2024-06-18, the notice's
    # last day; the convention ends at the start of Wed 2024-06-19
    t = term(found)
    assert t.status is Status.DISCHARGED and t.due == D("2024-06-19")
    power = of(found, "dénoncer")[0]
    assert power.status is Status.FULFILLED
    assert "ends the convention on 2024-06-19 (in force until 2024-06-18)" in power.message
    assert any("runs out at the end of 2024-06-18" in line for line in power.explanation)


def test_while_the_notice_runs_the_convention_is_in_force(tmp_path) -> None:
    c = conv("avec un préavis de 3 mois à compter de sa réception")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,2024-03-18,\n", "2024-05-01", LOG)
    # as of 2024-05-01 the notice runs until 2024-06-18 inclusive (49 days later: within the 60-day horizon)
    t = term(found)
    assert t.status is Status.UPCOMING and t.due == D("2024-06-19")
    assert "in force until 2024-06-18" in t.message


def test_duties_keep_running_until_the_effect(tmp_path) -> None:
    more = ("obligation avant article 6 : udaf doit rapport envers unaf au plus tard 2024-06-18.\n"
            "obligation après article 7 : udaf doit rapport envers unaf au plus tard 2024-06-19.\n")
    c = conv("avec un préavis de 3 mois à compter de sa réception", more)
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,2024-03-18,\n", "2024-09-01", LOG)
    # due 2024-06-18, the last day in force: still owed, and missed (breach); due 2024-06-19, the
    # first day out of force: no longer due
    assert of(found, "avant")[0].status is Status.BREACH
    assert of(found, "après")[0].status is Status.DISCHARGED


def test_without_a_receipt_date_the_notice_runs_from_the_sending(tmp_path) -> None:
    c = conv("avec un préavis de 3 mois à compter de sa réception")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,,\n", "2024-09-01", LOG)
    # sent Fri 2024-03-15; + 3 months = Sat 2024-06-15: not moved by CPC 642 (a notice is no limit to
    # act in); the effect takes place on Sun 2024-06-16
    assert term(found).due == D("2024-06-16")
    power = of(found, "dénoncer")[0]
    assert any("receipt date not recorded" in line for line in power.explanation)


def test_notice_from_the_act_itself(tmp_path) -> None:
    c = conv("avec un préavis de 15 jours")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,2024-03-18,\n", "2024-09-01", LOG)
    # 2024-03-15 + 15 days (the day of the act not counted) = 2024-03-30; effect 2024-03-31
    assert term(found).due == D("2024-03-31")


def test_emergency_waives_the_notice(tmp_path) -> None:
    c = conv("avec un préavis de 6 mois sauf en cas d'urgence")
    exception = c.clauses[0].notice.exceptions[0]
    assert exception.duration is None and exception.condition.event == "urgence"
    rows = "2024-03-01,urgence,unaf,,,\n2024-03-15,dénonciation,udaf,lrar,,\n"
    found = findings(c, tmp_path, rows, "2024-09-01", LOG)
    # an emergency was logged before the act: no notice, the convention ends on the day of the act
    assert term(found).due == D("2024-03-15")
    assert any("the notice is waived" in line for line in of(found, "dénoncer")[0].explanation)


def test_no_emergency_keeps_the_six_months(tmp_path) -> None:
    c = conv("avec un préavis de 6 mois sauf en cas d'urgence")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,,\n", "2024-12-01", LOG)
    # 2024-03-15 + 6 months = 2024-09-15 (last day); effect 2024-09-16
    assert term(found).due == D("2024-09-16")


def test_an_attribute_of_the_act_can_waive_the_notice(tmp_path) -> None:
    c = conv("avec un préavis de 6 mois sauf si dénonciation.urgence = oui")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,,oui\n", "2024-09-01", LOG)
    assert term(found).due == D("2024-03-15")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,,non\n", "2024-12-01", LOG)
    assert term(found).due == D("2024-09-16")      # 2024-03-15 + 6 months = 2024-09-15, effect the next day


def test_an_unknown_fact_keeps_the_full_notice(tmp_path) -> None:
    c = conv("avec un préavis de 6 mois sauf si dénonciation.urgence = oui")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,,\n", "2024-12-01", LOG)
    # the log does not say whether it was urgent: nothing is shortened on a guess
    assert term(found).due == D("2024-09-16")
    assert any("the full notice of 6 months is kept" in line for line in of(found, "dénoncer")[0].explanation)


def test_an_exception_can_shorten_the_notice(tmp_path) -> None:
    c = conv("avec un préavis de 6 mois ramené à 1 mois si faute de l'autre partie")
    rows = "2024-02-20,faute,unaf,,,\n2024-03-15,dénonciation,udaf,lrar,,\n"
    found = findings(c, tmp_path, rows, "2024-09-01", LOG)
    # a serious breach by the other party (unaf): 2024-03-15 + 1 month = 2024-04-15; effect 2024-04-16
    assert term(found).due == D("2024-04-16")
    rows = "2024-02-20,faute,udaf,,,\n2024-03-15,dénonciation,udaf,lrar,,\n"
    # the breach is the terminating party's own: the full 6 months, effect 2024-09-16
    assert term(findings(c, tmp_path, rows, "2024-12-01", LOG)).due == D("2024-09-16")


def test_the_term_end_comes_first_when_the_notice_runs_past_it(tmp_path) -> None:
    c = conv("avec un préavis de 6 mois")
    found = findings(c, tmp_path, "2025-10-01,dénonciation,udaf,lrar,,\n", "2026-06-01", LOG)
    # 2025-10-01 + 6 months = 2026-04-01, after the scheduled end 2026-01-01 (2 years from 2024-01-01)
    assert term(found).due == D("2026-01-01")


def test_a_party_leaves_once_its_notice_has_run(tmp_path) -> None:
    text = HEAD.replace("sans renouvellement", "renouvellement tacite par périodes de 1 an") + """
obligation rapport article 6 : chaque partie doit rapport envers unaf au plus tard 2024-12-31.
pouvoir retrait article 9 :
  chaque partie peut dénonciation par LRAR
  avec un préavis de 3 mois
  retire la partie.
"""
    c = convention(text)
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,lrar,,\n", "2025-03-01", LOG)
    # 2024-03-15 + 3 months = 2024-06-15; udaf leaves on 2024-06-16: its report due 2024-12-31 is no
    # longer due, unaf's still is (and is missed)
    power = of(found, "retrait")[0]
    assert "udaf leaves on 2024-06-16" in power.message
    statuses = {f.parties: f.status for f in of(found, "rapport")}
    assert statuses == {("udaf",): Status.DISCHARGED, ("unaf",): Status.BREACH}


def test_notice_and_effect_at_renewal(tmp_path) -> None:
    text = HEAD.replace("2 ans à compter du 2024-01-01 sans renouvellement",
                        "1 an à compter du 2024-01-01 renouvellement tacite par périodes de 1 an") + """
pouvoir retrait article 9 :
  chaque partie peut dénonciation par LRAR
  avec un préavis de 3 mois
  effet à la reconduction
  met fin à la convention.
"""
    c = convention(text)
    # renewals on 2025-01-01, 2026-01-01, …
    # act 2024-09-01: last day of the notice 2024-12-01, effect from 2024-12-02 → the renewal of 2025-01-01
    assert term(findings(c, tmp_path, "2024-09-01,dénonciation,udaf,lrar,,\n", "2025-06-01", LOG)).due == D("2025-01-01")
    # act 2024-10-15: last day 2025-01-15, after the 2025 renewal → the renewal of 2026-01-01
    found = findings(c, tmp_path, "2024-10-15,dénonciation,udaf,lrar,,\n", "2025-06-01", LOG)
    assert term(found).due == D("2026-01-01")
    assert any("the first renewal on or after 2025-01-16 is 2026-01-01" in line
               for line in of(found, "retrait")[0].explanation)


def test_an_invalid_exercise_has_no_effect_despite_its_notice(tmp_path) -> None:
    c = conv("avec un préavis de 3 mois")
    found = findings(c, tmp_path, "2024-03-15,dénonciation,udaf,courriel,,\n", "2024-09-01", LOG)
    # sent by email, not LRAR: a breach with no effect; the term still ends on 2026-01-01
    assert of(found, "dénoncer")[0].status is Status.BREACH
    assert term(found).due == D("2026-01-01")


def test_english_spelling_means_the_same() -> None:
    fr = conv("avec un préavis de 6 mois à compter de sa réception sauf si urgence ramené à 1 mois si faute")
    en = convention("""language en.
convention "Objectives" signed at "Paris" on 2024-01-02.
party unaf "UNAF".
party udaf "UDAF".
event dénonciation "termination".
event urgence "emergency".
event faute "serious breach".
event rapport "report".
term article 8: 2 years from 2024-01-01 no renewal.
power dénoncer article 8:
  each party may dénonciation by LRAR to the other party
  with a notice of 6 months from its receipt unless if urgence reduced to 1 month if faute
  ends the convention.
""")
    assert fr.clauses[0].notice == en.clauses[0].notice


def test_a_notice_cannot_also_be_immediate() -> None:
    found = diagnostics(HEAD + POWER.format(notice="avec un préavis de 3 mois effet immédiat"))
    assert any(d.code == "V012" and "effet immédiat" in d.message for d in found)


def test_names_in_the_exception_are_checked() -> None:
    found = diagnostics(HEAD + POWER.format(notice="avec un préavis de 3 mois sauf si cataclysme"))
    assert any(d.code.startswith("N") and "cataclysme" in d.message for d in found)


STATE = """langue fr.
convention "Convention d'utilisation" signée à "la préfecture" le 2026-01-01.
partie propriétaire "Domaines".
partie utilisateur "Service utilisateur".
partie préfet "Préfet".
événement demande_résiliation "demande de résiliation de l'utilisateur".
événement urgence "situation d'urgence".
événement résiliation "résiliation prononcée par le préfet".
durée article 3 : 9 ans à compter du 2026-01-01 sans renouvellement.
pouvoir résiliation_utilisateur article 14 :
  préfet peut résiliation
  après demande_résiliation de utilisateur
  moyennant le respect d'un préavis de 6 mois à compter de demande_résiliation
  sauf en cas d'urgence
  met fin à la convention.
"""
STATE_LOG = "date,event,by,to\n"


def test_notice_from_the_request_the_act_answers(tmp_path) -> None:
    c = convention(STATE)
    assert c.clauses[0].notice.from_event == "demande_résiliation"
    rows = "2026-03-02,demande_résiliation,utilisateur,préfet\n2026-04-15,résiliation,préfet,utilisateur\n"
    found = findings(c, tmp_path, rows, "2026-12-31", STATE_LOG)
    # request 2026-03-02 + 6 months = 2026-09-02 (last day of the notice); pronounced on 2026-04-15,
    # the termination takes effect on 2026-09-03
    assert term(found).due == D("2026-09-03")
    # pronounced after the notice has run (2026-10-01 > 2026-09-02): it takes effect at once
    rows = "2026-03-02,demande_résiliation,utilisateur,préfet\n2026-10-01,résiliation,préfet,utilisateur\n"
    assert term(findings(c, tmp_path, rows, "2026-12-31", STATE_LOG)).due == D("2026-10-01")


def test_emergency_removes_the_notice_from_the_request(tmp_path) -> None:
    c = convention(STATE)
    rows = ("2026-03-01,urgence,utilisateur,\n2026-03-02,demande_résiliation,utilisateur,préfet\n"
            "2026-04-15,résiliation,préfet,utilisateur\n")
    # an emergency before the act: no notice, the termination takes effect when pronounced
    assert term(findings(c, tmp_path, rows, "2026-12-31", STATE_LOG)).due == D("2026-04-15")


def test_the_notice_event_must_be_declared() -> None:
    found = diagnostics(STATE.replace("à compter de demande_résiliation", "à compter de demande_inconnue"))
    assert any(d.code.startswith("N") and "demande_inconnue" in d.message for d in found)


def test_an_act_valid_on_another_ground_is_no_breach_of_this_one(tmp_path) -> None:
    c = convention(STATE + """événement intérêt_public "lettre du préfet : l'intérêt public exige la résiliation".
pouvoir résiliation_intérêt_public article 14 :
  préfet peut résiliation
  après intérêt_public de préfet
  met fin à la convention.
""")
    rows = "2026-03-01,intérêt_public,préfet,utilisateur\n2026-03-10,résiliation,préfet,utilisateur\n"
    found = findings(c, tmp_path, rows, "2026-12-31", STATE_LOG)
    # valid in the public interest: it ends the convention on 2026-03-10; judged under that clause alone
    # (evaluation/shared_powers.py), it is not judged under the termination at the user's request at all
    assert of(found, "résiliation_intérêt_public")[0].status is Status.FULFILLED
    assert of(found, "résiliation_utilisateur") == []
    assert term(found).due == D("2026-03-10")
    assert [f for f in found if f.status is Status.BREACH] == []
