"""Units of presence (issue 10 item 12): a convention defines its own counting, used by its
thresholds (`7 heures = 1 jour de présence`, `22 jours de présence = 1 mois de stage`)."""

from __future__ import annotations

import datetime as dt

from clauses.findings import Status
from langa_helpers import convention, diagnostics, findings, of

RULES = '''langue fr.
convention "Convention de stage" signée à "Lyon" le 2024-01-10.
partie organisme "Organisme d'accueil".
partie stagiaire "Stagiaire".
événement présence "présence".
événement gratification "gratification".
unité jour_de_présence article 2 : 7 heures.
unité mois_de_stage article 2 : 22 jour_de_présence.
durée article 1 : 1 an à compter du 2024-01-10 sans renouvellement.
obligation gratifier article 5 :
  organisme doit gratification au plus tard 2024-07-31
  si total de présence.heures plus de 2 mois_de_stage.
'''


def _days(n: int, hours: int = 7) -> str:
    start = dt.date(2024, 1, 15)
    return "".join(f"{start + dt.timedelta(days=i)},présence,stagiaire,{hours}\n" for i in range(n))


def test_units_are_declared_in_french_and_english() -> None:
    conv = convention(RULES)
    assert [(u.id, str(u.amount), u.of) for u in conv.units] == [("jour_de_présence", "7", "heures"),
                                                               ("mois_de_stage", "22", "jour_de_présence")]
    english = convention(RULES.replace("langue fr.", "language en.").replace("unité", "unit")
                         .replace("total de", "total of").replace("plus de", "more than")
                         .replace("obligation", "duty").replace("partie", "party").replace("événement", "event")
                         .replace("doit", "must").replace("au plus tard", "at the latest")
                         .replace('convention "Convention de stage" signée à "Lyon" le',
                                  'convention "Convention de stage" signed at "Lyon" on')
                         .replace("durée article 1 : 1 an à compter du", "term article 1 : 1 year from")
                         .replace("sans renouvellement", "no renewal").replace(" si ", " if "))
    assert english.model_dump(exclude={"language"}) == conv.model_dump(exclude={"language"})


def test_a_threshold_in_the_conventions_own_units(tmp_path) -> None:
    # 2 mois_de_stage = 2 × 22 × 7 = 308 hours; 45 days of 7 hours = 315 > 308: the duty applies
    applies = of(findings(convention(RULES), tmp_path, _days(45), "2024-08-15", "date,event,by,heures\n"), "gratifier")
    assert applies[0].status is Status.BREACH and applies[0].due.isoformat() == "2024-07-31"
    # 44 days = 308 hours, not more than 308: it does not
    short = of(findings(convention(RULES), tmp_path, _days(44), "2024-08-15", "date,event,by,heures\n"), "gratifier")
    assert short[0].status is Status.DISCHARGED and "does not apply" in short[0].message


def test_an_unknown_unit_and_a_cycle_are_reported() -> None:
    assert "N010" in [d.code for d in diagnostics(RULES.replace("plus de 2 mois_de_stage", "plus de 2 mois_stage"))]
    cyclic = RULES.replace("unité jour_de_présence article 2 : 7 heures.", "unité jour_de_présence article 2 : 7 mois_de_stage.")
    assert "V019" in [d.code for d in diagnostics(cyclic)]
