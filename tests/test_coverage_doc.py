"""docs/coverage.md: each section's totals and the summary agree with its rows."""

from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"
VERDICTS = ("faithful", "approximate", "not")


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## ", text, flags=re.M)
    return {p.split("\n", 1)[0].strip(): p for p in parts[1:]}


def _rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4 and cells[2] in VERDICTS:
            rows.append(cells)
    return rows


def test_section_totals_match_rows():
    sections = _sections(DOC.read_text(encoding="utf-8"))
    conventions = {k: v for k, v in sections.items() if re.match(r"[0-9]{3} ", k)}
    assert len(conventions) >= 5
    for name, body in conventions.items():
        rows = _rows(body)
        counts = {v: sum(r[2] == v for r in rows) for v in VERDICTS}
        m = re.search(r"Totals: (\d+) clauses, (\d+) faithful, (\d+) approximate, (\d+) not\.", body)
        assert m, name
        assert (int(m[1]), int(m[2]), int(m[3]), int(m[4])) == (len(rows), *counts.values()), name
        assert all(r[3] for r in rows if r[2] != "faithful"), f"{name}: every distortion is named"


def test_summary_matches_sections():
    text = DOC.read_text(encoding="utf-8")
    sections = _sections(text)
    summary = {}
    for line in sections["Summary"].splitlines():
        cells = [c.strip().strip("*") for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[1].isdigit():
            summary[cells[0]] = tuple(int(c) for c in cells[1:])
    total = summary.pop("total")
    for name, (n, f, a, x) in summary.items():
        rows = _rows(sections[name])
        assert (n, f, a, x) == (len(rows), *(sum(r[2] == v for r in rows) for v in VERDICTS)), name
    assert total == tuple(sum(v[i] for v in summary.values()) for i in range(4))
    pct = re.search(r"Faithful: (\d+) / (\d+) = \*\*([0-9.]+) %\*\*", text)
    assert pct and (int(pct[1]), int(pct[2])) == (total[1], total[0])
    assert abs(float(pct[3]) - 100 * total[1] / total[0]) < 0.05


def test_every_corpus_convention_has_rules_log_and_scenario():
    root = DOC.parent.parent
    for name in _sections(DOC.read_text(encoding="utf-8")):
        if re.match(r"[0-9]{3} ", name):
            number = name[:3]
            assert list((root / "rules").glob(f"{number}_*.clauses")), number
            assert list((root / "scenarios").glob(f"{number}_*.scenario.yaml")), number
            assert list((root / "examples").glob(f"{number}_*/*.csv")), number
