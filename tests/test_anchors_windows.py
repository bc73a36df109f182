"""Anchors and windows (issue 10, item 5), one construct: calendar points a limit is anchored on
(the start, the term end, the end of each period, the last day of the period before), limits
counted forward from them, calendar windows the act must fall in, the later (or earlier) of
several events, which periods a duty counts, and a power's effect on a calendar point.

Every date is worked out by hand in the comment next to its assertion. The convention runs
`du 2023-03-01 au 2025-12-31`: its last day in force is 2025-12-31, the day a limit counted from
the term end runs from (CPC art. 641: from the day of the event, the expiry at its midnight).
French public holidays used below: 2024-04-01 (Easter Monday), 2024-05-20 (Whit Monday),
2026-05-01 (Fête du travail).
"""

from __future__ import annotations

import datetime as dt

from clauses.codes import Severity
from clauses.evaluation import evaluate
from clauses.events import Event
from clauses.findings import Status
from clauses.language.load import load_source
from clauses.language.source import SourceText

HEAD = """langue fr.
convention "Subvention" signée à "Lyon" le 2023-03-01.
partie etat "État".
partie asso "Association".
événement acte "acte".
événement notification "notification".
événement approbation "approbation".
événement renonciation "renonciation".
durée article 1 : du 2023-03-01 au 2025-12-31.
"""
EN_HEAD = """language en.
convention "Grant" signed at "Lyon" on 2023-03-01.
party etat "State".
party asso "Association".
event acte "act".
event notification "notification".
event approbation "approval".
event renonciation "renunciation".
term article 1: from 2023-03-01 to 2025-12-31.
"""
D = dt.date.fromisoformat


def load(body: str, head: str = HEAD):
    return load_source(SourceText("t.clauses", head + body))


def model(body: str, head: str = HEAD):
    result = load(body, head)
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR], result.diagnostics
    return result.convention


def act(date: str, name: str = "acte", period: str | None = None, by: str = "asso") -> Event:
    attrs = {"period": period} if period else {}
    return Event(date=D(date), event=name, by=(by,), attrs=attrs, origin="log.csv:1", row=1)


def duties(body: str, events, as_of: str, head: str = HEAD):
    findings, _ = evaluate(model(body, head), events, D(as_of), 60)
    return sorted((f for f in findings if f.kind == "duty"), key=lambda f: (f.due or D("9999-12-31"), f.clause))


def statuses(found):
    return [(f.due, f.status) for f in found]


def duty(deadline: str) -> str:
    return f"obligation o article 2 : asso doit acte {deadline}.\n"


# ------------------------------------------------------------------ the forms, in French and English
def test_each_form_reads_the_same_in_french_and_english() -> None:
    pairs = [
        ("au plus tard le dernier jour du trimestre précédent périodes civiles",
         "at the latest the last day of the previous quarter calendar periods"),
        ("dans 4 mois suivant l'échéance", "within 4 months following the term end"),
        ("au plus tard 4 mois après le terme", "at the latest 4 months after the term end"),
        ("dans 6 mois suivant la clôture de chaque exercice périodes civiles",
         "within 6 months following the close of each financial year calendar periods"),
        ("avant le début", "before the start"),
        ("au cours du second semestre 2024", "during the second half-year 2024"),
        ("en novembre de chaque année", "in November each year"),
        ("entre le 1er septembre et le 31 octobre de chaque année", "between 1 September and 31 October each year"),
        ("au cours du dernier trimestre de chaque année", "during the last quarter each year"),
        ("dans un délai de 30 jours à compter de la dernière des deux dates : notification et approbation",
         "within 30 days from the later of notification and approbation"),
        ("au plus tard la fin du mois de janvier de chaque année pour le premier trimestre",
         "at the latest end of January each year for the first quarter"),
    ]
    for fr, en in pairs:
        french = model(duty(fr)).clause("o")
        english = model(f"duty o article 2: asso must acte {en}.\n", EN_HEAD).clause("o")
        assert (french.deadline, french.periods) == (english.deadline, english.periods), fr


def test_the_model_of_each_point() -> None:
    rent = model(duty("au plus tard le dernier jour du trimestre précédent sauf le premier trimestre "
                      "périodes civiles")).clause("o")
    assert (rent.deadline.point.of, rent.deadline.point.period_months, rent.deadline.inclusive) == \
        ("previous_period_end", 3, True)
    assert (rent.periods.ordinal, rent.periods.period_months, rent.periods.only) == (1, 3, False)
    report = model(duty("dans 4 mois suivant l'échéance")).clause("o").deadline
    assert (report.point.of, str(report.after)) == ("term_end", "4 months")
    before = model(duty("avant la prise d'effet")).clause("o").deadline
    assert (before.point.of, before.inclusive) == ("term_start", False)
    january = model(duty("avant la fin du mois de janvier de chaque année")).clause("o").deadline
    # the end of a month is a moment: `avant` it still lets its last day count
    assert (january.month, january.day, january.month_end, january.inclusive, january.years_after) == \
        (1, 31, True, True, 0)
    august = model(duty("au plus tard la fin du mois d'août de chaque année")).clause("o").deadline
    assert august.month == 8


# ------------------------------------------------------------------ points of each period
RENT = duty("au plus tard le dernier jour du trimestre précédent périodes civiles")


def test_rent_payable_in_advance_by_the_last_day_of_the_previous_quarter() -> None:
    found = duties(RENT, [act("2023-03-28", period="2023-04-01"), act("2023-07-05", period="2023-07-01")],
                   "2023-08-01")
    # Q1 2023 (2023-03-01 – 03-31): its date 2023-02-28 falls before the start: nothing owed;
    # Q2: the last day of Q1, 2023-03-31, inclusive (a named day, never extended): paid 03-28, on time;
    # Q3: by 2023-06-30, paid 2023-07-05: 5 days late;
    # Q4: by 2023-09-30, as of 2023-08-01 + 60 days = 2023-09-30 horizon: upcoming.
    assert statuses(found[:4]) == [(D("2023-03-31"), Status.FULFILLED), (D("2023-06-30"), Status.BREACH),
                                   (D("2023-09-30"), Status.UPCOMING), (None, Status.DISCHARGED)]
    assert "5 days after the deadline" in found[1].message
    assert "falls before the convention starts" in found[3].message
    # paid in advance: any earlier act counts
    assert found[1].window_start is None


def test_a_payment_that_names_its_quarter_counts_for_that_quarter_only() -> None:
    # a payment of 2023-06-20 for Q4 (period 2023-10-01) does not pay Q3, due 2023-06-30
    found = duties(RENT, [act("2023-03-28", period="2023-04-01"), act("2023-06-20", period="2023-10-01")],
                   "2023-08-01")
    assert statuses(found[:3]) == [(D("2023-03-31"), Status.FULFILLED), (D("2023-06-30"), Status.BREACH),
                                   (D("2023-09-30"), Status.FULFILLED)]


def test_which_periods_a_duty_counts() -> None:
    body = duty("au plus tard le dernier jour du trimestre précédent sauf le premier trimestre périodes civiles")
    found = duties(body, [], "2024-12-31")
    # every quarter but the first of each year: Q2, Q3, Q4 2023 and Q2, Q3, Q4 2024 (Q1 2024 left out),
    # then Q2 2025 due 2025-03-31 (in the horizon of 60 days from 2024-12-31? no: 2025-03-01 is the limit)
    dues = [f.due for f in found]
    assert D("2023-12-31") not in dues            # Q1 2024 would be due on the last day of Q4 2023
    assert [d for d in dues if d and d.year == 2024] == [D("2024-03-31"), D("2024-06-30"), D("2024-09-30")]
    january = duty("au plus tard la fin du mois de février de chaque année pour le premier trimestre")
    found = duties(january, [act("2024-02-10", period="2024-01-01")], "2025-12-01")
    # Q1 2023 (from 2023-03-01): due 2023-02-28, before the start: nothing owed;
    # Q1 2024: the end of February 2024 is the 29th (a leap year), paid 2024-02-10;
    # Q1 2025: 2025-02-28, nothing paid.
    assert statuses(found) == [(D("2024-02-29"), Status.FULFILLED), (D("2025-02-28"), Status.BREACH),
                               (None, Status.DISCHARGED)]
    assert "for quarter 1 of 2024" in found[0].message


CLOSE = duty("dans 6 mois suivant la clôture de chaque exercice périodes civiles survit au terme")


def test_a_limit_counted_forward_from_the_end_of_each_period() -> None:
    events = [act("2024-06-28", period="2023"), act("2025-07-02", period="2024")]
    found = duties(CLOSE, events, "2026-08-01")
    # 2023 (from 2023-03-01): 2023-12-31 + 6 months = 2024-06-30, a Sunday -> 2024-07-01 (CPC 642): on time;
    # 2024: 2024-12-31 + 6 months = 2025-06-30 (Monday): the act of 2025-07-02 is 2 days late;
    # 2025: 2025-12-31 + 6 months = 2026-06-30, after the end but the duty survives: breach.
    assert statuses(found) == [(D("2024-07-01"), Status.FULFILLED), (D("2025-06-30"), Status.BREACH),
                               (D("2026-06-30"), Status.BREACH)]
    assert found[0].window_start == D("2023-03-01")
    assert any("extended to the next working day" in line for line in found[0].explanation)


def test_the_last_period_is_discharged_unless_the_duty_survives() -> None:
    body = duty("dans 6 mois suivant la clôture de chaque exercice périodes civiles")
    found = duties(body, [], "2026-08-01")
    # the 2025 instance falls due on 2026-06-30, after the end (2026-01-01, come by 2026-08-01)
    assert found[-1].status is Status.DISCHARGED and found[-1].due == D("2026-06-30")
    warnings = [d.code for d in load(body).diagnostics]
    assert "T104" not in warnings     # lint, not load: see test_lint_warns_of_the_last_period


# ------------------------------------------------------------------ points of the term
def test_a_limit_counted_forward_from_the_term_end() -> None:
    for body in (duty("dans 4 mois suivant l'échéance"), duty("au plus tard 4 mois après le terme")):
        # the term ends at midnight of its last day in force, 2025-12-31 (CPC art. 641 counts from that day):
        # + 4 months = 2026-04-30, a Thursday; counted from the term end, not discharged by that end
        assert statuses(duties(body, [], "2026-06-01")) == [(D("2026-04-30"), Status.BREACH)]
        # an act before the end does not count: the limit runs from the end
        found = duties(body, [act("2025-12-15"), act("2026-04-15")], "2026-06-01")
        assert statuses(found) == [(D("2026-04-30"), Status.FULFILLED)]
        assert "2026-04-15" in found[0].message
    # at the latest at the term end (or before it: the end is a moment): its last day in force
    for body in (duty("au plus tard à l'échéance"), duty("avant le terme")):
        assert statuses(duties(body, [act("2025-12-31")], "2026-02-01")) == [(D("2025-12-31"), Status.FULFILLED)]


def test_a_limit_on_the_start() -> None:
    events = [act("2023-03-01")]
    # `avant le début`: the day before the start, 2023-02-28, is the last that counts: 2023-03-01 is late;
    # `au plus tard à la prise d'effet`: the start itself counts.
    assert statuses(duties(duty("avant le début"), events, "2023-04-01")) == [(D("2023-02-28"), Status.BREACH)]
    assert statuses(duties(duty("au plus tard à la prise d'effet"), events, "2023-04-01")) == \
        [(D("2023-03-01"), Status.FULFILLED)]
    # an act long before the start (the insurance taken out a year earlier) counts
    assert statuses(duties(duty("avant le début"), [act("2022-03-01")], "2023-04-01")) == \
        [(D("2023-02-28"), Status.FULFILLED)]


def test_a_limit_on_the_start_explains_its_date() -> None:
    found = duties(duty("avant le début"), [], "2023-01-15")
    assert found[0].status is Status.UPCOMING
    assert any("`avant` excludes it" in line for line in found[0].explanation)


# ------------------------------------------------------------------ dates of each year
def test_yearly_dates_for_the_previous_year_while_in_force() -> None:
    body = duty("avant le 30 avril de chaque année de la convention pour l'année précédente")
    found = duties(body, [act("2023-04-15", period="2022"), act("2024-05-12", period="2023")], "2025-06-01")
    # one instance per year whose date falls in force: 2023-04-29 (for 2022), 2024-04-29 (for 2023),
    # 2025-04-29 (for 2024); 2026-04-29 falls after the end (2026-01-01): none.
    assert statuses(found) == [(D("2023-04-29"), Status.FULFILLED), (D("2024-04-29"), Status.BREACH),
                               (D("2025-04-29"), Status.BREACH)]
    assert "13 days after the deadline" in found[1].message     # 2024-04-29 -> 2024-05-12
    # the default counts the years in force: 2023, 2024 and 2025, due the year after each
    default = duties(duty("avant le 30 avril de chaque année pour l'année précédente"), [], "2025-12-01")
    assert [f.due for f in default] == [D("2024-04-29"), D("2025-04-29"), D("2026-04-29")]


def test_a_yearly_date_before_the_start_is_not_owed() -> None:
    found = duties(duty("au plus tard le 30 juin de chaque année"), [], "2023-03-15")
    # 2023-06-30 is after the start: owed; an instance for a year whose date precedes the start is not
    assert found[0].due == D("2023-06-30")
    early = duties(duty("au plus tard le 31 janvier de chaque année"), [], "2024-03-01")
    # 2023-01-31 falls before the start (2023-03-01): nothing owed for 2023; 2024-01-31: breach
    assert [(f.due, f.status) for f in early[:2]] == [(D("2024-01-31"), Status.BREACH), (None, Status.DISCHARGED)]


# ------------------------------------------------------------------ windows
def test_a_yearly_window_in_november() -> None:
    body = duty("en novembre de chaque année")
    found = duties(body, [act("2023-10-20"), act("2024-11-12")], "2025-10-15")
    # 2023: 2023-11-01 – 11-30: the act of 2023-10-20 came before the window: breach, and it is said why;
    # 2024: 2024-11-12 is inside; 2025: the window opens on 2025-11-01, within the horizon (2025-12-14).
    assert statuses(found) == [(D("2023-11-30"), Status.BREACH), (D("2024-11-30"), Status.FULFILLED),
                               (D("2025-11-30"), Status.UPCOMING)]
    assert "before the window opens on 2023-11-01" in found[0].message
    assert found[0].events[0].counted is False


def test_a_window_of_a_given_half_year() -> None:
    body = duty("au cours du second semestre 2024")
    # 2024-07-01 – 2024-12-31; as of 2024-09-01 the window is open: upcoming although it closes
    # beyond the horizon (2024-10-31)
    assert statuses(duties(body, [act("2024-06-30")], "2024-09-01")) == [(D("2024-12-31"), Status.UPCOMING)]
    found = duties(body, [act("2024-06-30")], "2025-01-15")
    assert statuses(found) == [(D("2024-12-31"), Status.BREACH)]
    assert "1 day" not in found[0].message and "before the window opens" in found[0].message
    # an act after the window is late, and is not taken from another window
    late = duties(body, [act("2025-01-10")], "2025-01-15")
    assert "10 days after the window closed" in late[0].message


def test_windows_between_two_days_and_in_the_last_quarter() -> None:
    found = duties(duty("entre le 1er septembre et le 31 octobre de chaque année"), [act("2023-09-01"),
                                                                                 act("2024-10-31")], "2024-12-01")
    # (the 2025 window is listed too: its year is within the horizon of 60 days, 2025-01-30)
    assert statuses(found[:2]) == [(D("2023-10-31"), Status.FULFILLED), (D("2024-10-31"), Status.FULFILLED)]
    quarter = duties(duty("au cours du dernier trimestre de chaque année"), [act("2023-12-31")], "2024-01-05")
    # 2023-10-01 – 12-31: the last day counts
    assert statuses(quarter[:1]) == [(D("2023-12-31"), Status.FULFILLED)]
    across = duties(duty("entre le 1er décembre et le 31 janvier de chaque année"), [act("2024-01-15")], "2024-02-15")
    # the window runs into the next year: 2023-12-01 – 2024-01-31
    assert statuses(across[:1]) == [(D("2024-01-31"), Status.FULFILLED)]
    assert across[0].window_start == D("2023-12-01")


def test_a_window_that_closed_before_the_start_is_not_owed() -> None:
    found = duties(duty("en février de chaque année"), [], "2025-03-15")
    # February 2023 precedes the start (2023-03-01); 2024: 2024-02-29 (a leap year); 2025: 2025-02-28
    assert [f.due for f in found] == [D("2024-02-29"), D("2025-02-28")]


def test_a_window_written_with_dates() -> None:
    found = duties(duty("entre le 2024-09-01 et le 2024-10-31"), [act("2024-09-15")], "2024-12-01")
    assert statuses(found) == [(D("2024-10-31"), Status.FULFILLED)]
    bad = load(duty("entre le 2024-10-31 et le 2024-09-01"))
    assert [d.code for d in bad.diagnostics if d.severity is Severity.ERROR] == ["V002"]


# ------------------------------------------------------------------ the later (or earlier) of two events
LATER = duty("dans un délai de 30 jours à compter de la dernière des deux dates : notification et approbation")


def test_the_later_of_two_events() -> None:
    events = [act("2024-03-01", "notification", by="etat"), act("2024-04-20", "approbation", by="etat")]
    # the later is 2024-04-20; + 30 days = 2024-05-20, Whit Monday -> 2024-05-21
    found = duties(LATER, events + [act("2024-05-21")], "2024-06-01")
    assert statuses(found) == [(D("2024-05-21"), Status.FULFILLED)]
    assert any("approbation of 2024-04-20" in line for line in found[0].explanation)
    # pending until both happened
    waiting = duties(LATER, events[:1], "2024-03-15")
    assert statuses(waiting) == [(None, Status.PENDING)]
    assert "waits for approbation" in waiting[0].message


def test_the_earlier_of_two_events() -> None:
    body = duty("dans un délai de 30 jours à compter de la première des deux dates : notification et approbation")
    events = [act("2024-03-01", "notification", by="etat"), act("2024-04-20", "approbation", by="etat")]
    # 2024-03-01 + 30 days = 2024-03-31, a Sunday -> Monday 2024-04-01 is Easter Monday -> 2024-04-02
    assert statuses(duties(body, events, "2024-06-01")) == [(D("2024-04-02"), Status.BREACH)]
    # the earlier is known as soon as one of them happened
    assert statuses(duties(body, events[:1], "2024-03-15")) == [(D("2024-04-02"), Status.UPCOMING)]


# ------------------------------------------------------------------ limits without a number from a point
def test_at_the_end_of_each_financial_year() -> None:
    body = duty("à la fin de chaque exercice périodes civiles")
    found = duties(body, [], "2024-03-01")
    # 2023 (2023-03-01 – 12-31): due now since 2023-12-31; 2024 not ended yet: due now from 2024-12-31
    assert found[0].status is Status.PENDING and found[0].extra.get("due_now")
    read = duties(duty("à la fin de chaque exercice périodes civiles lecture 3 mois car \"x\""), [], "2024-05-01")
    # read as 3 months: 2023-12-31 + 3 months = 2024-03-31, Sunday -> 2024-04-01 Easter Monday -> 2024-04-02
    assert statuses(read)[0] == (D("2024-04-02"), Status.BREACH)


def test_as_soon_as_the_term_end_with_a_reading() -> None:
    read = duties(duty("dès le terme lecture 15 jours car \"au retour\""), [], "2026-02-01")
    # the last day in force 2025-12-31 + 15 days = 2026-01-15 (a Thursday): not discharged by that end
    assert statuses(read) == [(D("2026-01-15"), Status.BREACH)]
    bare = duties(duty("sans délai après le terme"), [], "2026-02-01")
    assert bare[0].status is Status.PENDING and bare[0].extra.get("due_now")


# ------------------------------------------------------------------ composition
def test_a_forward_limit_from_the_term_end_is_suspended_by_force_majeure() -> None:
    body = ("événement fm \"force majeure\".\névénement fin_fm \"fin de la force majeure\".\n"
            "suspension s article 3 : pendant fm jusqu'à fin_fm.\n" + duty("dans 4 mois suivant l'échéance"))
    events = [act("2026-02-01", "fm", by="asso"), act("2026-02-11", "fin_fm", by="asso")]
    # due 2026-04-30 (above); 10 days of suspension -> 2026-05-10, a Sunday -> Monday 2026-05-11
    assert statuses(duties(body, events, "2026-06-01")) == [(D("2026-05-11"), Status.BREACH)]


def test_a_power_that_takes_effect_on_the_first_of_january_of_the_next_year() -> None:
    body = ("pouvoir renoncer article 4 : asso peut renonciation prend effet le 1er janvier de l'année suivante "
            "met fin à la convention.\n")
    findings, _ = evaluate(model(body), [act("2024-06-10", "renonciation")], D("2025-02-01"), 60)
    term = next(f for f in findings if f.kind == "term")
    # renounced on 2024-06-10: it takes effect on 2025-01-01
    assert term.due == D("2025-01-01") and term.status is Status.DISCHARGED


# ------------------------------------------------------------------ names, values, lint
def test_what_a_draft_can_get_wrong_is_reported() -> None:
    def codes(body: str, head: str = HEAD) -> list[str]:
        return [d.code for d in load(body, head).diagnostics]

    assert "V002" in codes(duty("au cours du troisième semestre 2024"))      # a year has two semesters
    assert "V011" in codes(duty("dans 6 mois suivant la clôture de chaque exercice"))   # periods not said
    assert "N002" in codes(duty("dans 30 jours à compter de la dernière des dates : notification et approbaton"))
    assert "V012" in codes(duty("dans 30 jours à compter de la dernière des dates : notification et notification"))
    assert "V012" in codes(duty("dans 30 jours après notification sauf le premier trimestre"))  # not per period
    assert "V012" not in codes(duty("au plus tard le dernier jour du trimestre précédent sauf le premier trimestre "
                                    "périodes civiles"))
    no_term = HEAD.replace("durée article 1 : du 2023-03-01 au 2025-12-31.\n", "")
    assert "V003" in codes(duty("dans 4 mois suivant l'échéance"), no_term)


def test_lint_warns_of_the_last_period_and_of_windows(tmp_path) -> None:
    from clauses.lint.pipeline import lint_file

    path = tmp_path / "t.clauses"
    path.write_text(HEAD + duty("dans 6 mois suivant la clôture de chaque exercice périodes civiles")
                    + "obligation p article 2 : asso doit acte au cours du second semestre 2019.\n"
                    + "obligation q article 2 : asso doit acte entre le 31 octobre et le 1er septembre "
                      "de chaque année.\n", encoding="utf-8")
    found = {d.code for d in lint_file(path).diagnostics}
    assert {"T104", "T140", "T141"} <= found


def test_a_window_composes_with_a_condition() -> None:
    body = duty("au cours du second semestre 2024 si notification")
    # no notification by the window's end (2024-12-31): the duty does not apply
    assert statuses(duties(body, [], "2025-01-15")) == [(D("2024-12-31"), Status.DISCHARGED)]
    # notified on 2024-05-01, nothing done in 2024-07-01 – 12-31: breach
    notified = [act("2024-05-01", "notification", by="etat")]
    assert statuses(duties(body, notified, "2025-01-15")) == [(D("2024-12-31"), Status.BREACH)]
