"""Small numpy helpers of the week and team stages: runs, row medians, the level ladder."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import Thresholds

DAY = np.timedelta64(1, "D")


def _run_length(condition: np.ndarray, restart: np.ndarray) -> np.ndarray:
    """Length of the run of True ending at each row; ``restart`` starts a new run."""
    index = np.arange(len(condition))
    marker = np.where(~condition, index, np.where(restart, index - 1, -1))
    return index - np.maximum.accumulate(marker) if len(index) else index


def row_nanmedian(matrix: np.ndarray) -> np.ndarray:
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


def _ladder(share: pd.Series, t: Thresholds) -> np.ndarray:
    values = share.fillna(0).to_numpy(dtype="float64")
    return (
        (values >= t.team_watch).astype(int)
        + (values >= t.team_warning).astype(int)
        + (values >= t.team_critical).astype(int)
    )
