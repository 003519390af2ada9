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
from .numeric import DAY, _row_nanmedian


def _team_baseline(
    values: pd.Series, team_code: np.ndarray, week_number: np.ndarray, t: Thresholds
) -> np.ndarray:
    """Median of the team's value in the previous ``baseline_weeks`` weeks."""
    first = week_number.min() if len(week_number) else 0
    span = int(week_number.max() - first + 1) if len(week_number) else 0
    dense = np.full((team_code.max() + 1 if len(team_code) else 0, span), np.nan)
    column = week_number - first
    dense[team_code, column] = values.to_numpy(dtype="float64")
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
    return np.where(enough, _row_nanmedian(history), np.nan)


def team_week_strain(
    person_weeks: pd.DataFrame, *, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """Per team and ISO week: how many people are flagged and the workload trend.

    ``person_weeks`` is the output of :func:`person_week_flags`. ``people``
    counts the team's active people that week (worked at least one day, or
    flagged); ``share_flagged = flagged / people``. ``hours_per_person`` and
    ``contacts_per_person`` are per active person; their ``*_baseline`` is the
    median over the team's previous ``baseline_weeks`` weeks (at least
    ``baseline_min_weeks``), and ``*_trend_pct`` the percentage above it.
    ``n_<reason>`` counts people with each reason; the ``*_max`` columns are
    the largest individual figures (e.g. the longest overtime streak).
    Returns :data:`TEAM_WEEK_COLUMNS` sorted by team and week.
    """
    t = thresholds
    require(person_weeks, PERSON_WEEK_COLUMNS, "person_weeks")
    active = (person_weeks["days_worked"] > 0) | person_weeks["flagged"]
    frame = person_weeks.loc[active]
    keys = ["team_id", "week_start"]
    grouped = frame.groupby(keys, sort=True)
    teams = (
        grouped.agg(
            week=("week", "first"),
            week_end=("week_end", "first"),
            people=("person_id", "nunique"),
            flagged=("flagged", "sum"),
            hours=("hours", "sum"),
            contacts=("contacts", "sum"),
            overtime_weeks_max=("overtime_weeks", "max"),
            consecutive_days_max=("consecutive_days_max", "max"),
            hours_7d_max=("hours_7d_max", "max"),
        )
        .join(grouped[[f"reason_{code}" for code in PERSON_REASONS]].sum())
        .reset_index()
    )
    teams = teams.rename(columns={f"reason_{code}": f"n_{code}" for code in PERSON_REASONS})
    teams = teams.assign(
        share_flagged=teams["flagged"] / teams["people"],
        hours_per_person=teams["hours"] / teams["people"],
        contacts_per_person=teams["contacts"] / teams["people"],
    )
    team_code = pd.factorize(teams["team_id"])[0]
    week_number = (teams["week_start"].to_numpy() - np.datetime64("1970-01-05", "ns")) // (7 * DAY)
    hours_base = _team_baseline(teams["hours_per_person"], team_code, week_number, t)
    contacts_base = _team_baseline(teams["contacts_per_person"], team_code, week_number, t)
    with np.errstate(invalid="ignore", divide="ignore"):
        teams = teams.assign(
            hours_per_person_baseline=hours_base,
            contacts_per_person_baseline=contacts_base,
            hours_trend_pct=np.where(
                hours_base > 0, (teams["hours_per_person"] / hours_base - 1) * 100, np.nan
            ),
            contacts_trend_pct=np.where(
                contacts_base > 0, (teams["contacts_per_person"] / contacts_base - 1) * 100, np.nan
            ),
        )
    for column in ("people", "flagged", "contacts", *(f"n_{code}" for code in PERSON_REASONS)):
        teams[column] = teams[column].astype("int64")
    return teams.loc[:, list(TEAM_WEEK_COLUMNS)]
