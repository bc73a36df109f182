"""Article index of the convention texts.

The expected headings were worked out by reading the texts in conventions/
(line numbers as shown by ``cat -n``), not copied from the indexer's output.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from clauses.language.articles import (
    Article,
    ArticleIndex,
    find_duplicates,
    find_gaps,
    normalise_number,
)

ROOT = Path(__file__).resolve().parents[1]
CONVENTIONS = ROOT / "conventions"
SEEDS = Path("/work/shared/seeds")

FILES = {
    "000": "000_pisco_manosque.txt",
    "001": "001_emplois_avenir_paris.txt",
    "002": "002_soliha_mta_croix.txt",
    "003": "003_ccas_dijon_adoma.txt",
    "004": "004_groupement_mons_en_baroeul.txt",
}


def text_of(key: str) -> str:
    return (CONVENTIONS / FILES[key]).read_text(encoding="utf-8")


def index_of(key: str) -> ArticleIndex:
    return ArticleIndex.from_text(text_of(key))


EXPECTED: dict[str, list[tuple[str, int]]] = {
    # "Article N" for 1-10 (4.x, 5.x as "Article 4.1 –"), then bare "8.1." and "11."-"16.".
    "000": [
        ("1", 78), ("2", 84), ("3", 98), ("4", 115), ("4.1", 117), ("4.2", 132),
        ("5", 140), ("5.1", 144), ("5.2", 170), ("6", 180), ("7", 186), ("8", 192),
        ("8.1", 198), ("8.2", 204), ("9", 220), ("10", 224), ("11", 234), ("12", 240),
        ("13", 261), ("14", 265), ("15", 269), ("16", 273),
    ],
    "001": [("1", 37), ("2", 45), ("3", 59), ("4", 73)],
    # Roman numerals, V twice; "2. Conduite des projets…" (line 181) is not an article.
    "002": [
        ("I", 97), ("II", 103), ("III", 107), ("IV", 122), ("V", 151), ("V", 189),
        ("VI", 194), ("VII", 198),
    ],
    "003": [
        ("1", 87), ("2", 97), ("3", 101), ("4", 132), ("5", 138), ("6", 148),
        ("6.1", 150), ("6.2", 154), ("6.3", 158), ("6.4", 164), ("7", 168),
        ("7.1", 174), ("7.2", 178), ("7.3", 190), ("8", 194), ("9", 200),
    ],
    "004": [
        ("1", 61), ("2", 73), ("3", 83), ("4", 87), ("4.1", 97), ("4.2", 118),
        ("4.3", 127), ("5", 143), ("5.1", 147), ("5.2", 167), ("5.3", 205),
        ("6", 216), ("7", 222), ("8", 234), ("9", 240), ("10", 246),
    ],
}


# --- the texts themselves ---------------------------------------------------


@pytest.mark.parametrize("key", sorted(FILES))
def test_convention_is_byte_identical_to_its_seed(key: str) -> None:
    seeds = sorted(SEEDS.glob(f"{key}_*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("seed texts not available")
    assert (CONVENTIONS / FILES[key]).read_bytes() == seeds[0].read_bytes()


# --- headings found ---------------------------------------------------------


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_headings_found(key: str) -> None:
    assert [(a.number, a.line) for a in index_of(key).articles] == EXPECTED[key]


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_heading_is_the_line_as_written(key: str) -> None:
    lines = text_of(key).split("\n")
    for a in index_of(key).articles:
        assert a.heading == lines[a.line - 1]
        assert a.line <= a.end_line


@pytest.mark.parametrize(
    ("key", "number", "title"),
    [
        ("000", "1", "Objet de la convention"),                     # "Article 1 : "
        ("000", "3", "Partenariat et portage du projet"),           # en dash
        ("000", "7", "Durée de la convention"),                     # hyphen
        ("000", "8", "Instances de gouvernance et de suivi"),       # "Article 8– "
        ("000", "8.1", "Cellule de coordination PISCo"),            # "8.1. "
        ("000", "11", "Résiliation"),                               # "11. "
        ("000", "16", "Élections de domicile"),
        ("001", "4", "Suivi de la convention de partenariat"),      # "Article 4 –Suivi"
        ("002", "I", "OBJET"),
        ("003", "6", "DUREE, RENOUVELLEMENT, MODIFICATION, RESILIATION DE LA CONVENTION"),
        ("003", "6.1", "Durée"),                                    # "6.1 : "
        ("003", "7.2", "Protection des données"),
        ("004", "4.1", "Responsabilités du coordonnateur"),         # no separator, trailing ":"
        ("004", "4.3", "Rôle des membres du groupement"),           # "Article 4.3 : "
        ("004", "5.2", "Montant des participations financières"),
        ("004", "5.3", "Règlement des prestations du marché"),      # "5.3 – … :"
    ],
)
def test_titles(key: str, number: str, title: str) -> None:
    [article] = index_of(key).find(number)
    assert article.title == title


# --- 002: two articles V ----------------------------------------------------


def test_002_article_v_twice_and_reported_as_duplicate() -> None:
    idx = index_of("002")
    first, second = idx.find("V")
    assert (first.line, second.line) == (151, 189)
    # The bold sub-heading glued to the first heading is not part of the title.
    assert first.title == "MODALITES DE FONCTIONNEMENT"
    assert first.heading == "Article V – MODALITES DE FONCTIONNEMENT**1. Personnes référentes**"
    assert second.title == "EVALUATION ET CONTROLE DE LA CONVENTION"
    assert idx.duplicates() == {"V": [first, second]}


def test_002_find_v_by_title_picks_the_second() -> None:
    idx = index_of("002")
    assert [a.line for a in idx.find("V", title="évaluation")] == [189]
    assert [a.line for a in idx.find("v", title="Modalités de fonctionnement")] == [151]
    assert idx.find("V", title="durée") == []


def test_002_numbered_sections_stay_in_the_first_article_v() -> None:
    text = text_of("002")
    idx = ArticleIndex.from_text(text)
    first = idx.find("V")[0]
    assert first.end_line == 187
    body = idx.body(first, text)
    assert body.startswith("Chacune des associations mettra à disposition des référents")
    assert "2. Conduite des projets et suivi opérationnel des ménages" in body
    assert idx.find("V.1") == [] and idx.find("V.2") == [] and idx.find("2") == []


# --- lookups ----------------------------------------------------------------


def test_000_article_9_3_not_found() -> None:
    idx = index_of("000")
    assert idx.find("9.3") == []
    assert [a.line for a in idx.find("9")] == [220]


def test_find_normalises_the_number() -> None:
    idx = index_of("000")
    assert [a.line for a in idx.find("8.1.")] == [198]
    assert [a.line for a in idx.find("Article 4.1")] == [117]
    assert [a.line for a in idx.find("article 11")] == [234]
    assert [a.line for a in idx.find("art. 7", title="DUREE")] == [186]


def test_find_does_not_equate_roman_and_arabic() -> None:
    assert index_of("002").find("5") == []
    assert index_of("000").find("V") == []


def test_find_rejects_a_non_number() -> None:
    with pytest.raises(ValueError):
        index_of("000").find("annexe")


def test_no_duplicates_or_gaps_in_the_other_texts() -> None:
    for key in ("000", "001", "003", "004"):
        idx = index_of(key)
        assert idx.duplicates() == {}, key
    for key in FILES:
        assert index_of(key).gaps(sub=True) == [], key


# --- bodies -----------------------------------------------------------------


def test_body_runs_to_the_next_heading() -> None:
    text = text_of("000")
    idx = ArticleIndex.from_text(text)
    [art7] = idx.find("7")
    assert (art7.line, art7.end_line) == (186, 190)
    body = idx.body(art7, text)
    assert body.startswith("La présente convention a une durée de trois ans.")
    assert body.endswith("renégociation d'une nouvelle convention.")
    # A parent immediately followed by its first sub-article has an empty body.
    [art4] = idx.find("4")
    assert art4.end_line == art4.line and idx.body(art4, text) == ""
    # The last article runs to the end of the text.
    assert idx.find("16")[0].end_line == len(text.split("\n"))


def test_body_stops_before_an_annex() -> None:
    text = text_of("004")
    idx = ArticleIndex.from_text(text)
    [art10] = idx.find("10")
    assert art10.end_line == 264  # "Le Président du Directoire"; "Annexe 1 :" is line 266
    assert "Annexe" not in idx.body(art10, text)


def test_body_refuses_another_text() -> None:
    idx = index_of("000")
    with pytest.raises(ValueError):
        idx.body(idx.find("7")[0], text_of("001"))


# --- no false positives -----------------------------------------------------


@pytest.mark.parametrize(
    ("key", "lines"),
    [
        ("000", [13]),                 # "2019-2020-2021" on the cover page
        ("002", [181]),                # "2. Conduite des projets…" inside article V
        ("003", [70, 71, 72]),         # "2016 : acquisition…" in the preamble
        ("003", [80, 81, 82, 83]),     # "- 1 La régulation de la vie collective…"
        ("003", [93, 94, 95]),         # "- 1 Renforcer les relations…" inside article 1
        ("004", [41, 42, 43]),         # "1. Diversifier l'offre de logements…" in the exposé
        ("004", [67, 68, 69]),         # "2. Apaiser les tensions…" (long item) inside article 1
        ("004", [266, 314]),           # "Annexe 1 :", "Annexe 2 :"
    ],
)
def test_list_items_are_not_headings(key: str, lines: list[int]) -> None:
    heading_lines = {a.line for a in index_of(key).articles}
    assert heading_lines.isdisjoint(lines)


def test_bare_numbers_need_a_prior_article_and_must_continue_the_numbering() -> None:
    text = "\n".join([
        "1. Préambule",                 # 1: before any Article heading
        "Article 1 – Objet",            # 2
        "1. Premier point",             # 3: does not continue (1 after 1)
        "3. Troisième",                 # 4: skips 2
        "1.1. Détail",                  # 5: sub-number of the current article
        "2 Sans séparateur",            # 6: no separator after the number
        "- 2. Puce",                    # 7: bullet
        "2. Une phrase de liste.",      # 8: ends like a sentence
        "2. " + "x" * 90,               # 9: too long
        "2. Suite",                     # 10: next top-level number
        "2.1 : Détail",                 # 11
        "1.2 – Retour en arrière",      # 12: sub-number of a past article
    ])
    idx = ArticleIndex.from_text(text)
    assert [(a.number, a.line) for a in idx.articles] == [
        ("1", 2), ("1.1", 5), ("2", 10), ("2.1", 11),
    ]


def test_bare_numbers_do_not_continue_a_roman_numbering() -> None:
    idx = ArticleIndex.from_text("Article I – Objet\nII. Suite\n2. Suite\n1.1 : Détail\n")
    assert [a.number for a in idx.articles] == ["I"]


def test_prose_starting_with_article_is_not_a_heading_when_not_a_number() -> None:
    idx = ArticleIndex.from_text("Article premier et unique\nArticle ci-dessus\nArticles 1 à 3\n")
    assert idx.articles == ()


# --- normalisation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", "7"),
        ("8.1.", "8.1"),
        ("8.1", "8.1"),
        ("Article 4.1", "4.1"),
        ("ARTICLE 6", "6"),
        ("article V", "V"),
        ("v", "V"),
        ("iv", "IV"),
        ("Article VII.", "VII"),
        ("vi.2", "VI.2"),
        (" 07 ", "7"),
        ("6.04", "6.4"),
        ("1er", "1"),
        ("Article 1er", "1"),
        ("art. 9", "9"),
        ("8.1.2", "8.1.2"),
    ],
)
def test_normalise_number(raw: str, expected: str) -> None:
    assert normalise_number(raw) == expected


@pytest.mark.parametrize("raw", ["", "article", "IIII", "VX", "8..1", "9,3", "annexe 1", "8.a"])
def test_normalise_number_rejects(raw: str) -> None:
    with pytest.raises(ValueError):
        normalise_number(raw)


def test_heading_numbers_are_normalised() -> None:
    idx = ArticleIndex.from_text("Article 1er – Objet\nArticle 02. – Durée\nArticle 2.1. Suite\n")
    assert [a.number for a in idx.articles] == ["1", "2", "2.1"]


# --- gaps and duplicates ----------------------------------------------------


def test_gaps_arabic() -> None:
    idx = ArticleIndex.from_text("Article 1 – A\n\nArticle 2 – B\n\nArticle 4 – D\n\nArticle 7 – G\n")
    assert idx.gaps() == ["3", "5", "6"]


def test_gaps_roman() -> None:
    idx = ArticleIndex.from_text("Article I – A\nArticle II – B\nArticle IV – D\n")
    assert idx.gaps() == ["III"]


def test_gaps_counts_from_one_and_a_sub_article_implies_its_parent() -> None:
    idx = ArticleIndex.from_text("Article 2 – B\nArticle 3.1 – C1\nArticle 4 – D\n")
    assert idx.gaps() == ["1"]


def test_gaps_in_sub_numbering() -> None:
    idx = ArticleIndex.from_text("Article 1 – A\n1.1. Un\n1.3. Trois\nArticle 2 – B\n")
    assert [a.number for a in idx.articles] == ["1", "1.1", "1.3", "2"]
    assert idx.gaps() == []
    assert idx.gaps(sub=True) == ["1.2"]


def test_module_level_helpers() -> None:
    a = Article("3", "A", 1, 1, "Article 3 – A")
    b = Article("3", "B", 2, 2, "Article 3 – B")
    c = Article("1", "C", 3, 3, "Article 1 – C")
    assert find_duplicates([a, b, c]) == {"3": [a, b]}
    assert find_gaps([a, b, c]) == ["2"]
    assert find_gaps([]) == []


# --- edge cases -------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n\n", "Préambule\n\n1. Un point\n"])
def test_text_without_articles(text: str) -> None:
    idx = ArticleIndex.from_text(text)
    assert idx.articles == ()
    assert len(idx) == 0
    assert idx.find("1") == []
    assert idx.duplicates() == {}
    assert idx.gaps() == [] and idx.gaps(sub=True) == []


def test_crlf_line_endings() -> None:
    text = text_of("001").replace("\n", "\r\n")
    idx = ArticleIndex.from_text(text)
    assert [(a.number, a.line) for a in idx.articles] == EXPECTED["001"]
    assert idx.find("4")[0].heading == "Article 4 –Suivi de la convention de partenariat"
    assert "\r" not in idx.body(idx.find("4")[0], text)


def test_index_is_pure_and_frozen() -> None:
    text = text_of("004")
    assert ArticleIndex.from_text(text) == ArticleIndex.from_text(text)
    article = ArticleIndex.from_text(text).articles[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.number = "2"  # type: ignore[misc]


def test_markdown_and_inline_journal_officiel_headings():
    # 008 (Markdown, numbering restarts in each TITRE) and 006 (``Art. 9. - …`` inline, JO style)
    text = "# TITRE 1\n\n## Article 1 – Durée\n\nx\n\n# TITRE 2\n\n## Article 1 – Nature\n\ny\n\n# ANNEXE 1\n\nz\n"
    index = ArticleIndex.from_text(text)
    assert [(a.number, a.title) for a in index] == [("1", "Durée"), ("1", "Nature")]
    assert index.articles[-1].end_line == 11  # the annex heading ends the last article
    assert [a.title for a in index.find("1", "nature")] == ["Nature"]
    inline = "Art. 1er. - La présente convention intervient entre :\n\nArt. 2. - " + "x" * 200 + "\n"
    assert [(a.number, a.title) for a in ArticleIndex.from_text(inline)] == [("1", ""), ("2", "")]
