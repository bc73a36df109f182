"""A long differential campaign: N random cases, engine against the reference evaluator.

    .venv/bin/python tests/oracle/campaign.py --cases 100000 --seed 2 [--jobs 2] [--out DIR]

Case ``i`` of seed ``s`` is drawn from ``random.Random(f"{s}:{i}")``, so any case can be
replayed alone (``--only I``). Every disagreement is written to ``DIR/case-I.txt`` (the
clause file, the log as JSON Lines, the as-of date, and the findings each side alone
produced); the summary gives the counts, the time taken and the features exercised.
Exit 1 if any case disagrees or the generator wrote a file the pipeline rejects.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/, for `import oracle`

from oracle.compare import GeneratorError, run  # noqa: E402
from oracle.generate import RandomSource, case  # noqa: E402


def one(seed: int, index: int) -> tuple[str, str, collections.Counter]:
    c = case(RandomSource(random.Random(f"{seed}:{index}")))
    try:
        outcome = run(c)
    except GeneratorError as err:
        return "generator", str(err), collections.Counter()
    except Exception as err:  # a crash of either side is a finding too
        import traceback

        return "crash", traceback.format_exc() + "\n" + c.reproduce(), collections.Counter()
    features = collections.Counter(f"{row[0]}:{row[2]}" for row in outcome.engine.elements())
    if outcome.agree:
        return "agree", "", features
    return "disagree", outcome.report(), features


def _chunk(args: tuple[int, int, int]) -> list[tuple[int, str, str, collections.Counter]]:
    seed, first, last = args
    return [(i, *one(seed, i)) for i in range(first, last)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--start", type=int, default=0, help="first case index")
    parser.add_argument("--only", type=int, help="replay one case and print it")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "clauses-campaign")
    args = parser.parse_args(argv)
    if args.only is not None:
        verdict, report, _ = one(args.seed, args.only)
        print(verdict)
        print(report or case(RandomSource(random.Random(f"{args.seed}:{args.only}"))).reproduce())
        return 0 if verdict == "agree" else 1
    began = time.time()
    size = 250
    chunks = [(args.seed, i, min(i + size, args.start + args.cases))
              for i in range(args.start, args.start + args.cases, size)]
    verdicts: collections.Counter = collections.Counter()
    features: collections.Counter = collections.Counter()
    bad: list[int] = []
    done = 0
    with multiprocessing.Pool(args.jobs) as pool:
        for results in pool.imap_unordered(_chunk, chunks):
            for index, verdict, report, seen in results:
                verdicts[verdict] += 1
                features.update(seen)
                if verdict != "agree":
                    bad.append(index)
                    args.out.mkdir(parents=True, exist_ok=True)
                    (args.out / f"case-{index}.txt").write_text(f"{verdict}\n{report}", encoding="utf-8")
            done += len(results)
            if done % 10000 < size:
                print(f"{done}/{args.cases} cases, {time.time() - began:.0f} s, {dict(verdicts)}", flush=True)
    elapsed = time.time() - began
    print(f"seed {args.seed}: {args.cases} cases in {elapsed:.0f} s ({args.jobs} processes): {dict(verdicts)}")
    print("findings compared, by kind and status:", ", ".join(f"{k} {v}" for k, v in sorted(features.items())))
    if bad:
        print(f"disagreements written to {args.out}/: cases {sorted(bad)[:50]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
