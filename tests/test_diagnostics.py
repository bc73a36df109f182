"""Diagnostics on deliberately broken rules files: codes, positions, wording, rendering, CLI.

Each file of ``tests/fixtures/broken/`` states what it expects in its leading
comments, one line per diagnostic::

    # expect: S001 14:17 "did you mean `doit`"
    # expect: N001 18:3

(code, ``line:column`` of the diagnostic, optionally a substring of message
and hint). Every expectation must be met by its own diagnostic, and no error
other than those expected may appear: a fixture shows one problem (or a
deliberate handful, all reported in one run). A ``# known-bug: why`` line marks
a fixture that pins the *right* behaviour of a known bug: its expectation test
is a strict xfail (the marker must go once the bug is fixed), the other tests
still run on it.

The fixtures cite real articles of ``conventions/000_pisco_manosque.txt``
(found through the ``conventions/`` folder at the repository root) so that
only the intended problem shows.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app
from clauses.codes import CODES, Severity
from clauses.diagnostics import Diagnostic, render
from clauses.language.load import load, load_source
from clauses.language.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
FIXTURES = sorted(BROKEN.glob("*.clauses"))

_EXPECT = re.compile(r'^# expect: (?P<code>[A-Z][0-9]{3}) (?P<line>[0-9]+):(?P<column>[0-9]+)(?: "(?P<text>.*)")?\s*$')
_KNOWN_BUG = re.compile(r"^# known-bug: (?P<why>.+)$")

# What a user must never read: Lark's internal names and classes.
LEAKS = re.compile(r"KW_[A-Z]|__ANON|\$END|Unexpected(?:Token|Characters|Input|EOF)|Token\(|Tree\(|"
                   r"lark\.|Traceback|VisitError|ValidationError")


@dataclass(frozen=True)
class Expectation:
    code: str
    line: int
    column: int
    text: str | None

    def matches(self, d: Diagnostic) -> bool:
        return (d.code == self.code and d.span is not None and (d.span.line, d.span.column) == (self.line, self.column)
                and (self.text is None or self.text in f"{d.message}\n{d.hint or ''}"))

    def __str__(self) -> str:
        return f"{self.code} {self.line}:{self.column}" + (f' "{self.text}"' if self.text else "")


def expectations(path: Path) -> list[Expectation]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            m = _EXPECT.match(line)
            assert m, f"{path.name}: malformed expectation line {line!r}"
            found.append(Expectation(m["code"], int(m["line"]), int(m["column"]), m["text"]))
    return found


def known_bug(path: Path) -> str | None:
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _KNOWN_BUG.match(line)
        if m:
            return m["why"]
    return None


def _params(paths: list[Path]) -> list:
    params = []
    for path in paths:
        why = known_bug(path)
        marks = [pytest.mark.xfail(reason=f"known bug: {why}", strict=True)] if why else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def match(path: Path, diagnostics: tuple[Diagnostic, ...]) -> tuple[dict[Expectation, Diagnostic], list[Diagnostic]]:
    """Pair every expectation with its own diagnostic; return the pairs and the diagnostics left over."""
    left = list(diagnostics)
    pairs: dict[Expectation, Diagnostic] = {}
    for exp in expectations(path):
        hit = next((d for d in left if exp.matches(d)), None)
        if hit is not None:
            pairs[exp] = hit
            left.remove(hit)
    return pairs, left


def _show(diagnostics) -> str:
    return "\n".join(f"  {d.span}: {d.code} {d.message} | hint: {d.hint}" for d in diagnostics) or "  (none)"


# ---------------------------------------------------------------------------- the fixtures themselves
def test_there_are_enough_fixtures() -> None:
    assert len(FIXTURES) >= 24
    multi = [p for p in FIXTURES if len(expectations(p)) >= 2 and not known_bug(p)]
    assert len(multi) >= 2, "at least two fixtures must show that all problems of a file are reported in one run"


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in FIXTURES])
def test_fixture_is_well_formed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# expect: "), "the first line states the expectation"
    found = expectations(path)
    assert found, "a broken fixture expects at least one diagnostic"
    for exp in found:
        assert exp.code in CODES, f"{exp.code} is not in the code catalogue"
    assert len(text.splitlines()) <= 40, "fixtures stay small: a header and 1-3 statements"


def test_the_required_codes_are_covered() -> None:
    """The brief's list of mistakes; F002/F003 are written by the tests below (no binary fixture)."""
    covered = {e.code for p in FIXTURES for e in expectations(p)} | {"F002", "F003"}
    required = {"S001", "S002", "S003", "V001", "V002", "V003", "V004", "V007", "V010", "V011", "V012",
                "N001", "N002", "N003", "N004", "N005", "N006", "A001", "A002", "A004", "L001", "L002",
                "F002", "F003"}
    assert required <= covered, sorted(required - covered)


# ---------------------------------------------------------------------------- diagnostics
@pytest.mark.parametrize("path", _params(FIXTURES))
def test_expected_diagnostics_and_no_other_error(path: Path) -> None:
    loaded = load(path)
    pairs, left = match(path, loaded.diagnostics)
    missing = [str(e) for e in expectations(path) if e not in pairs]
    assert not missing, f"expected {missing}, got:\n{_show(loaded.diagnostics)}"
    unexpected = [d for d in left if d.severity is Severity.ERROR]
    assert not unexpected, f"unexpected errors:\n{_show(unexpected)}"


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in FIXTURES])
def test_rendering_shows_the_line_and_a_caret(path: Path) -> None:
    loaded = load(path)
    pairs, _ = match(path, loaded.diagnostics)
    assert pairs or known_bug(path)
    for exp, diag in pairs.items():
        text = render(diag, loaded.source)
        lines = text.splitlines()
        assert lines[0].startswith(f"{path}:{exp.line}:{exp.column}: {diag.severity.value}[{exp.code}]: ")
        source_line = loaded.source.line(exp.line)
        excerpt = next(i for i, l in enumerate(lines) if re.match(rf"^ {exp.line} \| ", l))
        assert lines[excerpt].endswith(source_line.expandtabs(1))
        gutter = lines[excerpt].index("|") + 2
        caret = lines[excerpt + 1]
        assert caret.index("^") == gutter + exp.column - 1, f"caret misplaced:\n{text}"
        assert set(caret[gutter:].strip()) == {"^"}


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in FIXTURES])
def test_no_internal_name_leaks(path: Path) -> None:
    loaded = load(path)
    for diag in loaded.diagnostics:
        text = render(diag, loaded.source)
        assert not LEAKS.search(text), text
        assert "unexpected the " not in text, text


# ---------------------------------------------------------------------------- the command line
runner = CliRunner()


def _expected_exit(path: Path) -> int:
    codes = {e.code for e in expectations(path)}
    if "F001" in codes:
        return 2
    return 1 if any(CODES[c].severity is Severity.ERROR for c in codes) else 0


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in FIXTURES])
def test_cli_lint_exit_code_and_no_traceback(path: Path) -> None:
    result = runner.invoke(app, ["lint", str(path)])
    output = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    assert result.exit_code == _expected_exit(path), output
    if not known_bug(path):
        for exp in expectations(path):
            assert f"{path}:{exp.line}:{exp.column}: " in output
    # a file with warnings only fails with --strict
    strict = runner.invoke(app, ["lint", "--strict", str(path)])
    assert strict.exit_code == 1, strict.output


def test_cli_json_format_carries_codes_and_positions() -> None:
    import json

    path = BROKEN / "n001_three_unknown_parties.clauses"
    result = runner.invoke(app, ["lint", "--format", "json", str(path)])
    assert result.exit_code == 1
    payload = json.loads(result.output)
    got = {(d["code"], d["line"], d["column"]) for d in payload["diagnostics"]}
    assert {(e.code, e.line, e.column) for e in expectations(path)} <= got


def _clauses_command() -> list[str]:
    exe = Path(sys.executable).parent / "clauses"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("clauses")
    return [found] if found else [sys.executable, "-m", "clauses"]


def test_cli_subprocess_on_the_whole_folder() -> None:
    """The real entry point (``clauses.cli:main``) on every fixture at once: one run, all files, no traceback."""
    proc = subprocess.run([*_clauses_command(), "lint", str(BROKEN)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1, proc.stderr
    assert f"{len(FIXTURES)} files checked" in proc.stdout
    for path in FIXTURES:
        for exp in expectations(path) if not known_bug(path) else ():
            assert f"{path.name}:{exp.line}:{exp.column}: " in proc.stdout


# ---------------------------------------------------------------------------- file-level problems (F codes)
def test_empty_file_is_f002(tmp_path: Path) -> None:
    for name, content in (("empty.clauses", b""), ("blank.clauses", b"  \n\n\t\n")):
        path = tmp_path / name
        path.write_bytes(content)
        loaded = load(path)
        assert [(d.code, d.span.line, d.span.column) for d in loaded.diagnostics] == [("F002", 1, 1)]
        result = runner.invoke(app, ["lint", str(path)])
        assert result.exit_code == 1 and "error[F002]" in result.output and "Traceback" not in result.output


def test_comment_only_file_has_no_header(tmp_path: Path) -> None:
    """Comments make a file non-empty: it is read, and lacks its convention header."""
    path = tmp_path / "comments.clauses"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert [d.code for d in load(path).diagnostics] == ["V007"]


def test_non_utf8_file_is_f003_at_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.clauses"
    path.write_bytes('langue fr.\nconvention "Résiliation".\n'.encode("latin-1"))
    loaded = load(path)
    assert [(d.code, d.span.line, d.span.column) for d in loaded.diagnostics] == [("F003", 2, 14)]
    assert "0xe9" in loaded.diagnostics[0].message
    assert "UTF-8" in (loaded.diagnostics[0].hint or "")
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1 and "error[F003]" in result.output and "Traceback" not in result.output


def test_binary_file_is_f003(tmp_path: Path) -> None:
    path = tmp_path / "binary.clauses"
    path.write_bytes(b"convention\x00\x01\x02")
    assert [d.code for d in load(path).diagnostics] == ["F003"]


def test_unreadable_file_is_f001_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.clauses"
    path.write_text('convention "x".\n', encoding="utf-8")
    import os

    real = os.open

    def deny(file, *args, **kwargs):  # every file is read through clauses.files (os.open + fstat)
        if os.fspath(file).endswith("locked.clauses"):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr("clauses.files.os.open", deny)
    loaded = load(path)
    assert [d.code for d in loaded.diagnostics] == ["F001"]
    assert "permission denied" in loaded.diagnostics[0].message.lower()
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 2 and "error[F001]" in result.output and "Traceback" not in result.output


def test_directory_is_f001(tmp_path: Path) -> None:
    assert [d.code for d in load(tmp_path).diagnostics] == ["F001"]


def test_missing_path_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["lint", str(tmp_path / "nowhere.clauses")])
    assert result.exit_code == 2
    assert "no such file" in result.output


# ---------------------------------------------------------------------------- the hint catalogue
HEADER = ('langue fr.\nconvention "PISCO" texte "000_pisco_manosque.txt".\n'
          'partie h2p "H2P".\npartie fp "F&P".\névénement intentions "i".\névénement demande "d".\n')
DUTY = "obligation {id} article 7 :\n  chaque partie {must} intentions\n  au moins {n} mois avant demande.\n"
POWER = "pouvoir {id} article 10 :\n  les parties {may} demande\n  si intentions.\n"


def _hints(text: str) -> list[tuple[str, str | None]]:
    loaded = load_source(SourceText("t.clauses", text), ROOT / "rules" / "t.clauses")
    return [(d.code, d.hint) for d in loaded.diagnostics if d.severity is Severity.ERROR]


@pytest.mark.parametrize("position", ["first", "second", "after_power"])
def test_a_hint_does_not_depend_on_where_the_mistake_is(position: str) -> None:
    """Lark's match_examples keys on the parser state (stack depth included): our catalogue keys on
    (unexpected terminal, accepted set), so the same mistake gets the same hint anywhere."""
    good = DUTY.format(id="a", must="doit", n=6)
    bad = DUTY.format(id="b", must="dooit", n=6)
    power = POWER.format(id="p", may="peut")
    body = {"first": bad + good, "second": good + bad, "after_power": power + good + bad}[position]
    assert _hints(HEADER + body) == [("S001", "did you mean `doit`?")]


@pytest.mark.parametrize("mistake, code, hint", [
    (DUTY.format(id="a", must="doit", n="six"), "S001", "in digits"),
    (DUTY.format(id="a", must="doit", n=6).replace("article 7 :", "article 7"), "S001", "colon"),
    (DUTY.format(id="a", must="doit", n=6).replace("article 7", "7"), "S001", "`article 7`"),
    (DUTY.format(id="a", must="doit", n=6).rstrip(".\n") + "\n", "S002", "missing its full stop"),
    (DUTY.format(id="a", must="doit", n=6).replace("demande", "2020-01-01"), "S001", "au plus tard"),
    (POWER.format(id="p", may="peux"), "S001", "did you mean `peut`?"),
    (DUTY.format(id="a", must="doit", n=6) + ".\n", "S001", "stray full stop"),
    ('durée article 7 : 3 ans à compter du 25/09/19.\n', "S001", "YYYY-MM-DD"),
    ("partie x 'Nom'.\n", "S003", "double quotes"),
])
def test_hint_catalogue(mistake: str, code: str, hint: str) -> None:
    found = _hints(HEADER + mistake)
    assert len(found) == 1 and found[0][0] == code and hint in (found[0][1] or ""), found


def test_end_of_file_points_after_the_last_word_not_after_a_comment() -> None:
    text = HEADER + DUTY.format(id="a", must="doit", n=6).rstrip(".\n") + "  # à finir\n"
    loaded = load_source(SourceText("t.clauses", text), ROOT / "rules" / "t.clauses")
    (diag,) = loaded.diagnostics
    last_line = len(text.splitlines())
    assert diag.code == "S002"
    assert (diag.span.line, diag.span.column) == (last_line, len("  au moins 6 mois avant demande") + 1)


def test_english_files_get_english_keywords_in_messages() -> None:
    text = ('language en.\nconvention "PISCO" text "000_pisco_manosque.txt".\nparty h2p "H".\nevent intentions "i".\n'
            "duty a article 7 :\n  each party must intentions\n  at least three months before expiry.\n")
    loaded = load_source(SourceText("t.clauses", text), ROOT / "rules" / "t.clauses")
    (diag,) = loaded.diagnostics
    assert diag.code == "S001" and "three" in diag.message
    assert "3 months" in diag.hint


def test_hint_for_a_spelling_shared_by_two_keywords() -> None:
    """When the lexer picks the wrong twin of a shared spelling, the hint says so
    (English `within`: see KNOWN_COLLISIONS in test_grammar.py)."""
    from lark import Token

    from clauses.language.parser import _hint

    hint = _hint(Token("KW_IN_BODY", "within"), {"DOT", "KW_WITHIN", "KW_AT_LEAST"}, "en")
    assert hint and "`within` was read here as `in body`" in hint and "share this spelling" in hint
    assert _hint(Token("KW_IN_BODY", "in body"), {"DOT", "KW_WITHIN"}, "en") is None


# ---------------------------------------------------------------------------- robustness
def _mutants(seed: int, count: int) -> list[str]:
    """Small random edits of the real rules file (delete, replace or insert one word)."""
    src = (ROOT / "rules" / "000_pisco_manosque.clauses").read_text(encoding="utf-8")
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", src)]
    vocabulary = ["@", "dooit", "trois", ":", ".", '"', "«", "2023-02-30", "25/09/2019", "article", "1,5", "0",
                  "-", "de", "par", "et", ",", "100", "%", "l'", "obligation", "lecture", "within", "$", "}"]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        a, b = rng.choice(words)
        op, w = rng.choice(["del", "rep", "ins"]), rng.choice(vocabulary)
        new = "" if op == "del" else w + " " if op == "ins" else w
        out.append(src[:a] + new + (src[a:] if op == "ins" else src[b:]))
    return out


def test_random_edits_never_crash_nor_leak_internal_names() -> None:
    for i, text in enumerate(_mutants(seed=20240925, count=250)):
        source = SourceText("m.clauses", text)
        loaded = load_source(source, ROOT / "rules" / "m.clauses")
        for diag in loaded.diagnostics:
            rendered = render(diag, source)
            assert not LEAKS.search(rendered), f"mutant {i}:\n{rendered}"
            assert diag.span is not None, f"mutant {i}: {diag} has no position"
