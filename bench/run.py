"""Benchmark of `clauses check` and `clauses lint` on a synthetic portfolio (issue 5, section 4).

One command::

    python bench/run.py            # 1k, 10k, 100k, 1M events; single logs 1k-30k (about 12 min on 2 cores)
    python bench/run.py --quick    # 1k, 10k, 100k events, single logs up to 10k
    python bench/run.py --single 1k,10k,30k,100k --sections single   # redo one section, keep the others

It generates the portfolios it needs with bench/generate.py (under /tmp/clauses-bench,
reused when present), then measures, each size in a fresh subprocess so that the peak
memory (maxrss) is that size's own:

- the floor: `read_events` + `validate_events` over every log (what reading and
  validating the same input costs, without the rules);
- the independent floor (issue 12, `bench/floor.py`): pyarrow reads the same files and
  checks the same things column by column, without the project's code -- the read-only
  floor and the validating floor; the check's ratios to both (targets: <= 5x the
  validating floor, <= 15x the read-only floor) -- skipped when pyarrow is not installed
  (`pip install -e ".[bench]"`);
- the check: per convention, load the rules file (parse -> lower -> resolve), read and
  validate its log, `evaluate`, build and render the text report -- what
  `clauses check` does, in-process; the ratio check / floor; events per second;
  microseconds per event (linearity across sizes); peak RSS;
- single logs of growing size (one convention, 1k -> 30k or 100k events): linearity in the
  length of one log, and the real CLI on the largest one (process overhead);
- `clauses lint` over 1,000 clause files (a real subprocess, cold and warm parser cache);
- the CLI's cold start: `clauses --help`, `clauses --version` (median of several runs).

Results: a table on stdout, bench/results.json and bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

VENV_BIN = Path(sys.executable).parent
CLAUSES = str(VENV_BIN / "clauses") if (VENV_BIN / "clauses").exists() else shutil.which("clauses") or "clauses"

#: total events -> (conventions, events per log)
SIZES = {"1k": (5, 200), "10k": (10, 1000), "100k": (100, 1000), "1M": (1000, 1000)}
SINGLE = {"1k": 1000, "10k": 10_000, "30k": 30_000, "100k": 100_000}
SINGLE_DEFAULT = ["1k", "10k", "30k"]   # 100k on request: quadratic hotspots make it ~15 min per seed
SINGLE_SEEDS = ("000_pisco_manosque", "004_groupement_mons_en_baroeul")
TARGETS = {"arrow_validate": 5.0, "arrow_read": 15.0, "ratio": 2.0, "peak_mb": 1024, "lint_s": 3.0,
           "lint_unchanged_s": 0.5, "help_s": 0.15, "linear_growth": 1.25, "check_s": 0.3}
WORKER_TIMEOUT = 1800
SECTIONS = ("sizes", "single", "cli", "lint", "startup")
try:  # the independent floor (issue 12) needs pyarrow: pip install -e ".[bench]"
    import pyarrow  # noqa: F401
    ARROW = True
except ImportError:
    ARROW = False


# --------------------------------------------------------------------------- workers


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def arrow_worker(portfolio: Path, fmt: str, limit: int | None) -> dict:
    """The independent floor: pyarrow reads and validates every log (bench/floor.py)."""
    import floor

    t_import = time.perf_counter()
    import pyarrow.compute  # noqa: F401
    import_s = time.perf_counter() - t_import
    manifest = json.loads((portfolio / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["entries"][:limit] if limit else manifest["entries"]
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
            "validate_cpu_s": validate_cpu, "import_s": import_s, "peak_rss_mb": _maxrss_mb()}


def worker(mode: str, portfolio: Path, fmt: str, limit: int | None) -> dict:
    """Measure one portfolio in this (fresh) process; return the figures."""
    if mode == "arrow":
        return arrow_worker(portfolio, fmt, limit)
    t_import = time.perf_counter()
    from clauses.events import read_events, validate_events

    if mode == "check":
        from clauses.evaluation import evaluate
        from clauses.language.load import load
        from clauses.output.report import CheckReport, render_text
        from clauses.language.resolve import used_events
    import_s = time.perf_counter() - t_import
    manifest = json.loads((portfolio / "manifest.json").read_text(encoding="utf-8"))
    entries = manifest["entries"][:limit] if limit else manifest["entries"]
    rss_after_import = _rss_mb()
    phases = {"load": 0.0, "read": 0.0, "validate": 0.0, "evaluate": 0.0, "render": 0.0}
    events_total = findings_total = diags_total = errors = 0
    statuses: dict[str, int] = {}
    t0, cpu0 = time.perf_counter(), time.process_time()
    for entry in entries:
        log = portfolio / entry["logs"][fmt]
        if mode == "floor":
            a = time.perf_counter()
            events, problems = read_events(log)
            b = time.perf_counter()
            problems += validate_events(events, set(entry["parties"]), set(entry["event_names"]))
            c = time.perf_counter()
            phases["read"] += b - a
            phases["validate"] += c - b
        else:
            a = time.perf_counter()
            loaded = load(portfolio / entry["rules"])
            b = time.perf_counter()
            if not loaded.ok:
                errors += 1
                continue
            conv = loaded.convention
            events, problems = read_events(log)
            c = time.perf_counter()
            parties = {p.id for p in conv.parties}
            problems += validate_events(events, parties, used_events(conv) | {e.id for e in conv.events})
            problems += [d for d in loaded.diagnostics if d.code == "R001"]
            d = time.perf_counter()
            as_of = dt.date.fromisoformat(entry["as_of"])
            findings, ignored = evaluate(conv, events, as_of, 60)
            e = time.perf_counter()
            report = CheckReport(conv.title, str(portfolio / entry["rules"]), str(log), as_of, 60, tuple(findings),
                                 tuple(problems), len(events), ignored)
            render_text(report, explain=False)
            f = time.perf_counter()
            for name, x, y in (("load", a, b), ("read", b, c), ("validate", c, d), ("evaluate", d, e),
                               ("render", e, f)):
                phases[name] += y - x
            findings_total += len(findings)
            for finding in findings:
                statuses[finding.status.value] = statuses.get(finding.status.value, 0) + 1
        events_total += len(events)
        diags_total += len(problems)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return {"mode": mode, "format": fmt, "conventions": len(entries), "events": events_total, "wall_s": wall, "cpu_s": cpu,
            "phases_s": phases, "import_s": import_s, "rss_after_import_mb": rss_after_import,
            "peak_rss_mb": _maxrss_mb(), "loadavg_end": os.getloadavg()[0], "findings": findings_total, "statuses": statuses, "diagnostics": diags_total,
            "rules_with_errors": errors}


def run_worker(mode: str, portfolio: Path, fmt: str, limit: int | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, "--portfolio", str(portfolio),
           "--format", fmt] + (["--limit", str(limit)] if limit else [])
    t = time.perf_counter()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=WORKER_TIMEOUT, check=True)
    except subprocess.TimeoutExpired:
        return {"mode": mode, "format": fmt, "timeout_s": WORKER_TIMEOUT, "cpu_s": float("nan")}
    except subprocess.CalledProcessError as err:
        raise SystemExit(f"worker failed: {' '.join(cmd)}\n{err.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - t
    return result


# --------------------------------------------------------------------------- helpers


def portfolio(conventions: int, events: int, seeds: tuple[str, ...] = generate.SEEDS) -> Path:
    out = generate.default_out(conventions, events, 0, seeds)
    manifest = out / "manifest.json"
    if manifest.exists():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        if m.get("conventions") == conventions and m.get("events_per_log") == events:
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
    for pkg in ("clauses", "lark", "pydantic", "typer", "holidays"):
        try:
            versions[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "os": platform.platform(),
            "date": dt.datetime.now().isoformat(timespec="seconds"), "packages": versions}


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


# --------------------------------------------------------------------------- benchmark


def bench_sizes(sizes: list[str], formats: list[str]) -> list[dict]:
    rows = []
    for size in sizes:
        n, m = SIZES[size]
        path = portfolio(n, m)
        for fmt in formats:
            floor = run_worker("floor", path, fmt)
            check = run_worker("check", path, fmt)
            row = {"size": size, "conventions": n, "events_per_log": m, "format": fmt, "floor": floor, "check": check}
            if ARROW:
                arrow = row["arrow"] = run_worker("arrow", path, fmt)
                if "cpu_s" in check and arrow.get("cpu_s"):
                    row["arrow_validate_ratio"] = check["cpu_s"] / arrow["cpu_s"]
                    row["arrow_read_ratio"] = check["cpu_s"] / max(arrow["read_cpu_s"], 1e-9)
            if "wall_s" in floor and "wall_s" in check:
                row["ratio"] = check["wall_s"] / floor["wall_s"]
                row["cpu_ratio"] = check["cpu_s"] / floor["cpu_s"]
                row["same_process_ratio"] = check["wall_s"] / (check["phases_s"]["read"] + check["phases_s"]["validate"])
                row["cpu_us_per_event"] = check["cpu_s"] / check["events"] * 1e6
                row["events_per_s"] = check["events"] / check["wall_s"]
                row["us_per_event"] = check["wall_s"] / check["events"] * 1e6
                row["floor_us_per_event"] = floor["wall_s"] / floor["events"] * 1e6
            rows.append(row)
            print("  " + size_line(row), flush=True)
            if check.get("rules_with_errors"):
                print(f"  WARNING: {check['rules_with_errors']} rules files with errors were skipped", flush=True)
    return rows


def size_line(r: dict) -> str:
    c, f = r["check"], r["floor"]
    if "wall_s" not in c or "wall_s" not in f:
        return f"{r['size']:>5} {r['format']:<5} timeout"
    arrow = (f"  arrow floor {r['arrow']['cpu_s']:6.2f} s cpu: check/validating {r['arrow_validate_ratio']:5.1f}, "
             f"check/read {r['arrow_read_ratio']:5.1f}") if "arrow_validate_ratio" in r else ""
    return (f"{r['size']:>5} {r['format']:<5} {r['conventions']:>5}x{r['events_per_log']:<6} "
            f"floor {f['wall_s']:8.2f} s  check {c['wall_s']:8.2f} s  ratio {r['ratio']:5.1f} (cpu {r['cpu_ratio']:4.1f})  "
            f"{r['events_per_s']:9,.0f} ev/s  {r['us_per_event']:7.1f} us/ev  "
            f"peak {max(c['peak_rss_mb'], f['peak_rss_mb']):6.0f} MB" + arrow)


def bench_single(sizes: list[str], seeds: tuple[str, ...]) -> list[dict]:
    rows = []
    for seed in seeds:
        for size in sizes:
            path = portfolio(1, SINGLE[size], (seed,))
            floor = run_worker("floor", path, "csv")
            check = run_worker("check", path, "csv")
            row = {"seed": seed, "size": size, "events": SINGLE[size], "floor": floor, "check": check,
                   "portfolio": str(path)}
            if "wall_s" in check:
                row["us_per_event"] = check["wall_s"] / check["events"] * 1e6
                row["ratio"] = check["wall_s"] / floor["wall_s"]
                row["cpu_ratio"] = check["cpu_s"] / floor["cpu_s"]
                row["cpu_us_per_event"] = check["cpu_s"] / check["events"] * 1e6
            rows.append(row)
            if "wall_s" in check:
                print(f"  single {seed[:3]} {size:>5}: floor {floor['wall_s']:7.2f} s  check {check['wall_s']:8.2f} s"
                      f"  ratio {row['ratio']:6.1f} (cpu {row['cpu_ratio']:6.1f})  {row['cpu_us_per_event']:8.1f} cpu us/ev  "
                      f"evaluate {pct(check['phases_s']['evaluate'] / check['wall_s'])}", flush=True)
            else:
                print(f"  single {seed[:3]} {size:>5}: check timeout", flush=True)
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


def bench_startup(runs: int = 9) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        for name, cmd in (("python -c pass", [sys.executable, "-c", "pass"]),
                          ("import clauses.cli", [sys.executable, "-c", "import clauses.cli"]),
                          ("clauses --help", [CLAUSES, "--help"]),
                          ("clauses --version", [CLAUSES, "--version"]),
                          # the README's example (issue 12: < 0.3 s); the first run fills the rules cache
                          ("clauses check (README example)", [CLAUSES, "check", *README_CHECK]),
                          ("clauses check --no-cache (README example)", [CLAUSES, "check", *README_CHECK, "--no-cache"])):
            cpu: list[float] = []
            times = timed_runs(cmd, runs, env, cpu)
            out[name] = {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
                         "median_cpu_s": statistics.median(cpu)}
    return out


def verdicts(res: dict) -> dict:
    """Targets of issue 5 section 4. Ratios and linearity use CPU time (robust to other jobs on a
    shared machine); the wall-clock figures are in the tables."""
    v = {}
    sized = [r for r in res["sizes"] if "cpu_ratio" in r]
    for fmt in ("csv", "jsonl"):
        rows = [r for r in sized if r["format"] == fmt]
        if not rows:
            continue
        top = max(rows, key=lambda r: r["check"]["events"])
        v[f"ratio_{fmt}"] = {"target": f"check <= {TARGETS['ratio']}x floor at {top['size']} ({fmt}, CPU time)",
                             "measured": round(top["cpu_ratio"], 2), "met": top["cpu_ratio"] <= TARGETS["ratio"]}
        if "arrow_validate_ratio" in top:
            v[f"independent_validating_{fmt}"] = {
                "target": f"check <= {TARGETS['arrow_validate']}x pyarrow read + validate at {top['size']} ({fmt}, CPU)",
                "measured": round(top["arrow_validate_ratio"], 1),
                "met": top["arrow_validate_ratio"] <= TARGETS["arrow_validate"]}
            v[f"independent_read_{fmt}"] = {
                "target": f"check <= {TARGETS['arrow_read']}x pyarrow read at {top['size']} ({fmt}, CPU)",
                "measured": round(top["arrow_read_ratio"], 1), "met": top["arrow_read_ratio"] <= TARGETS["arrow_read"]}
        lin = [r for r in rows if r["size"] != "1k"]
        if len(lin) >= 2:
            growth = lin[-1]["cpu_us_per_event"] / lin[0]["cpu_us_per_event"]
            v[f"linear_portfolio_{fmt}"] = {
                "target": f"CPU us/event at {lin[-1]['size']} <= {TARGETS['linear_growth']}x {lin[0]['size']} ({fmt})",
                "measured": round(growth, 2), "met": growth <= TARGETS["linear_growth"]}
    for seed in SINGLE_SEEDS:
        # from 10k on: at 1k the once-per-process costs (parser, holidays) weigh ~300 us/event
        rows = [r for r in res["single"] if r["seed"] == seed and r["size"] != "1k"]
        if any(r.get("cpu_us_per_event") is None for r in rows):
            v[f"linear_single_{seed[:3]}"] = {"target": "one log: every size within the timeout",
                                              "measured": "timeout", "met": False}
        elif len(rows) >= 2:
            growth = rows[-1]["cpu_us_per_event"] / rows[0]["cpu_us_per_event"]
            v[f"linear_single_{seed[:3]}"] = {
                "target": f"one log: CPU us/event at {rows[-1]['size']} <= {TARGETS['linear_growth']}x {rows[0]['size']}",
                "measured": round(growth, 2), "met": growth <= TARGETS["linear_growth"]}
    peaks = [max(r["check"].get("peak_rss_mb", 0), r["floor"].get("peak_rss_mb", 0)) for r in res["sizes"]]
    peaks += [r["check"].get("peak_rss_mb", 0) for r in res["single"]]
    if peaks:
        v["peak_memory"] = {"target": f"< {TARGETS['peak_mb']} MB", "measured": round(max(peaks)),
                            "met": max(peaks) < TARGETS["peak_mb"]}
    if res.get("lint"):
        cold = res["lint"]["cold_cache_s"]
        v["lint"] = {"target": f"< {TARGETS['lint_s']} s for {res['lint']['files']} files (wall, cold)",
                     "measured": round(cold, 2), "met": cold < TARGETS["lint_s"]}
        if "unchanged_s" in res["lint"]:
            unchanged = res["lint"]["unchanged_s"]
            v["lint_unchanged"] = {"target": f"< {TARGETS['lint_unchanged_s']} s re-linting unchanged files",
                                   "measured": round(unchanged, 2), "met": unchanged < TARGETS["lint_unchanged_s"]}
    if res.get("startup"):
        h = res["startup"]["clauses --help"]["median_s"]
        v["help"] = {"target": f"< {TARGETS['help_s']} s (median wall)", "measured": round(h, 3),
                     "met": h < TARGETS["help_s"]}
        hc = res["startup"]["clauses --help"]["median_cpu_s"]
        v["help_cpu"] = {"target": f"< {TARGETS['help_s']} s (median CPU)", "measured": round(hc, 3),
                         "met": hc < TARGETS["help_s"]}
        for name, key in (("clauses check (README example)", "check_cold"),
                          ("clauses check --no-cache (README example)", "check_cold_no_cache")):
            if name in res["startup"]:
                for kind, field in (("wall", "median_s"), ("CPU", "median_cpu_s")):
                    x = res["startup"][name][field]
                    v[f"{key}_{kind.lower()}"] = {"target": f"{name} < {TARGETS['check_s']} s (median {kind})",
                                                  "measured": round(x, 3), "met": x < TARGETS["check_s"]}
    return v


def markdown(res: dict) -> str:
    m = res["machine"]
    lines = ["# Benchmark results", "",
             "Generated by " + "; then ".join(f"`python bench/run.py {' '.join(a)}`".replace(" `", "`")
                                              for a in res.get("commands", [[]])) + f" (last run {m['date']}).", "",
             f"Machine: {m['nproc']} CPU ({m['cpu']}), {m['memory']} RAM, {m['implementation']} {m['python']}, "
             f"{m['os']}; " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()) + ".", "",
             "## `clauses check` against the read-and-validate floor", "",
             "Each size runs in a fresh process (peak = maxrss of that process, imports included). "
             "Floor = `read_events` + `validate_events` of every log; check = load the rules, read, validate, "
             "`evaluate`, render the text report, per convention (in-process, what `clauses check` does).", "",
             "Wall times are of a shared machine (other jobs ran; `load` = 1-min load average at the end); "
             "the ratio and µs/event are also given in CPU time (`time.process_time`), which such "
             "contention disturbs much less, and the targets are judged on CPU time.", "",
             "| events | portfolio | log | floor wall / CPU (s) | check wall / CPU (s) | ratio wall / CPU | "
             "events/s (wall) | µs/event wall / CPU | load / read / validate / evaluate / render | peak RSS (MB) | load |",
             "|---:|---|---|---:|---:|---:|---:|---:|---|---:|---:|"]
    for r in res["sizes"]:
        c, f = r["check"], r["floor"]
        if "wall_s" not in c:
            lines.append(f"| {r['size']} | {r['conventions']} × {r['events_per_log']} | {r['format']} | "
                         f"{f.get('wall_s', 0):.2f} | timeout | | | | | |")
            continue
        ph = c["phases_s"]
        split = " / ".join(pct(ph[k] / c["wall_s"]) for k in ("load", "read", "validate", "evaluate", "render"))
        lines.append(f"| {r['size']} | {r['conventions']} × {r['events_per_log']} | {r['format']} | "
                     f"{f['wall_s']:.2f} / {f.get('cpu_s', 0):.2f} | {c['wall_s']:.2f} / {c.get('cpu_s', 0):.2f} | "
                     f"{r['ratio']:.2f} / {r.get('cpu_ratio', 0):.2f} | {r['events_per_s']:,.0f} | "
                     f"{r['us_per_event']:.0f} / {r.get('cpu_us_per_event', 0):.0f} | "
                     f"{split} | {max(c['peak_rss_mb'], f['peak_rss_mb']):.0f} | {c.get('loadavg_end', 0):.1f} |")
    arrow_rows = [r for r in res["sizes"] if "arrow_validate_ratio" in r]
    if arrow_rows:
        lines += ["", "## Against the machine's floor (pyarrow, independent of this project)", "",
                  "The same files read by pyarrow (every column as text) and validated column by column "
                  "(`bench/floor.py`: dates parsed, required fields, event names, parties, `received` after "
                  "`date`, channels, unique ids), in the same run; CPU times.", "",
                  "| events | log | pyarrow read (s) | pyarrow read + validate (s) | check (s) | "
                  "check / validating floor | check / read floor |", "|---:|---|---:|---:|---:|---:|---:|"]
        for r in arrow_rows:
            a = r["arrow"]
            lines.append(f"| {r['size']} | {r['format']} | {a['read_cpu_s']:.2f} | {a['cpu_s']:.2f} | "
                         f"{r['check']['cpu_s']:.2f} | {r['arrow_validate_ratio']:.1f} | {r['arrow_read_ratio']:.1f} |")
    lines += ["", "## One log of growing length (linearity within a log)", "",
              "| seed | events | floor wall (s) | check wall / CPU (s) | ratio CPU | µs/event CPU | evaluate share | "
              "peak RSS (MB) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in res["single"]:
        c, f = r["check"], r["floor"]
        if "wall_s" not in c:
            lines.append(f"| {r['seed']} | {r['events']:,} | {f.get('wall_s', 0):.2f} | timeout | | | | |")
            continue
        lines.append(f"| {r['seed']} | {r['events']:,} | {f['wall_s']:.2f} | {c['wall_s']:.2f} / "
                     f"{c.get('cpu_s', 0):.2f} | {r.get('cpu_ratio', 0):.1f} | {r.get('cpu_us_per_event', 0):.0f} | "
                     f"{pct(c['phases_s']['evaluate'] / c['wall_s'])} | {c['peak_rss_mb']:.0f} |")
    if res.get("cli"):
        c = res["cli"]
        lines += ["", f"Real CLI (median of 3) on a single log ({c['seed']}, {c['events']:,} events): "
                      f"`clauses check` {c['cli_s']:.2f} s wall ({c.get('cli_cpu_s', 0):.2f} s CPU) against "
                      f"{c['in_process_s']:.2f} s wall ({c.get('in_process_cpu_s') or 0:.2f} s CPU) in-process: "
                      f"the process (interpreter, imports, text output) adds "
                      f"{c.get('cli_cpu_s', 0) - (c.get('in_process_cpu_s') or 0):.2f} s of CPU "
                      f"({c['overhead_s']:.2f} s wall, which other jobs on the machine inflate)."]
    if res.get("lint"):
        li = res["lint"]
        lines += ["", "## `clauses lint` and cold start", "",
                  f"`clauses lint` over {li['files']} clause files (subprocess): cold parser cache "
                  f"{li['cold_cache_s']:.2f} s wall ({li.get('cold_cache_cpu_s', 0):.2f} s CPU), warm cache "
                  f"{li['warm_cache_s']:.2f} s wall ({li.get('warm_cache_cpu_s', 0):.2f} s CPU; median of 3; both "
                  f"`--no-cache`); unchanged files from the result cache {li.get('unchanged_s', 0):.2f} s wall "
                  f"({li.get('unchanged_cpu_s', 0):.2f} s CPU); load average {li.get('loadavg', 0):.1f}."]
    if res.get("startup"):
        lines += ["", "Cold start (9 runs each; the parser cache plays no part here):", "",
                  "| command | median wall (s) | min (s) | max (s) | median CPU (s) |", "|---|---:|---:|---:|---:|"]
        for k, s in res["startup"].items():
            lines.append(f"| `{k}` | {s['median_s']:.3f} | {s['min_s']:.3f} | {s['max_s']:.3f} | "
                         f"{s.get('median_cpu_s', 0):.3f} |")
    lines += ["", "## Targets (issue 5 §4)", "", "| target | measured | met |", "|---|---|---|"]
    for k, v in res["verdicts"].items():
        lines.append(f"| {k}: {v['target']} | {v['measured']} | {'yes' if v['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="1k-100k only, single logs up to 10k")
    ap.add_argument("--sizes", help="comma-separated subset of 1k,10k,100k,1M")
    ap.add_argument("--single", help="comma-separated subset of 1k,10k,30k,100k (single-log series; default 1k,10k,30k)")
    ap.add_argument("--formats", default="csv,jsonl", help="log formats to measure (default csv,jsonl)")
    ap.add_argument("--no-lint", action="store_true")
    ap.add_argument("--sections", help=f"comma-separated subset of {','.join(SECTIONS)}; the others are kept "
                                       "from the existing results file")
    ap.add_argument("--results", type=Path, default=HERE / "results.json")
    ap.add_argument("--markdown", type=Path, default=HERE / "RESULTS.md")
    # internal: one measurement in a fresh process
    ap.add_argument("--worker", choices=("floor", "check", "arrow"), help=argparse.SUPPRESS)
    ap.add_argument("--portfolio", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--format", default="csv", help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--timeout", type=int, default=WORKER_TIMEOUT, help="seconds per measurement (default 1800)")
    args = ap.parse_args(argv)
    globals()["WORKER_TIMEOUT"] = args.timeout
    if args.worker:
        print(json.dumps(worker(args.worker, args.portfolio, args.format, args.limit)))
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
            if name in old:
                res[name] = old[name]
        res["machine_of_reused_sections"] = old.get("machine")
        res["commands"] = old.get("commands", [])
    res["commands"] = res.get("commands", []) + [sys.argv[1:] if argv is None else list(argv)]

    def save() -> None:
        res["verdicts"] = verdicts(res)
        args.results.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        args.markdown.write_text(markdown(res), encoding="utf-8")

    print(f"machine: {res['machine']['nproc']} CPU {res['machine']['cpu']}, Python {res['machine']['python']}")
    if "sizes" in sections:
        print("check vs floor:", flush=True)
        res["sizes"] = bench_sizes(sizes, formats)
        save()
    if "single" in sections:
        print("single logs:", flush=True)
        res["single"] = bench_single(single, SINGLE_SEEDS)
        save()
    if "cli" in sections:
        # the real CLI (median of 3) on the largest single log whose check takes at most 10 s in-process
        done = [r for r in res["single"] if "wall_s" in r["check"] and r["check"]["wall_s"] <= 10]
        if done:
            res["cli"] = bench_cli_on_log(max(done, key=lambda r: r["events"]))
            print(f"  CLI on {res['cli']['events']:,} events: {res['cli']['cli_s']:.2f} s "
                  f"(in-process {res['cli']['in_process_s']:.2f} s)", flush=True)
    if "lint" in sections:
        rules = portfolio(*SIZES["1M"]) / "rules" if not args.quick else portfolio(1000, 200) / "rules"
        res["lint"] = bench_lint(rules)
        print(f"lint {res['lint']['files']} files: cold {res['lint']['cold_cache_s']:.2f} s "
              f"(cpu {res['lint']['cold_cache_cpu_s']:.2f}), warm {res['lint']['warm_cache_s']:.2f} s "
              f"(cpu {res['lint']['warm_cache_cpu_s']:.2f})", flush=True)
    if "startup" in sections:
        res["startup"] = bench_startup()
        for k, s in res["startup"].items():
            print(f"{k:>20}: {s['median_s']:.3f} s (median)")
    save()
    print("targets:")
    for k, v in res["verdicts"].items():
        print(f"  {'MET ' if v['met'] else 'MISS'} {k}: {v['target']} -- measured {v['measured']}")
    print(f"wrote {args.results} and {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
