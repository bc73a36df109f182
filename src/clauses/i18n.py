"""Messages a person reads, in English and French, from one catalogue.

Every user-facing sentence (a diagnostic, a finding's message, a line of an
explanation, a hint) is written once, as an English template with named
placeholders, and built with :func:`tr`::

    tr("no {act} by {party} by {due}", act=name, party=pid, due=date)

The result is a :class:`Message`: a ``str`` whose value is the English
rendering (so code, golden files and JSON stay as they are), which also keeps
its template and its parameters so that a renderer can give it in another
language with :meth:`Message.localized`. Parameters keep their types (dates,
numbers, amounts) until rendering, so that each language formats them its own
way. A template's translations live in the message catalogues of
:mod:`clauses.output` (French); a template with no translation is shown in
English, and a test fails on any template missing from a catalogue.

A sentence whose words agree with a number is built with :func:`trn`, as with
``ngettext``: an English singular and plural, and in each language as many
forms as its plural rule has (French: ``0 manquement``, ``1 manquement``,
``2 manquements``)::

    trn("{n} breach", "{n} breaches", count)
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

#: set by the catalogue module: (template, language) -> translated template or None
_translate: Callable[[str, str], str | None] | None = None
#: set by the catalogue module: (value, language) -> text of one parameter
_format_value: Callable[[Any, str], str] | None = None
#: set by the catalogue module: (singular, plural, count, language) -> the translated form for ``count``, or None
_translate_plural: Callable[[str, str, int, str], str | None] | None = None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class Weekday(dt.date):
    """A date shown with its day of the week: ``Friday 2022-03-25`` (French: ``vendredi 25 mars 2022``)."""

    @classmethod
    def of(cls, day: dt.date) -> "Weekday":
        return cls(day.year, day.month, day.day)


def _english(value: Any) -> str:
    if isinstance(value, Weekday):
        return f"{_WEEKDAYS[value.weekday()]} {value.isoformat()}"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Message):
        return str.__str__(value)
    if type(value) is Later:
        return str(value)
    return format(value, "")  # what an f-string shows (a str-valued Enum shows its value)


#: parameter types shown as they are (``format`` gives what ``_english`` would)
_PLAIN = frozenset((str, int))
#: the English text of a parameter, by its exact type (what ``_english`` gives; other types go through it)
_SHOWN: dict[type, Callable[[Any], str]] = {dt.date: dt.date.isoformat}


class Message(str):
    """An English sentence that remembers its template and parameters."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any]) -> "Message":
        # evaluation builds one per finding and event note: plain text and numbers skip ``_english``
        if params:
            shown = {}
            for k, v in params.items():
                t = type(v)
                if t in _PLAIN:
                    shown[k] = v
                else:
                    conv = _SHOWN.get(t)
                    shown[k] = conv(v) if conv is not None else _english(v)
            text = template.format_map(shown)
        else:
            text = template
        self = super().__new__(cls, text)
        self.template = template
        self.params = params
        return self

    def localized(self, lang: str) -> str:
        """This message in ``lang`` (``"en"`` or ``"fr"``); English when no translation exists."""
        if lang == "en":
            return str.__str__(self)
        if _translate is None:
            import clauses.output.catalogue  # noqa: F401  (installs the catalogue's hooks)
        if _translate is None:
            return str.__str__(self)
        return self._filled(self._translated(lang), lang)

    def _translated(self, lang: str) -> str:
        """The template in ``lang`` (the catalogue is installed), English when it has none."""
        return _translate(self.template, lang) or self.template  # type: ignore[misc]

    def _filled(self, template: str, lang: str) -> str:
        if not self.params:   # as in English: a template without parameters is its text (`{montant}` stays)
            return template
        fmt = _format_value or (lambda v, _lang: _english(v))
        values = {k: (v.localized(lang) if isinstance(v, Message) else fmt(v, lang)) for k, v in self.params.items()}
        return template.format(**values)

    def __reduce__(self):  # picklable across worker processes and into the caches, the English kept as it is
        return (_restore, (str.__str__(self), self.template, self.params))


def _restore(text: str, template: str, params: dict[str, Any]) -> Message:
    """A pickled :class:`Message` back, without rendering its English again."""
    self = str.__new__(Message, text)
    self.template = template
    self.params = params
    return self


class Plural(Message):
    """A :class:`Message` whose words agree with a count: ``template`` is the English singular,
    ``plural`` the English plural, ``count`` the number that chooses between the forms of each
    language (English: the singular for 1 only; French: for 0 and 1)."""

    plural: str
    count: int

    def __new__(cls, singular: str, plural: str, count: int, params: dict[str, Any]) -> "Plural":
        english = Message(singular if count == 1 else plural, params)
        self = str.__new__(cls, str.__str__(english))
        self.template, self.params, self.plural, self.count = singular, params, plural, count
        return self

    def _translated(self, lang: str) -> str:
        form = _translate_plural(self.template, self.plural, self.count, lang) if _translate_plural else None
        return form or (self.template if self.count == 1 else self.plural)

    def __reduce__(self):
        return (_restore_plural, (str.__str__(self), self.template, self.plural, self.count, self.params))


def _restore_plural(text: str, singular: str, plural: str, count: int, params: dict[str, Any]) -> Plural:
    self = str.__new__(Plural, text)
    self.template, self.params, self.plural, self.count = singular, params, plural, count
    return self


def trn(singular: str, plural: str, n: int, /, **params: Any) -> Plural:
    """The message whose English is ``singular`` when ``n`` is 1, else ``plural``; in another language
    the form its plural rule gives for ``n`` (``ngettext``). ``{n}`` in the templates is ``n``."""
    params.setdefault("n", n)
    remembered = _remembered_key((Plural, singular, plural, n), params)
    if remembered is None:
        return Plural(singular, plural, n, params)
    found = _RECENT.get(remembered)
    if found is None:
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.clear()
        found = _RECENT[remembered] = Plural(singular, plural, n, params)
    return found   # type: ignore[return-value]


_SHOWN[Message] = str.__str__
_SHOWN[Plural] = str.__str__


def _remembered_key(head: tuple, params: dict[str, Any]) -> tuple | None:
    """What a message is remembered by (:data:`_RECENT`): ``head`` (its template or templates), then each
    parameter's name, type and value (a message parameter by identity); None when a parameter is of
    another type."""
    key = list(head)
    for name, value in params.items():
        kind = type(value)
        if kind in _REMEMBERED:
            key += (name, kind, value)
        elif kind is Message or kind is Plural:
            key += (name, kind, id(value))
        else:
            return None
    return tuple(key)


#: the messages without parameters, one each (a message is immutable: the vote words « for », « against »,
#: « adopted »… are asked for once per ballot and per decision of a long log)
_CONSTANT: dict[str, Message] = {}
#: recent messages by template and parameters, when every parameter is of a type below: the notes of a long
#: log repeat a few ("occurrence 2 in the period", "h2p votes for", "3 days late"), each about 400 bytes
_RECENT: dict[tuple, Message] = {}
_RECENT_SIZE = 4096
#: parameter types a message is remembered by: compared by value and type (a message parameter by identity:
#: two messages of one English text may say different things in French; the remembered message keeps it alive)
_REMEMBERED = frozenset((str, int, bool, type(None), dt.date))


def tr(template: str, /, **params: Any) -> Message:
    """The message ``template`` with ``params``: English now, any language at rendering. The same template with
    the same parameters may give the same (immutable) message: one made recently is given again."""
    if not params:
        found = _CONSTANT.get(template)
        if found is None:
            found = _CONSTANT[template] = Message(template, {})
        return found
    remembered = _remembered_key((template,), params)
    if remembered is None:
        return Message(template, params)
    found = _RECENT.get(remembered)
    if found is None:
        if len(_RECENT) >= _RECENT_SIZE:
            _RECENT.clear()
        found = _RECENT[remembered] = Message(template, params)
    return found


class Later:
    """A message made when it is read: its template and the values of its parameters kept, its text not
    made yet. For words that only an explanation shows -- a limit's anchor ("notification of 2024-03-02"),
    which a long log names once per event and a report seldom reads (issue 12: a :class:`Message` is
    about 400 bytes, its text, attributes and parameters; this, about 140). It stands for the message:
    ``str()`` and equality are its English, :meth:`localized` its text in a language, and as a parameter
    of another message it is rendered in that message's language; :func:`made` gives the message."""

    __slots__ = ("template", "names", "values")

    def __init__(self, template: str, names: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self.template, self.names, self.values = template, names, values

    def message(self) -> Message:
        """The :class:`Message` this stands for (made anew at each call: nothing is kept)."""
        return Message(self.template, dict(zip(self.names, self.values)))

    def localized(self, lang: str) -> str:
        return self.message().localized(lang)

    def __str__(self) -> str:
        return str.__str__(self.message())

    def __eq__(self, other: object) -> bool:
        if type(other) is Later:
            return (self.template, self.names, self.values) == (other.template, other.names, other.values)
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:   # equal to its English: the same hash
        return hash(str(self))

    def __repr__(self) -> str:
        return repr(str(self))

    def __reduce__(self):
        return (Later, (self.template, self.names, self.values))


#: the parameter names of :func:`tr_later` calls, one tuple shared per distinct set
_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}


def tr_later(template: str, /, **params: Any) -> Later:
    """The message ``template`` with ``params`` as :func:`tr` gives it, made only when it is read
    (:class:`Later`)."""
    names = tuple(params)
    return Later(template, _NAMES.setdefault(names, names), tuple(params.values()))


def made(text: Any) -> Any:
    """``text``, its :class:`Message` made when it is a :class:`Later`."""
    return text.message() if type(text) is Later else text


_SHOWN[Later] = str


def localized(text: str, lang: str) -> str:
    """``text`` in ``lang`` when it is a :class:`Message`, else unchanged."""
    return text.localized(lang) if isinstance(text, (Message, Later)) else text


def joined(items: "list[Any] | tuple[Any, ...]", template: str) -> Any:
    """``items`` joined pairwise with ``template`` (two placeholders ``{a}`` and ``{b}``, e.g.
    ``"{a} and {b}"``): a message that reads ``x and y and z`` in English and follows
    ``template``'s translation in another language. One item is returned as it is; none gives ``""``."""
    if not items:
        return ""
    out = items[0]
    for item in items[1:]:
        out = Message(template, {"a": out, "b": item})
    return out
