"""Formula-like text is written as text (pure, no database)."""

from datetime import date

import pytest

from courses.lib.cells import cell_text_safe, row_safe


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://evil.example","Open")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_text_a_spreadsheet_would_run_is_prefixed_with_a_quote(typed):
    assert cell_text_safe(typed) == "'" + typed


@pytest.mark.parametrize("value", ["Anna", "a=b", "", 3, -3, 2.5, date(2026, 1, 2)])
def test_everything_else_is_left_as_it_is(value):
    assert cell_text_safe(value) == value


def test_a_row_writes_none_as_an_empty_cell_and_neutralises_the_rest():
    assert row_safe(["=1", None, -4, "ok"]) == ["'=1", "", -4, "ok"]
