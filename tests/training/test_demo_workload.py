"""The demo's workload story reads the same whatever day the demo is loaded.

The nightly warnings and the forecast read complete weeks. The demo lays out its
days, random draws included, from the latest complete week, so a visitor who runs
``make demo`` on a Monday, a Wednesday or a Sunday sees the same three stories
(``tests/wellbeing/test_impact_demo.py`` checks them on one day).
"""

import datetime as dt

import pandas as pd
import pytest

from training.demo.wellbeing import DAYS, DRIFTING, HELPED, STRAINED, _person_days

PEOPLE = [(DRIFTING, "maria.nowak"), (STRAINED, "nina.kuznetsova"), (HELPED, "sergey.novikov")]


def _days(slug, username, end):
    return _person_days(slug, username, 7, 3, end).set_index("date")


@pytest.mark.parametrize(("slug", "username"), PEOPLE)
def test_every_day_of_a_week_gives_the_same_complete_weeks(slug, username):
    last_sunday = dt.date(2026, 11, 29)
    first = _days(slug, username, last_sunday)
    assert len(first) == DAYS and first.index.max() == last_sunday
    for later in range(1, 7):  # Monday to Saturday of the week after
        frame = _days(slug, username, last_sunday + dt.timedelta(days=later))
        assert len(frame) == DAYS
        complete = frame.loc[frame.index <= last_sunday]
        pd.testing.assert_frame_equal(complete, first.loc[complete.index])


@pytest.mark.parametrize(("slug", "username"), PEOPLE)
def test_a_week_later_the_same_story_is_a_week_later(slug, username):
    this = _days(slug, username, dt.date(2026, 11, 29))
    next_week = _days(slug, username, dt.date(2026, 12, 6))
    shifted = this.copy()
    shifted.index = pd.Index([day + dt.timedelta(days=7) for day in this.index], name="date")
    common = shifted.index.intersection(next_week.index)
    assert len(common) == DAYS
    pd.testing.assert_frame_equal(next_week.loc[common], shifted.loc[common])


def test_the_drift_of_orders_builds_up_over_the_last_four_weeks():
    days = _days(DRIFTING, "maria.nowak", dt.date(2026, 12, 2))
    worked = days.loc[days["hours_worked"] > 0, "hours_worked"]
    week = pd.to_datetime(worked.index).to_period("W-SUN")
    weekly = worked.groupby(week).mean()
    assert weekly.iloc[-6] < 8.5  # before the drift
    assert weekly.iloc[-2] > weekly.iloc[-4] + 0.5  # climbing into the latest complete week
