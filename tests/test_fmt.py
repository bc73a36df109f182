"""`clauses fmt`: one canonical layout that never changes meaning.

Laws, for every rules file of the repository (so a new construct that the
formatter lays out wrongly is caught the day its first rules file is written),
for the fuzz corpus, for the differential oracle's generated conventions and for
files generated from the grammar: the model is the same before and after, every
comment and every `lecture` is kept, the diagnostics are the same codes (a
suppression comment still hides what it hid), and formatting twice changes
nothing.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clauses.cli import main
from clauses.language.fmt import FormatError, format_text
from clauses.language.load import load_source
from clauses.language.parser import parse
from clauses.language.source import SourceText
from clauses.lint.pipeline import lint_loaded

ROOT = Path(__file__).resolve().parent.parent
#: the bundled rules and the examples' templates: what users copy
RULE_FILES = sorted((ROOT / "rules").rglob("*.clauses")) + sorted((ROOT / "examples").rglob("*.clauses"))
CORPUS = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*.clauses") if p.is_file() and not p.is_symlink())


def _model(text: str, path: Path):
    loaded = load_source(SourceText(str(path), text), path)
    return loaded, (loaded.convention.model_dump() if loaded.convention is not None else None)


def _lint_codes(text: str, path: Path) -> list[str]:
    loaded = load_source(SourceText(str(path), text), path)
    return sorted(d.code for d in lint_loaded(loaded).diagnostics)


def _comments(text: str) -> list[str]:
    return ["".join(c.text.split()) for c in parse(SourceText("x", text)).comments]


def assert_formats_well(text: str, path: Path, lint: bool = True) -> str:
    formatted = format_text(text, str(path))
    _, before = _model(text, path)
    _, after = _model(formatted, path)
    assert before == after, "the model changed"
    assert "".join(_comments(text)) == "".join(_comments(formatted)), "a comment was lost or changed"
    assert len(re.findall(r"\b(?:lecture|reading)\b", text)) == len(re.findall(r"\b(?:lecture|reading)\b", formatted))
    assert format_text(formatted, str(path)) == formatted, "not idempotent"
    if lint:
        assert _lint_codes(text, path) == _lint_codes(formatted, path), "the diagnostics changed"
    return formatted


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_rules_file_keeps_its_meaning_and_is_stable(path: Path) -> None:
    assert_formats_well(path.read_text(encoding="utf-8"), path)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_rules_file_is_laid_out_as_fmt_lays_it_out(path: Path) -> None:
    """`clauses fmt --check rules/` passes: the bundled rules are the examples users copy (a file edited by hand
    since: `clauses fmt rules/`, then regenerate the goldens — only line numbers move, fmt refuses a change of
    meaning)."""
    text = path.read_text(encoding="utf-8")
    assert format_text(text, str(path)) == text, f"{path.relative_to(ROOT)} is not formatted: run `clauses fmt {path.relative_to(ROOT)}`"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_fixture_files_that_parse_keep_their_meaning(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    if parse(SourceText(str(path), text)).tree is None:
        with pytest.raises(FormatError):
            format_text(text, str(path))
        return
    assert_formats_well(text, ROOT / "rules" / "generated.clauses", lint=False)


def test_generated_conventions_of_the_differential_oracle() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from oracle.generate import RandomSource, case

    for i in range(60):
        text = case(RandomSource(random.Random(f"fmt:{i}"))).text
        assert_formats_well(text, ROOT / "rules" / "generated.clauses", lint=False)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.data())
def test_grammar_generated_files_keep_their_meaning(data) -> None:
    """Sentences of the grammar itself (the fuzzers' generator): any construct, any order."""
    from test_fuzz import grammar_texts

    text = data.draw(grammar_texts())
    if parse(SourceText("g.clauses", text)).tree is None:
        return
    assert_formats_well(text, ROOT / "rules" / "generated.clauses", lint=False)


SEED = (ROOT / "rules" / "000_pisco_manosque.clauses").read_text(encoding="utf-8")


def test_the_canonical_layout() -> None:
    messy = ('langue fr.\nconvention "T" texte "000_pisco_manosque.txt"  jours   fériés métropole .\n'
             'partie a "Alpha" rôle "x".\n\n\n\npartie bb "B".\n'
             'obligation   intentions article 7 : chaque partie doit intentions envers l\'autre partie au moins 6 mois'
             ' avant le terme .\n'
             'conséquence c article 11: résiliation entraîne fin de intentions sauf décision contraire.')
    assert format_text(messy) == (
        'langue fr.\n'
        '\n'
        'convention "T" texte "000_pisco_manosque.txt" jours fériés métropole.\n'
        '\n'
        'partie a "Alpha" rôle "x".\n'
        '\n'
        'partie bb "B".\n'
        '\n'
        'obligation intentions article 7 :\n'
        '  chaque partie doit intentions\n'
        '  envers l\'autre partie\n'
        '  au moins 6 mois avant le terme.\n'
        '\n'
        'conséquence c article 11 :\n'
        '  résiliation entraîne fin de intentions\n'
        '  sauf décision contraire.\n')


def test_a_group_qualifying_the_bare_words_of_an_item_stays_on_their_line() -> None:
    """The consequence's event and the group of its party are one item (« retrait de ville entraîne … »),
    so are a suspension's start and its end (« pendant force_majeure jusqu'à fin_force_majeure »); a second
    group still opens a line of its own (« sauf décision contraire »)."""
    text = ('langue fr.\nconvention "T" texte "000_pisco_manosque.txt".\npartie ville "V".\npartie b "B".\n'
            'événement retrait "R".\nobligation rapport article 7 : ville doit rapport au plus tard le 2023-12-31.\n'
            'conséquence sortie article 9 : retrait de ville entraîne fin de rapport sauf décision contraire.\n')
    assert format_text(text).endswith(
        'conséquence sortie article 9 :\n'
        '  retrait de ville entraîne fin de rapport\n'
        '  sauf décision contraire.\n')
    suspension = (ROOT / "tests" / "fixtures" / "checks" / "T103-good.clauses").read_text(encoding="utf-8")
    assert "  pendant force_majeure jusqu'à fin_force_majeure.\n" in format_text(suspension)


def test_party_blocks_are_aligned_and_kept_together() -> None:
    text = 'langue fr.\npartie h2p "ESH Habitations" rôle "référent".\npartie fp "F&P" rôle "associé".\n'
    assert format_text(text).splitlines()[2:] == [
        'partie h2p "ESH Habitations" rôle "référent".',
        'partie fp  "F&P"             rôle "associé".',
    ]


def test_a_one_line_statement_too_long_to_fit_stays_in_its_block() -> None:
    long = "x" * 110
    text = f'langue fr.\névénement a "A".\névénement bb "{long}".\névénement c "C".\n'
    assert format_text(text).splitlines()[2:] == [
        'événement a  "A".', f'événement bb "{long}".', 'événement c  "C".']


def test_long_items_break_before_a_group_or_after_a_quoted_text() -> None:
    out = format_text(SEED)
    assert ('  après mise_en_demeure de la même partie par lettre recommandée\n'
            '      restée sans effet pendant 15 jours à compter de sa réception\n') in out
    assert '  lecture "seule la partie qui subit le manquement grave de l\'autre peut résilier, après sa propre ' \
           'mise en demeure"\n      car "« dans le cas' in out


def test_english_typography_and_determiners() -> None:
    text = "language en.\nduty x article 7 : each party must x at least 6 months before   the term end ."
    assert format_text(text).endswith("duty x article 7:\n  each party must x\n  at least 6 months before the term end.\n")


def test_comments_stay_where_they_belong() -> None:
    text = ("# head\nlangue fr.\n\n# about the term\ndurée article 7 :  # clauses: ignore[X001] reason\n"
            "  3 ans à compter du 2019-09-25   # start\n  # before the end\n  jusqu'au 2022-09-25.\n# tail\n")
    out = format_text(text)
    assert out == ("# head\nlangue fr.\n\n# about the term\ndurée article 7 :  # clauses: ignore[X001] reason\n"
                   "  3 ans à compter du 2019-09-25  # start\n  # before the end\n  jusqu'au 2022-09-25.\n# tail\n")


def test_a_suppression_trailing_a_one_line_statement_keeps_its_line() -> None:
    text = ('langue fr.\npartie a "A" rôle "r" coordonnateur.  # clauses: ignore[G001] why\n')
    assert format_text(text).splitlines()[-1].endswith("coordonnateur.  # clauses: ignore[G001] why")


def test_crlf_files_stay_crlf() -> None:
    assert format_text("langue fr.\r\npartie a  \"A\".\r\n") == "langue fr.\r\n\r\npartie a \"A\".\r\n"


def test_a_file_with_syntax_errors_is_not_formatted() -> None:
    with pytest.raises(FormatError) as err:
        format_text("langue fr.\npartie a \"A\"\npartie b \"B\".", "x.clauses")
    assert err.value.diagnostics and err.value.diagnostics[0].code.startswith("S")


# ---------------------------------------------------------------------------------------- the command


def _run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


MESSY = "langue fr.\npartie a  \"A\".\n"
UNFINISHED = "langue fr.\npartie a \"A\"\n"


def _file(tmp_path, text: str):
    path = tmp_path / "x.clauses"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("option", ["--check", "--diff"])
def test_fmt_check_and_diff_exit_1_with_a_diff_and_write_nothing(tmp_path, capsys, option) -> None:
    path = _file(tmp_path, MESSY)
    code, out, err = _run(capsys, "fmt", "--lang", "en", option, str(path))
    assert code == 1 and out.startswith("---")
    assert '-partie a  "A".' in out and '+partie a "A".' in out
    assert path.read_text(encoding="utf-8") == MESSY
    assert ("would reformat" in err) == (option == "--check")


def test_fmt_rewrites_then_check_passes(tmp_path, capsys) -> None:
    path = _file(tmp_path, MESSY)
    code, _, err = _run(capsys, "fmt", "--lang", "en", str(path))
    assert code == 0 and "1 file reformatted" in err
    assert path.read_text(encoding="utf-8") == "langue fr.\n\npartie a \"A\".\n"
    code, out, _ = _run(capsys, "fmt", "--check", str(tmp_path))
    assert code == 0 and out == ""


def test_fmt_reports_syntax_errors_and_exits_2(tmp_path, capsys) -> None:
    path = _file(tmp_path, UNFINISHED)
    code, _, err = _run(capsys, "fmt", str(path))
    assert code == 2 and "S002" in err
    assert path.read_text(encoding="utf-8") == UNFINISHED


def test_fmt_of_a_folder_leaves_its_instances_alone(tmp_path, capsys) -> None:
    """An instance (``*.instance.yaml``) names a template and its values: YAML, nothing to lay out. In a
    folder it is passed over (``clauses fmt --check examples`` is not an error); named, fmt says so."""
    _file(tmp_path, MESSY)
    instance = tmp_path / "a.instance.yaml"
    instance.write_text("modèle: x.clauses\nvaleurs: {}\n", encoding="utf-8")
    code, out, err = _run(capsys, "fmt", "--lang", "en", "--check", str(tmp_path))
    assert code == 1 and "1 file would be reformatted, 0 already formatted" in err and "S001" not in err
    code, _, err = _run(capsys, "fmt", "--lang", "en", str(instance))
    assert code == 2 and "an instance (YAML) is left as it is" in err and "no *.clauses file found" in err
    assert instance.read_text(encoding="utf-8") == "modèle: x.clauses\nvaleurs: {}\n"


def test_fmt_stdin_to_stdout(capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("langue fr.\npartie a  \"A\".".encode())))
    code, out, _ = _run(capsys, "fmt", "-")
    assert code == 0 and out == "langue fr.\n\npartie a \"A\".\n"


def test_an_aligned_cell_is_not_padded_before_the_final_period() -> None:
    # a parameter without a default ends after its label: the label column is padded only
    # where something follows it, never as blanks before the period
    text = ('langue fr.\nconvention "c" signée à "Paris" le 2024-01-10.\npartie a "A".\n'
            'paramètre plafond montant "Plafond" par défaut 50 000 €.\n'
            'paramètre délai durée "Délai de versement" par défaut 30 jours.\n'
            'paramètre début date "Date de début".\n')
    out = format_text(text)
    assert out.splitlines()[-3:] == ['paramètre plafond montant "Plafond"            par défaut 50 000 €.',
                                     'paramètre délai   durée   "Délai de versement" par défaut 30 jours.',
                                     'paramètre début   date    "Date de début".']
    assert format_text(out) == out
