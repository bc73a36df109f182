"""A timed fuzz campaign: the grammar, rules, log and scenario fuzzers, with a fresh seed.

    .venv/bin/python fuzz/campaign.py --minutes 30                # a fresh random seed
    .venv/bin/python fuzz/campaign.py --minutes 5 --seed 12345    # replay a campaign's draws
    .venv/bin/python fuzz/campaign.py --minutes 2 --only logs     # one family

The fuzzers are those of ``tests/test_fuzz.py`` (the same strategies and the same
oracles as the test suite runs with its small fixed budget): hypothesis generates the
inputs, with no shrinking and no example database, from ``--seed`` (by default a fresh
one, printed first so that the campaign can be replayed). The time is shared out in
slices of ``--slice`` seconds, round robin, between:

- ``grammar``: files generated from the grammar, alone, after a real header (names
  resolve, the checks run, the seed 000 log is evaluated) and damaged;
- ``rules``: the seed rules files damaged as text and as bytes on disk;
- ``logs``: random bytes, generated CSV / JSON Lines / YAML / workbooks, damaged real
  logs, and the seeds' conventions evaluated against their own damaged logs;
- ``scenarios``: damaged seed scenario files and generated ones.

Every case ends as one of: ``ok`` (a result or diagnostics); ``crash`` (an exception
that is not one ``evaluate`` documents: an internal error, exit 3 for a user);
``failure`` (an oracle's assertion: a silent loss of a log record, a malformed
diagnostic...); ``hang`` (still running after ``--hang`` seconds of CPU time, or ten
times that on the clock, stopped by an alarm); ``slow`` is counted besides (over
``--slow`` seconds of CPU time). Times are CPU times, so that a campaign run under
``nice`` on a busy machine does not count the machine's load as hangs. Each crash, failure
and hang is written to ``--out`` (the input, and what happened with its traceback)
for a regression test in ``tests/fixtures/fuzz/``. The exit code is 1 when any
case crashed, failed or hung.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]


from hypothesis import HealthCheck, Phase, Verbosity, given, seed as hypothesis_seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_fuzz as tf  # noqa: E402


class _SliceOver(Exception):
    """Raised inside the test body when a slice's time is up (stops hypothesis)."""


@dataclass
class Fuzzer:
    name: str
    family: str
    strategy: st.SearchStrategy
    run: Callable[[Any], None]
    #: the input to save for a regression test: case -> (file suffix, text or bytes)
    payload: Callable[[Any], tuple[str, Any]] = lambda case: (".clauses", case)


def _rules_in(path: Path, with_log: bool = False) -> Callable[[str], None]:
    logs = tf.SEED_LOGS.get(path.name, [])[:1] if with_log else []
    return lambda text: tf.run_rules(text, path, logs=logs)


@st.composite
def _after_header(draw) -> str:
    text = tf.HEADER + draw(tf.grammar_texts())
    return draw(tf.mutated(text, max_ops=3)) if draw(st.booleans()) else text


@st.composite
def _mutated_seed(draw) -> tuple[str, str]:
    path = draw(st.sampled_from(tf.RULE_FILES))
    return path.name, draw(tf.mutated(path.read_text(encoding="utf-8")))


@st.composite
def _mutated_seed_bytes(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(tf.RULE_FILES))
    return path.name, draw(tf.mutated_bytes(path.read_bytes()))


def _run_mutated_seed(case: tuple[str, str]) -> None:
    name, text = case
    tf.run_rules(text, tf.RULES / name, logs=tf.SEED_LOGS[name])


def _run_seed_bytes(case: tuple[str, bytes]) -> None:
    name, raw = case
    target = tf._WORK / "rules" / name
    target.parent.mkdir(exist_ok=True)
    conventions = tf._WORK / "conventions"
    if not conventions.exists():
        shutil.copytree(tf.ROOT / "conventions", conventions)
    target.write_bytes(raw)
    loaded = tf.load(target)
    tf._check_diagnostics(loaded.diagnostics, loaded.source)
    if loaded.source is not None:
        tf.run_rules(loaded.source.text, target)


@st.composite
def _any_bytes(draw) -> tuple[str, bytes]:
    return draw(st.sampled_from(tf.SUFFIXES)), draw(st.binary(max_size=600))


@st.composite
def _encoded(draw, texts: st.SearchStrategy, suffix: str) -> tuple[str, bytes]:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return suffix, draw(texts).encode(encoding, "replace")


@st.composite
def _mutated_log(draw) -> tuple[str, bytes]:
    log = draw(st.sampled_from([p for p in tf.ALL_LOGS if p.suffix != ".xlsx"]))
    if draw(st.booleans()):
        return log.suffix, draw(tf.mutated(log.read_text(encoding="utf-8"))).encode("utf-8", "surrogatepass")
    return log.suffix, draw(tf.mutated_bytes(log.read_bytes()))


def _run_log(case: tuple[str, bytes]) -> None:
    suffix, raw = case
    path, events, diags = tf.read_bytes_as(suffix, raw)
    if suffix == ".xlsx":
        tf.check_log_result(path, events, diags, lambda: (tf._xlsx_records(raw), None))


@st.composite
def _workbook(draw) -> tuple[str, bytes]:
    return ".xlsx", draw(tf.workbooks())


@st.composite
def _seed_against_log(draw) -> tuple[str, str, str, Any]:
    rules = draw(st.sampled_from(tf.RULE_FILES))
    log = draw(st.sampled_from(tf.SEED_LOGS[rules.name]))
    text = draw(tf.mutated(log.read_text(encoding="utf-8"), max_ops=4))
    as_of = draw(st.sampled_from(tf.AS_OF) | st.dates(tf.dt.date(2010, 1, 1), tf.dt.date(2030, 12, 31)))
    return rules.name, log.suffix, text, as_of


def _run_seed_against_log(case) -> None:
    name, suffix, text, as_of = case
    loaded = tf._seed_loaded(tf.RULES / name)
    path, events, diags = tf.read_bytes_as(suffix, text.encode("utf-8", "surrogatepass"), name="mutated-log")
    tf.evaluate_log(loaded.convention, name, path, as_of, events, diags)


def _second(case: tuple[str, Any]) -> tuple[str, Any]:
    return ".clauses", case[1]


def _log_payload(case: tuple[str, bytes]) -> tuple[str, bytes]:
    return case


GENERATED = tf.RULES / "generated.clauses"
PISCO = tf.RULES / "000_pisco_manosque.clauses"

FUZZERS = [
    Fuzzer("grammar-files", "grammar", tf.grammar_texts(), _rules_in(GENERATED)),
    Fuzzer("grammar-after-header", "grammar", _after_header(), _rules_in(PISCO, with_log=True)),
    Fuzzer("grammar-damaged", "grammar", tf.grammar_texts().flatmap(lambda t: tf.mutated(t, max_ops=4)),
           _rules_in(GENERATED)),
    Fuzzer("seed-rules-damaged", "rules", _mutated_seed(), _run_mutated_seed, _second),
    Fuzzer("seed-rules-bytes", "rules", _mutated_seed_bytes(), _run_seed_bytes, _second),
    Fuzzer("log-random-bytes", "logs", _any_bytes(), _run_log, _log_payload),
    Fuzzer("log-csv", "logs", _encoded(tf.csv_texts(), ".csv"), _run_log, _log_payload),
    Fuzzer("log-jsonl", "logs", _encoded(tf.jsonl_texts(), ".jsonl"), _run_log, _log_payload),
    Fuzzer("log-yaml", "logs", _encoded(tf.yaml_texts(), ".yaml"), _run_log, _log_payload),
    Fuzzer("log-damaged-real", "logs", _mutated_log(), _run_log, _log_payload),
    Fuzzer("log-xlsx", "logs", _workbook(), _run_log, _log_payload),
    Fuzzer("log-against-seed", "logs", _seed_against_log(), _run_seed_against_log, lambda c: (c[1], c[2])),
    Fuzzer("scenario-files", "scenarios", tf.scenario_texts(), tf.run_scenario_text, lambda c: (".scenario.yaml", c)),
]
FAMILIES = sorted({f.family for f in FUZZERS})


@dataclass
class Tally:
    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    slow: int = 0
    slowest: float = 0.0
    seconds: float = 0.0


def _save(out: Path, fuzzer: Fuzzer, kind: str, number: int, case: Any, detail: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    suffix, content = fuzzer.payload(case)
    target = out / f"{fuzzer.name}-{kind}-{number}{suffix}"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(str(content), encoding="utf-8", errors="surrogatepass")
    (out / f"{fuzzer.name}-{kind}-{number}.what.txt").write_text(
        f"{fuzzer.name}: {kind}\ncase: {case!r}"[:20000] + f"\n\n{detail}", encoding="utf-8", errors="replace")
    return target


@contextlib.contextmanager
def limits(cpu: float, wall: float):
    """Stop a case after ``cpu`` seconds of CPU time (an infinite loop, whatever the machine's load)
    or ``wall`` seconds of wall-clock time (a case blocked without computing)."""
    def on_cpu(signum, frame):
        raise tf.Hang(f"still running after {cpu:.0f} s of CPU time")

    def on_wall(signum, frame):
        raise tf.Hang(f"still running after {wall:.0f} s of wall-clock time")

    previous = signal.signal(signal.SIGVTALRM, on_cpu), signal.signal(signal.SIGALRM, on_wall)
    signal.setitimer(signal.ITIMER_VIRTUAL, cpu)
    signal.setitimer(signal.ITIMER_REAL, wall)   # the test suite's own alarm sees it and stands aside
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGVTALRM, previous[0])
        signal.signal(signal.SIGALRM, previous[1])


def run_slice(fuzzer: Fuzzer, seconds: float, seed_value: int, tally: Tally, args, log: Callable[[str], None]) -> None:
    stop_at = time.monotonic() + seconds

    @hypothesis_seed(seed_value)
    @settings(max_examples=10 ** 9, deadline=None, database=None, phases=[Phase.generate],
              verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def body(data) -> None:
        case = data.draw(fuzzer.strategy)
        if time.monotonic() > stop_at:  # after the draw: hypothesis replays this example identically
            raise _SliceOver
        started = time.process_time()
        kind = "ok"
        detail = ""
        try:
            with limits(args.hang, args.hang * 10):
                fuzzer.run(case)
        except tf.Hang as exc:
            kind, detail = "hang", str(exc)
        except AssertionError:
            kind, detail = "failure", traceback.format_exc()
        except Exception as exc:  # noqa: BLE001 - classifying is the point
            if tf.known_crash(exc) is not None:
                kind = "documented"
            else:
                kind, detail = "crash", traceback.format_exc()
        elapsed = time.process_time() - started     # CPU time: the machine's load does not count
        tally.cases += 1
        tally.outcomes[kind] += 1
        tally.seconds += elapsed
        tally.slowest = max(tally.slowest, elapsed)
        if elapsed > args.slow:
            tally.slow += 1
        if kind in ("crash", "failure", "hang"):
            saved = _save(args.out, fuzzer, kind, tally.outcomes[kind], case, detail)
            last = detail.strip().splitlines()[-1] if detail.strip() else kind
            log(f"  {kind}: {fuzzer.name} -> {saved} ({last[:160]})")

    try:
        body()
    except _SliceOver:
        pass
    except Exception as exc:  # noqa: BLE001 - a generator problem must not end the campaign
        tally.outcomes["generator error"] += 1
        log(f"  generator error in {fuzzer.name}: {type(exc).__name__}: {str(exc)[:200]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0, help="total time (default 5)")
    parser.add_argument("--seed", type=int, default=None, help="campaign seed (default: a fresh one)")
    parser.add_argument("--only", choices=FAMILIES, action="append", help="only these families")
    parser.add_argument("--slice", type=float, default=60.0, help="seconds per fuzzer before moving on (60)")
    parser.add_argument("--hang", type=float, default=30.0,
                        help="a case using this much CPU time (or 10 times as long on the clock) is a hang (30 s)")
    parser.add_argument("--slow", type=float, default=5.0, help="a case using this much CPU time is slow (5 s)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "clauses-fuzz-campaign",
                        help="where crashes, failures and hangs are written")
    args = parser.parse_args(argv)
    campaign_seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2 ** 32)
    fuzzers = [f for f in FUZZERS if not args.only or f.family in args.only]

    def log(line: str) -> None:
        print(line, flush=True)

    log(f"clauses fuzz campaign: seed {campaign_seed}, {args.minutes:g} min, "
        f"{len(fuzzers)} fuzzers ({', '.join(sorted({f.family for f in fuzzers}))}), out {args.out}")
    from clauses.language.parser import get_parser

    get_parser()
    tf.load_source(tf.SourceText("warm.clauses", "langue fr."))
    tallies = {f.name: Tally() for f in fuzzers}
    end = time.monotonic() + args.minutes * 60
    round_number = 0
    try:
        while time.monotonic() < end:
            for index, fuzzer in enumerate(fuzzers):
                left = end - time.monotonic()
                if left <= 0:
                    break
                seed_value = (campaign_seed * 1000003 + round_number * len(fuzzers) + index) % 2 ** 32
                run_slice(fuzzer, min(args.slice, left), seed_value, tallies[fuzzer.name], args, log)
            round_number += 1
            done = sum(t.cases for t in tallies.values())
            log(f"round {round_number}: {done} cases so far")
    except KeyboardInterrupt:
        log("interrupted: the figures below cover the cases run so far")
    finally:
        shutil.rmtree(tf._WORK, ignore_errors=True)
    return report(tallies, campaign_seed, log)


def report(tallies: dict[str, Tally], campaign_seed: int, log: Callable[[str], None]) -> int:
    log("")
    log(f"{'fuzzer':<22} {'cases':>8} {'crashes':>8} {'failures':>8} {'hangs':>6} {'slow':>5} "
        f"{'documented':>10} {'slowest CPU s':>13}")
    total = Tally()
    for name, t in tallies.items():
        log(f"{name:<22} {t.cases:>8} {t.outcomes['crash']:>8} {t.outcomes['failure']:>8} "
            f"{t.outcomes['hang']:>6} {t.slow:>5} {t.outcomes['documented']:>10} {t.slowest:>13.2f}")
        total.cases += t.cases
        total.outcomes.update(t.outcomes)
        total.slow += t.slow
        total.slowest = max(total.slowest, t.slowest)
    log(f"{'total':<22} {total.cases:>8} {total.outcomes['crash']:>8} {total.outcomes['failure']:>8} "
        f"{total.outcomes['hang']:>6} {total.slow:>5} {total.outcomes['documented']:>10} {total.slowest:>13.2f}")
    log(f"seed {campaign_seed}: cases {total.cases}, crashes {total.outcomes['crash']}, "
        f"failures {total.outcomes['failure']}, hangs {total.outcomes['hang']}")
    bad = total.outcomes["crash"] + total.outcomes["failure"] + total.outcomes["hang"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
