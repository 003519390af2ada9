"""Person-day signals: absolute-limit flags and baseline deviations per person and day."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .columns import DEFAULT_THRESHOLDS, SIGNAL_COLUMNS, Thresholds
from .grid import latest_record, records_of, signal_blocks
from .numeric import DAY


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
    records = records_of(workload, as_of)
    pieces = [_flatten(records, block) for block in signal_blocks(records, thresholds)]
    if not pieces:
        empty = {column: np.zeros(0) for column in SIGNAL_COLUMNS}
        empty["person_id"] = pd.Series([], dtype=workload["person_id"].dtype)
        empty["date"] = np.zeros(0, dtype="datetime64[ns]")
        return pd.DataFrame(empty).loc[:, list(SIGNAL_COLUMNS)]
    columns = {
        column: np.concatenate([piece[column] for piece in pieces]) for column in SIGNAL_COLUMNS
    }
    columns["person_id"] = records.person_ids.take(columns["person_id"])
    return pd.DataFrame(columns, copy=False).loc[:, list(SIGNAL_COLUMNS)]


_INTEGERS = ("contacts", "hostile_contacts", "contacts_7d", "hostile_7d")


def _flatten(records, block) -> dict[str, np.ndarray]:
    """The block's in-calendar days as long columns (person-major, then date)."""
    inside = block.inside
    person, day = np.nonzero(inside)
    latest = latest_record(block.record)[inside]
    result = {
        "person_id": person + block.rows.start,
        "team_id": records.team[latest],
        "date": ((day + records.grid_start) * DAY + np.datetime64("1970-01-01", "ns")).astype(
            "datetime64[ns]"
        ),
    }
    for column in SIGNAL_COLUMNS[3:]:
        values = block.m[column][inside]
        result[column] = values.astype("int64") if column in _INTEGERS else values
    return result
