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
        "occupancy_rising",
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


# --- Tests that try to break the promise: stay where the evidence is weak, move where it is strong.

PEOPLE = 10


def _strain(teams: dict[int, dict[str, list[float]]]) -> pd.DataFrame:
    """Team-week strain from per-team lists: ``flagged`` (people of PEOPLE) and optional
    ``hours`` / ``contacts`` (trend percentages) and ``occupancy`` (two-week occupancy, %),
    one value per week, oldest first."""
    frames = []
    for team_id, signals in teams.items():
        flagged = signals["flagged"]
        weeks = pd.date_range("2026-09-07", periods=len(flagged), freq="7D")
        frames.append(
            pd.DataFrame(
                {
                    "team_id": team_id,
                    "week_start": weeks,
                    "people": PEOPLE,
                    "flagged": flagged,
                    "share_flagged": np.asarray(flagged, dtype=float) / PEOPLE,
                    "hours_trend_pct": signals.get("hours", [0.0] * len(flagged)),
                    "contacts_trend_pct": signals.get("contacts", [0.0] * len(flagged)),
                    "occupancy_14d": signals.get("occupancy", [np.nan] * len(flagged)),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def _forecast(teams, **settings) -> pd.DataFrame:
    strain = _strain(teams)
    latest = strain["week_start"].max()
    week = strain.loc[strain["week_start"] == latest]
    share, trend = (
        week["share_flagged"],
        week[["hours_trend_pct", "contacts_trend_pct"]].max(axis=1),
    )
    rank = np.maximum(
        (share >= 0.2).astype(int) + (share >= 0.35) + (share >= 0.5), (trend >= 15).astype(int)
    )
    current = pd.DataFrame({"team_id": week["team_id"], "level_rank": rank, "checkin_rank": 0})
    return forecast.team_forecasts(
        strain,
        current,
        week_start=latest.date(),
        thresholds=pipeline.DEFAULT_THRESHOLDS,
        settings=forecast.ForecastSettings(**settings),
    ).set_index("team_id")


#: Eight quiet teams: enough (``org_min_teams``) for the organisation's part of each signal
#: to be taken out, so every test below also checks that it does not swallow one team's drift.
QUIET = {team_id: {"flagged": [0, 0, 1, 0, 0, 0, 0, 0]} for team_id in range(10, 18)}


@pytest.mark.parametrize("count", [0, 1, 3])
def test_a_flat_team_is_not_forecast_to_cross_a_line(count):
    # One person below Watch (1 of 10), or below Warning (3 of 10), week after week.
    result = _forecast({1: {"flagged": [count] * 8}, **QUIET})
    assert result.loc[1, "level_rank"] == (1 if count >= 2 else 0)
    assert result.loc[1, "p_warning"] < 0.2
    if count < 2:
        assert result.loc[1, "p_watch"] < 0.2
    else:
        assert result.loc[1, "p_watch"] >= 0.9  # it stays at Watch
    assert [d["code"] for d in result.loc[1, "drivers"]] == []


def test_a_wobbling_team_is_not_forecast_to_cross_on_its_best_weeks():
    # 0, 2, 0, 2 ... of 10 people: a trend line through that is no evidence of a drift.
    result = _forecast({1: {"flagged": [0, 2, 1, 0, 2, 0, 1, 0]}, **QUIET})
    assert result.loc[1, "p_warning"] < 0.1
    assert result.loc[1, "p_watch"] < 0.5


def test_a_steadily_rising_team_is_forecast_to_cross():
    # One more person flagged every week: 3 of 10 now, Warning (4 of 10) next week.
    result = _forecast({1: {"flagged": [0, 0, 0, 0, 0, 1, 2, 3]}, **QUIET})
    assert result.loc[1, "level_rank"] == 1
    assert result.loc[1, "p_warning"] >= 0.7
    assert result.loc[1, "drivers"][0]["code"] == "share_flagged_rising"


def test_rising_hours_alone_are_forecast_to_reach_watch():
    hours = [0.0, 0.0, 0.0, 2.0, 5.0, 8.0, 10.0, 12.5]
    result = _forecast({1: {"flagged": [0] * 8, "hours": hours}, **QUIET})
    assert result.loc[1, "level_rank"] == 0
    assert result.loc[1, "p_watch"] >= 0.5
    assert [d["code"] for d in result.loc[1, "drivers"]] == ["hours_trend"]


def test_a_busy_week_for_everyone_is_not_a_drift_of_one_team():
    # Every team's hours jump 20 % in the latest week (Watch on the trend), then the
    # organisation goes back to its usual weeks; no team is forecast to stay there.
    busy = [0.0] * 7 + [20.0]
    teams = {team_id: {"flagged": [0] * 8, "hours": busy} for team_id in range(1, 10)}
    result = _forecast(teams)
    assert (result["level_rank"] == 1).all()
    assert result["p_watch"].max() < 0.5
    assert all(drivers == [] for drivers in result["drivers"])
    # The same jump in one team alone is its own: it is forecast to stay at Watch.
    alone = _forecast({1: {"flagged": [0] * 8, "hours": busy}, **QUIET})
    assert alone.loc[1, "p_watch"] > result["p_watch"].max()


def test_a_team_left_out_of_a_busy_week_is_not_forecast_to_rise():
    # Half of every other team was flagged three weeks ago, and no one in team 1: that
    # week is the organisation's, not a fall of team 1's own that makes it look erratic.
    teams = {team_id: {"flagged": [0, 0, 0, 0, 0, 5, 0, 0]} for team_id in range(2, 10)}
    result = _forecast({1: {"flagged": [0] * 7 + [1]}, **teams})
    assert result.loc[1, "level_rank"] == 0
    assert result.loc[1, "p_watch"] < 0.3
    assert result.loc[1, "p_warning"] < 0.05


def test_a_run_of_busy_weeks_is_not_the_organisations_usual():
    # Three of the last six weeks were busy for everyone (3 more of 10 flagged in every
    # team); team 1 has had one person flagged all along. Its own part is flat, and the
    # organisation's usual is that of its longer history (no one flagged), not the
    # median of the six weeks the lines read: team 1 stays below Watch.
    busy = [0] * 14 + [3, 3, 3, 0, 0, 0]
    teams = {team_id: {"flagged": busy} for team_id in range(2, 10)}
    result = _forecast({1: {"flagged": [1] * 14 + [4, 4, 4, 1, 1, 1]}, **teams})
    assert result.loc[1, "level_rank"] == 0
    assert result.loc[1, "p_watch"] < 0.2
    # Read over the six weeks alone, the run of busy weeks would lift team 1 to Watch.
    short = _forecast({1: {"flagged": [1] * 14 + [4, 4, 4, 1, 1, 1]}, **teams}, usual_weeks=6)
    assert short.loc[1, "p_watch"] > 0.5


def test_the_forecast_is_the_same_for_the_same_seed():
    teams = {1: {"flagged": [0, 1, 1, 2, 2, 3, 3, 3]}, **QUIET}
    first, second = _forecast(teams), _forecast(teams)
    pd.testing.assert_frame_equal(first, second)
    other = _forecast(teams, seed=7)
    assert abs(other.loc[1, "p_warning"] - first.loc[1, "p_warning"]) < 0.05


def test_the_yes_or_no_keeps_this_weeks_level_unless_the_forecast_clearly_departs():
    # Teams at Warning (rank 2) stay unless the chance of staying is below 0.2;
    # teams below rise only when the chance is at least 0.6 ("likely"); no forecast is a no.
    p = np.array([0.15, 0.25, 0.9, 0.55, 0.65, np.nan])
    rank = np.array([2, 2, 3, 1, 0, 2])
    assert forecast.says(p, rank, 2).tolist() == [False, True, True, False, True, False]
    naive = forecast.says(p, rank, 2, forecast.ForecastSettings(stay_unless_below=0.0))
    assert naive[:4].tolist() == [True, True, True, False]


# --- Occupancy leads the flags, where the organisation's own weeks say it does.


@pytest.fixture(scope="module")
def drifting_organisation():
    """24 teams over 30 weeks, a third of them drifting from random weeks (seed 2)."""
    weeks = 30
    plans = synthetic.mixed_plans(24, weeks=weeks, seed=2)
    org = synthetic.organisation(plans, weeks=weeks, seed=2)
    as_of = org.week_start(weeks) - dt.timedelta(days=1)
    return org, pipeline.team_strain(pipeline.person_weeks(org.workload, as_of=as_of))


def test_strain_has_the_teams_mean_two_week_occupancy(drifting_organisation):
    org, strain = drifting_organisation
    person_weeks = pipeline.person_weeks(org.workload, as_of=org.week_start(30))
    row = strain.iloc[100]
    people = person_weeks.loc[
        (person_weeks["team_id"] == row["team_id"])
        & (person_weeks["week_start"] == row["week_start"])
        & (person_weeks["days_worked"] > 0)
    ]
    assert row["occupancy_14d"] == pytest.approx(people["occ_mean_14d_max"].mean())
    none = pipeline.team_strain(
        pipeline.person_weeks(org.workload.assign(occupancy_pct=np.nan), as_of=org.week_start(30))
    )
    assert none["occupancy_14d"].isna().all()


def test_a_team_a_week_into_a_drift_is_forecast_to_reach_watch_from_its_occupancy(
    drifting_organisation,
):
    # Team 23 starts drifting in week 13; a week later no one is flagged yet and its hours
    # and contacts are within the noise, but its occupancy has risen as it did before the
    # other teams' flags this year.
    org, strain = drifting_organisation
    monday = pd.Timestamp(org.week_start(14))
    week = strain.loc[strain["week_start"] == monday]
    share = week["share_flagged"]
    rank = (share >= 0.2).astype(int) + (share >= 0.35) + (share >= 0.5)
    current = pd.DataFrame({"team_id": week["team_id"], "level_rank": rank, "checkin_rank": 0})

    def run(frame):
        return forecast.team_forecasts(
            frame, current, week_start=monday.date(), thresholds=pipeline.DEFAULT_THRESHOLDS
        ).set_index("team_id")

    with_occupancy = run(strain)
    without = run(strain.drop(columns=["occupancy_14d"]))
    assert with_occupancy.loc[23, "level_rank"] == 0
    assert without.loc[23, "p_watch"] < 0.6
    assert with_occupancy.loc[23, "p_watch"] >= 0.9
    assert with_occupancy.loc[23, "drivers"][0]["code"] == "occupancy_rising"
    assert with_occupancy.loc[23, "drivers"][0]["params"]["points"] > 1
    # No occupancy imported is the same as no occupancy column.
    pd.testing.assert_frame_equal(run(strain.assign(occupancy_14d=np.nan)), without)
    # Steady teams are mostly left alone: their occupancy wobbles, and a rise counts for as
    # much as the organisation's weeks link it to flags (2 of these 17 are lifted, none to
    # Watch for certain; the backtest's precision counts such false alarms).
    steady = [
        p.team_id for p in synthetic.mixed_plans(24, weeks=30, seed=2) if p.drift_from is None
    ]
    lifted = with_occupancy.loc[steady, "p_watch"] - without.loc[steady, "p_watch"]
    assert len(steady) == 17 and (lifted > 0.05).sum() <= 2
    assert with_occupancy.loc[steady, "p_watch"].max() < 0.9


def _occupancy_history(rise_follows: bool, weeks: int = 30):
    """Nine teams whose occupancy steps up two points for three weeks at different times;
    with ``rise_follows``, four of the ten people are flagged in the two weeks after."""
    teams = {}
    for team_id in range(2, 11):
        start = 4 + 2 * team_id
        occupancy = [78.0] * weeks
        flagged = [0] * weeks
        for k in range(start, min(start + 3, weeks)):
            occupancy[k] = 80.0 + (k - start)
        if rise_follows:
            for k in range(start + 1, min(start + 4, weeks)):
                flagged[k] = 4
        teams[team_id] = {"flagged": flagged, "occupancy": occupancy}
    return teams


def test_an_occupancy_rise_counts_only_where_flags_have_followed_one():
    rising = {"flagged": [1] * 29 + [1], "occupancy": [78.0] * 29 + [80.5]}
    followed = _forecast({1: rising, **_occupancy_history(rise_follows=True)})
    never = _forecast({1: rising, **_occupancy_history(rise_follows=False)})
    flat = _forecast({1: {**rising, "occupancy": [78.0] * 30}, **_occupancy_history(True)})
    assert followed.loc[1, "p_watch"] >= 0.6
    assert [d["code"] for d in followed.loc[1, "drivers"]] == ["occupancy_rising"]
    # In an organisation where flags never followed a rise, the same rise is no sign.
    assert never.loc[1, "p_watch"] == flat.loc[1, "p_watch"] < 0.2
    assert never.loc[1, "drivers"] == []


def test_occupancy_rising_for_everyone_or_falling_is_no_lead():
    history = _occupancy_history(rise_follows=True)
    everyone = {
        team_id: {**signals, "occupancy": signals["occupancy"][:-1] + [81.0]}
        for team_id, signals in history.items()
    }
    steady = {"flagged": [1] * 30, "occupancy": [78.0] * 29 + [81.0]}
    result = _forecast({1: steady, **everyone})
    assert result.loc[1, "p_watch"] < 0.2 and result.loc[1, "drivers"] == []
    falling = _forecast({1: {**steady, "occupancy": [78.0] * 29 + [74.0]}, **history})
    assert falling.loc[1, "p_watch"] < 0.2 and falling.loc[1, "drivers"] == []
