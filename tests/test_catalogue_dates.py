"""French dates formatted without babel (clauses.output.catalogue._french_date) agree with babel's
fr_FR formats, day by day (issue 12: a fast path agrees with the exact one)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from clauses.output.catalogue import babel_format_date, format_date


@pytest.mark.parametrize("style", ["full", "long", "short"])
def test_every_day_of_a_dozen_years(style):
    day, end = dt.date(2019, 1, 1), dt.date(2030, 12, 31)
    while day <= end:
        assert format_date(day, "fr", style) == babel_format_date(day, "fr", style), (day, style)
        day += dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
       st.sampled_from(["full", "long", "short", "medium"]), st.sampled_from(["fr", "en"]))
def test_any_date_in_the_years_evaluated(day, style, lang):
    expected = day.isoformat() if lang == "en" else babel_format_date(day, lang, style)
    assert format_date(day, lang, style) == expected
