"""The early forecast on synthetic teams: drifting ones are caught, steady ones left alone."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from wellbeing import forecast, pipeline, synthetic

WEEKS = 24


@pytest.fixture(scope="module")
def history():
    plans = [
        synthetic.TeamPlan(1, drift_from=WEEKS - 3, drift_weeks=8),
        synthetic.TeamPlan(2),
        synthetic.TeamPlan(3),
    ]
    org = synthetic.organisation(plans, weeks=WEEKS, seed=4)
    as_of = org.week_start(WEEKS) - dt.timedelta(days=1)
    strain = pipeline.team_strain(pipeline.person_weeks(org.workload, as_of=as_of))
    return org, strain


def _current(strain, monday):
    week = strain.loc[strain["week_start"] == pd.Timestamp(monday)]
    share = week["share_flagged"].to_numpy()
    rank = (share >= 0.2).astype(int) + (share >= 0.35) + (share >= 0.5)
    return pd.DataFrame({"team_id": week["team_id"], "level_rank": rank, "checkin_rank": 0})


def test_a_drifting_team_is_forecast_higher_than_steady_ones(history):
    org, strain = history
    monday = org.week_start(WEEKS - 1)
    result = forecast.team_forecasts(
        strain,
        _current(strain, monday),
        week_start=monday,
        thresholds=pipeline.DEFAULT_THRESHOLDS,
    ).set_index("team_id")
    assert result.loc[1, "p_warning"] > 0.5
    assert result.loc[[2, 3], "p_warning"].max() < 0.1
    assert (result["p_watch"] >= result["p_warning"]).all()
    assert (result["p_warning"] >= result["p_critical"]).all()
    assert result.loc[1, "by_week"] == "2026-W27"
    codes = [driver["code"] for driver in result.loc[1, "drivers"]]
    assert codes and set(codes) <= {
        "share_flagged_rising",
        "hours_trend",
        "contacts_trend",
        "reason_rising",
    }
    assert result.loc[2, "drivers"] == [] or result.loc[2, "p_watch"] < 0.5


def test_a_team_with_too_short_a_history_gets_no_probabilities():
    strain = pd.DataFrame(
        {
            "team_id": [1, 1],
            "week_start": pd.to_datetime(["2026-11-16", "2026-11-23"]),
            "people": [8, 8],
            "share_flagged": [0.1, 0.4],
            "hours_trend_pct": [0.0, 5.0],
            "contacts_trend_pct": [0.0, 5.0],
        }
    )
    current = pd.DataFrame({"team_id": [1], "level_rank": [2], "checkin_rank": [0]})
    result = forecast.team_forecasts(
        strain, current, week_start=dt.date(2026, 11, 23), thresholds=pipeline.DEFAULT_THRESHOLDS
    )
    assert result.loc[0, "status"] == forecast.STATUS_SHORT_HISTORY
    assert np.isnan(result.loc[0, "p_warning"])


def test_a_check_in_warning_is_carried_forward():
    weeks = pd.date_range("2026-10-05", periods=8, freq="7D")
    strain = pd.DataFrame(
        {
            "team_id": 1,
            "week_start": weeks,
            "people": 10,
            "share_flagged": 0.0,
            "hours_trend_pct": 0.0,
            "contacts_trend_pct": 0.0,
        }
    )
    current = pd.DataFrame({"team_id": [1], "level_rank": [2], "checkin_rank": [2]})
    result = forecast.team_forecasts(
        strain, current, week_start=weeks[-1].date(), thresholds=pipeline.DEFAULT_THRESHOLDS
    )
    assert result.loc[0, "p_warning"] == 1.0
    assert result.loc[0, "p_critical"] == 0.0


def test_the_naive_forecast_repeats_this_weeks_level():
    naive = forecast.naive_reach(np.array([0, 1, 2, 3]))
    assert naive["p_warning"].tolist() == [0.0, 0.0, 1.0, 1.0]


@pytest.mark.parametrize(
    ("p", "word"),
    [
        (0.95, "very_likely"),
        (0.7, "likely"),
        (0.4, "possible"),
        (0.15, "unlikely"),
        (0.02, "very_unlikely"),
    ],
)
def test_probabilities_have_plain_words(p, word):
    assert forecast.plain_probability(p) == word
