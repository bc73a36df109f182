"""click's and typer's own words — usage errors, ``Usage:``, ``Try … for help.`` — in the reader's language.

Two kinds of messages come from the libraries, both translated from the one catalogue
(``locales/<lang>/LC_MESSAGES/clauses.po``, where their English msgids sit beside the
project's own), in the language :class:`clauses.output.clihelp.LocalizedGroup` chose:

* **gettext-marked** messages: typer's (``No such command …``, ``default: …``) and, with a
  typer that runs on the ``click`` package (typer < 0.20), click's: their modules do
  ``from gettext import gettext as _`` (and ``ngettext``); :func:`install` binds those names,
  in the modules of :data:`MODULES`, to the catalogue.
* **unmarked** messages, English f-strings: the click that typer ≥ 0.20 bundles
  (``typer._click``: ``No such option: --x``, ``Missing argument 'RULES'.``,
  ``Invalid value for '--lang': …``) and pydantic's checks of option values
  (``Value error, 'x' is not one of 'en', 'fr'.``). :func:`localize_message` recognises the
  finished text by the English templates of :data:`UNMARKED` (each a msgid of the catalogue,
  ``{field}`` matching any text), translates it, and translates what each field holds in turn.
  A :class:`clauses.i18n.Message` given to ``typer.BadParameter`` by the commands is rendered in
  the chosen language the same way.

The usage line (``Usage:``) is translated by :func:`usage`. Exit codes are click's (2 for a
usage error). ``tests/test_cli_errors.py`` fails on a message with no French translation.
"""

from __future__ import annotations

import gettext
import importlib
import importlib.machinery
import importlib.util
import re
import string
import sys
from functools import lru_cache
from types import ModuleType
from typing import Any, Callable, ContextManager

from clauses.i18n import localized
from clauses.output.catalogue import translate, translate_plural

#: the modules whose gettext names are bound to the catalogue (those a run of the command line reaches)
MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.formatting",
           "click.decorators", "click.termui", "click.utils", "typer.core", "typer.rich_utils")

#: the finished English texts of messages that do not go through gettext (typer's bundled click,
#: pydantic), most specific first; a field matches any text, itself translated in turn
UNMARKED = (
    # the frames click puts around a message (exceptions.py: format_message)
    "Invalid value for {param}: {message}",
    "Invalid value: {message}",
    "Missing argument {param}. {message}",
    "Missing argument {param}.",
    "Missing option {param}. {message}",
    "Missing option {param}.",
    "Missing parameter {param}. {message}",
    "Missing parameter {param}.",
    "Missing parameter: {param}",
    "{message} (Possible options: {options})",
    "Could not open file {file}: {message}",
    # the messages (parser.py, core.py, typer's coercion, pydantic)
    "No such option: {option}",
    "Got unexpected extra argument(s) ({args})",
    "Argument {name} takes {count} values.",
    "Option {name} does not take a value.",
    "Option {name} requires an argument.",
    "Option {name} requires {count} arguments.",
    "Choose from:\n\t{choices}",
    "Value error, {value} is not one of {choices}.",
    "Value error, {message}",
    "Input should be a valid integer, unable to parse string as an integer",
    "Input should be less than or equal to {limit}",
    "Input should be greater than or equal to {limit}",
    "Value {value} is not a valid {label}.",
    "Value must be an iterable.",
    "unknown error",
)


def _gettext(lang: str) -> Callable[[str], str]:
    def gettext_(message: str) -> str:
        return translate(message, lang) or message

    gettext_.clauses_lang = lang  # type: ignore[attr-defined]
    return gettext_


def _ngettext(lang: str) -> Callable[[str, str, int], str]:
    def ngettext_(singular: str, plural: str, count: int) -> str:
        return translate_plural(singular, plural, count, lang)

    ngettext_.clauses_lang = lang  # type: ignore[attr-defined]
    return ngettext_


def _ours_or_gettext(function: object, original: object) -> bool:
    return function is original or hasattr(function, "clauses_lang")


def _bind(module: ModuleType, lang: str) -> None:
    if _ours_or_gettext(getattr(module, "_", None), gettext.gettext):
        module._ = gettext.gettext if lang == "en" else _gettext(lang)  # type: ignore[attr-defined]
    if _ours_or_gettext(getattr(module, "ngettext", None), gettext.ngettext):
        module.ngettext = gettext.ngettext if lang == "en" else _ngettext(lang)  # type: ignore[attr-defined]


def install(lang: str) -> None:
    """click's and typer's messages in ``lang`` from now on (``en``: as they write them). A module of
    :data:`MODULES` not imported yet (``typer.rich_utils`` is imported only to show a help or an
    error) is bound when it is imported."""
    for name in MODULES:
        if importlib.util.find_spec(name.rpartition(".")[0]) is None:   # no such package (click absent)
            continue
        when_imported(name, "gettext", lambda module, _lang=lang: _bind(module, _lang))


# ---------------------------------------------------------------------------- deferred set-up of modules
#: module name -> purpose -> what to do to the module once it is imported (the latest of each purpose)
_HOOKS: dict[str, dict[str, Callable[[ModuleType], None]]] = {}
#: module name -> a context manager its import runs in
_AROUND: dict[str, Callable[[], ContextManager[None]]] = {}


def when_imported(name: str, purpose: str, hook: Callable[[ModuleType], None],
                  around: Callable[[], ContextManager[None]] | None = None) -> None:
    """``hook(module)`` now when ``name`` is imported, else right after it is (so that a run that never
    needs the module does not pay for importing it); ``around``: a context its import then runs in."""
    if name in sys.modules:
        hook(sys.modules[name])
        return
    _HOOKS.setdefault(name, {})[purpose] = hook
    if around is not None:
        _AROUND[name] = around
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


# _Loader and _Finder are what the import system calls (create_module/exec_module, find_spec), without
# subclassing importlib.abc's classes: importing importlib.abc imports importlib.resources (5-20 ms a start)
class _Loader:
    """The real loader of a module, then its hooks."""

    def __init__(self, real: Any, name: str) -> None:
        self.real, self.name = real, name

    def __getattr__(self, attr: str) -> Any:   # get_source, is_package...: the real loader's
        return getattr(self.real, attr)

    def create_module(self, spec: Any) -> Any:
        return self.real.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        around = _AROUND.get(self.name)
        if around is None:
            self.real.exec_module(module)
        else:
            with around():
                self.real.exec_module(module)
        for hook in _HOOKS.pop(self.name, {}).values():
            hook(module)


class _Finder:
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name not in _HOOKS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None and not isinstance(spec.loader, _Loader):
            spec.loader = _Loader(spec.loader, name)
        return spec


@lru_cache(maxsize=None)
def _pattern(template: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    parts, names = [], []
    for literal, field, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append("(.+?)")
            names.append(field)
    return re.compile("".join(parts) + r"\Z", re.DOTALL), tuple(names)


def localize_message(message: str, lang: str) -> str:
    """``message`` (a command's :class:`~clauses.i18n.Message`, or one of typer's unmarked English
    messages) in ``lang``; any other text unchanged."""
    text = localized(message, lang)
    if lang == "en" or text is not message:
        return text
    for template in UNMARKED:
        regex, names = _pattern(template)
        found = regex.match(text)
        if found:
            translated = translate(template, lang)
            fields = {name: localize_message(value, lang) for name, value in zip(names, found.groups())}
            return translated.format(**fields) if translated else text
    return text


def usage(text: str, lang: str) -> str:
    """A usage line (``Usage: clauses check [OPTIONS] …``) in ``lang``."""
    prefix = "Usage:"
    head, found, rest = text.partition(prefix)
    if lang == "en" or not found or head.strip():
        return text
    return head + (translate(prefix, lang) or prefix) + rest
