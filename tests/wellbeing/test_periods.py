"""Reporting periods (pure, no database): ISO weeks and months as labels and bounds."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from courses.lib.status import iso_week
from wellbeing.periods import is_closed, period_bounds, period_end, week_label, week_labels


def test_the_week_label_is_the_iso_week_courses_uses_too():
    assert week_label(dt.date(2026, 11, 20)) == "2026-W47" == iso_week(dt.date(2026, 11, 20))
    assert week_label(dt.date(2027, 1, 1)) == "2026-W53"  # a Friday in 2026's last ISO week


def test_week_labels_of_a_series_match_the_single_label():
    days = pd.Series(pd.to_datetime(["2026-01-01", "2026-06-15", "2026-12-31"]))
    assert week_labels(days).tolist() == [week_label(d.date()) for d in days]


def test_a_week_runs_monday_to_sunday_and_a_month_to_its_last_day():
    start, end = period_bounds(pd.Series(["2026-W47", "2026-02"]))
    assert [d.date() for d in start] == [dt.date(2026, 11, 16), dt.date(2026, 2, 1)]
    assert [d.date() for d in end] == [dt.date(2026, 11, 22), dt.date(2026, 2, 28)]
    assert period_end("2028-02") == dt.date(2028, 2, 29)


@pytest.mark.parametrize("label", ["2025-W53", "2026-W00", "2026-13", "week 47", "2026-W7"])
def test_a_label_that_names_no_period_is_refused(label):
    with pytest.raises(ValueError, match="Invalid period label"):
        period_bounds(pd.Series([label]))


def test_a_period_is_closed_only_after_its_last_day():
    closed = is_closed(pd.Series(["2026-W47", "2026-W48"]), today=dt.date(2026, 11, 23))
    np.testing.assert_array_equal(closed, [True, False])
    assert not is_closed(pd.Series(["2026-W47"]), today=dt.date(2026, 11, 22))[0]
