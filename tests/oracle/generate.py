"""Random conventions (as clause-file text) and random event logs.

Every choice goes through a :class:`Source`, so that the same generator runs
on a seeded ``random.Random`` (the long campaign: fast, reproducible from its
seed) and on hypothesis's ``data.draw`` (the test suite: failures shrink).

A case is a convention of 2-4 parties (one may be coordinator, one may not
sign), a term (start stated or at the signature, a duration in months or
years, an explicit end date, no/tacit/express/unspecified renewal, express
renewal decided by a vote, renewal periods, a maximum), and a random subset
of duties, powers, prohibitions, votes and consequences within what the
engine supports; then an event log built from *scenarios* (each clause gets
events near the dates that matter to it: on time, on the last day, one or two
days late, by the wrong party, through the wrong channel, to the wrong
recipient, missing) plus noise, and a random as-of date and horizon.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence

from clauses.events import Event
from clauses.timelimits import Calendar, MonthRule, Unit, add_period, backward, forward


class Source(Protocol):
    def integer(self, lo: int, hi: int) -> int: ...
    def choice(self, items: Sequence[Any]) -> Any: ...
    def chance(self, percent: int) -> bool: ...


class RandomSource:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def choice(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def chance(self, percent: int) -> bool:
        return self.rng.randrange(100) < percent


class DrawSource:
    """hypothesis: ``DrawSource(data)`` inside a test given ``st.data()``."""

    def __init__(self, data: Any) -> None:
        from hypothesis import strategies as st

        self.data, self.st = data, st

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(self.st.integers(lo, hi))

    def choice(self, items: Sequence[Any]) -> Any:
        return items[self.data.draw(self.st.integers(0, len(items) - 1))]

    def chance(self, percent: int) -> bool:
        # shrinks towards 0, i.e. towards "yes": the features are kept while the rest shrinks
        return self.data.draw(self.st.integers(0, 99)) < percent


# ---------------------------------------------------------------------------- the case
@dataclass
class Case:
    text: str
    events: list[Event]
    as_of: dt.date
    horizon: int

    def log(self) -> str:
        """The event log as JSON Lines (``clauses check`` reads it as ``log.jsonl``)."""
        import json

        lines = []
        for e in self.events:
            row: dict[str, Any] = {"date": e.date.isoformat(), "event": e.event}
            if e.by:
                row["by"] = list(e.by)
            if e.to:
                row["to"] = list(e.to)
            for key in ("via", "id", "ref", "subject"):
                if getattr(e, key):
                    row[key] = getattr(e, key)
            row.update(e.attrs)
            lines.append(json.dumps(row, ensure_ascii=False))
        return "\n".join(lines)

    def reproduce(self) -> str:
        return (f"# as of {self.as_of.isoformat()}, horizon {self.horizon} days\n"
                f"# --- rules.clauses ---\n{self.text}\n# --- log.jsonl ---\n{self.log()}\n"
                f"# clauses check rules.clauses log.jsonl --as-of {self.as_of.isoformat()} "
                f"--horizon {self.horizon}d\n")


UNIT_WORDS = {Unit.DAYS: "jours", Unit.CLEAR_DAYS: "jours francs", Unit.WORKING_DAYS: "jours ouvrés",
              Unit.BUSINESS_DAYS: "jours ouvrables", Unit.WEEKS: "semaines", Unit.MONTHS: "mois",
              Unit.YEARS: "ans"}
CHANNELS = {"lrar": "par LRAR", "registered": "par lettre recommandée", "email": "par courriel",
            "letter": "par courrier", "written": "par écrit", "hand": "en main propre"}
VIAS = ["lrar", "registered", "letter", "email", "hand"]
EVENTS = ["rapport", "reunion", "convocation", "demande", "reponse", "paiement", "manquement",
          "mise_en_demeure", "conciliation", "resiliation", "retrait", "divulgation", "accord",
          "rupture", "avenant", "bulletin", "deliberation"]
PERIOD_WORDS = {12: ["an", "année", "exercice"], 6: ["semestre"], 3: ["trimestre"], 1: ["mois"]}
MONTH_WORDS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
               "novembre", "décembre"]
CAL = Calendar.for_region("metropole")


@dataclass
class Duration:
    amount: int
    unit: Unit
    plus: tuple[int, Unit] | None = None

    def text(self) -> str:
        head = f"{self.amount} {UNIT_WORDS[self.unit]}"
        return head + (f" et {self.plus[0]} {UNIT_WORDS[self.plus[1]]}" if self.plus else "")

    def after(self, d: dt.date) -> dt.date:
        d = forward(d, self.amount, self.unit, calendar=CAL, extend=False).date
        return forward(d, self.plus[0], self.plus[1], calendar=CAL, extend=False).date if self.plus else d

    def before(self, d: dt.date) -> dt.date:
        d = backward(d, self.amount, self.unit, calendar=CAL).date
        return backward(d, self.plus[0], self.plus[1], calendar=CAL).date if self.plus else d


@dataclass
class Plan:
    """What the generator wrote, for building a log that exercises it."""

    parties: list[str]                # the signatories
    start: dt.date
    end: dt.date                      # first end of the term
    life_end: dt.date                 # a guess of the last date that matters
    renewals: list[dt.date] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    scenarios: list[Any] = field(default_factory=list)   # callables (src, plan, log) -> None
    ids: int = 0
    all_parties: list[str] = field(default_factory=list)   # signatories and the non-signatory


def _duration(src: Source, short: bool = True) -> Duration:
    unit = src.choice([Unit.DAYS, Unit.DAYS, Unit.CLEAR_DAYS, Unit.WORKING_DAYS, Unit.BUSINESS_DAYS,
                       Unit.WEEKS, Unit.MONTHS, Unit.MONTHS])
    amount = {Unit.DAYS: src.integer(1, 45), Unit.CLEAR_DAYS: src.integer(1, 15),
              Unit.WORKING_DAYS: src.integer(1, 20), Unit.BUSINESS_DAYS: src.integer(1, 20),
              Unit.WEEKS: src.integer(1, 6), Unit.MONTHS: src.integer(1, 6 if short else 9)}[unit]
    plus = None
    if unit is Unit.MONTHS and src.chance(15):
        plus = (src.integer(1, 20), Unit.DAYS)
    return Duration(amount, unit, plus)


def _date(src: Source, lo: dt.date, hi: dt.date) -> dt.date:
    return lo + dt.timedelta(days=src.integer(0, max((hi - lo).days, 0)))


def _party_ref(src: Source, parties: list[str], allow_same: bool = True) -> str:
    options = ["", " de l'autre partie", f" de {src.choice(parties)}"] + ([" de la même partie"] if allow_same else [])
    return src.choice(options)


# ---------------------------------------------------------------------------- convention
def convention(src: Source) -> tuple[str, Plan, dict[str, Any]]:
    n = src.integer(2, 4)
    parties = ["a", "b", "c", "d"][:n]
    start = dt.date(2015, 1, 1) + dt.timedelta(days=src.integer(0, 15 * 365))
    if src.chance(10):  # month ends and leap days are where month arithmetic goes wrong
        start = add_period(dt.date(start.year, start.month, 1), months=1, days=-1)
    signature = start - dt.timedelta(days=src.integer(0, 40))
    at_signature = src.chance(15)
    if at_signature:
        start = signature
    region = src.choice(["métropole", "métropole", "alsace-moselle"])
    lines = ["langue fr.", f'convention "Essai" signée à "Lyon" le {signature.isoformat()} jours fériés {region}.']
    coordinator = src.choice(parties) if src.chance(50) else None
    non_signatory = parties[-1] if n > 2 and src.chance(10) else None
    for p in parties:
        lines.append(f'partie {p} "Partie {p.upper()}" rôle "membre"' + (" coordonnateur" if p == coordinator else "")
                     + (" non signataire" if p == non_signatory else "") + ".")
    signatories = [p for p in parties if p != non_signatory]
    reps = src.chance(20)
    for e in EVENTS:
        extra = " avec au moins 2 représentants de chaque partie" if e == "conciliation" and reps else ""
        lines.append(f'événement {e} "{e}"{extra}.')

    # ---- term
    years = src.chance(60)
    amount = src.integer(1, 3) if years else src.integer(3, 30)
    duration = Duration(amount, Unit.YEARS if years else Unit.MONTHS)
    end = duration.after(start)
    items = [f"{duration.text()} à compter " + ("de la signature" if at_signature else f"du {start.isoformat()}")]
    if src.chance(15):
        end = end + dt.timedelta(days=src.integer(-20, 20))
        if end <= start:
            end = start + dt.timedelta(days=30)
        items.append(f"jusqu'au {end.isoformat()}")
    if src.chance(10):
        items.append("de plein droit")
    mode = src.choice(["none", "none", "tacit", "tacit", "express_vote", "express_vote", "express", "unspecified"])
    needs_vote = mode == "express_vote"
    period = None
    maximum = None
    if mode == "none":
        items.append("sans renouvellement")
    else:
        items.append({"tacit": "renouvellement tacite", "express_vote": "renouvellement exprès décidé par le vote v1",
                      "express": "renouvellement exprès", "unspecified": "renouvellement non précisé"}[mode])
        if src.chance(50):
            period = Duration(src.integer(1, 2), Unit.YEARS) if src.chance(60) else Duration(src.integer(3, 12),
                                                                                              Unit.MONTHS)
            items.append(f"par périodes de {period.text()}")
        if src.chance(70):
            maximum = Duration(src.integer(2, 6), Unit.YEARS)
            items.append(f"dans la limite de {maximum.text()}")
    lines.append("durée article 1 :\n  " + "\n  ".join(items) + ".")
    renewals: list[dt.date] = []
    life_end = end
    if mode != "none":
        cap = maximum.after(start) if maximum else start + dt.timedelta(days=6 * 365)
        current = end
        step = period or duration
        while current < cap and len(renewals) < 12:
            renewals.append(current)
            current = step.after(current)
        life_end = max(end, min(cap, current))
    plan = Plan(signatories, start, end, life_end, renewals, all_parties=parties)

    # ---- clauses
    clauses: list[str] = []
    kinds = ["duty"] * 5 + ["power"] * 3 + ["prohibition", "consequence"]
    count = src.integer(1, 6)
    chosen = [src.choice(kinds) for _ in range(count)]
    duty_ids: list[str] = []
    power_actions: list[str] = []
    for i, kind in enumerate(chosen, start=1):
        if kind == "duty":
            clauses.append(_duty(src, plan, f"o{i}", i + 1))
            duty_ids.append(f"o{i}")
        elif kind == "power":
            text, action = _power(src, plan, f"pw{i}", i + 1)
            clauses.append(text)
            power_actions.append(action)
        elif kind == "prohibition":
            clauses.append(_prohibition(src, plan, f"in{i}", i + 1))
        elif kind == "consequence":
            clauses.append(_consequence(src, plan, f"cq{i}", i + 1, duty_ids, power_actions))
    if needs_vote or src.chance(25):
        clauses.append(_vote(src, plan, parties))
    lines += clauses
    return "\n".join(lines) + "\n", plan, {"mode": mode}


def _bearer(src: Source, plan: Plan, joint_ok: bool = True, others_ok: bool = True) -> str:
    parties = plan.all_parties
    options = ["chaque partie doit"] * 3
    if joint_ok:
        options.append("les parties doivent")
    if others_ok:
        options.append("les autres parties doivent")
    one = src.choice(parties)
    options.append(f"{one} doit")
    two = sorted({one, src.choice(parties)})
    options.append(" et ".join(two) + (" doivent" if len(two) > 1 else " doit"))
    return src.choice(options)


def _channel(src: Source, percent: int = 35) -> str:
    return " " + CHANNELS[src.choice(list(CHANNELS))] if src.chance(percent) else ""


def _duty(src: Source, plan: Plan, cid: str, article: int) -> str:
    action = src.choice(["rapport", "reunion", "convocation", "reponse", "paiement", "rapport"])
    form = src.choice(["before_term", "before_renewal", "before_event", "after_event", "period_end", "recurring",
                       "recurring", "day_of_month", "fixed", "after_term", "window"])   # issue 10 item 5: the last two
    trigger = None
    if form in ("before_event", "after_event"):
        trigger = src.choice([e for e in ["reunion", "demande", "paiement", "manquement", "rupture"] if e != action])
    bearer = _bearer(src, plan, others_ok=form in ("after_event", "before_event") or src.chance(20))
    items = [f"{bearer} {action}"]
    if src.chance(25):
        items.append("envers " + src.choice(["l'autre partie"] + plan.all_parties))
    dur = _duration(src)
    anchoring = None
    if form == "before_term":
        items.append(f"au moins {dur.text()} avant le terme")
    elif form == "before_renewal":
        items.append(f"au moins {dur.text()} avant la reconduction")
    elif form == "before_event":
        items.append(f"au moins {dur.text()} avant " + src.choice(["chaque ", ""]) + trigger)
    elif form == "after_event":
        receipt = src.chance(40)
        items.append(f"dans un délai de {dur.text()} " + src.choice(["à compter de ", "après "])
                     + ("la réception de " if receipt else "") + trigger)
    elif form == "period_end":
        months = src.choice([12, 12, 6, 3])
        dur = Duration(src.integer(1, max(1, months - 1)), Unit.MONTHS) if src.chance(60) else \
            Duration(src.integer(1, 40), Unit.DAYS)
        items.append(f"au plus tard {dur.text()} avant la fin de chaque {src.choice(PERIOD_WORDS[months])}")
        anchoring = True
    elif form == "recurring":
        if src.chance(85):
            per = src.choice([12, 12, 6, 3, 1])
            if src.chance(20) and per in (1, 3, 6):
                every = {1: src.choice([2, 3, 4, 6]), 3: 2, 6: 2}[per]
                unit = {1: "mois", 3: "trimestres", 6: "semestres"}[per]
                items.append(f"au moins {src.integer(1, 3)} fois tous les {every} {unit}")
            else:
                items.append(f"au moins {src.integer(1, 4)} fois par {src.choice(PERIOD_WORDS[per])}")
        else:
            items.append(f"au moins {src.integer(1, 2)} fois toutes les {src.integer(1, 4)} semaines")
        anchoring = True
    elif form == "after_term":      # counted forward from the term end (its last day in force)
        items.append(src.choice([f"dans {dur.text()} suivant l'échéance", f"au plus tard {dur.text()} après le terme"]))
    elif form == "window":          # a calendar window the act must fall in, each year of the term
        items.append(src.choice(["en " + src.choice(MONTH_WORDS) + " de chaque année",
                                 "au cours du " + src.choice(["premier", "second", "troisième", "dernier"])
                                 + " trimestre de chaque année",
                                 "au cours du " + src.choice(["premier", "second"]) + " semestre de chaque année",
                                 "entre le 1er septembre et le 31 octobre de chaque année"]))
    elif form == "day_of_month":
        items.append(f"avant le {src.integer(2, 28)} de chaque mois")
    else:
        items.append(f"au plus tard le {_date(src, plan.start, plan.life_end + dt.timedelta(days=60)).isoformat()}")
    items[-1] += _channel(src)
    if form == "after_event" and src.chance(20):
        items.append("sans prorogation")
    if dur.unit is Unit.MONTHS and src.chance(20):
        items.append(src.choice(["jour manquant premier jour du mois suivant", "jour manquant dernier jour du mois",
                                 "jour manquant à signaler"]))
    if anchoring:
        items.append(src.choice(["périodes civiles", "périodes à compter du début"]))
    if src.chance(10):
        items.append("survit au terme")
    series = None
    if form in ("recurring", "period_end", "day_of_month") and src.chance(30):
        # recurrence (issue 10 item 6): a series started (each time) and stopped by events
        start = src.choice(["demande", "manquement", "rupture"])
        each = src.chance(50)
        until = src.choice([e for e in ("demande", "manquement", "rupture") if e != start]) if src.chance(60) else None
        # `à compter de chaque X`: series side by side; `tant que X`: the next X replaces the series
        head = f"à compter de {'chaque ' if each else ''}{start}, " if not each or src.chance(70) else \
            f"tant que {start}, "
        items[0] = head + items[0]
        if until:
            items.append(f"jusqu'à {until}")
        series = ("series", start, until, action)
    plan.actions.append(action)
    plan.scenarios.append(("duty", form, action, trigger, dur))
    if series:
        plan.scenarios.append(series)
    return f"obligation {cid} article {article} :\n  " + "\n  ".join(items) + "."


def _power(src: Source, plan: Plan, cid: str, article: int) -> tuple[str, str]:
    action = src.choice(["resiliation", "retrait", "resiliation", "avenant"])
    bearer = src.choice(["chaque partie peut", "chaque partie peut", f"{src.choice(plan.parties)} peut",
                         "les parties peuvent"])
    items = [f"{bearer} {action}" + _channel(src, 30)]
    conditions = []
    if src.chance(50):
        ev = src.choice(["manquement", "rupture"])
        items.append(f"si {ev}" + _party_ref(src, plan.parties))
        conditions.append(("if", ev))
    if src.chance(50):
        ev = src.choice(["mise_en_demeure", "conciliation"])
        text = f"après {ev}" + _party_ref(src, plan.parties) + _channel(src, 40)
        dur = None
        if src.chance(70):
            dur = _duration(src)
            text += f" restée sans effet pendant {dur.text()}" + (" à compter de sa réception" if src.chance(40) else "")
        items.append(text)
        conditions.append(("after", ev, dur))
    if src.chance(35):
        dur = _duration(src)
        items.append(f"au moins {dur.text()} avant " + src.choice(["la reconduction", "le terme"]))
        conditions.append(("notice", dur))
    if src.chance(25):
        items.append("jamais pendant la première année")
    if src.chance(15):
        items.append(f"pas avant le {_date(src, plan.start, plan.life_end).isoformat()}")
    if src.chance(30):
        items.append("effet à la reconduction")
    effect = src.choice(["end", "end", "leave", "none"])
    if effect == "end":
        items.append("met fin à la convention")
    elif effect == "leave":
        items.append("retire la partie")
    if src.chance(10):
        items.append("sans prorogation")
    if src.chance(12):
        items.append(src.choice(["jour manquant premier jour du mois suivant", "jour manquant à signaler"]))
    plan.actions.append(action)
    plan.scenarios.append(("power", action, conditions, cid))
    return f"pouvoir {cid} article {article} :\n  " + "\n  ".join(items) + ".", action


def _prohibition(src: Source, plan: Plan, cid: str, article: int) -> str:
    action = src.choice(["divulgation", "divulgation", "rupture"])
    bearer = src.choice(["chaque partie ne doit pas", f"{src.choice(plan.parties)} ne doit pas",
                         "les parties ne doivent pas"])
    items = [f"{bearer} {action}"]
    for _ in range(src.integer(0, 2)):
        items.append("sauf " + src.choice(["", "après "]) + src.choice(["accord", "conciliation"])
                     + _party_ref(src, plan.parties))
    if src.chance(10):
        items.append("survit au terme")
    plan.scenarios.append(("prohibition", action))
    return f"interdiction {cid} article {article} :\n  " + "\n  ".join(items) + "."


def _consequence(src: Source, plan: Plan, cid: str, article: int, duties: list[str], powers: list[str]) -> str:
    trigger = src.choice(powers + ["rupture", "manquement"] if powers else ["rupture", "manquement"])
    by = f" de {src.choice(plan.parties)}" if src.chance(25) else ""
    if duties and src.chance(60):
        targets = sorted({src.choice(duties) for _ in range(src.integer(1, 2))})
        effect = "fin de " + " et ".join(targets)
    else:
        effect = "fin de la convention"
    plan.scenarios.append(("consequence", trigger))
    return f"conséquence {cid} article {article} : {trigger}{by} entraîne {effect}."


def _vote(src: Source, plan: Plan, parties: list[str]) -> str:
    items = ["bulletins bulletin", "décision deliberation"]
    if src.chance(40):
        voters = sorted({src.choice(parties) for _ in range(src.integer(2, 4))} | {parties[0]})
        items.append("votants " + ", ".join(voters))
    items.append(src.choice(["à la majorité des membres", "à la majorité des suffrages exprimés", "à l'unanimité",
                             "avec l'accord de chaque partie"]))
    if src.chance(50):
        items.append(f"voix prépondérante de {src.choice(parties)}")
    if src.chance(25):
        items.append(f"quorum {src.integer(1, len(parties))}")
    plan.scenarios.append(("vote",))
    return "vote v1 article 9 :\n  " + "\n  ".join(items) + "."


# ---------------------------------------------------------------------------- event log
class Log:
    def __init__(self, src: Source, plan: Plan) -> None:
        self.src, self.plan, self.rows = src, plan, []

    def add(self, date: dt.date, name: str, by: Sequence[str] = (), **kw: Any) -> Event:
        src = self.src
        attrs = {k: v for k, v in kw.items() if k not in ("to", "via", "id", "ref", "subject")}
        fields = {k: v for k, v in kw.items() if k in ("to", "via", "id", "ref", "subject") and v}
        if "id" not in fields and src.chance(30):
            self.plan.ids += 1
            fields["id"] = f"e{self.plan.ids}"
        if "via" not in fields and src.chance(45):
            fields["via"] = src.choice(VIAS)
        if "to" not in fields and src.chance(15):
            fields["to"] = (src.choice(self.plan.all_parties + ["x"]),)
        if "received" not in attrs and src.chance(20):
            attrs["received"] = (date + dt.timedelta(days=src.integer(0, 9))).isoformat()
        if name == "conciliation" and src.chance(50):
            attrs["representatives"] = ";".join(f"{p}={src.integer(1, 3)}" for p in self.plan.parties)
        event = Event(date=date, event=name, by=tuple(by), attrs=attrs, origin="log", row=0, **fields)
        self.rows.append(event)
        return event

    def who(self) -> tuple[str, ...]:
        src, parties = self.src, self.plan.parties
        roll = src.integer(0, 19)
        if roll == 0:
            return ()
        if roll == 1:
            return ("x",)
        if roll <= 3 and len(parties) > 1:
            return tuple(sorted({src.choice(parties), src.choice(parties)}))
        return (src.choice(parties),)

    def near(self, d: dt.date, spread: int = 3) -> dt.date:
        return d + dt.timedelta(days=self.src.integer(-spread, spread))


def _scenario(log: Log, scenario: tuple, as_of: dt.date) -> None:
    src, plan = log.src, log.plan
    kind = scenario[0]
    if kind == "duty":
        _, form, action, trigger, dur = scenario
        if form == "before_term":
            for _ in range(src.integer(0, 3)):
                log.add(log.near(dur.before(plan.end)), action, log.who())
        elif form == "before_renewal":
            for r in plan.renewals[:4]:
                if src.chance(70):
                    log.add(log.near(dur.before(r)), action, log.who())
        elif form in ("before_event", "after_event"):
            for _ in range(src.integer(0, 4)):
                when = _date(src, plan.start - dt.timedelta(days=10), max(as_of + dt.timedelta(days=90), plan.start))
                t = log.add(when, trigger, log.who())
                if src.chance(75):
                    due = dur.before(when) if form == "before_event" else dur.after(
                        dt.date.fromisoformat(t.attrs["received"]) if "received" in t.attrs and src.chance(70)
                        else when)
                    kw = {"ref": t.id} if t.id and src.chance(50) else {}
                    if src.chance(10):
                        kw = {"ref": "e999"}
                    log.add(log.near(due, 4), action, log.who(), **kw)
        elif form == "after_term":
            for _ in range(src.integer(0, 3)):
                log.add(log.near(dur.after(plan.end - dt.timedelta(days=1)), 6), action, log.who())
        elif form in ("recurring", "period_end", "day_of_month", "window"):
            if src.chance(50):   # a diligent party: about one act every few weeks over the whole life
                who = log.who()
                step = src.choice([12, 25, 40, 80, 150])
                when = plan.start + dt.timedelta(days=src.integer(0, step))
                while when <= min(as_of, plan.life_end + dt.timedelta(days=60)):
                    if src.chance(90):
                        log.add(when, action, who if src.chance(85) else log.who())
                    when += dt.timedelta(days=max(1, step + src.integer(-step // 3, step // 3)))
            for _ in range(src.integer(0, 10)):
                when = _date(src, plan.start - dt.timedelta(days=20), plan.life_end + dt.timedelta(days=60))
                kw = {}
                if src.chance(10):
                    kw["period"] = str(when.year - src.integer(0, 1)) if src.chance(50) else \
                        (when - dt.timedelta(days=src.integer(0, 120))).isoformat()
                log.add(when, action, log.who(), **kw)
        else:
            for _ in range(src.integer(0, 2)):
                log.add(_date(src, plan.start, plan.life_end + dt.timedelta(days=90)), action, log.who())
    elif kind == "power":
        _, action, conditions, _ = scenario
        # several clauses may give the action: an act may name the one it uses (ref or subject)
        grounds = [sc[3] for sc in plan.scenarios if sc[0] == "power" and sc[1] == action]
        for _ in range(src.integer(0, 2)):
            when = _date(src, plan.start - dt.timedelta(days=10), plan.life_end)
            actor = log.who()
            for cond in conditions:
                if cond[0] == "if" and src.chance(75):
                    log.add(when - dt.timedelta(days=src.integer(0, 90)),
                            cond[1], (src.choice(plan.parties),) if src.chance(80) else actor)
                elif cond[0] == "after" and src.chance(80):
                    notice = when - dt.timedelta(days=src.integer(0, 60))
                    t = log.add(notice, cond[1], actor if src.chance(70) else (src.choice(plan.parties),))
                    if cond[2] is not None and src.chance(60):
                        base = dt.date.fromisoformat(t.attrs["received"]) if "received" in t.attrs else notice
                        when = log.near(cond[2].after(base), 3)
                elif cond[0] == "notice" and plan.renewals and src.chance(60):
                    when = log.near(cond[1].before(src.choice(plan.renewals + [plan.end])), 3)
            kw = {}
            if src.chance(20):
                kw["ref"] = f"e{src.integer(1, max(plan.ids, 1))}"
            elif len(grounds) > 1 and src.chance(25):
                kw[src.choice(["ref", "subject"])] = src.choice(grounds)
            log.add(when, action, actor, **kw)
    elif kind == "series":   # the events that start and stop a duty's series
        _, start, until, action = scenario
        openers = []
        for _ in range(src.integer(0, 3)):
            kw = {}
            if src.chance(60):
                plan.ids += 1
                kw["id"] = f"e{plan.ids}"
            openers.append(log.add(_date(src, plan.start - dt.timedelta(days=20), plan.life_end), start, log.who(),
                                   **kw))
        named = [o for o in openers if o.id]
        if until and src.chance(60):
            if named and src.chance(50):   # a stop that names the occurrence whose series it stops (ref)
                latest = max(o.date for o in openers)
                log.add(_date(src, latest, max(latest, plan.life_end)), until, log.who(), ref=src.choice(named).id)
            else:
                log.add(_date(src, plan.start, plan.life_end + dt.timedelta(days=60)), until, log.who())
        for _ in range(src.integer(0, 4) if named else 0):   # acts done for one series (ref)
            opener = src.choice(named)
            log.add(_date(src, opener.date, plan.life_end + dt.timedelta(days=30)), action, log.who(), ref=opener.id)
    elif kind == "prohibition":
        _, action = scenario
        for _ in range(src.integer(0, 3)):
            when = _date(src, plan.start - dt.timedelta(days=10), plan.life_end + dt.timedelta(days=60))
            if src.chance(50):
                log.add(when - dt.timedelta(days=src.integer(0, 30)), src.choice(["accord", "conciliation"]),
                        log.who())
            log.add(when, action, log.who())
    elif kind == "consequence":
        _, trigger = scenario
        if src.chance(40):
            log.add(_date(src, plan.start, plan.life_end), trigger, log.who())
    elif kind == "vote":
        dates = [r - dt.timedelta(days=src.integer(-5, 60)) for r in plan.renewals[:4]]
        dates += [_date(src, plan.start, plan.life_end) for _ in range(src.integer(0, 2))]
        for d in dates:
            if not src.chance(75):
                continue
            decision_id = None
            if src.chance(50):
                plan.ids += 1
                decision_id = f"e{plan.ids}"
            for p in plan.all_parties:
                if src.chance(75):
                    kw: dict[str, Any] = {"value": src.choice(["pour", "pour", "contre", "abstention"])}
                    if decision_id and src.chance(70):
                        kw["ref"] = decision_id
                    log.add(d - dt.timedelta(days=src.integer(0, 5)), "bulletin", (p,), **kw)
            kw = {"id": decision_id} if decision_id else {}
            if src.chance(85):
                kw["value"] = src.choice(["pour", "contre"])
            log.add(d, "deliberation", (src.choice(plan.parties),), **kw)


def case(src: Source) -> Case:
    text, plan, _ = convention(src)
    span = (plan.life_end - plan.start).days
    as_of = plan.start + dt.timedelta(days=src.integer(-30, span + 400))
    horizon = src.choice([0, 30, 60, 60, 90, 180])
    log = Log(src, plan)
    for scenario in plan.scenarios:
        _scenario(log, scenario, as_of)
    for _ in range(src.integer(0, 6)):  # noise
        log.add(_date(src, plan.start - dt.timedelta(days=30), plan.life_end + dt.timedelta(days=90)),
                src.choice(EVENTS), log.who())
    rows = sorted(log.rows, key=lambda e: e.date)
    events = [e.model_copy(update={"origin": f"log.jsonl:{i}", "row": i}) for i, e in enumerate(rows, start=1)]
    return Case(text, events, as_of, horizon)
