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
import re
import string
from functools import lru_cache
from typing import Callable

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


def install(lang: str) -> None:
    """click's and typer's messages in ``lang`` from now on (``en``: as they write them)."""
    for name in MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:   # the click package, absent beside a typer that bundles its own click
            continue
        if _ours_or_gettext(getattr(module, "_", None), gettext.gettext):
            module._ = gettext.gettext if lang == "en" else _gettext(lang)  # type: ignore[attr-defined]
        if _ours_or_gettext(getattr(module, "ngettext", None), gettext.ngettext):
            module.ngettext = gettext.ngettext if lang == "en" else _ngettext(lang)  # type: ignore[attr-defined]


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
