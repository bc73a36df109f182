"""The HTML dossier (issue 14 items 3-4), checked in the page itself and in a real headless Chromium.

The browser tests need the system's Chromium (Debian package ``chromium``; ``.ci/run``
installs it). Outside CI they are skipped when it is missing; under ``CI=true`` a
missing Chromium is a failure, never a silent skip. Screenshots are kept in
``build/test-artifacts/`` (``CLAUSES_ARTIFACTS`` overrides it).
"""

from __future__ import annotations

import os
import re
import struct
import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clauses.cli import app

from conftest import ROOT

ARTIFACTS = Path(os.environ.get("CLAUSES_ARTIFACTS", ROOT / "build" / "test-artifacts"))
SEEDS = {
    "000": ("rules/000_pisco_manosque.clauses", "examples/000_pisco_manosque/breaches.csv", "2022-03-01"),
    "004": ("rules/004_groupement_mons_en_baroeul.clauses", "examples/004_groupement_mons_en_baroeul/breaches.yaml",
            "2024-12-01"),
}


def make_dossier(tmp_path: Path, seed: str = "000", *extra: str) -> Path:
    rules, log, as_of = SEEDS[seed]
    out = tmp_path / f"dossier-{seed}.html"
    result = CliRunner().invoke(app, ["report", str(ROOT / rules), str(ROOT / log), "--as-of", as_of, "-o", str(out),
                                      *extra])
    assert result.exit_code in (0, 1), result.output
    return out


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_self_contained_and_structured(tmp_path: Path) -> None:
    page = make_dossier(tmp_path).read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    tags = parser.tags
    # nothing fetched: no external script, stylesheet, image, font or frame
    for tag, attrs in tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not re.match(r"^(https?:)?//", value), (tag, attrs)
    assert not any(tag == "link" for tag, _ in tags)
    assert "@import" not in page and "url(" not in page
    # headings, landmarks, language
    assert ('html', {'lang': 'fr'}) in tags
    assert [t for t, _ in tags].count("h1") == 1 and [t for t, _ in tags].count("main") == 1
    assert "@media print" in page
    # every section of the issue
    for heading in ("Synthèse", "Chronologie", "Verdicts", "Lectures retenues par les auteurs des règles",
                    "Parties et obligations"):
        assert f">{heading}</h2>" in page, heading
    assert "Chacune des parties s&#39;engage à considérer les dispositions" in page  # art. 15 beside its verdict
    assert "Point de départ" in page                                               # a derivation
    assert "CONF-2020-01" in page                                                  # an event that counted


def test_user_strings_are_escaped(tmp_path: Path) -> None:
    log = tmp_path / "hostile.csv"
    log.write_text("date,event,by,to,subject,via,id,ref\n"
                   '2020-01-30,communication_tiers,h2p,,,,"<script>alert(1)</script>",\n', encoding="utf-8")
    out = tmp_path / "d.html"
    result = CliRunner().invoke(app, ["report", str(ROOT / SEEDS["000"][0]), str(log), "--as-of", "2022-03-01",
                                      "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_english_dossier(tmp_path: Path) -> None:
    page = make_dossier(tmp_path, "000", "--lang", "en").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and ">Timeline</h2>" in page and "BREACHES" in page


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def browser():
    from browser.cdp import Browser, chromium_path

    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium; .ci/run installs it)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    b = Browser(executable, width=1280, height=900)
    yield b
    b.close()


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


VISIBLE = """(function (sel) {
  var e = document.querySelector(sel); if (!e) return null;
  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {w: r.width, h: r.height, top: r.top + window.scrollY, shown: s.display !== 'none' && s.visibility !== 'hidden'};
})(%r)"""


@pytest.mark.parametrize("seed", ["000", "004"])
def test_dossier_in_chromium(tmp_path: Path, browser, seed: str) -> None:
    page = make_dossier(tmp_path, seed)
    browser.open(page.as_uri())
    assert browser.problems() == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in browser.requests()), browser.requests()
    # the timeline and the verdict table are laid out and visible
    for selector in ("#timeline svg", "#verdict-table", "#verdict-table tbody tr"):
        box = browser.js(VISIBLE % selector)
        assert box and box["shown"] and box["w"] > 300 and box["h"] > 10, (selector, box)
    timeline = browser.js(VISIBLE % "#timeline svg")
    assert timeline["w"] >= 1000, "the timeline spans the page"
    assert browser.js("document.querySelectorAll('#timeline svg .breach').length") >= 1
    browser.screenshot(ARTIFACTS / f"dossier-{seed}-top.png", full_page=False)
    shot = browser.screenshot(ARTIFACTS / f"dossier-{seed}.png")
    width, height = _png_size(shot)
    assert width >= 1200 and height > 1500

    # select a verdict with the keyboard: its article's text is shown beside the table
    first = browser.js("document.querySelector('button.pick').dataset.verdict")
    assert browser.js(f"document.getElementById('detail-{first}').offsetHeight") == 0, "details hidden at first"
    browser.js("document.querySelector('button.pick').focus()")
    browser.press("Enter", "Enter", 13, "\r")
    panel = browser.js(f"""(function () {{ var d = document.getElementById('detail-{first}');
        return {{h: d.offsetHeight, text: d.innerText,
                 expanded: document.querySelector('button.pick').getAttribute('aria-expanded')}}; }})()""")
    assert panel["h"] > 50 and panel["expanded"] == "true", panel
    if seed == "000":
        assert "Chacune des parties s'engage à considérer les dispositions" in panel["text"]
    others = browser.js(f"Array.from(document.querySelectorAll('#panel .detail')).filter("
                        f"d => d.id !== 'detail-{first}' && d.offsetHeight > 0).length")
    assert others == 0
    browser.js("document.getElementById('h-verdicts').scrollIntoView()")
    browser.screenshot(ARTIFACTS / f"dossier-{seed}-selected.png", full_page=False)
    assert browser.problems() == []


def test_print_layout_shows_every_verdict(tmp_path: Path, browser) -> None:
    page = make_dossier(tmp_path)
    browser.open(page.as_uri())
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        hidden = browser.js("Array.from(document.querySelectorAll('#panel .detail')).filter(d => d.offsetHeight == 0)"
                            ".length")
        buttons = browser.js("Array.from(document.querySelectorAll('button.pick')).filter(b => b.offsetHeight > 0)"
                             ".length")
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    assert hidden == 0 and buttons == 0


def test_terminal_report_screenshot(tmp_path: Path, browser) -> None:
    """The coloured terminal report, exported by rich as SVG, rendered and kept as an artefact (docs/terminal.png)."""
    from conftest import loaded_convention

    from clauses.evaluation import evaluate
    from clauses.events import read_events
    from clauses.output.report import CheckReport
    from clauses.output.terminal import export_svg

    rules, log, as_of = SEEDS["000"]
    conv = loaded_convention(ROOT / rules)
    events, problems = read_events(ROOT / log)
    day = dt.date.fromisoformat(as_of)
    findings, ignored = evaluate(conv, events, day, 60)
    report = CheckReport(conv.title, rules, log, day, 60, tuple(findings), tuple(problems), len(events), ignored)
    svg = export_svg(report, lang="fr", width=100, title="clauses check")
    page = tmp_path / "terminal.html"
    page.write_text('<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>terminal</title></head>'
                    f'<body style="margin:0;background:#fff">{svg}</body></html>', encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.problems() == []
    box = browser.js(VISIBLE % "svg")
    assert box["shown"] and box["w"] > 600
    browser.screenshot(ARTIFACTS / "terminal-000.png", full_page=False)


# --------------------------------------------------------------------------- a portfolio's dossier (item 3)


def make_portfolio(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "portefeuille.html"
    result = CliRunner().invoke(app, ["report", str(ROOT / "examples" / "portfolio.yaml"), "-o", str(out), *extra])
    assert result.exit_code in (0, 1), result.output
    return out


def test_portfolio_dossier_is_one_page_with_a_summary_and_a_section_per_convention(tmp_path: Path) -> None:
    page = make_portfolio(tmp_path, "--lang", "fr").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(page)
    tags = parser.tags
    names = [t for t, _ in tags]
    assert names.count("html") == 1 and names.count("h1") == 1 and names.count("main") == 1
    assert names.count("script") == 1 and names.count("style") == 1 and not any(t == "link" for t in names)
    for tag, attrs in tags:
        for key in ("src", "href"):
            assert not re.match(r"^(https?:)?//", attrs.get(key) or ""), (tag, attrs)
    ids = [a["id"] for _, a in tags if "id" in a]
    assert len(ids) == len(set(ids)), "an id is used twice (inline SVGs included)"
    # the summary: one row per convention, linking to its section
    links = [a["href"] for t, a in tags if t == "a" and a.get("href", "").startswith("#c")]
    assert links[:5] == ["#c1", "#c2", "#c3", "#c4", "#c5"]
    for n in range(1, 6):
        assert f'id="c{n}"' in page and f'id="c{n}-verdict-table"' in page and f'id="c{n}-timeline"' in page
    assert ">Synthèse</h2>" in page and ">PISCO Manosque</a>" in page and ">Groupement Mons-en-Barœul</h2>" in page
    # each convention's sections nest under its name: h2 the convention, h3 its sections
    assert '<h3 id="c1-h-verdicts" class="section">Verdicts</h3>' in page
    # the breaches per convention (examples/portfolio.yaml; docs/portfolio.md shows the same table)
    rows = re.findall(r'<a href="#c\d">([^<]+)</a></th>\s*<td class="n (?:bad|zero)">(\d+)</td>', page)
    assert rows == [("PISCO Manosque", "8"), ("Emplois d&#39;avenir Paris", "1"), ("SOLIHA MTA Croix", "5"),
                    ("CCAS Dijon Adoma", "1"), ("Groupement Mons-en-Barœul", "2")]
    assert "5 conventions : 17 manquements, 9 à venir" in page
    assert "Chacune des parties s&#39;engage à considérer les dispositions" in page   # 000's art. 15, in its section
    assert "@media print" in page and "break-before: page" in page


def test_portfolio_dossier_lists_a_convention_it_could_not_check(tmp_path: Path) -> None:
    import shutil

    (tmp_path / "pyproject.toml").write_text("[tool.clauses]\n", encoding="utf-8")
    for name in ("rules", "conventions", "logs"):
        (tmp_path / name).mkdir()
    shutil.copy(ROOT / SEEDS["000"][0], tmp_path / "rules")
    shutil.copy(ROOT / "conventions" / "000_pisco_manosque.txt", tmp_path / "conventions")
    shutil.copy(ROOT / SEEDS["000"][1], tmp_path / "logs")
    (tmp_path / "rules" / "bad.clauses").write_text("convention \"x\" ça ne va pas\n", encoding="utf-8")
    (tmp_path / "logs" / "bad.csv").write_text("date,event\n", encoding="utf-8")
    (tmp_path / "portfolio.yaml").write_text(
        "as_of: 2022-03-01\nconventions:\n"
        "  - name: <b>PISCO</b>\n    rules: rules/000_pisco_manosque.clauses\n    log: logs/breaches.csv\n"
        "  - name: Brouillon\n    rules: rules/bad.clauses\n    log: logs/bad.csv\n", encoding="utf-8")
    out = tmp_path / "p.html"
    result = CliRunner().invoke(app, ["report", str(tmp_path / "portfolio.yaml"), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 2, result.output   # the worst of its conventions
    page = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;PISCO&lt;/b&gt;" in page and "<b>PISCO</b>" not in page
    assert 'href="#c2">Brouillon</a>' in page and "not checked: the rules or the log have errors" in page


def test_portfolio_dossier_in_chromium(tmp_path: Path, browser) -> None:
    page = make_portfolio(tmp_path, "--lang", "fr")
    browser.open(page.as_uri())
    assert browser.problems() == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in browser.requests()), browser.requests()
    box = browser.js(VISIBLE % "#portfolio-table")
    assert box and box["shown"] and box["w"] > 600 and box["h"] > 100, box
    for n in range(1, 6):
        for selector in (f"#c{n}-timeline svg", f"#c{n}-verdict-table"):
            box = browser.js(VISIBLE % selector)
            assert box and box["shown"] and box["w"] > 300, (selector, box)
    browser.screenshot(ARTIFACTS / "portfolio-top.png", full_page=False)
    # a verdict of the fourth convention, selected with the keyboard: its article shows in its own panel only
    first = browser.js("document.querySelector('#c4 button.pick').dataset.verdict")
    browser.js("document.querySelector('#c4 button.pick').focus()")
    browser.press("Enter", "Enter", 13, "\r")
    shown = browser.js("""Array.from(document.querySelectorAll('.panel .detail')).filter(d => d.offsetHeight > 0)
        .map(d => d.id)""")
    assert shown == [f"c4-detail-{first}"], shown
    assert browser.js(f"document.getElementById('c4-detail-{first}').innerText.length") > 100
    assert browser.js("document.querySelector('#c1 button.pick').getAttribute('aria-expanded')") == "false"
    browser.js("document.getElementById('c4-h-verdicts').scrollIntoView()")
    browser.screenshot(ARTIFACTS / "portfolio-c4-selected.png", full_page=False)
    shot = browser.screenshot(ARTIFACTS / "portfolio.png")
    assert _png_size(shot)[1] > 5000
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        hidden = browser.js("Array.from(document.querySelectorAll('.panel .detail')).filter(d => d.offsetHeight == 0)"
                            ".length")
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    assert hidden == 0
    assert browser.problems() == []


# --------------------------------------------------------------------------- the files a forwarded dossier names


def test_paths_are_shown_relative_to_the_cwd_else_the_project_else_by_name(tmp_path: Path) -> None:
    from clauses.output.paths import hiding, shown_path

    project = tmp_path / "home" / "alice" / "projet"
    (project / "rules").mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    rules = str(project / "rules" / "a.clauses")
    assert shown_path("rules/a.clauses", cwd=project) == "rules/a.clauses"          # relative: as given
    assert shown_path("../a.clauses", cwd=project) == "../a.clauses"
    assert shown_path(rules, cwd=project) == "rules/a.clauses"                      # below the cwd
    assert shown_path(rules, cwd=project / "rules") == "a.clauses"
    assert shown_path(rules, cwd=tmp_path / "elsewhere") == "rules/a.clauses"       # below its project's root
    loose = tmp_path / "home" / "alice" / "Téléchargements" / "journal.csv"
    assert shown_path(str(loose), cwd=project) == "journal.csv"                     # neither: its name alone
    hide = hiding([rules, rules + "x", "relative.csv"], cwd=tmp_path / "elsewhere")
    assert hide(f"{rules}:3:1: {rules}x and relative.csv") == "rules/a.clauses:3:1: rules/a.clausesx and relative.csv"


@pytest.mark.parametrize("where", ["root", "outside"])
def test_a_dossier_names_no_folder_of_the_sender(tmp_path: Path, monkeypatch, where: str) -> None:
    """Rules, log and a log problem given by absolute paths: the dossier shows them relative to the project
    (run from its root, or from a folder outside it), never the folders above it."""
    import shutil

    project = tmp_path / "home" / "alice" / "projet"
    for folder in ("rules", "conventions", "registre"):
        (project / folder).mkdir(parents=True)
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    rules = project / "rules" / "000_pisco_manosque.clauses"
    shutil.copy(ROOT / SEEDS["000"][0], rules)
    shutil.copy(ROOT / "conventions" / "000_pisco_manosque.txt", project / "conventions")
    log = project / "registre" / "suivi.csv"
    log.write_text((ROOT / SEEDS["000"][1]).read_text(encoding="utf-8")
                   + "2021-01-05,intentions,zz,,,,,,,\n", encoding="utf-8")   # an unknown party: a problem of the log
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(project if where == "root" else tmp_path / "elsewhere")
    out = tmp_path / "d.html"
    result = CliRunner().invoke(app, ["report", str(rules), str(log), "--as-of", "2022-03-01", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    page = out.read_text(encoding="utf-8")
    assert str(tmp_path) not in page and "alice" not in page
    assert "<code>rules/000_pisco_manosque.clauses</code>" in page
    assert "<code>registre/suivi.csv</code>" in page
    assert re.search(r"<code>registre/suivi\.csv:\d+:\d+</code>", page), "the problem's place"


def test_a_portfolio_dossier_names_no_folder_of_the_sender(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = make_portfolio(tmp_path).read_text(encoding="utf-8")
    assert str(ROOT) not in page and str(tmp_path) not in page
    assert "<code>rules/004_groupement_mons_en_baroeul.clauses</code>" in page


def test_the_term_is_named_in_the_readers_language_and_json_keeps_its_id(tmp_path: Path) -> None:
    import json

    french = make_dossier(tmp_path, "000").read_text(encoding="utf-8")
    english = make_dossier(tmp_path, "000", "--lang", "en").read_text(encoding="utf-8")
    # the next due dates and the verdicts: « durée » (art. 7's term), never the id `term`
    assert re.search(r"— <strong>durée</strong> \(art\. 7\)", french)
    assert '<td class="clause"><strong>durée</strong>' in french and "<strong>term</strong>" not in french
    assert re.search(r"— <strong>term</strong> \(art\. 7\)", english)
    data = {lang: CliRunner().invoke(app, ["check", str(ROOT / SEEDS["000"][0]), str(ROOT / SEEDS["000"][1]),
                                           "--as-of", "2022-03-01", "-f", "json", "--lang", lang]).stdout
            for lang in ("fr", "en")}
    clauses = {f["clause"] for f in json.loads(data["fr"])["findings"]}
    assert "term" in clauses and "durée" not in clauses
    assert data["fr"] == data["en"], "the JSON document does not change with the language"
