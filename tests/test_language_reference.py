"""The language reference in French and English, tested against the grammar (issue 10 item 14).

- every form of the grammar (each named alternative ``-> name`` of ``clauses.lark``) has an example in
  the French reference ``docs/langage.md`` and, through its generated translation, in English
  (``docs/forms.md``): a form added to the grammar without an example fails here;
- every example of ``docs/langage.md`` parses, loads without error, and translates to English with
  the same meaning; ``docs/forms.md`` is what the generator writes today;
- every section of ``docs/language.md`` has its French section, under the same anchor.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clauses.language.parser import _grammar_text, guess_language, parse
from clauses.language.source import SourceText
from clauses.language.translate import (TranslationError, missing_sections, reference_forms,
                                        section_anchor as anchor, translate)
from langa_helpers import convention

ROOT = Path(__file__).resolve().parents[1]
ENGLISH = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
FRENCH = (ROOT / "docs" / "langage.md").read_text(encoding="utf-8")
FORMS = (ROOT / "docs" / "forms.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```clauses\n(.*?)^```", re.M | re.S)
FRENCH_BLOCKS = BLOCK.findall(FRENCH)
ALIASES = sorted(set(re.findall(r"->\s*([a-z_]+)", _grammar_text())))


def forms_of(blocks: list[str]) -> set[str]:
    found: set[str] = set()
    for block in blocks:
        tree = parse(SourceText("<doc>", block)).tree
        assert tree is not None, block
        found |= {t.data for t in tree.iter_subtrees()}
    return found


def sections(doc: str) -> list[str]:
    return [anchor(h) for h in re.findall(r"^## (.*)$", doc, re.M)]


def test_the_grammar_has_forms() -> None:
    assert len(ALIASES) > 150


def test_every_form_has_a_french_example() -> None:
    french = [b for b in FRENCH_BLOCKS if guess_language(b) == "fr"]
    assert len(french) == len(FRENCH_BLOCKS), "docs/langage.md gives its examples in French"
    missing = sorted(set(ALIASES) - forms_of(french))
    assert not missing, f"forms of clauses.lark with no example in docs/langage.md: {missing}"


def test_every_form_has_an_english_example() -> None:
    english = [b for b in BLOCK.findall(FORMS) + BLOCK.findall(ENGLISH) if guess_language(b) == "en"]
    missing = sorted(set(ALIASES) - forms_of(english))
    assert not missing, f"forms with no English example (regenerate docs/forms.md): {missing}"


def test_forms_md_is_up_to_date() -> None:
    assert FORMS == reference_forms(FRENCH), (
        "docs/forms.md is stale: python -m clauses.language.translate --reference docs/langage.md > docs/forms.md")
    assert "**no example**" not in FORMS


@pytest.mark.parametrize("index", range(len(FRENCH_BLOCKS)))
def test_french_example_loads_and_translates(index: int) -> None:
    block = FRENCH_BLOCKS[index]
    if re.search(r"^\s*(convention|agreement)\b", block, re.M):
        convention(block)
    english = translate(block, "en")
    assert guess_language(english) == "en"
    assert translate(english, "fr") is not None  # and back


def test_every_section_of_the_english_reference_has_its_french_section() -> None:
    english, french = sections(ENGLISH), sections(FRENCH)
    missing = [a for a in english if a not in french]
    assert not missing, (f"sections of docs/language.md with no section in docs/langage.md: {missing}; "
                         "python -m clauses.language.translate --missing docs/language.md docs/langage.md prints "
                         "their skeletons (the examples in French): write the prose, then regenerate docs/forms.md")
    extra = [a for a in french if a not in english]
    assert not extra, f"sections of docs/langage.md that docs/language.md lacks: {extra}"


def test_statement_sections_keep_the_anchors_syntax_errors_link_to() -> None:
    from clauses.language.parser import STATEMENT_RULES

    for rule in STATEMENT_RULES.values():
        assert f"statement-{rule}" in sections(FRENCH), rule


def test_a_translation_that_would_change_the_meaning_is_refused() -> None:
    with pytest.raises(TranslationError):
        translate("obligation x article 1 : a doit", "en")


def test_is_not_after_a_name_parses_in_english() -> None:
    # the translation of `a n'est pas "…"` found that `is` took `is not` apart (keywords.py: KW_IS_NOT)
    text = 'language en.\nagreement "X".\nparty a "A".\nevent e "e".\npower p article 1: a may e if a is not "x".\n'
    assert parse(SourceText("t", text)).diagnostics == ()


def test_the_skeleton_of_a_missing_section_gives_its_examples_in_french() -> None:
    english = "# R\n\n## New form {#new-form}\n\nProse.\n\n```clauses\nlanguage en.\nagreement \"X\".\nparty a \"A\".\n```\n"
    skeleton = missing_sections(english, FRENCH)
    assert skeleton.startswith("## New form {#new-form}")
    assert 'langue fr.\nconvention "X".\npartie a "A".' in skeleton
    assert missing_sections(ENGLISH, FRENCH) == ""


# ------------------------------------------------------------------ quoted texts are never translated (issue 10)
QUOTED = """langue fr.
convention "Statuts" signée à "Lyon" le 2024-01-08.
partie aappma "Association".
événement appel "appel selon son échéancier (colonne échéance : date limite, 50 % au moins)".
événement versement "versement".
événement urgence "urgence".
durée article 3 : durée indéterminée.
obligation cotisations article 7 :
  aappma doit versement
  au plus tard appel.échéance
  lecture "la colonne échéance : la date de l'appel" car "« au plus tard à l'échéance » : le texte".
pouvoir fin article 8 : aappma peut versement met fin à la convention avec un préavis de 1 mois sauf en cas d'urgence.
"""


def test_a_quoted_text_is_kept_as_written_whatever_words_it_holds() -> None:
    # `échéance`, `au plus tard`, `le`, ` :` and ` %` inside quotes are the author's text, not keywords
    english = translate(QUOTED, "en")
    assert '"appel selon son échéancier (colonne échéance : date limite, 50 % au moins)"' in english
    assert '"la colonne échéance : la date de l\'appel" because "« au plus tard à l\'échéance » : le texte"' in english
    assert "duty cotisations article 7:" in english        # the space before the `:` token follows English
    assert "unless in case of an urgence" in english       # an elided spelling gets its space in English
    assert translate(english, "fr").count("colonne échéance : ") == 2


@pytest.mark.parametrize("path", sorted((ROOT / "rules").glob("*.clauses")), ids=lambda p: p.stem)
def test_every_rules_file_translates_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    other = "en" if guess_language(text) == "fr" else "fr"
    translate(translate(text, other), "fr" if other == "en" else "en")   # raises when the meaning would change
