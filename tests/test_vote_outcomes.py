"""The outcome of a counted vote as a condition (evaluation/outcomes.py): « la renonciation à l'agrément
[…] ne peut être décidée que par l'assemblée générale extraordinaire selon les modalités de vote définies
à l'article 41 » (005 art. 40): `si décision_renonciation adoptée`, `… rejetée`, `… selon le vote V`,
`… à la majorité de …`. Counts worked out by hand next to each assertion: a fraction is reached when
votes × denominator ≥ numerator × base; half plus one is base // 2 + 1.
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status
from clauses.i18n import localized

from langa_helpers import convention, diagnostics

HEAD = """langue fr.
convention "Statuts" signée à "Paris" le 2026-01-01.
partie aappma "Association".
événement décision_renonciation "délibération de l'assemblée générale extraordinaire".
événement dissolution "délibération sur la dissolution".
événement renonciation_agrément "renonciation à l'agrément".
événement déclaration "déclaration en préfecture".
durée article 1 : du 2026-01-01 au 2030-12-31.
"""
# art. 41: two thirds of the members; failing that, a new assembly within a month, by the majority of
# those present (half plus one)
ART41 = """vote dissolution article 41 :
  décision dissolution
  majorité de 2 / 3 des membres
  nouvelle assemblée dans un délai de 1 mois statuant à la majorité de la moitié plus un des présents.
"""
POWER = """pouvoir renonciation article 40 :
  aappma peut renonciation_agrément si décision_renonciation adoptée selon le vote dissolution
  met fin à la convention.
"""


def decision(date: str, ident: str | None = None, ref: str | None = None, **counts) -> Event:
    return Event(date=dt.date.fromisoformat(date), event="décision_renonciation", by=("aappma",), id=ident, ref=ref,
                 attrs={k: str(v) for k, v in counts.items()}, origin="log.csv:1", row=1)


def act(date: str, ref: str | None = None) -> Event:
    return Event(date=dt.date.fromisoformat(date), event="renonciation_agrément", by=("aappma",), ref=ref,
                 origin="log.csv:2", row=2)


def judged(rules: str, events: list[Event], clause: str = "renonciation", as_of: str = "2026-12-31"):
    found, _ = evaluate(convention(HEAD + rules), events, dt.date.fromisoformat(as_of), 60)
    return [f for f in found if f.clause == clause]


def test_adopted_by_two_thirds_of_the_members_allows_the_act() -> None:
    # 30 members, 20 for: 20 × 3 = 60 ≥ 2 × 30 = 60: reached
    [f] = judged(ART41 + POWER, [decision("2026-03-10", membres=30, présents=25, pour=20, contre=5),
                                 act("2026-03-20")])
    assert f.status is Status.FULFILLED
    assert any("judged under vote `dissolution` (article 41)" in line for line in f.explanation)
    assert any("was adopted" in line for line in f.explanation)
    french = [localized(line, "fr") for line in f.explanation]   # whatever the event's gender: "la décision `x`"
    assert ("la décision `décision_renonciation` (délibération de l'assemblée générale extraordinaire) du mardi "
            "10 mars 2026 a été adoptée") in french, french


def test_one_vote_short_of_two_thirds_the_act_is_a_breach() -> None:
    # 19 for: 57 < 60: the decision was rejected, the renunciation is a breach without effect
    [f] = judged(ART41 + POWER, [decision("2026-03-10", membres=30, présents=25, pour=19, contre=6),
                                 act("2026-03-20")])
    assert f.status is Status.BREACH
    assert "does not hold" in f.message and "décision_renonciation adopted under vote dissolution" in f.message
    assert any("was rejected" in line for line in f.explanation)


def test_a_second_assembly_decides_by_the_majority_of_those_present_within_the_month_only() -> None:
    # the first (10/03) failed (19 of 30); a second one (ref) has 12 present: half plus one = 7; 7 for.
    # 10/03 + 1 month = 10/04 (a Friday): convened 02/04, it adopted; held 15/04, it decided nothing
    first = decision("2026-03-10", "d1", membres=30, présents=25, pour=19, contre=6)
    found = {}
    for held in ("2026-04-02", "2026-04-15"):
        second = decision(held, "d2", ref="d1", membres=30, présents=12, pour=7, contre=5)
        [found[held]] = judged(ART41 + POWER, [first, second, act("2026-04-20")])
    assert found["2026-04-02"].status is Status.FULFILLED
    assert any("second meeting" in line for line in found["2026-04-02"].explanation)
    assert found["2026-04-15"].status is Status.BREACH
    assert any("decided nothing" in line and "2026-04-10" in line for line in found["2026-04-15"].explanation)


def test_counts_not_recorded_cannot_be_verified() -> None:
    [f] = judged(ART41 + POWER, [decision("2026-03-10"), act("2026-03-20")])
    assert f.status is Status.BREACH and "cannot be verified" in f.message


def test_the_act_is_judged_on_the_decision_it_names() -> None:
    # the latest decision (01/06) was adopted, but the act names the rejected one of 10/03
    rejected = decision("2026-03-10", "d1", membres=30, présents=25, pour=10, contre=15)
    adopted = decision("2026-06-01", "d2", membres=30, présents=25, pour=24, contre=1)
    [named] = judged(ART41 + POWER, [rejected, adopted, act("2026-06-10", ref="d1")])
    [latest] = judged(ART41 + POWER, [rejected, adopted, act("2026-06-10")])
    assert named.status is Status.BREACH and latest.status is Status.FULFILLED


def test_the_vote_deciding_the_event_judges_it_by_default_and_a_majority_can_be_stated() -> None:
    own = """vote renonciation_vote article 40 :
  décision décision_renonciation
  majorité de la moitié plus un des suffrages exprimés.
"""
    plain = own + "pouvoir renonciation article 40 : aappma peut renonciation_agrément si décision_renonciation adoptée.\n"
    stated = own + ("pouvoir renonciation article 40 : aappma peut renonciation_agrément\n"
                    "  si décision_renonciation adoptée à la majorité de 3 / 5 des présents.\n")
    # 20 present, 11 for, 9 against: half plus one of 20 cast = 11, reached; 3/5 of 20 present = 12: not
    events = [decision("2026-03-10", membres=30, présents=20, pour=11, contre=9), act("2026-03-20")]
    assert [f.status for f in judged(plain, events)] == [Status.FULFILLED]
    assert [f.status for f in judged(stated, events)] == [Status.BREACH]


def test_rejected_and_no_decision_at_all() -> None:
    rejected = ART41 + ("pouvoir renonciation article 40 : aappma peut renonciation_agrément\n"
                        "  si décision_renonciation rejetée.\n")
    # no vote clause decides décision_renonciation: `rejetée` under it is B023 (lint); judged with `selon`
    rules = rejected.replace("rejetée", "rejetée selon le vote dissolution")
    assert [f.status for f in judged(rules, [decision("2026-03-10", membres=30, présents=25, pour=10, contre=15),
                                              act("2026-03-20")])] == [Status.FULFILLED]
    # no decision at all before the act: neither adopted nor rejected
    assert [f.status for f in judged(ART41 + POWER, [act("2026-03-20")])] == [Status.BREACH]
    assert [f.status for f in judged(rules, [act("2026-03-20")])] == [Status.BREACH]


def test_a_duty_owed_only_when_its_trigger_was_adopted() -> None:
    # art. 39: the renunciation is declared within three months; only an adopted decision is one
    duty = ART41 + """obligation déclarer article 39 :
  aappma doit déclaration dans 3 mois suivant décision_renonciation
  si décision_renonciation adoptée selon le vote dissolution.
"""
    adopted = decision("2026-03-10", membres=30, présents=25, pour=20, contre=5)
    rejected = decision("2026-05-04", membres=30, présents=25, pour=2, contre=23)
    found = judged(duty, [adopted, rejected], "déclarer")
    owed = [f for f in found if f.status is not Status.DISCHARGED]
    # 10/03 + 3 months = 10/06 (a Wednesday): owed, breached by 31/12; the rejected one of 04/05 owes nothing
    assert [(f.status, f.due) for f in owed] == [(Status.BREACH, dt.date(2026, 6, 10))]


def test_english_keywords() -> None:
    text = """language en.
convention "Statutes" signed at "Paris" on 2026-01-01.
party club "Club".
event decision "decision of the assembly".
event renunciation "renunciation".
term article 1 : from 2026-01-01 to 2030-12-31.
vote assembly article 2 :
  decision decision
  majority of 2 / 3 of the members.
power renounce article 3 :
  club may renunciation if decision adopted under vote assembly.
"""
    conv = convention(text)
    [cond] = conv.clause("renounce").conditions
    assert (cond.expr.event, cond.expr.outcome, cond.expr.vote) == ("decision", "adopted", "assembly")


def test_names_are_checked() -> None:
    unknown = HEAD + ART41 + POWER.replace("selon le vote dissolution", "selon le vote disolution")
    assert [(d.code, "did you mean `dissolution`?" == d.hint) for d in diagnostics(unknown)
            if d.code == "N003"] == [("N003", True)]
    not_a_vote = HEAD + ART41 + POWER.replace("selon le vote dissolution", "selon le vote renonciation")
    assert any(d.code == "N003" and "which is not a vote" in d.message for d in diagnostics(not_a_vote))
    assert any(d.code == "N002" for d in diagnostics(HEAD + ART41 + POWER.replace(
        "si décision_renonciation adoptée", "si décision_renonciaton adoptée")))
