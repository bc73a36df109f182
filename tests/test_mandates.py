"""Members' mandates of a body (issue 10 item 9; seed 010 art. 10: « élus pour 2 années … renouvelé
chaque année par moitié, la première année, les membres sortants sont désignés par le sort »).

Every expected verdict below is worked out by hand from the rule: a board of 3 installed on
2024-12-07 (period 0 = 2024); mandates of 2 years renewed by half each year, so each mandate lasts
two renewals; the first renewal (2025) sends away 1 or 2 of the 3 (a half of 3, rounded either
way), drawn by lot; the others leave at the 2026 renewal; whoever is elected in 2025 leaves in 2027.
"""

from __future__ import annotations

from clauses.findings import Status
from clauses.language import model as m
from clauses.i18n import localized
from langa_helpers import convention, diagnostics, findings, of

RULES = """langue fr.
convention "Statuts" signée à "Lyon" le 2024-01-10.
partie asso "Association".
événement élection_ca "élection au conseil (colonne `élus`)".
événement tirage_sortants "tirage au sort des premiers sortants (colonne `sortants`)".
durée article 1 : illimitée.
instance conseil "Conseil d'administration" article 10 :
  de 1 à 3 membres
  élus par élection_ca pour 2 ans
  renouvelés par moitié chaque année
  premiers sortants tirés au sort lors de tirage_sortants.
"""

ENGLISH = """language en.
convention "Statutes" signed at "Lyon" on 2024-01-10.
party asso "Association".
event board_election "election to the board".
term article 1 : unlimited.
body board "Board" article 10 :
  of 1 to 3 members
  elected by board_election for 3 years
  renewed by thirds each year
  first leavers drawn by lot.
"""

HEADER = "date,event,élus,sortants,remplace\n"
INSTALLED = "2024-12-07,élection_ca,Alice; Bruno; Chloé,,\n"


def chronological(found) -> list:
    return sorted(found, key=lambda f: f.acted or f.due)


def run(tmp_path, rows: str, as_of: str = "2026-12-01"):
    return chronological(of(findings(convention(RULES), tmp_path, INSTALLED + rows, as_of, header=HEADER),
                            "conseil"))


def statuses(found) -> list[tuple[str, str | None]]:
    return [(f.status.value, f.due.isoformat() if f.due else None) for f in found]


def test_model_french_and_english() -> None:
    fr = convention(RULES).bodies[0].mandates
    assert fr == m.Mandates(election="élection_ca", years=2, share=2, every=1, first_draw=True,
                            draw_event="tirage_sortants")
    en = convention(ENGLISH).bodies[0].mandates
    assert (en.election, en.years, en.share, en.every, en.first_draw, en.draw_event) == (
        "board_election", 3, 3, 1, True, None)
    every_two = convention(RULES.replace("chaque année", "tous les 2 ans").replace("pour 2 ans", "pour 4 ans"))
    assert (every_two.bodies[0].mandates.every, every_two.bodies[0].mandates.years) == (2, 4)


def test_a_body_renewed_by_half_as_the_statutes_say(tmp_path) -> None:
    found = run(tmp_path, "2025-11-15,tirage_sortants,,Bruno,\n"
                          "2025-11-20,élection_ca,Bruno,,\n"
                          "2026-11-20,élection_ca,Alice; Chloé,,\n")
    # installation; 2025: Bruno drawn and re-elected; 2026: Alice and Chloé's mandates end, both
    # re-elected; next: Bruno's (elected 2025-11-20 for 2 years) ends at the 2027 renewal
    assert statuses(found) == [("fulfilled", None), ("fulfilled", "2025-12-31"), ("fulfilled", "2026-12-31"),
                               ("pending", "2027-12-31")]
    assert "Bruno (elected on 2025-11-20)" in found[-1].message
    explained = " ".join(found[1].explanation)
    assert "first leavers drawn by lot on 2025-11-15: Bruno" in explained


def test_french_words(tmp_path) -> None:
    found = run(tmp_path, "2025-11-15,tirage_sortants,,Bruno,\n2025-11-20,élection_ca,Bruno,,\n")
    assert localized(found[1].message, "fr") == ("renouvellement de l'instance `conseil` du jeudi 20 novembre "
                                                 "2025 : Bruno élu(s)")


def test_the_first_renewal_without_a_draw_is_a_breach(tmp_path) -> None:
    found = run(tmp_path, "2025-11-20,élection_ca,Bruno,,\n", as_of="2026-01-15")
    breach = of(found, "conseil", status=Status.BREACH)
    assert statuses(breach) == [("breach", "2025-12-31")]
    assert "no draw is recorded (column `sortants` of `tirage_sortants`)" in breach[0].message


def test_a_draw_that_sends_everyone_away_is_not_a_half(tmp_path) -> None:
    found = run(tmp_path, "2025-11-15,tirage_sortants,,Alice; Bruno; Chloé,\n"
                          "2025-11-20,élection_ca,Alice; Bruno; Chloé,,\n", as_of="2026-01-15")
    breach = of(found, "conseil", status=Status.BREACH)
    assert len(breach) == 1
    assert "3 leavers out of the 3 members first elected: the share is 1/2 (1 to 2)" in breach[0].message


def test_a_draw_naming_someone_not_on_the_board(tmp_path) -> None:
    found = run(tmp_path, "2025-11-15,tirage_sortants,,Denis,\n2025-11-20,élection_ca,Denis,,\n",
                as_of="2026-01-15")
    assert "the draw names Denis, who are not among the members first elected" in of(
        found, "conseil", status=Status.BREACH)[0].message


def test_re_electing_the_whole_board_is_not_a_renewal_by_half(tmp_path) -> None:
    # Bruno drawn: one seat up (no vacancy on a board of 3); three elected, Alice and Chloé early
    found = run(tmp_path, "2025-11-15,tirage_sortants,,Bruno,\n"
                          "2025-11-20,élection_ca,Alice; Bruno; Chloé,,\n", as_of="2026-01-15")
    breach = of(found, "conseil", status=Status.BREACH)
    assert len(breach) == 1
    assert ("3 members elected (Alice, Bruno, Chloé) but 1 seat up for renewal (1 leaving, 0 vacant): "
            "Alice, Chloé still had a mandate running") in breach[0].message


def test_a_year_without_election_when_mandates_end(tmp_path) -> None:
    # 2025: Bruno drawn and re-elected; 2026: no election although Alice's and Chloé's mandates end
    found = run(tmp_path, "2025-11-15,tirage_sortants,,Bruno,\n2025-11-20,élection_ca,Bruno,,\n",
                as_of="2027-01-10")
    breach = of(found, "conseil", status=Status.BREACH)
    assert statuses(breach) == [("breach", "2026-12-31")]
    assert "no election of the body in 2026, when the mandates of Alice (elected on 2024-12-07), Chloé" in (
        breach[0].message)


def test_the_current_year_is_due_not_breached(tmp_path) -> None:
    # as of 2025-06-01 the 2025 renewal (with its draw) is still ahead: due by 2025-12-31, no breach
    found = run(tmp_path, "", as_of="2025-06-01")
    assert statuses(found) == [("fulfilled", None), ("pending", "2025-12-31")]
    assert "the leavers drawn by lot among Alice (elected on 2024-12-07)" in found[-1].message
    soon = run(tmp_path, "", as_of="2025-11-15")
    assert statuses(soon)[-1] == ("upcoming", "2025-12-31")


def test_a_replacement_keeps_the_replaced_member_s_end(tmp_path) -> None:
    # Chloé resigns; Denis replaces her in 2025-03 and leaves when her mandate would have (2026)
    found = run(tmp_path, "2025-03-01,élection_ca,Denis,,Chloé\n"
                          "2025-11-15,tirage_sortants,,Bruno,\n"
                          "2025-11-20,élection_ca,Emma,,\n", as_of="2026-01-15")
    renewal = of(found, "conseil", due="2025-12-31")
    assert statuses(renewal) == [("fulfilled", "2025-12-31")]
    assert "Denis replaces Chloé until the renewal that ends Chloé's mandate" in " ".join(renewal[0].explanation)
    assert "Alice (elected on 2024-12-07), Denis (elected on 2025-03-01)" in of(found, "conseil",
                                                                                  due="2026-12-31")[0].message


def test_a_replacement_that_names_nobody_on_the_board(tmp_path) -> None:
    found = run(tmp_path, "2025-03-01,élection_ca,Denis,,Zoé\n", as_of="2025-06-01")
    assert "replaces Zoé, who holds no seat" in " ".join(f.message for f in found)


def test_english_thirds_with_the_draw_on_the_election(tmp_path) -> None:
    # three members, mandates of 3 years renewed by thirds each year: one leaves in 2025 and one in
    # 2026, drawn by lot (here named on the election itself), the last in 2027
    rows = ("2024-12-07,board_election,Ann; Ben; Cat,,\n"
            "2025-12-01,board_election,Dan,Ben,\n"
            "2026-12-01,board_election,Eve,Ann,\n")
    found = chronological(of(findings(convention(ENGLISH), tmp_path, rows, "2027-01-10",
                                      header="date,event,elected,leaving,replaces\n"), "board"))
    assert statuses(found) == [("fulfilled", None), ("fulfilled", "2025-12-31"), ("fulfilled", "2026-12-31"),
                               ("pending", "2027-12-31")]
    assert "Cat (elected on 2024-12-07)" in found[-1].message


def test_names_and_lint() -> None:
    unknown = diagnostics(RULES.replace("élus par élection_ca", "élus par élection_cx"))
    assert [(d.code, "élection_ca" in (d.hint or "")) for d in unknown if d.code == "N002"] == [("N002", True)]
    twice = diagnostics(RULES.replace("  renouvelés par moitié chaque année\n",
                                      "  renouvelés par moitié chaque année\n  renouvelés par tiers chaque année\n"))
    assert [d.code for d in twice if d.code == "V012"] == ["V012"]

