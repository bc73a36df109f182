"""D — the convention text itself: its numbering, its cross-references, and the
articles with time limits, majorities or amounts that no rule encodes.

These checks read the text the header names (``texte "…"``) and point at that
header item; they say nothing when the rules file names no text.
"""

from __future__ import annotations

from functools import lru_cache

import re
from typing import Iterator

from clauses.language import model as m
from clauses.language.articles import Article, ArticleIndex
from clauses.codes import Severity
from clauses.diagnostics import Diagnostic
from clauses.language.source import Span
from clauses.checks import CheckContext, check
from clauses.i18n import joined, tr

_TEXT_ITEM = re.compile(r"\btexte?\s+(?:\"(?:[^\"\\\n]|\\.)*\"|«[^»\n]*»)", re.IGNORECASE)


def text_span(ctx: CheckContext) -> Span | None:
    """The header's ``texte "…"`` item, else the convention statement."""
    conv, source = ctx.convention, ctx.source
    span = conv.span
    if span is None or source is None or span.path != source.path:
        return span
    start = source.line_starts[span.line - 1] + span.column - 1
    end = source.line_starts[span.end_line - 1] + span.end_column - 1 if span.end_line <= len(source.line_starts) \
        else len(source.text)
    found = _TEXT_ITEM.search(source.text, start, end)
    return source.span(found.start(), found.end()) if found else span


def _name(ctx: CheckContext) -> str:
    return ctx.text.path.name


# ------------------------------------------------------------------ numbering
_ANNEX = re.compile(r"^\s*annexe\b(?!\s+(?:à|a|au|aux)\b)", re.IGNORECASE)   # « ANNEXE 1 – … », not « annexé à »


@check("D001", "duplicate-article-number", Severity.WARNING,
       "the convention text numbers two articles the same",
       """
Two articles with the same number (seed 002 has two « Article V ») make every
reference to that number ambiguous, in the text, in correspondence and in
court: which one does "article V" mean? Rules must cite such an article by
number and title (`article V "évaluation"`), and the text should be amended.
""",
       bad='# 002_soliha_mta_croix.txt: « Article IV – Instance de pilotage … Article V – MODALITES DE\n'
           '# FONCTIONNEMENT … Article V – EVALUATION ET CONTROLE DE LA CONVENTION … Article VI »\n'
           'convention "SOLiHA — MTA" texte "002_soliha_mta_croix.txt".',
       good='# 003_ccas_dijon_adoma.txt: « ARTICLE 1 … ARTICLE 9 », each number once\n'
            'convention "CCAS de Dijon — ADOMA" texte "003_ccas_dijon_adoma.txt".')
def duplicate_article_number(ctx: CheckContext) -> Iterator[Diagnostic]:
    if ctx.text is None:
        return
    annexes = [i for i, line in enumerate(ctx.text.text.split("\n"), start=1) if _ANNEX.match(line)]
    for number, articles in ctx.text.articles.duplicates().items():
        # an annex restarts its numbering: only articles of the same part (the convention, or
        # one annex) can clash
        parts: dict[int, list] = {}
        for a in articles:
            parts.setdefault(sum(1 for line in annexes if line < a.line), []).append(a)
        articles = next((same for same in parts.values() if len(same) > 1), None)
        if articles is None:
            continue
        where = ", ".join(f"line {a.line} « {a.title} »" if a.title else f"line {a.line}" for a in articles)
        yield Diagnostic.of("D001", tr("{name} numbers {len} articles {number} ({where})", name=_name(ctx),
                                       len=len(articles), number=number, where=where),
                            text_span(ctx), _duplicate_hint(articles, number))


def _duplicate_hint(articles: list, number: str):
    """How to cite one of two articles numbered alike: ``article 5 "…"``, or, in a division that
    restarts the numbering, the division's own citation (``titre 2 article 1 "…"``), whose label
    already names the article (not ``article titre 2 article 1``)."""
    value = articles[-1].title.lower() or "…"
    if articles[-1].scope:
        return tr("cite them by division, number and title (`{citation} \"{value}\"`), and have the text "
                  "renumbered", citation=articles[-1].label, value=value)
    return tr("cite them by number and title (`article {number} \"{value}\"`), and have the text renumbered",
              number=number, value=value)


@check("D002", "skipped-article-number", Severity.WARNING,
       "the convention text skips an article number",
       """
A numbering that jumps (articles 1, 2, 4, or 8.1, 8.3) means an article was
deleted or the text renumbered during drafting: cross-references written before
the change may now point to the wrong article, and a reader may wonder whether
the signed copy is complete.
""",
       bad='# the text: « Article 1 – Objet … Article 2 – Engagements … Article 4 – Durée »\n'
           'convention "Convention de partenariat" texte "D002-bad.txt".',
       good='# the text: « Article 1 – Objet … Article 2 – Engagements … Article 3 – Durée »\n'
            'convention "Convention de partenariat" texte "D002-good.txt".')
def skipped_article_number(ctx: CheckContext) -> Iterator[Diagnostic]:
    if ctx.text is None:
        return
    for number in ctx.text.articles.gaps(sub=True):
        yield Diagnostic.of("D002", tr("{name} skips article {number}", name=_name(ctx), number=number), text_span(ctx),
                            tr("check that the text's cross-references and the rules' citations still "
                               "point where they should"))


# ------------------------------------------------------------------ cross-references
_NUM = r"(?:[0-9]+(?:\.[0-9]+)*(?:er)?|(?-i:[IVXLC]+)(?:\.[0-9]+)*)(?![\w-]|\.\d)"   # not « 226-13 », « L.2113 »
_REF = re.compile(rf"\b(?:art\.|articles?)\s+(?P<nums>{_NUM}(?:\s*(?:,|\bet\b|\bà\b|\bou\b)\s*{_NUM})*)",
                  re.IGNORECASE)
_ONE = re.compile(_NUM, re.IGNORECASE)
# What follows the numbers: « de la présente convention » is this text, « du code pénal » another one.
_COMPLEMENT = re.compile(r"\s*(?:et suivants\s*)?(?:du|de la|de l['’]|des|de|d['’])\s*"
                         r"(?P<what>[^\s,.;:)]+(?:\s+[^\s,.;:)]+)?)", re.IGNORECASE)
_THIS_TEXT = re.compile(r"^(?:(?:présente?s?|cette)\b.*|convention(?:-cadre)?(?!\s+(?:annuelle|d['’]))\b.*"
                        r"|(?:présent|même)\s+(?:accord|contrat|article)\b.*)$", re.IGNORECASE)


# « article L. 1231-2 », « article R.441-1 », « art. D 312-7 »: an article of a code (législatif,
# réglementaire...), never one of this text (the letter would read as the Roman numeral L, D...)
_CODE_ARTICLE = re.compile(r"\b(?:art\.|articles?)\s+[LRDA]\*?\s*\.?\s*\d", re.IGNORECASE)


def references(text: str, index: ArticleIndex) -> Iterator[tuple[int, str, str]]:
    """(line, number, quoted reference) for each reference to an article of this text."""
    yield from _references(text, frozenset(a.line for a in index))


@lru_cache(maxsize=256)
def _references(text: str, headings: frozenset[int]) -> tuple[tuple[int, str, str], ...]:
    """Cached: a portfolio's rules files cite the same few convention texts."""
    return tuple(_find_references(text, headings))


def _find_references(text: str, headings: frozenset[int]) -> Iterator[tuple[int, str, str]]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if lineno in headings:
            continue
        for ref in _REF.finditer(line):
            if _CODE_ARTICLE.match(line, ref.start()):
                continue  # « article L. 1231-2 du code du travail »
            follow = _COMPLEMENT.match(line, ref.end())
            if follow and not _THIS_TEXT.match(follow.group("what")):
                continue  # « articles 15 à 23 du règlement », « article 3 de l'annexe »
            lead = re.search(r"(?:\S+\s+){0,3}\S*$", line[: ref.start()])  # three words of context
            quoted = line[lead.start(): ref.end()].strip()
            for num in _ONE.finditer(ref.group("nums")):
                yield lineno, num.group(0), quoted


@check("D003", "dangling-cross-reference", Severity.WARNING,
       "the convention text refers to an article it does not have",
       """
"Réunion de conciliation prévue par l'article 12" is a promise: when the text
has no article 12 (it was renumbered, or never written), the procedure it
refers to does not exist and the clause that relies on it cannot be applied as
written. References to other texts (« articles 226-13 et suivants du code
pénal », « articles 15 à 23 du règlement », « article L.2113-6 du CCP ») are
not checked.
""",
       bad='# the text has articles 1 to 3; article 2: « … après tentative infructueuse d\'une résolution\n'
           '# en réunion de conciliation prévue par l\'article 12 de la présente convention. »\n'
           'convention "Convention de partenariat" texte "D003-bad.txt".',
       good='# article 2: « … en réunion de conciliation prévue par l\'article 3 de la présente convention. »;\n'
            '# article 1: « … dans le respect des articles 15 à 23 du règlement général sur la protection des\n'
            '# données » (another text: not checked)\n'
            'convention "Convention de partenariat" texte "D003-good.txt".')
def dangling_cross_reference(ctx: CheckContext) -> Iterator[Diagnostic]:
    if ctx.text is None:
        return
    for line, number, quoted in references(ctx.text.text, ctx.text.articles):
        try:
            found = ctx.text.articles.find(number)
        except ValueError:
            continue
        if not found:
            yield Diagnostic.of("D003", tr("{name} line {line} refers to article {number} (« {quoted} »), "
                                           "which the text does not have", name=_name(ctx), line=line,
                                           number=number, quoted=quoted), text_span(ctx),
                                tr("have the reference corrected; cite the article the parties meant in "
                                   "the rules"))


# ------------------------------------------------------------------ coverage
_N = (r"(?:\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|"
      r"soixante|quatre-vingt-dix|cent)")
_UNIT = r"(?:jours?(?:\s+(?:francs|ouvrés|ouvrables|calendaires))?|semaines?|mois|ans|années?)"
_PERIOD = r"(?:an|mois|semaine|semestre|trimestre)"
_WORDS = r"(?:\s+[^\s,.;:()]+){0,4}"   # a few words of context
_FEW = r"(?:\s+[^\s,.;:()]+){0,2}"
_MONTHS = r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
_DATE = rf"\b\d{{1,2}}(?:er)?\s+{_MONTHS}\s+\d{{4}}\b|\b\d{{2}}/\d{{2}}/\d{{4}}\b"
MARKERS: dict[str, re.Pattern[str]] = {
    "time limits": re.compile("|".join([
        rf"\bdélais?(?:\s+(?:de\s+|d['’])?{_N}\s+{_UNIT})?",              # « délai de quinze jours »
        rf"\b{_N}\s+{_UNIT}\b",                                            # « 2 mois »
        rf"\b(?:{_N}\s+)?fois\s+par\s+{_PERIOD}\b|\bpar\s+{_PERIOD}\b",     # « deux fois par an »
        r"\bchaque\s+(?:année|semestre|trimestre|mois|semaine|exercice)\b",
        r"\b(?:annuellement|mensuellement|semestriellement|trimestriellement)\b",
        rf"\bau\s+(?:moins|minimum|plus\s+tard|maximum){_WORDS}",
        rf"\bavant\s+(?:le|la|l['’]|chaque|toute?|terme)\b{_FEW}",
        rf"\bà\s+compter\s+(?:du|de\s+la|de\s+l['’]|de){_FEW}",
        _DATE,
    ]), re.IGNORECASE),
    "majorities": re.compile(rf"\b(?:majorité|unanimité|quorum){_WORDS}|\bvoix(?:\s+[^\s,.;:]+){{1,2}}",
                             re.IGNORECASE),
    "amounts": re.compile(r"\b\d+(?:[.,]\d+)?\s?%"
                          r"|\b\d{1,3}(?:[\s\u00a0\u202f.]?\d{3})*(?:,\d+)?\s?(?:€|euros?\b|EUR\b)", re.IGNORECASE),
}
_IS_DATE = re.compile(_DATE, re.IGNORECASE)
# A date in « la circulaire … du 30 mai 2013 » dates another text: it is not a time limit.
_DATED_TEXT = re.compile(r"\b(?:circulaire|loi|décret|règlement|ordonnance|arrêté|délibération|directive)\b"
                         r"[^.;]*$", re.IGNORECASE)
# The last article runs into the signature block: « Fait à Dijon, le 24/05/2023 », « Établi en deux exemplaires ».
_SIGNATURE = re.compile(r"^\s*(?:fait\s+(?:à|a)\b|établie?s?\s+en\b|(?:à|a)\s+[^,\n]+,\s+le\b)",
                        re.IGNORECASE | re.MULTILINE)
# Words a phrase cut after a few words should not end on.
_TRAILING = re.compile(r"(?:\s+(?:de|du|des|d['’]|la|le|les|l['’]|à|au|aux|et|ou|en|un|une|par|sur|pour|dans|"
                       r"chaque|avant|sa|son|ses|leur|leurs|ce|cet|cette|ces))+$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def article_body(article: Article, text: str) -> str:
    """The article's body, without the signature block that follows the last article (cached, as
    :func:`mentions`)."""
    body = ArticleIndex.body(article, text)
    end = _SIGNATURE.search(body)
    return body[: end.start()] if end else body


@lru_cache(maxsize=4096)
def mentions(body: str) -> dict[str, list[str]]:
    """The time limits, majorities and amounts an article's body mentions, the first three of each.

    Cached: a portfolio's rules files cite the same few convention texts (read, never mutate, the result)."""
    found: dict[str, list[str]] = {}
    for kind, pattern in MARKERS.items():
        phrases: list[str] = []
        for match in pattern.finditer(body):
            if _IS_DATE.fullmatch(match.group(0)) and _DATED_TEXT.search(body, max(0, match.start() - 120),
                                                                        match.start()):
                continue
            phrase = _TRAILING.sub("", " ".join(match.group(0).split()))
            if phrase.lower() not in (p.lower() for p in phrases):
                phrases.append(phrase)
        if phrases:
            found[kind] = phrases[:3]
    return found


def _and(items: list[str]):
    return items[0] if len(items) == 1 else tr("{a} and {b}", a=", ".join(items[:-1]), b=items[-1])


#: the kinds of :data:`MARKERS`, as a message says them
KIND_WORDS = {"time limits": tr("time limits"), "majorities": tr("majorities"), "amounts": tr("amounts")}


def _covered(ctx: CheckContext) -> set[int]:
    """Heading lines of the articles some rule cites. A citation covers that article's own
    body only: citing article 5 does not cover 5.3, whose body the index keeps apart."""
    conv = ctx.convention
    nodes: list[m.Node] = [*conv.bodies, *([conv.term] if conv.term else []), *conv.clauses]
    covered: set[int] = set()
    index = ctx.text.articles
    for node in nodes:
        for citation in getattr(node, "citations", ()):
            try:
                cited = index.cite(citation.article, citation.title, citation.within)
            except ValueError:
                continue
            covered |= {a.line for a in cited}
            # a heading-only parent (009's « Article 14 / Terme de la convention » over 14.1 and 14.2)
            # stands for its sub-articles; a cited division covers the articles inside it
            for a in cited:
                if isinstance(a, Article) and a.end_line == max(a.line, a.title_end):
                    prefix = a.number + "."
                    covered |= {b.line for b in index if b.within == a.within and b.number.startswith(prefix)}
                elif not isinstance(a, Article):
                    covered |= {b.line for b in index if a.line <= b.line <= a.end_line}
    return covered


@check("D004", "uncovered-article", Severity.INFO,
       "an article mentions a time limit, a majority or an amount, and no rule cites it",
       """
The rules are only as complete as the articles they encode. An article that
sets a time limit ("dans un délai de quinze jours", "chaque semestre", "au plus
tard le …"), a majority or an amount, and that no rule cites, is either a gap
in the encoding (the checker will never report its breach) or deliberately
left out. Encode it, or record why not with a `lecture` citing the article: the
finding then goes away.
""",
       bad='# the text, article 3: « La Ville verse à l\'Association une subvention de 12 000 euros dans\n'
           '# un délai de 30 jours à compter de la réception du bilan. »\n'
           'obligation bilan article 2 : asso doit bilan envers ville au moins 1 fois par an périodes civiles.',
       good='obligation bilan article 2 : asso doit bilan envers ville au moins 1 fois par an périodes civiles.\n'
            'obligation paiement article 3 : ville doit paiement envers asso\n'
            '  dans un délai de 30 jours à compter de la réception de bilan.')
def uncovered_article(ctx: CheckContext) -> Iterator[Diagnostic]:
    if ctx.text is None:
        return
    covered = _covered(ctx)
    for article in ctx.text.articles:
        if article.line in covered:
            continue
        found = mentions(article_body(article, ctx.text.text))
        if not found:
            continue
        what = joined([tr("{phrases} ({kind})", phrases=_and([f"« {p} »" for p in phrases]), kind=KIND_WORDS[kind])
                       for kind, phrases in found.items()], tr("{a}; {b}").template)
        title = f" ({article.title})" if article.title else ""
        yield Diagnostic.of("D004", tr("article {number}{title} of {name} mentions {what}, but no rule "
                                       "cites it", number=article.label, title=title, name=_name(ctx),
                                       what=what), text_span(ctx),
                            tr("encode it, or record why not: `lecture … article {number} : \"…\" car \"…\".`",
                               number=article.label))
