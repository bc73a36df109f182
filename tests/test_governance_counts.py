"""Conditions on counts of events, fractions of a body's members on a request, events of the same
member and year, the time left until a date (issue 10 item 9). Counts worked out by hand."""

from __future__ import annotations

from clauses.findings import Status
from clauses.language import model as m
from langa_helpers import convention, diagnostics, findings, of

HEAD = '''langue fr.
convention "Statuts" signée à "Lyon" le 2024-01-10.
partie asso "Association".
partie président "Président".
partie occupant "Occupant".
paramètre fin_mandat date "dernier jour du mandat".
événement demande "demande de réunion du conseil".
événement convocation "convocation du conseil".
événement absence "absence non excusée à une réunion du conseil".
événement présence "présence à une réunion du conseil".
événement absence_excusée "absence excusée".
événement constat "constat de la démission".
événement cotisation "paiement de la cotisation".
événement candidature "candidature au conseil".
événement création "création de l'association".
événement manquement "manquement constaté".
événement retrait "retrait des créneaux".
événement élection "élection du bureau".
événement agrément "agrément du préfet".
événement acte "acte du président".
événement départ "départ d'un administrateur".
événement élection_complémentaire "élection complémentaire".
durée article 1 : 3 ans à compter du 2024-01-10 sans renouvellement.
'''
HEADER = "date,event,by,id,ref,membres,demandeurs,membre,period\n"


def run(tmp_path, rules: str, rows: str, as_of: str = "2025-12-31", arguments: str = ""):
    return findings(convention(HEAD + arguments + rules), tmp_path, rows, as_of, header=HEADER)


REQUEST = '''obligation convoquer article 26 :
  président doit convocation dans les meilleurs délais après demande
  si demande.demandeurs au moins 2/3 des membres en exercice.
'''


def test_a_request_by_two_thirds_of_the_members(tmp_path) -> None:
    # 13 members: two thirds is 8.67: 8 requesting members do not reach it (8 × 3 = 24 < 26), 9 do
    found = run(tmp_path, REQUEST, "2024-04-01,demande,asso,D-1,,13,8,,\n"
                                   "2024-05-01,demande,asso,D-2,,13,9,,\n")
    below = [f for f in of(found, "convoquer") if f.window_start.isoformat() == "2024-04-01"][0]
    assert below.status is Status.DISCHARGED and "does not hold" in below.message
    assert any("2/3 of 13 members in office = 8.67" in line for line in below.explanation)
    reached = [f for f in of(found, "convoquer") if f.window_start.isoformat() == "2024-05-01"][0]
    assert reached.status is Status.PENDING and reached.extra.get("due_now")


def test_a_fraction_of_another_count_and_a_quarter() -> None:
    conv = convention(HEAD + '''obligation c article 11 :
  président doit convocation dans les meilleurs délais après demande
  si demande.demandeurs au moins 1/4 de demande.membres ou demande.demandeurs au moins ¼ des membres.
''')
    first, second = conv.clause("c").condition.items
    assert first.right == m.Value(type="fraction", ratio=(1, 4), of=m.Operand(type="attr", event="demande",
                                                                              name="membres"))
    assert second.right.ratio == (1, 4) and second.right.of_members


def test_the_members_in_office_not_recorded_leaves_the_duty_applying(tmp_path) -> None:
    found = run(tmp_path, REQUEST, "2024-04-01,demande,asso,D-1,,,8,,\n")
    [duty] = of(found, "convoquer")
    assert duty.status is Status.PENDING
    assert any("members in office are not recorded" in line for line in duty.explanation)


ABSENCES = '''obligation démission article 18 :
  asso doit constat sans délai après absence
  si nombre de absence.membre consécutives interrompues par présence, absence_excusée au moins 3.
'''


def test_three_consecutive_unexcused_absences_of_the_same_member(tmp_path) -> None:
    # Dupont: absent 01-10, 02-10, present 03-10, absent 04-10, 05-10, 06-10: the third in a row is 06-10.
    # Martin: absent 01-10, excused 02-10, absent 03-10, 04-10: two in a row only.
    rows = ("2024-01-10,absence,asso,,,,,Dupont,\n2024-02-10,absence,asso,,,,,Dupont,\n"
            "2024-03-10,présence,asso,,,,,Dupont,\n2024-04-10,absence,asso,,,,,Dupont,\n"
            "2024-05-10,absence,asso,,,,,Dupont,\n2024-06-10,absence,asso,,,,,Dupont,\n"
            "2024-01-10,absence,asso,,,,,Martin,\n2024-02-10,absence_excusée,asso,,,,,Martin,\n"
            "2024-03-10,absence,asso,,,,,Martin,\n2024-04-10,absence,asso,,,,,Martin,\n")
    found = run(tmp_path, ABSENCES, rows)
    applying = [f for f in of(found, "démission") if f.status is not Status.DISCHARGED]
    assert [f.window_start.isoformat() for f in applying] == ["2024-06-10"]
    assert any("with membre Dupont = 3 (2024-04-10, 2024-05-10, 2024-06-10)" in line
               for line in applying[0].explanation)


def test_an_absence_without_the_member_cannot_be_counted(tmp_path) -> None:
    found = run(tmp_path, ABSENCES, "2024-01-10,absence,asso,,,,,,\n")
    [duty] = of(found, "démission")
    assert duty.status is Status.PENDING     # the log cannot tell: the duty applies
    assert any("records no `membre`" in line for line in duty.explanation)


REPEATED = '''pouvoir retirer article 3 :
  asso peut retrait
  si nombre de manquement de occupant au cours des 12 derniers mois au moins 2.
'''


def test_repeated_breaches_within_the_last_twelve_months(tmp_path) -> None:
    # withdrawal on 2025-03-01: the last 12 months run from 2024-03-02 to 2025-03-01; breaches of
    # 2024-03-01 (outside) and 2025-01-15 (inside): 1 < 2, not repeated; on 2025-06-01 (from
    # 2024-06-02): 2025-01-15 and 2025-05-20: 2, repeated.
    rows = ("2024-03-01,manquement,occupant,,,,,,\n2025-01-15,manquement,occupant,,,,,,\n"
            "2025-03-01,retrait,asso,,,,,,\n2025-05-20,manquement,occupant,,,,,,\n"
            "2025-05-25,manquement,asso,,,,,,\n2025-06-01,retrait,asso,,,,,,\n")
    found = run(tmp_path, REPEATED, rows)
    assert of(found, "retrait", acted="2025-03-01") == []
    assert of(found, "retirer", acted="2025-03-01")[0].status is Status.BREACH
    assert of(found, "retirer", acted="2025-06-01")[0].status is Status.FULFILLED


CANDIDATES = '''interdiction candidature article 10 :
  asso ne doit pas candidature
  sauf si cotisation.membre pour l'année en cours et cotisation.membre pour l'année précédente
  sauf si création.
'''


def test_candidates_up_to_date_with_this_and_last_years_dues(tmp_path) -> None:
    # Durand paid 2023 and 2024: may stand in 2024; Lefèvre paid 2024 only (in 2024) and 2023 on
    # 2024-02-01 with period 2023: both years; Roux paid 2024 only: prohibited.
    rows = ("2023-03-01,cotisation,asso,,,,,Durand,2023\n2024-03-01,cotisation,asso,,,,,Durand,2024\n"
            "2024-02-01,cotisation,asso,,,,,Lefèvre,2023\n2024-02-01,cotisation,asso,,,,,Lefèvre,\n"
            "2024-03-01,cotisation,asso,,,,,Roux,2024\n"
            "2024-09-01,candidature,asso,,,,,Durand,\n2024-09-01,candidature,asso,,,,,Lefèvre,\n"
            "2024-09-01,candidature,asso,,,,,Roux,\n")
    found = of(run(tmp_path, CANDIDATES, rows), "candidature")
    # log lines 7, 8, 9: Durand, Lefèvre, Roux
    assert sorted((f.events[0].ref.rsplit(":", 1)[1], f.status.value) for f in found) == [
        ("7", "fulfilled"), ("8", "fulfilled"), ("9", "breach")]


APPROVAL = '''interdiction avant_agrément article 21 :
  président ne doit pas acte
  sauf si agrément depuis élection.
'''


def test_acts_of_an_elected_president_wait_for_the_approval_of_this_election(tmp_path) -> None:
    # elected 2024-03-01, approved 2024-04-01: an act of 03-15 is prohibited, of 04-15 permitted;
    # re-elected 2025-03-01 and not yet approved: the approval of 2024 does not cover 2025-03-15
    rows = ("2024-03-01,élection,asso,,,,,,\n2024-03-15,acte,président,,,,,,\n2024-04-01,agrément,asso,,,,,,\n"
            "2024-04-15,acte,président,,,,,,\n2025-03-01,élection,asso,,,,,,\n2025-03-15,acte,président,,,,,,\n")
    found = of(run(tmp_path, APPROVAL, rows), "avant_agrément")
    assert sorted((f.acted.isoformat(), f.status.value) for f in found) == [
        ("2024-03-15", "breach"), ("2024-04-15", "fulfilled"), ("2025-03-15", "breach")]


BY_ELECTION = '''obligation complémentaire article 14 :
  asso doit élection_complémentaire dans les meilleurs délais après départ
  si départ.membres moins de 7 et temps restant jusqu'au {fin_mandat} plus de 6 mois.
'''


def test_by_election_unless_in_the_last_six_months_of_the_mandate(tmp_path) -> None:
    # mandate ends 2025-12-31; 6 months after 2025-05-01 is 2025-11-01 < 2025-12-31: owed;
    # 6 months after 2025-07-15 is 2026-01-15 > 2025-12-31: in the last six months, not owed;
    # 2025-03-01 with 7 members left: not owed
    rows = ("2025-03-01,départ,asso,,,7,,,\n2025-05-01,départ,asso,,,6,,,\n2025-07-15,départ,asso,,,5,,,\n")
    found = run(tmp_path, BY_ELECTION.replace("{fin_mandat}", "2025-12-31"), rows)
    statuses = {f.window_start.isoformat(): f.status for f in of(found, "complémentaire")}
    assert statuses == {"2025-03-01": Status.DISCHARGED, "2025-05-01": Status.PENDING,
                        "2025-07-15": Status.DISCHARGED}


def test_time_until_a_parameter_without_value_cannot_be_told(tmp_path) -> None:
    found = run(tmp_path, BY_ELECTION, "2025-05-01,départ,asso,,,6,,,\n")
    [duty] = of(found, "complémentaire")
    assert duty.status is Status.PENDING
    assert any("{fin_mandat} has no value" in line for line in duty.explanation)


def test_names_in_counts_are_checked() -> None:
    text = HEAD + ('pouvoir r article 3 : asso peut retrait si nombre de manquemnt de occupent '
                   'consécutives interrompues par présense au moins 2.\n')
    found = {(d.code, d.message.split("`")[1]) for d in diagnostics(text) if d.code.startswith("N")}
    assert {"manquemnt", "présense"} <= {name for _, name in found}


def test_an_instance_whose_condition_fails_uses_up_no_act(tmp_path) -> None:
    # absences of 01-10 and 02-10 do not reach three; the constat of 03-20 answers the third (03-10),
    # not the first instance it would otherwise have been matched with
    rows = ("2024-01-10,absence,asso,,,,,Dupont,\n2024-02-10,absence,asso,,,,,Dupont,\n"
            "2024-03-10,absence,asso,,,,,Dupont,\n2024-03-20,constat,asso,,,,,Dupont,\n")
    found = of(run(tmp_path, ABSENCES, rows), "démission")
    assert sorted((f.window_start.isoformat(), f.status.value) for f in found) == [
        ("2024-01-10", "discharged"), ("2024-02-10", "discharged"), ("2024-03-10", "fulfilled")]


def test_a_count_compared_with_a_duration_or_members_of_no_event_is_reported() -> None:
    text = HEAD + ('pouvoir r article 3 : asso peut retrait si nombre de manquement au moins 3 mois.\n'
                   'pouvoir s article 3 : asso peut retrait si {fin_mandat} au moins 2/3 des membres en exercice.\n')
    found = [d.message for d in diagnostics(text) if d.code == "V019"]
    assert any("is a number of events" in msg for msg in found)
    assert any("reads the members in office" in msg for msg in found)
