"""Numpy helpers shared by the stages: trailing sums, runs, medians, z-scores, EWMA."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import Thresholds

MAD_TO_SIGMA = 1.4826
DAY = np.timedelta64(1, "D")


def _trailing_sum(values: np.ndarray, start: np.ndarray, window: int) -> np.ndarray:
    """Sum of the last ``window`` rows (this one included) within the block."""
    cumulative = np.concatenate([[0.0], np.cumsum(values, dtype="float64")])
    index = np.arange(len(values))
    low = np.maximum(index + 1 - window, start)
    # Rounded: cumulative-sum differences carry ~1e-9 noise, and the rules
    # compare against exact lines such as 55 h.
    return np.round(cumulative[index + 1] - cumulative[low], 6)


def _run_length(condition: np.ndarray, restart: np.ndarray) -> np.ndarray:
    """Length of the run of True ending at each row; ``restart`` starts a new run."""
    index = np.arange(len(condition))
    marker = np.where(~condition, index, np.where(restart, index - 1, -1))
    return index - np.maximum.accumulate(marker) if len(index) else index


def _row_nanmedian(matrix: np.ndarray) -> np.ndarray:
    """Median of each row ignoring NaN (NaN for an all-NaN row), warning-free."""
    ordered = np.sort(matrix, axis=1)  # NaN sorts last
    count = np.sum(~np.isnan(matrix), axis=1)
    low = np.clip((count - 1) // 2, 0, None)
    high = np.clip(count // 2, 0, None)
    rows = np.arange(len(matrix))
    width = matrix.shape[1]
    median = (
        ordered[rows, np.minimum(low, width - 1)] + ordered[rows, np.minimum(high, width - 1)]
    ) / 2
    return np.where(count > 0, median, np.nan)


def _lagged(values: np.ndarray, start: np.ndarray, lags: list[int]) -> np.ndarray:
    """Matrix of ``values`` ``lag`` rows earlier in the same block (NaN outside)."""
    index = np.arange(len(values))
    columns = []
    for lag in lags:
        source = index - lag
        inside = source >= start
        columns.append(np.where(inside, values[np.clip(source, 0, None)], np.nan))
    return np.column_stack(columns) if columns else np.empty((len(values), 0))


def _robust_z(
    current: np.ndarray, history: np.ndarray, *, floor: float, t: Thresholds
) -> tuple[np.ndarray, np.ndarray]:
    """Baseline median and robust z of ``current`` against each row's ``history``."""
    count = np.sum(~np.isnan(history), axis=1)
    median = _row_nanmedian(history)
    mad = _row_nanmedian(np.abs(history - median[:, None]))
    scale = np.maximum.reduce(
        [
            MAD_TO_SIGMA * np.nan_to_num(mad),
            np.full(len(mad), floor),
            t.z_floor_fraction * np.abs(np.nan_to_num(median)),
        ]
    )
    enough = count >= t.baseline_min_weeks
    baseline = np.where(enough, median, np.nan)
    z = np.where(enough, (current - baseline) / scale, np.nan)
    return baseline, z


def _ewma(values: np.ndarray, codes: np.ndarray, span: int) -> np.ndarray:
    smoothed = pd.Series(values).groupby(codes, sort=False).ewm(span=span, ignore_na=True).mean()
    result = smoothed.reset_index(level=0, drop=True).sort_index().to_numpy()
    return np.where(np.isnan(values), np.nan, result)


def _ladder(share: pd.Series, t: Thresholds) -> np.ndarray:
    values = share.fillna(0).to_numpy(dtype="float64")
    return (
        (values >= t.team_watch).astype(int)
        + (values >= t.team_warning).astype(int)
        + (values >= t.team_critical).astype(int)
    )
