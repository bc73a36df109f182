"""The terminal report (issue 14 item 2): grouped by status then clause with subtotals, the next
due dates first, ``--explain`` as a tree, wrapped to the width — readable in 80 columns."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from clauses.cli import app
from clauses.findings import Status
from clauses.output import terminal

from conftest import GOLDEN, ROOT, assert_golden

RULES = "rules/000_pisco_manosque.clauses"
LOG = "examples/000_pisco_manosque/breaches.csv"


def run(*extra: str, width: int = 80) -> str:
    result = CliRunner().invoke(app, ["check", RULES, LOG, "--as-of", "2022-03-01", *extra],
                                env={"COLUMNS": str(width)})
    assert result.exit_code == 1, result.output
    return result.output


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("extra", [[], ["--explain"], ["--lang", "en"], ["--lang", "en", "--explain"]])
def test_every_line_fits_in_80_columns(extra: list[str]) -> None:
    out = run(*extra)
    too_long = [line for line in out.splitlines() if cell_len(line) > 80]
    assert not too_long, too_long
    assert not any(line != line.rstrip() for line in out.splitlines()), "no padding when piped"
    assert "\x1b[" not in out, "plain text when piped"


def test_layout_in_french_at_80_columns() -> None:
    out = run()
    assert_golden(GOLDEN / "terminal" / "000-breaches-fr-80.txt", out)
    lines = out.splitlines()
    # next due dates first, then the statuses, breaches first
    order = [next(i for i, line in enumerate(lines) if line.startswith(h))
             for h in ("Prochaines échéances", "MANQUEMENTS (8)", "À VENIR (2)", "EN ATTENTE (3)", "RESPECTÉS (9)")]
    assert order == sorted(order)
    nxt = lines[order[0] + 1: order[0] + 3]
    assert nxt[0].split()[:3] == ["10/03/2022", "réponse_modification", "·"], nxt
    # grouped by clause: a heading per clause with its article and subtotal, the clause named once
    breaches = lines[order[1]:order[2]]
    assert "  ▸ réponse_modification · art. 10  (2)" in breaches
    finding_lines = [line for line in breaches if re.match(r"^    \d\d/\d\d/\d{4}  ", line)]
    assert len(finding_lines) == 8
    assert not any("réponse_modification  " in line for line in finding_lines)
    # fulfilled findings are summed up per clause
    fulfilled = lines[order[4]:]
    assert "  ▸ demander_modification · art. 10  (3)" in fulfilled
    assert re.search(r"vendredi\s+25\s+mars\s+2022", out)
    assert lines[-1] == "8 manquements, 2 à venir, 3 en attente, 9 respectés, 1 éteint"


def test_explain_is_an_indented_tree() -> None:
    out = run("--lang", "en", "--explain")
    block = out[out.index("  ▸ intentions · art. 7  (1)"):]
    block = block[:block.index("\n\n")]
    assert "      how the date was computed\n      ├── Window: from 2019-09-25 to 2022-03-25." in block
    assert "      ├── Computed date: Friday 2022-03-25." in block
    assert re.search(r"\n      [├└]── Result: Friday 2022-03-25 \(metropole calendar\)\.", block)
    assert "\n      └── " not in block or "events considered" not in block  # no events yet: no event branch


def test_width_follows_the_terminal() -> None:
    wide = run("--lang", "en", width=160)
    assert max(cell_len(line) for line in wide.splitlines()) > 100
    narrow = run("--lang", "en", width=60)
    assert max(cell_len(line) for line in narrow.splitlines()) <= 60


def test_colour_only_when_asked() -> None:
    from conftest import loaded_convention

    from clauses.evaluation import evaluate
    from clauses.events import read_events
    import datetime as dt
    from clauses.output.report import CheckReport

    conv = loaded_convention(ROOT / RULES)
    events, problems = read_events(ROOT / LOG)
    findings, ignored = evaluate(conv, events, dt.date(2022, 3, 1), 60)
    report = CheckReport(conv.title, RULES, LOG, dt.date(2022, 3, 1), 60, tuple(findings), tuple(problems),
                         len(events), ignored)
    coloured = terminal.render_terminal(report, color=True)
    assert "\x1b[1;31m" in coloured and "\x1b[" in coloured
    assert "\x1b[" not in terminal.render_terminal(report, color=False)
    svg = terminal.export_svg(report)
    assert svg.startswith("<svg") and "MANQUEMENTS" not in svg and "BREACHES" in svg
    assert set(terminal.STYLES) == set(Status)


def test_the_term_is_named_in_the_readers_language() -> None:
    """The convention's term (its findings carry the id `term`, kept in JSON) shows as « durée » in French,
    "term" in English: in the next due dates, the clause groups and the one-line (plain) report."""
    french, english = run(), run("--lang", "en")
    assert re.search(r"^  25/09/2022  durée · art\. 7 ", french, re.M) and "term · art" not in french
    assert re.search(r"^  2022-09-25  term · art\. 7 ", english, re.M)
    plain_fr, plain_en = run("-f", "plain"), run("-f", "plain", "--lang", "en")
    assert re.search(r"^  2022-09-25  art\. 7 +h2p, fp +durée +la convention est en vigueur", plain_fr, re.M)
    assert re.search(r"^  2022-09-25  art\. 7 +h2p, fp +term +the convention is in force", plain_en, re.M)
    assert not re.search(r"\bterm\b", plain_fr)


# --------------------------------------------------------------------------- finding rows without rich's tables

from hypothesis import given, settings, strategies as st  # noqa: E402
from rich.console import Console, Group  # noqa: E402
from rich.padding import Padding  # noqa: E402
from rich.text import Text  # noqa: E402

from clauses.output.rows import FindingRows, grid  # noqa: E402

_WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéèàçÉ«»’;:,.()`-_0123456789€\u4e2d\u6587\U0001f600"),
                min_size=1, max_size=40)
_MESSAGE = st.lists(st.tuples(_WORD, st.sampled_from([" ", "  ", " ", "\n", "\u00a0"])), max_size=40).map(
    lambda parts: "".join(w + s for w, s in parts).rstrip(" "))
_DATE = st.sampled_from(["2022-03-01", "16/12/2022", "\u2014", "1 janv. 2024", "—", "31/12/9999", ""])


def _both(rows: list[tuple[str, str]], width: int, style: str, colour: str | None = None) -> tuple[str, str]:
    out = []
    for fast in (True, False):
        console = Console(width=width, file=__import__("io").StringIO(), no_color=colour is None, highlight=False,
                          markup=False, emoji=False, soft_wrap=False, force_terminal=colour is not None,
                          color_system=colour)
        assert console.color_system == colour
        cells = [(Text(d), Text(m)) for d, m in rows]
        head = Text("\u25b8 clause · art. 1  (3)")
        if fast:   # as the report draws a block: the rows indent themselves, out of the block's Padding
            console.print(Group(Padding(head, (0, 0, 0, 2)), FindingRows(cells, style, 4)))
        else:
            console.print(Padding(Group(head, *[grid(d, m, style) for d, m in cells]), (0, 0, 0, 2)))
        text = console.file.getvalue()
        out.append("\n".join(line.rstrip() for line in text.splitlines()) if colour is None else text)
    return out[0], out[1]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_DATE, _MESSAGE), min_size=1, max_size=4), st.integers(8, 140),
       st.sampled_from(["", "bold red", "bold yellow"]), st.sampled_from([None, "standard", "truecolor"]))
def test_finding_rows_lay_out_as_rich_grids_do(rows, width, style, colour) -> None:
    fast, reference = _both(rows, width, style, colour)   # in colour: the very bytes, escapes and padding included
    assert fast == reference


def test_finding_rows_give_styled_text_to_rich() -> None:
    console = Console(width=60, file=__import__("io").StringIO(), force_terminal=True, color_system="standard")
    styled = Text("late ")
    styled.stylize("bold", 0, 4)
    rows = FindingRows([(Text("2022-03-01"), styled), (Text("2022-03-02"), Text("plain " * 30))], "bold red")
    rendered = list(rows.__rich_console__(console, console.options))
    assert isinstance(rendered[0], Padding) and not any(isinstance(r, Padding) for r in rendered[1:])


_ONE_CELL_TEXT = st.text(st.sampled_from("ab zé  ÉàçÇ«»·'-_.,;:()0123456789\u00a0Œœ"), max_size=300)


@settings(max_examples=1500, deadline=None)
@given(_ONE_CELL_TEXT, st.integers(1, 90))
def test_one_cell_lines_are_richs_wrapping(text, width) -> None:
    """The rows' own wrapping of one-cell text gives the lines rich's ``Text.wrap`` gives, blanks included."""
    from clauses.output.rows import _one_cell_lines

    console = Console(width=200, file=__import__("io").StringIO(), no_color=True)
    rich_lines = [line.plain for line in Text(text).wrap(console, width, justify="left", overflow="fold")]
    assert [line.ljust(width) for line in _one_cell_lines(text, width)] == rich_lines


def test_one_cell_lines_leave_other_texts_to_rich() -> None:
    from rich.cells import cell_len

    from clauses.output.rows import ONE_CELL, _one_cell_lines

    assert all(cell_len(c) == 1 for c in ONE_CELL)        # the set's promise, by rich's own measure
    for text in ("line one\nline two", "2019-09-25 \u2013 2020-09-24", "50 \u20ac", "\u4e2d\u6587", "tab\there"):
        assert _one_cell_lines(text, 20) is None
