"""Index of the articles of a convention text: where each one starts and ends.

Clause rules cite articles ("article 7", "article 8.2", "article V"); the
linter needs to know which articles a convention really has to report a
citation that points nowhere, duplicate or skipped article numbers, and which
articles no rule covers. The texts in ``conventions/`` are plain text extracted
from signed documents, so there is no markup: headings are recognised by the
following heuristic, tuned on those five texts (see ``tests/test_articles.py``).

1. A line starting with ``Article`` (any case: ``ARTICLE 6 :``) followed by a
   number is always a heading. The number is arabic, possibly dotted and with a
   trailing dot (``4.1``, ``8.1.``), possibly ``1er``, or an upper-case roman
   numeral (``V``). It is followed by the end of the line, a separator
   (``:``, ``-``, ``–``, ``—``, with or without spaces: ``Article 8– Instances``,
   ``Article 4 –Suivi``) or a space (``Article 4.1 Responsabilités du
   coordonnateur :``). Lines longer than 160 characters are prose, not headings.
   A Markdown heading prefix (``## Article 1 – Durée``) or bold (``**ARTICLE 4 : Durée**``) is allowed.
1b. The Journal officiel's inline form ``Art. 1er. - La présente convention…``
   (abbreviation, number, dash, then the first sentence on the same line) is a
   heading of any length, without a title.
2. A bare-number line (``11. Résiliation``, ``8.1. Cellule de coordination``,
   ``6.1 : Durée``, ``5.3 – Règlement…``) is a heading only when all hold:

   - it comes after the first ``Article`` heading (exposés and preambles number
     their lists too: 004's ``1. Diversifier l'offre…``, 003's dates);
   - the line starts with the number (so bullets such as ``- 1 Renforcer…`` or
     ``**1. …**`` never qualify), which is followed by ``.`` and a space, or by a
     separator, then a title (so ``1 La régulation…`` does not qualify);
   - the line is short (at most 80 characters) and its title does not end like a
     sentence (``.``, ``;``, ``,``, ``…``), which rules out long list items such
     as 004's ``2. Apaiser les tensions…`` inside article 1;
   - no ``Article`` heading of the text has that top-level number (007's « 2. Axes
     d'intervention : » inside article 1, before « Article 2 », is a list item);
   - the number continues the arabic numbering: it is the next top-level number
     (``11`` after article 10) or a sub-number of the current top-level article
     (``8.1`` after article 8, ``5.3`` after ``5.2``).

3. Numbered sections that do not repeat their article's number are not
   articles. Decision for 002: inside the first ``Article V``, ``1. Personnes
   référentes`` (glued to the heading line by the extraction) and ``2. Conduite
   des projets…`` are neither V.1/V.2 nor top-level articles; they stay in the
   body of that article V. Bare arabic numbers never continue a roman numbering.
4. The title is the text after the number and separator, cut before a glued bold
   sub-heading (``**``), with a trailing ``:`` removed.
5. An article's body runs from the line after its heading to the last non-blank
   line before the next heading, before an annex heading at the start of a line
   (``Annexe 1 : …``, ``# ANNEXE 1``), or before the end of the text. A parent article
   immediately followed by its first sub-article has an empty body.

Numbers are compared after :func:`normalise_number`. Roman and arabic numbers
are never equated (``5`` does not find ``Article V``): a citation must use the
text's own numbering.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "Article",
    "ArticleIndex",
    "normalise_number",
    "find_duplicates",
    "find_gaps",
]

_ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN_RE = re.compile(rf"(?=[MDCLXVI]){_ROMAN}")
_ARABIC_RE = re.compile(r"[0-9]+(?:\.[0-9]+)*")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}

_ARTICLE_HEADING = re.compile(
    r"""^\s*(?:\#{1,6}\s+)?(?:\*{1,2})?article\s+
    (?P<num> [0-9]+(?:\.[0-9]+)*(?:er)?\.?
           | (?-i:(?=[MDCLXVI])""" + _ROMAN + r""")\.?(?!\w)
    )
    (?P<rest>(?:[\s:–—-].*)?)$""",
    re.IGNORECASE | re.VERBOSE,
)
_BARE_HEADING = re.compile(
    r"^[ \t]*(?P<num>[0-9]+(?:\.[0-9]+)*)(?:\.[ \t]+|[ \t]*[:–—-][ \t]*)(?P<title>\S.*)$"
)
_ANNEX_HEADING = re.compile(r"^\s*(?:#{1,6}\s+)?annexe\s+(?:[0-9]+|[IVXLCDM]+)\b", re.IGNORECASE)
# The Journal officiel's inline form: ``Art. 1er. - La présente convention…`` (heading and first
# sentence on one line, so no length limit and no title).
_INLINE_HEADING = re.compile(r"^\s*art\.\s+(?P<num>[0-9]+(?:\.[0-9]+)*(?:er)?)\.?\s+[–—-]\s+\S", re.IGNORECASE)
_CITATION_PREFIX = re.compile(r"^(?:article|art\b\.?)\s*", re.IGNORECASE)

_MAX_ARTICLE_LINE = 160
_MAX_BARE_LINE = 80
_SENTENCE_END = (".", ";", ",", "…")


@dataclass(frozen=True)
class Article:
    """One article heading and the extent of its body (1-based, inclusive lines)."""

    number: str
    title: str
    line: int
    end_line: int
    heading: str


def normalise_number(s: str) -> str:
    """Canonical article number, so citations and headings compare equal.

    ``"Article 4.1"`` → ``"4.1"``, ``"8.1."`` → ``"8.1"``, ``"v"`` → ``"V"``,
    ``"07"`` → ``"7"``, ``"1er"`` → ``"1"``, ``"art. 9"`` → ``"9"``. The first
    component may be roman (upper-cased), later ones are arabic. Raises
    ``ValueError`` for anything else, so a malformed citation is not silently
    reported as "not found".
    """
    t = _CITATION_PREFIX.sub("", s.strip()).strip().rstrip(".").strip()
    er = re.fullmatch(r"([0-9]+)er", t, re.IGNORECASE)
    if er:
        t = er.group(1)
    if _ARABIC_RE.fullmatch(t):
        return ".".join(str(int(p)) for p in t.split("."))
    head, _, tail = t.partition(".")
    if _ROMAN_RE.fullmatch(head.upper()) and (not tail or _ARABIC_RE.fullmatch(tail)):
        parts = [head.upper()] + ([str(int(p)) for p in tail.split(".")] if tail else [])
        return ".".join(parts)
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
    return int(c) if c.isdigit() else _roman_to_int(c)


def _sort_key(number: str) -> tuple[int, ...]:
    return tuple(_component_value(c) for c in number.split("."))


def _fold(s: str) -> str:
    """Case- and accent-insensitive form, for matching titles."""
    decomposed = unicodedata.normalize("NFKD", s.replace("’", "'"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _clean_title(raw: str) -> str:
    t = raw.strip().lstrip(":–—-. \t")
    t = next((p.strip() for p in t.split("**") if p.strip()), "")
    return t.rstrip(" \t:").strip()


def find_duplicates(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Numbers used by more than one heading, in order of first appearance."""
    by_number: dict[str, list[Article]] = {}
    for a in articles:
        by_number.setdefault(a.number, []).append(a)
    return {n: arts for n, arts in by_number.items() if len(arts) > 1}


def find_gaps(articles: Iterable[Article], *, sub: bool = False) -> list[str]:
    """Numbers missing from the numbering, sorted (``1, 2, 4`` → ``["3"]``).

    Top-level numbers count from 1 up to the highest one; a sub-article's parent
    counts as present even without its own heading. Missing top-level numbers
    are written in roman when the text numbers its articles in roman only. With
    ``sub=True``, sub-numbers are checked too (``8.1, 8.3`` → ``"8.2"``).
    """
    numbers = [a.number for a in articles]
    tops = {n.split(".")[0] for n in numbers}
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


@dataclass(frozen=True)
class ArticleIndex:
    """The articles of one convention text, in text order."""

    articles: tuple[Article, ...] = ()

    @classmethod
    def from_text(cls, text: str) -> ArticleIndex:
        """Index ``text`` (pure: same text, same index; nothing cached)."""
        lines = [ln.rstrip("\r") for ln in text.split("\n")] if text else []
        found: list[tuple[int, str, str, str]] = []  # line, number, title, heading
        boundaries: set[int] = set()
        top_kind: str | None = None  # "arabic" or "roman" once an Article heading is seen
        top_value = 0
        # numbers the text heads with « Article N »: a bare « N. Title » line is then a list item
        # of an article (007's « 2. Axes d'intervention : » inside article 1), not a second article N
        explicit = {normalise_number(m.group("num")).split(".")[0] for raw in lines
                    if (m := (_ARTICLE_HEADING.match(raw) or _INLINE_HEADING.match(raw)))}
        for i, raw in enumerate(lines, start=1):
            if _ANNEX_HEADING.match(raw):
                boundaries.add(i)
                continue
            inline = _INLINE_HEADING.match(raw)
            if inline:
                number = normalise_number(inline.group("num"))
                top_kind, top_value = "arabic", _component_value(number.split(".")[0])
                found.append((i, number, "", raw))
                boundaries.add(i)
                continue
            m = _ARTICLE_HEADING.match(raw)
            if m and len(raw.strip()) <= _MAX_ARTICLE_LINE:
                number = normalise_number(m.group("num"))
                head = number.split(".")[0]
                top_kind = "arabic" if head.isdigit() else "roman"
                top_value = _component_value(head)
                found.append((i, number, _clean_title(m.group("rest")), raw))
                boundaries.add(i)
                continue
            if top_kind != "arabic":
                continue
            b = _BARE_HEADING.match(raw)
            if not b or len(raw.strip()) > _MAX_BARE_LINE:
                continue
            title = _clean_title(b.group("title"))
            if not title or b.group("title").rstrip().endswith(_SENTENCE_END):
                continue
            number = normalise_number(b.group("num"))
            parts = [int(p) for p in number.split(".")]
            if len(parts) == 1 and number in explicit:
                continue
            if len(parts) == 1 and parts[0] == top_value + 1:
                top_value = parts[0]
            elif not (len(parts) > 1 and parts[0] == top_value):
                continue
            found.append((i, number, title, raw))
            boundaries.add(i)

        ordered = sorted(boundaries)
        articles: list[Article] = []
        for line, number, title, heading in found:
            nxt = next((b for b in ordered if b > line), len(lines) + 1)
            end = nxt - 1
            while end > line and not lines[end - 1].strip():
                end -= 1
            articles.append(Article(number, title, line, end, heading))
        return cls(tuple(articles))

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def find(self, number: str, title: str | None = None) -> list[Article]:
        """Articles numbered ``number`` (normalised), optionally whose title contains ``title``.

        ``title`` disambiguates duplicate numbers (002's two articles V); it is
        matched case- and accent-insensitively. Raises ``ValueError`` when
        ``number`` is not an article number.
        """
        key = normalise_number(number)
        hits = [a for a in self.articles if a.number == key]
        if title is not None:
            needle = _fold(title)
            hits = [a for a in hits if needle in _fold(a.title)]
        return hits

    def duplicates(self) -> dict[str, list[Article]]:
        """Numbers headed more than once (a citation of them is ambiguous)."""
        return find_duplicates(self.articles)

    def gaps(self, *, sub: bool = False) -> list[str]:
        """Skipped numbers in the numbering; see :func:`find_gaps`."""
        return find_gaps(self.articles, sub=sub)

    @staticmethod
    def body(article: Article, text: str) -> str:
        """The lines after ``article``'s heading up to its ``end_line``, leading blanks dropped.

        ``text`` must be the text the index was built from: a heading that is not
        on its line raises ``ValueError`` rather than returning someone else's body.
        """
        lines = [ln.rstrip("\r") for ln in text.split("\n")]
        if article.line > len(lines) or lines[article.line - 1] != article.heading:
            raise ValueError(f"article {article.number} is not at line {article.line} of this text")
        body = lines[article.line : article.end_line]
        while body and not body[0].strip():
            body.pop(0)
        return "\n".join(body)
