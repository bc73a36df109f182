"""click's and typer's own messages — usage errors, `Usage:`, `Try … for help.` — in French and
English from the one catalogue (issue 14 item 1), chosen like every other message (`--lang`, else
the named rules file's `langue`, else the locale); the exit code of a usage error stays 2."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from typer.testing import CliRunner

from clauses.cli import app
from clauses.output import catalogue
from clauses.output.catalogue import placeholders
from clauses.output.cliwords import MODULES, UNMARKED, localize_message

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
ENGLISH = {"LANG": "C", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "100"}
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "COLUMNS": "100"}
RULES = "rules/000_pisco_manosque.clauses"   # `langue fr.`


def _library_messages() -> list[str | tuple[str, ...]]:
    """The gettext msgids of the library modules whose `_`/`ngettext` are bound to the catalogue."""
    found: list[str | tuple[str, ...]] = []
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found += [message for _line, message, _comments, _context in extract_from_file("python", module.__file__)]
    return found


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_every_library_message_has_a_french_translation() -> None:
    french = catalogue.catalogue("fr")
    _rule, plural = catalogue.plurals("fr")
    messages = _library_messages()
    assert len(messages) > 20     # typer's own, at least
    absent = sorted({str(m) for m in messages if (tuple(m) not in plural if isinstance(m, tuple) else m not in french)}
                    | {t for t in UNMARKED if t not in french})
    assert not absent, "click/typer messages with no French translation in clauses.po:\n" + "\n".join(absent)


def test_plural_translations_keep_their_placeholders_and_follow_the_french_rule() -> None:
    rule, plural = catalogue.plurals("fr")
    assert plural, "the catalogue holds click's plural messages"
    for (singular, many), forms in plural.items():
        assert {*placeholders(singular), *placeholders(many)} >= placeholders(forms[-1]), (singular, forms)
    assert (rule(0), rule(1), rule(2)) == (0, 0, 1)   # « 0 valeur », « 1 valeur », « 2 valeurs »
    assert catalogue.translate_plural("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.",
                                      3, "fr") == "L'option {name!r} attend {nargs} valeurs."
    assert catalogue.translate_plural("a", "b", 2, "en") == "b"


def test_unmarked_messages_are_recognised_with_their_fields_translated_in_turn() -> None:
    assert localize_message("Invalid value for '--lang': Value error, 'de' is not one of 'en', 'fr'.", "fr") == (
        "Valeur invalide pour '--lang' : 'de' n'est pas l'une des valeurs 'en', 'fr'.")
    assert localize_message("No such option: --bogus", "fr") == "Option inconnue : --bogus"
    assert localize_message("No such option: --bogus", "en") == "No such option: --bogus"
    assert localize_message("a message of no template", "fr") == "a message of no template"


#: (arguments, French expected, English expected): each a usage error, exit 2
ERRORS = [
    (["check", RULES, "--bogus"], "Option inconnue : --bogus", "No such option: --bogus"),
    (["check", "--lan", "x"], "Option inconnue : --lan (options possibles : --alarm, --explain, --lang)",
     "No such option: --lan (Possible options: --alarm, --explain, --lang)"),
    (["check"], "Argument manquant : 'rules'.", "Missing argument 'rules'."),
    (["lint", "--select"], "L'option '--select' attend une valeur.", "Option '--select' requires an argument."),
    (["lint", "--format", "nope"], "Valeur invalide pour '--format' / '-f' : 'nope' n'est pas l'une des valeurs",
     "Invalid value for '--format' / '-f': Value error, 'nope' is not one of"),
    (["check", RULES, "--alarm", "x"], "Valeur invalide pour '--alarm' : un nombre entier est attendu",
     "Invalid value for '--alarm': Input should be a valid integer"),
    (["check", RULES, "--alarm", "99999"], "la valeur doit être inférieure ou égale à 3650",
     "Input should be less than or equal to 3650"),
    (["check", RULES, "--as-of", "x"], "Valeur invalide : `x` n'est pas une date : écrivez AAAA-MM-JJ",
     "Invalid value: `x` is not a date: write YYYY-MM-DD"),
    (["check", RULES, "--alarm", "3"], "Valeur invalide pour --alarm : --alarm ne s'emploie qu'avec --format ics",
     "Invalid value for --alarm: --alarm works with --format ics"),
    (["nope"], "Commande inconnue : 'nope'.", "No such command 'nope'."),
]


@pytest.mark.parametrize("args, french, english", ERRORS, ids=[" ".join(e[0][::2]) for e in ERRORS])
def test_usage_errors_in_french_and_english(args, french, english, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    def run(lang: str, env: dict[str, str]):   # --lang against the other locale, where the command has it
        return runner.invoke(app, args if args == ["nope"] else [args[0], "--lang", lang, *args[1:]],
                             env=env if args == ["nope"] else (ENGLISH if env is FRENCH else FRENCH), prog_name="clauses")

    fr, en = run("fr", FRENCH), run("en", ENGLISH)
    assert fr.exit_code == en.exit_code == 2, (fr.output, en.output)
    fr_text, en_text = _plain(fr.output), _plain(en.output)
    assert french in fr_text, fr.output
    assert english in en_text, en.output
    assert "Erreur" in fr_text and "Error" not in fr_text and "Error" in en_text
    if "Usage" in en_text:     # not after a missing option value: click gives no usage line there
        assert "Utilisation : clauses" in fr_text and "Usage: clauses" in en_text
        assert "Essayez « clauses" in fr_text and "pour l'aide." in fr_text and "for help." in en_text


@pytest.mark.parametrize("env, lang_args, expected", [
    (ENGLISH, [], "Option inconnue"),              # the `langue fr.` of the rules file named
    (FRENCH, ["--lang", "en"], "No such option"),  # --lang first
])
def test_the_language_of_an_error_is_chosen_like_every_message(env, lang_args, expected, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["check", RULES, "--bogus", *lang_args], env=env)
    assert result.exit_code == 2 and expected in _plain(result.output), result.output


def test_without_rich_the_plain_error_is_translated_too(monkeypatch) -> None:
    import typer.core

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(typer.core, "HAS_RICH", False)
    result = runner.invoke(app, ["check", RULES, "--bogus", "--lang", "fr"], env=ENGLISH, prog_name="clauses")
    assert result.exit_code == 2
    text = _plain(result.output)
    assert "Utilisation : clauses check" in text and "Essayez « clauses check --help » pour l'aide." in text, text
    assert "Erreur : Option inconnue : --bogus" in text, text
