"""The command line's help in the reader's language, from the one message catalogue.

typer builds each command's help when the app runs, from the strings given to
``typer.Option(help=…)``, ``typer.Argument(help=…)`` and the commands' docstrings,
all written in English in :mod:`clauses.cli`. Before the app parses its
arguments, :class:`LocalizedGroup` (the app's click group) picks the language —
``--lang`` anywhere on the command line, else the ``langue`` of a clause file named
on it, else the locale (:func:`clauses.output.catalogue.choose_language`) — and
replaces every help text of the command tree by its translation in
``locales/<lang>/LC_MESSAGES/clauses.po`` (the msgid is the English help text,
exactly as written). typer's own words (panel titles, ``[default: …]``,
``[required]``, the help option) are translated here too, and click's and typer's
messages (usage errors) through :mod:`clauses.output.cliwords`.

``tests/test_cli_help.py`` fails on a help text with no French translation.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping, Sequence

import typer
from typer.core import TyperGroup

from clauses.output.catalogue import LANGUAGES, choose_language, language_statement, translate
from clauses.output.cliwords import install as install_words, localize_message, usage, when_imported

if TYPE_CHECKING:   # typer runs on its own bundled click (>= 0.20): the package is named for type checkers
    import click

#: typer's words (typer.rich_utils, English as typer writes them), translated by the catalogue
TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "DEFAULT_STRING": "[default: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ABORTED_TEXT": "Aborted.",
    "DEPRECATED_STRING": "(deprecated) ",
    "ENVVAR_STRING": "[env var: {}]",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
}
HELP_OPTION = "Show this message and exit."


def _rules_language(args: Sequence[str]) -> str | None:
    """The ``langue`` of the first clause file named in ``args`` (a quick look at its text)."""
    for arg in args:
        if not arg.endswith(".clauses"):
            continue
        try:
            path = Path(arg)
            if path.is_file() and path.stat().st_size < 1_000_000:
                return language_statement(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return None
    return None


def help_language(args: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of the help: ``--lang X`` / ``--lang=X``, else a named clause file's ``langue``,
    else the locale."""
    option = None
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            option = args[index + 1]
        elif arg.startswith("--lang="):
            option = arg.split("=", 1)[1]
    return choose_language(option if option in LANGUAGES else None, _rules_language(args),
                           os.environ if environ is None else environ)


def help_texts(command: click.Command) -> Iterator[str]:
    """Every help text of ``command`` and its subcommands (what the catalogue must translate)."""
    if command.help:
        yield command.help
    if command.short_help:
        yield command.short_help
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield text
    for sub in getattr(command, "commands", {}).values():
        yield from help_texts(sub)


def _text(text: str | None, lang: str) -> str | None:
    return (translate(text, lang) or text) if text else text


def _localize(command: click.Command, lang: str) -> None:
    original = command.__dict__.setdefault("_clauses_help", (command.help, command.short_help))
    command.help, command.short_help = (_text(t, lang) for t in original)
    for param in command.params:
        if hasattr(param, "help"):
            saved = param.__dict__.setdefault("_clauses_help", param.help)
            param.help = _text(saved, lang)
    command._help_option = None   # click caches the help option: rebuild it in ``lang``
    base = type(command).get_help_option

    def get_help_option(ctx: click.Context, _base: Any = base, _command: click.Command = command):
        option = _base(_command, ctx)
        if option is not None:
            option.help = _text(HELP_OPTION, lang)
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]
    base_usage = type(command).get_usage

    def get_usage(ctx: click.Context, _base: Any = base_usage, _command: click.Command = command) -> str:
        return usage(_base(_command, ctx), lang)

    command.get_usage = get_usage  # type: ignore[method-assign]
    for sub in getattr(command, "commands", {}).values():
        _localize(sub, lang)


#: what ``typer.rich_utils`` imports and this app's help never uses: the module and the class. Markdown
#: (markdown-it: about a third of ``clauses --help``) serves typer's Markdown markup mode; Traceback (rich's
#: pretty printer and pygments: about a quarter) its pretty exceptions, which the app turns off
_UNUSED_BY_HELP = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


def _stand_in(module: str, name: str) -> type:
    """A class standing for ``module.name``: making one, or reading any of its attributes
    (``Traceback.from_exception``), imports the real module and hands over to the real class."""

    def real() -> Any:
        import importlib
        import sys

        if getattr(sys.modules.get(module), "__stand_in__", False):
            del sys.modules[module]
        return getattr(importlib.import_module(module), name)

    class Meta(type):
        def __getattr__(cls, attribute: str) -> Any:
            return getattr(real(), attribute)

    def new(cls: type, *args: Any, **kwargs: Any) -> Any:
        return real()(*args, **kwargs)

    return Meta(name, (), {"__new__": new, "__module__": module, "__doc__": f"stands for {module}.{name}"})


@contextmanager
def _without_unused_modules() -> Iterator[None]:
    """While ``typer.rich_utils`` is imported: stand-ins (:func:`_stand_in`) for the modules of
    :data:`_UNUSED_BY_HELP` not imported yet; any later import gets the real modules."""
    import sys
    import types

    placed = {}
    for module, name in _UNUSED_BY_HELP.items():
        if module not in sys.modules:
            stand_in = types.ModuleType(module)
            stand_in.__stand_in__ = True  # type: ignore[attr-defined]
            setattr(stand_in, name, _stand_in(module, name))
            placed[module] = sys.modules[module] = stand_in
    try:
        yield
    finally:
        for module, stand_in in placed.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


def _set_words(rich_utils: Any, lang: str) -> None:
    for name, english in TYPER_WORDS.items():
        setattr(rich_utils, name, _text(english, lang))


def localize(command: click.Command, lang: str) -> None:
    """Give ``command`` (and its subcommands) their help in ``lang``."""
    # typer imports typer.rich_utils (rich's console, traceback and pretty printer: a fifth of a cached
    # ``clauses check``) only to show a help or an error: its words are set when that happens
    when_imported("typer.rich_utils", "typer words", lambda module: _set_words(module, lang), _without_unused_modules)
    _localize(command, lang)


#: the usage errors' base class, of the click typer runs on (its own bundled copy since typer 0.20)
ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


@contextmanager
def _errors_in(lang: str) -> Iterator[None]:
    """A usage error raised inside shows its message in ``lang`` (click formats it when it is shown,
    after this group has returned: the exception's own ``format_message`` is wrapped)."""
    try:
        yield
    except ClickException as err:
        if lang != "en" and "format_message" not in err.__dict__:
            err.message = localize_message(err.message, lang)   # a command's own Message, typer's words
            english = err.format_message
            err.format_message = lambda: localize_message(english(), lang)  # type: ignore[method-assign]
            err.show = lambda file=None, _err=err: _show(_err, lang, file)  # type: ignore[method-assign]
        raise


def _show(err: Any, lang: str, file: Any = None) -> None:
    """What click's ``show`` prints (when rich is absent), in ``lang``."""
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        lines = [ctx.get_usage()]
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(_text("Try '{command} {option}' for help.", lang).format(
                command=ctx.command_path, option=ctx.help_option_names[0]))
        typer.echo("\n".join(lines) + "\n", err=file is None, file=file)
    typer.echo(_text("Error: {message}", lang).format(message=err.format_message()), err=file is None, file=file)


#: the language :class:`LocalizedGroup` chose for this run (None before the app runs)
_run_language: str | None = None


def run_language() -> str:
    """The language of this run's messages: the one the app chose for its help and usage errors
    (``--lang``, else the ``langue`` of a clause file named, else the locale); the locale's before."""
    return _run_language or choose_language(None)


class LocalizedGroup(TyperGroup):
    """The app's group: before parsing the arguments, gives the help of the whole tree and click's and
    typer's own messages (usage errors) in the language of the run; the exit codes stay click's
    (2 for a usage error)."""

    _clauses_lang = "en"

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        import sys

        from clauses.output.cliparams import install as install_params

        global _run_language

        install_params()   # the plain parameters coerced without pydantic adapters (start-up time)
        self._clauses_lang = _run_language = help_language(list(sys.argv[1:] if args is None else args))
        localize(self, self._clauses_lang)
        install_words(self._clauses_lang)
        return super().main(args, *rest, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _errors_in(self._clauses_lang):
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _errors_in(self._clauses_lang):
            return super().invoke(ctx)
