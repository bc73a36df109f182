"""Dates as registers write them: ISO 8601, and day-first French dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from clauses.diagnostics import shorten
from clauses.i18n import tr

_ISO_HINT = tr("use ISO 8601 (YYYY-MM-DD), or YYYY-MM-DDTHH:MM for a date and time")
_MONTHS = ("", tr("January"), tr("February"), tr("March"), tr("April"), tr("May"), tr("June"), tr("July"),
           tr("August"), tr("September"), tr("October"), tr("November"), tr("December"))



class _BadDate(ValueError):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)(.*)")
_YEAR_FIRST = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(.*)")
_TIME_REST = re.compile(r"(?:\s+|[Tt]|\s*[àa]\s*)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?\s*")


def parse_when(text: str) -> tuple[dt.date, dt.time | None]:
    """Parse an ISO 8601 date or date-time; raise ValueError with a reason."""
    s = text.strip()
    m = _ISO.fullmatch(s)
    if not m:
        raise _not_iso(s)
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not 1 <= month <= 12:
        hint = None
        if 1 <= day <= 12:
            swapped = f"{year:04d}-{day:02d}-{month:02d}"
            hint = tr("dates are YYYY-MM-DD (month before day): did you mean {swapped}?", swapped=swapped)
        raise _BadDate(tr("{text} is not a date: there is no month {month}", text=s, month=f"{month:02d}"), hint)
    if year < 1:
        raise _BadDate(tr("{text} is not a date: there is no year 0000", text=s))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise _BadDate(_month_days(s, year, month, days))
    date = dt.date(year, month, day)
    if m[4] is None:
        return date, None
    hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
    if hour > 23:
        raise _BadDate(tr("{text} is not a valid date-time: hours go from 00 to 23", text=s),
                       tr("write midnight as 00:00 of the next day") if hour == 24 else None)
    if minute > 59:
        raise _BadDate(tr("{text} is not a valid date-time: minutes go from 00 to 59", text=s))
    if second > 59:
        raise _BadDate(tr("{text} is not a valid date-time: seconds go from 00 to 59", text=s))
    micro = int((m[7] or "0")[:6].ljust(6, "0"))
    tz = None
    if m[8]:
        off = m[8]
        if off in ("Z", "z"):
            tz = dt.timezone.utc
        else:
            digits = off[1:].replace(":", "")
            oh, om = int(digits[:2]), int(digits[2:] or 0)
            if oh > 23 or om > 59:
                raise _BadDate(tr("{text} is not a valid date-time: offset {offset} is out of range", text=s,
                                  offset=off))
            delta = dt.timedelta(hours=oh, minutes=om)
            tz = dt.timezone(-delta if off[0] == "-" else delta)
    return date, dt.time(hour, minute, second, micro, tzinfo=tz)


def _month_days(text: str, year: int, month: int, days: int):
    """``31/02/2025 is not a date: February 2025 has 28 days`` (the month named in the reader's language)."""
    return tr("{text} is not a date: {month} {year} has {days} days", text=text, month=_MONTHS[month],
              year=str(year), days=days)


def _valid_ymd(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and y >= 1 and 1 <= d <= calendar.monthrange(y, m)[1]


def _not_iso(s: str) -> _BadDate:
    message = tr("{text} is not an ISO 8601 date", text=shorten(s))
    hint = None
    m = _DAY_FIRST.fullmatch(s)
    n = _YEAR_FIRST.fullmatch(s)
    candidates: list[tuple[int, int, int, str]] = []
    note = ""
    if m and len(m[3]) == 4:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if _valid_ymd(y, b, a):
            candidates.append((y, b, a, m[4]))
            if a != b and a <= 12:
                note = tr(" (reading the day first)")
        elif _valid_ymd(y, a, b):
            candidates.append((y, a, b, m[4]))
    elif n:
        y, mo, d = int(n[1]), int(n[2]), int(n[3])
        if _valid_ymd(y, mo, d):
            candidates.append((y, mo, d, n[4]))
    if candidates:
        y, mo, d, rest = candidates[0]
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        t = _TIME_REST.fullmatch(rest) if rest else None
        if rest and t and int(t[1]) < 24 and int(t[2]) < 60:
            iso += f"T{int(t[1]):02d}:{t[2]}" + (f":{t[3]}" if t[3] else "")
            hint = tr("use ISO 8601 (YYYY-MM-DDTHH:MM): write {iso}{note}", iso=iso, note=note)
        elif not rest:
            hint = tr("use ISO 8601 (YYYY-MM-DD): write {iso}{note}", iso=iso, note=note)
    return _BadDate(message, hint or tr("{hint}, e.g. 2023-03-14", hint=_ISO_HINT))



# --------------------------------------------------------------------------- day-first dates

#: the orders a column of dd/mm/yyyy-like dates can be read in (settings ``dates``)
DAY_FIRST, MONTH_FIRST, ISO_ONLY, AUTO = "day-first", "month-first", "iso", "auto"

_NUMERIC = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})"
                      r"(?:(?:\s+|\s*[àa]\s+|[Tt])(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?\s*")
_WORDY = re.compile(r"(?:[^\W\d_]+\.?,?\s+)?(\d{1,2})(?:er|st|nd|rd|th)?\s+([^\W\d_]+)\.?\s+(\d{4})"
                    r"(?:(?:\s+|\s*[àa]\s+|,\s*)(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?\s*")
MONTH_NAMES: dict[str, int] = {}
for _number, _names in enumerate((
        ("janvier", "janv", "jan", "january"), ("fevrier", "fevr", "fev", "feb", "february"),
        ("mars", "mar", "march"), ("avril", "avr", "apr", "april"), ("mai", "may"), ("juin", "jun", "june"),
        ("juillet", "juil", "jul", "july"), ("aout", "aug", "august"),
        ("septembre", "sept", "sep", "september"), ("octobre", "oct", "october"),
        ("novembre", "nov", "november"), ("decembre", "dec", "december")), 1):
    for _name in _names:
        MONTH_NAMES[_name] = _number


def numeric_parts(text: str) -> tuple[int, int] | None:
    """The first two numbers of a ``nn/nn/yyyy`` date (``None`` for any other text)."""
    m = _NUMERIC.fullmatch(text.strip())
    return (int(m[1]), int(m[2])) if m else None


def _time(m: re.Match, s: str) -> dt.time | None:
    if m[4] is None:
        return None
    hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _BadDate(tr("{text} is not a valid date-time: the time is out of range", text=shorten(s)))
    return dt.time(hour, minute, second)


def _checked(s: str, year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise _BadDate(tr("{text} is not a date: there is no month {month}", text=shorten(s), month=f"{month:02d}"))
    if year < 1:
        raise _BadDate(tr("{text} is not a date: there is no year 0000", text=shorten(s)))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise _BadDate(_month_days(shorten(s), year, month, days))
    return dt.date(year, month, day)


def parse_register_date(text: str, order: str | None) -> tuple[dt.date, dt.time | None]:
    """ISO 8601 always; ``15 février 2022`` always; ``15/02/2022 [14:30]`` in ``order``.

    ``order`` is ``day-first`` or ``month-first``; ``iso`` reads ISO dates only (with
    the hints of :func:`parse_when`); ``None`` (a column whose order is unknown) reads
    a numeric date only when both readings agree or one is impossible.
    """
    s = text.strip()
    if order == ISO_ONLY or _ISO.fullmatch(s):
        return parse_when(s)
    m = _NUMERIC.fullmatch(s)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        if order is None:
            if a == b or b > 12:
                order = MONTH_FIRST if b > 12 else DAY_FIRST
            elif a > 12:
                order = DAY_FIRST
            else:
                raise AmbiguousDate(s)
        day, month = (a, b) if order == DAY_FIRST else (b, a)
        return _checked(s, year, month, day), _time(m, s)
    w = _WORDY.fullmatch(s)
    if w:
        month = MONTH_NAMES.get(_fold(w[2]))
        if month is not None:
            return _checked(s, int(w[3]), month, int(w[1])), _time(w, s)
    return parse_when(s)


class AmbiguousDate(_BadDate):
    """A numeric date in a column whose order (day or month first) nothing decides."""

    def __init__(self, text: str):
        super().__init__(tr("{text} can be read day first or month first", text=shorten(text)))


def _fold(word: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def infer_order(values: list[tuple[int, str]], setting: str) -> tuple[str | None, tuple[int, str] | None, str]:
    """The order to read a log's numeric dates in, from ``(line, text)`` of its date values.

    One export writes all its dates one way: the evidence of every date column counts,
    and a date written with its month in words (``15 février 2022``) shows the day first.
    Returns ``(order, proof, why)``: ``order`` is None when the log is ambiguous, and
    ``proof`` is then the row that shows it, ``why`` the sentence saying how.
    """
    if setting != AUTO:
        return setting, None, ""
    day_proof = month_proof = either = None
    for line, text in values:
        parts = numeric_parts(text)
        if parts is None:
            w = _WORDY.fullmatch(text.strip())
            if w and _fold(w[2]) in MONTH_NAMES and not day_proof:
                day_proof = (line, text)
            continue
        a, b = parts
        if a > 12 and b <= 12:
            day_proof = day_proof or (line, text)
        elif b > 12 and a <= 12:
            month_proof = month_proof or (line, text)
        elif a != b and a <= 12 and b <= 12:
            either = either or (line, text)
        if day_proof and month_proof:
            why = tr("line {a} has {first} (day first) and line {b} has {second} (month first)", a=day_proof[0],
                     first=shorten(day_proof[1].strip()), b=month_proof[0], second=shorten(month_proof[1].strip()))
            return None, month_proof, why
    if day_proof or month_proof:
        return (DAY_FIRST if day_proof else MONTH_FIRST), None, ""
    if either:
        a, b = numeric_parts(either[1]) or (0, 0)
        why = tr("line {line} has {text}, which is {day_first} read day first and {month_first} read month first, "
                 "and no date of the column says which comes first", line=either[0], text=shorten(either[1].strip()),
                 day_first=tr("{month} {day}", month=_MONTHS[b], day=a),
                 month_first=tr("{month} {day}", month=_MONTHS[a], day=b))
        return None, either, why
    return DAY_FIRST, None, ""
