"""Person-week flags: the reasons a person is flagged in an ISO week, with the numbers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wellbeing import periods

from .columns import (
    DEFAULT_THRESHOLDS,
    PERSON_REASONS,
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
from .grid import Block, Records, latest_record, records_of, run_length, signal_blocks
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

    ``reason_<code>`` columns hold each reason as a bool, ``reasons`` the tuple
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
    weeks = weeks.assign(
        week=periods.week_labels(weeks["week_start"]),
        week_end=weeks["week_start"] + pd.Timedelta(days=6),
        overtime_week=overtime_week,
        overtime_weeks=_run_length(overtime_week, restart).astype("int64"),
        **{f"reason_{code}": holds for code, holds in reasons.items()},
        flagged=np.logical_or.reduce(list(reasons.values())) if len(weeks) else np.zeros(0, bool),
        reasons=reason_codes(reasons),
    )
    for column in ("days_worked", "absence_days", "occ_days_high", "contacts", "hostile_contacts"):
        weeks[column] = weeks[column].astype("int64")
    return weeks.loc[:, list(PERSON_WEEK_COLUMNS)]


def reason_codes(reasons: dict[str, np.ndarray]) -> np.ndarray:
    """Per row the tuple of reason codes that hold, in the order of ``reasons``.

    The reasons travel as one integer bitmask per row; each distinct mask becomes
    one tuple, shared by every row with that mask (immutable, so sharing is safe).
    No Python object per row: half a million fresh lists would cost more in
    garbage-collector passes than everything else in the person-week stage.
    """
    codes = list(reasons)
    rows = len(next(iter(reasons.values()))) if reasons else 0
    mask = np.zeros(rows, dtype="int64")
    for bit, holds in enumerate(reasons.values()):
        mask |= np.asarray(holds, dtype=bool).astype("int64") << bit
    # One slot per possible mask (1,024 for the ten person reasons), filled where used.
    words = np.empty(1 << len(codes), dtype=object)
    for value in np.flatnonzero(np.bincount(mask, minlength=len(words))).tolist():
        words[value] = tuple(code for bit, code in enumerate(codes) if value >> bit & 1)
    return words[mask]


def _fold_days(values: np.ndarray, ufunc: np.ufunc) -> np.ndarray:
    """Reduce the last axis (the seven days of a week) with ``ufunc``, day by day.

    Seven elementwise passes over strided views: several times faster than
    numpy's reduction along a short trailing axis.
    """
    result = ufunc(values[..., 0], values[..., 1])
    for day in range(2, values.shape[-1]):
        ufunc(result, values[..., day], out=result)
    return result


def person_weeks(
    workload: pd.DataFrame, *, as_of: dt.date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """``person_week_flags(person_day_signals(workload, ...))`` without the day frame.

    The same :data:`PERSON_WEEK_COLUMNS`, row for row, computed from the day
    matrices of :mod:`wellbeing.metrics.grid` a block of people at a time, so
    memory follows the number of person-weeks, not person-days.
    """
    records = records_of(workload, as_of)
    # Each person has the weeks from their first day's to their last day's: the result's
    # length is known before any block, so each block writes into its rows (no pieces
    # kept and joined, which would hold the person-weeks twice).
    week_of_first = (records.first_day - records.grid_start) // 7
    total = int(np.sum((records.last_day - records.grid_start) // 7 - week_of_first + 1))
    columns: dict[str, np.ndarray] = {}
    filled = 0
    for block in signal_blocks(records, thresholds):
        piece = _block_weeks(records, block, thresholds)
        end = filled + len(piece["person_id"])
        for name, values in piece.items():
            if name not in columns:
                columns[name] = np.empty(total, dtype=values.dtype)
            columns[name][filled:end] = values
        filled = end
        del block, piece  # before the next block is built, not after
    if not columns:
        empty = pd.DataFrame({column: [] for column in SIGNAL_COLUMNS})
        return person_week_flags(empty.astype({"date": "datetime64[ns]"}), thresholds=thresholds)
    if filled != total:
        raise RuntimeError(f"person-weeks: {filled} computed, {total} expected.")
    weeks = records.grid_days // 7
    starts = pd.Series(
        (np.arange(weeks) * 7 + records.grid_start) * DAY + np.datetime64("1970-01-01", "ns")
    ).astype("datetime64[ns]")
    labels = periods.week_labels(starts).to_numpy(dtype=object)
    week = columns.pop("week_index")
    columns["person_id"] = records.person_ids.take(columns["person_id"])
    columns["week"] = labels[week]
    columns["week_start"] = starts.to_numpy()[week]
    columns["week_end"] = columns["week_start"] + np.timedelta64(6, "D")
    reasons = {code: columns[f"reason_{code}"] for code in PERSON_REASONS}
    columns["flagged"] = np.logical_or.reduce(list(reasons.values()))
    columns["reasons"] = reason_codes(reasons)
    return pd.DataFrame({name: columns[name] for name in PERSON_WEEK_COLUMNS}, copy=False)


def _block_weeks(records: Records, block: Block, t: Thresholds) -> dict[str, np.ndarray]:
    """The block's person-weeks (those with a day in the person's calendar) as columns."""
    m = block.m
    people, days = block.inside.shape
    weeks = days // 7

    def by_week(values: np.ndarray) -> np.ndarray:
        return values.reshape(people, weeks, 7)

    inside = by_week(block.inside)
    exists = _fold_days(inside, np.logical_or)
    # The in-calendar days person by person, day by day; each person-week a run of them.
    days_inside = _fold_days(by_week(block.inside.view(np.uint8)), np.add)
    first_of_week = np.r_[0, np.cumsum(days_inside[exists], dtype="int64")[:-1]]

    def week_sum(values: np.ndarray) -> np.ndarray:
        # np.add.reduceat adds as the groupby sum of person_week_flags does, so a
        # week of 0.2 + 0.2 + 0.7 + 0.9 h overtime rounds the same way here.
        result = np.zeros((people, weeks))
        result[exists] = np.add.reduceat(values[block.inside], first_of_week)
        return result

    def largest(values: np.ndarray, *, counted=None) -> np.ndarray:
        """The week's largest value (NaN ignored; NaN for none) over ``counted`` days."""
        counted = inside if counted is None else counted
        return _fold_days(np.where(counted, by_week(values), np.nan), np.fmax)

    def largest_count(values: np.ndarray) -> np.ndarray:
        return _fold_days(np.where(inside, by_week(values), 0), np.maximum).astype("int64")

    def any_of(values: np.ndarray) -> np.ndarray:
        return _fold_days(by_week(values) & inside, np.logical_or)

    def count(values: np.ndarray) -> np.ndarray:
        return _fold_days(np.where(inside, by_week(values), 0), np.add).astype("int64")

    last_column = np.minimum(
        np.arange(weeks) * 7 + 6, (records.last_day[block.rows] - records.grid_start)[:, None]
    )
    last_column = np.maximum(last_column, 0)
    # Sundays, except a person's last week when it ends before its Sunday.
    early = np.nonzero(last_column != np.arange(weeks) * 7 + 6)

    def at_week_end(values: np.ndarray) -> np.ndarray:
        result = values[:, 6::7].copy()
        result[early] = values[early[0], last_column[early]]
        return result

    overtime = week_sum(m["overtime_h"])
    overtime_week = (overtime >= t.overtime_week_hours) & exists
    overtime_weeks = run_length(overtime_week)
    occupancy = m["occupancy_pct"]
    counted_share = inside & by_week(m["contacts_7d"] >= t.hostile_min_contacts)
    latest = at_week_end(latest_record(block.record))
    week = {
        "person_id": np.broadcast_to(
            np.arange(block.rows.start, block.rows.stop)[:, None], (people, weeks)
        ),
        "week_index": np.broadcast_to(np.arange(weeks), (people, weeks)),
        "team_id": records.team[latest] if len(records.team) else latest,
        "days_worked": count(m["worked"]),
        "absence_days": count(m["absence"]),
        "hours": week_sum(m["hours_worked"]),
        "contacts": count(m["contacts"]),
        "hostile_contacts": count(m["hostile_contacts"]),
        "overtime_h": overtime,
        "after_hours_min": week_sum(m["after_hours_min"]),
        "occ_days_high": count(m["worked"] & (occupancy >= t.occupancy_high)),
        "occ_mean_14d_max": largest(m["occ_mean_14d"]),
        "occ_very_high_run_max": largest_count(m["occ_very_high_run"]),
        "consecutive_days_max": largest_count(m["consecutive_days"]),
        "hours_7d_max": largest(m["hours_7d"]),
        "hostile_share_7d_max": largest(m["hostile_share_7d"], counted=counted_share),
        "overtime_week": overtime_week,
        "overtime_weeks": overtime_weeks,
    }
    for name, seven in (
        ("hours", "hours_7d"),
        ("contacts", "contacts_7d"),
        ("hostile_share", "hostile_share_7d"),
    ):
        week[f"{name}_7d_end"] = at_week_end(m[seven])
        week[f"{name}_baseline"] = at_week_end(m[f"{name}_baseline"])
        week[f"{name}_z"] = at_week_end(m[f"{name}_z_ewma"])
    reasons = {
        REASON_OCCUPANCY_HIGH: any_of(m["occ_high_2w"]),
        REASON_OCCUPANCY_VERY_HIGH: any_of(m["occ_very_high_3d"]),
        REASON_CONSECUTIVE_DAYS: week["consecutive_days_max"] >= t.max_consecutive_days,
        REASON_LONG_WEEK: any_of(m["long_week"]),
        REASON_HOSTILE_SHARE: any_of(m["hostile_share_high"]),
        REASON_OVERTIME_STREAK: overtime_weeks >= t.overtime_streak_weeks,
        REASON_AFTER_HOURS: week["after_hours_min"] >= t.after_hours_week_min,
        REASON_HOURS_ABOVE_BASELINE: week["hours_z"] >= t.z_threshold,
        REASON_CONTACTS_ABOVE_BASELINE: week["contacts_z"] >= t.z_threshold,
        REASON_HOSTILE_ABOVE_BASELINE: week["hostile_share_z"] >= t.z_threshold,
    }
    for code, holds in reasons.items():
        week[f"reason_{code}"] = holds
    return {name: np.asarray(values)[exists] for name, values in week.items()}
