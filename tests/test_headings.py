"""Article headings as real texts write them (issue 10 item 13): each form, the divisions a
numbering restarts in, tables of contents, preambles, the texts of conventions/, citations that
find nothing (A002 with the headings found nearby), and a property: generated texts with headings
of mixed forms resolve each cited article to its own body.

The expected lines and titles were read from the texts (``cat -n``), not copied from the index."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from clauses.language.articles import ArticleIndex, division_key, normalise_number
from clauses.language.headings import classify

ROOT = Path(__file__).resolve().parents[1]


def index(text: str) -> ArticleIndex:
    return ArticleIndex.from_text(text)


def numbers(text: str) -> list[str]:
    return [a.label for a in index(text)]


# --- one heading line, each form ------------------------------------------------------------


@pytest.mark.parametrize(("line", "number", "title"), [
    ("Article premier", "1", ""),
    ("Article premier – Objet", "1", "Objet"),
    ("Article 1er : Objet", "1", "Objet"),
    ("ARTICLE 1 – OBJET", "1", "OBJET"),
    ("ARTICLE 1 -OBJET", "1", "OBJET"),
    ("Art. 5 bis – Durée", "5 bis", "Durée"),
    ("Article 5bis : Durée", "5 bis", "Durée"),
    ("Article 7.1 ter - Reconduction", "7.1 ter", "Reconduction"),
    ("Article 4. 1. 1. Calendrier", "4.1.1", "Calendrier"),
    ("Article V – DUREE", "V", "DUREE"),
    ("Article IV.2 : Suivi", "IV.2", "Suivi"),
    ("# Article 3 – Durée", "3", "Durée"),
    ("###### Article 3 – Durée", "3", "Durée"),
    ("**ARTICLE 4 : Durée de l’association**", "4", "Durée de l’association"),
    ("__Article 2 – Buts__", "2", "Buts"),
    ("Article 4.1 Responsabilités du coordonnateur :", "4.1", "Responsabilités du coordonnateur"),
])
def test_article_heading_forms(line: str, number: str, title: str) -> None:
    [article] = index(line + "\n\nLe corps.\n").articles
    assert (article.number, article.title) == (number, title)


@pytest.mark.parametrize("line", [
    "Article 3 de la présente convention est modifié.",   # a lower-case word after the number: prose
    "Article premier et unique",
    "Articles 1 à 3",
    "Article ci-dessus",
    "# Article ANNEXE II",                                 # the Légifrance file's own heading (006)
    "# Article",
])
def test_prose_is_not_a_heading(line: str) -> None:
    assert index(line + "\n").articles == ()


@pytest.mark.parametrize(("raw", "expected"), [
    ("premier", "1"), ("Première", "1"), ("1er", "1"), ("Ier", "I"), ("5 bis", "5 bis"), ("5bis", "5 bis"),
    ("5-BIS", "5 bis"), ("7.1 ter", "7.1 ter"), ("4. 1. 1.", "4.1.1"), ("12 quater", "12 quater"),
    ("art. 5 bis", "5 bis"), ("V bis", "V bis"),
])
def test_normalise_number_of_the_new_forms(raw: str, expected: str) -> None:
    assert normalise_number(raw) == expected


@pytest.mark.parametrize(("kind", "number", "key"), [
    ("titre", "II", "title 2"), ("TITRE", "Ier", "title 1"), ("titre", "premier", "title 1"),
    ("chapitre", "3", "chapter 3"), ("annexe", "I", "annex 1"), ("annexe", "", "annex"),
    ("préambule", "", "preamble"), ("annex", "02", "annex 2"),
])
def test_division_keys_compare_numbers_by_value(kind: str, number: str, key: str) -> None:
    assert division_key(kind, number) == key


def test_bare_numbers_with_spaces_and_markdown_numbered_headings() -> None:
    text = "Article 14 – Terme\n\n14. 1. Terme de la convention :\n\nx\n\n14. 2. Résiliation :\n\ny\n"
    assert numbers(text) == ["14", "14.1", "14.2"]
    # a Markdown heading that starts with a number is a heading, even before any `Article`
    md = "## 1. Objet\n\nx\n\n### 1.1 Objectifs généraux\n\ny\n\n## 2. Durée\n\nz\n"
    assert [(a.number, a.title) for a in index(md)] == [("1", "Objet"), ("1.1", "Objectifs généraux"), ("2", "Durée")]


def test_a_bare_number_headed_article_elsewhere_is_a_list_item() -> None:
    # 007: « 2. Axes d'intervention : » inside article 1er is not the article 2 headed below
    text = "Article 1er\n\nObjet\n\n1. Objectifs\n\n2. Axes d'intervention\n\nArticle 2\n\nActions\n\nx\n"
    idx = index(text)
    assert [(a.number, a.line) for a in idx] == [("1", 1), ("2", 9)]
    assert "2. Axes d'intervention" in idx.body(idx.articles[0], text)


# --- long headings: a title on the next line, a title cut at the end of its line --------------


def test_a_title_on_the_next_line() -> None:
    text = "Article 1er\n\nObjet de la convention\n\nLa convention vise à définir :\n\nArticle 2\n\nLa durée est illimitée.\n"
    first, second = index(text).articles
    assert (first.title, first.title_end) == ("Objet de la convention", 3)
    assert index(text).body(first, text) == "La convention vise à définir :"
    assert second.title == ""  # a sentence is not a title


def test_a_sentence_cut_by_the_extraction_is_not_a_title() -> None:
    # 005 article 4: « Son siège social est fixé à  Il peut être » / blank / « transféré … »
    text = "Article 4\n\nSon siège social est fixé à  Il peut être\n\ntransféré en un autre lieu.\n"
    assert index(text).articles[0].title == ""


def test_a_title_continued_on_the_next_line() -> None:
    text = "ARTICLE 6 : DUREE, RENOUVELLEMENT, RESILIATION DE\nLA CONVENTION\nLa convention est conclue pour un an.\n"
    [article] = index(text).articles
    assert article.title == "DUREE, RENOUVELLEMENT, RESILIATION DE LA CONVENTION"
    assert index(text).body(article, text) == "La convention est conclue pour un an."


# --- divisions ------------------------------------------------------------------------------

RESTARTING = """\
Préambule

Considérant que les parties coopèrent.

Il a été convenu ce qui suit :

TITRE Ier — ENGAGEMENTS DE LA VILLE

Article 1 – Durée
La convention dure un an.

Article 2 – Redevance
Gratuite.

TITRE II — ENGAGEMENTS DE L'OCCUPANT

Chapitre 1 – Usage

Article 1 – Activités
Sportives.

Article 2 – Obligations
Ranger.

Chapitre 2 – Sécurité

Article 3 – Secours
Appeler le 112.

Annexe I – article 1 : Créneaux
Le mardi.

Annexe n° 2
Contrat d'engagement républicain.
"""


def test_numbering_restarts_per_title_and_per_annex() -> None:
    idx = index(RESTARTING)
    assert [a.label for a in idx] == ["titre 1 article 1", "titre 1 article 2", "titre 2 article 1",
                                      "titre 2 article 2", "titre 2 article 3", "annexe 1 article 1"]
    assert [d.key for d in idx.divisions] == ["preamble", "title 1", "title 2", "chapter 1", "chapter 2",
                                              "annex 1", "annex 2"]
    assert idx.duplicates() == {} and idx.gaps(sub=True) == []
    # cited with the divisions: `titre 2 article 3`, `titre II chapitre 2 article 3`
    assert [a.title for a in idx.find("3", within=("title 2",))] == ["Secours"]
    assert [a.title for a in idx.find("3", within=("title 2", "chapter 2"))] == ["Secours"]
    assert idx.find("3", within=("title 2", "chapter 1")) == []
    assert [a.title for a in idx.find("1")] == ["Durée", "Activités"]   # ambiguous without its title
    # an annex's articles are found only through their annex
    assert [a.title for a in idx.find("1", within=("annex 1",))] == ["Créneaux"]
    assert all(not a.within or "annex 1" not in a.within for a in idx.find("1"))
    [annex2] = idx.cite("", within=("annex 2",))
    assert idx.body(annex2, RESTARTING) == "Contrat d'engagement républicain."
    [preamble] = idx.cite("", within=("preamble",))
    assert (preamble.line, preamble.end_line) == (1, 3)   # closed by « Il a été convenu ce qui suit »
    assert idx.body(idx.find("2", within=("title 2",))[0], RESTARTING) == "Ranger."


def test_continuous_numbering_across_titles_needs_no_division() -> None:
    text = "TITRE Ier\n\nCONSTITUTION\n\nArticle 1er\n\nx\n\nTITRE II\n\nOBJET\n\nArticle 2\n\ny\n"
    idx = index(text)
    assert [a.label for a in idx] == ["1", "2"]
    assert [d.title for d in idx.divisions] == ["CONSTITUTION", "OBJET"]   # the title on the next line
    assert idx.find("2")[0].line == 13 and idx.find("2", within=("title 2",))[0].line == 13
    assert idx.gaps() == []


# --- tables of contents -----------------------------------------------------------------------

BODY = "Article 1 – Objet\n\nLe corps un.\n\nArticle 2 – Durée\n\nLe corps deux.\n\nArticle 3 – Litiges\n\nLe corps trois.\n"


@pytest.mark.parametrize("toc", [
    "SOMMAIRE\n\nArticle 1 – Objet\nArticle 2 – Durée\nArticle 3 – Litiges\n\nEntre les soussignés.\n\n",
    "Table des matières :\nArticle 1 – Objet\nArticle 2 – Durée\nArticle 3 – Litiges\n",
    "Article 1 – Objet ........................ 2\nArticle 2 – Durée ...... 3\nArticle 3 – Litiges\t4\n\n",
    "- [Article 1 – Objet](#article-1)\n- [Article 2 – Durée](#article-2)\n- [Article 3 – Litiges](#article-3)\n\n",
    "Article 1 – Objet\nArticle 2 – Durée\n\nArticle 3 – Litiges\n\n",   # no marker: a bodiless run headed again
])
def test_a_table_of_contents_is_not_a_second_copy(toc: str) -> None:
    text = toc + BODY
    offset = toc.count("\n")
    idx = index(text)
    assert [(a.number, a.line - offset) for a in idx] == [("1", 1), ("2", 5), ("3", 9)]
    assert idx.duplicates() == {}
    assert [idx.body(a, text) for a in idx] == ["Le corps un.", "Le corps deux.", "Le corps trois."]


def test_a_parent_with_its_sub_articles_is_not_a_table_of_contents() -> None:
    text = "Article 4 – Démarche\nArticle 4.1 – Méthode\nArticle 4.2 – Indicateurs\n\nx\n\nArticle 5 – Suite\n\ny\n"
    assert numbers(text) == ["4", "4.1", "4.2", "5"]


# --- preambles ----------------------------------------------------------------------------------


def test_bare_numbers_of_a_preamble_are_not_articles() -> None:
    text = "## PRÉAMBULE\n\n1. Diversifier l'offre\n\nLes parties conviennent des dispositions suivantes :\n\n" \
           "## Article 1 – Objet\n\nx\n\n2. Durée\n\ny\n"
    idx = index(text)
    assert [(a.number, a.title) for a in idx] == [("1", "Objet"), ("2", "Durée")]
    [preamble] = idx.divisions
    assert (preamble.key, preamble.end_line) == ("preamble", 3)


# --- the texts of conventions/ ----------------------------------------------------------------


def text_of(name: str) -> str:
    return (ROOT / "conventions" / name).read_text(encoding="utf-8")


def test_005_titles_do_not_restart_the_numbering() -> None:
    idx = index(text_of("005_statuts_aappma.md"))
    assert [a.number for a in idx] == [str(n) for n in range(1, 43)]
    assert [(d.key, d.line, d.title) for d in idx.divisions][:2] == [("title 1", 7, "CONSTITUTION"),
                                                                    ("title 2", 53, "OBJET")]
    assert idx.find("25", within=("title 4",))[0].line == 261
    assert idx.find("4")[0].title == ""     # « Son siège social est fixé à  Il peut être » is a sentence


def test_007_titles_below_the_heading_and_no_false_article_2() -> None:
    idx = index(text_of("007_convention_objectifs_unaf_udaf.md"))
    assert [(a.number, a.line) for a in idx][:3] == [("1", 41), ("2", 85), ("3", 109)]
    assert idx.find("8")[0].title == "Durée, renouvellement et dénonciation de la convention"
    assert idx.duplicates() == {}
    assert [(d.key, d.line) for d in idx.divisions] == [("preamble", 17), ("annex 1", 199)]   # « Annexe n° 1 »


def test_008_each_title_restarts_at_one() -> None:
    text = text_of("008_mise_a_disposition_chartrettes.md")
    idx = index(text)
    assert idx.duplicates() == {}
    assert [a.line for a in idx.find("2", within=("title 3",))] == [161]
    assert [a.line for a in idx.find("2", "Résiliation")] == [161]          # the citations of rules/008
    assert [a.label for a in idx.find("3")] == ["titre 2 article 3", "titre 3 article 3"]
    assert [(d.key, d.line) for d in idx.divisions][-2:] == [("annex 1", 203), ("annex 2", 256)]
    # ``## SIGNATURES`` is not a division: the last article runs to the annex (line 203), blank lines
    # trimmed (D004 cuts the signature block off when it reads the body)
    assert idx.find("4", within=("title 3",))[0].end_line == 201


def test_009_sub_articles_with_spaces() -> None:
    idx = index(text_of("009_convention_utilisation_etat.md"))
    assert [(a.number, a.line, a.title) for a in idx if a.number.startswith("14")] == [
        ("14", 188, "Terme de la convention"), ("14.1", 192, "Terme de la convention"),
        ("14.2", 198, "Résiliation anticipée de la convention")]


def test_004_annexes_and_the_seed_preambles() -> None:
    idx = index(text_of("004_groupement_mons_en_baroeul.txt"))
    assert [(d.key, d.line) for d in idx.divisions] == [("annex 1", 266), ("annex 2", 314)]
    for name, line in (("000_pisco_manosque.txt", 58), ("001_emplois_avenir_paris.txt", 17),
                       ("003_ccas_dijon_adoma.txt", 23)):
        assert [(d.key, d.line) for d in index(text_of(name)).divisions] == [("preamble", line)], name


# --- citations in rules: resolution and the message when nothing is found ---------------------


def _project(tmp_path: Path, text: str, rules: str) -> Path:
    (tmp_path / "conventions").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "conventions" / "t.md").write_text(text, encoding="utf-8")
    path = tmp_path / "rules" / "t.clauses"
    path.write_text('convention "T" texte "t.md".\npartie a "A".\npartie b "B".\névénement e "e".\n' + rules,
                    encoding="utf-8")
    return path


def _diagnostics(path: Path):
    from clauses.language.load import load

    return [d for d in load(path).diagnostics if d.code.startswith("A")]


def test_citations_of_divisions_resolve(tmp_path: Path) -> None:
    path = _project(tmp_path, RESTARTING, """\
obligation x titre 2 article 3, titre II chapitre 2 article 3, annexe I article 1, annexe 2, préambule :
  a doit e envers b au plus tard 2025-01-01.
obligation y article 2 "Redevance", titre 1 article premier, titre Ier article 1er :
  a doit e envers b au plus tard 2025-01-01.
""")
    assert _diagnostics(path) == []


def test_a_citation_not_found_names_the_headings_nearby(tmp_path: Path) -> None:
    text = "Article 8 – Instances\n\nx\n\n8.1. Cellule\n\ny\n\n8.2. Comité\n\nz\n\nArticle 9 – Feuilles\n\nw\n"
    path = _project(tmp_path, text, "obligation x article 9.3 :\n  a doit e envers b au plus tard 2025-01-01.\n")
    [d] = _diagnostics(path)
    assert d.code == "A002" and (d.span.line, d.span.column) == (5, 22)
    assert d.message == "article 9.3 not found in t.md"
    assert d.hint == ("headings found nearby in the text: article 8.1 « Cellule » (line 5); article 8.2 « Comité » "
                      "(line 9); article 9 « Feuilles » (line 13)")
    assert d.hint.localized("fr") == ("titres trouvés à proximité dans le texte : article 8.1 « Cellule » (ligne 5) ; "
                                      "article 8.2 « Comité » (ligne 9) ; article 9 « Feuilles » (ligne 13)")


def test_a_citation_without_its_division_says_which_divisions_have_it(tmp_path: Path) -> None:
    path = _project(tmp_path, RESTARTING, "obligation x article 1 :\n  a doit e envers b au plus tard 2025-01-01.\n"
                                          "obligation y titre 3 article 1 :\n  a doit e envers b au plus tard 2025-01-01.\n")
    ambiguous, missing = _diagnostics(path)
    assert ambiguous.code == "A003"
    assert ambiguous.hint == "name the one you mean by its division: `titre 1 article 1`, `titre 2 article 1`"
    assert missing.code == "A002" and missing.message == "titre 3 article 1 not found in t.md"
    assert "titre 1 article 1 « Durée » (line 9)" in missing.hint


def test_an_annex_article_is_suggested_with_its_annex(tmp_path: Path) -> None:
    text = "Article 1 – Objet\n\nx\n\nAnnexe 1\n\nArticle 5 – Tarifs\n\ny\n"
    path = _project(tmp_path, text, "obligation x article 5 :\n  a doit e envers b au plus tard 2025-01-01.\n")
    [d] = _diagnostics(path)
    assert d.code == "A002" and "annexe 1 article 5 « Tarifs » (line 7)" in d.hint


def test_every_rules_file_of_the_repository_cites_articles_that_exist() -> None:
    from clauses.language.load import load

    for path in sorted((ROOT / "rules").rglob("*.clauses")):
        wrong = [d for d in load(path).diagnostics if d.code in ("A002", "A003")]
        assert wrong == [], (path.name, [d.message for d in wrong])


# --- a property: mixed heading forms, each article found with its own body --------------------

_FORMS = (
    lambda n, t: f"Article {n} – {t}",
    lambda n, t: f"ARTICLE {n} : {t.upper()}",
    lambda n, t: f"Art. {n} - {t}",
    lambda n, t: f"## Article {n} – {t}",
    lambda n, t: f"**ARTICLE {n} : {t}**",
    lambda n, t: f"### Article {n}. {t}",
    lambda n, t: f"Article {n}\n\n{t}",                          # the title on the next line
)
_TITLES = st.sampled_from(["Objet", "Durée", "Engagements des parties", "Suivi", "Résiliation", "Litiges",
                           "Modalités financières", "Communication"])


@st.composite
def conventions(draw):
    """A text of divisions (none, titres restarting at 1, or continuous) and articles of mixed forms,
    sometimes with sub-articles written bare, an annex and a table of contents; with what each
    citation should find."""
    mode = draw(st.sampled_from(["flat", "restart", "continuous"]))
    parts = draw(st.integers(1, 3)) if mode != "flat" else 1
    lines: list[str] = []
    expected: list[tuple[str, tuple[str, ...], str]] = []   # number, within, body token
    toc: list[str] = []
    n = 0
    for part in range(1, parts + 1):
        within: tuple[str, ...] = ()
        if mode != "flat":
            roman = ["I", "II", "III"][part - 1]
            lines += [f"TITRE {roman} — PARTIE {part}", ""]
            within = (f"title {part}",) if mode == "restart" else ()
            if mode == "restart":
                n = 0
        for _ in range(draw(st.integers(1, 4))):
            n += 1
            form = draw(st.sampled_from(_FORMS))
            number = draw(st.sampled_from(["premier", "1er", "1"])) if n == 1 else str(n)
            title = draw(_TITLES)
            token = f"corps{len(expected)}"
            lines += [form(number, title), "", f"Le {token} de l'article.", ""]
            toc.append(f"Article {n} – {title} ........ {len(expected) + 2}")
            expected.append((str(n), within, token))
            if draw(st.booleans()):
                sub = f"corps{len(expected)}"
                lines += [f"{n}.1. Détail", "", f"Le {sub} du détail.", ""]
                expected.append((f"{n}.1", within, sub))
    annex = draw(st.booleans())
    if annex:
        lines += ["Annexe 1 – Tarifs", "", "Article 1 – Grille", "", "Le corpsannexe de l'annexe.", ""]
    text = "\n".join((["SOMMAIRE", ""] + toc + ["", "Entre les soussignés.", ""] if draw(st.booleans()) else [])
                     + lines)
    return text, expected, annex


@settings(max_examples=150, deadline=None)
@given(conventions())
def test_mixed_heading_forms_resolve_to_their_bodies(case) -> None:
    text, expected, annex = case
    idx = ArticleIndex.from_text(text)
    tokens = [token for _, _, token in expected]
    for number, within, token in expected:
        hits = idx.find(number, within=within)
        if not within and len([e for e in expected if e[0] == number]) > 1:
            continue   # (not generated: flat and continuous texts number each article once)
        assert len(hits) == 1, (number, within, [a.label for a in hits])
        body = idx.body(hits[0], text)
        assert token in body.split() or f"Le {token} " in body, (number, body)
        assert not any(f"Le {other} " in body for other in tokens if other != token), (number, body)
    if annex:
        [grid] = idx.find("1", within=("annex 1",))
        assert "corpsannexe" in idx.body(grid, text)
    assert idx.duplicates() == {}


def test_the_examples_of_docs_articles_md_load_against_the_corpus(tmp_path: Path) -> None:
    import re

    from clauses.language.load import load

    blocks = re.findall(r"^```clauses\n(.*?)^```", (ROOT / "docs" / "articles.md").read_text(encoding="utf-8"),
                        re.M | re.S)
    assert blocks
    (tmp_path / "rules").mkdir()
    (tmp_path / "conventions").symlink_to(ROOT / "conventions")
    for n, block in enumerate(blocks):
        path = tmp_path / "rules" / f"doc{n}.clauses"
        path.write_text(block, encoding="utf-8")
        errors = [d.message for d in load(path).diagnostics if d.severity.value == "error" or d.code.startswith("A")]
        assert errors == [], errors


def test_statutes_shaped_like_the_models_published_online() -> None:
    # the shapes of association statutes as published (préambule, « TITRE I : … », « Article 1er – … »,
    # « ARTICLE 2 » without a title, a numbered paragraph « 3.1 L'association … » that is not a heading,
    # « ## Article 4 – … » with « ### 4.1 … » sub-headings and `---` rules between articles)
    text = "\n".join([
        "STATUTS DE L'ASSOCIATION", "", "PREAMBULE", "", "Considérant que les joueurs souhaitent s'organiser.", "",
        "TITRE I : PRÉSENTATION DE L'ASSOCIATION", "",
        "Article 1er – Constitution et dénomination", "Il est fondé une association régie par la loi de 1901.", "",
        "ARTICLE 2", "L'association prend la dénomination suivante : Les Amis.", "",
        "Article 3 : Objet et moyens", "3.1 L'association a pour objet :", "- d'éduquer ;", "",
        "---", "", "## Article 4 – Ressources", "", "### 4.1 Cotisations", "", "Les membres cotisent.", "",
        "### 4.2 Subventions", "", "Elle reçoit des subventions.", "", "---", "",
        "TITRE II : FONCTIONNEMENT", "", "Article 5 – Assemblée générale", "", "Elle se réunit une fois par an.",
    ])
    idx = index(text)
    assert [(a.number, a.title) for a in idx] == [
        ("1", "Constitution et dénomination"), ("2", ""), ("3", "Objet et moyens"), ("4", "Ressources"),
        ("4.1", "Cotisations"), ("4.2", "Subventions"), ("5", "Assemblée générale")]
    assert [d.key for d in idx.divisions] == ["preamble", "title 1", "title 2"]
    assert [a.label for a in idx] == ["1", "2", "3", "4", "4.1", "4.2", "5"]   # the numbering runs across titres
    assert idx.body(idx.find("3")[0], text).startswith("3.1 L'association a pour objet :")
    assert idx.body(idx.find("4.2")[0], text) == "Elle reçoit des subventions.\n\n---"


def test_the_editor_hover_shows_the_article_a_divided_citation_names(tmp_path: Path) -> None:
    from clauses.lsp.analysis import Document, Pos

    path = _project(tmp_path, RESTARTING, "obligation x titre 2 article 3, annexe 1 :\n"
                                          "  a doit e envers b au plus tard 2025-01-01.\n")
    text = path.read_text(encoding="utf-8")
    doc = Document(str(path), text)
    line = text.split("\n").index("obligation x titre 2 article 3, annexe 1 :") + 1
    hover, _ = doc.hover(Pos(line, len("obligation x titre 2 article ")))
    assert "Article 3 – Secours" in hover and "Appeler le 112." in hover
    hover, _ = doc.hover(Pos(line, len("obligation x titre 2 article 3, annexe ")))
    assert "Annexe I – article 1 : Créneaux" in hover
    hover, _ = doc.hover(Pos(line, len("obligation x titre ")))
    assert "TITRE II" in hover


def test_a_long_table_of_contents_and_its_body() -> None:
    # (speed: bench/; the table-of-contents scan and the body ends are linear in the text)
    body = "".join(f"Article {n} – Titre\n\nLe corps {n}.\n\n" for n in range(1, 301))
    text = "".join(f"Article {n} – Titre\n" for n in range(1, 301)) + "\n" + body
    idx = index(text)
    assert len(idx) == 300 and idx.duplicates() == {}
    assert idx.body(idx.find("300")[0], text) == "Le corps 300."


def test_gaps_are_counted_in_each_division_that_restarts_the_numbering() -> None:
    text = "TITRE I\n\nArticle 1 – A\n\nx\n\nArticle 2 – B\n\ny\n\nTITRE II\n\nArticle 1 – C\n\nz\n\nArticle 3 – D\n\nw\n"
    assert index(text).gaps() == ["2 (titre 2)"]
