"""Amounts revised each year by a published index or rate (issue 10, item 10; 007 art. 3, 009 art. 12).

Index values are those of ``series/icc.csv`` (each row cites its publication; the day INSEE published it
where the notice says so); every amount is worked out by hand in the comments.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from clauses import series as published
from clauses.findings import Status
from clauses.language.load import load, load_source
from clauses.language.source import SourceText
from clauses.revision import latest_published, revised
from langa_helpers import D, findings, of

ROOT = Path(__file__).resolve().parents[1]
ICC = ROOT / "series" / "icc.csv"

LEASE = ('langue fr.\nconvention "Bail" signée à "Lyon" le 2014-09-01.\n'
         'partie bailleur "Bailleur".\npartie preneur "Preneur".\n'
         'événement paiement_loyer "paiement du loyer".\n'
         'série icc "ICC" fichier "../series/icc.csv".\n'
         'durée article 1 : du 2014-09-25 au 2024-09-24.\n'
         'montant loyer article 2 : 1 000 € révisé chaque année selon l\'indice icc.icc indice de base 1621.\n'
         'obligation payer article 3 : preneur doit paiement_loyer envers bailleur au moins 1 fois par an\n'
         '  périodes à compter du début montant loyer.\n')


def _project(tmp_path: Path, name: str, text: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    (tmp_path / "series").mkdir(exist_ok=True)
    for csv in (ROOT / "series").glob("*.csv"):
        shutil.copy(csv, tmp_path / "series" / csv.name)
    path = tmp_path / "rules" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _loaded(path: Path):
    loaded = load_source(SourceText(str(path), path.read_text(encoding="utf-8")), path)
    assert loaded.ok, [str(d) for d in loaded.diagnostics]
    return loaded.convention


def test_the_icc_series_cites_its_publications() -> None:
    data = published.read(ICC)
    assert data.problems == () and data.columns == ("icc",)
    assert all(r.source for r in data.rows)
    # the values found last session: 2014 T2 = 1621, 2019 T2 = 1746 (published 2019-09-20), 2024 T1 = 2227
    assert data.on(D("2014-05-15")).values["icc"] == 1621
    assert (data.on(D("2019-05-15")).values["icc"], data.on(D("2019-05-15")).published) == (1746, D("2019-09-20"))
    assert data.on(D("2024-02-01")).values["icc"] == 2227
    assert data.on(D("2025-02-01")) is None and data.on(D("2015-02-01")) is None   # not found: not invented


def test_the_index_last_published_on_a_day() -> None:
    data = published.read(ICC)
    # 2019-09-25: 2019 T2 was published on 2019-09-20 and 2019 T3 had not ended
    row, _ = latest_published(data, "icc", D("2019-09-25"))
    assert (row.start, row.values["icc"]) == (D("2019-04-01"), 1746)
    # 2019-09-19: the latest row known to be published then is 2016 T3, but 2017 T1 had ended and the file does
    # not say when it was published: not told, the quarter named
    row, why = latest_published(data, "icc", D("2019-09-19"))
    assert row is None and "2017-01-01 – 2017-03-31" in why
    # 2004-08-01: 2004 T1 (published 2004-07-09), 2004 T2 published only on 2004-10-15
    row, _ = latest_published(data, "icc", D("2004-08-01"))
    assert row.values["icc"] == 1225
    # 2005-07-01: 2004 T4 (published 2005-04-08); 2005 T1 published on 2005-07-08
    assert latest_published(data, "icc", D("2005-07-01"))[0].values["icc"] == 1269
    # 2006-07-01: 2005 T1 is the last row known; 2005 T2 (ended 2005-06-30) is not in the file
    row, why = latest_published(data, "icc", D("2006-07-01"))
    assert row is None and "2005-04-01 – 2005-06-30" in why


def test_a_payment_below_the_indexed_amount_is_a_breach(tmp_path: Path) -> None:
    conv = _loaded(_project(tmp_path, "bail.clauses", LEASE))
    # revision of 2019-09-25: 1 000 € × 1746 (2019 T2, the last published on 2019-09-25) / 1621 = 1 077,1129… ->
    # 1 077,11 €; the payment of 2019-10-15 (1 000 €) pays less: the period 2019-09-25 – 2020-09-24 is breached
    rows = "2019-10-15,paiement_loyer,preneur,bailleur,,,,,1000,,\n"
    [breach] = of(findings(conv, tmp_path, rows, "2020-12-31"), "payer", due="2020-09-24")
    assert breach.status is Status.BREACH
    assert breach.events[0].reason == "pays 1 000,00 €, less than the 1 077,11 € due (loyer)"
    assert "loyer revised on 2019-09-25 = 1 000,00 € × 1746 / 1621 = 1 077,11 €" in breach.explanation
    assert any("published 2019-09-20" in line for line in breach.explanation)
    # 1 077,11 € is enough
    rows = "2019-10-15,paiement_loyer,preneur,bailleur,,,,,1077.11,,\n"
    [paid] = of(findings(conv, tmp_path, rows, "2020-12-31"), "payer", due="2020-09-24")
    assert paid.status is Status.FULFILLED
    # the first year is not revised: 1 000 € due (period 2014-09-25 – 2015-09-24)
    [first] = of(findings(conv, tmp_path, "2014-10-01,paiement_loyer,preneur,bailleur,,,,,1000,,\n", "2020-12-31"),
                 "payer", due="2015-09-24")
    assert first.status is Status.FULFILLED and "amount due: loyer = 1 000,00 €" in first.explanation


def test_a_revision_the_series_cannot_give_is_named_and_not_judged(tmp_path: Path) -> None:
    conv = _loaded(_project(tmp_path, "bail.clauses", LEASE))
    # revision of 2015-09-25: 2014 T2 (ended 2014-06-30) has no publication date in the file: the reference index
    # is not told; the payment is judged on time only, and --explain says why
    [paid] = of(findings(conv, tmp_path, "2015-10-01,paiement_loyer,preneur,bailleur,,,,,900,,\n", "2020-12-31"),
                "payer", due="2016-09-24")
    assert paid.status is Status.FULFILLED
    [line] = [x for x in paid.explanation if x.startswith("amount due not computed")]
    assert "2014-04-01 – 2014-06-30" in line


def test_the_009_template_revised_on_its_anniversary(tmp_path: Path) -> None:
    """009 art. 12 with a signed instance taking effect on 2004-08-01 (values of 2003-2005 with their dates)."""
    for folder, name in (("rules", "009_convention_utilisation_etat.clauses"),
                         ("conventions", "009_convention_utilisation_etat.md")):
        (tmp_path / folder).mkdir(exist_ok=True)
        shutil.copy(ROOT / folder / name, tmp_path / folder / name)
    _project(tmp_path, "009_convention_utilisation_etat.clauses",
             (ROOT / "rules" / "009_convention_utilisation_etat.clauses").read_text(encoding="utf-8"))
    instance = tmp_path / "rules" / "bureaux_2004.instance.yaml"
    instance.write_text("modèle: 009_convention_utilisation_etat.clauses\nparamètres:\n  durée_convention: 9 ans\n"
                        "  début: 2004-08-01\n  fin: 2013-08-01\n  date_ratio_1: 2006-01-01\n"
                        "  date_ratio_2: 2008-01-01\n  loyer_trimestriel: 12 000 €\n", encoding="utf-8")
    loaded = load(instance)
    assert loaded.ok, [str(d) for d in loaded.diagnostics]
    header = "date,event,by,to,subject,via,id,ref,period,montant\n"
    # base: the last published on 2004-08-01, 2004 T1 = 1225; revision of 2005-08-01: the last published on the
    # first day of the month before, 2005-07-01: 2004 T4 = 1269 (2005 T1 came out on 2005-07-08);
    # 12 000 € × 1269 / 1225 = 12 431,0204… -> 12 431,02 € for the quarters from 2005-08-01
    rows = ("2005-06-20,paiement_loyer,utilisateur,propriétaire,,,,,2005-07-01,12000\n"
            "2005-09-20,paiement_loyer,utilisateur,propriétaire,,,,,2005-10-01,12000\n")
    found = findings(loaded.convention, tmp_path, rows, "2005-12-31", header)
    [third] = of(found, "loyer", due="2005-06-30")
    assert third.status is Status.FULFILLED   # the third quarter of 2005 begins before the revision: 12 000 €
    [fourth] = of(found, "loyer", due="2005-09-30")
    assert fourth.status is Status.BREACH
    assert fourth.events[0].reason == "pays 12 000,00 €, less than the 12 431,02 € due (loyer_révisé)"
    assert "loyer_révisé revised on 2005-08-01 = 12 000,00 € × 1269 / 1225 = 12 431,02 €" in fourth.explanation
    assert any("the base index, the last published on 2004-08-01: 1225" in x for x in fourth.explanation)
    rows = "2005-09-20,paiement_loyer,utilisateur,propriétaire,,,,,2005-10-01,12431.02\n"
    [fourth] = of(findings(loaded.convention, tmp_path, rows, "2005-12-31", header), "loyer", due="2005-09-30")
    assert fourth.status is Status.FULFILLED


def test_the_repository_instance_of_009_names_the_quarters_it_lacks() -> None:
    loaded = load(ROOT / "examples" / "009_convention_utilisation_etat" / "bureaux_2026.instance.yaml")
    conv = loaded.convention
    clause = conv.clause("loyer_révisé")
    # before the first anniversary (2027-01-01) the rent is the instance's 12 000 €
    assert revised(conv, "loyer_révisé", clause.revision, Decimal(12000), D("2026-12-31")).value == 12000
    # from it, the base (the last published on 2026-01-01) cannot be told: 2024 T2 is not in the file
    later = revised(conv, "loyer_révisé", clause.revision, Decimal(12000), D("2027-01-01"))
    assert later.value is None and "2024-04-01 – 2024-06-30" in later.why


RATES = ("du,au,taux,source\n"
         "2013-01-01,2013-12-31,\"1,5\",valeur d'essai\n"
         "2014-01-01,2014-12-31,2,valeur d'essai\n")


def test_a_revision_by_a_rate_compounds_each_year(tmp_path: Path) -> None:
    text = ('langue fr.\nconvention "Dotation".\npartie unaf "UNAF".\npartie udaf "UDAF".\n'
            'série taux "Taux d\'essai" fichier "../series/taux.csv".\n'
            'durée article 1 : 3 ans à compter du 2013-01-01 sans renouvellement.\n'
            'montant dotation article 3 : 100 000 € revalorisé chaque année du taux de taux.taux '
            'à compter du 2013-01-01.\n')
    path = _project(tmp_path, "dotation.clauses", text)
    (tmp_path / "series" / "taux.csv").write_text(RATES, encoding="utf-8")
    conv = _loaded(path)
    revision = conv.clause("dotation").revision
    # 2014-01-01: 100 000 × 1,015 = 101 500; 2015-01-01: 101 500 × 1,02 = 103 530 (exact, no rounding in between)
    assert revised(conv, "dotation", revision, Decimal(100000), D("2013-06-30")).value == 100000
    assert revised(conv, "dotation", revision, Decimal(100000), D("2014-06-30")).value == Decimal("101500.0")
    result = revised(conv, "dotation", revision, Decimal(100000), D("2015-01-01"))
    assert result.value == Decimal("103530")
    assert result.lines[1].startswith("dotation revised on 2015-01-01 = 101 500,00 € × (1 + 2 %) = 103 530,00 €")
    # 2016-01-01: no rate for 2015 in the file: not computed, the day named
    missing = revised(conv, "dotation", revision, Decimal(100000), D("2016-01-01"))
    assert missing.value is None and "2015-12-31" in missing.why


def test_007_revalues_the_dotation_by_the_rate_of_the_previous_year() -> None:
    conv = load(ROOT / "rules" / "007_convention_objectifs_unaf_udaf.clauses").convention
    revision = conv.clause("dotation").revision
    assert (revision.mode, str(revision), revision.start) == ("rate", "prestations_familiales.taux", D("2013-01-01"))
    assert conv.clause("versement_dotation").amount.name == "dotation"
    # no rate is checked yet in series/prestations_familiales.csv: the 2014 dotation is not computed, never guessed
    result = revised(conv, "dotation", revision, Decimal(100000), D("2014-03-01"))
    assert result.value is None and "2013-12-31" in result.why


def test_english_keywords_give_the_same_model(tmp_path: Path) -> None:
    fr = _loaded(_project(tmp_path, "fr.clauses", 'langue fr.\nconvention "B".\nsérie icc fichier "../series/icc.csv".\n'
                    'montant loyer article 2 : 1 000 € révisé chaque année selon l\'indice icc.icc '
                    'indice de base le dernier publié au 2019-09-25 soit 1746 '
                    'indice de référence le dernier publié au premier jour du mois précédant la révision '
                    'à compter du 2019-10-01.\n'))
    en = _loaded(_project(tmp_path, "en.clauses", 'language en.\nconvention "B".\nseries icc file "../series/icc.csv".\n'
                    'amount loyer article 2 : 1 000 € revised each year by the index icc.icc '
                    'base index the last published on 2019-09-25 namely 1746 '
                    'reference index the last published on the first day of the month before the revision '
                    'from 2019-10-01.\n'))
    assert fr.clause("loyer").revision == en.clause("loyer").revision
    revision = fr.clause("loyer").revision
    assert (revision.base_on, revision.reference, revision.start) == (D("2019-09-25"), "first_of_previous_month",
                                                                     D("2019-10-01"))
    assert revision.base_value.value == 1746


def _codes(text: str, tmp_path: Path) -> list[str]:
    path = _project(tmp_path, "t.clauses", text)
    return [d.code for d in load_source(SourceText(str(path), text), path).diagnostics]


def test_bad_revisions_are_reported(tmp_path: Path) -> None:
    head = 'langue fr.\nconvention "B".\nsérie icc fichier "../series/icc.csv".\n'
    # a rate has no base index
    assert "V012" in _codes(head + 'montant a article 1 : 1 000 € revalorisé chaque année du taux de icc.icc '
                                   'indice de base 1621.\n', tmp_path)
    # an unknown series, an unknown column
    assert "N011" in _codes(head + 'montant a article 1 : 1 000 € révisé chaque année selon l\'indice ic.icc.\n',
                            tmp_path)
    assert "N011" in _codes(head + 'montant a article 1 : 1 000 € révisé chaque année selon l\'indice icc.irl.\n',
                            tmp_path)
    # the base stated twice
    assert "V012" in _codes(head + 'montant a article 1 : 1 000 € révisé chaque année selon l\'indice icc.icc '
                                   'indice de base 1621 indice de base 1746.\n', tmp_path)


def test_lint_compares_a_stated_base_with_the_series(tmp_path: Path) -> None:
    from clauses.checks import run_checks

    text = ('langue fr.\nconvention "B".\nsérie icc fichier "../series/icc.csv".\n'
            'durée article 1 : du 2019-10-01 au 2021-09-30.\n'
            'montant loyer article 2 : 1 000 € révisé chaque année selon l\'indice icc.icc '
            'indice de base le dernier publié au 2019-09-25 soit {v}.\n')
    for value, expected in ((1746, []), (1745, ["M023"])):
        conv = _loaded(_project(tmp_path, "t.clauses", text.format(v=value)))
        assert [d.code for d in run_checks(conv, None, None) if d.code == "M023"] == expected
