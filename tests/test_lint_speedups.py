"""The lint pipeline's shortcuts agree with what they replace (issue 12: lint over 1,000 files)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from pydantic import BaseModel

from clauses.checks import document
from clauses.language import model as m
from clauses.language.articles import ArticleIndex
from clauses.language.source import SourceText, Span

TEXTS = st.text(alphabet=st.sampled_from("ab \n\r\t«é"), max_size=200)


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_line_starts_as_the_character_scan(text: str) -> None:
    naive = tuple([0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"])
    assert SourceText("f", text).line_starts == naive


def test_missing_attribute_of_a_node_as_pydantic_says_it() -> None:
    citation = m.Citation(article="7", span=Span("f", 1, 1, 1, 2))

    class Plain(BaseModel):
        article: str

    for node in (citation, Plain(article="7")):
        with pytest.raises(AttributeError) as caught:
            getattr(node, "condition")
        assert str(caught.value) == f"{type(node).__name__!r} object has no attribute 'condition'"
        assert getattr(node, "condition", None) is None
    assert citation.article == "7" and citation.span == Span("f", 1, 1, 1, 2)
    assert getattr(citation, "OMIT_WHEN_EMPTY") is m.Citation.OMIT_WHEN_EMPTY


ARTICLES = st.lists(st.sampled_from([
    "Article 1 – Objet", "Article 2", "Article 2 bis", "Article 3 - Durée", "ARTICLE IV", "",
    "Voir l'article 2 et l'article 9 de la présente convention.", "selon l'article 12 du code pénal",
    "dans un délai de 15 jours, à la majorité des deux tiers", "Fait à Dijon, le 24/05/2023",
    "les articles 1 à 3 de la convention", "art. 7", "12 000 euros"]), max_size=30)


@given(ARTICLES)
@settings(max_examples=200, deadline=None)
def test_cached_references_and_bodies_as_computed_afresh(lines: list[str]) -> None:
    text = "\n".join(lines)
    index = ArticleIndex.from_text(text)
    fresh = list(document._find_references(text, frozenset(a.line for a in index)))
    assert list(document.references(text, index)) == fresh
    assert list(document.references(text, index)) == fresh       # served from the cache
    for article in index:
        assert ArticleIndex.body(article, text) == _body_afresh(article, text)
        assert document.article_body(article, text) == document.article_body.__wrapped__(article, text)


def _body_afresh(article, text: str) -> str:
    """``ArticleIndex.body`` as it was before the text's lines were split once per text."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    body = lines[max(article.line, article.title_end): article.end_line]
    while body and not body[0].strip():
        body.pop(0)
    return "\n".join(body)


# ---------------------------------------------------------------------------- positions in the parse tree
import re   # noqa: E402
from pathlib import Path   # noqa: E402

from lark import Lark, Token, Tree   # noqa: E402
from lark.exceptions import UnexpectedInput   # noqa: E402

from clauses.language import lexer as lx   # noqa: E402
from clauses.language import parser as p   # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(f for f in {*ROOT.glob("rules/*.clauses"), *ROOT.glob("examples/**/*.clauses"),
                          *ROOT.glob("tests/**/*.clauses")} if f.is_file())


def _shape(node):
    """Everything of a parse tree the lowering can read: rule names, tokens and every position."""
    if isinstance(node, Token):
        return ("token", node.type, str(node), node.line, node.column, node.end_line, node.end_column,
                node.start_pos, node.end_pos)
    if isinstance(node, Tree):
        return (node.data, sorted(vars(node.meta).items()), [_shape(c) for c in node.children])
    return node


def _outcome(parser, text: str):
    try:
        return _shape(parser.parse(text))
    except UnexpectedInput as err:   # all the syntax diagnostics read of it
        token = getattr(err, "token", None)
        return (type(err).__name__, err.line, err.column, err.pos_in_stream, sorted(getattr(err, "allowed", None) or ()),
                sorted(getattr(err, "expected", None) or ()), sorted(getattr(err, "accepts", None) or ()),
                _shape(token) if token is not None else None)


@pytest.fixture(scope="module")
def both():
    return p.get_parser(), p.build_parser()


def test_the_faster_positions_are_in_place(both) -> None:
    fast, plain = both
    assert any(type(c) is p.Positions for c in fast._callbacks.values())
    assert not any(type(c) is p.Positions for c in plain._callbacks.values())
    assert {type(x) for x in fast.parser.lexer.lexers.values()} == {lx.Lexer}
    assert lx.Lexer not in {type(x) for x in plain.parser.lexer.lexers.values()}


def test_each_lexer_tries_only_the_terminals_a_character_may_start() -> None:
    """Every lexer shares one set of compiled terminals; after parsing the seeds none of them has had Lark's
    joined regex compiled (most of a cold start), and at a blank only the blank terminal is tried."""
    fresh = lx.faster_lexers(p.faster_positions(p.build_parser()))   # no broken text parsed with it before
    lexers = {id(x): x for x in fresh.parser.lexer.lexers.values()}.values()
    assert {type(x) for x in lexers} == {lx.Lexer} and len({id(x.starts) for x in lexers}) == 1
    for path in sorted(ROOT.glob("rules/*.clauses")):
        fresh.parse(path.read_text(encoding="utf-8"))
    used = [x for x in lexers if x._by_char]
    assert used and all(x._scanner is None for x in used)
    assert all([name for name, _ in x._by_char[" "]] == ["WS"] for x in used if " " in x._by_char)


@pytest.mark.parametrize("pattern, chars, expected", [
    (r"(?:[ \t\f\r\n])+", " \t\n\v", {" ", "\t", "\n"}),
    (r"(?i:le|la|les)(?![\w'])", " \tlLx", {"l", "L"}),
    (r"a?\s", " \tx", {" ", "\t"}),          # a nullable start: what follows may start the match
    (r"[^a]b", " a", {" "}),
    (r"(?=\s) x", " \t", {" "}),             # a lookahead is passed over
    (r"\S+", " \tx", {"x"}),
    (r"(?:)", " x", {" ", "x"}),              # the empty match: anything may follow
    (r"(a)\1", " a", {"a"}),                  # what follows a first character does not matter
    (r"()\1a", " a", None),                   # a back reference reached: not analysed
    (r"(?i)s", "sSſx", {"s", "S", "ſ"}),       # ſ matches s without case: kept
    (r"[a-cé]", "bBéÉ", {"b", "é"}),
    (r"(?i:[a-cé])", "bBéÉx", {"b", "B", "é", "É"}),
    (r"(?a:\w)", "a", None),                  # ASCII classes: not analysed
])
def test_may_start_with(pattern: str, chars: str, expected) -> None:
    assert lx.may_start_with(pattern, 0, chars) == expected


_TERMINALS = sorted({t.name: t.pattern.to_regexp() for lexer in p.get_parser().parser.lexer.lexers.values()
                     for t in lexer.terminals}.items())


@given(st.data())
@settings(max_examples=500, deadline=None)
def test_may_start_with_keeps_every_first_character_of_a_match(data) -> None:
    """A superset, for every terminal of the grammar: a text the terminal matches (drawn from its own regex;
    also its other cases, and with a blank put first) never starts with a character the analysis left out."""
    import re

    name, pattern = data.draw(st.sampled_from(_TERMINALS))
    flags = p.get_parser().parser.lexer.root_lexer.g_regex_flags
    compiled = re.compile(pattern, flags)
    text = data.draw(st.from_regex(compiled, fullmatch=True))
    for candidate in (text, text.swapcase(), text.upper(), text.lower(), " " + text, "\t" + text):
        if candidate and compiled.match(candidate):
            assert lx.may_start_with(pattern, flags, candidate[0]) in (None, {candidate[0]}), (name, pattern, candidate)


def test_trees_and_positions_as_lark_builds_them(both) -> None:
    """Lark's own loop with the faster lexers and positions, and the fused loop (:class:`Fused`), against
    Lark as it comes: the same trees, positions and errors."""
    fast, plain = both
    fused = p.fused_parser()
    assert isinstance(fused, p.Fused)
    assert len(FILES) > 50
    for path in FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        expected = _outcome(plain, text)
        assert _outcome(fast, text) == expected, path
        assert _outcome(fused, text) == expected, path


def test_the_fused_loop_collects_the_comments_once() -> None:
    """The comments its lexer collects are those of Lark's loop, and a text the fused loop hands back to
    Lark (an error) does not collect them twice."""
    from clauses.language.source import SourceText

    plain = p.build_parser()
    text = (ROOT / "rules" / "000_pisco_manosque.clauses").read_text(encoding="utf-8")
    text = "# first\n" + text + "\n# last\n"
    parsed = p.parse(SourceText("x.clauses", text))
    p._COLLECTOR.comments = []
    plain.parse(text)
    assert [(c.line, c.column, c.text) for c in parsed.comments] == [
        (t.line, t.column, str(t)) for t in p._COLLECTOR.comments]
    assert len(parsed.comments) >= 2
    broken = text + "partie x « y »\n"   # an error after every comment: Lark parses it again
    p._COLLECTOR.comments = []
    with pytest.raises(UnexpectedInput):
        plain.parse(broken)
    collected = [str(t) for t in p._COLLECTOR.comments]
    p._COLLECTOR.comments = []
    with pytest.raises(UnexpectedInput):
        p.fused_parser().parse(broken, p._forget_comments)
    assert [str(t) for t in p._COLLECTOR.comments] == collected and len(collected) >= 2


@pytest.fixture(scope="module")
def built():
    """The parser as Lark builds it from the grammar (neither the packaged tables nor a cache)."""
    with p._without_collision_report():
        return Lark(p._grammar_text(), **p._options())


def test_packaged_tables_match_the_grammar() -> None:
    """If this fails, the grammar, the keywords or Lark changed: run `python -m clauses.language.parser`."""
    for packaged in (p._packaged_tables(), p._packaged_starts_file()):
        first, second, _ = packaged.read_bytes().split(b"\n", 2)
        assert first.decode("ascii") == p.tables_digest(), packaged
        assert second.decode("ascii") == p.sources_digest(), packaged   # the quick check a start makes
    assert p._load_packaged(p._grammar_text()) is not None and p._load_packaged() is not None


def test_the_sources_digest_follows_the_files_the_grammar_is_made_of(monkeypatch) -> None:
    """The digest a start checks first is that of clauses.lark and of the keywords' module: another text of
    either is another digest; unreadable, there is none (the grammar text's digest decides)."""
    from pathlib import Path as P

    from clauses.language import keywords

    here = p.sources_digest()
    p.sources_digest.cache_clear()
    real = P.read_bytes
    monkeypatch.setattr(P, "read_bytes", lambda self: real(self) + (b"#" if self.name == "keywords.py" else b""))
    assert p.sources_digest() not in (None, here)
    p.sources_digest.cache_clear()
    monkeypatch.setattr(keywords, "__file__", "/nonexistent/keywords.py")
    assert p.sources_digest() is None
    monkeypatch.undo()
    p.sources_digest.cache_clear()
    assert p.sources_digest() == here


def test_packaged_tables_parse_as_the_parser_lark_builds(built) -> None:
    packaged = p._load_packaged(p._grammar_text())
    table, fresh = packaged.parser.parser.parser.parse_table, built.parser.parser.parser.parse_table
    assert len(table.states) == len(fresh.states)     # numbered in another order by each build
    def terminals(parser):
        return [(t.name, type(t.pattern).__name__, t.pattern.value, sorted(t.pattern.flags), t.priority)
                for t in parser.terminals]

    assert terminals(packaged) == terminals(built)
    for path in FILES:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert _outcome(packaged, text) == _outcome(built, text), path
        assert _outcome(packaged, text[: len(text) // 2]) == _outcome(built, text[: len(text) // 2]), path


def test_stale_or_damaged_tables_are_ignored(tmp_path, monkeypatch) -> None:
    tables = tmp_path / p.PACKAGED_TABLES
    monkeypatch.setattr(p, "_packaged_tables", lambda: tables)
    assert p._load_packaged(p._grammar_text()) is None                       # missing
    tables.write_bytes(p.tables_digest().encode() + b"\nnot a pickle")
    assert p._load_packaged(p._grammar_text()) is None                       # damaged
    tables.write_bytes(b"0" * 64 + b"\n")
    assert p._load_packaged(p._grammar_text()) is None                       # another grammar or version
    assert p._load_packaged(p._grammar_text() + "\n// changed") is None
    real = p.PACKAGED_TABLES
    body = (Path(p.__file__).with_name(real)).read_bytes().split(b"\n", 2)[2]
    tables.write_bytes(b"0" * 64 + b"\n" + p.sources_digest().encode() + b"\n" + body)
    assert p._load_packaged() is not None                                     # the sources match: read
    tables.write_bytes(p.tables_digest().encode() + b"\n" + b"1" * 64 + b"\n" + body)
    assert p._load_packaged() is not None          # the sources changed, not the grammar: its text decides
    tables.write_bytes(b"0" * 64 + b"\n" + b"1" * 64 + b"\n" + body)
    assert p._load_packaged() is None                                         # neither matches


def test_packaged_starts_are_the_first_characters_of_this_grammar() -> None:
    """If this fails, the grammar, the keywords, Lark or Python changed: run `python -m clauses.language.parser`.
    Every terminal's answer for every character of the alphabet, worked out again from its regex."""
    parser = p.build_parser()
    flags = parser.options.g_regex_flags
    packaged = p.packaged_starts(flags)
    assert packaged is not None and set(packaged) == {t.name for t in parser.terminals}
    assert packaged == lx.first_characters(parser.terminals, flags)
    assert {"l", "L"} <= set(packaged["KW_LANGUAGE"]) and " " not in packaged["KW_LANGUAGE"]


def test_stale_or_damaged_starts_are_ignored(tmp_path, monkeypatch) -> None:
    starts = tmp_path / p.PACKAGED_STARTS
    monkeypatch.setattr(p, "_packaged_starts_file", lambda: starts)
    digest = p.tables_digest().encode()
    assert p.packaged_starts(0) is None                                                     # missing
    sources = p.sources_digest().encode()
    for body in (b"not json", b'{"flags": 0}', b'{"flags": 0, "first": [1]}', b'{"flags": 0, "first": {"WS": 3}}'):
        starts.write_bytes(digest + b"\n" + sources + b"\n" + body)
        assert p.packaged_starts(0) is None, body                                           # damaged
    for head in (digest + b"\n" + sources, digest + b"\n", b"0" * 64 + b"\n" + sources):
        starts.write_bytes(head + b'\n{"flags": 0, "first": {"WS": " "}}')   # either digest matches
        assert p.packaged_starts(0) == {"WS": " "} and p.packaged_starts(re.IGNORECASE) is None, head  # other flags
    starts.write_bytes(b"0" * 64 + b"\n" + b"1" * 64 + b'\n{"flags": 0, "first": {"WS": " "}}')
    assert p.packaged_starts(0) is None                                                     # another grammar


@given(st.text(min_size=1, max_size=1), st.sampled_from(sorted(t.name for t in p.build_parser().terminals)))
@settings(max_examples=400, deadline=None)
def test_packaged_starts_answer_as_the_regex_does(ch: str, name: str) -> None:
    """Any character (of the alphabet or not): the answer read from the packaged starts is the one worked
    out from the terminal's regex."""
    parser = p.build_parser()
    terminal = next(t for t in parser.terminals if t.name == name)
    flags = parser.options.g_regex_flags
    ahead, worked_out = lx.Starts(p.packaged_starts(flags)), lx.Starts()
    assert ahead.may_start(terminal, flags, ch) == worked_out.may_start(terminal, flags, ch)


def test_the_packaged_parser_holds_lark_s_actions_themselves() -> None:
    """Pickled as they are, the tables keep LALR's Shift and Reduce (told apart with `is`), the comment
    collector and the `re` module as the very objects, not copies."""
    import re as re_module

    from lark.parsers.lalr_analysis import Reduce, Shift

    packaged = p._load_packaged(p._grammar_text())
    actions = {id(a) for s in packaged.parser.parser.parser.parse_table.states.values() for a, _ in s.values()}
    assert actions == {id(Shift), id(Reduce)}
    assert packaged.options.lexer_callbacks["COMMENT"] is p._COLLECTOR
    assert {id(x.re) for x in packaged.parser.lexer.lexers.values()} == {id(re_module)}


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_trees_and_positions_of_mangled_files(both, data) -> None:
    """Files with lines dropped, doubled or cut: broken ones too (the partial re-parse reads their trees)."""
    fast, plain = both
    lines = data.draw(st.sampled_from(FILES)).read_text(encoding="utf-8", errors="replace").split("\n")
    for _ in range(data.draw(st.integers(0, 4))):
        i = data.draw(st.integers(0, max(len(lines) - 1, 0)))
        how = data.draw(st.sampled_from(["drop", "double", "cut", "garble"]))
        if not lines:
            break
        if how == "drop":
            del lines[i]
        elif how == "double":
            lines.insert(i, lines[i])
        elif how == "cut":
            lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
        else:   # a character no terminal starts with, an unclosed text, a stray symbol
            at = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + data.draw(st.sampled_from(["$", '"', "«", "'", "@", "{", "\t\r", "é"])) + lines[i][at:]
    text = "\n".join(lines)
    expected = _outcome(plain, text)
    assert _outcome(fast, text) == expected
    assert _outcome(p.fused_parser(), text) == expected


# ---------------------------------------------------------------------------- terms counted without derivations
import datetime as dt   # noqa: E402

from clauses.timelimits import Calendar, MonthRule, Region, Unit, forward, forward_date   # noqa: E402


def _either(call):
    try:
        return call()
    except Exception as err:   # the same error, or the same date
        return type(err), str(err)


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.integers(-3, 1200),
       st.sampled_from(list(Unit) + ["days", "months"]), st.sampled_from(list(MonthRule)), st.sampled_from(list(Region)))
@settings(max_examples=600, deadline=None)
def test_forward_date_as_forward_without_extension(anchor, amount, unit, rule, region) -> None:
    calendar = Calendar.for_region(region)
    plain = _either(lambda: forward(anchor, amount, unit, calendar=calendar, extend=False, month_rule=rule).date)
    assert _either(lambda: forward_date(anchor, amount, unit, calendar=calendar, month_rule=rule)) == plain


# ---------------------------------------------------------------------------- results from worker processes
import shutil   # noqa: E402

from clauses.lint import pipeline   # noqa: E402
from clauses.lint.config import Config   # noqa: E402
from clauses.output.lint import file_language   # noqa: E402


def _lint_project(tmp_path: Path) -> list[Path]:
    """More files than ``PARALLEL_FROM``: the repository's rules (French and English), halves of them
    (syntax errors: a partial model), one without its `langue` statement, one not UTF-8, one empty."""
    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    (tmp_path / "rules").mkdir()
    sources = sorted((ROOT / "rules").rglob("*.clauses"))
    files = []
    for i in range(pipeline.PARALLEL_FROM + 4):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        if i % 3 == 1:
            text = text[: len(text) // 2]
        elif i % 7 == 2:
            text = "\n".join(line for line in text.splitlines() if not line.startswith("langue"))
        target = tmp_path / "rules" / f"{i:03d}.clauses"
        target.write_text(text, encoding="utf-8")
        files.append(target)
    (tmp_path / "rules" / "bytes.clauses").write_bytes(b"convention \xff")
    (tmp_path / "rules" / "empty.clauses").write_text("")
    return [*files, tmp_path / "rules" / "bytes.clauses", tmp_path / "rules" / "empty.clauses"]


def _shown(result) -> tuple:
    return (result.path, result.loaded.source.text if result.loaded.source else None,
            [d.to_json() for d in result.diagnostics], [(s.diagnostic.to_json(), s.reason) for s in result.suppressed],
            file_language(result), result.loaded.ok)


def test_results_of_worker_processes_as_linted_in_this_one(tmp_path) -> None:
    from clauses.cache import LintCache

    files = _lint_project(tmp_path)
    exact = [pipeline.lint_file(f, Config()) for f in files]
    assert len({file_language(r) for r in exact}) > 1
    assert [_shown(r) for r in pipeline.lint_files(files, Config())] == [_shown(r) for r in exact]
    cache = LintCache.open(Config(), tmp_path / "cache")
    assert [_shown(r) for r in pipeline.lint_files(files, Config(), cache)] == [_shown(r) for r in exact]
    stored = [pipeline._stored(r.loaded) for r in exact]
    assert cache.misses == len(files) and any(s is None for s in stored)
    again = LintCache.open(Config(), tmp_path / "cache")
    assert [r.diagnostics for r in pipeline.lint_files(files, Config(), again)] == [r.diagnostics for r in exact]
    assert again.hits == sum(s is not None for s in stored)


# ---------------------------------------------------------------------------- keywords' language, memoised
from clauses.language import keywords as kw   # noqa: E402

SPELLINGS = st.sampled_from([k.name for k in kw.KEYWORDS] + ["NAME", "KW_NOT_A_KEYWORD"])


@given(SPELLINGS, st.one_of(st.text(alphabet=st.sampled_from("abcdeéèinorstuv '’-"), max_size=20),
                            st.sampled_from([w for k in kw.KEYWORDS for w in (*k.fr, *k.en)][:400])))
@settings(max_examples=400, deadline=None)
def test_language_of_a_keyword_as_worked_out_afresh(terminal: str, text: str) -> None:
    assert kw.language_of(terminal, text) == kw.language_of.__wrapped__(terminal, text)
    assert kw.language_of(terminal, text) == kw.language_of.__wrapped__(terminal, text)   # from the cache
