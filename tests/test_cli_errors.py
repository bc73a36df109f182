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


# --------------------------------------------------------------------------- the commands' own messages

MESSY = 'langue fr.\npartie a  "A".'          # valid, not laid out as `clauses fmt` lays it out
BROKEN = 'langue fr.\npartie a "A"\n'         # a statement without its full stop
NEUTRAL = 'convention "X" signée à "Lieu" le 2020-01-01.\n\npartie a "A".\n'   # no `langue`: the locale or --lang


def _project(tmp_path: Path) -> Path:
    """A folder with no pyproject.toml above it that matters: clause files, a log, a bad configuration."""
    (tmp_path / "messy.clauses").write_text(MESSY, encoding="utf-8")
    (tmp_path / "broken.clauses").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "neutral.clauses").write_text(NEUTRAL, encoding="utf-8")
    (tmp_path / "log.csv").write_text("date,event\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.toml").write_text("select = [\n", encoding="utf-8")
    (tmp_path / "keys.toml").write_text("selct = [\"T\"]\n", encoding="utf-8")
    return tmp_path


#: (arguments, exit code, French expected, English expected): a `clauses: …` message of a command
COMMAND_MESSAGES = [
    (["rules", "X999"], 2, "clauses : code inconnu `X999` ; `clauses rules` liste tous les codes",
     "clauses: unknown code `X999`; `clauses rules` lists every code"),
    (["lint", "--statistics", "-f", "sarif", "neutral.clauses"], 2,
     "clauses : --statistics s'emploie avec --format text, concise ou json, pas sarif",
     "clauses: --statistics works with --format text, concise or json, not sarif"),
    (["lint", "missing.clauses"], 2, "clauses : missing.clauses : fichier ou dossier introuvable",
     "clauses: missing.clauses: no such file or directory"),
    (["lint", "empty"], 2, "clauses : aucun fichier *.clauses dans les chemins donnés",
     "clauses: no *.clauses file found in the paths given"),
    (["lint"], 2, "clauses : aucun chemin donné : nommez des fichiers ou des dossiers",
     "clauses: no paths given: name files or folders"),
    (["lint", "--config", "bad.toml", "neutral.clauses"], 2, "clauses : bad.toml : TOML invalide :",
     "clauses: bad.toml: not valid TOML:"),
    (["lint", "--config", "keys.toml", "neutral.clauses"], 2,
     "clauses : keys.toml : clé inconnue `selct` dans [tool.clauses] ; clés connues :",
     "clauses: keys.toml: unknown key `selct` in [tool.clauses]; known keys:"),
    (["lint", "--config", "none.toml", "neutral.clauses"], 2, "clauses : none.toml : fichier de configuration introuvable",
     "clauses: none.toml: configuration file not found"),
    (["check", "neutral.clauses", "nolog.csv"], 2, "clauses : le journal nolog.csv est inutilisable : rien n'a été vérifié",
     "clauses: the event log nolog.csv cannot be used: nothing was checked"),
    (["check", "broken.clauses", "log.csv"], 2,
     "clauses : broken.clauses comporte des erreurs : corrigez-les d'abord (`clauses lint broken.clauses`)",
     "clauses: broken.clauses has errors: fix them first (`clauses lint broken.clauses`)"),
    (["check", "neutral.clauses", "log.csv", "-o", "empty/no/such/folder.txt"], 2,
     "clauses : impossible d'écrire empty/no/such/folder.txt :", "clauses: cannot write empty/no/such/folder.txt:"),
    (["graph", "neutral.clauses", "--party", "zz"], 2, "clauses : partie `zz` inconnue dans neutral.clauses",
     "clauses: unknown party `zz` in neutral.clauses"),
    (["graph", "neutral.clauses", "--article", "99"], 2, "clauses : article `99` inconnu dans neutral.clauses",
     "clauses: unknown article `99` in neutral.clauses"),
    (["fmt", "--check", "neutral.clauses", "messy.clauses"], 1,
     "reformaterait messy.clauses\n1 fichier serait reformaté, 1 déjà formaté",
     "would reformat messy.clauses\n1 file would be reformatted, 1 already formatted"),
    (["fmt", "neutral.clauses", "broken.clauses"], 2,
     "clauses : broken.clauses a des erreurs de syntaxe : corrigez-les d'abord (`clauses lint broken.clauses`)\n"
     "0 fichier remis en forme, 1 inchangé, 1 non formaté (erreurs)",
     "clauses: broken.clauses has syntax errors: fix them first (`clauses lint broken.clauses`)\n"
     "0 files reformatted, 1 left unchanged, 1 not formatted (errors)"),
    (["fmt", "missing.clauses"], 2, "clauses : missing.clauses : fichier ou dossier introuvable",
     "clauses: missing.clauses: no such file or directory"),
    (["fmt", "empty"], 2, "clauses : aucun fichier *.clauses dans les chemins donnés",
     "clauses: no *.clauses file found in the paths given"),
    (["fmt"], 2, "clauses : aucun chemin donné", "clauses: no paths given"),
    (["test", "missing.scenario.yaml"], 2, "clauses : missing.scenario.yaml : fichier ou dossier introuvable",
     "clauses: missing.scenario.yaml: no such file or directory"),
]


def _invoke(args: list[str], lang: str | None, env: dict[str, str]):
    where = 1 if args[0] in ("lint", "check", "graph", "fmt", "rules") else None
    full = args if lang is None or where is None else [*args[:where], "--lang", lang, *args[where:]]
    return runner.invoke(app, full, env=env, prog_name="clauses")


@pytest.mark.parametrize("args, code, french, english", COMMAND_MESSAGES, ids=[" ".join(m[0]) for m in COMMAND_MESSAGES])
def test_the_commands_messages_in_french_and_english(args, code, french, english, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_project(tmp_path))
    if args[0] == "test":   # no --lang: the locale decides
        fr, en = _invoke(args, None, FRENCH), _invoke(args, None, ENGLISH)
    else:                   # --lang against the other locale
        fr, en = _invoke(args, "fr", ENGLISH), _invoke(args, "en", FRENCH)
    assert fr.exit_code == en.exit_code == code, (fr.output, en.output)
    assert french in fr.stderr, fr.stderr
    assert english in en.stderr, en.stderr
    assert "Traceback" not in fr.output + en.output


def test_a_diagnostic_before_a_commands_message_is_in_its_language_too(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_project(tmp_path))
    fr, en = _invoke(["fmt", "broken.clauses"], "fr", ENGLISH), _invoke(["fmt", "broken.clauses"], "en", FRENCH)
    assert "erreur[S" in fr.stderr and "error[S" not in fr.stderr, fr.stderr
    assert "error[S" in en.stderr, en.stderr


@pytest.mark.parametrize("env, args, french", [
    (ENGLISH, ["fmt", "--check", "messy.clauses"], True),          # its `langue fr.`
    (FRENCH, ["fmt", "--check", "neutral.clauses", "messy.clauses"], True),   # the first file has no langue: the locale
    (ENGLISH, ["fmt", "--check", "neutral.clauses", "messy.clauses"], False),
    (FRENCH, ["fmt", "--check", "--lang", "en", "messy.clauses"], False),
])
def test_the_language_of_fmt_is_chosen_like_every_message(env, args, french, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(_project(tmp_path))
    result = runner.invoke(app, args, env=env, prog_name="clauses")
    assert result.exit_code == 1, result.output
    assert ("reformaterait messy.clauses" in result.stderr) == french, result.stderr
    assert ("would reformat messy.clauses" in result.stderr) == (not french), result.stderr


def test_an_internal_error_is_one_line_in_the_language_of_the_command_line(monkeypatch, capsys) -> None:
    import clauses.cli as cli

    def fail(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "app", fail)
    for args, expected in ((["check", "--lang", "fr", "x"], "clauses : erreur interne : RuntimeError : boom\n"
                                                            "clauses : merci de le signaler"),
                           (["check", "--lang", "en", "x"], "clauses: internal error: RuntimeError: boom\n"
                                                            "clauses: please report this")):
        with pytest.raises(SystemExit) as exit_:
            cli.main(args)
        assert exit_.value.code == 3 and expected in capsys.readouterr().err


#: the calls that put a sentence on a terminal: what they are given must come from the catalogue
_PRINTERS = {"echo", "write", "_say", "secho"}
#: exceptions whose message `clauses: …` shows: built from the catalogue, never from an f-string
_MESSAGE_ERRORS = {"ConfigError", "UsageError", "FormatError", "GraphvizMissing", "BadParameter", "_config_error"}


#: the calls that look a sentence up in the catalogue (clihelp's `_text` for click's frames)
_CATALOGUE_CALLS = {"trn", "tr", "_text", "_", "ngettext"}


def _sentences(node) -> list[str]:
    """The English words written straight into an expression (string literals, f-strings), outside tr()."""
    import ast

    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _CATALOGUE_CALLS:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[A-Za-z]{2,}", node.value) else []
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)] if any(isinstance(v, ast.Constant) and re.search(r"[A-Za-z]{2,}", v.value)
                                          for v in node.values) else []
    import itertools

    return list(itertools.chain.from_iterable(_sentences(child) for child in ast.iter_child_nodes(node)))


def _untranslated(path: Path) -> list[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        to_stderr = name in _PRINTERS and (name == "_say" or any(k.arg == "err" for k in node.keywords)
                                           or "stderr" in ast.unparse(node.func))
        if to_stderr or name in _MESSAGE_ERRORS:
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {text}" for text in _sentences(node.args[0])]
    return found


def test_every_message_of_the_command_line_goes_through_the_catalogue() -> None:
    # a sentence written in an f-string never reaches the catalogue, so the completeness test of
    # tests/test_i18n.py cannot see it: the command line and the errors it shows use tr() only
    sources = [ROOT / "src/clauses/cli.py", *sorted((ROOT / "src/clauses").rglob("*.py"))]
    found = sorted({line for path in sources for line in _untranslated(path)})
    assert not found, "messages written outside tr(), so never translated:\n" + "\n".join(found)


def test_the_guard_sees_an_untranslated_message(tmp_path) -> None:
    sample = ROOT / "tests" / "_sample_cli_for_guard.py"
    try:
        sample.write_text('import typer\ntyper.echo(f"clauses: cannot read {x}", err=True)\n'
                          'raise ConfigError("a bad table")\ntyper.echo(tr("fine {x}", x=1), err=True)\n'
                          'typer.echo(text, nl=False)\n', encoding="utf-8")
        assert [line.split(": ", 1)[1] for line in _untranslated(sample)] == [
            "f'clauses: cannot read {x}'", "a bad table"]
    finally:
        sample.unlink()
