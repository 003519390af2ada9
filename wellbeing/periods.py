"""Reporting periods: ISO weeks ("2026-W47") and calendar months ("2026-11").

Pure module shared by ``metrics`` and ``privacy``. A check-in row carries no
date finer than its period, so these labels are the only time it has.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from courses.lib.status import iso_week

WEEK_PATTERN = r"\d{4}-W\d{2}"
MONTH_PATTERN = r"\d{4}-\d{2}"


# The one ISO week label of Steady (courses' reminders file theirs under it too).
week_label = iso_week


def week_labels(dates: pd.Series) -> pd.Series:
    """Vectorised :func:`week_label` for a datetime64 series."""
    iso = dates.dt.isocalendar()
    return (
        iso["year"].astype("int64").astype(str)
        + "-W"
        + iso["week"].astype("int64").astype(str).str.zfill(2)
    )


def period_bounds(periods: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day (datetime64[ns]) of each period label.

    Raises ``ValueError`` naming the labels that are neither ``YYYY-Www``
    (an ISO week that exists) nor ``YYYY-MM``.
    """
    text = periods.astype(str)
    weekly = text.str.fullmatch(WEEK_PATTERN).fillna(False).to_numpy(dtype=bool)
    monthly = text.str.fullmatch(MONTH_PATTERN).fillna(False).to_numpy(dtype=bool)
    week_start = pd.to_datetime(text.where(weekly) + "-1", format="%G-W%V-%u", errors="coerce")
    month_start = pd.to_datetime(text.where(monthly), format="%Y-%m", errors="coerce")
    start = week_start.where(weekly, month_start).astype("datetime64[ns]")
    end = (
        (start + pd.Timedelta(days=6))
        .where(weekly, start + pd.offsets.MonthEnd(0))
        .astype("datetime64[ns]")
    )
    # strptime quietly rolls "2025-W53" into 2026; a round trip catches it.
    parsed_week = weekly & start.notna().to_numpy()
    round_trip = week_labels(start.where(parsed_week, pd.Timestamp("2000-01-03")))
    bad = start.isna().to_numpy() | (parsed_week & (round_trip != text).to_numpy())
    if bad.any():
        shown = ", ".join(sorted({repr(v) for v in periods[bad].tolist()})[:5])
        raise ValueError(
            f"Invalid period label(s): {shown}; expected an ISO week like '2026-W47' "
            "or a month like '2026-11'."
        )
    return start, end


def period_end(period: str) -> dt.date:
    """Last day of one period label (Sunday of an ISO week, last day of a month)."""
    _, end = period_bounds(pd.Series([period]))
    return end.iloc[0].date()


def is_closed(periods: pd.Series, *, today: dt.date) -> np.ndarray:
    """Boolean array: the period ended before ``today`` (no more answers can arrive)."""
    _, end = period_bounds(periods)
    return (end < pd.Timestamp(today)).to_numpy(dtype=bool)
