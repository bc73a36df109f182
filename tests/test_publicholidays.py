"""France's public holidays kept on disk (clauses.publicholidays): the same days and names as the
``holidays`` package, read back without importing it, and never a wrong day when the cache is absent,
damaged or cannot be written."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import holidays
import pytest

from clauses import publicholidays as ph

SUBDIVISIONS = (None, "57", "6AE")


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    ph.holidays_of.cache_clear()
    yield tmp_path / "clauses" / "holidays"
    ph.holidays_of.cache_clear()


def _package(subdivision: str | None):
    return holidays.country_holidays("FR", subdiv=subdivision, language="fr")


@pytest.mark.parametrize("subdivision", SUBDIVISIONS)
def test_every_day_of_the_table_is_the_packages(fresh, subdivision) -> None:
    ph.holidays_of(subdivision)                 # computes and writes
    ph.holidays_of.cache_clear()
    table = ph.holidays_of(subdivision)         # read back from disk
    package = _package(subdivision)
    day, seen = dt.date(ph.YEARS.start, 1, 1), 0
    while day.year < ph.YEARS.stop:
        expected = package.get(day)
        assert table.get(day) == (str(expected) if expected else None), day
        seen += expected is not None
        day += dt.timedelta(days=1)
    assert seen > 2000


def test_known_days(fresh) -> None:
    metropole, moselle = ph.holidays_of(None), ph.holidays_of("57")
    assert metropole.get(dt.date(2025, 12, 25)) == "Noël"
    assert metropole.get(dt.date(2025, 4, 21)) == "Lundi de Pâques"
    assert metropole.get(dt.date(2025, 12, 26)) is None and moselle.get(dt.date(2025, 12, 26)) == "Saint-Étienne"
    assert metropole.get(dt.date(2025, 4, 18)) is None and moselle.get(dt.date(2025, 4, 18)) == "Vendredi saint"
    assert metropole.get(dt.date(2025, 3, 3)) is None


def test_a_year_outside_the_table_is_asked_of_the_package(fresh) -> None:
    table = ph.holidays_of(None)
    for day in (dt.date(ph.YEARS.stop + 50, 12, 25), dt.date(ph.YEARS.stop + 50, 5, 1), dt.date(1850, 7, 14)):
        expected = _package(None).get(day)
        assert table.get(day) == (str(expected) if expected else None)


def test_a_damaged_file_is_worked_out_again(fresh) -> None:
    ph.holidays_of(None)
    (written,) = list(fresh.iterdir())
    written.write_bytes(b"\x00garbage")
    ph.holidays_of.cache_clear()
    assert ph.holidays_of(None).get(dt.date(2030, 11, 11)) == "Armistice"
    assert written.read_bytes() != b"\x00garbage"   # and written back


def test_a_cache_that_cannot_be_written_turns_itself_off(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    ph.holidays_of.cache_clear()
    try:
        assert ph.holidays_of(None).get(dt.date(2024, 8, 15)) == "Assomption"
    finally:
        ph.holidays_of.cache_clear()


def test_no_package_found_asks_the_package_day_by_day(fresh, monkeypatch) -> None:
    monkeypatch.setattr(ph, "package_fingerprint", lambda: None)
    assert ph.holidays_of(None).get(dt.date(2024, 5, 8)) == "Fête de la Victoire"
    assert not fresh.exists()


def test_the_key_follows_the_packages_files(tmp_path, monkeypatch) -> None:
    """An edited or upgraded ``holidays`` (another size or modification time of one of its files) is
    another key: the fingerprint is taken over a copy of the package, then over the copy edited."""
    import importlib.util
    import shutil

    source = Path(next(iter(importlib.util.find_spec("holidays").submodule_search_locations)))
    copy = tmp_path / "site" / "holidays"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    probe = ("import sys; sys.path.insert(0, sys.argv[1]); from clauses.publicholidays import package_fingerprint;"
             " import holidays, pathlib; assert pathlib.Path(holidays.__file__).parent == pathlib.Path(sys.argv[2]);"
             " print(package_fingerprint())")
    run = lambda: subprocess.run([sys.executable, "-c", probe, str(copy.parent), str(copy)], capture_output=True,
                                 text=True, check=True, env=dict(os.environ)).stdout.strip()
    before = run()
    france = copy / "countries" / "france.py"
    france.write_text(france.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert run() != before


def test_a_second_start_reads_the_table_without_importing_the_package(tmp_path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    probe = ("import sys, datetime; from clauses.timelimits import Calendar;"
             " c = Calendar.for_region('alsace-moselle');"
             " print(c.is_holiday(datetime.date(2026, 12, 26)), 'holidays' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert first.stdout.split() == ["Saint-Étienne", "True"], first.stderr
    assert second.stdout.split() == ["Saint-Étienne", "False"], second.stderr
