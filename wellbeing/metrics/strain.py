"""Team strain: people flagged per team and week, and the team's workload trend."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import (
    DEFAULT_THRESHOLDS,
    PERSON_REASONS,
    PERSON_WEEK_COLUMNS,
    TEAM_WEEK_COLUMNS,
    Thresholds,
    require,
)
from .numeric import DAY, row_nanmedian


def _team_baseline(
    values: np.ndarray, team_code: np.ndarray, week_number: np.ndarray, t: Thresholds
) -> np.ndarray:
    """Median of the team's value in the previous ``baseline_weeks`` weeks."""
    first = week_number.min() if len(week_number) else 0
    span = int(week_number.max() - first + 1) if len(week_number) else 0
    dense = np.full((team_code.max() + 1 if len(team_code) else 0, span), np.nan)
    column = week_number - first
    dense[team_code, column] = values
    history = (
        np.column_stack(
            [
                np.where(
                    column - lag >= 0, dense[team_code, np.clip(column - lag, 0, None)], np.nan
                )
                for lag in range(1, t.baseline_weeks + 1)
            ]
        )
        if len(column)
        else np.empty((0, t.baseline_weeks))
    )
    enough = np.sum(~np.isnan(history), axis=1) >= t.baseline_min_weeks
    return np.where(enough, row_nanmedian(history), np.nan)


def team_week_strain(
    person_weeks: pd.DataFrame, *, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """Per team and ISO week: how many people are flagged and the workload trend.

    ``person_weeks`` is the output of :func:`person_week_flags` (one row per
    person and week). ``people`` counts the team's active people that week
    (worked at least one day, or flagged); ``share_flagged = flagged / people``.
    ``hours_per_person`` and ``contacts_per_person`` are per active person;
    their ``*_baseline`` is the median over the team's previous
    ``baseline_weeks`` weeks (at least ``baseline_min_weeks``), and
    ``*_trend_pct`` the percentage above it. ``n_<reason>`` counts people with
    each reason; the ``*_max`` columns are the largest individual figures (e.g.
    the longest overtime streak); ``occupancy_14d`` is the mean of the people's
    two-week occupancy (``occ_mean_14d_max``; NaN when none was imported). Rows
    without a team are left out. Returns :data:`TEAM_WEEK_COLUMNS` sorted by team
    and week.
    """
    t = thresholds
    require(person_weeks, PERSON_WEEK_COLUMNS, "person_weeks")
    # Group on integer codes with numpy; only the needed columns are read, so the
    # (large) person-week frame is never copied.
    team_code, team_ids = pd.factorize(person_weeks["team_id"], sort=True)
    week_code, week_starts = pd.factorize(person_weeks["week_start"], sort=True)
    flagged = person_weeks["flagged"].to_numpy(dtype=bool)
    used = ((person_weeks["days_worked"].to_numpy() > 0) | flagged) & (team_code >= 0)
    used &= week_code >= 0
    rows = np.flatnonzero(used)
    key = team_code[rows].astype("int64") * max(len(week_starts), 1) + week_code[rows]
    order = np.argsort(key, kind="stable")  # stable: each group's rows in frame order
    # pandas' grouped float sum (as the groupby this replaces did, rows in frame order),
    # so that hours add up to the same last bit.
    hours = (
        pd.Series(person_weeks["hours"].to_numpy(dtype="float64")[rows])
        .groupby(key, sort=True)
        .sum()
        .to_numpy(dtype="float64")
    )
    rows, key = rows[order], key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else rows[:0]

    def column(name: str) -> np.ndarray:
        return person_weeks[name].to_numpy()[rows]

    def total(name: str) -> np.ndarray:
        return np.add.reduceat(column(name).astype("int64"), starts) if len(starts) else starts

    def mean_known(name: str) -> np.ndarray:
        """The group's mean of the values it has (NaN where it has none)."""
        values = column(name).astype("float64")
        if not len(starts):
            return values[:0]
        known = ~np.isnan(values)
        count = np.add.reduceat(known.astype("int64"), starts)
        sums = np.add.reduceat(np.where(known, values, 0.0), starts)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, sums / count, np.nan)

    def largest(name: str) -> np.ndarray:
        values = column(name)
        if not len(starts):
            return values[:0]
        return (np.fmax if values.dtype.kind == "f" else np.maximum).reduceat(values, starts)

    first = rows[starts]
    people = np.diff(np.r_[starts, len(rows)]).astype("int64")
    teams = {
        "team_id": team_ids.take(team_code[first]),
        "week": person_weeks["week"].to_numpy()[first],
        "week_start": person_weeks["week_start"].to_numpy(dtype="datetime64[ns]")[first],
        "week_end": person_weeks["week_end"].to_numpy(dtype="datetime64[ns]")[first],
        "people": people,
        "flagged": total("flagged"),
        "hours": hours,
        "contacts": total("contacts"),
        "overtime_weeks_max": largest("overtime_weeks"),
        "consecutive_days_max": largest("consecutive_days_max"),
        "hours_7d_max": largest("hours_7d_max"),
        "occupancy_14d": mean_known("occ_mean_14d_max"),
        **{f"n_{code}": total(f"reason_{code}") for code in PERSON_REASONS},
    }
    teams["share_flagged"] = teams["flagged"] / people
    teams["hours_per_person"] = hours / people
    teams["contacts_per_person"] = teams["contacts"] / people
    group_team = team_code[first]
    week_number = (teams["week_start"] - np.datetime64("1970-01-05", "ns")) // (7 * DAY)
    with np.errstate(invalid="ignore", divide="ignore"):
        for name in ("hours", "contacts"):
            per_person = teams[f"{name}_per_person"]
            base = _team_baseline(per_person, group_team, week_number, t)
            teams[f"{name}_per_person_baseline"] = base
            teams[f"{name}_trend_pct"] = np.where(base > 0, (per_person / base - 1) * 100, np.nan)
    return pd.DataFrame({name: teams[name] for name in TEAM_WEEK_COLUMNS}, copy=False)
