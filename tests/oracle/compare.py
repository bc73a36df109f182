"""Run one case through the parser, the engine and the reference evaluator; compare the findings."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from clauses.codes import Severity
from clauses.evaluation import evaluate
from clauses.language.load import load_source
from clauses.language.source import SourceText

from .generate import Case
from .reference import COMPARE_YEARS, Row, reference


class GeneratorError(AssertionError):
    """The generator wrote a clause file the pipeline rejects (a bug of the generator)."""


@dataclass
class Outcome:
    case: Case
    engine: Counter
    oracle: Counter

    @property
    def agree(self) -> bool:
        return self.engine == self.oracle

    def report(self) -> str:
        only_engine = sorted((self.engine - self.oracle).elements(), key=repr)
        only_oracle = sorted((self.oracle - self.engine).elements(), key=repr)
        lines = ["engine and reference disagree", "only in the engine's findings:"]
        lines += [f"  {row}" for row in only_engine] or ["  (none)"]
        lines.append("only in the reference's findings:")
        lines += [f"  {row}" for row in only_oracle] or ["  (none)"]
        return "\n".join(lines) + "\n" + self.case.reproduce()


def _window(rows: list[Row], as_of: dt.date, horizon: int) -> Counter:
    """Findings due within COMPARE_YEARS years after the horizon (or with no due date): beyond it,
    only how far ahead each side bothers to list open-ended renewals differs."""
    limit = as_of + dt.timedelta(days=horizon + 365 * COMPARE_YEARS)
    return Counter(r for r in rows if (r[4] or r[6]) is None or (r[4] or r[6]) <= limit)


def run(case: Case) -> Outcome:
    loaded = load_source(SourceText("rules.clauses", case.text))
    errors = [d for d in loaded.diagnostics if d.severity is Severity.ERROR]
    if errors or loaded.convention is None:
        raise GeneratorError(f"{errors[0].code if errors else '?'} {errors[0].message if errors else ''}\n"
                             + case.text)
    conv = loaded.convention
    findings, _ = evaluate(conv, list(case.events), case.as_of, case.horizon)
    engine = [(f.kind, f.clause, f.status.value, tuple(f.parties), f.due,
               f.window_start if f.kind == "duty" else None, f.acted) for f in findings]
    oracle = reference(conv, list(case.events), case.as_of, case.horizon)
    return Outcome(case, _window(engine, case.as_of, case.horizon), _window(oracle, case.as_of, case.horizon))
