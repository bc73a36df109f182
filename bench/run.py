"""Benchmark of `clauses check` and `clauses lint` on a synthetic portfolio (issues 5 and 12).

One command::

    python bench/run.py                 # 1k, 10k, 100k, 1M events; single logs 1k-30k; lint; start-up
    python bench/run.py --quick         # 1k, 10k, 100k events, single logs up to 10k
    python bench/run.py --sizes 1M --sections sizes --timeout 900    # redo one section, keep the others
    python bench/run.py --report        # rewrite RESULTS.md and the README's figure from results.json

It generates the portfolios it needs with bench/generate.py (under /tmp/clauses-bench, or
``--bench-dir``; a portfolio is reused while the generator and the seeds' rules are unchanged:
their fingerprint is in its manifest), then measures each figure in a fresh subprocess, so
that the peak memory (maxrss) is that measurement's own, and judges on CPU time
(`time.process_time`), which other jobs on a shared machine disturb far less than wall time:

- the independent floor (issue 12, `bench/floor.py`): pyarrow reads the same files and
  checks the same things column by column, without the project's code -- the read-only
  floor and the validating floor, run three times (once before the check, twice after it),
  the fastest kept (every run's CPU is in results.json). Needs pyarrow (`pip install -e ".[bench]"`);
- the check, twice per size and format, as `clauses check` runs over a portfolio: per
  convention, load the rules through the on-disk rules cache (:mod:`clauses.cache`), read and
  validate the log, `evaluate`, build and render the text report, in-process. The first run
  has an empty cache folder ("rules parsed": every rules file parsed, lowered, resolved and
  stored); the second serves every rules file from it ("rules cached", what a second
  `clauses check` of an unchanged portfolio costs). Both are given against the floor of the same
  run, with the load average before and after; the project's own reader (`read_events` +
  `validate_events`, measured inside the check) is shown as a share, not as a floor;
- single logs of growing size (one convention, 1k -> 100k or 1M events): linearity in the
  length of one log and peak memory per event, and the real CLI on the largest log whose
  check takes at most 10 s (process overhead);
- `clauses lint` over 1,000 clause files (a real subprocess: cold, warm parser cache,
  unchanged files from the result cache);
- the CLI's start-up: `clauses --help`, `--version`, `clauses check` of the README's example
  with its rules cache filled and with `--no-cache` (median of 9 fresh processes, after
  `compileall`: this machine sets PYTHONDONTWRITEBYTECODE).

Each measurement has a timeout (``--timeout``) and a memory limit (``--max-gb``): a row that
exceeds one is recorded as such and the run goes on; results are saved after every row.

Results: a table on stdout, bench/results.json and bench/RESULTS.md; ``--readme`` also
rewrites the figure of the README's "Performance" section (between its ``bench:figure``
markers) from the same results.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

VENV_BIN = Path(sys.executable).parent
CLAUSES = str(VENV_BIN / "clauses") if (VENV_BIN / "clauses").exists() else shutil.which("clauses") or "clauses"

#: total events -> (conventions, events per log)
SIZES = {"1k": (5, 200), "10k": (10, 1000), "100k": (100, 1000), "1M": (1000, 1000)}
SINGLE = {"1k": 1000, "10k": 10_000, "30k": 30_000, "100k": 100_000, "1M": 1_000_000}
SINGLE_DEFAULT = ["1k", "10k", "30k"]
SINGLE_SEEDS = ("000_pisco_manosque", "004_groupement_mons_en_baroeul")
#: issue 12's targets (CPU time; the check with its rules served from the cache, as a second run)
TARGETS = {"arrow_validate": 5.0, "arrow_read": 15.0, "bytes_per_event": 600, "lint_s": 3.0,
           "lint_unchanged_s": 0.5, "help_s": 0.15, "check_s": 0.3, "linear_growth": 1.25}
WORKER_TIMEOUT = 1800
MAX_GB = 8.0
BENCH_DIR = generate.BENCH_DIR
SECTIONS = ("sizes", "single", "cli", "lint", "startup")
README = ROOT / "README.md"
FIGURE = ("<!-- bench:figure -->", "<!-- /bench:figure -->")
try:  # the independent floor (issue 12) needs pyarrow: pip install -e ".[bench]"
    import pyarrow  # noqa: F401
    ARROW = True
except ImportError:
    ARROW = False


# --------------------------------------------------------------------------- workers (one fresh process each)


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _entries(portfolio: Path, limit: int | None) -> list[dict]:
    entries = json.loads((portfolio / "manifest.json").read_text(encoding="utf-8"))["entries"]
    return entries[:limit] if limit else entries


def arrow_worker(portfolio: Path, fmt: str, limit: int | None) -> dict:
    """The independent floor: pyarrow reads and validates every log (bench/floor.py)."""
    import floor

    t_import = time.process_time()
    import pyarrow.compute  # noqa: F401
    import_s = time.process_time() - t_import
    entries = _entries(portfolio, limit)
    read_cpu = validate_cpu = 0.0
    rows = problems = 0
    t0, cpu0 = time.perf_counter(), time.process_time()
    for entry in entries:
        a = time.process_time()
        table = floor.read(portfolio / entry["logs"][fmt], fmt)
        b = time.process_time()
        problems += floor.validate(table, fmt, entry["parties"], entry["event_names"])
        c = time.process_time()
        rows += table.num_rows
        read_cpu += b - a
        validate_cpu += c - b
    return {"mode": "arrow", "format": fmt, "conventions": len(entries), "events": rows, "problems": problems,
            "wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0, "read_cpu_s": read_cpu,
            "validate_cpu_s": validate_cpu, "import_cpu_s": import_s, "peak_rss_mb": _maxrss_mb()}


PHASES = ("load", "read", "validate", "evaluate", "render")


def _fit_limits(logs: list[Path]) -> None:
    """A log larger than the default limit (64 MB: a single log of 1M events is about 115 MB in CSV) is
    read as a user would read it, with the limit raised in ``[tool.clauses.limits]`` (``log_mb``)."""
    import dataclasses

    from clauses.files import MB, configure, limits

    largest = max((p.stat().st_size for p in logs if p.exists()), default=0)
    if largest > limits().log:
        configure(dataclasses.replace(limits(), log=(largest // MB + 1) * MB))


def check_worker(portfolio: Path, fmt: str, limit: int | None) -> dict:
    """What `clauses check` does for each convention of the portfolio, in this process: the rules
    through the on-disk rules cache of ``$XDG_CACHE_HOME`` (the caller gives an empty folder for the
    first run, the same folder for the second), then read, validate, evaluate, render (to text: the fulfilled
    and discharged findings it does not list counted, not kept, as ``clauses check`` does)."""
    t_import = time.process_time()
    from clauses.cache import RulesCache, load_cached
    from clauses.evaluation import evaluate_counting
    from clauses.events import read_events, validate_events
    from clauses.files import limits
    from clauses.gcpause import paused
    from clauses.language.resolve import used_events
    from clauses.output.report import CheckReport, render_text
    import_s = time.process_time() - t_import
    entries = _entries(portfolio, limit)
    _fit_limits([portfolio / e["logs"][fmt] for e in entries])
    cache = RulesCache.open(("rules", limits()))   # the key `clauses check` uses (clauses.portfolio._load)
    rss_after_import = _rss_mb()
    cpu = dict.fromkeys(PHASES, 0.0)
    wall = dict.fromkeys(PHASES, 0.0)
    events_total = findings_total = diags_total = errors = 0
    first_problem = ""
    statuses: dict[str, int] = {}
    t0, cpu0 = time.perf_counter(), time.process_time()
    # the cyclic collector paused while the conventions are checked and rendered, as `clauses check` pauses it
    # (clauses.portfolio.run and checking.render; one rules file: from the command's start-up, gcpause.hold)
    with paused():
        for entry in entries:
            log = portfolio / entry["logs"][fmt]
            marks = [(time.perf_counter(), time.process_time())]
            loaded = load_cached(portfolio / entry["rules"], cache)
            marks.append((time.perf_counter(), time.process_time()))
            if not loaded.ok:
                errors += 1
                continue
            conv = loaded.convention
            events, problems = read_events(log)
            if not events and problems and not first_problem:
                first_problem = problems[0].message
            marks.append((time.perf_counter(), time.process_time()))
            problems += validate_events(events, {p.id for p in conv.parties}, used_events(conv) | {e.id for e in conv.events})
            problems += [d for d in loaded.diagnostics if d.code == "R001"]
            marks.append((time.perf_counter(), time.process_time()))
            as_of = dt.date.fromisoformat(entry["as_of"])
            findings, counted, ignored = evaluate_counting(conv, events, as_of, 60)
            marks.append((time.perf_counter(), time.process_time()))
            report = CheckReport(conv.title, str(portfolio / entry["rules"]), str(log), as_of, 60, tuple(findings),
                                 tuple(problems), len(events), ignored, counted)
            events_total += len(events)
            del events   # as `clauses check` renders: api.check keeps no event in the report it returns
            render_text(report, explain=False)
            marks.append((time.perf_counter(), time.process_time()))
            for name, (w0, c0), (w1, c1) in zip(PHASES, marks, marks[1:]):
                wall[name] += w1 - w0
                cpu[name] += c1 - c0
            findings_total += len(findings) + sum(c.count for c in counted)
            for finding in findings:
                statuses[finding.status.value] = statuses.get(finding.status.value, 0) + 1
            for c in counted:
                statuses[c.first.status.value] = statuses.get(c.first.status.value, 0) + c.count
            diags_total += len(problems)
    if entries and not events_total:   # every log refused or empty: no measurement, and say why
        return {"mode": "check", "format": fmt, "failed": "no event read", "reason": first_problem}
    return {"mode": "check", "format": fmt, "conventions": len(entries), "events": events_total,
            "wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0, "phases_s": wall,
            "phases_cpu_s": cpu, "import_cpu_s": import_s, "rss_after_import_mb": rss_after_import,
            "peak_rss_mb": _maxrss_mb(), "findings": findings_total, "statuses": statuses,
            "diagnostics": diags_total, "rules_with_errors": errors,
            "rules_cache": {"hits": cache.hits, "misses": cache.misses} if cache is not None else None}


def worker(mode: str, portfolio: Path, fmt: str, limit: int | None) -> dict:
    return (arrow_worker if mode == "arrow" else check_worker)(portfolio, fmt, limit)


def run_worker(mode: str, portfolio: Path, fmt: str, limit: int | None = None, cache_dir: Path | None = None) -> dict:
    """One measurement in a fresh process, within the timeout and the memory limit; the load average
    before and after it is recorded."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--portfolio", str(portfolio),
           "--format", fmt] + (["--limit", str(limit)] if limit else [])
    env = dict(os.environ, **({"XDG_CACHE_HOME": str(cache_dir)} if cache_dir else {}))
    limit_bytes = int(MAX_GB * 1024 ** 3)

    def confine() -> None:  # a runaway measurement fails alone instead of swapping the shared machine
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    load_before = os.getloadavg()[0]
    t = time.perf_counter()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=WORKER_TIMEOUT, env=env,
                             preexec_fn=confine)
    except subprocess.TimeoutExpired:
        return {"mode": mode, "format": fmt, "timeout_s": WORKER_TIMEOUT, "load_before": load_before}
    if out.returncode != 0:
        memory = "MemoryError" in out.stderr or out.returncode < 0
        print(f"  worker failed ({'memory limit ' + str(MAX_GB) + ' GB' if memory else out.returncode}): "
              f"{' '.join(cmd)}\n{out.stderr[-2000:]}", flush=True)
        return {"mode": mode, "format": fmt, "failed": "memory" if memory else out.stderr[-500:],
                "load_before": load_before}
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - t
    result["load_before"], result["load_after"] = load_before, os.getloadavg()[0]
    return result


FLOOR_RUNS = 3   # the floor is a few seconds of one process: it moved by nearly 2x between runs of one morning


def _floor_cell(floor: dict, key: str) -> str:
    """``2.10 (2.10, 2.71, 3.83)``: the floor kept, then every run of it (:func:`fastest_floor`)."""
    runs = floor.get("runs_" + key)
    kept = f"{floor[key]:.2f}"
    return f"{kept} ({', '.join(f'{x:.2f}' for x in runs)})" if runs and len(runs) > 1 else kept


def floored(path: Path, fmt: str, check: Callable[[], None]) -> dict | None:
    """``check()`` between runs of the floor on the same files (one before, ``FLOOR_RUNS - 1`` after); the
    fastest of them (:func:`fastest_floor`), or None without pyarrow."""
    if not ARROW:
        check()
        return None
    runs = [run_worker("arrow", path, fmt)]
    check()
    return fastest_floor(runs + [run_worker("arrow", path, fmt) for _ in range(FLOOR_RUNS - 1)])


def fastest_floor(runs: list[dict]) -> dict | None:
    """The floor kept for the ratios: the run with the least CPU of those that ran (run before and after the
    check, so that a moment when the machine is slow weighs on neither alone); every run's CPU is kept with
    it (``runs_cpu_s``). The fastest, not the median: the ratios are then the least favourable to the check."""
    done = [r for r in runs if ok(r)]
    if not done:
        return runs[0] if runs else None
    best = dict(min(done, key=lambda r: r["cpu_s"]))
    best["runs_cpu_s"] = [r["cpu_s"] for r in done]
    best["runs_read_cpu_s"] = [r["read_cpu_s"] for r in done]
    return best


def ok(measure: dict | None) -> bool:
    return bool(measure) and "cpu_s" in measure


# --------------------------------------------------------------------------- helpers


def portfolio(conventions: int, events: int, seeds: tuple[str, ...] = generate.SEEDS) -> Path:
    """The generated portfolio, reused while its generator and seeds are unchanged."""
    out = generate.default_out(conventions, events, 0, seeds, BENCH_DIR)
    manifest = out / "manifest.json"
    if manifest.exists():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        if (m.get("conventions"), m.get("events_per_log"), m.get("generator")) == (
                conventions, events, generate.fingerprint(seeds)):
            return out
    t = time.perf_counter()
    generate.generate(out, conventions, events, 0, ("csv", "jsonl"), seeds)
    print(f"  generated {out} in {time.perf_counter() - t:.1f} s", flush=True)
    return out


def timed_runs(cmd: list[str], runs: int, env: dict | None = None, cpu: list | None = None) -> list[float]:
    """Wall times of ``runs`` runs; the children's CPU times (user + sys) are appended to ``cpu``."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import importlib.metadata as md

    versions = {}
    for pkg in ("clauses-conventions", "lark", "pydantic", "typer", "holidays", "pyarrow"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "os": platform.platform(),
            "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "commit": _git("rev-parse", "--short", "HEAD") + ("+changes" if _git("status", "--porcelain", "src") else ""),
            "loadavg_start": os.getloadavg(), "packages": versions}


_PARSER_CACHE: list[Path] = []


@contextlib.contextmanager
def rules_cache():
    """A cache folder with no loaded rules in it but the parser's own cache (``grammar.lark-cache``,
    built once per benchmark run): "rules parsed" then means every rules file parsed, lowered,
    resolved and stored, not Lark's grammar analysis (0.7 s, once per machine and version)."""
    if not _PARSER_CACHE:
        warm = Path(tempfile.mkdtemp(prefix="clauses-bench-parser-"))
        subprocess.run([sys.executable, "-c", "from clauses.language.parser import get_parser; get_parser()"],
                       env=dict(os.environ, XDG_CACHE_HOME=str(warm)), check=True)
        _PARSER_CACHE.append(warm)
    with tempfile.TemporaryDirectory(prefix="clauses-bench-cache-") as folder:
        (Path(folder) / "clauses").mkdir()
        for built in (_PARSER_CACHE[0] / "clauses").glob("grammar.lark-cache*"):
            shutil.copy2(built, Path(folder) / "clauses" / built.name)
        yield Path(folder)


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


# --------------------------------------------------------------------------- benchmark


def bench_sizes(sizes: list[str], formats: list[str], save) -> list[dict]:
    """Per size and format: the pyarrow floor, the check with its rules parsed (empty rules cache),
    the check with its rules served from the cache (the same folder, second run)."""
    rows = []
    for size in sizes:
        n, m = SIZES[size]
        path = portfolio(n, m)
        for fmt in formats:
            row = {"size": size, "conventions": n, "events_per_log": m, "format": fmt}

            def checks(row: dict = row, path: Path = path, fmt: str = fmt) -> None:
                with rules_cache() as cache:
                    row["check_cold"] = run_worker("check", path, fmt, cache_dir=cache)
                    row["check"] = run_worker("check", path, fmt, cache_dir=cache)

            floor = floored(path, fmt, checks)
            if floor is not None:
                row["arrow"] = floor
            derive(row)
            rows.append(row)
            save(rows)
            print("  " + size_line(row), flush=True)
            for key in ("check_cold", "check"):
                if row[key].get("rules_with_errors"):
                    print(f"  WARNING: {row[key]['rules_with_errors']} rules files with errors were skipped", flush=True)
    return rows


def derive(row: dict) -> None:
    """Ratios of a sizes row (CPU time) against the floor of the same run."""
    arrow = row.get("arrow")
    for key, tag in (("check_cold", "cold_"), ("check", "")):
        c = row.get(key)
        if not ok(c):
            continue
        row[f"{tag}cpu_us_per_event"] = c["cpu_s"] / max(c["events"], 1) * 1e6
        if ok(arrow):
            row[f"{tag}arrow_validate_ratio"] = c["cpu_s"] / max(arrow["cpu_s"], 1e-9)
            row[f"{tag}arrow_read_ratio"] = c["cpu_s"] / max(arrow["read_cpu_s"], 1e-9)
    c = row.get("check")
    if ok(c):
        ph = c["phases_cpu_s"]
        row["project_reader_share"] = (ph["read"] + ph["validate"]) / max(c["cpu_s"], 1e-9)


def _state(measure: dict | None) -> str:
    if not measure:
        return "not run"
    if "timeout_s" in measure:
        return f"timeout ({measure['timeout_s']} s)"
    if "failed" in measure:
        if measure["failed"] == "memory":
            return "over the memory limit"
        lines = str(measure["failed"]).strip().splitlines() or ["?"]   # a worker's stderr: its last line
        return f"failed: {lines[-1][:100]}" + (f" ({measure['reason'][:100]})" if measure.get("reason") else "")
    return ""


def size_line(r: dict) -> str:
    parts = [f"{r['size']:>5} {r['format']:<5} {r['conventions']:>5}x{r['events_per_log']:<6}"]
    a = r.get("arrow")
    if ok(a):
        parts.append(f"pyarrow read {a['read_cpu_s']:6.2f} s, +validate {a['cpu_s']:6.2f} s")
    for key, label, tag in (("check_cold", "rules parsed", "cold_"), ("check", "rules cached", "")):
        c = r.get(key)
        if not ok(c):
            parts.append(f"{label}: {_state(c)}")
            continue
        ratio = f" = {r[tag + 'arrow_validate_ratio']:5.1f}x validating" if f"{tag}arrow_validate_ratio" in r else ""
        parts.append(f"{label} {c['cpu_s']:7.2f} s cpu{ratio}")
    return "  ".join(parts)


def bench_single(sizes: list[str], seeds: tuple[str, ...], save) -> list[dict]:
    rows = []
    for seed in seeds:
        for size in sizes:
            path = portfolio(1, SINGLE[size], (seed,))
            row = {"seed": seed, "size": size, "events": SINGLE[size], "portfolio": str(path)}
            def checks(row: dict = row, path: Path = path) -> None:
                with rules_cache() as cache:   # one rules file: parsed or cached hardly matters; cached, as a second run
                    run_worker("check", path, "csv", cache_dir=cache)
                    row["check"] = run_worker("check", path, "csv", cache_dir=cache)

            floor = floored(path, "csv", checks)
            if floor is not None:
                row["arrow"] = floor
            check = row["check"]
            if ok(check):
                row["cpu_us_per_event"] = check["cpu_s"] / check["events"] * 1e6
                row["bytes_per_event"] = (check["peak_rss_mb"] - check["rss_after_import_mb"]) * 1024 ** 2 / check["events"]
                if ok(row.get("arrow")):
                    row["arrow_validate_ratio"] = check["cpu_s"] / max(row["arrow"]["cpu_s"], 1e-9)
                print(f"  single {seed[:3]} {size:>5}: check {check['cpu_s']:8.2f} s cpu  "
                      f"{row['cpu_us_per_event']:8.1f} us/ev  {row['bytes_per_event']:7.0f} B/ev  "
                      f"evaluate {pct(check['phases_cpu_s']['evaluate'] / max(check['cpu_s'], 1e-9))}", flush=True)
            else:
                print(f"  single {seed[:3]} {size:>5}: check {_state(check)}", flush=True)
            rows.append(row)
            save(rows)
    return rows


def bench_cli_on_log(row: dict) -> dict:
    """The real `clauses check` on one large log, against the in-process time of the same work."""
    path = Path(row["portfolio"])
    entry = json.loads((path / "manifest.json").read_text(encoding="utf-8"))["entries"][0]
    cmd = [CLAUSES, "check", str(path / entry["rules"]), str(path / entry["logs"]["csv"]), "--as-of", entry["as_of"]]
    cpu: list[float] = []
    wall = statistics.median(timed_runs(cmd, 3, None, cpu))
    inproc = row["check"]["wall_s"]
    return {"seed": row["seed"], "events": row["events"], "cli_s": wall, "cli_cpu_s": statistics.median(cpu),
            "in_process_s": inproc, "in_process_cpu_s": row["check"].get("cpu_s"), "overhead_s": wall - inproc}


def bench_cli_portfolio(source: Path) -> dict:
    """The real `clauses check` of a portfolio folder, as a user runs it: each rules file of ``source`` with its
    CSV log beside it (linked, in a folder of its own with the convention texts), one as-of date for all (the
    latest of the manifest), its progress bar off (not a terminal); median of 3, CPU of the process and its
    workers. The portfolio rows above check the same conventions in one process and drop each report: this
    also counts what a run keeps, sends between processes and renders."""
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["entries"]
    as_of = max(e["as_of"] for e in entries)
    with tempfile.TemporaryDirectory(prefix="clauses-bench-folder-") as folder:
        root = Path(folder)
        (root / ".git").mkdir()          # the project's root: the rules' convention texts are read inside it
        (root / "conventions").symlink_to(source / "conventions")
        (root / "rules").mkdir()
        for e in entries:
            rules = source / e["rules"]
            (root / "rules" / rules.name).symlink_to(rules)
            (root / "rules" / (rules.name[: -len(".clauses")] + ".csv")).symlink_to(source / e["logs"]["csv"])
        with rules_cache() as cache:
            env = dict(os.environ, XDG_CACHE_HOME=str(cache))
            cmd = [CLAUSES, "check", str(root / "rules"), "--as-of", as_of]
            timed_runs(cmd, 1, env, [])   # fills the rules cache, as the portfolio rows' second run
            cpu: list[float] = []
            wall = timed_runs(cmd, 3, env, cpu)
    events = manifest.get("total_events") or len(entries) * manifest.get("events_per_log", 0)
    return {"conventions": len(entries), "events": events, "wall_s": statistics.median(wall),
            "cpu_s": statistics.median(cpu), "cpu_us_per_event": statistics.median(cpu) / max(events, 1) * 1e6,
            "nproc": os.cpu_count(), "loadavg": os.getloadavg()[0]}


def bench_lint(rules_dir: Path) -> dict:
    """Cold (no parser cache, no result cache), parser cache only (``--no-cache``), and
    unchanged files served by the result cache."""
    files = len(list(rules_dir.glob("*.clauses")))
    cmd = [CLAUSES, "lint", str(rules_dir), "--format", "concise"]
    cold_cpu: list[float] = []
    warm_cpu: list[float] = []
    cached_cpu: list[float] = []
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        cold = timed_runs([*cmd, "--no-cache"], 1, env, cold_cpu)[0]
        warm = timed_runs([*cmd, "--no-cache"], 3, env, warm_cpu)
        timed_runs(cmd, 1, env, [])          # fills the result cache
        cached = timed_runs(cmd, 3, env, cached_cpu)
    return {"files": files, "cold_cache_s": cold, "cold_cache_cpu_s": cold_cpu[0],
            "warm_cache_s": statistics.median(warm), "warm_cache_cpu_s": statistics.median(warm_cpu),
            "warm_runs": warm, "unchanged_s": statistics.median(cached),
            "unchanged_cpu_s": statistics.median(cached_cpu), "loadavg": os.getloadavg()[0]}


README_CHECK = [str(ROOT / "rules" / "000_pisco_manosque.clauses"),
                str(ROOT / "examples" / "000_pisco_manosque" / "breaches.csv"), "--as-of", "2022-03-01"]


def compile_package() -> None:
    """Byte-compile the package: PYTHONDONTWRITEBYTECODE (set on this machine) would otherwise make
    every start compile the modules edited since the last compilation (about 0.3 s for all)."""
    import clauses

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(clauses.__file__).parent)],
                   env=env, stdout=subprocess.DEVNULL, check=False)


def bench_startup(runs: int = 9) -> dict:
    """Fresh processes, ``runs`` each (median): the rules cache of the README's example filled first
    (one untimed run), then used; ``--no-cache``: its rules parsed every time (the parser itself from
    its cache)."""
    compile_package()
    out = {}
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        check = [CLAUSES, "check", *README_CHECK]
        timed_runs(check, 1, env, [])      # fills the rules cache and the parser's
        for name, cmd in (("python -c pass", [sys.executable, "-c", "pass"]),
                          ("import clauses.cli", [sys.executable, "-c", "import clauses.cli"]),
                          ("clauses --help", [CLAUSES, "--help"]),
                          ("clauses --version", [CLAUSES, "--version"]),
                          ("clauses check (README example)", check),
                          ("clauses check --no-cache (README example)", [*check, "--no-cache"])):
            cpu: list[float] = []
            load = os.getloadavg()[0]
            times = timed_runs(cmd, runs, env, cpu)
            out[name] = {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
                         "median_cpu_s": statistics.median(cpu), "min_cpu_s": min(cpu),
                         "load_before": load, "load_after": os.getloadavg()[0]}
    return out


def _verdict(target: str, measured, met: bool) -> dict:
    return {"target": target, "measured": measured, "met": met}


def verdicts(res: dict) -> dict:
    """Issue 12's targets, on CPU time against the floor of the same run (robust to other jobs on
    a shared machine; the wall-clock figures are in the tables)."""
    v = {}
    sized = [r for r in res.get("sizes", []) if ok(r.get("check"))]
    for fmt in ("csv", "jsonl"):
        rows = [r for r in sized if r["format"] == fmt]
        if not rows:
            continue
        top = max(rows, key=lambda r: r["check"]["events"])
        for tag, label in (("", "rules cached"), ("cold_", "rules parsed")):
            if f"{tag}arrow_validate_ratio" in top:
                x = top[f"{tag}arrow_validate_ratio"]
                v[f"{tag}independent_validating_{fmt}"] = _verdict(
                    f"check ({label}) <= {TARGETS['arrow_validate']}x pyarrow read + validate at {top['size']} ({fmt})",
                    round(x, 1), x <= TARGETS["arrow_validate"])
                y = top[f"{tag}arrow_read_ratio"]
                v[f"{tag}independent_read_{fmt}"] = _verdict(
                    f"check ({label}) <= {TARGETS['arrow_read']}x pyarrow read at {top['size']} ({fmt})",
                    round(y, 1), y <= TARGETS["arrow_read"])
        lin = [r for r in rows if r["size"] != "1k" and "cpu_us_per_event" in r]
        if len(lin) >= 2:
            growth = lin[-1]["cpu_us_per_event"] / lin[0]["cpu_us_per_event"]
            v[f"linear_portfolio_{fmt}"] = _verdict(
                f"CPU us/event at {lin[-1]['size']} <= {TARGETS['linear_growth']}x {lin[0]['size']} ({fmt})",
                round(growth, 2), growth <= TARGETS["linear_growth"])
    for seed in SINGLE_SEEDS:
        # from 10k on: at 1k the once-per-process costs weigh on every event
        rows = [r for r in res.get("single", []) if r["seed"] == seed and r["size"] != "1k"]
        if any("cpu_us_per_event" not in r for r in rows):
            v[f"linear_single_{seed[:3]}"] = _verdict("one log: every size within the timeout and memory limit",
                                                      "no", False)
        elif len(rows) >= 2:
            growth = rows[-1]["cpu_us_per_event"] / rows[0]["cpu_us_per_event"]
            v[f"linear_single_{seed[:3]}"] = _verdict(
                f"one log: CPU us/event at {rows[-1]['size']} <= {TARGETS['linear_growth']}x {rows[0]['size']}",
                round(growth, 2), growth <= TARGETS["linear_growth"])
        if rows and "bytes_per_event" in rows[-1]:
            b = rows[-1]["bytes_per_event"]
            v[f"memory_single_{seed[:3]}"] = _verdict(
                f"one log of {rows[-1]['size']} events: peak memory <= {TARGETS['bytes_per_event']} bytes/event",
                round(b), b <= TARGETS["bytes_per_event"])
    if res.get("lint"):
        li = res["lint"]
        v["lint"] = _verdict(f"clauses lint of {li['files']} files < {TARGETS['lint_s']} s (wall, cold)",
                             f"{li['cold_cache_s']:.2f} ({li.get('cold_cache_cpu_s', 0):.2f} s CPU)",
                             li["cold_cache_s"] < TARGETS["lint_s"])
        if "unchanged_s" in li:
            v["lint_unchanged"] = _verdict(f"re-linting unchanged files < {TARGETS['lint_unchanged_s']} s (wall)",
                                           f"{li['unchanged_s']:.2f} ({li.get('unchanged_cpu_s', 0):.2f} s CPU)",
                                           li["unchanged_s"] < TARGETS["lint_unchanged_s"])
    st = res.get("startup") or {}
    for name, key, limit in (("clauses --help", "help", TARGETS["help_s"]),
                             ("clauses check (README example)", "check_cold_start", TARGETS["check_s"]),
                             ("clauses check --no-cache (README example)", "check_cold_start_no_cache",
                              TARGETS["check_s"])):
        if name in st:
            x = st[name]["median_cpu_s"]
            v[key] = _verdict(f"`{name}` < {limit} s (median CPU of fresh processes)",
                              f"{x:.3f} ({st[name]['median_s']:.3f} s wall)", x < limit)
    return v


def _load(m: dict | None) -> str:
    if not m or "load_before" not in m:
        return ""
    after = m.get("load_after")
    return f"{m['load_before']:.1f}" + (f"-{after:.1f}" if after is not None else "")


def stamp(machine_info: dict) -> dict:
    """When, on which commit and at which load a section was measured."""
    start = machine_info.get("loadavg_start") or [None]
    return {"date": machine_info.get("date", ""), "commit": machine_info.get("commit"), "load": start[0]}


#: results a section writes besides its own key
PART_OF = {"cli": ("cli_portfolio",)}
SECTION_NAMES = {"sizes": "portfolio rows", "single": "single logs", "cli": "CLI on a log and a folder", "lint": "lint",
                 "startup": "start-up"}


def provenance(res: dict, sections: tuple[str, ...] = SECTIONS) -> str:
    """The date and commit of each section shown, grouped when several were measured in the same run: a
    results file assembled from several runs (``--sections``) says which figure comes from which."""
    measured = res.get("measured") or {}
    groups: dict[tuple, list[str]] = {}
    for name in sections:
        if res.get(name) and name in measured:
            s = measured[name]
            groups.setdefault((s["date"][:16], s.get("commit") or "?"), []).append(SECTION_NAMES[name])
    if not groups:
        m = res["machine"]
        return f"{m['date'][:16].replace('T', ' ')} UTC, commit {m.get('commit') or '?'}"
    return ", ".join(f"{' and '.join(names)} {date.replace('T', ' ')} UTC (commit {commit})"
                     for (date, commit), names in sorted(groups.items()))


def conditions(res: dict, sections: tuple[str, ...] = SECTIONS) -> str:
    """Machine, date, commit and load averages of the run, in one sentence."""
    m = res["machine"]
    loads = [x for r in res.get("sizes", []) for k in ("arrow", "check_cold", "check")
             for x in (r.get(k, {}).get("load_before"), r.get(k, {}).get("load_after")) if x is not None]
    spread = f"; load average during the portfolio rows {min(loads):.1f}-{max(loads):.1f}" if loads else ""
    start = m.get("loadavg_start")
    text = (f"{provenance(res, sections)}; {m['nproc']} CPU ({m['cpu']}), "
            f"{m['memory']}, {m['implementation']} {m['python']}")
    return text + (f"; load average at the start of the last run {start[0]:.1f}" if start else "") + spread


def markdown(res: dict) -> str:
    m = res["machine"]
    lines = ["# Benchmark results", "",
             "Generated by " + "; then ".join(f"`python bench/run.py {' '.join(a)}`".replace(" `", "`")
                                              for a in res.get("commands", [[]])) + ".", "",
             f"Conditions: measured {conditions(res)}. Packages: "
             + ", ".join(f"{k} {v}" for k, v in m["packages"].items()) + ".", "",
             "All ratios are of CPU times (`time.process_time` of each measuring process), against the floor "
             "measured in the same run; wall times of a shared machine are upper bounds.", ""]
    if res.get("sizes"):
        lines += ["## `clauses check` against the machine's floor", "",
                  "Floor: pyarrow reads the same files (every column as text) and validates them column by column "
                  "(`bench/floor.py`: dates parsed, required fields, event names, parties, `received` after `date`, "
                  "channels, unique ids), without the project's code; run three times (before and after the "
                  "check), the fastest kept, every run's figure in brackets. Check: per convention, the rules through the "
                  "on-disk rules cache, read and validate the log, `evaluate`, render the text report (what "
                  "`clauses check` does, in-process): first with an empty cache (**rules parsed**: every file parsed, "
                  "lowered, resolved and stored), then again (**rules cached**: a second run over unchanged rules). "
                  "The project's reader (`read_events` + `validate_events`) is given as its share of the cached "
                  "check.", "",
                  "| events | portfolio | log | pyarrow read (s) | pyarrow read + validate (s) | check, rules parsed (s) "
                  "| check, rules cached (s) | cached / validating floor | cached / read floor | parsed / validating "
                  "floor | µs/event (cached) | load / read / validate / evaluate / render (cached) | peak RSS (MB) "
                  "| load average |",
                  "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|"]
        for r in res["sizes"]:
            a, cold, c = r.get("arrow"), r.get("check_cold"), r.get("check")
            cells = [r["size"], f"{r['conventions']} × {r['events_per_log']}", r["format"],
                     _floor_cell(a, "read_cpu_s") if ok(a) else _state(a), _floor_cell(a, "cpu_s") if ok(a) else "",
                     f"{cold['cpu_s']:.2f}" if ok(cold) else _state(cold), f"{c['cpu_s']:.2f}" if ok(c) else _state(c)]
            cells += [f"{r[k]:.1f}" if k in r else "" for k in ("arrow_validate_ratio", "arrow_read_ratio",
                                                                   "cold_arrow_validate_ratio")]
            cells.append(f"{r['cpu_us_per_event']:.0f}" if "cpu_us_per_event" in r else "")
            if ok(c):
                ph = c["phases_cpu_s"]
                cells.append(" / ".join(pct(ph[k] / max(c["cpu_s"], 1e-9)) for k in PHASES))
                cells.append(f"{max(c['peak_rss_mb'], cold.get('peak_rss_mb', 0) if cold else 0):.0f}")
            else:
                cells += ["", ""]
            cells.append(" / ".join(x for x in (_load(a), _load(cold), _load(c)) if x))
            lines.append("| " + " | ".join(str(x) for x in cells) + " |")
        lines += ["", "Load average: before-after each measurement (floor / parsed / cached)."]
    if res.get("single"):
        lines += ["", "## One log of growing length (linearity within a log, memory per event)", "",
                  "| seed | events | pyarrow read + validate (s) | check (s CPU) | / validating floor | µs/event | "
                  "evaluate share | peak RSS (MB) | bytes/event (peak over the imports) | load average |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in res["single"]:
            a, c = r.get("arrow"), r.get("check")
            if not ok(c):
                lines.append(f"| {r['seed']} | {r['events']:,} | {a['cpu_s'] if ok(a) else ''} | {_state(c)} "
                             f"| | | | | | {_load(c)} |")
                continue
            lines.append(f"| {r['seed']} | {r['events']:,} | {_floor_cell(a, 'cpu_s') if ok(a) else ''} | {c['cpu_s']:.2f} | "
                         f"{r.get('arrow_validate_ratio', 0):.1f} | {r['cpu_us_per_event']:.0f} | "
                         f"{pct(c['phases_cpu_s']['evaluate'] / max(c['cpu_s'], 1e-9))} | {c['peak_rss_mb']:.0f} | "
                         f"{r['bytes_per_event']:,.0f} | {_load(c)} |" if ok(a) else
                         f"| {r['seed']} | {r['events']:,} | | {c['cpu_s']:.2f} | | {r['cpu_us_per_event']:.0f} | | "
                         f"{c['peak_rss_mb']:.0f} | {r['bytes_per_event']:,.0f} | {_load(c)} |")
    if res.get("cli"):
        c = res["cli"]
        lines += ["", f"Real CLI (median of 3) on a single log ({c['seed']}, {c['events']:,} events): "
                      f"`clauses check` {c.get('cli_cpu_s', 0):.2f} s CPU against {c.get('in_process_cpu_s') or 0:.2f} s "
                      f"in-process: the process (interpreter, imports, text output) adds "
                      f"{c.get('cli_cpu_s', 0) - (c.get('in_process_cpu_s') or 0):.2f} s of CPU."]
    if res.get("cli_portfolio"):
        c = res["cli_portfolio"]
        lines += ["", f"Real CLI (median of 3) on a portfolio folder ({c['conventions']:,} conventions, "
                      f"{c['events']:,} events, rules cached, text report): `clauses check` {c['wall_s']:.2f} s wall, "
                      f"{c['cpu_s']:.2f} s CPU ({c['cpu_us_per_event']:.0f} µs/event), against the portfolio rows' "
                      f"in-process check of the same logs above."]
    if res.get("lint"):
        li = res["lint"]
        lines += ["", "## `clauses lint`", "",
                  f"`clauses lint` over {li['files']} clause files (subprocess): cold (no parser cache, "
                  f"`--no-cache`) {li['cold_cache_s']:.2f} s wall ({li.get('cold_cache_cpu_s', 0):.2f} s CPU), warm "
                  f"parser cache {li['warm_cache_s']:.2f} s wall ({li.get('warm_cache_cpu_s', 0):.2f} s CPU; median "
                  f"of 3), unchanged files from the result cache {li.get('unchanged_s', 0):.2f} s wall "
                  f"({li.get('unchanged_cpu_s', 0):.2f} s CPU); load average {li.get('loadavg', 0):.1f}."]
    if res.get("startup"):
        lines += ["", "## Start-up", "",
                  "Fresh processes, 9 runs each, after `compileall`; `clauses check` of the README's example with "
                  "its rules cache filled by one earlier run, and with `--no-cache` (rules parsed every time, the "
                  "parser from its own cache).", "",
                  "| command | median CPU (s) | min CPU (s) | median wall (s) | min wall (s) | load average |",
                  "|---|---:|---:|---:|---:|---|"]
        for k, st in res["startup"].items():
            lines.append(f"| `{k}` | {st.get('median_cpu_s', 0):.3f} | {st.get('min_cpu_s', 0):.3f} | "
                         f"{st['median_s']:.3f} | {st['min_s']:.3f} | {_load(st)} |")
    lines += ["", "## Targets (issue 12)", "", "| target | measured | met |", "|---|---|---|"]
    for k, x in res["verdicts"].items():
        lines.append(f"| {k}: {x['target']} | {x['measured']} | {'yes' if x['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def readme_figure(res: dict) -> str:
    """The README's performance figure: the largest portfolio measured, against the floor of the same
    run, with the machine, the date and the load."""
    lines = []
    rows = [r for r in res.get("sizes", []) if ok(r.get("check")) and ok(r.get("arrow"))]
    if rows:
        top = max(r["check"]["events"] for r in rows)
        lines += ["| events (conventions × events) | log | pyarrow: read / read + validate (CPU s) | `clauses check`, "
                  "rules parsed / cached (CPU s) | cached / validating floor | cached / read floor |",
                  "|---|---|---:|---:|---:|---:|"]
        for r in rows:
            a, c, cold = r["arrow"], r["check"], r.get("check_cold")
            bold = "**" if r["check"]["events"] == top else ""
            lines.append(f"| {bold}{r['size']} ({r['conventions']:,} × {r['events_per_log']:,}){bold} | "
                         f"{'CSV' if r['format'] == 'csv' else 'JSON Lines'} | {a['read_cpu_s']:.2f} / {a['cpu_s']:.2f} | "
                         f"{cold['cpu_s'] if ok(cold) else float('nan'):.1f} / {c['cpu_s']:.1f} | "
                         f"{bold}{r['arrow_validate_ratio']:.1f}×{bold} | {r['arrow_read_ratio']:.1f}× |")
        lines.append("")
    st = res.get("startup") or {}
    names = ("clauses check (README example)", "clauses check --no-cache (README example)", "clauses --help")
    if all(n in st for n in names):
        lines += [f"Start-up (fresh processes, median CPU of 9): `clauses check` of the example above "
                  f"{st[names[0]]['median_cpu_s']:.2f} s with its rules cache filled, "
                  f"{st[names[1]]['median_cpu_s']:.2f} s with `--no-cache`; `clauses --help` "
                  f"{st[names[2]]['median_cpu_s']:.2f} s"
                  + (f" (the interpreter alone, `python -c pass`: {st['python -c pass']['median_cpu_s']:.3f} s in the "
                     "same run: start-up times follow the machine's state)" if "python -c pass" in st else "")
                  + ".", ""]
    lines.append(f"Measured: {conditions(res, ('sizes', 'startup'))} (`bench/RESULTS.md`).")
    return "\n".join(lines)


def write_readme(res: dict, path: Path = README) -> bool:
    """Replace the README's figure (between the ``bench:figure`` markers); False when it has none."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(FIGURE[0]) + r".*?" + re.escape(FIGURE[1]), re.S)
    if not pattern.search(text):
        return False
    path.write_text(pattern.sub(lambda _: f"{FIGURE[0]}\n{readme_figure(res)}\n{FIGURE[1]}", text), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1k-100k only, single logs up to 10k")
    ap.add_argument("--sizes", help="comma-separated subset of 1k,10k,100k,1M")
    ap.add_argument("--single", help=f"comma-separated subset of {','.join(SINGLE)} (single-log series; default "
                                     f"{','.join(SINGLE_DEFAULT)})")
    ap.add_argument("--formats", default="csv,jsonl", help="log formats to measure (default csv,jsonl)")
    ap.add_argument("--no-lint", action="store_true")
    ap.add_argument("--sections", help=f"comma-separated subset of {','.join(SECTIONS)}; the others are kept "
                                       "from the existing results file")
    ap.add_argument("--timeout", type=int, default=WORKER_TIMEOUT, help="seconds per measurement (default 1800)")
    ap.add_argument("--max-gb", type=float, default=MAX_GB, help=f"address-space limit of each measuring process, "
                                                                 f"GB (default {MAX_GB:g})")
    ap.add_argument("--bench-dir", type=Path, default=generate.BENCH_DIR,
                    help=f"where the generated portfolios go (default {generate.BENCH_DIR})")
    ap.add_argument("--results", type=Path, default=HERE / "results.json")
    ap.add_argument("--markdown", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--readme", nargs="?", type=Path, const=README, default=None,
                    help="also rewrite the performance figure of README.md (or of the file given)")
    ap.add_argument("--report", action="store_true", help="measure nothing: rewrite the markdown (and the README's "
                                                          "figure with --readme) from the results file")
    # internal: one measurement in a fresh process
    ap.add_argument("--worker", choices=("check", "arrow"), help=argparse.SUPPRESS)
    ap.add_argument("--portfolio", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--format", default="csv", help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    globals().update(WORKER_TIMEOUT=args.timeout, MAX_GB=args.max_gb, BENCH_DIR=args.bench_dir)
    if args.worker:
        print(json.dumps(worker(args.worker, args.portfolio, args.format, args.limit)))
        return 0
    if args.report:
        res = json.loads(args.results.read_text(encoding="utf-8"))
        res["verdicts"] = verdicts(res)
        args.markdown.write_text(markdown(res), encoding="utf-8")
        if args.readme and not write_readme(res, args.readme):
            raise SystemExit(f"{args.readme} has no {FIGURE[0]} ... {FIGURE[1]} block")
        print(f"wrote {args.markdown}" + (f" and the figure of {args.readme}" if args.readme else ""))
        return 0
    sizes = args.sizes.split(",") if args.sizes else (["1k", "10k", "100k"] if args.quick else list(SIZES))
    single = args.single.split(",") if args.single else (["1k", "10k"] if args.quick else SINGLE_DEFAULT)
    formats = args.formats.split(",")
    sections = set(args.sections.split(",")) if args.sections else set(SECTIONS)
    if args.no_lint:
        sections.discard("lint")
    res: dict = {"machine": machine(), "quick": args.quick, "targets": TARGETS, "sizes": [], "single": []}
    if sections != set(SECTIONS) and args.results.exists():  # keep the sections not re-run
        old = json.loads(args.results.read_text(encoding="utf-8"))
        for name in set(SECTIONS) - sections:
            for key in (name, *PART_OF.get(name, ())):
                if key in old:
                    res[key] = old[key]
        res["machine_of_reused_sections"] = old.get("machine")
        for name in set(SECTIONS) - sections:   # each reused section keeps when it was measured
            if name in old:
                res.setdefault("measured", {})[name] = (old.get("measured") or {}).get(name) or stamp(old["machine"])
        res["commands"] = old.get("commands", [])
    res["commands"] = res.get("commands", []) + [sys.argv[1:] if argv is None else list(argv)]
    for name in sections:
        res.setdefault("measured", {})[name] = stamp(res["machine"])

    def save() -> None:
        res["verdicts"] = verdicts(res)
        args.results.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        args.markdown.write_text(markdown(res), encoding="utf-8")

    def keep(name: str):
        def partial(rows: list[dict]) -> None:   # every finished row is saved: a stopped run keeps it
            res[name] = rows
            save()
        return partial

    m = res["machine"]
    print(f"machine: {m['nproc']} CPU {m['cpu']}, Python {m['python']}, commit {m['commit']}, "
          f"load {m['loadavg_start'][0]:.1f}; pyarrow floor {'on' if ARROW else 'OFF (pip install -e .[bench])'}")
    compile_package()
    if "sizes" in sections:
        print("check against the floor (CPU):", flush=True)
        res["sizes"] = bench_sizes(sizes, formats, keep("sizes"))
        save()
    if "single" in sections:
        print("single logs:", flush=True)
        res["single"] = bench_single(single, SINGLE_SEEDS, keep("single"))
        save()
    if "cli" in sections:
        # the real CLI (median of 3) on the largest single log whose check takes at most 10 s in-process
        done = [r for r in res["single"] if ok(r.get("check")) and r["check"]["cpu_s"] <= 10]
        if done:
            res["cli"] = bench_cli_on_log(max(done, key=lambda r: r["events"]))
            print(f"  CLI on {res['cli']['events']:,} events: {res['cli']['cli_cpu_s']:.2f} s CPU "
                  f"(in-process {res['cli']['in_process_cpu_s']:.2f} s)", flush=True)
            save()
        folder = portfolio(*SIZES["100k"]) if not args.quick else portfolio(*SIZES["10k"])
        res["cli_portfolio"] = bench_cli_portfolio(folder)
        print(f"  CLI on a folder of {res['cli_portfolio']['conventions']} conventions: "
              f"{res['cli_portfolio']['wall_s']:.2f} s wall, {res['cli_portfolio']['cpu_s']:.2f} s CPU", flush=True)
        save()
    if "lint" in sections:
        rules = portfolio(*SIZES["1M"]) / "rules" if not args.quick else portfolio(1000, 200) / "rules"
        res["lint"] = bench_lint(rules)
        print(f"lint {res['lint']['files']} files: cold {res['lint']['cold_cache_s']:.2f} s "
              f"(cpu {res['lint']['cold_cache_cpu_s']:.2f}), warm {res['lint']['warm_cache_s']:.2f} s "
              f"(cpu {res['lint']['warm_cache_cpu_s']:.2f})", flush=True)
        save()
    if "startup" in sections:
        res["startup"] = bench_startup()
        for k, st in res["startup"].items():
            print(f"{k:>45}: {st['median_cpu_s']:.3f} s CPU (median), {st['median_s']:.3f} s wall")
    save()
    if args.readme:
        write_readme(res, args.readme)
    print("targets:")
    for k, x in res["verdicts"].items():
        print(f"  {'MET ' if x['met'] else 'MISS'} {k}: {x['target']} -- measured {x['measured']}")
    print(f"wrote {args.results} and {args.markdown}" + (f" and the figure of {args.readme}" if args.readme else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
