"""Fuzzing the parser, the pipeline, the checks, evaluation and every event-log reader.

Issue 5 §3: with random and mutated inputs, the only outcomes allowed are a
result or diagnostics -- never a traceback, a hang, or silent loss of rows.

- (a) grammar-based generation: ``hypothesis.extra.lark.from_lark`` on the
  real grammar, with explicit strategies for the terminals (keywords in both
  languages, names, numbers, dates, texts) padded with spaces so that the
  tokens lex apart, then random deletions and duplications;
- (b) mutation of the five seed rules files (characters and tokens deleted,
  inserted, swapped, duplicated; truncation; odd Unicode, NULs, RTL marks,
  CRLF, tabs, huge numbers, extreme dates; byte-level damage such as lone
  surrogates and other encodings), through load + lint (checks) + every lint
  output format + graph, and through evaluation against the seed's real logs
  when the mutated file still loads;
- (c) the event-log readers (CSV, JSON Lines, YAML, XLSX) with random bytes,
  random texts, mutated real logs and generated workbooks with odd cells: no
  exception, and every non-blank record is returned as an event or named by a
  diagnostic on its line;
- (d) hangs: every example has a hypothesis ``deadline`` and, as a backstop
  for a true infinite loop, a hard per-example alarm.

The corpus of inputs that once broke something lives in
``tests/fixtures/fuzz/`` (see its README) and is replayed by
``test_regression_corpus_*``.

Budget: the whole file runs in well under a minute by default. For a long
campaign set ``CLAUSES_FUZZ_EXAMPLES`` (examples per test, e.g. 20000) and
optionally ``CLAUSES_FUZZ_DEADLINE`` (seconds per example, default none: hangs are caught by the hard limit); see
``fuzz/README.md`` (atheris harnesses for coverage-guided fuzzing).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import signal
import tempfile
import threading
import traceback
import warnings
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clauses.codes import Severity
from clauses.diagnostics import Diagnostic, render
from clauses.evaluation import evaluate
from clauses.events import read_events, validate_events
from clauses.graph import build_graph, to_dot, to_json
from clauses.output.graphview import to_mermaid
from clauses.language.keywords import KEYWORDS
from clauses.lint.pipeline import lint_loaded
from clauses.output.lint import FORMATTERS, Report
from clauses.output.lint import statistics as lint_statistics
from clauses.language.load import Loaded, load, load_source
from clauses.language.parser import _grammar_text
from clauses.output.report import CheckReport, exit_code, render_json, render_text
from clauses.language.resolve import used_events
from clauses.language.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
EXAMPLES = ROOT / "examples"
CORPUS = Path(__file__).resolve().parent / "fixtures" / "fuzz"

RULE_FILES = sorted(RULES.glob("*.clauses"))
SEED_LOGS = {p.name: sorted(q for q in (EXAMPLES / p.stem).iterdir()
                            if q.suffix in (".csv", ".jsonl", ".yaml", ".yml", ".xlsx"))
             for p in RULE_FILES}
ALL_LOGS = sorted(log for logs in SEED_LOGS.values() for log in logs)

EXAMPLES_PER_TEST = int(os.environ.get("CLAUSES_FUZZ_EXAMPLES", "0") or 0)
#: a per-example deadline only when asked for: on a loaded 2-core machine a hypothesis
#: deadline fails an example that is merely slow this once (and then reports it as flaky on
#: replay, issue 11); a true hang is what the hard limit below is for
DEADLINE = float(os.environ.get("CLAUSES_FUZZ_DEADLINE", "0") or 0) or None
#: a true hang (an infinite loop) is stopped by an alarm after this many seconds
HARD_LIMIT = max(4 * (DEADLINE or 0), 20.0)


def fuzz_settings(default_examples: int) -> settings:
    """Bounded by default; ``CLAUSES_FUZZ_EXAMPLES`` raises every test's budget for long runs."""
    return settings(
        max_examples=EXAMPLES_PER_TEST or default_examples,
        # CI runs a fixed set of examples (deterministic); long campaigns draw at random
        derandomize=not EXAMPLES_PER_TEST,
        database=None if not EXAMPLES_PER_TEST else settings.default.database,
        deadline=timedelta(seconds=DEADLINE) if DEADLINE else None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.filter_too_much, HealthCheck.large_base_example],
    )


class Hang(BaseException):
    """An example ran past the hard limit: a hang. A ``BaseException``, so that no last-resort
    handler of the code under test (``except Exception``) can turn it into a diagnostic."""


@contextlib.contextmanager
def hard_limit(seconds: float = HARD_LIMIT):
    """Interrupt a runaway example (main thread, POSIX); a no-op elsewhere or when nested."""
    if (not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    def _alarm(signum, frame):  # pragma: no cover - only on a hang
        raise Hang(f"example still running after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# =========================================================================== oracles: rules


def _check_diagnostics(diagnostics, source: SourceText | None) -> None:
    for d in diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.code and d.message, d
        assert "Traceback" not in d.message and "internal error" not in d.message, d
        if d.span is not None:
            assert d.span.line >= 1 and d.span.column >= 1, d
            assert (d.span.end_line, d.span.end_column) >= (d.span.line, d.span.column), d
            if source is not None and d.span.path == source.path:
                assert d.span.line <= len(source.line_starts) + 1, d
        render(d, source)


def run_rules(text: str, path: Path, logs: list[Path] = (), as_of: dt.date | None = None) -> Loaded:
    """load_source + lint (checks, suppressions) + every lint output + graph + evaluation.

    Returns the loaded file; raises only if some stage does.
    """
    source = SourceText(str(path), text)
    loaded = load_source(source, path)
    _check_diagnostics(loaded.diagnostics, loaded.source)
    if not loaded.ok:
        assert any(d.severity is Severity.ERROR for d in loaded.diagnostics) or loaded.convention is None
    try:
        result = lint_loaded(loaded)
    except Exception as exc:
        if known_crash(exc) is None:
            raise
        return loaded
    _check_diagnostics(result.diagnostics, loaded.source)
    report = Report.of([result], show_info=True)
    for formatter in FORMATTERS.values():
        formatter(report)
    lint_statistics(report)
    report.exit_code()
    if loaded.ok:
        conv = loaded.convention
        conv.model_dump_json()
        graph = build_graph(conv)
        to_dot(graph), to_mermaid(graph), to_json(graph)
        for log in logs:
            evaluate_log(conv, str(path), log, as_of or dt.date(2022, 3, 1))
    return loaded


def evaluate_log(conv, rules_path: str, log: Path, as_of: dt.date, events=None, problems=None) -> None:
    """What ``clauses check`` does after loading: validate, evaluate, render text and JSON."""
    if events is None:
        events, problems = seed_events(log)
    problems = list(problems) + validate_events(events, {p.id for p in conv.parties},
                                                used_events(conv) | {e.id for e in conv.events})
    for horizon in (60,):
        try:
            findings, ignored = evaluate(conv, events, as_of, horizon)
        except Exception as exc:
            if known_crash(exc) is None:
                raise
            continue
        report = CheckReport(conv.title, rules_path, str(log), as_of, horizon, tuple(findings),
                             tuple(problems), len(events), ignored)
        render_text(report, explain=True)
        json.dumps(render_json(report), ensure_ascii=False, sort_keys=True)
        exit_code(report)


@dataclass(frozen=True)
class KnownCrash:
    """An exception ``evaluate`` is documented to raise (not a crash): tolerated only with
    this signature, so that the fuzz tests keep finding real crashes."""

    name: str
    exception: type[BaseException]
    message: str          # regex on str(exception)
    through: str          # a path fragment of one frame of the traceback


KNOWN_CRASHES = (
    KnownCrash("as-of outside the years the checker evaluates (documented ValueError)", ValueError,
               r"is outside what this checker evaluates", "clauses/evaluation/"),
)


def known_crash(exc: BaseException) -> KnownCrash | None:
    files = [f.filename.replace(os.sep, "/") for f in traceback.extract_tb(exc.__traceback__)]
    for crash in KNOWN_CRASHES:
        if (isinstance(exc, crash.exception) and re.search(crash.message, str(exc))
                and any(crash.through in f for f in files)):
            return crash
    return None


# =========================================================================== oracles: event logs


def _decode_like_a_reader(raw: bytes) -> str | None:
    """The text a reader sees (BOM dropped, UTF-16 with BOM, else UTF-8, else a 1-byte code page)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "strict") if _cp1252_ok(raw) else raw.decode("latin-1").translate(_CP1252)


_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def _cp1252_ok(raw: bytes) -> bool:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


#: the line breaks of YAML 1.1 (PyYAML): its marks, and so the reader's line numbers, count
#: NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line ends too (issue 11: this oracle once
#: split on \n and \r only, and saw a "silent loss" wherever a mutation wrote U+2028)
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _yaml_lines(text: str) -> list[str]:
    return _YAML_BREAKS.split(text)


def _csv_records(text: str) -> list[tuple[int, int]] | None:
    """(first line, last line) of every non-blank CSV data record; None if csv itself gives up."""
    lines = _lines(text)
    if lines and lines[-1] == "":
        lines = lines[:-1]
    first = next((ln for ln in lines if ln.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    delimiter = best if counts[best] > counts[","] else ","
    reader = csv.reader((ln + "\n" for ln in lines), delimiter=delimiter)
    records: list[tuple[int, int]] = []
    rows: list[list[str]] = []
    previous = 0
    try:
        for cells in reader:
            start, end = previous + 1, max(reader.line_num, previous + 1)
            previous = end
            if any(c.strip() for c in cells):
                records.append((start, end))
                rows.append(cells)
    except csv.Error:
        return None
    return records[_header_index(rows) + 1:]


#: the readers' documented rule (``clauses.events.table``): the header is the first of the first
#: rows that names every required column (title rows above it are skipped), else the first row
HEADER_SEARCH = 30


def _names_required(cells) -> bool:
    from clauses.events.model import REQUIRED_FIELDS
    from clauses.events.settings import DEFAULT_SETTINGS

    names = {DEFAULT_SETTINGS.field_of(str(c)) for c in cells if not _blank_xlsx(c)}
    return all(name in names for name in REQUIRED_FIELDS)


def _header_index(rows: list) -> int:
    return next((i for i, cells in enumerate(rows[:HEADER_SEARCH]) if _names_required(cells)), 0)


def _jsonl_records(text: str) -> list[tuple[int, int]]:
    return [(n, n) for n, line in enumerate(_lines(text), 1) if line.strip()]


def _yaml_records(text: str) -> list[tuple[int, int]] | None:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError):
        return None
    items = None
    if root is None:
        items = []
    elif isinstance(root, yaml.SequenceNode):
        items = root.value
    elif isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value.strip().lower() == "events":
                if isinstance(value, yaml.SequenceNode):
                    items = value.value
                elif isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
                    items = []
    if items is None:
        return None
    # (first line, last line) of each item: the reader names a record by its first line, and
    # an exact duplicate (same id, same content) is dropped on purpose, found by its id lines below
    return [(i.start_mark.line + 1, max(i.start_mark.line + 1, i.end_mark.line + (1 if i.end_mark.column else 0)))
            for i in items]


#: diagnostics that stand for the whole file: after them, no row needs its own
FILE_LEVEL = {"E001", "E007", "E009"}


def check_log_result(path: Path, events, diags, find_records) -> None:
    """No exception happened; now: no silent loss, diagnostics well formed, events sorted.

    ``find_records()`` gives ``(records, lines)``: the (first, last) line of every non-blank
    record the oracle finds in the input (None when its own parser gives up), and the lines;
    it is called only when the reader did not reject the whole file.
    """
    shown = str(path)
    for d in diags:
        assert isinstance(d, Diagnostic)
        assert "internal error" not in d.message, f"reader crashed: {d.message}"
        assert d.span is not None and d.span.path == shown, d
        assert d.span.line >= 1 and d.span.column >= 1, d
        assert d.code.startswith("E"), d
        render(d, None)
    assert [e.key() for e in events] == sorted(e.key() for e in events)
    ids = [e.id for e in events if e.id is not None]
    assert len(ids) == len(set(ids)), "two returned events share an id"
    for e in events:
        assert e.origin == f"{shown}:{e.row}" and e.row >= 1, e
        e.model_dump(mode="json")
    whole_file = any(d.code in FILE_LEVEL and d.severity is Severity.ERROR for d in diags)
    if whole_file:
        return
    records, raw_lines = find_records()
    if records is None:
        # the oracle's own parser gave up: the reader must have said something
        assert any(d.severity is Severity.ERROR for d in diags), "unreadable input without an error"
        return
    if not records:
        assert not events, "events read from a log with no records"
        return
    event_rows = [e.row for e in events]
    diag_lines = [d.span.line for d in diags if d.severity is not Severity.INFO]
    for start, end in records:
        if any(start <= r <= end for r in event_rows) or any(start <= n <= end for n in diag_lines):
            continue
        # a record with the same id and content as a kept one is dropped on purpose (dedup)
        text = "\n".join(raw_lines[start - 1:end]) if raw_lines else ""
        if any(e.id and e.id in text for e in events):
            continue
        raise AssertionError(f"silent loss: the record on line {start} is neither an event nor a diagnostic "
                             f"({text[:200]!r})")


def records_for(suffix: str, raw: bytes) -> tuple[list[tuple[int, int]] | None, list[str]]:
    text = _decode_like_a_reader(raw)
    if text is None:
        return None, []
    if suffix == ".csv":
        return _csv_records(text), _lines(text)
    if suffix in (".jsonl", ".ndjson"):
        return _jsonl_records(text), _lines(text)
    return _yaml_records(text), _yaml_lines(text)


# a private folder for the files the event-log tests write (hypothesis rejects function-scoped tmp_path)
_WORK = Path(tempfile.mkdtemp(prefix="clauses-fuzz-"))


@pytest.fixture(scope="module", autouse=True)
def _cleanup_work():
    yield
    shutil.rmtree(_WORK, ignore_errors=True)


def read_bytes_as(suffix: str, raw: bytes, name: str = "log"):
    path = _WORK / f"{name}{suffix}"
    path.write_bytes(raw)
    with hard_limit():
        events, diags = read_events(path)
    if suffix != ".xlsx":
        check_log_result(path, events, diags, lambda: records_for(suffix, raw))
    return path, events, diags


# =========================================================================== strategies


def _spellings(forms: tuple[str, ...]) -> list[str]:
    """Every spelling of a keyword: optional words with and without, accents as typed and stripped."""
    out: set[str] = set()
    for form in forms:
        with_opt = re.sub(r"\[([^\]]*)\]", r"\1", form)
        without = re.sub(r"\[[^\]]*\] ?", "", form).strip()
        for s in (with_opt, without):
            out.add(s)
            out.add(s.upper())
            import unicodedata

            out.add("".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)))
    return sorted(out)


KEYWORD_SPELLINGS = {kw.name: _spellings(kw.fr + kw.en) for kw in KEYWORDS}

# names of the seeds (so that generated clauses sometimes resolve) and odd ones
NAMES = ["h2p", "fp", "ville", "titulaire", "ush", "cnlrq", "soliha", "mta", "ccas", "adoma",
         "intentions", "comité_pilotage", "mise_en_demeure", "conciliation", "résiliation",
         "demande_paiement", "paiement", "convocation", "x", "a-b", "Œuvre", "_", "term",
         "partie", "durée", "le_la", "the_end", "ÿ" * 3, "a" * 300]
HUGE = ["0", "1", "2", "7", "12", "31", "99", "365", "1000000", str(10 ** 30), "9" * 400,
        "1,5", "0.25", "1er", "2e", "3rd", "1st"]
DATES = ["2019-09-25", "2022-09-25", "2023-02-28", "2024-02-29", "2023-02-30", "2023-02-29",
         "2023-13-01", "2023-00-10", "0000-00-00", "0001-01-01", "9999-12-31", "9999-12-32",
         "31/12/2023", "30/02/2023", "00/00/0000", "29/02/2024"]
MONTHS = ["2023-01", "2023-12", "2023-13", "2023-00", "0000-00", "9999-12"]
ARTICLES = ["7", "8.2", "V", "IV.1", "3 bis", "10 ter", "0", "999999999999", "I.2.3.4", "xii"]
ODD_TEXT = ["", "é", "«", "»", "\\", "\\\"", "\u200f", "\u202e", "\u202a", "\ufeff", "\u00a0",
            "\u2028", "\U0001F600", "\x7f", "\t", "ǅ", "İ", "ß", "ﬁ", "\u0301", "日本"]


def _pad(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.map(lambda s: f" {s} ")


def _strings() -> st.SearchStrategy[str]:
    body = st.lists(st.sampled_from(ODD_TEXT) | st.text(max_size=8).map(
        lambda s: s.replace('"', "").replace("\n", "")), max_size=5).map("".join)
    return st.one_of(body.map(lambda s: '"' + s.replace("\\", "\\\\") + '"'),
                     body.map(lambda s: "«" + s.replace("»", "") + "»"),
                     st.sampled_from(['"000_pisco_manosque.txt"', '"missing.txt"', '"../../etc/passwd"',
                                      '"/"', '""']))


def _explicit_terminals() -> dict[str, st.SearchStrategy[str]]:
    explicit: dict[str, st.SearchStrategy[str]] = {
        name: _pad(st.sampled_from(spellings)) for name, spellings in KEYWORD_SPELLINGS.items()
    }
    explicit.update(
        ID=_pad(st.sampled_from(NAMES) | st.from_regex(r"[a-zéœ_][a-z0-9_é-]{0,12}", fullmatch=True)
                .filter(lambda s: not s.endswith("-"))),
        NUMBER=_pad(st.sampled_from(HUGE) | st.integers(0, 10 ** 40).map(str)),
        DATE=_pad(st.sampled_from(DATES) | st.dates().map(dt.date.isoformat)),
        MONTH=_pad(st.sampled_from(MONTHS)),
        ARTICLE_NUMBER=_pad(st.sampled_from(ARTICLES)),
        STRING=_pad(_strings()),
        DOT=st.just(".\n"), COLON=st.just(" :"), COMMA=st.just(", "), PERCENT=st.just(" %"),
        EQUALS=st.just(" = "), PLUS=st.just(" + "), MINUS=st.sampled_from([" - ", " − "]),
        TIMES=st.sampled_from([" × ", " * "]), DIVIDE=st.just(" / "), LPAR=st.just(" ("),
        RPAR=st.just(") "),
        WS=st.sampled_from([" ", "\n", "\t", "\r\n", "  "]),
        COMMENT=st.sampled_from([" # commentaire\n", " # clauses: ignore[T001] raison\n",
                                 " # clauses: ignore[S001]\n", " # clauses: ignore\n"]),
        DETERMINER=st.sampled_from([" le ", " la ", " les ", " l'", " the "]),
    )
    return explicit


@st.composite
def grammar_texts(draw) -> str:
    from hypothesis.extra.lark import from_lark
    from lark import Lark

    global _LARK_STRATEGY
    if _LARK_STRATEGY is None:
        # the cached parser has no grammar object: build one for generation only
        # (an Earley parser: only the grammar object is used, and it skips the lexer build)
        grammar = Lark(_grammar_text(), parser="earley", lexer="dynamic")
        _LARK_STRATEGY = from_lark(grammar, start="start", explicit=_explicit_terminals())
    return draw(_LARK_STRATEGY)


_LARK_STRATEGY = None

HEADER = (RULES / "000_pisco_manosque.clauses").read_text(encoding="utf-8").split("durée article 7")[0]


# ------------------------------------------------------------------ mutations of text

INSERTS = ["\x00", "\u200f", "\u202e", "\u2066", "\ufeff", "\r\n", "\r", "\t", "\n", "\u2028", "\x0c",
           "\x85", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"), "�",
           str(10 ** 30) + " jours", "10" * 20, "0000-00-00", "9999-12-31", "2023-02-30", "31/12/2023",
           "2023-13", "\"", "«", "»", "#", ".", ":", ",", " ", "'", "’", "é", "\U0001F4A5", "İ",
           "jours", "mois", "ans", "avant", "après", "au moins", "chaque partie", "doit", "obligation",
           "durée", "article", "lecture", "par LRAR", "sauf", "et", "de", "le", "the", "language en.",
           "langue fr.", "duty", "term", "\\", "# clauses: ignore[T001]", "# clauses: ignore[", "%",
           "=", "(", ")", "×", "/", "-"]


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|[\w'’-]+|[^\w\s]", text)


@st.composite
def mutated(draw, text: str, max_ops: int = 6) -> str:
    """Random character- and token-level damage, a few operations at a time."""
    ops = draw(st.integers(1, max_ops))
    for _ in range(ops):
        kind = draw(st.sampled_from(["delete", "insert", "insert_text", "swap", "duplicate", "truncate",
                                     "token_delete", "token_duplicate", "token_swap", "number", "date",
                                     "line_duplicate", "line_delete", "crlf", "upper"]))
        n = len(text)
        if kind == "delete" and n:
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(a, min(n, a + 40)))
            text = text[:a] + text[b:]
        elif kind == "insert":
            a = draw(st.integers(0, n))
            text = text[:a] + draw(st.sampled_from(INSERTS)) + text[a:]
        elif kind == "insert_text":
            a = draw(st.integers(0, n))
            text = text[:a] + draw(st.text(max_size=12)) + text[a:]
        elif kind == "swap" and n > 1:
            a, b = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2)))
            chars = list(text)
            chars[a], chars[b] = chars[b], chars[a]
            text = "".join(chars)
        elif kind == "duplicate" and n:
            a = draw(st.integers(0, n - 1))
            b = draw(st.integers(a, min(n, a + 80)))
            text = text[:b] + text[a:b] + text[b:]
        elif kind == "truncate":
            text = text[:draw(st.integers(0, n))]
        elif kind.startswith("token_"):
            toks = _tokens(text)
            if not toks:
                continue
            i = draw(st.integers(0, len(toks) - 1))
            if kind == "token_delete":
                del toks[i]
            elif kind == "token_duplicate":
                toks.insert(i, toks[i])
            else:
                j = draw(st.integers(0, len(toks) - 1))
                toks[i], toks[j] = toks[j], toks[i]
            text = "".join(toks)
        elif kind == "number":
            spots = [mt.span() for mt in re.finditer(r"(?<![\w.-])\d+(?![\w-])", text)]
            if spots:
                a, b = draw(st.sampled_from(spots))
                text = text[:a] + draw(st.sampled_from(HUGE)) + text[b:]
        elif kind == "date":
            spots = [mt.span() for mt in re.finditer(r"\d{4}-\d{2}-\d{2}", text)]
            if spots:
                a, b = draw(st.sampled_from(spots))
                text = text[:a] + draw(st.sampled_from(DATES)) + text[b:]
        elif kind in ("line_duplicate", "line_delete"):
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            if kind == "line_duplicate":
                lines.insert(i, lines[i])
            else:
                del lines[i]
            text = "\n".join(lines)
        elif kind == "crlf":
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n", "\u2028", "\x85"])))
        elif kind == "upper":
            text = text.upper() if draw(st.booleans()) else text.lower()
    return text


@st.composite
def mutated_bytes(draw, raw: bytes, max_ops: int = 4) -> bytes:
    """Byte-level damage: random bytes, invalid UTF-8 (lone surrogates), BOMs, other encodings."""
    ops = draw(st.integers(1, max_ops))
    for _ in range(ops):
        kind = draw(st.sampled_from(["insert", "delete", "flip", "encoding", "truncate", "bom"]))
        n = len(raw)
        if kind == "insert":
            a = draw(st.integers(0, n))
            chunk = draw(st.sampled_from([b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff", b"\xc3", b"\xe9",
                                          b"\x00", b"\x80\x81", b"\xef\xbb\xbf", b"\xf4\x90\x80\x80"])
                         | st.binary(max_size=6))
            raw = raw[:a] + chunk + raw[a:]
        elif kind == "delete" and n:
            a = draw(st.integers(0, n - 1))
            raw = raw[:a] + raw[a + draw(st.integers(1, 8)):]
        elif kind == "flip" and n:
            a = draw(st.integers(0, n - 1))
            raw = raw[:a] + bytes([raw[a] ^ draw(st.integers(1, 255))]) + raw[a + 1:]
        elif kind == "encoding":
            text = raw.decode("utf-8", "replace")
            codec = draw(st.sampled_from(["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be",
                                          "utf-8-sig", "utf-32"]))
            raw = text.encode(codec, "replace")
        elif kind == "truncate":
            raw = raw[:draw(st.integers(0, n))]
        elif kind == "bom":
            raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + raw
    return raw


# =========================================================================== warm-up


@pytest.fixture(scope="module", autouse=True)
def _warm_parser():
    """Build the parser once, outside any example's deadline."""
    from clauses.language.parser import get_parser

    get_parser()
    load_source(SourceText("warm.clauses", "langue fr."))


SEED_EVENTS: dict[str, list] = {}


def seed_events(log: Path):
    if str(log) not in SEED_EVENTS:
        SEED_EVENTS[str(log)] = read_events(log)
    return SEED_EVENTS[str(log)]


# =========================================================================== (a) grammar


@fuzz_settings(100)
@given(grammar_texts())
def test_grammar_generated_files_give_a_model_or_diagnostics(text: str) -> None:
    with hard_limit():
        run_rules(text, RULES / "generated.clauses")


@fuzz_settings(100)
@given(st.data())
def test_grammar_generated_statements_after_a_real_header(data) -> None:
    """Statements after the header of seed 000, so that names resolve and the checks run."""
    body = data.draw(grammar_texts())
    text = HEADER + body
    if data.draw(st.booleans()):
        text = data.draw(mutated(text, max_ops=3))
    with hard_limit():
        run_rules(text, RULES / "000_pisco_manosque.clauses",
                  logs=SEED_LOGS["000_pisco_manosque.clauses"][:1])


@fuzz_settings(80)
@given(st.data())
def test_grammar_generated_with_deletions_and_duplications(data) -> None:
    text = data.draw(mutated(data.draw(grammar_texts()), max_ops=4))
    with hard_limit():
        run_rules(text, RULES / "generated.clauses")


# =========================================================================== (b) seed mutation

AS_OF = [dt.date(2019, 1, 1), dt.date(2022, 3, 1), dt.date(2024, 6, 30), dt.date(1, 1, 1),
         dt.date(9999, 12, 31)]


@fuzz_settings(300)
@given(st.data())
def test_mutated_seed_rules_give_a_model_or_diagnostics(data) -> None:
    path = data.draw(st.sampled_from(RULE_FILES), label="seed")
    text = data.draw(mutated(path.read_text(encoding="utf-8")), label="mutated")
    as_of = data.draw(st.sampled_from(AS_OF) | st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)))
    with hard_limit():
        run_rules(text, path, logs=SEED_LOGS[path.name], as_of=as_of)


@fuzz_settings(80)
@given(st.data())
def test_mutated_seed_rules_as_bytes_on_disk(data) -> None:
    """Byte-level damage read from disk: invalid UTF-8, lone surrogates, UTF-16, BOMs, NULs."""
    path = data.draw(st.sampled_from(RULE_FILES), label="seed")
    raw = data.draw(mutated_bytes(path.read_bytes()), label="bytes")
    target = _WORK / "rules" / path.name
    target.parent.mkdir(exist_ok=True)
    conventions = _WORK / "conventions"
    if not conventions.exists():
        try:
            conventions.symlink_to(ROOT / "conventions", target_is_directory=True)
        except OSError:  # pragma: no cover - no symlinks here
            shutil.copytree(ROOT / "conventions", conventions)
    target.write_bytes(raw)
    with hard_limit():
        loaded = load(target)
        _check_diagnostics(loaded.diagnostics, loaded.source)
        if loaded.source is not None:
            run_rules(loaded.source.text, target)
        else:
            assert loaded.diagnostics and loaded.diagnostics[0].code.startswith("F")


@fuzz_settings(50)
@given(st.data())
def test_seed_conventions_evaluated_against_mutated_logs(data) -> None:
    """The real convention of a seed against its own log, damaged: check never raises."""
    rules = data.draw(st.sampled_from(RULE_FILES), label="seed")
    logs = SEED_LOGS[rules.name]
    log = data.draw(st.sampled_from(logs), label="log")
    text = data.draw(mutated(log.read_text(encoding="utf-8"), max_ops=4), label="mutated log")
    loaded = _seed_loaded(rules)
    with hard_limit():
        path, events, diags = read_bytes_as(log.suffix, text.encode("utf-8"), name="mutated-log")
        as_of = data.draw(st.sampled_from(AS_OF) | st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)))
        evaluate_log(loaded.convention, str(rules), path, as_of, events, diags)


_SEEDS_LOADED: dict[str, Loaded] = {}


def _seed_loaded(path: Path) -> Loaded:
    if path.name not in _SEEDS_LOADED:
        _SEEDS_LOADED[path.name] = load(path)
        assert _SEEDS_LOADED[path.name].ok
    return _SEEDS_LOADED[path.name]


# =========================================================================== (c) event logs

SUFFIXES = [".csv", ".jsonl", ".yaml", ".xlsx"]


@fuzz_settings(150)
@given(st.sampled_from(SUFFIXES), st.binary(max_size=600))
def test_event_readers_on_random_bytes(suffix: str, raw: bytes) -> None:
    read_bytes_as(suffix, raw)


CELL_VALUES = ["2023-03-14", "2023-02-30", "31/12/2023", "14/03/2023 10h30", "2023-03-14T25:00",
               "2023-03-14T10:00+02:00", "2023-03-14 10:00:00.123456789Z", "0000-00-00", "9999-12-31",
               "0001-01-01", "2023-3-4", "", " ", "h2p", "h2p;fp", ";", "fp;;h2p", "comité_pilotage",
               "intentions", "lrar", "LRAR", "email", "1e400", "-0", "NaN", "true", "null", "007",
               "1 500", "1500,50", "\u200f", "\ufeff", "\x00", "é", "=SUM(A1)", "#REF!", "a" * 200]
COLUMNS = ["date", "event", "by", "to", "subject", "via", "id", "ref", "received", "representatives",
           "period", "value", "Date", " EVENT ", "dtae", "évènement", "", "date", "x" * 50]


def _csv_cell(value: str, delimiter: str) -> str:
    if any(c in value for c in (delimiter, '"', "\n", "\r")) or value != value.strip():
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def csv_texts(draw) -> str:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=0, max_size=8))
    if draw(st.booleans()):
        header = ["date", "event"] + header
    width = max(len(header), 1)
    cells = st.sampled_from(CELL_VALUES) | st.text(max_size=10)
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=width + 2), max_size=12))
    lines = [delimiter.join(_csv_cell(h, delimiter) for h in header)]
    for row in rows:
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", '"unclosed', delimiter * 3, "\x0c"])))
        lines.append(delimiter.join(_csv_cell(c, delimiter) for c in row))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline, newline * 3]))


@fuzz_settings(150)
@given(csv_texts(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_csv_reader_on_random_tables(text: str, encoding: str) -> None:
    read_bytes_as(".csv", text.encode(encoding, "replace"))


JSON_SCALARS = st.none() | st.booleans() | st.integers(-(10 ** 20), 10 ** 20) | st.floats() | \
    st.sampled_from(CELL_VALUES) | st.text(max_size=10)
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3) |
                           st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)


@st.composite
def jsonl_texts(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append(draw(st.sampled_from(["", "  ", "[", "]", "{", "{\"date\": }", "null", "1",
                                               '"text"', "[1, 2]", '{"date": "2023-03-14", "date": "x"}',
                                               "{" * 5000 + "}" * 5000, "[" * 100000, "NaN",
                                               '{"date": "2023-03-14", "event": "x", "n": 1e999}'])))
        elif kind == 1:
            lines.append(draw(st.text(max_size=30)))
        else:
            keys = draw(st.lists(st.sampled_from(COLUMNS) | st.text(max_size=6), max_size=8))
            obj = {k: draw(JSON_VALUES if draw(st.booleans()) else st.sampled_from(CELL_VALUES))
                   for k in keys}
            lines.append(json.dumps(obj, ensure_ascii=draw(st.booleans()),
                                    allow_nan=True).replace("\n", " "))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join(lines)


@fuzz_settings(150)
@given(jsonl_texts(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_jsonl_reader_on_random_lines(text: str, encoding: str) -> None:
    read_bytes_as(".jsonl", text.encode(encoding, "replace"))


@st.composite
def yaml_texts(draw) -> str:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.text(max_size=80))
    if kind == 1:
        return draw(st.sampled_from(["", "---", "events:", "events: 3", "- 1\n- [a]\n- {a: b}", "&a [*a]",
                                     "a: &a\n  b: *a", "- !!python/object:os.system {}", "? [a]\n: b",
                                     "- date: 2023-03-14\n  event: x\n  date: 2023-03-15",
                                     "- {date: 2023-03-14, event: x}\n- {date: 2023-02-30, event: y}",
                                     "[" * 2000, "- " * 3000, "%YAML 1.3\n---\n- a",
                                     "events:\n  - date: 2023-03-14\n    event: [a, b]\n",
                                     "- ? date\n  : 2023-03-14\n", "- date: 2023-03-14\n\tevent: x"]))
    items = []
    for _ in range(draw(st.integers(0, 8))):
        keys = draw(st.lists(st.sampled_from(COLUMNS) | st.text(max_size=6), max_size=8))
        items.append({k: draw(JSON_VALUES) for k in keys} if draw(st.integers(0, 6)) else
                     draw(JSON_VALUES))
    root = {"events": items} if draw(st.booleans()) else items
    text = yaml.safe_dump(root, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.booleans()))
    if draw(st.booleans()):
        text = draw(mutated(text, max_ops=3))
    return text


@fuzz_settings(120)
@given(yaml_texts(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_yaml_reader_on_random_documents(text: str, encoding: str) -> None:
    read_bytes_as(".yaml", text.encode(encoding, "replace"))


@fuzz_settings(150)
@given(st.data())
def test_event_readers_on_mutated_real_logs(data) -> None:
    log = data.draw(st.sampled_from([p for p in ALL_LOGS if p.suffix != ".xlsx"]), label="log")
    if data.draw(st.booleans()):
        raw = data.draw(mutated(log.read_text(encoding="utf-8")), label="text").encode("utf-8", "surrogatepass")
    else:
        raw = data.draw(mutated_bytes(log.read_bytes()), label="bytes")
    read_bytes_as(log.suffix, raw)


# ------------------------------------------------------------------ XLSX

XLSX_ODD = [
    ("formula", "=1/0"), ("formula", "=NOW()"), ("formula", '=CONCAT("a";"b")'), ("error", "#DIV/0!"),
    ("error", "#N/A"), ("number", 45000), ("number", 45000.5), ("number", -1), ("number", 2958466),
    ("number", 1e308), ("bool", True), ("date", dt.date(2023, 3, 14)), ("date", dt.date(1, 1, 1)),
    ("date", dt.date(9999, 12, 31)), ("datetime", dt.datetime(2023, 3, 14, 10, 30)),
    ("datetime", dt.datetime(2023, 3, 14)), ("time", dt.time(10, 30)), ("huge", "x" * 32000),
    ("text", "2023-02-30"), ("text", "31/12/2023"), ("text", "2023-03-14"), ("text", " "),
    ("text", "h2p;fp"), ("text", "comité_pilotage"), ("text", "\u200f"), ("none", None),
]


@st.composite
def workbooks(draw) -> bytes:
    """An .xlsx with odd cells: formulas never computed, errors, merged cells, huge strings,
    dates as numbers, times, extreme dates, blank-looking text."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    if draw(st.booleans()):
        sheet.title = draw(st.sampled_from(["events", "Events ", "Feuil1", "données"]))
    if draw(st.integers(0, 4)) == 0:
        other = book.create_sheet(draw(st.sampled_from(["notes", "EVENTS"])), 0)
        other["A1"] = "not the events"
    header_row = draw(st.integers(1, 3))
    header = draw(st.lists(st.sampled_from(COLUMNS), min_size=0, max_size=6))
    if draw(st.booleans()):
        header = ["date", "event"] + header
    for c, name in enumerate(header, 1):
        sheet.cell(row=header_row, column=c, value=name or None)
    width = max(len(header), 1) + 1
    n_rows = draw(st.integers(0, 8))
    for r in range(header_row + 1, header_row + 1 + n_rows):
        for c in range(1, width + 1):
            kind, value = draw(st.sampled_from(XLSX_ODD))
            if kind == "none":
                continue
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            if kind == "error":
                cell.data_type = "e"
            if kind in ("number", "date", "datetime") and draw(st.booleans()):
                cell.number_format = draw(st.sampled_from(["yyyy-mm-dd", "dd/mm/yyyy hh:mm", "0.00", "@"]))
    if n_rows > 1 and draw(st.booleans()):
        sheet.merge_cells(start_row=header_row + 1, start_column=1, end_row=header_row + 2, end_column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _blank_xlsx(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _xlsx_records(raw: bytes) -> list[tuple[int, int]]:
    """The rows holding a value after the first such row (the header), read back with openpyxl."""
    import openpyxl

    with warnings.catch_warnings():  # dates out of Excel's range are read as errors, with a warning
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    sheet = _events_sheet(book)
    rows = [row for row in sheet.iter_rows(min_row=1, min_col=1) if row and not all(_blank_xlsx(c.value) for c in row)]
    header = _header_index([[c.value for c in row] for row in rows])
    return [(row[0].row, row[0].row) for row in rows[header + 1:]]


def _events_sheet(book):
    """The workbook reader's documented choice (``clauses.events.workbook``): a sheet named like a
    register, else (with several sheets) the first whose first rows hold a header, else the first."""
    from clauses.events.settings import normalise
    from clauses.events.workbook import SHEET_NAMES

    named = next((s for s in book.worksheets if normalise(s.title) in SHEET_NAMES), None)
    if named is not None:
        return named
    if len(book.worksheets) > 1:
        for sheet in book.worksheets:
            if any(_names_required([c.value for c in row]) for row in sheet.iter_rows(max_row=HEADER_SEARCH)):
                return sheet
    return book.worksheets[0]


@fuzz_settings(60)
@given(workbooks())
def test_xlsx_reader_on_generated_workbooks(raw: bytes) -> None:
    path, events, diags = read_bytes_as(".xlsx", raw)
    check_log_result(path, events, diags, lambda: (_xlsx_records(raw), None))


# =========================================================================== the regression corpus


def _corpus(kind: str) -> list[Path]:
    folder = CORPUS / kind
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")) \
        if folder.is_dir() else []


@pytest.mark.parametrize("path", _corpus("rules"), ids=lambda p: p.name)
def test_regression_corpus_rules(path: Path) -> None:
    """Every rules input that once crashed or hung: a model or diagnostics, quickly."""
    seed = RULES / (path.name.split("__")[0] + ".clauses")
    rules_path = seed if seed.exists() else RULES / "generated.clauses"
    raw = path.read_bytes()
    with hard_limit():
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            loaded = load(path)
            _check_diagnostics(loaded.diagnostics, loaded.source)
            return
        loaded = run_rules(text, rules_path, logs=SEED_LOGS.get(rules_path.name, [])[:1])
    # `# expect: CODE line:column` pins the diagnostic that the fix gives instead of the crash
    for code, line, column in re.findall(r"^# expect: ([A-Z]\d{3}) (\d+):(\d+)\s*$", text, re.M):
        found = [(d.code, d.span.line, d.span.column) for d in lint_loaded(loaded).diagnostics if d.span]
        assert (code, int(line), int(column)) in found, found


@pytest.mark.parametrize("path", _corpus("logs"), ids=lambda p: p.name)
def test_regression_corpus_logs(path: Path) -> None:
    """Every event log that once crashed a reader or lost rows silently."""
    suffix = path.suffix
    raw = path.read_bytes()
    _, events, diags = read_bytes_as(suffix, raw, name="corpus")
    seed = path.name.split("__")[0] + ".clauses"
    if (RULES / seed).exists():
        with hard_limit():
            loaded = _seed_loaded(RULES / seed)
            for as_of in (dt.date(2022, 3, 1), dt.date(9999, 12, 31)):
                evaluate_log(loaded.convention, seed, path, as_of, events, diags)


# =========================================================================== once crashes (regressions)


def test_once_crashed_as_of_long_before_the_start() -> None:
    """`_recurring` asked timelimits.periods() for periods ending before the start."""
    rules = RULES / "002_soliha_mta_croix.clauses"
    events, _ = seed_events(SEED_LOGS[rules.name][0])
    evaluate(_seed_loaded(rules).convention, events, dt.date(2019, 1, 1), 60)


def test_once_crashed_as_of_at_the_end_of_the_calendar() -> None:
    """The horizon was added to an as-of date near 9999-12-31 (OverflowError): now a clear ValueError."""
    rules = RULES / "000_pisco_manosque.clauses"
    events, _ = seed_events(SEED_LOGS[rules.name][0])
    with pytest.raises(ValueError, match="outside what this checker evaluates"):
        evaluate(_seed_loaded(rules).convention, events, dt.date(9999, 12, 31), 60)


# =========================================================================== once crashes (regressions)


def test_once_crashed_lint_renewal_periods_of_80_years() -> None:
    """term.renewal_dates scheduled 100 renewals of 80 years, past year 9999; it stops at 2999 now."""
    path = RULES / "002_soliha_mta_croix.clauses"
    text = path.read_text(encoding="utf-8").replace("par périodes de 1 an", "par périodes de 80 ans")
    assert "80 ans" in text
    lint_loaded(load_source(SourceText(str(path), text), path))


# =========================================================================== (e) scenario files

SCENARIOS = ROOT / "scenarios"
SCENARIO_FILES = sorted(SCENARIOS.glob("*.scenario.yaml"))
_PROJECT = _WORK / "project"


def _scenario_project() -> Path:
    """A copy of the project's rules, texts and logs, so that a scenario's relative paths resolve
    inside a project of its own (never the repository)."""
    if not _PROJECT.exists():
        for name in ("rules", "conventions", "examples"):
            shutil.copytree(ROOT / name, _PROJECT / name)
        (_PROJECT / "scenarios").mkdir()
    return _PROJECT / "scenarios"


SCENARIO_VALUES = ["2022-03-01", "2022-02-30", "9999-12-31", "0001-01-01", "1899-12-31", "", "~", "null",
                   "manquement", "breach", "à venir", "respecté", "caduc", "nope", "h2p", "fp;h2p", "7", "8.2",
                   "-1", "10" * 30, "90d", "3m", "1y", "99999y", "[]", "{}", "é", "\u2028", "\x85",
                   "../rules/000_pisco_manosque.clauses", "../examples/000_pisco_manosque/breaches.csv",
                   "../rules/missing.clauses", "/", "..", "../scenarios"]
SCENARIO_FIELDS = ["nom", "name", "convention", "journal", "log", "au", "as_of", "horizon", "événements",
                   "events", "attendu", "expect", "interdit", "must_not", "scenarios", "statut", "status",
                   "clause", "article", "partie", "party", "parties", "échéance", "due", "texte", "message",
                   "nombre", "count", "date", "event", "by", "to", "via", "id", "ref", "received", "x"]


@st.composite
def scenario_texts(draw) -> str:
    """A seed's scenario file damaged, or a generated one with odd fields and values."""
    if SCENARIO_FILES and draw(st.booleans()):
        text = draw(st.sampled_from(SCENARIO_FILES)).read_text(encoding="utf-8")
        return draw(mutated(text, max_ops=4))
    scalar = st.sampled_from(SCENARIO_VALUES) | st.text(max_size=8)
    value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3)
                         | st.dictionaries(st.sampled_from(SCENARIO_FIELDS), inner, max_size=4), max_leaves=10)
    scenario = st.dictionaries(st.sampled_from(SCENARIO_FIELDS), value, max_size=8)
    root = draw(scenario)
    if draw(st.booleans()):
        root["convention"] = "../rules/000_pisco_manosque.clauses"
        root["scenarios"] = draw(st.lists(scenario, max_size=3))
    text = yaml.safe_dump(root, allow_unicode=draw(st.booleans()), default_flow_style=draw(st.booleans()))
    return draw(mutated(text, max_ops=2)) if draw(st.booleans()) else text


def run_scenario_text(text: str) -> None:
    """What ``clauses test`` does with one scenario file: read, run, render (text and JUnit)."""
    from clauses.scenario import load_scenarios, render_junit, render_outcome, run

    path = _scenario_project() / "fuzz.scenario.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    scenarios, problems = load_scenarios(path)
    for d in problems:
        assert isinstance(d, Diagnostic) and d.code and d.message, d
        assert "internal error" not in d.message, d
        render(d, None)
    outcomes = []
    for scenario in scenarios:
        try:
            outcomes.append(run(scenario, {}))
        except Exception as exc:
            if known_crash(exc) is None:
                raise
    for outcome in outcomes:
        render_outcome(outcome)
    render_junit([(path, outcomes, problems)])


@fuzz_settings(60)
@given(scenario_texts())
def test_scenario_files_give_outcomes_or_diagnostics(text: str) -> None:
    with hard_limit():
        run_scenario_text(text)
