"""Constructs on acts (issue 10): what an act states (`indiquant`), standing duties (`à tout moment …
méconnue par`), duties with no time limit (`sans délai fixé`), joint acts (`conjointement`), lists among
lists (`parmi`) and an attribute compared with another event's attribute.

The rules are in docs/language.md, *Acts: what they state, standing duties, no time limit, joint acts,
lists*. Every date below is worked out by hand in the comment next to the assertion.
"""

from __future__ import annotations

import datetime as dt

from clauses.findings import Status
from clauses.language import model as m

from langa_helpers import convention, diagnostics, findings, of

D = dt.date.fromisoformat

HEAD = """langue fr.
convention "Convention d'objectifs" signée à "Paris" le 2024-01-10.
partie unaf "UNAF".
partie udaf "UDAF".
événement dénonciation "lettre de dénonciation".
événement rapport "rapport financier".
événement ag "assemblée générale".
événement convocation "convocation".
événement obstruction "refus d'un contrôle".
événement contrôle "accès donné aux contrôleurs".
événement difficulté "difficulté".
événement information "information de l'UNAF".
événement état_des_lieux "état des lieux".
événement séance "séance".
événement registre "registre de sécurité".
durée article 1 : 2 ans à compter du 2024-01-10 sans renouvellement.
"""
LOG = "date,event,by,to,via,id,ref,motifs,contenu,remboursements,questions,ordre_du_jour,personnes,effectif\n"


def conv(text: str):
    return convention(HEAD + text)


def codes(text: str) -> list[str]:
    return [d.code for d in diagnostics(HEAD + text)]


# ------------------------------------------------------------------ contents
def test_contents_lower_to_the_clause() -> None:
    c = conv("obligation r article 2 : udaf doit rapport au plus tard 2024-04-30 indiquant remboursements, budget.\n"
             "pouvoir d article 8 : chaque partie peut dénonciation indiquant motifs.\n")
    assert c.clauses[0].contents == ("remboursements", "budget")
    assert c.clauses[1].contents == ("motifs",)
    # the English spelling gives the same model (a mixed file is only a warning)
    en = convention(HEAD + "obligation r article 2 : udaf doit rapport "
                    "au plus tard 2024-04-30 stating remboursements, budget.\n")
    assert en.clauses[0].contents == c.clauses[0].contents


def test_an_item_listed_twice_is_reported() -> None:
    assert "V012" in codes("obligation r article 2 : udaf doit rapport au plus tard 2024-04-30 "
                           "indiquant budget, budget.\n")


def test_a_duty_act_lacking_an_item_is_its_own_breach(tmp_path) -> None:
    c = conv("obligation r article 2 : udaf doit rapport au plus tard 2024-04-30 indiquant remboursements.\n")
    rows = ("2024-03-01,rapport,udaf,unaf,,R1,,,,,,,,\n"          # no mention: a breach of its own
            "2025-03-01,rapport,udaf,unaf,,R2,,,,0,,,,\n"         # 0 € refunded is a mention
            "2025-04-01,rapport,udaf,unaf,,R3,,,budget; Remboursements,,,,,\n"   # listed in `contenu`
            "2025-05-01,rapport,udaf,unaf,,R4,,,,non,,,,\n")      # `non` is no mention
    found = findings(c, tmp_path, rows, "2025-06-01", LOG)
    lacking = sorted(f.acted for f in of(found, "r", status=Status.BREACH) if f.extra.get("code") == "C010")
    assert lacking == [D("2024-03-01"), D("2025-05-01")]
    first = of(found, "r", acted="2024-03-01")[0]
    assert "does not state `remboursements`" in first.message and first.due is None
    assert any("judged apart" in line for line in first.explanation)
    # the act of 2024-03-01 still meets the time limit of 2024-04-30 (content and lateness judged apart)
    timely = of(found, "r", due="2024-04-30")[0]
    assert timely.status is Status.FULFILLED


def test_a_power_act_lacking_an_item_has_no_effect(tmp_path) -> None:
    c = conv("pouvoir d article 8 : chaque partie peut dénonciation par LRAR indiquant motifs "
             "met fin à la convention.\n")
    found = findings(c, tmp_path, "2024-06-03,dénonciation,unaf,udaf,lrar,D1,,,,,,,,\n", "2024-07-01", LOG)
    power = of(found, "d")[0]
    assert power.status is Status.BREACH and power.extra["code"] == "C010"
    # no effect: the convention still runs to its term 2024-01-10 + 2 years = 2026-01-09 (ends 2026-01-10)
    term = next(f for f in found if f.kind == "term")
    assert term.due == D("2026-01-10") and term.status is Status.PENDING
    found = findings(c, tmp_path, "2024-06-03,dénonciation,unaf,udaf,lrar,D1,,retards répétés,,,,,,\n",
                     "2024-07-01", LOG)
    assert of(found, "d")[0].status is Status.FULFILLED


def test_the_code_reaches_ci_output(tmp_path) -> None:
    from clauses.output.check_ci import CODE_OF

    assert "C010" not in CODE_OF.values()   # its own code, not the generic breach
    from clauses.codes import CODES

    assert CODES["C010"].severity.value == "error"


# ------------------------------------------------------------------ standing duties
STANDING = "obligation contrôles article 5 : udaf doit contrôle à tout moment méconnue par obstruction.\n"


def test_a_standing_duty_is_in_force_and_never_dropped(tmp_path) -> None:
    c = conv(STANDING)
    assert c.clauses[0].deadline.manner == "at_any_time" and c.clauses[0].violated_by == "obstruction"
    found = findings(c, tmp_path, "", "2025-06-01", LOG)
    duty = of(found, "contrôles")
    assert [f.status for f in duty] == [Status.PENDING]
    # in force since the start of the convention, 2024-01-10
    assert "since 2024-01-10" in duty[0].message and duty[0].due is None


def test_each_obstruction_while_in_force_is_a_breach(tmp_path) -> None:
    c = conv(STANDING)
    rows = ("2024-01-05,obstruction,udaf,unaf,,O0,,,,,,,,\n"    # before the start (2024-01-10): not counted
            "2024-05-02,obstruction,udaf,unaf,,O1,,,,,,,,\n"
            "2025-02-11,obstruction,,unaf,,O2,,,,,,,,\n"        # no `by`: counts against the debtor
            "2024-07-01,obstruction,unaf,,,O3,,,,,,,,\n")       # by another party: not the debtor's failure
    found = findings(c, tmp_path, rows, "2025-06-01", LOG)
    breaches = of(found, "contrôles", status=Status.BREACH)
    assert sorted(f.acted for f in breaches) == [D("2024-05-02"), D("2025-02-11")]
    assert any(not n.counted and "before the convention started" in n.reason for f in breaches for n in f.events)
    assert not of(found, "contrôles", status=Status.PENDING)


def test_a_standing_duty_is_discharged_after_the_end(tmp_path) -> None:
    c = conv(STANDING)
    # term: 2024-01-10 + 2 years = last day 2026-01-09, ends 2026-01-10; an obstruction on 2026-02-01 is after
    found = findings(c, tmp_path, "2026-02-01,obstruction,udaf,,,O1,,,,,,,,\n", "2026-03-01", LOG)
    duty = of(found, "contrôles")
    assert [f.status for f in duty] == [Status.DISCHARGED]
    assert any("after the duty stopped applying" in n.reason for n in duty[0].events)


def test_standing_duty_checks() -> None:
    # `méconnue par` on a duty with a limit: its breach is being late
    assert "V012" in codes("obligation x article 5 : udaf doit contrôle au plus tard 2024-04-30 "
                           "méconnue par obstruction.\n")
    # an unknown breaching event is a name error
    assert "N002" in codes("obligation x article 5 : udaf doit contrôle à tout moment méconnue par obstructio.\n")


def test_lint_warns_on_a_standing_duty_nothing_breaches(tmp_path) -> None:
    from clauses.lint.pipeline import lint_file

    path = tmp_path / "c.clauses"
    path.write_text(HEAD + "obligation x article 5 : udaf doit contrôle à tout moment.\n"
                    "obligation y article 4 : unaf conjointement doit état_des_lieux au plus tard 2024-02-01.\n"
                    "obligation z article 4 : unaf et udaf conjointement doivent état_des_lieux au plus tard "
                    "2024-02-01.\n", encoding="utf-8")
    found = [(d.code, d.span.line) for d in lint_file(path).diagnostics if d.code in ("G020", "G021")]
    assert ("G020", 17) in found and ("G021", 18) in found and len(found) == 2


# ------------------------------------------------------------------ no time limit
def test_no_time_limit_is_pending_never_a_breach(tmp_path) -> None:
    c = conv("obligation informer article 6 : udaf doit information envers unaf sans délai fixé après difficulté.\n")
    assert c.clauses[0].deadline == m.Prompt(manner="no_limit", event="difficulté")
    rows = "2024-03-01,difficulté,udaf,,,X1,,,,,,,,\n2024-09-02,difficulté,udaf,,,X2,,,,,,,,\n" \
           "2024-09-20,information,udaf,unaf,,I1,,,,,,,,\n"
    found = findings(c, tmp_path, rows, "2025-06-01", LOG)
    statuses = sorted((f.status.value, f.window_start) for f in of(found, "informer"))
    # the information of 2024-09-20 answers the first difficulty (2024-03-01); the second (2024-09-02) is still
    # due 272 days later, as of 2025-06-01 (2024-09-02 -> 2025-06-01: 28 + 31 + 30 + 31 + 31 + 28 + 31 + 30
    # + 31 + 1 = 272)
    assert statuses == [("fulfilled", D("2024-03-01")), ("pending", D("2024-09-02"))]
    pending = of(found, "informer", status=Status.PENDING)[0]
    assert "272 days after 2024-09-02" in pending.message and "with no time limit" in pending.message
    assert not of(found, "informer", status=Status.BREACH)


def test_a_reading_gives_a_no_time_limit_duty_a_number_of_days(tmp_path) -> None:
    c = conv('obligation informer article 6 : udaf doit information sans délai fixé après difficulté\n'
             '  lecture 15 jours car "usage".\n')
    found = findings(c, tmp_path, "2024-03-01,difficulté,udaf,,,X1,,,,,,,,\n", "2024-06-01", LOG)
    # 2024-03-01 + 15 days = Saturday 2024-03-16, extended to Monday 2024-03-18 (CPC art. 642)
    assert [(f.status, f.due) for f in of(found, "informer")] == [(Status.BREACH, D("2024-03-18"))]


# ------------------------------------------------------------------ joint duties
JOINT = ("obligation edl article 4 : unaf et udaf conjointement doivent état_des_lieux "
         "au plus tard 2024-02-01.\n")


def test_a_joint_duty_needs_an_act_of_every_debtor(tmp_path) -> None:
    c = conv(JOINT)
    assert c.clauses[0].bearer == m.Bearer(type="list", parties=("unaf", "udaf"), together=True)
    found = findings(c, tmp_path, "2024-01-20,état_des_lieux,unaf,,,E1,,,,,,,,\n", "2024-03-01", LOG)
    duty = of(found, "edl")
    assert [(f.status, f.due, f.parties) for f in duty] == [(Status.BREACH, D("2024-02-01"), ("unaf", "udaf"))]
    assert "done without udaf" in duty[0].message
    found = findings(c, tmp_path, "2024-01-20,état_des_lieux,unaf,,,E1,,,,,,,,\n"
                     "2024-01-25,état_des_lieux,udaf;unaf,,,E2,,,,,,,,\n", "2024-03-01", LOG)
    assert [f.status for f in of(found, "edl")] == [Status.FULFILLED]


def test_all_the_parties_jointly(tmp_path) -> None:
    c = conv("obligation edl article 4 : les parties conjointement doivent état_des_lieux au plus tard 2024-02-01.\n")
    assert c.clauses[0].bearer.type == "joint" and c.clauses[0].bearer.together
    found = findings(c, tmp_path, "2024-01-20,état_des_lieux,udaf,,,E1,,,,,,,,\n", "2024-03-01", LOG)
    assert [f.status for f in of(found, "edl")] == [Status.BREACH]


# ------------------------------------------------------------------ lists and attributes
def test_questions_among_the_agenda_of_their_convocation(tmp_path) -> None:
    c = conv("interdiction odj article 12 : udaf ne doit pas ag si non ag.questions parmi convocation.ordre_du_jour.\n")
    rows = ("2024-03-01,convocation,udaf,,,C1,AG1,,,,,budget; élection,,\n"
            "2024-03-20,convocation,udaf,,,C2,AGX,,,,,statuts,,\n"
            "2024-03-25,ag,udaf,,,AG1,,,,,Élection ;budget,,,\n"
            "2024-09-01,convocation,udaf,,,C3,,,,,,budget,,\n"
            "2024-09-20,ag,udaf,,,AG2,,,,,budget; local,,,\n"
            "2024-10-01,ag,udaf,,,AGX,,,,,statuts,,,\n")
    found = findings(c, tmp_path, rows, "2024-12-01", LOG)
    verdicts = {f.acted: f.status for f in of(found, "odj")}
    # AG1: its convocation C1 names it (ref), not the later C2; both questions on C1's agenda (case ignored)
    assert verdicts[D("2024-03-25")] is Status.DISCHARGED
    # AG2: no convocation names it: the latest before it, C3 (budget only): `local` is off the agenda
    assert verdicts[D("2024-09-20")] is Status.BREACH
    off = of(found, "odj", acted="2024-09-20")[0]
    assert any("not among them: `local`" in line for line in off.explanation)
    # AGX: named by C2
    assert verdicts[D("2024-10-01")] is Status.DISCHARGED


def test_attendance_against_the_figure_of_the_register(tmp_path) -> None:
    c = conv("interdiction eff article 3 : udaf ne doit pas séance si séance.personnes plus de registre.effectif.\n")
    rows = ("2024-02-01,registre,unaf,,,R1,,,,,,,,100\n"
            "2024-02-10,séance,udaf,,,S1,,,,,,,100,\n"      # 100, not more than 100
            "2024-02-11,séance,udaf,,,S2,,,,,,,101,\n"      # above 100
            "2024-03-01,registre,unaf,,,R2,,,,,,,,150\n"
            "2024-03-02,séance,udaf,,,S3,,,,,,,120,\n")     # below the new figure
    found = findings(c, tmp_path, rows, "2024-04-01", LOG)
    verdicts = {f.acted: f.status for f in of(found, "eff")}
    assert verdicts == {D("2024-02-10"): Status.DISCHARGED, D("2024-02-11"): Status.BREACH,
                        D("2024-03-02"): Status.DISCHARGED}
    breach = of(found, "eff", status=Status.BREACH)[0]
    assert "registre.effectif = 100" in " ".join(breach.explanation)


def test_list_and_attribute_checks() -> None:
    # `parmi` compares a list column with a list, not a number
    assert "V019" in codes("interdiction x article 12 : udaf ne doit pas ag si ag.questions parmi 3.\n")
    # an attribute compared with another event's attribute: the other event must be declared
    assert "N002" in codes("interdiction x article 3 : udaf ne doit pas séance si séance.personnes plus de "
                           "registr.effectif.\n")
