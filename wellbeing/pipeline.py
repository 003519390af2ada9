"""The thin seam between the impact and forecast cores and the burnout pipeline.

Pure (no Django). The burnout pipeline (``wellbeing.metrics``) is being split
into a package; everything the impact report, the forecast and their tests
need from it goes through this module, so only this file follows it when its
insides move.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from wellbeing import metrics

LEVELS: tuple[str, ...] = tuple(metrics.LEVELS)
Thresholds = metrics.Thresholds
DEFAULT_THRESHOLDS = metrics.DEFAULT_THRESHOLDS
WORKLOAD_COLUMNS: tuple[str, ...] = tuple(metrics.WORKLOAD_COLUMNS)
PERSON_REASONS: tuple[str, ...] = tuple(metrics.PERSON_REASONS)


def person_weeks(
    workload: pd.DataFrame, *, as_of: dt.date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> pd.DataFrame:
    """Per person and ISO week: the pipeline's flags and weekly sums."""
    signals = metrics.person_day_signals(workload, as_of=as_of, thresholds=thresholds)
    return metrics.person_week_flags(signals, thresholds=thresholds)


def team_strain(person_weeks: pd.DataFrame, *, thresholds: Thresholds = DEFAULT_THRESHOLDS):
    """Per team and ISO week: people flagged, workload trend (``metrics.TEAM_WEEK_COLUMNS``)."""
    return metrics.team_week_strain(person_weeks, thresholds=thresholds)


def no_checkins() -> pd.DataFrame:
    """A released check-in frame with no rows, for runs on workload alone."""
    empty = pd.DataFrame({column: [] for column in metrics.CHECKIN_SCORE_COLUMNS})
    return empty.assign(released=pd.Series([], dtype=bool), suppressed_because=[])


def team_levels(
    strain: pd.DataFrame,
    released: pd.DataFrame,
    *,
    weeks: list[dt.date],
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """The level of every team for each week ending on the Sundays in ``weeks``.

    What the nightly job would have stored had it run on each of those days:
    columns team_id, week_start, level_rank, checkin_rank.
    """
    frames = []
    for sunday in weeks:
        result = metrics.team_warnings(strain, released, as_of=sunday, thresholds=thresholds)
        frames.append(
            pd.DataFrame(
                {
                    "team_id": result["team_id"].to_numpy(),
                    "week_start": result["week_start"].to_numpy(),
                    "level_rank": result["level_rank"].to_numpy(),
                    "checkin_rank": result["checkin_level"].map(LEVELS.index).to_numpy(),
                }
            )
        )
    if not frames:
        return pd.DataFrame(columns=["team_id", "week_start", "level_rank", "checkin_rank"])
    return pd.concat(frames, ignore_index=True)
