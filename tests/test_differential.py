"""The engine against a naive reference evaluator, on random conventions and logs (issue 5 §2).

The generator (tests/oracle/generate.py) writes clause-file text for a random convention and a
random event log; the engine (clauses.evaluation) and the reference (tests/oracle/reference.py,
which walks the calendar day by day and shares no code with the engine) must produce the same
findings: (kind, clause, status, parties, due date, window start). On a disagreement the test
prints the clause file, the log and the findings each side alone produced.

CLAUSES_DIFF_EXAMPLES sets the number of cases (default 2000: a quarter drawn by hypothesis, which
shrinks a failure, the rest a fixed slice of the campaign seed 2020's cases); both are deterministic.
A long campaign: `python tests/oracle/campaign.py --cases 100000 --seed 1` (docs/reliability.md).
"""

from __future__ import annotations

import os
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oracle.compare import run
from oracle.generate import DrawSource, RandomSource, case

TOTAL = int(os.environ.get("CLAUSES_DIFF_EXAMPLES", "2000"))
DRAWN = max(1, TOTAL // 4)          # hypothesis draws cost ~35 ms a case, seeded cases ~10 ms
SLICE = max(1, TOTAL - DRAWN)


@settings(max_examples=DRAWN, deadline=None, derandomize=True, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(st.data())
def test_engine_agrees_with_the_reference_on_drawn_cases(data) -> None:
    outcome = run(case(DrawSource(data)))
    assert outcome.agree, outcome.report()


@pytest.mark.parametrize("block", range(4))
def test_engine_agrees_with_the_reference_on_campaign_cases(block: int) -> None:
    """Cases of the campaign's seed 2020 (replay one: campaign.py --seed 2020 --only I)."""
    per_block = -(-SLICE // 4)
    failures = []
    for index in range(block * per_block, min((block + 1) * per_block, SLICE)):
        outcome = run(case(RandomSource(random.Random(f"2020:{index}"))))
        if not outcome.agree:
            failures.append(f"case {index}:\n{outcome.report()}")
    assert not failures, "\n\n".join(failures[:3])
