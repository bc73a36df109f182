"""Coverage-guided fuzzing of the rules pipeline with atheris (optional; see fuzz/README.md).

Each input is decoded as UTF-8 text (invalid bytes are replaced, so that libFuzzer's
byte mutations still reach the parser) and run through everything ``clauses lint`` and
``clauses check`` do: load (parse, lower, resolve), the consistency checks, every lint
output format, and, when the file loads, the graph and an evaluation against the seed
000 example log. The only outcome allowed is a result or diagnostics: any exception is
a crash that atheris reports with the input that caused it.

The first input byte picks how the rest is used: as a whole file, or spliced into one
of the five seed files (so that most inputs get past the header and reach the checks).

    .venv/bin/python fuzz/fuzz_parser.py -timeout=10 -max_total_time=600 fuzz/corpus/rules rules
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent

with atheris.instrument_imports(include=["clauses"]):
    from clauses.diagnostics import render
    from clauses.evaluation import evaluate
    from clauses.events import read_events
    from clauses.graph import build_graph, to_dot, to_json, to_mermaid
    from clauses.lint.pipeline import lint_loaded
    from clauses.output.lint import FORMATTERS, Report
    from clauses.language.load import load_source
    from clauses.language.parser import get_parser
    from clauses.language.source import SourceText

SEEDS = sorted((ROOT / "rules").glob("*.clauses"))
SEED_TEXTS = [p.read_text(encoding="utf-8") for p in SEEDS]
LOG = ROOT / "examples" / "000_pisco_manosque" / "breaches.csv"
EVENTS, _ = read_events(LOG)
AS_OF = dt.date(2022, 3, 1)
# what evaluate() is documented to raise (an as-of date outside the years it evaluates)
DOCUMENTED = ("outside what this checker evaluates",)


def run(text: str, path: Path) -> None:
    loaded = load_source(SourceText(str(path), text), path)
    result = lint_loaded(loaded)
    for diag in result.diagnostics:
        render(diag, loaded.source)
    report = Report.of([result], show_info=True)
    for formatter in FORMATTERS.values():
        formatter(report)
    if loaded.ok:
        graph = build_graph(loaded.convention)
        to_dot(graph), to_mermaid(graph), to_json(graph)
        try:
            evaluate(loaded.convention, EVENTS, AS_OF, 60)
        except ValueError as exc:
            if not any(k in str(exc) for k in DOCUMENTED):
                raise


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    mode, rest = data[0], data[1:]
    text = rest.decode("utf-8", "replace")
    if mode % 2 == 0 or len(rest) < 4:
        run(text, ROOT / "rules" / "fuzzed.clauses")
        return
    index = mode // 2 % len(SEEDS)
    seed = SEED_TEXTS[index]
    at = int.from_bytes(rest[:2], "little") % (len(seed) + 1)
    cut = min(rest[2], len(seed) - at)
    run(seed[:at] + text[3:] + seed[at + cut:], SEEDS[index])


def main() -> None:
    get_parser()  # build (or load) the parser before fuzzing starts
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
