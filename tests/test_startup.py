"""Start-up of the command line (issue 12): what a check of one rules file does not import, and the
cyclic collector paused while a command starts (``clauses.gcpause.hold``) and always given back."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clauses import gcpause

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "000_pisco_manosque.clauses"
LOG = ROOT / "examples" / "000_pisco_manosque" / "breaches.csv"


def _probe(argv: list[str], names: tuple[str, ...]) -> str:
    return ("import sys, runpy, gc\n"
            f"sys.argv = ['clauses', *{argv!r}]\n"
            "try:\n    runpy.run_module('clauses', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"print(sorted(m for m in {names!r} if m in sys.modules), gc.isenabled())\n")


def test_a_check_of_one_rules_file_imports_no_manifest_reader_process_pool_nor_babel(tmp_path):
    """Nor what its convention does not use: seed 000 states no amount and no mandate, so neither the money
    of duties nor the members' mandates are imported (and month arithmetic does not need dateutil)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    names = ("clauses.manifest", "concurrent.futures.process", "multiprocessing", "lark", "babel", "holidays",
             "yaml", "rich.traceback", "pygments", "markdown_it", "dateutil", "tempfile",
             "clauses.evaluation.interest", "clauses.evaluation.payments", "clauses.evaluation.mandates")
    probe = _probe(["check", str(RULES), str(LOG), "--as-of", "2022-03-01"], names)
    subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)   # fills the cache
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert second.stdout.strip().splitlines()[-1] == "[] True", second.stderr


def test_help_imports_neither_rich_tracebacks_nor_markdown_nor_the_model(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    names = ("rich.traceback", "rich.pretty", "pygments", "rich.markdown", "markdown_it", "pydantic", "holidays",
             "clauses.language.model")
    for argv in (["--help"], ["check", "--help"]):
        out = subprocess.run([sys.executable, "-c", _probe(argv, names)], capture_output=True, text=True, env=env)
        assert "Usage" in out.stdout, out.stderr
        assert out.stdout.strip().splitlines()[-1] == "[] True", (argv, out.stderr)


def test_a_yaml_log_and_an_instance_still_import_yaml(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    log = ROOT / "examples" / "001_emplois_avenir_paris" / "breaches.yaml"
    rules = ROOT / "rules" / "001_emplois_avenir_paris.clauses"
    out = subprocess.run([sys.executable, "-c", _probe(["check", str(rules), str(log), "--as-of", "2016-01-15"],
                                                         ("yaml",))], capture_output=True, text=True, env=env)
    assert "BREACH" in out.stdout.upper() and out.stdout.strip().splitlines()[-1] == "['yaml'] True", out.stderr


def test_the_command_holds_the_collector_from_its_first_import(tmp_path):
    """The ``clauses`` script (``clauses.__main__:main``): no collector pass from the hold (the first thing
    it does) until the command line is imported, and the collector running again once the command is done."""
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["clauses"] == "clauses.__main__:main"
    probe = ("import gc, sys\n"
             "early = []\n"
             "gc.callbacks.append(lambda phase, info: phase == 'start' and early.append(\n"
             "    hasattr(sys.modules.get('clauses.gcpause'), 'hold')\n"
             "    and not hasattr(sys.modules.get('clauses.cli'), 'main')))\n"
             "sys.argv = ['clauses', '--version']\n"
             "from clauses.__main__ import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(any(early), gc.isenabled())\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path)))
    assert out.stdout.split()[-2:] == ["False", "True"], out.stderr


def test_a_manifest_is_still_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'p'\n", encoding="utf-8")
    (tmp_path / "a.clauses").write_text("langue fr.\n", encoding="utf-8")
    (tmp_path / "a.csv").write_text("date,event,party\n", encoding="utf-8")
    (tmp_path / "portfolio.yaml").write_text(
        "as_of: 2022-03-01\nconventions:\n  - rules: a.clauses\n    logs: [a.csv]\n", encoding="utf-8")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    probe = _probe(["check", str(tmp_path / "portfolio.yaml")], ("clauses.manifest", "yaml"))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "['clauses.manifest', 'yaml'] True", out.stderr


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "--help"], ["rules"], ["check", "nowhere"]])
def test_main_gives_the_collector_back_whatever_the_command(argv, capsys):
    from clauses.cli import main

    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(argv)
    assert gc.isenabled()


def test_hold_leaves_a_collector_the_caller_disabled_alone():
    gc.disable()
    try:
        gcpause.hold()
        gcpause.release()
        assert not gc.isenabled()
    finally:
        gc.enable()
    gcpause.hold()
    assert not gc.isenabled()
    with gcpause.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()          # a pause inside the hold does not end it
    gcpause.release()
    assert gc.isenabled()
    gcpause.release()                  # a second release is nothing
    assert gc.isenabled()


def test_a_paused_function_keeps_its_name_and_is_reentrant():
    @gcpause.paused()
    def countdown(n: int) -> list[bool]:
        """Doc."""
        return [gc.isenabled()] + (countdown(n - 1) if n else [])

    assert gc.isenabled()
    assert countdown(3) == [False] * 4 and gc.isenabled()   # the inner calls do not end the outer pause
    assert (countdown.__name__, countdown.__doc__, countdown.__wrapped__.__name__) == ("countdown", "Doc.", "countdown")

    def fails() -> None:
        raise ValueError("no")

    import pytest

    with pytest.raises(ValueError):
        gcpause.paused()(fails)()
    assert gc.isenabled()                                   # an exception gives the collector back


def test_a_portfolio_runs_with_the_collector(tmp_path, monkeypatch):
    """More than one entry: the collector runs again before the entries are checked."""
    import datetime as dt

    from clauses import checking

    seen = []
    monkeypatch.setattr(checking, "run", lambda entries, *a: seen.append(gc.isenabled()) or [])
    for name in ("a", "b"):
        (tmp_path / f"{name}.clauses").write_text("langue fr.\n", encoding="utf-8")
        (tmp_path / f"{name}.csv").write_text("date,event,party\n", encoding="utf-8")
    gcpause.hold()
    try:
        checking.gather(tmp_path, [], dt.date(2022, 3, 1), 60, int)
    finally:
        gcpause.release()
    assert seen == [True]


def test_a_second_portfolio_run_serves_every_rules_file_from_the_cache(tmp_path):
    """`clauses check FOLDER` keeps loaded rules on disk as `clauses check RULES LOG` does: the second
    run over unchanged rules neither parses them nor imports the parser."""
    import shutil

    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    (tmp_path / "p").mkdir()
    for name in ("a", "b"):
        shutil.copy(RULES, tmp_path / "p" / f"{name}.clauses")
        shutil.copy(LOG, tmp_path / "p" / f"{name}.csv")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    probe = _probe(["check", str(tmp_path / "p"), "--as-of", "2022-03-01"], ("lark", "clauses.language.parser"))
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert first.stdout.strip().splitlines()[-1] == "['clauses.language.parser', 'lark'] True", first.stderr
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert second.stdout.strip().splitlines()[-1] == "[] True", second.stderr
    assert first.stdout.splitlines()[:-1] == second.stdout.splitlines()[:-1]
