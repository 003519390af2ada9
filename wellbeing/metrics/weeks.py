"""Person-week flags: the reasons a person is flagged in an ISO week, with the numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wellbeing import periods

from .columns import (
    DEFAULT_THRESHOLDS,
    PERSON_WEEK_COLUMNS,
    REASON_AFTER_HOURS,
    REASON_CONSECUTIVE_DAYS,
    REASON_CONTACTS_ABOVE_BASELINE,
    REASON_HOSTILE_ABOVE_BASELINE,
    REASON_HOSTILE_SHARE,
    REASON_HOURS_ABOVE_BASELINE,
    REASON_LONG_WEEK,
    REASON_OCCUPANCY_HIGH,
    REASON_OCCUPANCY_VERY_HIGH,
    REASON_OVERTIME_STREAK,
    SIGNAL_COLUMNS,
    Thresholds,
    require,
)
from .numeric import DAY, _run_length


def person_week_flags(
    signals: pd.DataFrame, *, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """Per person and ISO week: the reasons the person is flagged and the numbers.

    ``signals`` is the output of :func:`person_day_signals`. Returns
    :data:`PERSON_WEEK_COLUMNS` sorted by person and week: ``week`` is the
    label ``"2026-W47"``, ``week_start``/``week_end`` Monday/Sunday
    (datetime64[ns]); the last week may be incomplete (compare ``week_end``
    with ``as_of``). The team is the person's team on the last day of the week.

    A reason holds when:

    * ``occupancy_high_2w``: on some day of the week the two-week occupancy
      rule held (``occ_mean_14d_max``; ``occ_days_high`` = worked days this week
      at or above ``occupancy_high``);
    * ``occupancy_very_high_3d``: a run of ``occupancy_very_high_shifts``
      very-high shifts (``occ_very_high_run_max``);
    * ``consecutive_days``: ``consecutive_days_max >= max_consecutive_days``;
    * ``long_week``: ``hours_7d_max >= weekly_hours`` (any 7-day window
      ending this week);
    * ``hostile_share``: ``hostile_share_7d_max >= hostile_share`` (windows
      with at least ``hostile_min_contacts`` contacts);
    * ``overtime_streak``: ``overtime_weeks >= overtime_streak_weeks``, where
      ``overtime_weeks`` counts consecutive weeks up to this one with
      ``overtime_h >= overtime_week_hours``;
    * ``after_hours``: ``after_hours_min >= after_hours_week_min``;
    * ``*_above_baseline``: the smoothed z on the week's last day
      (``hours_z`` etc.) is at least ``z_threshold``; ``*_7d_end`` is the
      trailing-7-day value on that day (the week's own total on a Sunday) and
      ``*_baseline`` the usual value.

    ``reason_<code>`` columns hold each reason as a bool, ``reasons`` the list
    of codes in :data:`PERSON_REASONS` order, ``flagged`` whether any holds.
    """
    t = thresholds
    require(signals, SIGNAL_COLUMNS, "signals")
    frame = signals.sort_values(["person_id", "date"], kind="stable")
    weekday = frame["date"].dt.day_of_week
    frame = frame.assign(
        week_start=(frame["date"] - pd.to_timedelta(weekday, unit="D")).astype("datetime64[ns]"),
        occ_high_day=frame["worked"] & (frame["occupancy_pct"] >= t.occupancy_high),
        hostile_share_counted=frame["hostile_share_7d"].where(
            frame["contacts_7d"] >= t.hostile_min_contacts
        ),
    )
    keys = ["person_id", "week_start"]
    weeks = frame.groupby(keys, sort=True).agg(
        days_worked=("worked", "sum"),
        absence_days=("absence", "sum"),
        hours=("hours_worked", "sum"),
        contacts=("contacts", "sum"),
        hostile_contacts=("hostile_contacts", "sum"),
        overtime_h=("overtime_h", "sum"),
        after_hours_min=("after_hours_min", "sum"),
        occ_days_high=("occ_high_day", "sum"),
        occ_mean_14d_max=("occ_mean_14d", "max"),
        occ_high_2w=("occ_high_2w", "any"),
        occ_very_high_run_max=("occ_very_high_run", "max"),
        occ_very_high_3d=("occ_very_high_3d", "any"),
        consecutive_days_max=("consecutive_days", "max"),
        hours_7d_max=("hours_7d", "max"),
        long_week=("long_week", "any"),
        hostile_share_7d_max=("hostile_share_counted", "max"),
        hostile_share_high=("hostile_share_high", "any"),
    )
    last_day = (
        frame.loc[~frame.duplicated(keys, keep="last")]
        .set_index(keys)
        .loc[
            :,
            [
                "team_id",
                "hours_7d",
                "hours_baseline",
                "hours_z_ewma",
                "contacts_7d",
                "contacts_baseline",
                "contacts_z_ewma",
                "hostile_share_7d",
                "hostile_share_baseline",
                "hostile_share_z_ewma",
            ],
        ]
        .rename(
            columns={
                "hours_7d": "hours_7d_end",
                "hours_z_ewma": "hours_z",
                "contacts_7d": "contacts_7d_end",
                "contacts_z_ewma": "contacts_z",
                "hostile_share_7d": "hostile_share_7d_end",
                "hostile_share_z_ewma": "hostile_share_z",
            }
        )
    )
    weeks = weeks.join(last_day).reset_index()

    person_code = pd.factorize(weeks["person_id"])[0]
    week_number = (weeks["week_start"].to_numpy() - np.datetime64("1970-01-05", "ns")) // (7 * DAY)
    overtime_week = (weeks["overtime_h"] >= t.overtime_week_hours).to_numpy()
    restart = (
        np.r_[True, (person_code[1:] != person_code[:-1]) | (np.diff(week_number) != 1)]
        if len(weeks)
        else np.zeros(0, bool)
    )

    reasons = {
        REASON_OCCUPANCY_HIGH: weeks["occ_high_2w"].to_numpy(),
        REASON_OCCUPANCY_VERY_HIGH: weeks["occ_very_high_3d"].to_numpy(),
        REASON_CONSECUTIVE_DAYS: (
            weeks["consecutive_days_max"] >= t.max_consecutive_days
        ).to_numpy(),
        REASON_LONG_WEEK: weeks["long_week"].to_numpy(),
        REASON_HOSTILE_SHARE: weeks["hostile_share_high"].to_numpy(),
        REASON_OVERTIME_STREAK: _run_length(overtime_week, restart) >= t.overtime_streak_weeks,
        REASON_AFTER_HOURS: (weeks["after_hours_min"] >= t.after_hours_week_min).to_numpy(),
        REASON_HOURS_ABOVE_BASELINE: (weeks["hours_z"] >= t.z_threshold).to_numpy(),
        REASON_CONTACTS_ABOVE_BASELINE: (weeks["contacts_z"] >= t.z_threshold).to_numpy(),
        REASON_HOSTILE_ABOVE_BASELINE: (weeks["hostile_share_z"] >= t.z_threshold).to_numpy(),
    }
    codes_text = pd.Series("", index=weeks.index, dtype="str")
    for code, holds in reasons.items():
        codes_text = codes_text + np.where(holds, code + " ", "")
    weeks = weeks.assign(
        week=periods.week_labels(weeks["week_start"]),
        week_end=weeks["week_start"] + pd.Timedelta(days=6),
        overtime_week=overtime_week,
        overtime_weeks=_run_length(overtime_week, restart).astype("int64"),
        **{f"reason_{code}": holds for code, holds in reasons.items()},
        flagged=np.logical_or.reduce(list(reasons.values())) if len(weeks) else np.zeros(0, bool),
        reasons=codes_text.str.split().astype(object),
    )
    for column in ("days_worked", "absence_days", "occ_days_high", "contacts", "hostile_contacts"):
        weeks[column] = weeks[column].astype("int64")
    return weeks.loc[:, list(PERSON_WEEK_COLUMNS)]
