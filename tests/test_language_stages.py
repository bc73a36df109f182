"""Issue 10 item 16: the grammar stays LALR (tests/test_grammar.py checks it has no conflict) and is
built once per process; the language modules live in src/clauses/language/ so the package shows the
stages (source → keywords → grammar → parser → lower → resolve → articles → model → load → fmt)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("source", "keywords", "parser", "lower", "resolve", "articles", "headings", "model", "load", "fmt")


def test_the_parser_is_lalr_with_a_contextual_lexer() -> None:
    from clauses.language.parser import get_parser

    parser = get_parser()
    assert parser.options.parser == "lalr" and parser.options.lexer == "contextual"


def test_the_grammar_is_built_once_per_process() -> None:
    # a fresh interpreter: count the parser constructions (from the packaged tables, Lark's cache or
    # the grammar: all go through build_parser) while files are parsed, loaded and formatted
    script = """
import clauses.language.parser as p
built = []
original = p.build_parser
def counting():
    built.append(1)
    return original()
p.build_parser = counting
from clauses.language.source import SourceText
from clauses.language.fmt import format_text
for n in range(3):
    p.parse(SourceText(f"f{n}", 'convention "X".\\npartie a "A".\\n'))
format_text('convention "X".\\n')
p.get_parser(); p.get_parser()
print(len(built))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"XDG_CACHE_HOME": str(ROOT / ".cache"), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "1", out.stderr


def test_importing_the_language_does_not_build_the_parser() -> None:
    script = ("import lark\nlark.Lark.__init__ = lambda *a, **k: (_ for _ in ()).throw(SystemExit(3))\n"
              "import clauses.language.parser, clauses.language.lower, clauses.language.load, clauses.api\n")
    assert subprocess.run([sys.executable, "-c", script], cwd=ROOT).returncode == 0


def test_the_language_modules_live_in_the_language_package() -> None:
    package = ROOT / "src" / "clauses" / "language"
    assert (package / "clauses.lark").is_file()
    for stage in STAGES:
        assert (package / f"{stage}.py").is_file(), stage
        assert not (ROOT / "src" / "clauses" / f"{stage}.py").exists(), f"clauses/{stage}.py is outside language/"
