"""The impact report on a synthetic organisation with planted effects (no database)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from wellbeing import impact, periods, synthetic

WEEKS = 28
HELPED = (1, 2, 3)
NOT_HELPED = (4, 5, 6)
STRONG_SIGNALS = ("hostile_share", "after_contact_s", "csat")


@pytest.fixture(scope="module")
def organisation():
    plans = [
        *(synthetic.TeamPlan(t, trained_week=7 + 2 * t, effect=-0.4) for t in HELPED),
        *(synthetic.TeamPlan(t, trained_week=2 + 2 * t) for t in NOT_HELPED),
        *(synthetic.TeamPlan(t) for t in range(7, 13)),
    ]
    return synthetic.organisation(plans, weeks=WEEKS, seed=2)


@pytest.fixture(scope="module")
def report(organisation):
    signals = impact.team_week_signals(organisation.workload)
    events = impact.completion_events(organisation.completions, organisation.team_sizes)
    return impact.impact_report(signals, events, as_of=organisation.week_start(WEEKS))


def _verdicts(report, teams, signals=None):
    rows = report.loc[report["team_id"].isin(teams)]
    if signals:
        rows = rows.loc[rows["signal"].isin(signals)]
    return rows["verdict"]


def test_the_report_finds_the_planted_improvement_in_every_helped_team(report):
    verdicts = _verdicts(report, HELPED, STRONG_SIGNALS)
    assert len(verdicts) == len(HELPED) * len(STRONG_SIGNALS)
    assert set(verdicts) == {impact.VERDICT_IMPROVED}


def test_the_report_finds_no_change_where_none_was_planted(report):
    verdicts = _verdicts(report, NOT_HELPED)
    assert len(verdicts) == len(NOT_HELPED) * 5  # five workload signals; no quality imported
    assert set(verdicts) == {impact.VERDICT_NO_CHANGE}


def test_every_planted_effect_lies_inside_its_interval_and_points_the_right_way(report):
    helped = report.loc[report["team_id"].isin(HELPED) & (report["signal"] == "hostile_share")]
    assert (helped["high"] < 0).all()
    assert (helped["after"] < helped["before"]).all()


def test_a_calendar_shock_shared_by_all_teams_does_not_pass_for_an_effect(report):
    # The season lifts every team's wrap-up time: the untrained teams' own before/after moves,
    # yet the difference in differences reports nothing for them.
    rows = report.loc[report["team_id"].isin(NOT_HELPED) & (report["signal"] == "after_contact_s")]
    assert (rows["after"] - rows["before"]).abs().max() > 2
    assert set(rows["verdict"]) == {impact.VERDICT_NO_CHANGE}


def test_the_false_alarm_rate_stays_near_the_confidence_level_over_many_organisations():
    false_alarms, checks = 0, 0
    for seed in range(2, 8):
        plans = [synthetic.TeamPlan(t, trained_week=6 + 2 * t) for t in range(1, 5)]
        plans += [synthetic.TeamPlan(t) for t in range(5, 11)]
        org = synthetic.organisation(plans, weeks=26, seed=seed)
        result = impact.impact_report(
            impact.team_week_signals(org.workload),
            impact.completion_events(org.completions, org.team_sizes),
            as_of=org.week_start(26),
        )
        false_alarms += int((result["verdict"] != impact.VERDICT_NO_CHANGE).sum())
        checks += len(result)
    assert checks == 6 * 4 * 5
    assert false_alarms / checks <= 0.12


def test_too_few_weeks_after_the_course_says_not_enough_data_yet(organisation):
    signals = impact.team_week_signals(organisation.workload)
    events = impact.completion_events(organisation.completions, organisation.team_sizes)
    early = organisation.week_start(HELPED[0] * 2 + 7 + 2)  # two weeks after team 1 trained
    result = impact.impact_report(signals, events, as_of=early)
    team_one = result.loc[result["team_id"] == 1]
    assert set(team_one["status"]) == {impact.STATUS_FEW_AFTER}
    assert set(team_one["verdict"]) == {impact.VERDICT_NOT_ENOUGH}
    assert team_one["estimate"].isna().all()


def test_teams_trained_before_or_during_the_window_are_not_controls():
    events = pd.DataFrame(
        {
            "course": ["c", "c", "c"],
            "team_id": [1, 2, 3],
            "completed_on": [dt.date(2026, 3, 4), dt.date(2026, 3, 25), dt.date(2026, 9, 1)],
        }
    )
    _first, _start, _end, last = impact.event_window(
        dt.date(2026, 3, 4), as_of=dt.date(2026, 12, 1), settings=impact.DEFAULT_SETTINGS
    )
    assert impact.control_teams(events, course="c", team_id=1, last=last, teams=[1, 2, 3, 4]) == [
        3,
        4,
    ]


def test_a_team_without_controls_gets_not_enough_data():
    org = synthetic.organisation(
        [synthetic.TeamPlan(1, trained_week=8), synthetic.TeamPlan(2, trained_week=9)],
        weeks=20,
        seed=3,
    )
    result = impact.impact_report(
        impact.team_week_signals(org.workload),
        impact.completion_events(org.completions, org.team_sizes),
        as_of=org.week_start(20),
    )
    assert set(result["status"]) == {impact.STATUS_NO_CONTROLS}


def test_a_team_completes_a_course_when_half_its_members_have():
    completions = pd.DataFrame(
        {
            "team_id": [1, 1, 1, 2],
            "person_id": [10, 11, 12, 20],
            "course": ["c"] * 4,
            "completed_on": [dt.date(2026, 5, d) for d in (1, 9, 20, 2)],
        }
    )
    sizes = pd.DataFrame({"team_id": [1, 2], "size": [5, 4]})
    events = impact.completion_events(completions, sizes)
    assert events.to_dict("records") == [
        {"course": "c", "team_id": 1, "completed_on": dt.date(2026, 5, 20)}
    ]


def test_only_released_team_check_in_figures_enter_the_report():
    released = pd.DataFrame(
        {
            "team_id": [1, 2, 0],
            "parent_id": [0, 0, np.nan],
            "period": ["2026-W10", "2026-W10", "2026-W10"],
            "scale": ["sib", "sib", "sib"],
            "mean": [2.5, np.nan, 2.4],
            "released": [True, False, True],
        }
    )
    signals = impact.checkin_signals(released, periods_bounds=periods.period_bounds)
    assert signals[["team_id", "signal", "value"]].to_dict("records") == [
        {"team_id": 1, "signal": "sib", "value": 2.5}
    ]
    with pytest.raises(ValueError, match="privacy.release"):
        impact.checkin_signals(released.drop(columns="released"), periods_bounds=None)


def test_a_course_pooled_over_three_helped_teams_shows_the_effect(report):
    pooled = impact.pooled_report(report.loc[report["team_id"].isin(HELPED)])
    hostile = pooled.loc[pooled["signal"] == "hostile_share"].iloc[0]
    assert (hostile["teams"], hostile["verdict"]) == (3, impact.VERDICT_IMPROVED)
    two = impact.pooled_report(report.loc[report["team_id"].isin(HELPED[:2])])
    assert set(two["verdict"]) == {impact.VERDICT_NOT_ENOUGH}


def test_the_event_series_has_weeks_before_and_after(organisation):
    signals = impact.team_week_signals(organisation.workload)
    events = impact.completion_events(organisation.completions, organisation.team_sizes)
    series = impact.event_series(
        signals,
        events,
        course=synthetic.COURSE,
        team_id=1,
        signal="hostile_share",
        as_of=organisation.week_start(WEEKS),
    )
    assert (series["side"] == -1).sum() == 8 and (series["side"] == 1).sum() == 8
    assert series["controls"].notna().all()


def test_the_t_quantile_matches_the_table():
    assert impact.t_quantile(0.975, 3) == pytest.approx(3.182, abs=0.01)
    assert impact.t_quantile(0.975, 10) == pytest.approx(2.228, abs=0.005)
    assert impact.t_quantile(0.975, 1000) == pytest.approx(1.962, abs=0.005)
