"""The French message catalogue and French formatting, plugged into :mod:`clauses.i18n`.

Templates are the English strings given to :func:`clauses.i18n.tr`; their French
translations live in ``locales/fr/LC_MESSAGES/clauses.po`` (gettext, read with
babel: ``msgid`` the English template, ``msgstr`` the French one, with the same
``{placeholders}``). Adding a translation is one ``msgstr`` line in that file;
``python -m clauses.output.catalogue`` lists the templates of the source that
have none yet (the test ``tests/test_i18n.py`` fails on them).

Parameters are formatted the French way with babel: dates in full
(``vendredi 25 mars 2022``), decimals with a decimal comma, durations in French
words (``6 mois``, ``5 jours francs``).

Which language: :func:`choose_language` — ``--lang``, else the rules file's
``langue``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).
"""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import os
import re
import string
import sys
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from clauses import i18n

LANGUAGES = ("en", "fr")
LOCALES = Path(__file__).resolve().parent / "locales"
_BABEL_LOCALE = {"fr": "fr_FR"}


def catalogue_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "clauses.po"


#: what one language's catalogue holds: ``{template: translation}``, ``{(singular, plural): forms}`` and
#: the plural rule (the C expression of the ``Plural-Forms`` header)
Tables = tuple[dict[str, str], dict[tuple[str, str], tuple[str, ...]], str]


@lru_cache(maxsize=None)
def _tables(lang: str) -> Tables:
    """The entries of ``lang``'s ``.po`` file (entries with an empty msgstr left out)."""
    path = catalogue_path(lang)
    if not path.is_file():
        return {}, {}, "n != 1"
    # parsing the .po file costs tens of milliseconds at each start: the tables are kept in the user's
    # cache folder (clauses.cache), under a name that changes with the file's size and modification time
    import marshal

    from clauses.cache import default_folder

    st = path.stat()
    kept = default_folder("catalogue") / f"{lang}-v2-{st.st_size}-{st.st_mtime_ns}.marshal"
    try:
        tables = marshal.loads(kept.read_bytes())
        if isinstance(tables, tuple) and len(tables) == 3:
            return tables
    except (OSError, EOFError, ValueError, TypeError):
        pass
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        cat = read_po(handle, locale=_BABEL_LOCALE.get(lang, lang))
    table = {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string}
    forms = {tuple(m.id): tuple(m.string) for m in cat if isinstance(m.id, (tuple, list)) and all(m.string)}
    tables = (table, forms, cat.plural_expr)
    try:
        import os
        import tempfile

        kept.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=kept.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(tables))
        os.replace(tmp, kept)
    except OSError:  # a cache folder that cannot be written: parsed again next time
        pass
    return tables


def catalogue(lang: str) -> dict[str, str]:
    """``{english template: translated template}`` of ``lang`` (entries with an empty msgstr left out)."""
    return _tables(lang)[0]


@lru_cache(maxsize=None)
def plurals(lang: str) -> tuple[Callable[[int], int], dict[tuple[str, str], tuple[str, ...]]]:
    """The plural entries of ``lang`` (``msgid``/``msgid_plural``, as ``ngettext`` asks for them):
    the catalogue's plural rule (``n`` -> index of the form) and ``{(singular, plural): forms}``."""
    _table, forms, rule = _tables(lang)
    return gettext.c2py(rule), forms


def translate(template: str, lang: str) -> str | None:
    return catalogue(lang).get(template) if lang in LANGUAGES and lang != "en" else None


def plural_form(singular: str, plural: str, count: int, lang: str) -> str | None:
    """The translation in ``lang`` of the entry ``singular``/``plural`` for ``count``, None if it has none."""
    if lang in LANGUAGES and lang != "en":
        rule, entries = plurals(lang)
        forms = entries.get((singular, plural))
        if forms:
            return forms[min(rule(count), len(forms) - 1)]
    return None


def translate_plural(singular: str, plural: str, count: int, lang: str) -> str:
    """``singular`` or ``plural`` (English, chosen by ``count``) in ``lang``: what ``ngettext`` returns."""
    form = plural_form(singular, plural, count, lang)
    if form is not None:
        return form
    return singular if count == 1 else plural


# --------------------------------------------------------------------------- values

_UNITS_FR = {
    "days": ("jour", "jours"), "clear_days": ("jour franc", "jours francs"),
    "working_days": ("jour ouvré", "jours ouvrés"), "business_days": ("jour ouvrable", "jours ouvrables"),
    "weeks": ("semaine", "semaines"), "months": ("mois", "mois"), "years": ("an", "ans"),
    "hours": ("heure", "heures"), "business_hours": ("heure ouvrable", "heures ouvrables"),   # notice
    "working_hours": ("heure ouvrée", "heures ouvrées"),
}


def _duration_fr(value: Any) -> str:
    one, many = _UNITS_FR.get(value.unit.value, (value.unit.value, value.unit.value))
    head = f"{value.amount} {one if value.amount == 1 else many}"
    return f"{head} et {_duration_fr(value.plus)}" if value.plus else head


_MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_DAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _french_date(day: dt.date, style: str) -> str | None:
    """babel's fr_FR ``full``, ``long`` and ``short`` dates (« le 1er » included), without babel: importing
    it and loading its French locale data cost about 7 % of a cached ``clauses check`` (60 ms of CPU at load 7, issue 12);
    ``tests/test_catalogue_dates.py`` compares the two on every day of 2019-2030 and samples of 1900-2999.
    None for another style (babel formats it)."""
    if style == "short":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if style not in ("full", "long"):
        return None
    text = f"{day.day}{'er' if day.day == 1 else ''} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{_DAYS_FR[day.weekday()]} {text}" if style == "full" else text


def format_date(day: dt.date, lang: str, style: str = "full") -> str:
    """``day`` in ``lang``: ISO in English, ``vendredi 25 mars 2022`` in French (``style`` a babel format)."""
    if lang == "en":
        return day.isoformat()
    if lang == "fr":
        text = _french_date(day, style)
        if text is not None:
            return text
    return babel_format_date(day, lang, style)


def babel_format_date(day: dt.date, lang: str, style: str = "full") -> str:
    """What :func:`format_date` gives, through babel (any style of any language it knows)."""
    from babel.dates import format_date as babel_date

    if lang == "fr" and day.day == 1 and style in ("full", "long"):   # « le 1er janvier », not « le 1 janvier »
        return babel_date(day, format="EEEE d'er' MMMM y" if style == "full" else "d'er' MMMM y", locale="fr_FR")
    return babel_date(day, format=style, locale=_BABEL_LOCALE.get(lang, lang))


def format_value(value: Any, lang: str) -> str:
    """One parameter of a message, in ``lang``."""
    if lang == "en":
        return i18n._english(value)
    if isinstance(value, (i18n.Message, i18n.Later)):
        return value.localized(lang)
    if isinstance(value, dt.datetime):
        from babel.dates import format_datetime

        return format_datetime(value, format="d MMMM y 'à' HH:mm", locale=_BABEL_LOCALE[lang])
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, (Decimal, float)):
        from babel.numbers import format_decimal

        return format_decimal(value, locale=_BABEL_LOCALE[lang])
    # a Duration exists only once the model is imported: a report served from the cache does not import it
    model = sys.modules.get("clauses.language.model")
    if model is not None and isinstance(value, model.Duration):
        return _duration_fr(value)
    return i18n._english(value)


def install() -> None:
    """Plug the catalogue into :mod:`clauses.i18n` (idempotent)."""
    i18n._translate = translate
    i18n._format_value = format_value
    i18n._translate_plural = plural_form


install()


# --------------------------------------------------------------------------- choice of language


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """``fr`` when the locale (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``) is French, else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


_LANGUAGE_STATEMENT = re.compile(r"^[ \t]*(?:langue|language)[ \t]+(fr|en)\b", re.MULTILINE)


def language_statement(text: str) -> str | None:
    """The language a clause file's text declares (``langue fr.``), from a quick look (no parsing)."""
    found = _LANGUAGE_STATEMENT.search(text)
    return found.group(1) if found else None


def choose_language(option: str | None, rules_language: str | None = None,
                    environ: Mapping[str, str] | None = None) -> str:
    """``--lang`` if given, else the rules file's ``langue``, else the locale's."""
    if option:
        return option
    if rules_language in LANGUAGES:
        return rules_language  # type: ignore[return-value]
    return locale_language(environ)


# --------------------------------------------------------------------------- templates of the source


def placeholders(template: str) -> set[str]:
    """The names of the ``{placeholders}`` of a template."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template)
            if name is not None}


def _calls(root: Path | None, name: str, literals: int) -> Iterator[tuple[tuple[str, ...], str, int]]:
    """``(first literal arguments, file, line)`` of every ``name("literal", …)`` call under the package ``root``."""
    root = root or Path(__file__).resolve().parent.parent
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name
                    and len(node.args) >= literals
                    and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:literals])):
                yield tuple(a.value for a in node.args[:literals]), str(path.relative_to(root.parent)), node.lineno


def source_templates(root: Path | None = None) -> Iterator[tuple[str, str, int]]:
    """``(template, file, line)`` of every ``tr("literal", ...)`` (or ``tr_later``) call under the package ``root``."""
    for name in ("tr", "tr_later"):
        for (template,), file, line in _calls(root, name, 1):
            yield template, file, line


def source_plurals(root: Path | None = None) -> Iterator[tuple[tuple[str, str], str, int]]:
    """``((singular, plural), file, line)`` of every ``trn("literal", "literal", ...)`` call under ``root``."""
    for (singular, plural), file, line in _calls(root, "trn", 2):
        yield (singular, plural), file, line


def missing(lang: str = "fr", templates: Iterable[tuple[str, str, int]] | None = None) -> list[tuple[str, str, int]]:
    """The templates of the source with no translation in ``lang``."""
    known = catalogue(lang)
    seen: set[str] = set()
    out = []
    for template, file, line in templates if templates is not None else source_templates():
        if template not in known and template not in seen:
            seen.add(template)
            out.append((template, file, line))
    return out


def missing_plurals(lang: str = "fr", entries: Iterable[tuple[tuple[str, str], str, int]] | None = None
                    ) -> list[tuple[tuple[str, str], str, int]]:
    """The ``trn`` entries of the source with no (complete) plural entry in ``lang``."""
    known = plurals(lang)[1]
    seen: set[tuple[str, str]] = set()
    out = []
    for pair, file, line in entries if entries is not None else source_plurals():
        if pair not in known and pair not in seen:
            seen.add(pair)
            out.append((pair, file, line))
    return out


def _po_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def po_stubs(entries: Iterable[tuple[str, str, int]],
             plural_entries: Iterable[tuple[tuple[str, str], str, int]] = ()) -> str:
    """Entries to paste into the .po file: ``#: file:line``, the msgid (and msgid_plural), empty msgstr(s)
    to fill in (French has two plural forms: ``msgstr[0]`` for 0 and 1, ``msgstr[1]`` for more)."""
    out = "".join(f"\n#: {file}:{line}\nmsgid {_po_string(t)}\nmsgstr \"\"\n" for t, file, line in entries)
    return out + "".join(f"\n#: {file}:{line}\nmsgid {_po_string(one)}\nmsgid_plural {_po_string(many)}\n"
                         "msgstr[0] \"\"\nmsgstr[1] \"\"\n" for (one, many), file, line in plural_entries)


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    import sys

    lang = sys.argv[1] if len(sys.argv) > 1 else "fr"
    sys.stdout.write(po_stubs(missing(lang), missing_plurals(lang)))
