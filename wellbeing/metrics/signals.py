"""Person-day signals: absolute-limit flags and baseline deviations per person and day."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .columns import DEFAULT_THRESHOLDS, SIGNAL_COLUMNS, WORKLOAD_COLUMNS, Thresholds, require
from .numeric import DAY, _ewma, _lagged, _robust_z, _run_length, _trailing_sum


def person_day_signals(
    workload: pd.DataFrame,
    *,
    as_of: dt.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Per person and calendar day: absolute-limit flags and baseline deviations.

    ``workload`` has :data:`WORKLOAD_COLUMNS` (extra columns ignored), at most
    one row per person and date. Rows after ``as_of`` are ignored. Each person
    gets every calendar day from their first record to the Sunday of their
    last record's week (or ``as_of``, if earlier); days without a record
    count as not worked (additive quantities 0, occupancy NaN) and keep the
    team of the person's previous record.

    Returns :data:`SIGNAL_COLUMNS`, sorted by person and date (``date`` is
    datetime64[ns]; ``*_7d`` are trailing 7-calendar-day sums; ``*_baseline``
    the median of that quantity at the same weekday in each of the previous
    ``baseline_weeks`` weeks; ``*_z`` the robust z against it; ``*_z_ewma``
    its EWMA). A worked day has hours or contacts above 0.
    """
    t = thresholds
    require(workload, WORKLOAD_COLUMNS, "workload")
    dates = pd.to_datetime(workload["date"]).dt.normalize().astype("datetime64[ns]")
    keep = (dates <= pd.Timestamp(as_of)).to_numpy()
    records = workload.loc[keep]
    dates = dates[keep]
    if pd.MultiIndex.from_arrays([records["person_id"], dates]).has_duplicates:
        raise ValueError("workload frame has more than one row for a person and date.")

    person_code, person_ids = pd.factorize(records["person_id"], sort=True)
    day = (dates.to_numpy() - np.datetime64("1970-01-01", "ns")) // DAY
    by_person = pd.DataFrame({"code": person_code, "day": day}).groupby("code")["day"]
    first_day = by_person.min().reindex(range(len(person_ids))).to_numpy()
    # Through the Sunday of the last record's week (not beyond as_of), so the
    # last week is whole and a person who stopped working is not carried on.
    last_record_day = by_person.max().reindex(range(len(person_ids))).to_numpy()
    as_of_day = (np.datetime64(as_of, "D") - np.datetime64("1970-01-01", "D")).astype("int64")
    # 1970-01-01 was a Thursday: day d is weekday (d + 3) % 7, Monday = 0.
    last_day = np.minimum(last_record_day + 6 - (last_record_day + 3) % 7, as_of_day)
    lengths = (
        (last_day - first_day + 1).astype("int64") if len(person_ids) else np.zeros(0, "int64")
    )
    offsets = np.concatenate([[0], np.cumsum(lengths)])[:-1]
    size = int(lengths.sum())

    grid_code = np.repeat(np.arange(len(person_ids)), lengths)
    start = np.repeat(offsets, lengths)
    grid_day = np.repeat(first_day, lengths) + (np.arange(size) - start)
    position = offsets[person_code] + (day - first_day[person_code])

    def spread(column: str, fill: float) -> np.ndarray:
        values = pd.to_numeric(records[column]).astype("float64").fillna(fill).to_numpy()
        grid = np.full(size, fill, dtype="float64")
        grid[position] = values
        return grid

    has_record = np.zeros(size, dtype=bool)
    has_record[position] = True
    record_at = np.full(size, -1)
    record_at[position] = np.arange(len(records))
    last_record = np.maximum.accumulate(np.where(has_record, np.arange(size), -1))
    team = records["team_id"].to_numpy()[record_at[last_record]] if size else np.array([])

    contacts = spread("contacts", 0.0)
    hours = spread("hours_worked", 0.0)
    hostile = spread("hostile_contacts", 0.0)
    overtime = spread("overtime_h", 0.0)
    after_hours = spread("after_hours_min", 0.0)
    occupancy = spread("occupancy_pct", np.nan)
    absence = np.zeros(size, dtype=bool)
    absence[position] = records["absence"].fillna(False).astype(bool).to_numpy()
    worked = (hours > 0) | (contacts > 0)
    block_first = np.arange(size) == start

    consecutive = _run_length(worked, block_first)

    occupancy_known = worked & ~np.isnan(occupancy)
    window = t.occupancy_high_window_days
    occ_days = _trailing_sum(occupancy_known, start, window).astype("int64")
    occ_sum = _trailing_sum(np.where(occupancy_known, occupancy, 0.0), start, window)
    with np.errstate(invalid="ignore", divide="ignore"):
        occ_mean = np.round(np.where(occ_days > 0, occ_sum / occ_days, np.nan), 6)
    occ_high_2w = (occ_days >= t.occupancy_high_min_days) & (occ_mean >= t.occupancy_high)

    # Runs of very-high-occupancy shifts, over worked days only.
    shifts = np.flatnonzero(worked)
    shift_gap = np.diff(grid_day[shifts], prepend=-(10**9))
    new_block = (
        np.r_[True, grid_code[shifts][1:] != grid_code[shifts][:-1]]
        if len(shifts)
        else np.zeros(0, bool)
    )
    very_high = occupancy[shifts] >= t.occupancy_very_high
    shift_run = _run_length(very_high, new_block | (shift_gap > t.occupancy_run_max_gap_days))
    occ_run = np.zeros(size, dtype="int64")
    occ_run[shifts] = shift_run

    hours_7d = _trailing_sum(hours, start, 7)
    contacts_7d = _trailing_sum(contacts, start, 7)
    hostile_7d = _trailing_sum(hostile, start, 7)
    worked_7d = _trailing_sum(worked, start, 7)
    with np.errstate(invalid="ignore", divide="ignore"):
        hostile_share_7d = np.where(contacts_7d > 0, hostile_7d / contacts_7d, np.nan)
    hostile_share_high = (contacts_7d >= t.hostile_min_contacts) & (
        hostile_share_7d >= t.hostile_share
    )

    lags = [7 * week for week in range(1, t.baseline_weeks + 1)]
    active = worked_7d > 0
    deviations: dict[str, np.ndarray] = {}
    for name, series, floor in (
        ("hours", hours_7d, t.z_floor_hours),
        ("contacts", contacts_7d, t.z_floor_contacts),
        ("hostile_share", hostile_share_7d, t.z_floor_hostile_share),
    ):
        current = np.where(active, series, np.nan)
        baseline, z = _robust_z(current, _lagged(current, start, lags), floor=floor, t=t)
        deviations[f"{name}_baseline"] = baseline
        deviations[f"{name}_z"] = z
        deviations[f"{name}_z_ewma"] = _ewma(z, grid_code, t.ewma_span_days)

    signals = pd.DataFrame(
        {
            "person_id": person_ids.take(grid_code)
            if size
            else pd.Series([], dtype=records["person_id"].dtype),
            "team_id": team,
            "date": (grid_day * DAY + np.datetime64("1970-01-01", "ns")).astype("datetime64[ns]"),
            "has_record": has_record,
            "worked": worked,
            "absence": absence,
            "contacts": contacts.astype("int64"),
            "hours_worked": hours,
            "overtime_h": overtime,
            "after_hours_min": after_hours,
            "hostile_contacts": hostile.astype("int64"),
            "occupancy_pct": occupancy,
            "consecutive_days": consecutive.astype("int64"),
            "consecutive_days_high": consecutive >= t.max_consecutive_days,
            "occ_mean_14d": occ_mean,
            "occ_days_14d": occ_days,
            "occ_high_2w": occ_high_2w,
            "occ_very_high_run": occ_run,
            "occ_very_high_3d": occ_run >= t.occupancy_very_high_shifts,
            "hours_7d": hours_7d,
            "long_week": hours_7d >= t.weekly_hours,
            "contacts_7d": contacts_7d.astype("int64"),
            "hostile_7d": hostile_7d.astype("int64"),
            "hostile_share_7d": hostile_share_7d,
            "hostile_share_high": hostile_share_high,
            **deviations,
        }
    )
    return signals.loc[:, list(SIGNAL_COLUMNS)]
