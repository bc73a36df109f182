"""The language of `clauses lint` (issue 14 item 1): `--lang`, else the linted file's `langue`,
else the locale; files of different languages each keep their own, the totals line follows the
language they share, else the locale (docs/reports.md, "Language of the command line")."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app

runner = CliRunner()
ENGLISH = {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "200"}
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "200"}
FR_FINDING = "S001 `blah` inattendu"
EN_FINDING = "S001 unexpected `blah`"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Two drafts with the same syntax error, one declaring `langue fr.`, one `language en.`, one neither."""
    out = {}
    for name, head in (("fr", "langue fr.\n\n"), ("en", "language en.\n\n"), ("none", "")):
        path = tmp_path / f"{name}.clauses"
        path.write_text(head + 'convention "x".\n\nblah blah\n', encoding="utf-8")
        out[name] = path
    return out


def _lint(paths, env, *options) -> str:
    result = runner.invoke(app, ["lint", *map(str, paths), "--no-cache", "--format", "concise", *options], env=env)
    assert result.exit_code == 1, result.output   # the syntax error: an error-level finding
    return result.output


@pytest.mark.parametrize("env", [ENGLISH, FRENCH], ids=["C", "fr_FR"])
def test_a_file_s_langue_chooses_when_no_lang_is_given(files, env) -> None:
    assert FR_FINDING in _lint([files["fr"]], env) and "1 fichier vérifié : 1 erreur" in _lint([files["fr"]], env)
    english = _lint([files["en"]], env)
    assert EN_FINDING in english and "1 file checked: 1 error" in english


@pytest.mark.parametrize("lang, finding, other", [("en", EN_FINDING, FR_FINDING), ("fr", FR_FINDING, EN_FINDING)])
def test_lang_comes_first(files, lang, finding, other) -> None:
    for env in (ENGLISH, FRENCH):
        text = _lint([files["fr"], files["en"]], env, "--lang", lang)
        assert text.count(finding) == 2 and other not in text, text


def test_without_langue_the_locale_chooses(files) -> None:
    assert FR_FINDING in _lint([files["none"]], FRENCH)
    assert EN_FINDING in _lint([files["none"]], ENGLISH)


@pytest.mark.parametrize("env, totals", [(ENGLISH, "2 files checked: 2 errors"),
                                         (FRENCH, "2 fichiers vérifiés : 2 erreurs")], ids=["C", "fr_FR"])
def test_files_of_different_languages_each_keep_theirs_and_the_totals_follow_the_locale(files, env, totals) -> None:
    text = _lint([files["fr"], files["en"]], env)
    lines = text.splitlines()
    assert any(line.startswith(str(files["fr"])) and FR_FINDING in line for line in lines), text
    assert any(line.startswith(str(files["en"])) and EN_FINDING in line for line in lines), text
    assert totals in text, text


def test_files_sharing_a_language_give_the_totals_in_it(files, tmp_path) -> None:
    second = tmp_path / "fr2.clauses"
    second.write_text(files["fr"].read_text(encoding="utf-8"), encoding="utf-8")
    assert "2 fichiers vérifiés : 2 erreurs" in _lint([files["fr"], second], ENGLISH)
