"""Template parameters inside the term forms and limits (issue 10, item 2): `du {début} au {fin}`,
`{durée} à compter du {début}`, `dans la limite de {plafond}`, `au plus tard {date}`, `pas avant le
{date}`, a parameter delay wherever a duration goes; each signed instance is checked against the
template (types, bounds, missing values) with its file:line:col.

Every date is worked out by hand in the comment next to the assertion.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clauses.evaluation import evaluate
from clauses.findings import Status
from clauses.language.load import load
from clauses.lint.pipeline import lint_file
from conftest import ROOT
from langa_helpers import convention, diagnostics

D = dt.date.fromisoformat

TEMPLATE = """langue fr.
convention "Convention de stage" signée à "Lyon" le 2026-03-02.
partie ecole "École".
partie org "Organisme".
événement avenant "avenant de prolongation".
événement bilan "bilan de mi-parcours".
événement visite "visite de l'enseignant".
paramètre début date "Premier jour".
paramètre fin date "Dernier jour".
paramètre plafond durée "Durée maximale, prolongations incluses" au maximum 1 an par défaut 6 mois.
paramètre date_bilan date "Date du bilan".
paramètre délai durée "Délai du bilan" par défaut 15 jours.
durée article 3 :
  du {début} au {fin}
  prolongée par avenant
  dans la limite de {plafond}.
obligation bilan article 5 :
  org doit bilan envers ecole au plus tard {date_bilan}.
obligation compte_rendu article 6 :
  ecole doit visite envers org dans un délai de {délai} à compter de bilan.
pouvoir visiter article 7 :
  ecole peut visite pas avant le {date_bilan}.
"""


def project(tmp_path: Path, values: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "modele.clauses").write_text(TEMPLATE, encoding="utf-8")
    path = tmp_path / "stage.instance.yaml"
    path.write_text("modèle: modele.clauses\nparamètres:\n" + values, encoding="utf-8")
    return path


VALUES = "  début: 2026-04-06\n  fin: 2026-06-12\n  date_bilan: 2026-05-15\n  plafond: 4 mois\n"


def test_an_instance_fills_the_term_and_the_limits(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = load(project(tmp_path, VALUES))
    assert loaded.ok, [d.message for d in loaded.diagnostics]
    conv = loaded.convention
    assert conv.term.start.date == D("2026-04-06") and conv.term.last_day == D("2026-06-12")
    assert str(conv.term.maximum) == "4 months"
    assert conv.clause("bilan").deadline.date == D("2026-05-15")
    assert conv.clause("visiter").conditions[0].date == D("2026-05-15")
    assert str(conv.clause("compte_rendu").deadline.duration) == "15 days"     # the default


def test_the_instance_is_evaluated_with_its_values(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    conv = load(project(tmp_path, VALUES)).convention
    from clauses.events import Event

    events = [Event(date=D("2026-05-18"), event="bilan", by=("org",), to=("ecole",), origin="l:2", row=2),
              Event(date=D("2026-05-10"), event="visite", by=("ecole",), origin="l:3", row=3)]
    found, _ = evaluate(conv, events, D("2026-07-01"), 60)
    # the term: du 2026-04-06 au 2026-06-12 inclusive, it ends at the start of 2026-06-13
    assert next(f for f in found if f.kind == "term").due == D("2026-06-13")
    # `au plus tard {date_bilan}` = 2026-05-15; the report came on 2026-05-18: 3 days late
    bilan = next(f for f in found if f.clause == "bilan")
    assert bilan.status is Status.BREACH and bilan.due == D("2026-05-15")
    # `dans un délai de {délai}` = 15 days from the report of Mon 2026-05-18 = Tue 2026-06-02: no visit since
    assert next(f for f in found if f.clause == "compte_rendu").due == D("2026-06-02")
    # `pas avant le {date_bilan}`: a visit on 2026-05-10 is too early
    assert next(f for f in found if f.clause == "visiter").status is Status.BREACH


def test_a_template_without_instance_lints_with_samples(tmp_path) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    path = tmp_path / "modele.clauses"
    path.write_text(TEMPLATE, encoding="utf-8")
    result = lint_file(path)
    assert result.loaded.ok, [str(d) for d in result.loaded.diagnostics]
    term = result.loaded.convention.term
    # no value and no default: sample first day 2000-01-01, last day one year later less a day
    assert (term.start.date, term.last_day) == (D("2000-01-01"), D("2000-12-31"))


@pytest.mark.parametrize("values, code, line, column, words", [
    # a missing date: reported on the mapping that lacks it
    ("  début: 2026-04-06\n  date_bilan: 2026-05-15\n", "V017", 1, 1, "no value for parameter `fin`"),
    # not a date: at the value itself
    ("  début: 2026-04-06\n  fin: 12/06/2026 au soir\n  date_bilan: 2026-05-15\n", "V018", 4, 8, "not a date"),
    # a duration past its maximum in another unit (400 days > 1 year, whatever the year)
    (VALUES.replace("4 mois", "400 jours"), "V018", 6, 12, "at most 1 years"),
    # 13 months is more than a year (12 months, CPC art. 641)
    (VALUES.replace("4 mois", "13 mois"), "V018", 6, 12, "at most 1 years"),
    # a duration where a date goes
    ("  début: 3 mois\n  fin: 2026-06-12\n  date_bilan: 2026-05-15\n", "V018", 3, 10, "not a date"),
])
def test_each_instance_is_checked_with_file_line_col(tmp_path, monkeypatch, values, code, line, column,
                                                     words) -> None:
    monkeypatch.chdir(tmp_path)
    loaded = load(project(tmp_path, values))
    found = [d for d in loaded.diagnostics if d.code == code]
    assert found, [str(d) for d in loaded.diagnostics]
    assert Path(found[0].span.path).name == "stage.instance.yaml"
    assert (found[0].span.line, found[0].span.column) == (line, column)
    assert words in found[0].message


def test_a_year_is_not_past_twelve_months(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for value in ("12 mois", "365 jours", "52 semaines"):
        loaded = load(project(tmp_path, VALUES.replace("4 mois", value)))
        assert loaded.ok, (value, [d.message for d in loaded.diagnostics])


def test_a_parameter_of_the_wrong_type_in_a_term_form() -> None:
    found = diagnostics(TEMPLATE.replace("du {début} au {fin}", "du {délai} au {fin}"))
    wrong = [d for d in found if d.code == "V018"]
    # line 14 `  du {délai} au {fin}`: the parameter is at column 6
    assert wrong and (wrong[0].span.line, wrong[0].span.column) == (14, 6)
    assert "cannot stand for a date" in wrong[0].message


def test_an_undeclared_parameter_in_a_limit() -> None:
    found = diagnostics(TEMPLATE.replace("au plus tard {date_bilan}", "au plus tard {date_inconnue}"))
    assert any(d.code == "N009" and "date_inconnue" in d.message for d in found)


def test_duration_and_start_as_parameters() -> None:
    conv = convention("""langue fr.
convention "Modèle" signée à "Paris" le 2024-01-10.
partie a "A".
paramètre durée_convention durée "Durée" par défaut 9 ans.
paramètre début date "Prise d'effet" par défaut 2026-01-01.
durée article 3 : {durée_convention} à compter du {début} de plein droit sans renouvellement.
""")
    assert str(conv.term.duration) == "9 years" and conv.term.start.date == D("2026-01-01")


def test_a_parameter_before_the_end_of_each_period_is_a_duration() -> None:
    conv = convention(TEMPLATE + "obligation point article 8 : org doit bilan au plus tard {délai} avant la fin de "
                      "chaque trimestre périodes civiles.\n")
    assert str(conv.clause("point").deadline.duration) == "15 days"


def test_the_corpus_instance_of_006_lints(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = lint_file(ROOT / "examples" / "006_convention_stage_iut" / "stage_2026.instance.yaml")
    assert result.loaded.ok, [str(d) for d in result.loaded.diagnostics]
    assert result.loaded.convention.term.last_day == D("2026-06-12")


def test_on_the_date_an_earlier_act_does_not_count(tmp_path) -> None:
    from langa_helpers import findings, of

    conv = convention("""langue fr.
convention "Modèle" signée à "Paris" le 2026-01-01.
partie p "Propriétaire".
événement vérification "vérification".
paramètre date_ratio date "Date d'un ratio" par défaut 2028-01-01.
durée article 3 : 9 ans à compter du 2026-01-01 sans renouvellement.
obligation sur_la_date article 10 : p doit vérification à la date {date_ratio}.
obligation au_plus_tard article 10 : p doit vérification au plus tard {date_ratio}.
""")
    assert conv.clause("sur_la_date").deadline.exact and not conv.clause("au_plus_tard").deadline.exact
    found = findings(conv, tmp_path, "2027-12-20,vérification,p,,,,,,,,\n", "2028-02-01")
    # à la date du 2028-01-01: the check of 2027-12-20 came before that day and does not count: breach
    assert of(found, "sur_la_date")[0].status is Status.BREACH
    # au plus tard 2028-01-01: the same check is on time
    assert of(found, "au_plus_tard")[0].status is Status.FULFILLED
    found = findings(conv, tmp_path, "2028-01-01,vérification,p,,,,,,,,\n", "2028-02-01")
    assert of(found, "sur_la_date")[0].status is Status.FULFILLED
