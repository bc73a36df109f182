"""Governance (issue 10 item 9): bodies whose members are not parties, counts recorded on the
meeting event, fractional quorums and majorities, second convocation, proxy caps, casting vote."""

from __future__ import annotations

from clauses.findings import Status
from clauses.language import model as m
from langa_helpers import convention, findings, of

RULES = '''langue fr.
convention "Statuts" signée à "Lyon" le 2024-01-10.
partie asso "Association".
partie président "Président".
événement assemblée "assemblée générale".
instance ag "Assemblée générale" article 9 : de 12 à 15 membres.
durée article 1 : 3 ans à compter du 2024-01-10 sans renouvellement.
vote approbation article 9 :
  décision assemblée en instance ag
  quorum 1/3 des membres en exercice
  majorité de 3/5 des présents ou représentés
  pouvoirs au plus 2 par membre
  seconde convocation au moins 15 jours après sans quorum.
'''
HEADER = ("date,event,by,id,ref,value,membres,présents,représentés,pour,contre,abstentions,pouvoirs_max,"
          "convocation,voix_prépondérante\n")


def run(tmp_path, rows: str, rules: str = RULES):
    return findings(convention(rules), tmp_path, rows, "2024-12-31", header=HEADER)


def test_model_french_and_english() -> None:
    vote = convention(RULES).clause("approbation")
    assert vote.quorum_rule == m.CountRule(numerator=1, denominator=3, base="members")
    assert vote.majority_rule == m.CountRule(numerator=3, denominator=5, base="present_or_represented")
    assert (vote.proxy_cap, str(vote.second_call)) == (2, "15 days")
    english = convention('''language en.
convention "Statuts" signed at "Lyon" on 2024-01-10.
party asso "Association".
party président "Président".
event assemblée "assemblée générale".
body ag "Assemblée générale" article 9 : of 12 to 15 members.
term article 1 : 3 years from 2024-01-10 no renewal.
vote approbation article 9 :
  decision assemblée in body ag
  quorum 1/3 of the members in office
  majority of 3/5 of those present or represented
  proxies at most 2 per member
  second call at least 15 days later without quorum.
''')
    assert english.model_dump(exclude={"language"}) == convention(RULES).model_dump(exclude={"language"})
    assert convention(RULES).bodies[0].members_min == 12


def test_a_third_of_the_members_in_office(tmp_path) -> None:
    # 13 members: a third is 4.33, so 5 are needed (4 × 3 = 12 < 13; 5 × 3 = 15 ≥ 13)
    found = run(tmp_path, "2024-03-01,assemblée,asso,AG-1,,adopté,13,3,1,4,0,0,1,,\n"
                          "2024-04-01,assemblée,asso,AG-2,,adopté,13,4,1,5,0,0,1,,\n")
    assert of(found, "approbation", acted="2024-03-01")[0].status is Status.BREACH
    assert of(found, "approbation", acted="2024-04-01")[0].status is Status.FULFILLED


def test_second_convocation_without_quorum(tmp_path) -> None:
    # first meeting 2024-03-01 without quorum; the second may meet from 2024-03-16 (15 days)
    found = run(tmp_path, "2024-03-01,assemblée,asso,AG-1,,,13,3,1,4,0,0,1,,\n"
                          "2024-03-14,assemblée,asso,AG-2,AG-1,adopté,13,2,1,2,1,0,1,2,\n"
                          "2024-03-20,assemblée,asso,AG-3,AG-1,adopté,13,2,1,2,1,0,1,2,\n")
    assert of(found, "approbation", acted="2024-03-01")[0].status is Status.FULFILLED   # no decision recorded
    assert of(found, "approbation", acted="2024-03-14")[0].status is Status.BREACH
    # 2 for of 3 present or represented: 2 × 5 = 10 ≥ 3 × 3 = 9: three fifths reached
    assert of(found, "approbation", acted="2024-03-20")[0].status is Status.FULFILLED


def test_three_fifths_and_the_recorded_decision(tmp_path) -> None:
    # 10 present or represented, 5 for: 5 × 5 = 25 < 3 × 10 = 30: rejected, recorded as adopted
    found = run(tmp_path, "2024-06-01,assemblée,asso,AG-1,,adopté,13,6,4,5,5,0,2,,\n")
    [breach] = of(found, "approbation")
    assert breach.status is Status.BREACH and "counts give rejected" in breach.message


def test_proxy_cap(tmp_path) -> None:
    found = run(tmp_path, "2024-06-01,assemblée,asso,AG-1,,adopté,13,6,4,8,2,0,3,,\n")
    [breach] = of(found, "approbation")
    assert breach.status is Status.BREACH and "3 proxies" in breach.message


def test_members_outside_the_statutes(tmp_path) -> None:
    found = run(tmp_path, "2024-06-01,assemblée,asso,AG-1,,adopté,10,6,0,6,0,0,0,,\n")
    assert "it must have 12 to 15" in of(found, "approbation")[0].message


def test_half_plus_one_and_the_casting_vote(tmp_path) -> None:
    rules = RULES.split("vote approbation")[0] + (
        "vote b article 9 : décision assemblée majorité de la moitié plus un des suffrages exprimés "
        "quorum ⅔ des présents voix prépondérante de président.\n")
    found = run(tmp_path, "2024-06-01,assemblée,asso,AG-1,,adopté,13,10,0,5,5,0,0,,pour\n"
                          "2024-07-01,assemblée,asso,AG-2,,adopté,13,10,0,5,5,0,0,,contre\n", rules)
    # 5 for, 5 against: half plus one of 10 is 6, not reached; the tie goes with the casting vote
    assert of(found, "b", acted="2024-06-01")[0].status is Status.FULFILLED
    assert of(found, "b", acted="2024-07-01")[0].status is Status.BREACH
