"""The command line's help and `clauses rules` in French and English, from the one catalogue
(issue 14 item 1): `--lang`, else the `langue` of a clause file named on the command line,
else the locale. Codes, option names and JSON never change with the language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from clauses.cli import app
from clauses.lint.pipeline import catalogue as rule_docs
from clauses.output import catalogue
from clauses.output.clihelp import HELP_OPTION, TYPER_WORDS, help_language, help_texts
from clauses.output.lint import FAMILIES

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
ENGLISH = {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "100"}
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "100"}
COMMANDS = sorted(typer.main.get_command(app).commands)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_every_help_text_and_rule_documentation_has_a_french_translation() -> None:
    french = catalogue.catalogue("fr")
    texts = [*help_texts(typer.main.get_command(app)), *TYPER_WORDS.values(), HELP_OPTION,
             *FAMILIES.values(), *(d.summary for d in rule_docs()), *(d.rationale for d in rule_docs() if d.rationale)]
    absent = sorted({t for t in texts if t not in french})
    assert not absent, ("help texts or rule summaries with no French translation; add them to "
                        "src/clauses/output/locales/fr/LC_MESSAGES/clauses.po:\n" + catalogue.po_stubs(
                            (t, "clauses/cli.py", 0) for t in absent))


@pytest.mark.parametrize("args, env, expected", [
    (["check", "--help", "--lang", "fr"], ENGLISH, "fr"),
    (["check", "--lang=en", "--help"], FRENCH, "en"),
    (["check", "rules/000_pisco_manosque.clauses", "--help"], ENGLISH, "fr"),   # its `langue fr.`
    (["check", "rules/en/000_pisco_manosque.clauses", "--help"], FRENCH, "en"),
    (["--help"], FRENCH, "fr"),
    (["--help"], ENGLISH, "en"),
    (["check", "--lang", "de", "--help"], FRENCH, "fr"),   # not a language: the locale's
])
def test_the_language_of_the_help(args, env, expected, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    if "rules/en/000_pisco_manosque.clauses" in args and not (ROOT / args[1]).exists():
        pytest.skip("no English rules file")
    assert help_language(args, env) == expected


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_help_reads_in_french_and_in_english(command: str | None) -> None:
    args = ([command] if command else []) + ["--help"]
    group = typer.main.get_command(app)
    has_lang = command is not None and any("--lang" in p.opts for p in group.commands[command].params)
    # with --lang against the other locale where the command has the option, else by the locale
    french = runner.invoke(app, [*args, "--lang", "fr"] if has_lang else args, env=ENGLISH if has_lang else FRENCH)
    english = runner.invoke(app, [*args, "--lang", "en"] if has_lang else args, env=FRENCH if has_lang else ENGLISH)
    assert french.exit_code == english.exit_code == 0, (french.output, english.output)
    fr, en = _plain(french.output), _plain(english.output)
    assert "Show this message and exit." in en and "Afficher ce message et quitter." in fr
    assert "Show this message" not in fr
    # the option names are the same in both languages
    assert re.findall(r"--[a-z][a-z-]+", fr) == re.findall(r"--[a-z][a-z-]+", en)
    if command in ("check", "report"):
        assert "Évaluer à cette date (AAAA-MM-JJ ; par défaut aujourd'hui)." in fr
        assert "Evaluate as of this date (YYYY-MM-DD; default today)." in en
        assert "[par défaut : 60d]" in fr and "[default: 60d]" in en


def test_rules_in_french_and_english_keep_their_codes() -> None:
    french = runner.invoke(app, ["rules", "--lang", "fr"], env=ENGLISH)
    english = runner.invoke(app, ["rules", "--lang", "en"], env=FRENCH)
    assert french.exit_code == english.exit_code == 0
    codes = re.compile(r"^  ([A-Z][0-9]{3}) ", re.M)
    assert codes.findall(french.output) == codes.findall(english.output) and len(codes.findall(english.output)) > 100
    assert "  B002  avertissement  un nombre pair de votants décide à la majorité simple" in french.output
    assert "  B002  warning  an even number of voters decide by simple majority" in english.output
    assert "B — votes et instances" in french.output and "B — votes and bodies" in english.output
    assert "E — journaux d'événements (signalé par `clauses check`)" in french.output
    explained = runner.invoke(app, ["rules", "T001", "--lang", "fr"], env=ENGLISH).output
    assert explained.startswith("T001 (") and "Pourquoi c'est important :" in explained and "Échoue :" in explained
    assert "Réglage : `ignore = [\"T001\"]`" in explained
    assert runner.invoke(app, ["rules", "T001"], env=FRENCH).output == explained   # the locale
    assert "Why it matters:" in runner.invoke(app, ["rules", "T001"], env=ENGLISH).output


def test_lint_summary_line_in_french() -> None:
    french = runner.invoke(app, ["lint", "rules/000_pisco_manosque.clauses", "--no-cache", "--lang", "fr"],
                           env=ENGLISH)
    assert re.search(r"^1 fichier vérifié : \d+ erreurs?, \d+ avertissements?$", french.output, re.M), \
        french.output
    english = runner.invoke(app, ["lint", "rules/000_pisco_manosque.clauses", "--no-cache", "--lang", "en"],
                            env=FRENCH)
    assert re.search(r"^1 file checked: \d+ errors?, \d+ warnings?$", english.output, re.M)
    annotations = runner.invoke(app, ["lint", "rules/000_pisco_manosque.clauses", "--no-cache", "-f", "github"],
                                env=FRENCH)
    assert "1 file checked" in annotations.output   # machine formats stay in English
