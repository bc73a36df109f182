"""Governance, the rest of issue 10 item 9: a quorum of those actually present, a second meeting
*within* N days with its own rules, elections (plurality, ties drawn by lot, secret ballot).
Counts and dates are worked out by hand in the comments."""

from __future__ import annotations

from clauses.findings import Status
from clauses.language import model as m
from langa_helpers import convention, diagnostics, findings, of

HEAD = '''langue fr.
convention "Statuts" signée à "Lyon" le 2024-01-10.
partie asso "Association".
partie président "Président".
événement assemblée "assemblée générale".
événement conseil "délibération du conseil".
événement élection "élection du conseil".
instance ag "Assemblée générale" article 9 : de 12 à 15 membres.
durée article 1 : 3 ans à compter du 2024-01-10 sans renouvellement.
'''
RULES = HEAD + '''vote délibérations article 18 :
  décision conseil
  quorum de présence effective 1/2 des membres en exercice
  majorité de la moitié plus un des présents ou représentés.
vote dissolution article 41 :
  décision assemblée en instance ag
  majorité de 2/3 des membres
  nouvelle assemblée dans un délai de 1 mois statuant à la majorité de la moitié plus un des présents.
vote élire article 11 :
  décision élection à bulletins secrets à la majorité relative égalité tirage au sort.
'''
HEADER = ("date,event,by,id,ref,value,membres,membres_présents,membres_représentés,voix_pour,voix_contre,"
          "convocation,convoquée_le,voix,élus,sièges,tirage,scrutin\n")


def run(tmp_path, rows: str, rules: str = RULES):
    return findings(convention(rules), tmp_path, rows, "2024-12-31", header=HEADER)


def test_model_french_and_english() -> None:
    conv = convention(RULES)
    assert conv.clause("délibérations").quorum_rule == m.CountRule(numerator=1, denominator=2, base="members",
                                                                   in_person=True)
    second = conv.clause("dissolution").second_meeting
    assert (str(second.within), second.majority_rule) == ("1 months", m.CountRule(half_plus_one=True,
                                                                                  base="present"))
    election = conv.clause("élire")
    assert (election.plurality, election.tie_by_lot, election.secret_ballot) == (True, True, True)
    english = convention('''language en.
convention "Statuts" signed at "Lyon" on 2024-01-10.
party asso "Association".
party président "Président".
event assemblée "assemblée générale".
event conseil "délibération du conseil".
event élection "élection du conseil".
body ag "Assemblée générale" article 9 : of 12 to 15 members.
term article 1 : 3 years from 2024-01-10 no renewal.
vote délibérations article 18 :
  decision conseil
  quorum in person 1/2 of the members in office
  majority of half plus one of those present or represented.
vote dissolution article 41 :
  decision assemblée in body ag
  majority of 2/3 of the members
  second meeting within 1 month deciding by a majority of half plus one of those present.
vote élire article 11 : decision élection by secret ballot by plurality ties drawn by lot.
''')
    assert english.model_dump(exclude={"language"}) == conv.model_dump(exclude={"language"})


def test_quorum_of_those_present_in_person(tmp_path) -> None:
    # 8 members in office: half is 4. On 03-01, 3 present and 2 represented: 3 × 2 = 6 < 8, the quorum
    # (in person) is not reached although 5 attend; on 04-01, 4 present: 4 × 2 = 8 ≥ 8, reached.
    found = run(tmp_path, "2024-03-01,conseil,asso,C-1,,adopté,8,3,2,5,0,,,,,,,\n"
                          "2024-04-01,conseil,asso,C-2,,adopté,8,4,0,3,1,,,,,,,\n")
    [first] = of(found, "délibérations", acted="2024-03-01")
    assert first.status is Status.BREACH and "quorum not reached: 3 present in person" in first.message
    assert of(found, "délibérations", acted="2024-04-01")[0].status is Status.FULFILLED
    # the same log under a quorum counting the represented: 3 + 2 = 5, 5 × 2 = 10 ≥ 8, reached
    plain = RULES.replace("quorum de présence effective", "quorum")
    assert of(run(tmp_path, "2024-03-01,conseil,asso,C-1,,adopté,8,3,2,5,0,,,,,,,\n", plain),
              "délibérations")[0].status is Status.FULFILLED


def test_second_meeting_within_a_month_with_its_own_majority(tmp_path) -> None:
    # first meeting 2024-03-01: 13 members, 7 for: 7 × 3 = 21 < 2 × 13 = 26, two thirds not reached;
    # within 1 month: 2024-04-01 is Easter Monday, extended to Tuesday 2024-04-02 (CPC art. 642).
    # AG-2 on 2024-03-20: 4 present, 3 for: half plus one of 4 is 3, reached: adopted.
    found = run(tmp_path, "2024-03-01,assemblée,asso,AG-1,,rejeté,13,9,0,7,2,,,,,,,\n"
                          "2024-03-20,assemblée,asso,AG-2,AG-1,adopté,13,4,0,3,1,2,,,,,,\n")
    assert of(found, "dissolution", acted="2024-03-01")[0].status is Status.FULFILLED
    [second] = of(found, "dissolution", acted="2024-03-20")
    assert second.status is Status.FULFILLED
    assert any("by 2024-04-02" in line for line in second.explanation)


def test_second_meeting_too_late_unless_convened_in_time(tmp_path) -> None:
    # held 2024-04-05, after 2024-04-02: irregular; held 2024-04-12 but convened on 2024-03-28: in time
    found = run(tmp_path, "2024-03-01,assemblée,asso,AG-1,,rejeté,13,9,0,7,2,,,,,,,\n"
                          "2024-04-05,assemblée,asso,AG-2,AG-1,adopté,13,4,0,3,1,2,,,,,,\n"
                          "2024-04-12,assemblée,asso,AG-3,AG-1,adopté,13,4,0,3,1,2,2024-03-28,,,,,\n")
    [late] = of(found, "dissolution", acted="2024-04-05")
    assert late.status is Status.BREACH and "after 2024-04-02" in late.message
    assert of(found, "dissolution", acted="2024-04-12")[0].status is Status.FULFILLED


def test_no_second_meeting_after_a_first_that_decided(tmp_path) -> None:
    # 9 for of 13 members: 9 × 3 = 27 ≥ 26, two thirds reached: the first decided
    found = run(tmp_path, "2024-03-01,assemblée,asso,AG-1,,adopté,13,10,0,9,1,,,,,,,\n"
                          "2024-03-20,assemblée,asso,AG-2,AG-1,adopté,13,4,0,3,1,2,,,,,,\n")
    [second] = of(found, "dissolution", acted="2024-03-20")
    assert second.status is Status.BREACH and "no ground for a second meeting" in second.message


def test_a_second_meeting_still_needs_its_own_majority(tmp_path) -> None:
    # 5 present, 3 for: half plus one of 5 is 3: reached; 6 present, 3 for: half plus one of 6 is 4: not
    found = run(tmp_path, "2024-03-01,assemblée,asso,AG-1,,rejeté,13,9,0,7,2,,,,,,,\n"
                          "2024-03-20,assemblée,asso,AG-2,AG-1,adopté,13,6,0,3,3,2,,,,,,\n")
    [second] = of(found, "dissolution", acted="2024-03-20")
    assert second.status is Status.BREACH and "counts give rejected" in second.message


def test_election_by_plurality_with_a_draw(tmp_path) -> None:
    # 2 seats: Dupont 12 is elected; Martin and Durand tie with 9 for the last seat: the draw gave Martin
    found = run(tmp_path, "2024-09-02,élection,asso,E-1,,,,,,,,,,Dupont 12; Martin 9; Durand 9,"
                          "Dupont; Martin,2,Martin,secret\n")
    [election] = of(found, "élire")
    assert election.status is Status.FULFILLED and "Dupont, Martin elected" in election.message


def test_election_whose_declared_result_is_not_the_votes(tmp_path) -> None:
    found = run(tmp_path, "2024-09-02,élection,asso,E-1,,,,,,,,,,Dupont 12; Martin 9; Durand 10,"
                          "Dupont; Martin,2,,secret\n"
                          "2024-10-02,élection,asso,E-2,,,,,,,,,,Dupont 12; Martin 9; Durand 9,"
                          "Dupont; Martin,2,,secret\n"
                          "2024-11-02,élection,asso,E-3,,,,,,,,,,Dupont 12; Martin 9,Dupont,1,,à main levée\n")
    # E-1: Durand 10 > Martin 9 takes the second seat; E-2: a tie, no draw recorded; E-3: not secret
    assert "the votes elect Dupont, Durand" in of(found, "élire", acted="2024-09-02")[0].message
    tie = of(found, "élire", acted="2024-10-02")[0].message
    assert ("Martin, Durand tie with 9 votes for 1 seat: the draw by lot is not recorded (column `tirage`)"
            in tie)   # each count with its own words: "1 seat", not "1 seat(s)"
    assert ("Martin, Durand à égalité avec 9 voix pour 1 siège : le tirage au sort n'est pas consigné"
            in tie.localized("fr"))
    assert "not secret" in of(found, "élire", acted="2024-11-02")[0].message


def test_a_tie_without_a_rule_to_settle_it(tmp_path) -> None:
    rules = RULES.replace(" égalité tirage au sort", "")
    found = run(tmp_path, "2024-10-02,élection,asso,E-2,,,,,,,,,,Dupont 12; Martin 9; Durand 9,"
                          "Dupont; Martin,2,Martin,secret\n", rules)
    assert "gives no way to settle it" in of(found, "élire")[0].message


def test_second_meeting_stating_a_quorum_twice_is_reported() -> None:
    text = HEAD + ('vote v article 41 : décision assemblée majorité de 2/3 des membres nouvelle assemblée dans '
                   'un délai de 1 mois statuant quorum 1/3 des membres et sans quorum.\n')
    assert any(d.code == "V012" and "sans quorum" in d.message for d in diagnostics(text))


CONVOCATIONS = '''langue fr.
convention "Statuts" signée à "Lyon" le 2024-01-10.
partie association "Association".
partie président "Président".
événement convocation "convocation des membres".
événement ago "assemblée générale ordinaire".
événement age "assemblée générale extraordinaire".
durée article 1 : 3 ans à compter du 2024-01-10 sans renouvellement.
obligation convocation article 12 : président doit convocation au moins 15 jours avant chaque ago.
obligation convocation_extraordinaire article 14 : président doit convocation au moins 15 jours avant chaque age.
'''


def test_a_convocation_counts_only_for_its_own_meeting(tmp_path) -> None:
    # AGO 2024-03-20 (due 2024-03-05), AGE 2024-04-10 (due 2024-03-26). The convocation of 2024-03-01
    # names the AGO (ref): it is not counted for the AGE, which has none of its own: a breach. The
    # convocation of 2024-05-01, without ref, counts for the nearest meeting after it, the AGE of
    # 2024-05-20 (due 2024-05-05): on time.
    rows = ("2024-03-01,convocation,président,C-1,AGO-1,,,,,,,,,,,,,\n"
            "2024-03-20,ago,association,AGO-1,,,,,,,,,,,,,,\n"
            "2024-04-10,age,association,AGE-1,,,,,,,,,,,,,,\n"
            "2024-05-01,convocation,président,C-2,,,,,,,,,,,,,,\n"
            "2024-05-20,age,association,AGE-2,,,,,,,,,,,,,,\n")
    found = run(tmp_path, rows, CONVOCATIONS)
    assert of(found, "convocation", due="2024-03-05")[0].status is Status.FULFILLED
    assert of(found, "convocation_extraordinaire", due="2024-03-26")[0].status is Status.BREACH
    [later] = of(found, "convocation_extraordinaire", due="2024-05-05")
    assert later.status is Status.FULFILLED and any("nearest following" in n.reason for n in later.events)
