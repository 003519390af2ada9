"""Burnout rules on tiny hand-made workload frames, without a database."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from wellbeing import metrics, privacy
from wellbeing.metrics import (
    PERSON_WEEK_COLUMNS,
    SIGNAL_COLUMNS,
    TEAM_WARNING_COLUMNS,
    TEAM_WEEK_COLUMNS,
    WORKLOAD_COLUMNS,
    Thresholds,
    person_day_signals,
    person_week_flags,
    team_checkin_scores,
    team_warnings,
    team_week_strain,
)

MONDAY = dt.date(2026, 1, 5)  # ISO week 2026-W02
FAR = dt.date(2026, 12, 31)

DEFAULTS = {
    "team_id": "t1",
    "contacts": 40,
    "handle_time_s": 300.0,
    "after_contact_s": 60.0,
    "occupancy_pct": 80.0,
    "hours_worked": 8.0,
    "overtime_h": 0.0,
    "after_hours_min": 0.0,
    "hostile_contacts": 0,
    "absence": False,
    "csat": np.nan,
    "quality": np.nan,
}


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


def shifts(offsets, person="p1", **values) -> list[dict]:
    """One row per day offset from MONDAY; a list value gives one value per day."""
    rows = []
    for index, offset in enumerate(offsets):
        row = {"person_id": person, "date": day(offset)}
        for key, value in values.items():
            row[key] = value[index] if isinstance(value, list) else value
        rows.append(row)
    return rows


def workload(rows) -> pd.DataFrame:
    return pd.DataFrame([{**DEFAULTS, **row} for row in rows]).loc[:, list(WORKLOAD_COLUMNS)]


def signals(rows, as_of=FAR, **thresholds) -> pd.DataFrame:
    return person_day_signals(workload(rows), as_of=as_of, thresholds=Thresholds(**thresholds))


def on(frame: pd.DataFrame, offset: int, person="p1") -> pd.Series:
    chosen = frame.loc[
        (frame["person_id"] == person) & (frame["date"] == pd.Timestamp(day(offset)))
    ]
    assert len(chosen) == 1
    return chosen.iloc[0]


def weeks(rows, as_of=FAR) -> pd.DataFrame:
    return person_week_flags(signals(rows, as_of))


def week_of(frame: pd.DataFrame, label: str, person="p1") -> pd.Series:
    chosen = frame.loc[(frame["person_id"] == person) & (frame["week"] == label)]
    assert len(chosen) == 1
    return chosen.iloc[0]


# --- person-day signals: absolute limits ----------------------------------------------


def test_signals_have_the_documented_columns_and_a_full_calendar():
    frame = signals(shifts([0, 1, 4]))
    assert tuple(frame.columns) == SIGNAL_COLUMNS
    assert frame["date"].dtype == "datetime64[ns]"
    # Monday to Sunday of the last record's week; no records Wednesday, Thursday, weekend.
    assert len(frame) == 7
    assert len(signals(shifts([0, 1, 4]), as_of=day(5))) == 6  # never beyond as_of
    assert on(frame, 2)[["has_record", "worked", "hours_worked"]].tolist() == [False, False, 0.0]
    assert on(frame, 2)["team_id"] == "t1"


def test_six_consecutive_days_flag_and_five_do_not():
    six = signals(shifts(range(6)))
    assert on(six, 5)["consecutive_days"] == 6
    assert on(six, 5)["consecutive_days_high"]
    assert not on(six, 4)["consecutive_days_high"]
    five = weeks(shifts(range(5)))
    assert week_of(five, "2026-W02")["consecutive_days_max"] == 5
    assert not week_of(five, "2026-W02")["reason_consecutive_days"]
    assert week_of(person_week_flags(six), "2026-W02")["reasons"] == ("consecutive_days",)


def test_a_day_off_or_an_absence_restarts_the_count():
    frame = signals(
        shifts([0, 1, 2, 4, 5, 6, 7, 8, 9])
        + shifts([3], hours_worked=0.0, contacts=0, absence=True)
    )
    assert on(frame, 3)["consecutive_days"] == 0
    assert on(frame, 8)["consecutive_days"] == 5
    assert on(frame, 9)["consecutive_days_high"]


def test_fifty_five_hours_in_seven_days_flag_and_just_below_does_not():
    exact = signals(shifts(range(5), hours_worked=[10.1, 10.9, 11.3, 11.7, 11.0]))
    assert on(exact, 4)["hours_7d"] == 55.0
    assert on(exact, 4)["long_week"]
    below = weeks(shifts(range(5), hours_worked=10.99))
    row = week_of(below, "2026-W02")
    assert row["hours_7d_max"] == pytest.approx(54.95)
    assert not row["reason_long_week"]


def test_long_week_counts_any_seven_days_across_iso_weeks():
    # Thursday to Wednesday: 4 days in W02, 3 in W03, 7 x 8 = 56 h.
    frame = weeks(shifts(range(3, 10), hours_worked=8.0))
    assert not week_of(frame, "2026-W02")["reason_long_week"]
    assert week_of(frame, "2026-W03")["reason_long_week"]
    assert week_of(frame, "2026-W03")["hours_7d_max"] == 56.0


def test_two_weeks_at_85_percent_occupancy_flag_and_just_below_does_not():
    worked = [0, 1, 2, 3, 4, 7, 8, 9]  # 8 shifts within 10 calendar days
    exact = signals(shifts(worked, occupancy_pct=[80.0, 90.0] * 4))
    assert on(exact, 9)["occ_days_14d"] == 8
    assert on(exact, 9)["occ_mean_14d"] == 85.0
    assert on(exact, 9)["occ_high_2w"]
    assert not on(exact, 8)["occ_high_2w"]  # only 7 shifts so far
    below = signals(shifts(worked, occupancy_pct=84.99))
    assert not below["occ_high_2w"].any()


def test_too_few_shifts_in_two_weeks_do_not_flag_occupancy():
    frame = signals(shifts([0, 1, 2, 3, 4, 7, 8], occupancy_pct=99.0))
    assert not frame["occ_high_2w"].any()


def test_three_shifts_at_90_percent_flag_and_just_below_does_not():
    exact = signals(shifts([0, 1, 2], occupancy_pct=90.0))
    assert on(exact, 2)["occ_very_high_run"] == 3
    assert on(exact, 2)["occ_very_high_3d"]
    assert not on(exact, 1)["occ_very_high_3d"]
    below = signals(shifts([0, 1, 2], occupancy_pct=[90.0, 90.0, 89.99]))
    assert not below["occ_very_high_3d"].any()


def test_a_weekend_does_not_break_a_run_of_very_high_shifts_but_a_longer_gap_does():
    friday_to_tuesday = signals(shifts([4, 7, 8], occupancy_pct=95.0))
    assert on(friday_to_tuesday, 8)["occ_very_high_3d"]
    four_days_off = signals(shifts([4, 8, 9], occupancy_pct=95.0))
    assert on(four_days_off, 9)["occ_very_high_run"] == 2
    interrupted = signals(shifts([0, 1, 2, 3], occupancy_pct=[95.0, 70.0, 95.0, 95.0]))
    assert on(interrupted, 3)["occ_very_high_run"] == 2


def test_a_quarter_of_hostile_contacts_flags_and_just_below_does_not():
    exact = signals(shifts(range(5), contacts=20, hostile_contacts=[5, 5, 5, 5, 5]))
    assert on(exact, 4)["hostile_share_7d"] == 0.25
    assert on(exact, 4)["hostile_share_high"]
    below = signals(shifts(range(5), contacts=20, hostile_contacts=[5, 5, 5, 5, 4]))
    assert not on(below, 4)["hostile_share_high"]
    row = week_of(person_week_flags(exact), "2026-W02")
    assert row["reason_hostile_share"]
    assert row["hostile_share_7d_max"] == 0.25


def test_hostile_share_needs_enough_contacts():
    few = signals(shifts([0], contacts=19, hostile_contacts=19))
    assert not few["hostile_share_high"].any()
    enough = signals(shifts([0], contacts=20, hostile_contacts=5))
    assert enough["hostile_share_high"].all()


def test_four_weeks_of_overtime_flag_and_three_do_not():
    mondays = [0, 7, 14, 21]
    rows = shifts(mondays, overtime_h=2.0)
    frame = weeks(rows)
    assert week_of(frame, "2026-W04")["overtime_weeks"] == 3
    assert not week_of(frame, "2026-W04")["reason_overtime_streak"]
    assert week_of(frame, "2026-W05")["overtime_weeks"] == 4
    assert week_of(frame, "2026-W05")["reason_overtime_streak"]
    assert "overtime_streak" in week_of(frame, "2026-W05")["reasons"]


def test_an_overtime_week_needs_two_hours_and_a_week_without_restarts_the_streak():
    just_below = weeks(shifts([0, 7, 14, 21], overtime_h=1.99))
    assert not just_below["overtime_week"].any()
    gap = weeks(shifts([0, 7, 21, 28], overtime_h=2.0) + shifts([14]))
    assert week_of(gap, "2026-W04")["overtime_weeks"] == 0
    assert week_of(gap, "2026-W06")["overtime_weeks"] == 2


def test_two_hours_of_after_hours_work_in_a_week_flag_and_just_below_does_not():
    exact = weeks(shifts([0, 1], after_hours_min=60.0))
    assert week_of(exact, "2026-W02")["reason_after_hours"]
    below = weeks(shifts([0, 1], after_hours_min=[60.0, 59.0]))
    assert not week_of(below, "2026-W02")["reason_after_hours"]


# --- baseline deviations --------------------------------------------------------------


def weekly_hours(totals) -> list[dict]:
    """Monday-to-Friday shifts giving the weekly hour totals."""
    rows = []
    for week, total in enumerate(totals):
        rows += shifts(range(7 * week, 7 * week + 5), hours_worked=total / 5)
    return rows


def sunday(week: int) -> int:
    return 7 * week + 6


def test_robust_z_uses_median_and_mad_of_the_previous_eight_weeks():
    history = [30, 40, 50, 40, 60, 20, 40, 40]  # median 40, MAD 5
    frame = signals(weekly_hours([*history, 55]))
    row = on(frame, sunday(8))
    assert row["hours_7d"] == 55.0
    assert row["hours_baseline"] == 40.0
    assert row["hours_z"] == pytest.approx(15 / (1.4826 * 5))


def test_the_current_week_is_not_part_of_its_own_baseline():
    history = [30, 40, 50, 40, 60, 20, 40, 40]
    calm = on(signals(weekly_hours([*history, 40])), sunday(8))
    busy = on(signals(weekly_hours([*history, 90])), sunday(8))
    assert calm["hours_baseline"] == busy["hours_baseline"] == 40.0


def test_only_eight_weeks_count_for_the_baseline():
    # A ninth, older week of 200 h is out of the window.
    frame = signals(weekly_hours([200, 30, 40, 50, 40, 60, 20, 40, 40, 55]))
    assert on(frame, sunday(9))["hours_baseline"] == 40.0


def test_a_regular_history_uses_the_scale_floor_instead_of_dividing_by_zero():
    frame = signals(weekly_hours([40] * 8 + [50]))
    # MAD is 0; the floor is max(1 h, 5 % of 40 h) = 2 h.
    assert on(frame, sunday(8))["hours_z"] == pytest.approx(5.0)


def test_no_z_score_without_four_weeks_of_history():
    frame = signals(weekly_hours([40, 40, 40, 60]))
    assert np.isnan(on(frame, sunday(3))["hours_z"])
    assert np.isnan(on(frame, sunday(3))["hours_baseline"])
    assert not np.isnan(on(signals(weekly_hours([40] * 4 + [60])), sunday(4))["hours_z"])


def test_a_sustained_rise_above_baseline_flags_the_week_and_a_steady_week_does_not():
    risen = weeks(weekly_hours([40] * 8 + [60]))
    row = week_of(risen, "2026-W10")
    assert row["reason_hours_above_baseline"]
    assert row["hours_7d_end"] == 60.0
    assert row["hours_baseline"] == 40.0
    assert row["hours_z"] >= 2.5
    steady = weeks(weekly_hours([40] * 9))
    assert not steady["reason_hours_above_baseline"].any()
    assert not steady["flagged"].any()


def test_z_scores_are_smoothed_by_an_ewma_per_person():
    frame = signals(weekly_hours([40] * 8 + [60]))
    person = frame.loc[frame["person_id"] == "p1"]
    expected = person["hours_z"].ewm(span=7, ignore_na=True).mean()
    expected = expected.where(person["hours_z"].notna())
    np.testing.assert_allclose(person["hours_z_ewma"], expected)


def test_people_are_baselined_separately():
    rows = weekly_hours([40] * 8 + [60]) + [
        {**row, "person_id": "p2"} for row in weekly_hours([40] * 9)
    ]
    frame = signals(rows)
    assert on(frame, sunday(8), "p1")["hours_z"] == pytest.approx(10.0)
    assert on(frame, sunday(8), "p2")["hours_z"] == 0.0


# --- as_of and input checks -----------------------------------------------------------


def test_data_after_as_of_is_ignored():
    rows = weekly_hours([40] * 8)
    future = shifts(range(56, 63), hours_worked=14.0, overtime_h=6.0)
    as_of = day(55)
    without = signals(rows, as_of=as_of)
    with_future = signals(rows + future, as_of=as_of)
    assert_frame_equal(with_future, without)
    assert with_future["date"].max() <= pd.Timestamp(as_of)


def test_it_refuses_two_rows_for_a_person_and_day():
    with pytest.raises(ValueError, match="more than one row"):
        signals(shifts([0, 0]))


def test_it_names_missing_workload_columns():
    with pytest.raises(ValueError, match="missing column.*occupancy_pct"):
        person_day_signals(workload(shifts([0])).drop(columns="occupancy_pct"), as_of=FAR)


def test_people_weeks_have_the_documented_columns():
    frame = weeks(shifts(range(6), overtime_h=1.0))
    assert tuple(frame.columns) == PERSON_WEEK_COLUMNS
    row = week_of(frame, "2026-W02")
    assert row["week_start"] == pd.Timestamp(MONDAY)
    assert row["week_end"] == pd.Timestamp(day(6))
    assert row["days_worked"] == 6
    assert row["overtime_h"] == 6.0
    assert row["flagged"]


# --- team strain ----------------------------------------------------------------------


def test_team_strain_counts_flagged_people_and_the_reasons():
    rows = shifts(range(6), person="p1") + shifts(range(5), person="p2")
    rows += shifts(range(5), person="p3", team_id="t2")
    strain = team_week_strain(weeks(rows))
    assert tuple(strain.columns) == TEAM_WEEK_COLUMNS
    t1 = strain.loc[strain["team_id"] == "t1"].iloc[0]
    assert (t1["people"], t1["flagged"], t1["share_flagged"]) == (2, 1, 0.5)
    assert t1["n_consecutive_days"] == 1
    assert t1["consecutive_days_max"] == 6
    assert t1["hours"] == 88.0
    t2 = strain.loc[strain["team_id"] == "t2"].iloc[0]
    assert (t2["people"], t2["flagged"], t2["share_flagged"]) == (1, 0, 0.0)


def test_team_trend_compares_with_the_teams_own_baseline():
    strain = team_week_strain(weeks(weekly_hours([40, 40, 40, 40, 50])))
    last = strain.iloc[-1]
    assert last["hours_per_person"] == 50.0
    assert last["hours_per_person_baseline"] == 40.0
    assert last["hours_trend_pct"] == pytest.approx(25.0)
    assert np.isnan(strain.iloc[3]["hours_trend_pct"])  # only three weeks before it


# --- check-in scores ------------------------------------------------------------------


def test_checkin_scores_per_team_period_and_scale():
    checkins = pd.DataFrame(
        {
            "team_id": ["a", "a", "a", "a", "b"],
            "period": ["2026-11"] * 5,
            "cbi_work": [50.0, 49.99, 75.0, np.nan, 10.0],
            "who5": [50.0, 52.0, 28.0, 80.0, np.nan],
        }
    )
    scores = team_checkin_scores(checkins, team_sizes=pd.DataFrame({"team_id": ["a"], "size": [8]}))
    expected = pd.DataFrame(
        {
            "team_id": ["a", "a", "b"],
            "parent_id": pd.Series([np.nan] * 3, dtype=object),
            "period": ["2026-11"] * 3,
            "scale": ["cbi_work", "who5", "cbi_work"],
            "answers": [4, 4, 1],
            "n": [3, 4, 1],
            "mean": [(50 + 49.99 + 75) / 3, (50 + 52 + 28 + 80) / 4, 10.0],
            "share_concern": [2 / 3, 2 / 4, 0.0],
            "team_size": [8.0, 8.0, np.nan],
            "participation": [0.5, 0.5, np.nan],
        }
    )
    assert_frame_equal(scores, expected, check_dtype=False)
    assert tuple(scores.columns) == metrics.CHECKIN_SCORE_COLUMNS


def test_the_pulse_has_no_share_beyond_a_line():
    checkins = pd.DataFrame(
        {"team_id": ["a", "a"], "period": ["2026-W47"] * 2, "cbi_work_pulse": [100.0, 0.0]}
    )
    scores = team_checkin_scores(checkins)
    assert scores["mean"].tolist() == [50.0]
    assert np.isnan(scores["share_concern"].iloc[0])


def test_parent_groups_are_aggregated_from_the_raw_scores():
    checkins = pd.DataFrame(
        {"team_id": ["a", "a", "a", "b"], "period": ["2026-W47"] * 4, "sib": [1.0, 1.0, 1.0, 5.0]}
    )
    sizes = pd.DataFrame({"team_id": ["a", "b"], "size": [4, 6]})
    scores = team_checkin_scores(checkins, team_sizes=sizes, parents={"a": "org", "b": "org"})
    org = scores.loc[scores["team_id"] == "org"].iloc[0]
    assert (org["answers"], org["n"], org["mean"], org["share_concern"]) == (4, 4, 2.0, 0.25)
    assert org["team_size"] == 10.0
    assert org["participation"] == 0.4
    assert pd.isna(org["parent_id"])
    assert scores.loc[scores["team_id"] == "a", "parent_id"].tolist() == ["org"]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("who5", 104.0, "outside their scale"),
        ("sib", 0.0, "outside their scale"),
        ("period", "2026-W60", "Invalid period"),
    ],
)
def test_checkin_scores_refuse_bad_input(column, value, message):
    checkins = pd.DataFrame(
        {"team_id": ["a"], "period": ["2026-W47"], "who5": [40.0], "sib": [2.0]}
    )
    checkins[column] = [value]
    with pytest.raises(ValueError, match=message):
        team_checkin_scores(checkins)


def test_checkin_scores_need_a_scale_column():
    with pytest.raises(ValueError, match="no scale column"):
        team_checkin_scores(pd.DataFrame({"team_id": ["a"], "period": ["2026-W47"], "x": [1]}))


# --- team warnings --------------------------------------------------------------------

WEEK_START = pd.Timestamp("2026-11-16")  # 2026-W47, Monday
AS_OF = dt.date(2026, 11, 22)  # its Sunday


def strain_row(team="t1", week_start=WEEK_START, **values) -> dict:
    row = dict.fromkeys(TEAM_WEEK_COLUMNS, 0)
    row.update(
        team_id=team,
        week="",
        week_start=week_start,
        week_end=week_start + pd.Timedelta(days=6),
        people=100,
        hours_trend_pct=np.nan,
        contacts_trend_pct=np.nan,
        hours_per_person=40.0,
        contacts_per_person=200.0,
        hours_per_person_baseline=40.0,
        contacts_per_person_baseline=200.0,
    )
    row.update(values)
    row["share_flagged"] = row["flagged"] / row["people"]
    return row


def no_checkins() -> pd.DataFrame:
    empty = pd.DataFrame(columns=list(metrics.CHECKIN_SCORE_COLUMNS))
    return privacy.release(empty, today=AS_OF)


def released_checkins(rows, today=dt.date(2026, 12, 1)) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {"parent_id": None, "answers": row["n"], "team_size": np.nan, "participation": np.nan}
            | row
            for row in rows
        ]
    ).loc[:, list(metrics.CHECKIN_SCORE_COLUMNS)]
    return privacy.release(frame, today=today)


def warn(strain_rows, checkins=None, as_of=AS_OF) -> pd.DataFrame:
    checkins = no_checkins() if checkins is None else checkins
    return team_warnings(pd.DataFrame(strain_rows), checkins, as_of=as_of)


@pytest.mark.parametrize(
    ("flagged", "level"),
    [
        (19, "none"),
        (20, "watch"),
        (34, "watch"),
        (35, "warning"),
        (49, "warning"),
        (50, "critical"),
    ],
)
def test_team_level_follows_the_share_of_people_flagged(flagged, level):
    result = warn([strain_row(flagged=flagged)])
    assert tuple(result.columns) == TEAM_WARNING_COLUMNS
    row = result.iloc[0]
    assert (row["level"], row["workload_level"], row["checkin_level"]) == (level, level, "none")
    assert row["level_rank"] == metrics.LEVELS.index(level)
    assert row["week"] == "2026-W47"


def test_warning_reasons_carry_the_numbers_and_recommend_actions():
    row = warn(
        [
            strain_row(
                flagged=50,
                n_overtime_streak=3,
                overtime_weeks_max=5,
                n_long_week=1,
                hours_7d_max=58.5,
            )
        ]
    ).iloc[0]
    assert row["reasons"] == [
        {"code": "people_flagged", "params": {"flagged": 50, "people": 100, "share": 0.5}},
        {"code": "long_week", "params": {"people": 1, "max_hours": 58.5}},
        {"code": "overtime_streak", "params": {"people": 3, "max_weeks": 5}},
    ]
    assert row["actions"] == [
        "talk_one_to_one_about_overtime",
        "rebalance_workload",
        "assign_stress_course",
        "offer_support_resources",
    ]
    json.dumps(row["reasons"])  # plain Python values, ready for a JSONField


def test_a_rising_workload_trend_raises_watch_on_its_own():
    rows = [
        strain_row(hours_trend_pct=15.0, hours_per_person=46.0),
        strain_row("t2", hours_trend_pct=14.9),
    ]
    result = warn(rows)
    assert result["level"].tolist() == ["watch", "none"]
    assert result.iloc[0]["reasons"] == [
        {"code": "hours_trend", "params": {"pct": 15.0, "per_person": 46.0, "baseline": 40.0}}
    ]
    assert result.iloc[0]["actions"] == ["review_staffing"]
    assert result.iloc[1]["reasons"] == [] and result.iloc[1]["actions"] == []


def test_it_uses_the_latest_complete_week_before_as_of():
    rows = [
        strain_row(flagged=50),
        strain_row(week_start=WEEK_START + pd.Timedelta(days=7), flagged=0),
    ]
    assert warn(rows, as_of=AS_OF)["level"].tolist() == ["critical"]
    saturday = AS_OF + dt.timedelta(days=6)
    assert warn(rows, as_of=saturday)["level"].tolist() == ["critical"]
    assert warn(rows, as_of=saturday + dt.timedelta(days=1))["level"].tolist() == ["none"]


def test_released_checkin_shares_raise_the_level():
    checkins = released_checkins(
        [
            {
                "team_id": "t1",
                "period": "2026-W47",
                "scale": "sib",
                "n": 10,
                "mean": 2.4,
                "share_concern": 0.5,
            },
            {
                "team_id": "t2",
                "period": "2026-W47",
                "scale": "sib",
                "n": 10,
                "mean": 2.0,
                "share_concern": 0.2,
            },
        ]
    )
    result = warn([strain_row(), strain_row("t2")], checkins, as_of=AS_OF)
    assert result["checkin_level"].tolist() == ["critical", "watch"]
    assert result.iloc[0]["reasons"] == [
        {
            "code": "checkin_concern",
            "params": {
                "scale": "sib",
                "period": "2026-W47",
                "n": 10,
                "share": 0.5,
                "mean": 2.4,
                "line": 3.0,
            },
        }
    ]
    assert "assign_stress_course" in result.iloc[0]["actions"]


def test_a_team_mean_beyond_the_published_line_raises_at_least_warning():
    checkins = released_checkins(
        [
            {
                "team_id": "t1",
                "period": "2026-11",
                "scale": "who5",
                "n": 8,
                "mean": 50.0,
                "share_concern": 0.1,
            }
        ]
    )
    result = warn(
        [strain_row(week_start=pd.Timestamp("2026-11-30"))], checkins, as_of=dt.date(2026, 12, 6)
    )
    assert result.iloc[0]["level"] == "warning"


def test_suppressed_checkins_never_reach_a_warning():
    checkins = released_checkins(
        [
            {
                "team_id": "t1",
                "period": "2026-W47",
                "scale": "sib",
                "n": 4,
                "mean": 4.5,
                "share_concern": 1.0,
            }
        ]
    )
    assert not checkins["released"].any()
    result = warn([strain_row()], checkins, as_of=AS_OF)
    assert result.iloc[0]["level"] == "none"
    assert result.iloc[0]["reasons"] == []


def test_it_refuses_checkin_scores_that_did_not_pass_the_privacy_gate():
    raw = no_checkins().drop(columns=["released", "suppressed_because"])
    with pytest.raises(ValueError, match="privacy.release"):
        team_warnings(pd.DataFrame([strain_row()]), raw, as_of=AS_OF)


def test_checkins_of_a_period_after_as_of_or_too_old_are_ignored():
    rows = [
        {
            "team_id": "t1",
            "period": "2026-W48",
            "scale": "sib",
            "n": 10,
            "mean": 4.0,
            "share_concern": 1.0,
        },
        {
            "team_id": "t1",
            "period": "2026-W41",
            "scale": "cbi_work",
            "n": 10,
            "mean": 70.0,
            "share_concern": 1.0,
        },
    ]
    checkins = released_checkins(rows, today=dt.date(2026, 12, 7))
    result = warn([strain_row()], checkins, as_of=AS_OF)
    assert result.iloc[0]["level"] == "none"


def test_the_pipeline_ignores_data_after_as_of_end_to_end():
    rows = weekly_hours([40] * 10)
    as_of = day(69)  # Sunday of the tenth week
    future = shifts(range(70, 77), hours_worked=13.0, overtime_h=5.0, occupancy_pct=99.0)

    def pipeline(data):
        weeks_frame = person_week_flags(person_day_signals(workload(data), as_of=as_of))
        return team_warnings(team_week_strain(weeks_frame), no_checkins(), as_of=as_of)

    assert_frame_equal(pipeline(rows + future), pipeline(rows))


def test_no_workload_gives_empty_frames_with_the_documented_columns():
    empty = pd.DataFrame(columns=list(WORKLOAD_COLUMNS))
    day_frame = person_day_signals(empty, as_of=AS_OF)
    week_frame = person_week_flags(day_frame)
    strain = team_week_strain(week_frame)
    result = team_warnings(strain, no_checkins(), as_of=AS_OF)
    assert [len(day_frame), len(week_frame), len(strain), len(result)] == [0, 0, 0, 0]
    assert tuple(result.columns) == TEAM_WARNING_COLUMNS


def test_integer_team_ids_meet_checkins_rolled_up_to_a_named_organisation():
    checkins = pd.DataFrame(
        {"team_id": [7] * 5 + [8] * 5, "period": ["2026-W47"] * 10, "sib": [4.0] * 5 + [1.0] * 5}
    )
    scores = team_checkin_scores(checkins, parents={7: "org", 8: "org"})
    released = privacy.release(scores, today=dt.date(2026, 11, 23))
    result = warn([strain_row(7), strain_row(8)], released)
    assert result["team_id"].tolist() == [7, 8]  # the organisation row is not a team
    assert result["checkin_level"].tolist() == ["critical", "none"]
    json.dumps(result["reasons"].tolist())


@pytest.mark.parametrize("min_weeks", [0, 1, 4, 8])
def test_the_sorting_network_gives_the_same_robust_z_as_a_plain_sort(min_weeks):
    from wellbeing.metrics import grid

    rng = np.random.default_rng(3)
    current = rng.normal(40, 4, size=(30, 140)).round(1)
    current[rng.random(current.shape) < 0.2] = np.nan  # inactive weeks thin the history
    current[3, 60:] = 41.5  # a steady stretch: MAD 0, the floor decides
    t = Thresholds(baseline_min_weeks=min_weeks)
    fast = grid.robust_z(current, floor=1.0, t=t)
    plain = grid._robust_z_general(current, floor=1.0, t=t)
    for mine, reference in zip(fast, plain, strict=True):
        assert np.isfinite(mine).sum() > 300  # enough cells with a baseline to compare
        np.testing.assert_array_equal(mine, reference)


def test_the_ewma_matches_pandas_to_the_last_bit():
    from wellbeing.metrics import grid

    rng = np.random.default_rng(5)
    values = rng.normal(0, 2, size=(40, 120))
    values[:, :28] = np.nan  # no z before four weeks of history
    values[rng.random(values.shape) < 0.05] = np.nan  # inactive days here and there
    values[7] = np.nan  # a row without any value
    values[9, 60:] = 1.25  # a constant stretch (pandas keeps the mean exactly there)
    expected = pd.DataFrame(values.T).ewm(span=7, ignore_na=True).mean().to_numpy().T.copy()
    expected[np.isnan(values)] = np.nan
    np.testing.assert_array_equal(grid.ewma(values, 7), expected)


def test_team_strain_leaves_out_people_without_a_team_and_inactive_weeks():
    rows = shifts(range(5), person="p1") + shifts(range(5), person="p2", team_id=None)
    rows += shifts(range(7, 12), person="p3", hours_worked=0.0, contacts=0)  # idle week
    strain = team_week_strain(weeks(rows))
    assert strain[["team_id", "week", "people"]].values.tolist() == [["t1", "2026-W02", 1]]
