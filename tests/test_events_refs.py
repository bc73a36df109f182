"""A ``ref`` naming no id of the log (E012) and its ``did you mean``, for registers of any size.

A register of replies to letters sent before it began has a missing ref on every row: each used to be
compared with every id (``difflib``), minutes for 20,000 rows. Now each is compared with every id only while
that is at most ``COMPARED_AT_MOST`` comparisons in all; beyond, the suggestion is the closest of the ids one
edit away (a character left out, added, replaced, two neighbours swapped), found by looking those strings up.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from clauses.events import read_events, validate
from clauses.events.validate import nearest_id


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (edits and swaps of neighbours), the reference of the tests."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


WORDS = st.text("AB01-", min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.sets(WORDS, min_size=1, max_size=40), WORDS)
def test_beyond_the_budget_the_suggestion_is_an_id_one_edit_away_when_there_is_one(ids: set[str], ref: str) -> None:
    ids.discard(ref)
    if not ids:
        return
    near = nearest_id(ids, asked=10 ** 9)   # far beyond COMPARED_AT_MOST
    found = near(ref)
    close = {i for i in ids if _osa(ref, i) == 1}
    assert (found is None) == (not close)
    assert found is None or found in close


def test_within_the_budget_the_suggestion_is_difflib_s() -> None:
    ids = {"DM-00615", "DM-02764", "AV-00001"}
    assert nearest_id(ids, asked=1)("DM-0615") == "DM-00615"
    assert nearest_id(ids, asked=1)("zzz") is None
    assert nearest_id(set(), asked=1)("DM-0615") is None


def test_a_register_of_replies_to_earlier_letters(tmp_path: Path, monkeypatch) -> None:
    """Every row's ref names a letter before the register; one is a typo of an id of the register."""
    monkeypatch.setattr(validate, "COMPARED_AT_MOST", 100)
    rows = ["date,event,by,to,id,ref"]
    rows += [f"2023-{1 + i % 12:02d}-{1 + i % 28:02d},courrier,ville,asso,C{i:05d},X{i:05d}" for i in range(300)]
    rows.append("2024-01-02,courrier,ville,asso,R00001,C0012")   # C00012 with a 0 left out
    path = tmp_path / "registre.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    events, diags = read_events(path)
    assert len(events) == 301
    e012 = [d for d in diags if d.code == "E012"]
    assert len(e012) == 301
    assert e012[-1].hint == "did you mean `C00012`?" and e012[-1].span.line == 302
    assert all("give the answered event its id" in str(d.hint) or "did you mean" in str(d.hint) for d in e012)
