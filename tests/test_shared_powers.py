"""Several powers that give one action (009 art. 14: a termination for breach, in the public interest, at
the user's request): each act is judged under the one power it uses (evaluation/shared_powers.py).

The act uses the power it names (`ref` or `subject`: the power's id, or an event one of its conditions
needs), else one whose conditions hold (the most specific), else none allows it: one breach, under the
power it comes closest to, saying what each lacked. Dates worked out by hand next to each assertion.
"""

from __future__ import annotations

import datetime as dt

from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status

from langa_helpers import convention

RULES = """langue fr.
convention "Convention d'utilisation" signée à "Paris" le 2026-01-01.
partie préfet "Préfet".
partie utilisateur "Utilisateur".
événement résiliation "résiliation prononcée par le préfet".
événement mise_en_demeure "mise en demeure".
événement intérêt_public "lettre : l'intérêt public exige la résiliation".
événement demande "demande de résiliation de l'utilisateur".
événement départ "départ".
durée article 3 : du 2026-01-01 au 2028-12-31.
pouvoir manquement article 14 :
  préfet peut résiliation après mise_en_demeure de préfet restée sans effet pendant 6 mois met fin à la convention.
pouvoir intérêt article 14 :
  préfet peut résiliation après intérêt_public de préfet met fin à la convention.
pouvoir demande_utilisateur article 14 :
  préfet peut résiliation après demande de utilisateur met fin à la convention.
pouvoir départ_préfet article 15 : préfet peut départ.
pouvoir départ_utilisateur article 15 : utilisateur peut départ après demande de utilisateur.
"""


def ev(date: str, name: str, by: str, ident: str | None = None, ref: str | None = None,
       subject: str | None = None) -> Event:
    return Event(date=dt.date.fromisoformat(date), event=name, by=(by,), id=ident, ref=ref, subject=subject,
                 origin="log.csv:1", row=1)


def powers(events, as_of="2028-06-01"):
    found, _ = evaluate(convention(RULES), events, dt.date.fromisoformat(as_of), 60)
    return found


def acts(found, action_clauses=("manquement", "intérêt", "demande_utilisateur")):
    return [f for f in found if f.kind == "power" and f.clause in action_clauses]


def end_of(found):
    return next(f for f in found if f.kind == "term").due


def test_an_act_is_judged_under_the_power_whose_conditions_hold_alone() -> None:
    found = powers([ev("2026-02-01", "intérêt_public", "préfet"), ev("2026-03-01", "résiliation", "préfet")])
    judged = acts(found)
    assert [(f.clause, f.status) for f in judged] == [("intérêt", Status.FULFILLED)]
    assert any("judged under `intérêt`" in line for line in judged[0].explanation)
    assert end_of(found) == dt.date(2026, 3, 1)


def test_an_act_no_power_allows_is_one_breach_saying_what_each_lacked() -> None:
    # mise en demeure 10/04/2026 + 6 mois = 10/10/2026: the termination of 01/07 is too early; no public-interest
    # letter, no request: no power allows it, one breach (under `manquement`, the first of equal standing)
    found = powers([ev("2026-04-10", "mise_en_demeure", "préfet"), ev("2026-07-01", "résiliation", "préfet")])
    judged = acts(found)
    assert len(judged) == 1 and judged[0].status is Status.BREACH and judged[0].clause == "manquement"
    message = judged[0].message
    assert "allowed by none of the clauses that give it" in message
    assert "under `manquement` (article 14)" in message and "under `intérêt` (article 14)" in message
    assert "under `demande_utilisateur` (article 14)" in message
    assert end_of(found) == dt.date(2029, 1, 1)     # it has no effect: the term runs to 31/12/2028


def test_of_several_powers_that_allow_it_the_most_specific() -> None:
    # both a public-interest letter and a request precede the act: each power has one condition, met;
    # of equal standing, the first in the file (intérêt)
    found = powers([ev("2026-02-01", "intérêt_public", "préfet"), ev("2026-02-05", "demande", "utilisateur"),
                    ev("2026-03-01", "résiliation", "préfet")])
    assert [(f.clause, f.status) for f in acts(found)] == [("intérêt", Status.FULFILLED)]


def test_an_act_that_names_the_event_a_power_needs_uses_that_power() -> None:
    found = powers([ev("2026-02-01", "intérêt_public", "préfet", "ip"), ev("2026-02-05", "demande", "utilisateur", "d1"),
                    ev("2026-03-01", "résiliation", "préfet", ref="d1")])
    judged = acts(found)
    assert [(f.clause, f.status) for f in judged] == [("demande_utilisateur", Status.FULFILLED)]
    assert any("names clause `demande_utilisateur`" in line for line in judged[0].explanation)


def test_an_act_that_names_a_power_is_judged_under_it_even_when_another_would_allow_it() -> None:
    # the act claims the ground of breach, whose 6 months (10/04 -> 10/10/2026) have not run: a breach, though the
    # public-interest letter would have allowed it
    found = powers([ev("2026-02-01", "intérêt_public", "préfet"), ev("2026-04-10", "mise_en_demeure", "préfet"),
                    ev("2026-07-01", "résiliation", "préfet", subject="manquement")])
    judged = acts(found)
    assert [(f.clause, f.status) for f in judged] == [("manquement", Status.BREACH)]
    assert "allowed by none" not in judged[0].message


def test_the_bearer_decides_first() -> None:
    # the préfet's departure is judged under his own power only; the user's under the user's, whose request is
    # missing (a breach, not "allowed by none": the préfet's power is not the user's to use)
    found = powers([ev("2026-02-01", "départ", "préfet"), ev("2026-03-01", "départ", "utilisateur")])
    judged = sorted((f.clause, f.status, f.acted) for f in found if f.kind == "power" and f.clause.startswith("départ"))
    assert judged == [("départ_préfet", Status.FULFILLED, dt.date(2026, 2, 1)),
                      ("départ_utilisateur", Status.BREACH, dt.date(2026, 3, 1))]
