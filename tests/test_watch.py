"""`clauses lint --watch` / `check --watch`: a short-lived watch loop that sees a file change,
and shell completion switched on."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from clauses.watch import targets, watch_loop

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "000_pisco_manosque.clauses"
TIMEOUT = 60


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "rules").mkdir()
    shutil.copy(SEED, tmp_path / "rules" / SEED.name)
    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    shutil.copy(ROOT / "examples" / "000_pisco_manosque" / "breaches.csv", tmp_path / "log.csv")
    return tmp_path


def test_targets_are_folders_with_texts_and_configuration(project: Path) -> None:
    found = targets([project / "rules" / SEED.name])
    assert (project / "rules").resolve() in found and (project / "conventions").resolve() in found


def test_the_loop_runs_again_when_a_file_changes(project: Path) -> None:
    rules = project / "rules" / SEED.name
    runs: list[str] = []
    lines: list[str] = []
    stop = threading.Event()

    def run() -> int:
        runs.append(rules.read_text(encoding="utf-8"))
        if len(runs) == 2:
            stop.set()
        return len(runs)

    edited = rules.read_text(encoding="utf-8") + "\n# edited\n"

    def edit() -> None:
        # "watching" is said once the watcher is in place: one write after it is seen, whatever the load
        deadline = time.monotonic() + TIMEOUT
        while not any("watching" in ln for ln in lines) and time.monotonic() < deadline:
            time.sleep(0.02)
        rules.write_text(edited, encoding="utf-8")

    threading.Thread(target=edit, daemon=True).start()
    code = watch_loop([rules], run, lines.append, stop_event=stop, debounce_ms=50)
    assert code == 2 and runs[1].endswith("# edited\n")
    assert any(f"changed: {SEED.name}" in ln for ln in lines)


def _reader(stream, out: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        out.put(line)


def _wait_for(out: queue.Queue, needle: str, seen: list[str]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = out.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if needle in line:
            return
    raise AssertionError(f"never saw {needle!r} in {''.join(seen)!r}")


def _ctrl_c_as_in_a_terminal() -> None:
    """The child gets Ctrl-C as a terminal would deliver it: a runner started in the background
    (`cmd &`, nohup, a CI agent) ignores or blocks SIGINT, and a child inherits both across exec,
    so without this the test measured the runner rather than `clauses lint --watch`."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_lint_watch_reports_a_new_error_then_stops_on_ctrl_c(project: Path) -> None:
    rules = project / "rules" / SEED.name
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen([sys.executable, "-m", "clauses", "lint", "--watch", "--format", "concise", "rules"],
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=_ctrl_c_as_in_a_terminal)
    out: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, out), daemon=True).start()
    seen: list[str] = []
    try:
        _wait_for(out, "watching", seen)
        assert "S00" not in "".join(seen)
        broken = rules.read_text(encoding="utf-8").replace("avant le terme.", "avant le terme")
        rules.write_text(broken, encoding="utf-8")   # once: the watcher is in place when it says "watching"
        _wait_for(out, "S00", seen)
        _wait_for(out, "watching", seen)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=TIMEOUT) == 130     # interrupted, as any command stopped by Ctrl-C
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert any("changed: " + SEED.name in ln for ln in seen)


def test_check_watch_is_offered() -> None:
    result = subprocess.run([sys.executable, "-m", "clauses", "check", "--help"], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="200"), timeout=TIMEOUT)
    assert "--watch" in result.stdout


def test_shell_completion_is_switched_on() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="200")
    result = subprocess.run([sys.executable, "-m", "clauses", "--help"], capture_output=True, text=True, env=env,
                            timeout=TIMEOUT)
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout
    # the completion itself: what bash asks for after `clauses l`
    env.update(_CLAUSES_COMPLETE="complete_bash", COMP_WORDS="clauses l", COMP_CWORD="1")
    result = subprocess.run([sys.executable, "-m", "clauses"], capture_output=True, text=True, env=env,
                            timeout=TIMEOUT)
    assert "lint" in result.stdout and "lsp" in result.stdout
