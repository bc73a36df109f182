"""How the cost of `clauses check` grows with what a convention holds (issue 12).

`bench/run.py` measures growth in events and in conventions. This script measures the
other dimensions, one at a time, everything else fixed, in CPU time of `evaluate` (the
rules are loaded once per point, outside the timing):

- years of a convention: a tacitly renewed yearly term followed for 1 → 30 years, with a
  committee "au moins 2 fois par an" and a report "au plus tard 2 mois avant la fin de
  chaque exercice" (recurring duties over 30 years), and the log that goes with it;
- renewals: the same convention with a withdrawal notice "au moins 3 mois avant la
  reconduction" (a duty per renewal), 1 → 60 renewals;
- clauses per convention: 1 → 200 duties, each with its own event and its own log rows;
- and for `clauses lint` (parse, lower, resolve, consistency checks of one file): the same
  files, 1 → 200 clauses and 1 → 30 years.

For each dimension it prints the CPU seconds per point and the growth exponent (slope of
log(time) against log(size) between the smallest and the largest point: 1.0 is linear),
and writes bench/GROWTH.md. Run: `python bench/growth.py` (about a minute).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from clauses.evaluation import evaluate  # noqa: E402
from clauses.events import Event  # noqa: E402
from clauses.language.load import load_source  # noqa: E402
from clauses.language.source import SourceText  # noqa: E402

HEADER = """langue fr.
convention "banc d'essai" signée à "Lyon" le 2000-01-01 jours fériés métropole.
partie a "Partenaire A" rôle "membre".
partie b "Partenaire B" rôle "membre".
"""


def rules_years(years: int) -> str:
    return HEADER + f"""
événement comité "réunion du comité".
événement rapport "rapport annuel".
événement retrait "notification de retrait".
durée article 1 :
  1 an à compter du 2000-01-01
  renouvellement tacite par périodes de 1 an dans la limite de {years} ans.
obligation comité article 2 :
  les parties doivent comité au moins 2 fois par an périodes civiles.
obligation rapport article 3 :
  a doit rapport envers b au plus tard 2 mois avant la fin de chaque exercice périodes civiles.
obligation retrait article 4 :
  chaque partie doit retrait envers l'autre partie au moins 3 mois avant la reconduction.
"""


def log_years(years: int) -> list[Event]:
    events, row = [], 0
    for y in range(2000, 2000 + years):
        for month in (3, 9):
            row += 1
            events.append(Event(date=dt.date(y, month, 10), event="comité", by=("a", "b"), row=row))
        row += 1
        events.append(Event(date=dt.date(y, 10, 1), event="rapport", by=("a",), to=("b",), row=row))
        for party, other in (("a", "b"), ("b", "a")):
            row += 1
            events.append(Event(date=dt.date(y, 9, 15), event="retrait", by=(party,), to=(other,), row=row))
    return events


def rules_clauses(count: int) -> str:
    decls = "".join(f'événement acte{i} "acte {i}".\n' for i in range(count))
    duties = "".join(f"obligation devoir{i} article {i + 2} :\n  a doit acte{i} envers b au moins 1 fois par an "
                     f"périodes civiles.\n" for i in range(count))
    return HEADER + decls + "durée article 1 : 10 ans à compter du 2000-01-01 sans renouvellement.\n" + duties


def log_clauses(count: int) -> list[Event]:
    return [Event(date=dt.date(y, 6, 1), event=f"acte{i}", by=("a",), to=("b",), row=1 + i * 10 + (y - 2000))
            for i in range(count) for y in range(2000, 2010)]


def measure(text: str, events: list[Event], as_of: dt.date, repeat: int = 3) -> tuple[float, int]:
    loaded = load_source(SourceText("bench.clauses", text))
    if not loaded.ok:
        raise SystemExit("\n".join(str(d.message) for d in loaded.diagnostics))
    best = math.inf
    findings = []
    for _ in range(repeat):
        start = time.process_time()
        findings, _ignored = evaluate(loaded.convention, events, as_of)
        best = min(best, time.process_time() - start)
    return best, len(findings)


def measure_lint(text: str, repeat: int = 3) -> tuple[float, int]:
    """CPU of what `clauses lint` does for one file (parse, lower, resolve, consistency checks,
    suppressions), best of ``repeat``, the parser and its lexer states built beforehand."""
    from clauses.lint.pipeline import lint_loaded

    source = SourceText("bench.clauses", text)
    lint_loaded(load_source(source))
    best, found = math.inf, 0
    for _ in range(repeat):
        start = time.process_time()
        found = len(lint_loaded(load_source(source)).diagnostics)
        best = min(best, time.process_time() - start)
    return best, found


def slope(points: list[tuple[int, float]]) -> float:
    (x0, t0), (x1, t1) = points[0], points[-1]
    return math.log(t1 / t0) / math.log(x1 / x0) if t0 > 0 and x1 != x0 else float("nan")


def main() -> int:
    dims = {
        "years of the convention (recurring duties, renewals)": [
            (n, *measure(rules_years(n), log_years(n), dt.date(2000 + n, 1, 1))) for n in (1, 3, 10, 30)],
        "renewals (a notice before each one)": [
            (n, *measure(rules_years(n + 1), log_years(n + 1), dt.date(2001 + n, 1, 1))) for n in (1, 5, 20, 60)],
        "clauses per convention (one duty and its log each)": [
            (n, *measure(rules_clauses(n), log_clauses(n), dt.date(2010, 1, 1))) for n in (1, 10, 50, 200)],
    }
    lint_dims = {
        "lint: clauses per file (one duty each)": [(n, *measure_lint(rules_clauses(n))) for n in (1, 10, 50, 200)],
        "lint: years of the convention (renewals up to the limit)": [
            (n, *measure_lint(rules_years(n))) for n in (1, 3, 10, 30)],
    }
    load = os.getloadavg()[0]
    lines = ["# Cost growth of `clauses check` and `clauses lint` by dimension", "",
             f"`python bench/growth.py` on {platform.processor() or platform.machine()}, CPython "
             f"{platform.python_version()}, {dt.datetime.now().isoformat(timespec='minutes')}, load average "
             f"{load:.1f} at the start. `check`: CPU time of "
             "`evaluate` (best of 3); the log grows with the dimension. `lint`: CPU time of parsing, lowering, "
             "resolving and checking one file (best of 3). Exponent: slope of log(time) "
             "against log(size) between the first and last point (1.0 = linear). Growth in events and in "
             "conventions: `bench/run.py` (`bench/RESULTS.md`).", ""]
    for name, points in {**dims, **lint_dims}.items():
        unit = "diagnostics" if name.startswith("lint") else "findings"
        lines += [f"## {name}", "", f"| size | CPU (ms) | {unit} | µs per {unit[:-1]} |", "|---:|---:|---:|---:|"]
        for size, cpu, findings in points:
            lines.append(f"| {size} | {cpu * 1000:.1f} | {findings} | {cpu * 1e6 / max(findings, 1):.0f} |")
        exponent = slope([(s, c) for s, c, _ in points])
        lines += ["", f"Growth exponent: **{exponent:.2f}**", ""]
        print(f"{name}: exponent {exponent:.2f}; " + ", ".join(f"{s}: {c * 1000:.1f} ms" for s, c, _ in points))
    (HERE / "GROWTH.md").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
