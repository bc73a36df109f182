"""Counts in words that agree with their number, shared by the reports: "1 breach", "2 breaches"
(French "0 manquement", "2 manquements"; the plural rule of each language is its catalogue's)."""

from __future__ import annotations

from clauses.i18n import Message, Plural, tr, trn


def breaches_count(n: int) -> Plural:
    return trn("{n} breach", "{n} breaches", n)


def events_count(n: int) -> Plural:
    return trn("{n} event", "{n} events", n)


def findings_count(n: int) -> Plural:
    return trn("{n} finding", "{n} findings", n)


def errors_count(n: int) -> Plural:
    return trn("{n} error", "{n} errors", n)


def convention_totals(conventions: int, breaches: int, upcoming: int) -> Message:
    """"12 conventions: 3 breaches, 4 upcoming" of a portfolio."""
    return tr("{conventions}: {breaches}, {upcoming}",
              conventions=trn("{n} convention", "{n} conventions", conventions), breaches=breaches_count(breaches),
              upcoming=trn("{n} upcoming", "{n} upcoming", upcoming))
