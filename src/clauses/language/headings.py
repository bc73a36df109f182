"""What one line of a convention text is, read alone: an article heading, a division heading
(titre, chapitre, section, annexe), a preamble heading, a table-of-contents entry, or prose.

:mod:`clauses.language.articles` walks these classifications in text order to build the
index (which divisions contain which article, where each body ends); this module only
knows the shapes of a heading as real texts write it (``docs/articles.md``):

- an article heading: ``Article 7``, ``ARTICLE 6 :``, ``Art. 5 bis –``, ``Article premier``,
  ``Article 1er``, ``Article V``, ``Article 4. 1. 1.``, behind a Markdown ``#`` prefix of
  any level or bold ``**…**``; after the number, the end of the line, a separator
  (``:``, ``-``, ``–``, ``—``, ``.``) or a capitalised title (``Article 4.1 Responsabilités``):
  a lower-case word right after the number is prose (``Article 3 de la présente
  convention``);
- a numbered line without the word ``Article`` (``11. Résiliation``, ``14. 1. Terme :``):
  a *bare* candidate, which the index accepts only where it continues the numbering;
  behind a Markdown ``#`` prefix it is a heading;
- a division: ``TITRE II — …``, ``Chapitre 1``, ``Section 2``, ``Annexe n° 1``, ``# ANNEXE 1 : …``,
  ``Annexe I – article 2 : …`` (an annex heading that also heads its first article);
- a preamble: ``Préambule``, ``PREAMBULE``, ``Exposé des motifs``; ``Il a été convenu ce qui
  suit`` closes it;
- a table of contents: ``Sommaire`` / ``Table des matières``, and any heading-shaped line
  with dot leaders, a trailing page number or a Markdown link (``[Article 1](#article-1)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clauses import lazyre   # compiled when first used: a cached check never classifies a heading

ROMAN = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
#: the Latin adverbs of an inserted article (``5 bis``, ``7.1 ter``)
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "novies", "decies")
_SUFFIX = r"(?:[ \t]*-?[ \t]*(?:" + "|".join(SUFFIXES) + r")(?![\w]))"
#: ``4.1``, ``4. 1. 1`` (spaces around the dots; later components have at most three digits so
#: that ``1. 2019 …`` is not read as 1.2019), ``1er``, ``premier``, ``V``, ``Ier``, ``V.2``
NUMBER = (r"(?:[0-9]+(?:[ \t]*\.[ \t]*[0-9]{1,3}(?![0-9]))*(?:er|ère)?"
          r"|premi(?:er|ère)|(?-i:(?=[MDCLXVI])" + ROMAN + r")(?:er)?(?:\.[0-9]+)*)" + _SUFFIX + "?")
_LEAD = r"^[ \t]*(?:\#{1,6}[ \t]+)?(?P<bold>\*{1,2}|_{1,2})?[ \t]*"
_ARTICLE = lazyre.compile(_LEAD + r"(?P<word>article|art\.)[ \t]+(?P<num>" + NUMBER + r")\.?(?![\w])(?P<rest>.*)$",
                          re.IGNORECASE)
#: the Journal officiel's inline form, ``Art. 1er. - La présente convention…`` (the period after the number, then
#: a sentence): no title, the body starts on the heading's line
_INLINE = lazyre.compile(r"^\s*art\.\s+(?P<num>" + NUMBER + r")\.\s+[–—-]\s+(?P<text>\S.*)$", re.IGNORECASE)
_LINKED = lazyre.compile(r"^\s*(?:[-*+]\s+|[0-9]+\.\s+)?\[(?P<text>[^\]]+)\]\([^)]*\)")
_BARE_NUMBER = r"(?P<num>[0-9]+(?:[ \t]*\.[ \t]*[0-9]{1,3}(?![0-9]))*" + _SUFFIX + r"?)"
_BARE = lazyre.compile(r"^[ \t]*" + _BARE_NUMBER + r"(?:[ \t]*\.[ \t]+|[ \t]*[:–—-][ \t]*)(?P<title>\S.*)$", re.IGNORECASE)
#: ``## 3. Durée``, ``### 3.1 Objet``: a Markdown heading that starts with a number is a heading
_MD_BARE = lazyre.compile(r"^[ \t]*\#{1,6}[ \t]+(?:\*{1,2})?" + _BARE_NUMBER + r"\.?(?:[ \t]*[:–—-])?[ \t]+(?P<title>\S.*)$",
                          re.IGNORECASE)
#: division words, to their canonical kind and level (a division closes those of its level and below)
DIVISION_KINDS = {
    "partie": ("part", 0), "part": ("part", 0),
    "titre": ("title", 1), "title": ("title", 1),
    "chapitre": ("chapter", 2), "chapter": ("chapter", 2),
    "section": ("section", 3),
    "sous-section": ("subsection", 4), "subsection": ("subsection", 4),
    "annexe": ("annex", -1), "annex": ("annex", -1), "appendice": ("annex", -1), "appendix": ("annex", -1),
    "schedule": ("annex", -1),
}
_DIVISION = lazyre.compile(
    _LEAD + r"(?P<kind>" + "|".join(sorted(DIVISION_KINDS, key=len, reverse=True)) + r")(?![\w-])"
    r"(?:[ \t]+(?:n[°o]\.?[ \t]*)?(?P<num>[0-9]+(?:er|ère)?|premi(?:er|ère)|unique|(?-i:(?=[MDCLXVI])" + ROMAN
    + r")(?:er)?|(?-i:[A-Z]))(?![\w]))?\.?(?P<rest>.*)$", re.IGNORECASE)
_PREAMBLE = lazyre.compile(r"^[ \t]*(?:\#{1,6}[ \t]+)?(?:\*{1,2})?[ \t]*(?:pr[ée]ambule|expos[ée] (?:des motifs|pr[ée]alable)"
                           r"|preamble|recitals)[ \t]*:?[ \t]*(?:\*{1,2})?[ \t]*$", re.IGNORECASE)
_AGREED = lazyre.compile(r"^\W*(?:il\s+(?:a\s+[ée]t[ée]|est)\s+(?:convenu|arr[êe]t[ée]|d[ée]cid[ée])\b.*\bce\s+qui\s+suit\b"
                         r"|les\s+parties\s+(?:ont\s+)?conv(?:iennent|enu)\s+(?:de\s+ce\s+qui\s+suit|des\s+dispositions\s+suivantes)"
                         r"|it\s+(?:is|has\s+been)\s+agreed\s+as\s+follows)", re.IGNORECASE)
_TOC_MARKER = lazyre.compile(r"^[ \t]*(?:\#{1,6}[ \t]+)?(?:\*{1,2})?[ \t]*(?:sommaire|table\s+des\s+mati[èe]res"
                             r"|table\s+of\s+contents|contents)[ \t]*:?[ \t]*(?:\*{1,2})?[ \t]*$", re.IGNORECASE)
#: what makes a heading-shaped line a table-of-contents entry: dot leaders or a page number at the end,
#: or a Markdown link
_TOC_ENTRY = lazyre.compile(r"(?:\.{3,}|…{2,}|(?:\. ){3,}|\t|[ \t]{3,})[ \t]*(?:p\.?[ \t]*)?[0-9]{1,4}[ \t]*$"
                            r"|\[[^\]]+\]\([^)]*\)")
MAX_HEADING_LINE = 160
MAX_BARE_LINE = 80
SENTENCE_END = (".", ";", ",", "…")


@dataclass(frozen=True)
class Line:
    """One line classified: ``kind`` is ``article``, ``inline``, ``bare``, ``division``, ``preamble``,
    ``agreed``, ``toc-marker`` or ``toc-entry``."""

    kind: str
    number: str = ""        # as written
    rest: str = ""          # what follows the number (title, separators)
    division: str = ""      # canonical kind of a division
    level: int = 0
    markdown: bool = False
    also_article: str = ""  # ``Annexe I – article 2``: the article number the annex heading also heads
    also_rest: str = ""


def _prose_after_number(rest: str) -> bool:
    """``Article 3 de la présente convention``: a lower-case word straight after the number."""
    stripped = rest.strip().lstrip("*_").strip()
    return bool(stripped) and rest[:1] in " \t" and stripped[0].islower()


def classify(raw: str) -> Line | None:
    """What ``raw`` is, read alone (the index decides about bare numbers in context)."""
    line = raw.rstrip()
    if not line.strip():
        return None
    if _TOC_MARKER.match(line):
        return Line("toc-marker")
    if _PREAMBLE.match(line):
        return Line("preamble")
    if _AGREED.match(line):
        return Line("agreed")
    linked = _LINKED.match(line)
    if linked and _shape(linked.group("text")) is not None:
        return Line("toc-entry")
    shaped = _shape(line)
    if shaped is not None and shaped.kind != "bare" and _TOC_ENTRY.search(line):
        return Line("toc-entry", shaped.number, shaped.rest, shaped.division, shaped.level)
    return shaped


def _shape(line: str) -> Line | None:
    inline = _INLINE.match(line)
    if inline and (len(line) > MAX_BARE_LINE or inline.group("text").rstrip().endswith(SENTENCE_END + (":",))):
        return Line("inline", inline.group("num"))
    article = _ARTICLE.match(line)
    if article and len(line.strip()) <= MAX_HEADING_LINE and not _prose_after_number(article.group("rest")):
        rest = article.group("rest")
        if rest.strip() == "" or rest[:1] in " \t:–—-.*_" or rest.strip()[:1] in ":–—-":
            return Line("article", article.group("num"), rest, markdown=line.lstrip().startswith("#"))
    division = _DIVISION.match(line)
    if division and len(line.strip()) <= MAX_HEADING_LINE:
        kind, level = DIVISION_KINDS[division.group("kind").lower()]
        number = division.group("num") or ""
        rest = division.group("rest")
        numbered_ok = number or kind == "annex"
        if numbered_ok and not _prose_after_number(rest) and (rest.strip() == "" or rest[:1] in " \t:–—-.*_"):
            if kind == "annex" and not number and rest.strip() and rest.strip()[:1] not in ":–—-*_":
                return None  # « Annexe à la convention … », « annexé »: prose
            also = re.match(r"^[ \t]*[:–—-][ \t]*(?:article|art\.)[ \t]+(?P<num>" + NUMBER + r")\.?(?![\w])(?P<rest>.*)$",
                            rest, re.IGNORECASE)
            return Line("division", number, rest, kind, level, markdown=line.lstrip().startswith("#"),
                        also_article=also.group("num") if also else "", also_rest=also.group("rest") if also else "")
    markdown_bare = _MD_BARE.match(line)
    if markdown_bare and len(line.strip()) <= MAX_HEADING_LINE and not markdown_bare.group("title")[:1].islower():
        return Line("bare", markdown_bare.group("num"), markdown_bare.group("title"), markdown=True)
    bare = _BARE.match(line)
    if bare and len(line.strip()) <= MAX_BARE_LINE:
        return Line("bare", bare.group("num"), bare.group("title"))
    return None


def clean_title(raw: str) -> str:
    """The title after the number: separators, bold markers and a trailing ``:`` removed; cut before a
    glued bold sub-heading (``**1. Personnes référentes**``)."""
    t = raw.strip().lstrip(":–—-. \t")
    t = next((p.strip() for p in t.split("**") if p.strip()), "")
    t = t.strip("_ \t")
    return t.rstrip(" \t:").strip()


_CONTINUED = lazyre.compile(r"(?:[-–—,]|\b(?:de|du|des|d['’]|et|à|au|aux|la|le|les|l['’]|en|pour|sur|par|of|and|the|to))$",
                            re.IGNORECASE)


def title_continues(title: str) -> bool:
    """A title cut at the end of its line (``… RÉSILIATION DE``, ``Durée,``)."""
    return bool(_CONTINUED.search(title.strip()))


def can_be_title(raw: str) -> bool:
    """A line that may carry (the rest of) a heading's title: short, not a sentence, not a heading."""
    t = raw.strip().strip("*_ \t")
    return (bool(t) and len(t) <= 100 and not t.endswith(SENTENCE_END + (":",)) and classify(raw) is None
            and not t.startswith(("-", "―", "•", "*", "|", ">")) and (t[0].isupper() or t[0].isdigit()))
