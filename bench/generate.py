"""Generate a synthetic portfolio of conventions and event logs for the benchmark.

Each convention is derived from one of the five seed rules files (``rules/*.clauses``)
and its event log is modelled on the seed's example logs (``examples/*/``): the same
event names, fields and habits (ids, ``ref`` links, ``received`` dates, channels,
attendance), over a longer life and at a higher volume.

What varies from one convention to the next (all drawn from a seeded RNG, so the
same arguments always give byte-identical files):

- the party ids (drawn from a pool of realistic short ids, e.g. ``h2p`` -> ``erilia``);
- the dates: every date and month of the rules file is shifted by whole years and
  months (signature, term start, explicit end, financial key, index base month);
- the duration: PISCO-like conventions run 3-8 years instead of 3, purchasing groups
  are capped at 3-6 years instead of 4 (2 would make the withdrawal power of art. 7 impossible, a lint error); open-ended and tacitly renewed ones are
  followed over 3-25 years;
- the holiday calendar: about one convention in six uses ``alsace-moselle``.

Each log has exactly ``--events`` rows, spread over the convention's years: the duties
the clause file states (yearly committees, monthly payment requests, convocations
before each meeting, answers within 15 or 30 days...) plus a volume of
request/answer pairs, votes, meetings and payments to reach the target. The mix of
outcomes is realistic: most acts are on time, some late, some through the wrong
channel (or with too few representatives), some missing (``OUTCOMES`` below).

Layout of the target directory (default ``/tmp/clauses-bench/portfolio-N-M-S``)::

    rules/0000_pisco_manosque.clauses ...   N clause files
    conventions/*.txt                       the seed texts (articles are cited)
    logs/0000_pisco_manosque.csv / .jsonl   one log per convention, both formats
    manifest.json                           per convention: rules, logs, as-of date,
                                            parties, event names, row count

Usage::

    python bench/generate.py --conventions 1000 --events 1000 [--seed 0] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from dateutil.relativedelta import relativedelta

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("000_pisco_manosque", "001_emplois_avenir_paris", "002_soliha_mta_croix",
         "003_ccas_dijon_adoma", "004_groupement_mons_en_baroeul")
CSV_COLUMNS = ("date", "event", "by", "to", "subject", "via", "id", "ref", "received", "value",
               "representatives")

#: Outcome of a dated act: on time, late, wrong channel (or attendance), missing.
OUTCOMES = (("on_time", 0.86), ("late", 0.07), ("wrong_channel", 0.04), ("missing", 0.03))

#: Pools the party ids are drawn from (per seed role), the seed's own id first.
PARTY_POOLS = {
    "h2p": ["h2p", "erilia", "unicil", "sollar", "logirem", "habitat13", "famille_provence", "domicil"],
    "fp": ["fp", "vaucluse_logement", "grand_delta", "hmp", "sfhe", "adoma_paca", "cdc_habitat", "icf_sud"],
    "ush": ["ush", "ush_idf", "aorif", "arhlm_paca", "ush_hdf", "arra_hlm", "ush_bretagne"],
    "cnlrq": ["cnlrq", "rq_paris", "rq_lyon", "rq_marseille", "rq_lille", "rq_nantes"],
    "soliha": ["soliha", "soliha_nord", "soliha_pdc", "soliha_idf", "soliha_bfc", "pact_sud"],
    "mta": ["mta", "abej", "emmaus_lille", "la_sauvegarde", "cls_roubaix", "secours_pop"],
    "ccas": ["ccas", "ccas_dijon", "ccas_besancon", "ccas_chalon", "ccas_nevers", "ccas_auxerre"],
    "adoma": ["adoma", "coallia", "aralis", "habitat_humanisme", "alfa3a", "areli"],
    "ville": ["ville", "mairie", "commune", "ville_mons", "ville_roubaix", "ville_tourcoing"],
    "vilogia": ["vilogia", "lmh", "sia_habitat", "notre_logis", "flandre_opale"],
    "partenord": ["partenord", "pas_de_calais_habitat", "maisons_cites", "habitat_hdf", "norevie"],
    "logis": ["logis", "logis_metropole", "habitat_du_nord", "lts", "sigh"],
    "titulaire": ["titulaire", "prestataire", "afev", "citeo", "mediation_nord", "amis"],
}


# --------------------------------------------------------------------------- rules text


_LEXEME = re.compile(r'"(?:[^"\\]|\\.)*"|#[^\n]*|[^"#]+|["#]', re.S)


def outside_strings(text: str, fn: Callable[[str], str]) -> str:
    """Apply ``fn`` to the parts of a clause file that are neither strings nor comments."""
    out = []
    for m in _LEXEME.finditer(text):
        piece = m.group(0)
        out.append(piece if piece[0] in '"#' else fn(piece))
    return "".join(out)


def shift_date(d: dt.date, years: int, months: int) -> dt.date:
    return d + relativedelta(years=years, months=months)


def shift_dates(text: str, years: int, months: int) -> str:
    def day(m: re.Match) -> str:
        return shift_date(dt.date.fromisoformat(m.group(0)), years, months).isoformat()

    def month(m: re.Match) -> str:
        d = shift_date(dt.date(int(m.group(1)), int(m.group(2)), 1), years, months)
        return f"{d.year:04d}-{d.month:02d}"

    text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", day, text)
    return re.sub(r"\b(\d{4})-(\d{2})\b(?!-)", month, text)


def rename_parties(text: str, names: dict[str, str]) -> str:
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern.sub(lambda m: names[m.group(1)], text)


# --------------------------------------------------------------------------- logs


@dataclass
class Log:
    rng: random.Random
    rows: list[dict] = field(default_factory=list)
    counter: int = 0

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter:05d}"

    def add(self, date: dt.date, event: str, by, to=None, **fields) -> dict:
        row = {"date": date, "event": event, "by": _tuple(by), "to": _tuple(to)}
        row.update({k: v for k, v in fields.items() if v is not None})
        self.rows.append(row)
        return row

    def outcome(self) -> str:
        x = self.rng.random()
        for name, p in OUTCOMES:
            if x < p:
                return name
            x -= p
        return OUTCOMES[0][0]

    def day_in(self, start: dt.date, end: dt.date) -> dt.date:
        """A working day in [start, end] (inclusive; ``start`` when the range is empty)."""
        span = (end - start).days
        d = start + dt.timedelta(days=self.rng.randint(0, max(span, 0)))
        while d.weekday() >= 5 and d > start:
            d -= dt.timedelta(days=1)
        return d


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@dataclass
class Plan:
    """One convention to generate."""

    index: int
    seed: str
    rng: random.Random
    parties: dict[str, str]          # seed id -> generated id
    shift_years: int
    shift_months: int
    years: int                       # how long the log runs
    region: str
    events: int                      # rows wanted in the log

    def p(self, seed_id: str) -> str:
        return self.parties[seed_id]

    def date(self, iso: str) -> dt.date:
        return shift_date(dt.date.fromisoformat(iso), self.shift_years, self.shift_months)


def _fill(log: Log, total: int, units: list[tuple[float, Callable[[], int]]],
          single: Callable[[], None]) -> None:
    """Add weighted bulk units until the log is almost full, then single rows to ``total``."""
    weights = [w for w, _ in units]
    makers = [u for _, u in units]
    while len(log.rows) < total - 5:
        before = len(log.rows)
        log.rng.choices(makers, weights)[0]()
        if len(log.rows) > total:  # a unit that overflows is dropped
            del log.rows[before:]
            break
    while len(log.rows) < total:
        single()
    del log.rows[total:]


# ---- 000: PISCO (fixed term, roadmaps, modification requests, termination, confidentiality)

def gen_000(plan: Plan, log: Log) -> tuple[str, dt.date]:
    rng = log.rng
    a, b = plan.p("h2p"), plan.p("fp")
    start = plan.date("2019-09-25")
    end = start + relativedelta(years=plan.years)
    for k in range(plan.years):
        p0 = start + relativedelta(years=k)
        p1 = start + relativedelta(years=k + 1) - dt.timedelta(days=1)
        due = p1 - relativedelta(months=2)
        o = log.outcome()
        if o != "missing":
            d = log.day_in(p0 + dt.timedelta(days=150), due - dt.timedelta(days=5)) if o != "late" else \
                log.day_in(due + dt.timedelta(days=2), p1 - dt.timedelta(days=3))
            log.add(d, "réunion_feuille_de_route", (a, b), id=f"FDR-{p0.year}",
                    subject=f"feuille de route {p0.year}-{p0.year + 1}")
        if log.outcome() != "missing":
            d = log.day_in(p1 - dt.timedelta(days=40), p1 - dt.timedelta(days=5))
            log.add(d, "comité_pilotage", (a, b), id=f"COPIL-{p0.year}",
                    subject=f"comité de pilotage n°{k + 1}: bilan {p0.year}-{p0.year + 1}")
    due = end - relativedelta(months=6)
    for x, y in ((a, b), (b, a)):
        o = log.outcome()
        if o == "missing":
            continue
        d = log.day_in(due - dt.timedelta(days=90), due - dt.timedelta(days=3)) if o != "late" else \
            log.day_in(due + dt.timedelta(days=3), due + dt.timedelta(days=60))
        log.add(d, "intentions", x, y, via="lrar", id=f"INT-{x}", received=d + dt.timedelta(days=2),
                subject=f"intentions de {x} quant au renouvellement")
    last = end - dt.timedelta(days=45)

    def modification_request() -> int:
        x, y = rng.choice(((a, b), (b, a)))
        d = log.day_in(start + dt.timedelta(days=20), last)
        rid = log.new_id("DM")
        via = "email" if rng.random() < 0.04 else "lrar"
        received = d + dt.timedelta(days=rng.randint(1, 3))
        log.add(d, "demande_modification", x, y, via=via, id=rid, received=received,
                subject="feuille de route: ajustement du programme d'actions")
        o = log.outcome()
        if o == "missing":
            return 1
        answer = received + dt.timedelta(days=rng.randint(2, 14) if o != "late" else rng.randint(17, 45))
        log.add(answer, "réponse_modification", y, x, via="email" if o == "wrong_channel" else "lrar",
                id=log.new_id("RM"), ref=rid, received=answer + dt.timedelta(days=2),
                subject=rng.choice(("accord", "accord sous réserve", "refus motivé")))
        return 2

    def amendment() -> int:
        d = log.day_in(start + dt.timedelta(days=30), last)
        if rng.random() < 0.05:  # modification without an amendment: a power exercised without its condition
            log.add(d, "modification", (a, b), id=log.new_id("MOD"), subject="calendrier décalé sans avenant")
            return 1
        av = log.new_id("AV")
        log.add(d, "avenant", (a, b), via="hand", id=av, subject="avenant à la feuille de route")
        log.add(d + dt.timedelta(days=rng.randint(1, 20)), "modification", (a, b), id=log.new_id("MOD"), ref=av,
                subject="feuille de route modifiée par avenant")
        return 2

    def disclosure() -> int:
        x, y = rng.choice(((a, b), (b, a)))
        d = log.day_in(start + dt.timedelta(days=30), last)
        if rng.random() < 0.9:
            acc = log.new_id("ACC")
            log.add(d, "accord_écrit", y, x, via="email", id=acc, subject=f"accord écrit de {y}")
            log.add(d + dt.timedelta(days=rng.randint(1, 15)), "communication_tiers", x, "Cabinet Territoires & Habitat",
                    via="email", id=log.new_id("CONF"), ref=acc, subject="convention transmise avec accord")
            return 2
        log.add(d, "communication_tiers", x, "Association Compost'Ere", via="email", id=log.new_id("CONF"),
                subject="convention transmise sans accord")
        return 1

    def extra_committee() -> None:
        d = log.day_in(start + dt.timedelta(days=10), last)
        log.add(d, "comité_pilotage", (a, b), id=log.new_id("COPIL"), subject="comité de pilotage thématique")

    _fill(log, plan.events, [(0.6, modification_request), (0.3, amendment), (0.1, disclosure)], extra_committee)
    return f"{plan.years} ans", end + dt.timedelta(days=30)


def rules_000(plan: Plan, text: str) -> str:
    start = plan.date("2019-09-25")
    end = start + relativedelta(years=plan.years)
    return re.sub(r"3 ans à compter du (\S+)\n  jusqu'au \S+",
                  f"{plan.years} ans à compter du {start.isoformat()}\n  jusqu'au {end.isoformat()}", text)


# ---- 001: Emplois d'Avenir (no term, twice-yearly steering committee, calendar years)

def gen_001(plan: Plan, log: Log) -> tuple[str, dt.date]:
    rng = log.rng
    a, b = plan.p("ush"), plan.p("cnlrq")
    start = plan.date("2012-11-30")
    end = start + relativedelta(years=plan.years)
    places = ("USH, Paris", "CNLRQ, Paris", "visioconférence", "Maison de l'Habitat, Lyon")
    thin_years = {y for y in range(start.year + 1, end.year) if rng.random() < 0.05}
    total_days = (end - start).days - 1
    for y in sorted(thin_years):  # one meeting only in a thin year: a breach
        log.add(dt.date(y, 6, 15), "comité_pilotage", (a, b), id=log.new_id("copil"), lieu=rng.choice(places),
                subject="comité de pilotage unique de l'année")
    while len(log.rows) < plan.events:
        d = start + dt.timedelta(days=rng.randint(0, total_days))
        if d.year in thin_years:
            continue
        log.add(d, "comité_pilotage", (a, b), id=log.new_id("copil"), lieu=rng.choice(places),
                subject="comité de pilotage: suivi des emplois d'avenir")
    del log.rows[plan.events:]
    return "", end - dt.timedelta(days=1)


# ---- 002: SOLiHA / MTA (monthly operational committee, votes on households, yearly renewal)

def gen_002(plan: Plan, log: Log) -> tuple[str, dt.date]:
    rng = log.rng
    a, b = plan.p("soliha"), plan.p("mta")
    start = plan.date("2021-02-16")
    end = start + relativedelta(years=plan.years)
    last = end - dt.timedelta(days=10)
    month = start.replace(day=1)
    while month < end:
        nxt = month + relativedelta(months=1)
        if log.outcome() != "missing":
            d = log.day_in(max(month, start), min(nxt - dt.timedelta(days=1), last))
            log.add(d, "comité_opérationnel", (a, b), id=f"cop-{month:%Y-%m}",
                    subject="suivi mensuel des ménages accompagnés")
        month = nxt
    for y in range(start.year, end.year + 1):
        for half in (3, 9):
            d = dt.date(y, half, 1) + dt.timedelta(days=rng.randint(0, 100))
            if not start <= d <= last or log.outcome() == "missing":
                continue
            reps = f"{a}=1;{b}=2" if rng.random() < 0.04 else f"{a}={rng.randint(2, 3)};{b}={rng.randint(2, 3)}"
            log.add(d, "comité_pilotage", (a, b), id=f"copil-{d}", representatives=reps,
                    subject="comité de pilotage semestriel")
    for k in range(plan.years):
        p1 = start + relativedelta(years=k + 1) - dt.timedelta(days=1)
        if log.outcome() != "missing":
            log.add(log.day_in(p1 - dt.timedelta(days=60), min(p1, last)), "bilan_annuel", (a, b),
                    id=f"bilan-{k + 1}", subject=f"bilan annuel n°{k + 1} transmis aux conseils d'administration")

    def household() -> int:
        d = log.day_in(start + dt.timedelta(days=7), last - dt.timedelta(days=30))
        dec, h = log.new_id("dec"), log.new_id("F")
        refuse = rng.random() < 0.05
        log.add(d, "accord_structure", a, via="email", id=f"acc-{h}-{a}", ref=dec, value="accord",
                subject=f"ménage {h}")
        log.add(d + dt.timedelta(days=rng.randint(1, 10)), "accord_structure", b, via="email", id=f"acc-{h}-{b}",
                ref=dec, value="refus" if refuse else "accord", subject=f"ménage {h}")
        log.add(d + dt.timedelta(days=rng.randint(11, 25)), "suivi_ménage", (a, b), id=dec, value="adopté",
                subject=f"suivi du ménage {h} dans le cadre de la convention")
        return 3

    def leak() -> int:
        d = log.day_in(start, last)
        log.add(d, "divulgation_données", rng.choice((a, b)), "Bailleur tiers", id=log.new_id("div"),
                subject="transmission d'une fiche ménage hors convention")
        return 1

    def extra_operational() -> None:
        log.add(log.day_in(start, last), "comité_opérationnel", (a, b), id=log.new_id("cop"),
                subject="comité opérationnel supplémentaire")

    _fill(log, plan.events, [(0.97, household), (0.03, leak)], extra_operational)
    return "", end - dt.timedelta(days=1)


# ---- 003: CCAS / ADOMA (bimonthly points, yearly duties, data destruction within 2 months)

def gen_003(plan: Plan, log: Log) -> tuple[str, dt.date]:
    rng = log.rng
    a, b = plan.p("ccas"), plan.p("adoma")
    start = plan.date("2023-05-24")
    end = start + relativedelta(years=plan.years)
    last = end - dt.timedelta(days=10)
    k = 0
    while start + relativedelta(months=2 * k) < end:
        p0, p1 = start + relativedelta(months=2 * k), start + relativedelta(months=2 * k + 2) - dt.timedelta(days=1)
        if log.outcome() != "missing":
            log.add(log.day_in(p0, min(p1, last)), "point_bimestriel", (a, b), id=f"pb-{k + 1:03d}",
                    subject=f"point bimestriel n°{k + 1}")
        k += 1
    for y in range(plan.years):
        p0, p1 = start + relativedelta(years=y), start + relativedelta(years=y + 1) - dt.timedelta(days=1)
        mid = start + relativedelta(years=y, months=6)
        for h0, h1 in ((p0, mid - dt.timedelta(days=1)), (mid, p1)):
            if log.outcome() != "missing":
                log.add(log.day_in(h0, min(h1, last)), "temps_coordination", (a, b), id=log.new_id("tc"),
                        subject="temps de coordination semestriel")
        for name, by, to, via in (("comité_pilotage", (a, b), None, None), ("calendrier_annuel", (a, b), None, "email"),
                                  ("présentation_patrimoines", b, a, None)):
            if log.outcome() != "missing":
                log.add(log.day_in(p0 + dt.timedelta(days=20), min(p1, last)), name, by, to, via=via,
                        id=log.new_id(name[:3]), subject=f"{name.replace('_', ' ')} {p0.year}-{p0.year + 1}")

    def data_closure() -> int:
        d = log.day_in(start, last - dt.timedelta(days=70))
        fb = log.new_id("fb")
        log.add(d, "fin_besoin_données", (a, b), id=fb, subject=f"dossier du résident R-{rng.randint(1, 9999):04d} clos")
        n = 1
        for x in (a, b):
            o = log.outcome()
            if o == "missing":
                continue
            delay = rng.randint(3, 55) if o != "late" else rng.randint(63, 120)
            log.add(d + dt.timedelta(days=delay), "destruction_données", x, id=log.new_id("dd"), ref=fb,
                    subject="destruction du dossier et de ses copies")
            n += 1
        return n

    def amendment() -> int:
        d = log.day_in(start + dt.timedelta(days=30), last - dt.timedelta(days=30))
        av = log.new_id("av")
        log.add(d, "avenant", (a, b), id=av, subject="avenant signé par les deux parties")
        log.add(d + dt.timedelta(days=rng.randint(1, 20)), "modification", (a, b), id=log.new_id("mod"), ref=av,
                subject="mise en œuvre de l'avenant")
        return 2

    def extra_point() -> None:
        log.add(log.day_in(start, last), "point_bimestriel", (a, b), id=log.new_id("pb"),
                subject="point de coordination supplémentaire")

    _fill(log, plan.events, [(0.9, data_closure), (0.1, amendment)], extra_point)
    return "", end - dt.timedelta(days=1)


# ---- 004: purchasing group (payments, convocations, yearly vote on renewal, participations)

def gen_004(plan: Plan, log: Log) -> tuple[str, dt.date]:
    rng = log.rng
    ville, members, titulaire = plan.p("ville"), [plan.p(x) for x in ("vilogia", "partenord", "logis")], plan.p("titulaire")
    start = plan.date("2023-01-01")
    end = start + relativedelta(years=plan.years)
    last = end - dt.timedelta(days=20)
    everyone = (ville, *members)
    log.add(start - dt.timedelta(days=rng.randint(10, 40)), "signature_de_tous", everyone, id="SIG",
            subject="signature de la convention de groupement")

    def payment_request(month: dt.date, lot: str = "") -> int:
        o = log.outcome()
        if o == "missing":
            return 0
        d = month + dt.timedelta(days=rng.randint(0, 7) if o != "late" else rng.randint(10, 20))
        if d >= end:
            return 0
        dp = log.new_id("DP")
        received = d + dt.timedelta(days=rng.randint(0, 2))
        log.add(d, "demande_paiement", titulaire, ville, via="email", id=dp, received=received,
                subject=f"demande de paiement{lot}, prestations de {(month - dt.timedelta(days=1)):%Y-%m}")
        o = log.outcome()
        if o == "missing":
            return 1
        pay = received + dt.timedelta(days=rng.randint(5, 27) if o != "late" else rng.randint(33, 60))
        log.add(pay, "paiement", ville, titulaire, id=log.new_id("PAY"), ref=dp,
                subject=f"mandatement de la demande {dp}")
        return 2

    month = start + relativedelta(months=1)
    while month < end:
        payment_request(month)
        month += relativedelta(months=1)

    def meeting(day: dt.date, name: str = "réunion", clear: int = 10, subject: str = "comité de suivi") -> int:
        rid = log.new_id("R" if name == "réunion" else "CAO")
        log.add(day, name, everyone, id=rid, subject=subject)
        o = log.outcome()
        if o == "missing":
            return 1
        lead = rng.randint(clear + 2, clear + 15) if o != "late" else rng.randint(2, clear)
        log.add(day - dt.timedelta(days=lead), "convocation", ville, members,
                via="lrar" if o == "wrong_channel" else "email", id=log.new_id("CONV"), ref=rid,
                subject="commission ad hoc" if name == "réunion_commission" else subject)
        return 2

    def notice_of_sums(day: dt.date) -> int:
        log.add(day, "état_récapitulatif", ville, members, via="email", id=log.new_id("ER"),
                subject="état récapitulatif des factures acquittées")
        asid = log.new_id("AS")
        received = day + dt.timedelta(days=rng.randint(1, 4))
        log.add(day, "avis_sommes", ville, members, via="letter", id=asid, received=received,
                subject="avis des sommes à payer")
        n = 2
        for member in members:
            o = log.outcome()
            if o == "missing":
                continue
            log.add(received + dt.timedelta(days=rng.randint(3, 28) if o != "late" else rng.randint(33, 70)),
                    "paiement_participation", member, ville, id=log.new_id("PP"), ref=asid,
                    subject="participation")
            n += 1
        return n

    for y in range(plan.years):
        y0 = start + relativedelta(years=y)
        for m in (2, 5, 11):
            meeting(log.day_in(y0 + relativedelta(months=m), y0 + relativedelta(months=m, days=20)))
        meeting(log.day_in(y0 + relativedelta(months=7), y0 + relativedelta(months=7, days=20)),
                "réunion_commission", 5, "commission ad hoc")
        for m in (6, 11):
            notice_of_sums(log.day_in(y0 + relativedelta(months=m), y0 + relativedelta(months=m, days=10)))
        if y == plan.years - 1:
            continue
        rr = log.new_id("RR")
        day = log.day_in(y0 + relativedelta(months=8, days=15), y0 + relativedelta(months=8, days=28))
        log.add(day, "réunion_restitution", everyone, id=rr, subject="restitution du rapport d'évaluation")
        for member in members:
            o = log.outcome()
            delay = rng.randint(2, 9) if o in ("on_time", "wrong_channel", "missing") else rng.randint(12, 20)
            log.add(day + dt.timedelta(days=delay), "avis_reconduction", member, ville, via="email",
                    id=log.new_id("AV"), ref=rr, value="pour", subject="avis sur la reconduction")
        log.add(day + dt.timedelta(days=9), "avis_reconduction", ville, via="email", id=log.new_id("AV"), ref=rr,
                value="pour", subject="avis du coordonnateur")
        log.add(day + dt.timedelta(days=rng.randint(20, 40)), "décision_reconduction", ville, id=log.new_id("DEC"),
                value="reconduction", subject="reconduction du marché (unanimité)")

    def extra_lot() -> int:
        return payment_request(log.day_in(start + relativedelta(months=1), last - dt.timedelta(days=40)),
                               f" (lot {rng.randint(2, 9)})")

    def extra_meeting() -> int:
        return meeting(log.day_in(start + dt.timedelta(days=20), last), subject="réunion de travail")

    def extra_sums() -> int:
        return notice_of_sums(log.day_in(start + dt.timedelta(days=30), last - dt.timedelta(days=40)))

    def single() -> None:
        log.add(log.day_in(start, last), "état_récapitulatif", ville, members, via="email", id=log.new_id("ER"),
                subject="état récapitulatif intermédiaire")

    _fill(log, plan.events, [(0.7, extra_lot), (0.1, extra_meeting), (0.2, extra_sums)], single)
    return str(plan.years), end + dt.timedelta(days=10)


def rules_004(plan: Plan, text: str) -> str:
    start = plan.date("2023-01-01")
    text = text.replace("dans la limite de 4 ans", f"dans la limite de {plan.years} ans")
    ville, vilogia, partenord, logis = (plan.p(x) for x in ("ville", "vilogia", "partenord", "logis"))
    rows = []
    for y in range(plan.years):
        p0, p1 = start + relativedelta(years=y), start + relativedelta(years=y + 1) - dt.timedelta(days=1)
        rows.append(f"  du {p0} au {p1} : {ville} 31,61 %, {partenord} 27,58 %, {vilogia} 28,28 %, {logis} 12,53 %")
    return re.sub(r"(clé participations article 5\.2 :\n)(?:  du [^\n]*\n)*  du [^\n]*\.\n",
                  lambda m: m.group(1) + "\n".join(rows) + ".\n", text)


GENERATORS = {
    "000_pisco_manosque": (gen_000, rules_000, (3, 8), 3),
    "001_emplois_avenir_paris": (gen_001, None, (10, 25), 2),
    "002_soliha_mta_croix": (gen_002, None, (3, 10), 15),
    "003_ccas_dijon_adoma": (gen_003, None, (3, 10), 11),
    "004_groupement_mons_en_baroeul": (gen_004, rules_004, (3, 6), 60),
}
SEED_PARTIES = {
    "000_pisco_manosque": ("h2p", "fp"),
    "001_emplois_avenir_paris": ("ush", "cnlrq"),
    "002_soliha_mta_croix": ("soliha", "mta"),
    "003_ccas_dijon_adoma": ("ccas", "adoma"),
    "004_groupement_mons_en_baroeul": ("ville", "vilogia", "partenord", "logis", "titulaire"),
}


def make_plan(index: int, seed: str, events: int, master: int) -> Plan:
    rng = random.Random(f"{master}:{index}:{seed}")
    parties: dict[str, str] = {}
    for old in SEED_PARTIES[seed]:
        pool = [p for p in PARTY_POOLS[old] if p not in parties.values()]
        parties[old] = rng.choice(pool)
    low, high = GENERATORS[seed][2]
    per_year = GENERATORS[seed][3]
    years = rng.randint(low, high)
    years = max(low if events >= per_year * low else 1, min(years, events // max(per_year, 1) // 2 or 1))
    region = "alsace-moselle" if rng.random() < 1 / 6 else "métropole"
    return Plan(index, seed, rng, parties, rng.randint(-4, 4), rng.randint(-6, 6), years, region, events)


def convention_rules(plan: Plan, seed_text: str) -> str:
    text = outside_strings(seed_text, lambda s: rename_parties(shift_dates(s, plan.shift_years, plan.shift_months),
                                                               plan.parties))
    text = text.replace("jours fériés métropole", f"jours fériés {plan.region}")
    rules_fn = GENERATORS[plan.seed][1]
    if rules_fn is not None:
        text = rules_fn(plan, text)
    return f"# Generated by bench/generate.py from rules/{plan.seed}.clauses (convention {plan.index}).\n" + text


def declared(text: str) -> tuple[list[str], list[str]]:
    parties = re.findall(r"^(?:partie|party)\s+(\S+)", text, re.M)
    events = re.findall(r"^(?:événement|evenement|event)\s+(\S+)", text, re.M)
    return parties, events


def write_csv(path: Path, rows: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS + ("lieu",))
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in CSV_COLUMNS + ("lieu",)])
    path.write_text(buf.getvalue(), encoding="utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    lines = []
    for r in rows:
        obj = {}
        for k, v in r.items():
            if isinstance(v, tuple):
                if not v:
                    continue
                v = v[0] if len(v) == 1 else list(v)
            elif isinstance(v, dt.date):
                v = v.isoformat()
            obj[k] = v
        lines.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def fingerprint(seeds: tuple[str, ...] = SEEDS) -> str:
    """What a generated portfolio depends on: this generator's source and the seeds' rules files (a
    portfolio whose manifest records another fingerprint is stale: `bench/run.py` generates it again)."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for seed in seeds:
        digest.update((ROOT / "rules" / f"{seed}.clauses").read_bytes())
    return digest.hexdigest()[:16]


def generate(out: Path, conventions: int, events: int, master: int = 0, formats=("csv", "jsonl"),
             seeds: tuple[str, ...] = SEEDS) -> dict:
    """Write the portfolio into ``out`` (replaced); return the manifest."""
    if out.exists():
        shutil.rmtree(out)
    (out / "rules").mkdir(parents=True)
    (out / "logs").mkdir()
    shutil.copytree(ROOT / "conventions", out / "conventions")
    seed_texts = {s: (ROOT / "rules" / f"{s}.clauses").read_text(encoding="utf-8") for s in seeds}
    entries = []
    for i in range(conventions):
        seed = seeds[i % len(seeds)]
        plan = make_plan(i, seed, events, master)
        log = Log(plan.rng)
        _, as_of = GENERATORS[seed][0](plan, log)
        log.rows.sort(key=lambda r: (r["date"], r.get("id", "")))
        text = convention_rules(plan, seed_texts[seed])
        name = f"{i:04d}_{seed}"
        rules_path = out / "rules" / f"{name}.clauses"
        rules_path.write_text(text, encoding="utf-8")
        logs = {}
        for fmt in formats:
            path = out / "logs" / f"{name}.{fmt}"
            (write_csv if fmt == "csv" else write_jsonl)(path, log.rows)
            logs[fmt] = str(path.relative_to(out))
        parties, names = declared(text)
        entries.append({"name": name, "seed": seed, "rules": str(rules_path.relative_to(out)), "logs": logs,
                        "as_of": as_of.isoformat(), "events": len(log.rows), "years": plan.years,
                        "region": plan.region, "parties": parties, "event_names": names})
    manifest = {"conventions": conventions, "events_per_log": events, "seed": master,
                "formats": list(formats), "generator": fingerprint(seeds), "total_events": sum(e["events"] for e in entries), "entries": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


#: where generated portfolios go (never committed); `bench/run.py --bench-dir` moves it
BENCH_DIR = Path("/tmp/clauses-bench")


def default_out(conventions: int, events: int, master: int, seeds: tuple[str, ...] = SEEDS,
                base: Path | None = None) -> Path:
    tag = "" if seeds == SEEDS else "-" + "-".join(s[:3] for s in seeds)
    return (base or BENCH_DIR) / f"portfolio-{conventions}x{events}-s{master}{tag}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conventions", "-n", type=int, default=1000, help="number of conventions (default 1000)")
    ap.add_argument("--events", "-m", type=int, default=1000, help="events per log (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="master seed (default 0)")
    ap.add_argument("--only", choices=SEEDS, action="append", help="derive only from this seed (repeatable)")
    ap.add_argument("--format", choices=("csv", "jsonl"), action="append", help="log formats (default both)")
    ap.add_argument("--out", type=Path, help="target directory (default under /tmp/clauses-bench)")
    args = ap.parse_args(argv)
    seeds = tuple(args.only) if args.only else SEEDS
    out = args.out or default_out(args.conventions, args.events, args.seed, seeds)
    manifest = generate(out, args.conventions, args.events, args.seed, tuple(args.format or ("csv", "jsonl")), seeds)
    print(f"{out}: {manifest['conventions']} conventions, {manifest['total_events']} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
