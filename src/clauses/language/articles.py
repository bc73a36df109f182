"""Index of the articles of a convention text: where each one starts and ends, and in which
division (titre, chapitre, annexe, préambule) it sits.

Clause rules cite articles (``article 7``, ``article 8.2``, ``article V``, ``titre 2 article 3``,
``annexe 1 article 2``, ``annexe 1``, ``préambule``); the linter needs to know which articles a
convention really has to report a citation that points nowhere (with the headings found near
it), duplicate or skipped article numbers, and which articles no rule covers. The texts in
``conventions/`` are plain text or Markdown extracted from signed documents; the shapes of a
heading line are recognised by :mod:`clauses.language.headings`; this module reads them in
order. The rules, for users, are ``docs/articles.md``; tuned on the eleven texts of
``conventions/`` (``tests/test_articles.py``, ``tests/test_headings.py``).

1. A line ``Article N`` (any case, any Markdown heading level, bold) is always a heading:
   ``ARTICLE 6 :``, ``Article 8– Instances``, ``Article 4.1 Responsabilités``, ``Art. 5 bis –``,
   ``Article premier``, ``Article 1er`` (= 1), ``Article V``, ``Article 4. 1. 1.`` (= 4.1.1).
   Lines longer than 160 characters, and ``Article 3 de la …`` (a lower-case word after the
   number), are prose. The Journal officiel's inline ``Art. 1er. - La présente convention…``
   is a heading without a title.
2. A bare-number line (``11. Résiliation``, ``8.1. Cellule``, ``6.1 : Durée``, ``14. 1. Terme :``)
   is a heading only when all hold:

   - it comes after the first ``Article`` heading (exposés and preambles number their lists too);
   - the line starts with the number, followed by ``.`` and a space, or by a separator, then a
     title; the line is short (at most 80 characters) and its title does not end like a
     sentence (``.``, ``;``, ``,``, ``…``);
   - the number continues the arabic numbering: the next top-level number (``11`` after
     article 10) or a sub-number of the current top-level article (``8.1`` after 8);
   - no ``Article`` heading of the same division has that number (``2. Axes d'intervention``
     inside 007's article 1er is a list item: the text has an ``Article 2``).

   Behind a Markdown ``#`` prefix (``## 3. Durée``) a numbered line is a heading.
3. Numbered sections that do not repeat their article's number are not articles (002: ``1.
   Personnes référentes`` inside the first ``Article V``). Bare arabic numbers never continue a
   roman numbering.
4. The title is the text after the number and separator, cut before a glued bold sub-heading
   (``**``), with a trailing ``:`` removed. A heading without a title takes the next line as
   its title when that line is short, not a sentence, and followed by a blank line (``Article
   1er`` / ``Objet de la convention d'objectifs``); a title cut at the end of its line (``… DE``,
   ``,``, ``–``) continues on the next line.
5. Divisions: ``Partie``, ``Titre``, ``Chapitre``, ``Section``, ``Sous-section`` (each closes
   the divisions of its level and below) and ``Annexe`` (closes everything: the annexes follow
   the convention), numbered in arabic, roman, ``Ier``/``premier`` (= 1, values compared, so
   ``titre 2`` finds ``TITRE II``); ``Préambule`` (closed by ``Il a été convenu ce qui suit`` or
   the first article or division). Each article records the divisions it sits in; an article
   number may repeat in different divisions (numbering that restarts per titre or annexe).
6. A table of contents is not a second copy of the articles: a ``Sommaire`` / ``Table des
   matières`` line and the heading-shaped lines after it up to the first prose line (or the
   first heading repeated), a heading-shaped line with dot leaders, a page number or a
   Markdown link, and a run of three bodiless headings whose first is headed again later.
7. An article's body runs from the line after its heading (and title) to the last non-blank
   line before the next heading, division heading, or the end of the text. A parent article
   immediately followed by its first sub-article has an empty body.

Numbers are compared after :func:`normalise_number`. Roman and arabic article numbers are never
equated (``5`` does not find ``Article V``): a citation must use the text's own numbering.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from clauses.language import headings as h

__all__ = [
    "Article",
    "ArticleIndex",
    "Division",
    "division_key",
    "normalise_number",
    "find_duplicates",
    "find_gaps",
]

_ROMAN_RE = re.compile(rf"(?=[MDCLXVI]){h.ROMAN}")
_ARABIC_RE = re.compile(r"[0-9]+(?:\.[0-9]+)*")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
_CITATION_PREFIX = re.compile(r"^(?:article|art\b\.?)\s*", re.IGNORECASE)
_SUFFIX_RE = re.compile(r"^(?P<num>.*?)[ \t]*-?[ \t]*(?P<suffix>" + "|".join(h.SUFFIXES) + r")$", re.IGNORECASE)
#: the canonical division kinds, outermost first, with the French word a citation uses
DIVISION_WORDS = {"part": "partie", "title": "titre", "chapter": "chapitre", "section": "section",
                  "subsection": "sous-section", "annex": "annexe", "preamble": "préambule"}


@dataclass(frozen=True)
class Article:
    """One article heading and the extent of its body (1-based, inclusive lines).

    ``within`` holds the keys of the divisions the article sits in, outermost first
    (``("title 2",)``, ``("annex 1",)``; see :func:`division_key`); ``title_end`` is the last line
    of a title that continues below the heading line (0: the heading line)."""

    number: str
    title: str
    line: int
    end_line: int
    heading: str
    within: tuple[str, ...] = ()
    title_end: int = 0
    #: the divisions that restart the numbering this article belongs to (a subset of ``within``:
    #: 005's TITRE II continues the numbering of TITRE Ier, 008's TITRE 2 restarts at 1, annexes restart)
    scope: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """``3``, or ``titre 2 article 3`` where the numbering restarts, as a citation would name it."""
        return " ".join([*map(division_label, self.scope), "article", self.number]) if self.scope else self.number


@dataclass(frozen=True)
class Division:
    """A titre, chapitre, section, annexe or the préambule: ``key`` is ``"title 2"``, ``"annex 1"``,
    ``"preamble"``; ``within`` the keys of the divisions around it."""

    kind: str
    number: str
    title: str
    line: int
    end_line: int
    heading: str
    within: tuple[str, ...] = ()
    title_end: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind} {self.number}".strip()

    @property
    def label(self) -> str:
        return " ".join(map(division_label, (*self.within, self.key)))


def division_key(kind: str, number: str = "") -> str:
    """The canonical key of a division: ``("titre", "II")`` → ``"title 2"``, ``("annexe", "Ier")`` →
    ``"annex 1"``, ``("préambule", "")`` → ``"preamble"``. Numbers compare by value (roman or arabic)."""
    folded = _fold(kind)
    canonical = {"preambule": "preamble", "preamble": "preamble", "recitals": "preamble"}.get(folded)
    if canonical is None:
        canonical = h.DIVISION_KINDS.get(folded, (folded, 0))[0]
    n = number.strip().rstrip(".")
    if re.fullmatch(r"(?i:1er|1ère|premier|première|ier|unique)", n):
        n = "1"
    elif _ROMAN_RE.fullmatch(n.upper()) and n:
        n = str(_roman_to_int(n.upper()))
    elif n.isdigit():
        n = str(int(n))
    return f"{canonical} {n}".strip()


def division_label(key: str) -> str:
    """``"title 2"`` → ``"titre 2"`` (the French word, as the French citation writes it)."""
    kind, _, number = key.partition(" ")
    return f"{DIVISION_WORDS.get(kind, kind)} {number}".strip()


def normalise_number(s: str) -> str:
    """Canonical article number, so citations and headings compare equal.

    ``"Article 4.1"`` → ``"4.1"``, ``"8.1."`` → ``"8.1"``, ``"v"`` → ``"V"``, ``"07"`` → ``"7"``,
    ``"1er"`` and ``"premier"`` → ``"1"``, ``"art. 9"`` → ``"9"``, ``"4. 1. 1."`` → ``"4.1.1"``,
    ``"5bis"`` → ``"5 bis"``, ``"7.1 TER"`` → ``"7.1 ter"``. The first component may be roman
    (upper-cased), later ones are arabic. Raises ``ValueError`` for anything else, so a
    malformed citation is not silently reported as "not found".
    """
    t = _CITATION_PREFIX.sub("", s.strip()).strip().rstrip(".").strip()
    suffix = ""
    m = _SUFFIX_RE.match(t)
    if m and m.group("num").strip():
        t, suffix = m.group("num").strip().rstrip(".").strip(), " " + m.group("suffix").lower()
    t = re.sub(r"[ \t]*\.[ \t]*", ".", t)
    if re.fullmatch(r"premi(?:er|ère)", t, re.IGNORECASE):
        t = "1"
    er = re.fullmatch(r"([0-9]+)(?:er|ère)", t, re.IGNORECASE) or re.fullmatch(r"(I)er", t)
    if er:
        t = er.group(1)
    if _ARABIC_RE.fullmatch(t):
        return ".".join(str(int(p)) for p in t.split(".")) + suffix
    head, _, tail = t.partition(".")
    if _ROMAN_RE.fullmatch(head.upper()) and (not tail or _ARABIC_RE.fullmatch(tail)):
        parts = [head.upper()] + ([str(int(p)) for p in tail.split(".")] if tail else [])
        return ".".join(parts) + suffix
    raise ValueError(f"not an article number: {s!r}")


def _roman_to_int(s: str) -> int:
    total = 0
    for ch, nxt in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[ch]
        total += -v if nxt != " " and _ROMAN_VALUES[nxt] > v else v
    return total


def _int_to_roman(n: int) -> str:
    out: list[str] = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                       (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _component_value(c: str) -> int:
    c = c.split(" ")[0]
    return int(c) if c.isdigit() else _roman_to_int(c)


def _sort_key(number: str) -> tuple[int, ...]:
    return tuple(_component_value(c) for c in number.split(" ")[0].split("."))


def _fold(s: str) -> str:
    """Case- and accent-insensitive form, for matching titles."""
    decomposed = unicodedata.normalize("NFKD", s.replace("’", "'"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _groups(articles: Iterable[Article]) -> dict[tuple[str, ...], list[Article]]:
    by_part: dict[tuple[str, ...], list[Article]] = {}
    for a in articles:
        by_part.setdefault(a.scope, []).append(a)
    return by_part


def _scopes(articles: list[Article]) -> list[Article]:
    """The articles with their numbering scope set. Annexes restart the numbering; so does a kind of
    division (titre, chapitre…) when one of them opens on article 1 (or I) after earlier articles
    (008's TITRE 2); otherwise the numbering runs across the divisions (005's TITRE Ier to VII)."""
    restarting: set[str] = set()
    previous: tuple[str, ...] | None = None
    seen = False
    for a in articles:
        if a.within != previous and a.within and seen and _sort_key(a.number)[:1] == (1,):
            changed = next((k for k, old in zip(a.within, (previous or ()) + ("",) * len(a.within)) if k != old),
                           a.within[-1])
            restarting.add(changed.split(" ")[0])
        previous = a.within
        seen = seen or not any(k.startswith("annex") for k in a.within)
    return [Article(a.number, a.title, a.line, a.end_line, a.heading, a.within, a.title_end,
                    tuple(k for k in a.within if k.split(" ")[0] in restarting or k.startswith("annex")))
            for a in articles]


def find_duplicates(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Numbers used by more than one heading of the same division, in order of first appearance
    (keyed by :attr:`Article.label`: ``"3"``, ``"annexe 1 article 3"``)."""
    by_number: dict[str, list[Article]] = {}
    for a in articles:
        by_number.setdefault(a.label, []).append(a)
    return {n: arts for n, arts in by_number.items() if len(arts) > 1}


def find_gaps(articles: Iterable[Article], *, sub: bool = False) -> list[str]:
    """Numbers missing from the numbering, sorted (``1, 2, 4`` → ``["3"]``), in each division.

    Top-level numbers count from 1 up to the highest one; a sub-article's parent counts as
    present even without its own heading; ``5 bis`` counts as 5. Missing top-level numbers are
    written in roman when the division numbers its articles in roman only. With ``sub=True``,
    sub-numbers are checked too (``8.1, 8.3`` → ``"8.2"``). Where divisions restart the numbering,
    the division follows the number (``"3 (titre 2)"``).
    """
    found: list[str] = []
    for within, group in _groups(articles).items():
        where = f" ({' '.join(map(division_label, within))})" if within else ""
        found += [n + where for n in _gaps_of(group, sub)]
    return found


def _gaps_of(articles: list[Article], sub: bool) -> list[str]:
    numbers = [a.number for a in articles]
    tops = {n.split(" ")[0].split(".")[0] for n in numbers}
    roman = bool(tops) and all(not t.isdigit() for t in tops)
    present = {_component_value(t) for t in tops}
    missing: list[tuple[int, ...]] = [
        (v,) for v in range(1, max(present, default=0) + 1) if v not in present
    ]
    if sub:
        children: dict[tuple[int, ...], set[int]] = {}
        for n in numbers:
            key = _sort_key(n)
            for depth in range(1, len(key)):
                children.setdefault(key[:depth], set()).add(key[depth])
        for parent, kids in children.items():
            missing += [parent + (k,) for k in range(1, max(kids) + 1) if k not in kids]
    missing.sort()

    def render(key: tuple[int, ...]) -> str:
        head = _int_to_roman(key[0]) if roman else str(key[0])
        return ".".join([head, *map(str, key[1:])])

    return [render(k) for k in missing]


def _is_within(cited: tuple[str, ...], path: tuple[str, ...]) -> bool:
    """``cited`` names divisions of ``path`` in order (``titre 2`` is within ``titre 2 chapitre 1``);
    an annex must be named: an article of an annex is not an article of the convention's body."""
    it = iter(path)
    if not all(any(k == p for p in it) for k in cited):
        return False
    return all(k in cited for k in path if k.startswith("annex"))


@dataclass
class _Open:
    kind: str
    key: str
    level: int
    index: int   # into found_divisions


@dataclass(frozen=True)
class ArticleIndex:
    """The articles (and divisions) of one convention text, in text order."""

    articles: tuple[Article, ...] = ()
    divisions: tuple[Division, ...] = field(default=(), compare=True)

    @classmethod
    def from_text(cls, text: str) -> ArticleIndex:
        """Index ``text`` (pure: same text, same index; nothing cached)."""
        lines = [ln.rstrip("\r") for ln in text.split("\n")] if text else []
        kinds = [h.classify(raw) for raw in lines]
        _drop_tables_of_contents(lines, kinds)
        return _Builder(lines, kinds).build()

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def find(self, number: str, title: str | None = None, within: tuple[str, ...] = ()) -> list[Article]:
        """Articles numbered ``number`` (normalised), optionally whose title contains ``title``, in the
        divisions ``within`` (keys, see :func:`division_key`; an annex's articles only when the annex
        is named).

        ``title`` disambiguates duplicate numbers (002's two articles V); it is matched case- and
        accent-insensitively. Raises ``ValueError`` when ``number`` is not an article number.
        """
        key = normalise_number(number)
        hits = [a for a in self.articles if a.number == key and _is_within(within, a.within)]
        if title is not None:
            needle = _fold(title)
            hits = [a for a in hits if needle in _fold(a.title)]
        return hits

    def find_division(self, within: tuple[str, ...], title: str | None = None) -> list[Division]:
        """The divisions named by ``within`` (its last key, inside the others)."""
        if not within:
            return []
        *outer, last = within
        hits = [d for d in self.divisions if d.key == last and _is_within(tuple(outer), d.within)]
        if title is not None:
            hits = [d for d in hits if _fold(title) in _fold(d.title)]
        return hits

    def cite(self, article: str, title: str | None = None, within: tuple[str, ...] = ()) -> list[Article | Division]:
        """What a citation names: articles (``article`` set) or divisions (``article`` empty)."""
        if not article:
            return list(self.find_division(within, title))
        return list(self.find(article, title, within))

    def nearby(self, article: str, within: tuple[str, ...] = (), limit: int = 4) -> list[Article | Division]:
        """The headings closest to a citation that found nothing: the articles of the same level
        (as many components) nearest by number, the parent article, the same number in another
        division; or, for a division, the divisions of the same kind."""
        if not article:
            kind = within[-1].split(" ")[0] if within else ""
            return list(([d for d in self.divisions if d.kind == kind] or list(self.divisions))[:limit])
        try:
            key = _sort_key(normalise_number(article))
        except ValueError:
            return list(self.articles[:limit])
        roman = not normalise_number(article).split(".")[0].isdigit()
        scope = [a for a in self.articles if _is_within(within, a.within)] or list(self.articles)
        same_kind = [a for a in scope if a.number.split(".")[0].isdigit() != roman] or scope
        level = [a for a in same_kind if len(_sort_key(a.number)) == len(key)] or same_kind

        # the neighbours in numbering order: the closest numbers below and above the one cited
        ordered = sorted(level, key=lambda a: (_sort_key(a.number), a.line))
        at = sum(1 for a in ordered if _sort_key(a.number) < key)
        half = max(1, limit // 2)
        chosen = ordered[max(0, at - half): at + half]
        parent = [a for a in same_kind if _sort_key(a.number) == key[:-1]][:1] if len(key) > 1 else []
        elsewhere = [a for a in self.articles if _sort_key(a.number) == key and a.number.split(".")[0].isdigit()
                     != roman and not _is_within(within, a.within)][:2]
        picked = {id(a) for a in chosen + parent + elsewhere}
        return [a for a in self.articles if id(a) in picked]

    def duplicates(self) -> dict[str, list[Article]]:
        """Numbers headed more than once in one division (a citation of them is ambiguous)."""
        return find_duplicates(self.articles)

    def gaps(self, *, sub: bool = False) -> list[str]:
        """Skipped numbers in the numbering; see :func:`find_gaps`."""
        return find_gaps(self.articles, sub=sub)

    @staticmethod
    def body(article: Article | Division, text: str) -> str:
        """The lines after ``article``'s heading (and title) up to its ``end_line``, leading blanks dropped.

        ``text`` must be the text the index was built from: a heading that is not on its line
        raises ``ValueError`` rather than returning someone else's body.
        """
        lines = _lines(text)
        if article.line > len(lines) or lines[article.line - 1] != article.heading:
            raise ValueError(f"article {article.number} is not at line {article.line} of this text")
        body = list(lines[max(article.line, article.title_end): article.end_line])
        while body and not body[0].strip():
            body.pop(0)
        return "\n".join(body)


@lru_cache(maxsize=64)
def _lines(text: str) -> tuple[str, ...]:
    """The lines of a convention text, split once per text (the checks ask for the body of every
    article of the same few texts, file after file)."""
    return tuple(ln.rstrip("\r") for ln in text.split("\n"))


def _heading_key(line: h.Line) -> tuple[str, str] | None:
    try:
        if line.kind in ("article", "inline"):
            return ("article", normalise_number(line.number))
        if line.kind == "division":
            return (line.division, division_key(line.division, line.number))
    except ValueError:
        return None
    return None


def _drop_tables_of_contents(lines: list[str], kinds: list[h.Line | None]) -> None:
    """Mark the entries of a table of contents ``toc-entry`` (in place): after a ``Sommaire`` line,
    the heading-shaped lines up to the first prose line or the first repeated heading; and a
    run of three or more bodiless headings whose first is headed again later."""
    last: dict[tuple[str, str], int] = {}   # where each heading key is seen last (linear, not a rescan per run)
    for x, kx in enumerate(kinds):
        kx_key = _heading_key(kx) if kx is not None else None
        if kx_key is not None:
            last[kx_key] = x
    i = 0
    while i < len(kinds):
        k = kinds[i]
        if k is not None and k.kind == "toc-marker":
            seen: set[tuple[str, str]] = set()
            j = i + 1
            while j < len(kinds):
                kj = kinds[j]
                if kj is None:
                    if lines[j].strip():
                        break
                    j += 1
                    continue
                key = _heading_key(kj) if kj.kind != "bare" else ("bare", kj.number)
                if key is not None and key in seen:
                    break
                if key is not None:
                    seen.add(key)
                if kj.kind in ("article", "inline", "division", "bare", "toc-entry", "preamble"):
                    kinds[j] = h.Line("toc-entry")
                    j += 1
                    continue
                break
            i = j
            continue
        key = _heading_key(k) if k is not None else None
        if key is not None:
            run, keys, j = [], set(), i
            while j < len(kinds):
                kj = kinds[j]
                if kj is None and not lines[j].strip():
                    j += 1
                    continue
                if kj is None or kj.kind not in ("article", "division") or _heading_key(kj) in keys:
                    break
                run.append(j)
                keys.add(_heading_key(kj))
                j += 1
            if len(run) >= 3 and last.get(key, -1) >= j:
                for x in run:
                    kinds[x] = h.Line("toc-entry")
                i = j
                continue
        i += 1


def _continues_sentence(lines: list[str], j: int) -> bool:
    """The next non-blank line from ``j`` starts in lower case: the line before it was a sentence cut
    by the extraction (005: « Son siège social est fixé à  Il peut être » / « transféré … »)."""
    nxt = next((ln.strip() for ln in lines[j:] if ln.strip()), "")
    return nxt[:1].islower()


class _Builder:
    """Walks the classified lines once: the divisions open at each line, the articles, their ends."""

    def __init__(self, lines: list[str], kinds: list[h.Line | None]) -> None:
        self.lines, self.kinds = lines, kinds
        self.open: list[_Open] = []
        self.divisions: list[list] = []   # kind, number, title, line, heading, within, title_end
        self.found: list[list] = []       # number, title, line, heading, within, title_end, bare
        self.boundaries: set[int] = set()
        self.division_ends: dict[int, int] = {}  # division index -> line where it stops
        self._ordered: list[int] | None = None

    def within(self) -> tuple[str, ...]:
        return tuple(o.key for o in self.open if o.kind != "preamble")

    def close(self, level: int, at: int) -> None:
        while self.open and (level < 0 or self.open[-1].level >= level):
            self.division_ends[self.open.pop().index] = at

    def title_after(self, i: int, title: str) -> tuple[str, int]:
        """The title, continued on the next line(s) when cut, or taken from the next line when absent."""
        lines = self.lines
        if not title:
            j = i + 1
            if j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and h.can_be_title(lines[j]) and (j + 1 >= len(lines) or not lines[j + 1].strip()) \
                    and not _continues_sentence(lines, j + 1):
                return h.clean_title(lines[j].strip("*_ ")), j + 1
            return "", 0
        end = 0
        while h.title_continues(title) and i + 1 < len(lines) and h.can_be_title(lines[i + 1]):
            i += 1
            title, end = f"{title} {h.clean_title(lines[i])}", i + 1
        return title, end

    def build(self) -> ArticleIndex:
        top_kind: str | None = None
        top_value = 0
        explicit: set[tuple[tuple[str, ...], str]] = set()
        skip_to = 0
        for i, k in enumerate(self.kinds):
            lineno = i + 1
            if k is None or lineno <= skip_to:
                continue
            raw = self.lines[i]
            if k.kind in ("toc-entry", "toc-marker"):
                self.boundaries.add(lineno)
                continue
            if k.kind == "agreed":
                if self.open and self.open[-1].kind == "preamble":
                    self.close(-1, lineno)
                continue
            if k.kind == "preamble":
                self.close(-1, lineno)
                self.divisions.append(["preamble", "", "", lineno, raw, (), 0])
                self.open.append(_Open("preamble", "preamble", -1, len(self.divisions) - 1))
                self.boundaries.add(lineno)
                continue
            if k.kind == "division":
                key = division_key(k.division, k.number)
                self.close(k.level if k.division != "annex" else -1, lineno)
                if self.open and self.open[-1].kind == "preamble":
                    self.close(-1, lineno)
                title, end = ("", 0) if k.also_article else self.title_after(i, h.clean_title(k.rest))
                number = key.partition(" ")[2]
                self.divisions.append([k.division, number, title, lineno, raw, self.within(), end])
                self.open.append(_Open(k.division, key, k.level, len(self.divisions) - 1))
                self.boundaries.add(lineno)
                skip_to = max(skip_to, end)
                if k.division != "annex":
                    top_kind, top_value = None, 0
                if k.also_article:
                    number = normalise_number(k.also_article)
                    title, end = self.title_after(i, h.clean_title(k.also_rest))
                    self.found.append([number, title, lineno, raw, self.within(), end, False])
                    explicit.add((self.within(), number))
                    skip_to = max(skip_to, end)
                continue
            if k.kind in ("article", "inline"):
                if self.open and self.open[-1].kind == "preamble":
                    self.close(-1, lineno)
                number = normalise_number(k.number)
                head = number.split(" ")[0].split(".")[0]
                top_kind = "arabic" if head.isdigit() else "roman"
                top_value = _component_value(head)
                title, end = ("", 0) if k.kind == "inline" else self.title_after(i, h.clean_title(k.rest))
                self.found.append([number, title, lineno, raw, self.within(), end, False])
                explicit.add((self.within(), number))
                self.boundaries.add(lineno)
                skip_to = max(skip_to, end)
                continue
            # a bare number
            if not k.markdown and top_kind != "arabic":
                continue
            title = h.clean_title(k.rest)
            if not title or (not k.markdown and k.rest.rstrip().endswith(h.SENTENCE_END)):
                continue
            number = normalise_number(k.number)
            parts = _sort_key(number)
            if k.markdown:
                top_kind, top_value = "arabic", parts[0]
            elif len(parts) == 1 and parts[0] == top_value + 1:
                top_value = parts[0]
            elif not (len(parts) > 1 and parts[0] == top_value):
                continue
            if self.open and self.open[-1].kind == "preamble":
                self.close(-1, lineno)
            self.found.append([number, title, lineno, raw, self.within(), 0, not k.markdown])
            self.boundaries.add(lineno)
        self.close(-1, len(self.lines) + 1)
        # a bare number headed ``Article N`` elsewhere in the same division is a list item
        kept = [f for f in self.found if not (f[6] and (f[4], f[0]) in explicit)]
        kept_ids = {id(f) for f in kept}
        self.boundaries -= {f[2] for f in self.found if id(f) not in kept_ids}
        return ArticleIndex(tuple(_scopes([self.article(f) for f in kept])),
                            tuple(self.division(n, d) for n, d in enumerate(self.divisions)))

    def trimmed_end(self, line: int, stop: int) -> int:
        end = stop - 1
        while end > line and not self.lines[end - 1].strip():
            end -= 1
        return end

    def article(self, f: list) -> Article:
        number, title, line, heading, within, title_end, _ = f
        if self._ordered is None:
            self._ordered = sorted(self.boundaries)
        at = bisect.bisect_right(self._ordered, line)
        nxt = self._ordered[at] if at < len(self._ordered) else len(self.lines) + 1
        return Article(number, title, line, self.trimmed_end(max(line, title_end), nxt), heading, within, title_end)

    def division(self, n: int, d: list) -> Division:
        kind, number, title, line, heading, within, title_end = d
        stop = self.division_ends.get(n, len(self.lines) + 1)
        return Division(kind, number, title, line, self.trimmed_end(max(line, title_end), stop), heading, within,
                        title_end)
