"""The on-disk caches (lint results, loaded rules): a result is reused only while everything it depends on is unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clauses import cache as cache_mod
from clauses.cache import LintCache
from clauses.lint.config import Config
from clauses.lint.pipeline import lint_files

ROOT = Path(__file__).resolve().parents[1]


def _project(tmp_path: Path) -> list[Path]:
    (tmp_path / "rules").mkdir()
    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    files = []
    for rules in sorted((ROOT / "rules").glob("*.clauses")):
        target = tmp_path / "rules" / rules.name
        target.write_text(rules.read_text(encoding="utf-8"), encoding="utf-8")
        files.append(target)
    return files


def _render(results) -> list[tuple]:
    """Everything a report is made of: paths, sources, diagnostics, suppressions."""
    return [(r.path, r.loaded.source.text if r.loaded.source else None, [d.to_json() for d in r.diagnostics],
             [(s.diagnostic.to_json(), s.reason) for s in r.suppressed]) for r in results]


def test_second_run_is_served_from_the_cache_with_identical_results(tmp_path):
    files = _project(tmp_path)
    cache = LintCache.open(Config(), tmp_path / "cache")
    first = lint_files(files, Config(), cache)
    assert (cache.hits, cache.misses) == (0, len(files))
    again = LintCache.open(Config(), tmp_path / "cache")
    second = lint_files(files, Config(), again)
    assert (again.hits, again.misses) == (len(files), 0)
    assert _render(second) == _render(first) == _render(lint_files(files, Config()))
    assert any(r.diagnostics for r in second)  # the seeds have warnings: the comparison is not vacuous


def test_an_edited_file_is_linted_again_and_only_it(tmp_path):
    files = _project(tmp_path)
    lint_files(files, Config(), LintCache.open(Config(), tmp_path / "cache"))
    edited = files[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nnimporte quoi\n", encoding="utf-8")
    cache = LintCache.open(Config(), tmp_path / "cache")
    results = lint_files(files, Config(), cache)
    assert (cache.hits, cache.misses) == (len(files) - 1, 1)
    assert any(d.code.startswith("S") for d in results[0].diagnostics)


def test_a_changed_convention_text_invalidates_the_files_citing_it(tmp_path):
    files = _project(tmp_path)
    lint_files(files, Config(), LintCache.open(Config(), tmp_path / "cache"))
    text = tmp_path / "conventions" / "002_soliha_mta_croix.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nARTICLE XX – AJOUT\n", encoding="utf-8")
    cache = LintCache.open(Config(), tmp_path / "cache")
    lint_files(files, Config(), cache)
    assert cache.misses == 1 and cache.hits == len(files) - 1


def test_a_changed_series_file_invalidates_the_files_reading_it(tmp_path):
    """A published series' file is read while loading (each bad row is V040): lint results and loaded
    rules depend on it as on the convention text."""
    from clauses.cache import RulesCache, load_cached

    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    (tmp_path / "series").mkdir()
    series = tmp_path / "series" / "taux.csv"
    series.write_text('du,au,autres_cas,source\n2026-01-01,2026-06-30,"2,62",arrêté\n', encoding="utf-8")
    rules = tmp_path / "rules" / "loyer.clauses"
    rules.parent.mkdir()
    rules.write_text('langue fr.\nconvention "Loyer" signée à "Lyon" le 2025-12-15.\n'
                     'partie propriétaire "Propriétaire".\npartie utilisateur "Utilisateur".\n'
                     'événement paiement_loyer "paiement du loyer".\n'
                     'série taux "Taux" fichier "../series/taux.csv".\n'
                     'durée article 1 : du 2026-01-01 au 2034-12-31.\n'
                     'obligation loyer article 11 :\n  utilisateur doit paiement_loyer envers propriétaire\n'
                     '  au plus tard 2026-03-31\n  montant 12 000 €\n  intérêts au taux de taux.autres_cas.\n',
                     encoding="utf-8")
    codes = lambda results: [d.code for r in results for d in r.diagnostics]  # noqa: E731
    first = lint_files([rules], Config(), LintCache.open(Config(), tmp_path / "cache"))
    assert "V040" not in codes(first)
    assert load_cached(rules, RulesCache.open("rules", tmp_path / "rules-cache")).ok
    series.write_text(series.read_text(encoding="utf-8") + "2026-02-30,2026-06-30,1,x\n", encoding="utf-8")
    cache = LintCache.open(Config(), tmp_path / "cache")
    assert "V040" in codes(lint_files([rules], Config(), cache)) and cache.misses == 1
    rules_cache = RulesCache.open("rules", tmp_path / "rules-cache")
    assert not load_cached(rules, rules_cache).ok and rules_cache.hits == 0


def test_configuration_and_code_are_part_of_the_key(tmp_path, monkeypatch):
    files = _project(tmp_path)
    lint_files(files, Config(), LintCache.open(Config(), tmp_path / "cache"))
    narrow = Config().with_cli(["T"], None)
    cache = LintCache.open(narrow, tmp_path / "cache")
    results = lint_files(files, narrow, cache)
    assert cache.hits == 0
    assert all(d.code.startswith(("T", "F", "S")) for r in results for d in r.diagnostics)
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "another version of clauses")
    upgraded = LintCache.open(Config(), tmp_path / "cache")
    lint_files(files, Config(), upgraded)
    assert upgraded.hits == 0


def test_the_code_fingerprint_follows_every_file_of_the_package_but_compiled_ones():
    import os

    package = Path(cache_mod.__file__).parent
    module = package / "language" / "keywords.py"
    before = cache_mod.code_fingerprint.__wrapped__()
    assert cache_mod.code_fingerprint.__wrapped__() == before
    st = module.stat()
    try:
        os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))   # an edit, deep in a sub-package
        assert cache_mod.code_fingerprint.__wrapped__() != before
    finally:
        os.utime(module, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert cache_mod.code_fingerprint.__wrapped__() == before
    compiled = package / "language" / "__pycache__" / "probe.cpython-311.pyc"
    compiled.parent.mkdir(exist_ok=True)
    try:
        compiled.write_bytes(b"")                       # byte-compiling is not an edit
        assert cache_mod.code_fingerprint.__wrapped__() == before
    finally:
        compiled.unlink()


def test_a_file_whose_text_is_missing_is_never_cached(tmp_path):
    files = _project(tmp_path)
    shutil.rmtree(tmp_path / "conventions")
    lint_files(files, Config(), LintCache.open(Config(), tmp_path / "cache"))
    cache = LintCache.open(Config(), tmp_path / "cache")
    lint_files(files, Config(), cache)
    assert cache.hits == 0  # restoring the texts must change the results, so nothing was kept


def test_corrupt_entries_are_misses_and_an_unwritable_folder_turns_the_cache_off(tmp_path):
    files = _project(tmp_path)[:2]
    folder = tmp_path / "cache"
    expected = _render(lint_files(files, Config(), LintCache.open(Config(), folder)))
    for entry in folder.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"not a pickle")
    cache = LintCache.open(Config(), folder)
    assert _render(lint_files(files, Config(), cache)) == expected and cache.hits == 0
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert LintCache.open(Config(), blocker / "sub") is None


def test_cli_no_cache_gives_the_same_report(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from clauses.cli import app

    files = _project(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    outputs = [runner.invoke(app, ["lint", *args, "rules"]) for args in ([], [], ["--no-cache"])]
    assert len({(o.exit_code, o.output) for o in outputs}) == 1
    assert (tmp_path / "xdg" / "clauses" / "lint").is_dir()
    assert len(files) > 1


# ---------------------------------------------------------------------------- loaded rules (check)
def test_loaded_rules_are_served_from_the_cache_while_file_and_text_are_unchanged(tmp_path):
    from clauses.cache import RulesCache, load_cached
    from clauses.language.load import load

    files = _project(tmp_path)
    rules = next(f for f in files if f.name.startswith("004"))
    cache = RulesCache.open("context", tmp_path / "rc")
    first = load_cached(rules, cache)
    second = load_cached(rules, cache)
    assert (cache.hits, cache.misses) == (1, 1)
    fresh = load(rules)
    assert second.convention.model_dump() == fresh.convention.model_dump() == first.convention.model_dump()
    assert second.text.text == fresh.text.text and second.diagnostics == fresh.diagnostics
    assert [c.span for c in second.convention.clauses] == [c.span for c in fresh.convention.clauses]
    text = tmp_path / "conventions" / "004_groupement_mons_en_baroeul.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\nAnnexe 3\n", encoding="utf-8")
    assert load_cached(rules, cache).text.text.endswith("Annexe 3\n") and cache.misses == 2
    rules.write_text(rules.read_text(encoding="utf-8").replace("31,61 %", "31,62 %"), encoding="utf-8")
    assert "31.62" in str(load_cached(rules, cache).convention.model_dump()) and cache.misses == 3


def test_rules_with_errors_are_never_cached(tmp_path):
    from clauses.cache import RulesCache, load_cached

    broken = tmp_path / "broken.clauses"
    broken.write_text("langue fr.\nconvention \"x\".\npartie a \"A\".\nobligation o : b doit y.\n", encoding="utf-8")
    cache = RulesCache.open("context", tmp_path / "rc")
    for _ in range(2):
        assert not load_cached(broken, cache).ok
    assert cache.hits == 0


def test_check_agenda_and_report_reuse_loaded_rules_unless_no_cache(tmp_path, monkeypatch):
    """`clauses check` keeps the loaded rules on disk (issue 12): the second run reads them from the
    cache and prints the same bytes; `--no-cache` neither reads nor writes an entry."""
    from typer.testing import CliRunner

    from clauses.cli import app

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    rules, log = "rules/000_pisco_manosque.clauses", "examples/000_pisco_manosque/breaches.csv"
    folder = tmp_path / "xdg" / "clauses" / "rules"

    def entries() -> list[Path]:
        return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    runner = CliRunner()
    args = ["check", rules, log, "--as-of", "2022-03-01", "--format", "json"]
    uncached = runner.invoke(app, [*args, "--no-cache"])
    assert entries() == []
    first = runner.invoke(app, args)
    assert len(entries()) == 1
    second = runner.invoke(app, args)
    assert len(entries()) == 1
    assert uncached.exit_code == first.exit_code == second.exit_code == 1
    assert uncached.stdout == first.stdout == second.stdout
    for command in (["agenda", rules, log, "--as-of", "2022-03-01", "--no-cache"],
                    ["report", rules, log, "--as-of", "2022-03-01", "-o", str(tmp_path / "d.html"), "--no-cache"]):
        assert runner.invoke(app, command).exit_code == 1
    assert len(entries()) == 1


def test_a_signed_instance_is_loaded_again_each_time(tmp_path, monkeypatch):
    """An instance depends on its template, which the cache does not track: never cached."""
    from typer.testing import CliRunner

    from clauses.cli import app

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = "examples/006_convention_stage_iut"
    result = CliRunner().invoke(app, ["check", f"{folder}/stage_2026.instance.yaml", f"{folder}/log.csv",
                                      "--as-of", "2026-06-30"])
    assert result.exit_code == 1
    assert not (tmp_path / "xdg" / "clauses" / "rules").exists() or not any(
        p.is_file() for p in (tmp_path / "xdg" / "clauses" / "rules").rglob("*"))
