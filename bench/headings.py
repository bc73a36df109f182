"""Benchmark of the article index (issue 10 item 13): `ArticleIndex.from_text` on texts of growing size,
with and without a table of contents and titres that restart the numbering; the time per line should
stay flat (the table-of-contents scan and the body ends are linear).

    nice -n 19 python bench/headings.py        # 500, 2 000, 8 000 articles
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from clauses.language.articles import ArticleIndex  # noqa: E402


def text(articles: int, toc: bool, titres: int) -> str:
    per = max(1, articles // titres)
    lines = ["SOMMAIRE", ""] + [f"Article {n} – Titre {n} ........ {n}" for n in range(1, per + 1)] if toc else []
    for t in range(1, titres + 1):
        lines += [f"TITRE {t} — PARTIE", ""]
        for n in range(1, per + 1):
            lines += [f"Article {n} – Titre {n}", "", f"Le corps de l'article {n}.", "", f"{n}.1. Détail", "", "x", ""]
    return "\n".join(lines)


def main() -> None:
    print(f"{'articles':>9} {'toc':>4} {'titres':>6} {'lines':>7} {'seconds':>8} {'µs/line':>8}")
    for articles in (500, 2000, 8000):
        for toc, titres in ((False, 1), (True, 1), (False, 10)):
            t = text(articles, toc, titres)
            start = time.perf_counter()
            ArticleIndex.from_text(t)
            took = time.perf_counter() - start
            lines = t.count("\n") + 1
            print(f"{articles:>9} {str(toc):>4} {titres:>6} {lines:>7} {took:>8.3f} {took / lines * 1e6:>8.1f}")


if __name__ == "__main__":
    main()
