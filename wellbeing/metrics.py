"""Burnout signals from workload records and released check-in scores.

Pure pandas: frames in, frames out, no Django, no clock (``as_of`` is always
passed in). The nightly job runs, in order::

    signals = person_day_signals(workload, as_of=..., thresholds=...)
    weeks = person_week_flags(signals, thresholds=...)
    strain = team_week_strain(weeks, thresholds=...)
    scores = team_checkin_scores(checkins, team_sizes=..., parents=...)
    released = privacy.release(scores, today=...)        # the privacy gate
    warnings = team_warnings(strain, released, as_of=..., thresholds=...)

Check-in rows are anonymous (team, period, scale scores); only
:func:`team_checkin_scores` reads them, to aggregate. Everything after it
sees only what :func:`wellbeing.privacy.release` released:
:func:`team_warnings` refuses a frame without the ``released`` column and
ignores suppressed rows, so no warning can rest on, or reveal, a group too
small to show.

Individual workload signals (per person, per week) may be shown to the lead;
individual check-in answers never reach this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wellbeing import instruments, periods

WORKLOAD_COLUMNS: tuple[str, ...] = (
    "person_id",
    "team_id",
    "date",
    "contacts",  # contacts handled that day
    "handle_time_s",  # average handle time, seconds
    "after_contact_s",  # average after-contact work, seconds
    "occupancy_pct",  # 0-100, NaN when not measured
    "hours_worked",
    "overtime_h",
    "after_hours_min",  # work outside the rostered hours, minutes
    "hostile_contacts",  # hostile or complaint contacts among `contacts`
    "absence",  # bool: absent (sick, leave) that day
    "csat",  # nullable
    "quality",  # nullable
)


@dataclass(frozen=True)
class Thresholds:
    """Every line the burnout rules use. The wellbeing admin may change them.

    Absolute limits (person level):

    * ``occupancy_high`` (85 %) over two weeks: the mean occupancy of the
      worked days in the trailing ``occupancy_high_window_days`` (14) calendar
      days is at or above it, over at least ``occupancy_high_min_days`` (8)
      worked days. Sustained occupancy above 85 % is the usual contact-centre
      planning limit; a mean over two weeks ignores one quiet day.
    * ``occupancy_very_high`` (90 %) for ``occupancy_very_high_shifts`` (3)
      shifts in a row: worked days each at or above it. Days off between shifts
      do not break the run (a weekend does not undo the pressure) unless the
      gap between two shifts exceeds ``occupancy_run_max_gap_days`` (3, Friday
      to Monday).
    * ``max_consecutive_days`` (6): that many calendar days worked in a row.
    * ``weekly_hours`` (55): hours worked in any 7 consecutive days; the WHO/ILO
      estimate (Pega et al. 2021, Environ Int 154:106595) ties >= 55 h/week to
      raised stroke and heart-disease risk.
    * ``hostile_share`` (0.25): hostile or complaint contacts as a share of all
      contacts in 7 consecutive days, over at least ``hostile_min_contacts``
      (20) contacts so that 1 of 3 is not 33 %.
    * ``overtime_week_hours`` (2): a week with at least this much overtime is
      an overtime week; ``overtime_streak_weeks`` (4, about a month) of them
      in a row flag.
    * ``after_hours_week_min`` (120): minutes of after-hours work in an ISO week.

    Baseline deviations (person level): the trailing-7-day hours, contacts and
    hostile share are compared with the same quantity in each of the previous
    ``baseline_weeks`` (8) weeks, excluding the current one, by a robust
    z-score ``(x - median) / (1.4826 * MAD)`` (Iglewicz & Hoaglin 1993). The
    scale is floored (``z_floor_*`` absolute, ``z_floor_fraction`` of the
    median) so a perfectly regular history does not turn one extra hour into
    z = infinity. At least ``baseline_min_weeks`` (4) worked weeks are needed.
    The daily z is smoothed by an EWMA (``ewma_span_days`` = 7) and flags at
    ``z_threshold`` = 2.5: with the 1.4826 factor that is about the top 0.6 %
    of a normal distribution, strict enough that a flag is rare in a steady
    person, lower than the 3.5 Iglewicz & Hoaglin use for single outliers
    because the EWMA already damps one-day spikes.

    Team levels: share of active people flagged in the week, ``team_watch``
    0.20 (one in five), ``team_warning`` 0.35 (one in three), ``team_critical``
    0.50 (half the team). The same ladder applies to the share of released
    check-in answers beyond a published line; a team mean beyond the line
    raises at least ``warning``; team hours or contacts per person
    ``team_trend_pct`` (15 %) above the team's own 8-week median raise at
    least ``watch``. Check-in scores older than ``checkin_max_age_days`` (35)
    at ``as_of`` are not used. Check-in lines are the published ones
    (``cbi_high``, ``who5_low``, ``sib_high``).
    """

    occupancy_high: float = 85.0
    occupancy_high_window_days: int = 14
    occupancy_high_min_days: int = 8
    occupancy_very_high: float = 90.0
    occupancy_very_high_shifts: int = 3
    occupancy_run_max_gap_days: int = 3
    max_consecutive_days: int = 6
    weekly_hours: float = 55.0
    hostile_share: float = 0.25
    hostile_min_contacts: int = 20
    overtime_week_hours: float = 2.0
    overtime_streak_weeks: int = 4
    after_hours_week_min: float = 120.0
    baseline_weeks: int = 8
    baseline_min_weeks: int = 4
    z_threshold: float = 2.5
    ewma_span_days: int = 7
    z_floor_hours: float = 1.0
    z_floor_contacts: float = 5.0
    z_floor_hostile_share: float = 0.02
    z_floor_fraction: float = 0.05
    team_watch: float = 0.20
    team_warning: float = 0.35
    team_critical: float = 0.50
    team_trend_pct: float = 15.0
    checkin_max_age_days: int = 35
    cbi_high: float = instruments.CBI_HIGH_LINE
    who5_low: float = instruments.WHO5_LOW_LINE
    sib_high: float = float(instruments.SIB_BURNOUT_LINE)


DEFAULT_THRESHOLDS = Thresholds()

# --- person-level reason codes and the columns with the numbers behind them ----
REASON_OCCUPANCY_HIGH = "occupancy_high_2w"
REASON_OCCUPANCY_VERY_HIGH = "occupancy_very_high_3d"
REASON_CONSECUTIVE_DAYS = "consecutive_days"
REASON_LONG_WEEK = "long_week"
REASON_HOSTILE_SHARE = "hostile_share"
REASON_OVERTIME_STREAK = "overtime_streak"
REASON_AFTER_HOURS = "after_hours"
REASON_HOURS_ABOVE_BASELINE = "hours_above_baseline"
REASON_CONTACTS_ABOVE_BASELINE = "contacts_above_baseline"
REASON_HOSTILE_ABOVE_BASELINE = "hostile_share_above_baseline"

#: Person-week reason code -> columns of ``person_week_flags`` holding its numbers.
PERSON_REASON_PARAMS: dict[str, tuple[str, ...]] = {
    REASON_OCCUPANCY_HIGH: ("occ_mean_14d_max", "occ_days_high"),
    REASON_OCCUPANCY_VERY_HIGH: ("occ_very_high_run_max",),
    REASON_CONSECUTIVE_DAYS: ("consecutive_days_max",),
    REASON_LONG_WEEK: ("hours_7d_max",),
    REASON_HOSTILE_SHARE: ("hostile_share_7d_max", "hostile_contacts", "contacts"),
    REASON_OVERTIME_STREAK: ("overtime_weeks", "overtime_h"),
    REASON_AFTER_HOURS: ("after_hours_min",),
    REASON_HOURS_ABOVE_BASELINE: ("hours_7d_end", "hours_baseline", "hours_z"),
    REASON_CONTACTS_ABOVE_BASELINE: ("contacts_7d_end", "contacts_baseline", "contacts_z"),
    REASON_HOSTILE_ABOVE_BASELINE: (
        "hostile_share_7d_end",
        "hostile_share_baseline",
        "hostile_share_z",
    ),
}
PERSON_REASONS: tuple[str, ...] = tuple(PERSON_REASON_PARAMS)

# --- team-level reasons, levels and actions ----------------------------------------
REASON_PEOPLE_FLAGGED = "people_flagged"
REASON_HOURS_TREND = "hours_trend"
REASON_CONTACTS_TREND = "contacts_trend"
REASON_CHECKIN_CONCERN = "checkin_concern"

LEVELS: tuple[str, ...] = ("none", "watch", "warning", "critical")

ACTION_ASSIGN_STRESS_COURSE = "assign_stress_course"
ACTION_REBALANCE_WORKLOAD = "rebalance_workload"
ACTION_TALK_ABOUT_OVERTIME = "talk_one_to_one_about_overtime"
ACTION_SCHEDULE_REST_DAYS = "schedule_rest_days"
ACTION_DEBRIEF_DIFFICULT_CONTACTS = "debrief_difficult_contacts"
ACTION_REVIEW_STAFFING = "review_staffing"
ACTION_OFFER_SUPPORT = "offer_support_resources"

_WORKLOAD_REASONS = frozenset(PERSON_REASONS) - {REASON_OVERTIME_STREAK}
#: Team reason code -> actions it recommends, in the order shown.
ACTIONS_BY_REASON: dict[str, tuple[str, ...]] = {
    **{code: (ACTION_REBALANCE_WORKLOAD,) for code in sorted(_WORKLOAD_REASONS)},
    REASON_OVERTIME_STREAK: (ACTION_TALK_ABOUT_OVERTIME, ACTION_REBALANCE_WORKLOAD),
    REASON_CONSECUTIVE_DAYS: (ACTION_SCHEDULE_REST_DAYS, ACTION_REBALANCE_WORKLOAD),
    REASON_HOSTILE_SHARE: (ACTION_DEBRIEF_DIFFICULT_CONTACTS, ACTION_REBALANCE_WORKLOAD),
    REASON_HOSTILE_ABOVE_BASELINE: (ACTION_DEBRIEF_DIFFICULT_CONTACTS,),
    REASON_HOURS_TREND: (ACTION_REVIEW_STAFFING,),
    REASON_CONTACTS_TREND: (ACTION_REVIEW_STAFFING,),
    REASON_CHECKIN_CONCERN: (ACTION_ASSIGN_STRESS_COURSE,),
}
ACTION_ORDER: tuple[str, ...] = (
    ACTION_TALK_ABOUT_OVERTIME,
    ACTION_SCHEDULE_REST_DAYS,
    ACTION_REBALANCE_WORKLOAD,
    ACTION_DEBRIEF_DIFFICULT_CONTACTS,
    ACTION_REVIEW_STAFFING,
    ACTION_ASSIGN_STRESS_COURSE,
    ACTION_OFFER_SUPPORT,
)

# --- output column contracts ------------------------------------------------------
SIGNAL_COLUMNS: tuple[str, ...] = (
    "person_id",
    "team_id",
    "date",
    "has_record",
    "worked",
    "absence",
    "contacts",
    "hours_worked",
    "overtime_h",
    "after_hours_min",
    "hostile_contacts",
    "occupancy_pct",
    "consecutive_days",
    "consecutive_days_high",
    "occ_mean_14d",
    "occ_days_14d",
    "occ_high_2w",
    "occ_very_high_run",
    "occ_very_high_3d",
    "hours_7d",
    "long_week",
    "contacts_7d",
    "hostile_7d",
    "hostile_share_7d",
    "hostile_share_high",
    "hours_baseline",
    "hours_z",
    "hours_z_ewma",
    "contacts_baseline",
    "contacts_z",
    "contacts_z_ewma",
    "hostile_share_baseline",
    "hostile_share_z",
    "hostile_share_z_ewma",
)

PERSON_WEEK_COLUMNS: tuple[str, ...] = (
    "person_id",
    "team_id",
    "week",
    "week_start",
    "week_end",
    "days_worked",
    "absence_days",
    "hours",
    "contacts",
    "hostile_contacts",
    "overtime_h",
    "after_hours_min",
    "occ_days_high",
    "occ_mean_14d_max",
    "occ_very_high_run_max",
    "consecutive_days_max",
    "hours_7d_max",
    "hostile_share_7d_max",
    "overtime_week",
    "overtime_weeks",
    "hours_7d_end",
    "hours_baseline",
    "hours_z",
    "contacts_7d_end",
    "contacts_baseline",
    "contacts_z",
    "hostile_share_7d_end",
    "hostile_share_baseline",
    "hostile_share_z",
    *(f"reason_{code}" for code in PERSON_REASONS),
    "flagged",
    "reasons",
)

TEAM_WEEK_COLUMNS: tuple[str, ...] = (
    "team_id",
    "week",
    "week_start",
    "week_end",
    "people",
    "flagged",
    "share_flagged",
    "hours",
    "contacts",
    "hours_per_person",
    "contacts_per_person",
    "hours_per_person_baseline",
    "contacts_per_person_baseline",
    "hours_trend_pct",
    "contacts_trend_pct",
    "overtime_weeks_max",
    "consecutive_days_max",
    "hours_7d_max",
    *(f"n_{code}" for code in PERSON_REASONS),
)

CHECKIN_SCORE_COLUMNS: tuple[str, ...] = (
    "team_id",
    "parent_id",
    "period",
    "scale",
    "answers",
    "n",
    "mean",
    "share_concern",
    "team_size",
    "participation",
)

TEAM_WARNING_COLUMNS: tuple[str, ...] = (
    "team_id",
    "week",
    "week_start",
    "week_end",
    "level",
    "level_rank",
    "workload_level",
    "checkin_level",
    "people",
    "flagged",
    "share_flagged",
    "reasons",
    "actions",
)

_MAD_TO_SIGMA = 1.4826
_DAY = np.timedelta64(1, "D")


# === helpers (numpy over contiguous per-person blocks) =========================


def _require(frame: pd.DataFrame, columns: tuple[str, ...] | list[str], name: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame is missing column(s): {', '.join(missing)}.")


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
            _MAD_TO_SIGMA * np.nan_to_num(mad),
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


# === person-day signals ===========================================================


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
    _require(workload, WORKLOAD_COLUMNS, "workload")
    dates = pd.to_datetime(workload["date"]).dt.normalize().astype("datetime64[ns]")
    keep = (dates <= pd.Timestamp(as_of)).to_numpy()
    records = workload.loc[keep]
    dates = dates[keep]
    if pd.MultiIndex.from_arrays([records["person_id"], dates]).has_duplicates:
        raise ValueError("workload frame has more than one row for a person and date.")

    person_code, person_ids = pd.factorize(records["person_id"], sort=True)
    day = (dates.to_numpy() - np.datetime64("1970-01-01", "ns")) // _DAY
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
            "date": (grid_day * _DAY + np.datetime64("1970-01-01", "ns")).astype("datetime64[ns]"),
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


# === person-week flags ============================================================


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
    _require(signals, SIGNAL_COLUMNS, "signals")
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
    week_number = (weeks["week_start"].to_numpy() - np.datetime64("1970-01-05", "ns")) // (7 * _DAY)
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


# === team-week strain ===============================================================


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
    _require(person_weeks, PERSON_WEEK_COLUMNS, "person_weeks")
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
    week_number = (teams["week_start"].to_numpy() - np.datetime64("1970-01-05", "ns")) // (7 * _DAY)
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


# === check-in scores =================================================================


def _ancestor_pairs(teams: pd.Series, parents: Mapping[Hashable, Hashable]) -> pd.DataFrame:
    """(team_id, group_id) for each team and each of its ancestors, itself included."""
    pairs = pd.DataFrame({"team_id": teams.unique(), "group_id": teams.unique()})
    frontier = pairs
    seen = 0
    while len(frontier) and seen <= len(parents):
        frontier = frontier.assign(group_id=frontier["group_id"].map(parents)).dropna(
            subset=["group_id"]
        )
        pairs = pd.concat([pairs, frontier], ignore_index=True)
        seen += 1
    if len(frontier):
        raise ValueError("parents mapping has a cycle.")
    return pairs


def team_checkin_scores(
    checkins: pd.DataFrame,
    *,
    team_sizes: pd.DataFrame | None = None,
    parents: Mapping[Hashable, Hashable] | None = None,
) -> pd.DataFrame:
    """Aggregate anonymous check-ins per team (and ancestor group), period and scale.

    ``checkins`` has ``team_id``, ``period`` (``"2026-W47"`` or ``"2026-11"``)
    and one column per scale the form yields, named by the scale code in
    :data:`wellbeing.instruments.SCALES` (``cbi_work``, ``cbi_client``,
    ``who5``, ``sib``, ``cbi_work_pulse``); NaN where a respondent has no score
    for the scale. Other columns are ignored.

    ``parents`` (optional) maps a team or group id to its parent's id; each
    ancestor then gets rows of its own aggregated from every check-in below
    it (so an organisation row is computed from the raw scores, not from
    rounded team means). ``team_sizes`` (optional) has ``team_id`` and
    ``size`` (and ``period`` if sizes vary by period); an ancestor missing
    from it gets the sum of its descendant teams.

    Returns :data:`CHECKIN_SCORE_COLUMNS`, one row per group, period and scale
    that has at least one score: ``answers`` = check-ins of the group in the
    period, ``n`` = those with a score on the scale, ``mean``,
    ``share_concern`` = share of those scores on the concerning side of the
    scale's published line (CBI >= 50, single item >= 3, WHO-5 <= 50; NaN for
    the pulse, which has none), ``participation = answers / team_size``.
    The result is NOT fit to show: pass it through ``privacy.release``.
    """
    _require(checkins, ["team_id", "period"], "checkins")
    scale_columns = [code for code in instruments.SCALES if code in checkins.columns]
    if not scale_columns:
        raise ValueError(
            "checkins frame has no scale column; expected one of "
            + ", ".join(instruments.SCALES)
            + "."
        )
    periods.period_bounds(checkins["period"])  # validates the labels
    parents = dict(parents or {})
    rows = checkins.loc[:, ["team_id", "period", *scale_columns]].reset_index(drop=True)
    rows = rows.assign(checkin=np.arange(len(rows)))
    pairs = _ancestor_pairs(rows["team_id"], parents)
    rows = (
        rows.merge(pairs, on="team_id")
        .drop(columns="team_id")
        .rename(columns={"group_id": "team_id"})
    )

    answers = rows.groupby(["team_id", "period"], sort=False).size().rename("answers")
    long = rows.melt(
        id_vars=["team_id", "period"],
        value_vars=scale_columns,
        var_name="scale",
        value_name="value",
    ).dropna(subset=["value"])
    spec = pd.DataFrame(
        {
            "scale": scale_columns,
            "minimum": [instruments.SCALES[c].minimum for c in scale_columns],
            "maximum": [instruments.SCALES[c].maximum for c in scale_columns],
            "line": [instruments.SCALES[c].line or np.nan for c in scale_columns],
            "low_is_concern": [
                instruments.SCALES[c].concern == instruments.CONCERN_LOW for c in scale_columns
            ],
        }
    )
    long = long.merge(spec, on="scale")
    value = long["value"].astype("float64")
    out_of_range = (value < long["minimum"]) | (value > long["maximum"])
    if out_of_range.any():
        bad = long.loc[out_of_range, ["scale", "value"]].drop_duplicates().head(5)
        shown = ", ".join(f"{s}={v}" for s, v in bad.itertuples(index=False))
        raise ValueError(f"checkins frame has scores outside their scale: {shown}.")
    concern = np.where(long["low_is_concern"], value <= long["line"], value >= long["line"])
    long = long.assign(
        value=value,
        concern=pd.Series(concern, index=long.index).where(long["line"].notna()).astype("float64"),
    )
    scores = (
        long.groupby(["team_id", "period", "scale"], sort=True)
        .agg(n=("value", "size"), mean=("value", "mean"), share_concern=("concern", "mean"))
        .reset_index()
        .join(answers, on=["team_id", "period"])
    )

    if team_sizes is not None:
        _require(team_sizes, ["team_id", "size"], "team_sizes")
        size_keys = ["team_id", "period"] if "period" in team_sizes.columns else ["team_id"]
        sizes = team_sizes.loc[:, [*size_keys, "size"]]
        rolled = (
            sizes.merge(_ancestor_pairs(sizes["team_id"], parents), on="team_id")
            .groupby([*(["period"] if "period" in size_keys else []), "group_id"], sort=False)[
                "size"
            ]
            .sum()
            .reset_index()
            .rename(columns={"group_id": "team_id", "size": "rolled_size"})
        )
        scores = scores.merge(sizes, on=size_keys, how="left").merge(
            rolled, on=size_keys, how="left"
        )
        team_size = scores["size"].fillna(scores["rolled_size"])
    else:
        team_size = pd.Series(np.nan, index=scores.index)
    scores = scores.assign(
        parent_id=scores["team_id"].map(parents),
        team_size=team_size.astype("float64"),
        participation=scores["answers"] / team_size.astype("float64"),
        n=scores["n"].astype("int64"),
        answers=scores["answers"].astype("int64"),
    )
    return scores.loc[:, list(CHECKIN_SCORE_COLUMNS)].reset_index(drop=True)


# === team warnings ==================================================================


def _latest_complete_week(as_of: dt.date) -> tuple[pd.Timestamp, pd.Timestamp]:
    end = pd.Timestamp(as_of) - pd.Timedelta(days=as_of.isoweekday() % 7)
    return end - pd.Timedelta(days=6), end


def _reason_rows(
    frame: pd.DataFrame, mask: pd.Series, code: str, params: dict[str, str]
) -> pd.DataFrame:
    """Long rows (team_id, code, params dict) for the teams where ``mask`` holds."""
    chosen = frame.loc[mask.to_numpy(dtype=bool)]
    values = chosen.loc[:, list(params.values())].rename(columns={v: k for k, v in params.items()})
    records = values.astype(object).where(values.notna(), None).to_dict("records")
    return pd.DataFrame({"team_id": chosen["team_id"].to_numpy(), "code": code, "params": records})


def _lists_for(keys: pd.Series, lists: pd.Series) -> list[list]:
    """One list per key (a fresh empty list where ``lists`` has none)."""
    found = lists.to_dict()
    return [list(found.get(key, ())) for key in keys]


def team_warnings(
    strain: pd.DataFrame,
    checkin_scores: pd.DataFrame,
    *,
    as_of: dt.date,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Per team: the warning level for the latest complete ISO week, why, and what to do.

    ``strain`` is the output of :func:`team_week_strain`; ``checkin_scores``
    the output of ``privacy.release(team_checkin_scores(...))`` — a frame
    without the ``released`` column is refused, suppressed rows are ignored,
    and rows of ancestor groups (ids that appear as a ``parent_id``) are left
    to the organisation dashboards. ``as_of`` is the last day with data; the
    latest complete week is the ISO week ending on the last Sunday on or before
    it. Check-in periods count if they ended on or before ``as_of`` and no more
    than ``checkin_max_age_days`` before it; per scale the latest one is used.

    Level = the highest of: the ladder on ``share_flagged``
    (``workload_level``); the ladder on each scale's ``share_concern``, or at
    least ``warning`` when a scale's mean is beyond its published line
    (``checkin_level``); at least ``watch`` when hours or contacts per person
    are ``team_trend_pct`` above the team's baseline.

    Returns :data:`TEAM_WARNING_COLUMNS`, one row per team with workload rows
    that week or usable check-in scores, sorted by team. ``level`` is one of
    :data:`LEVELS` and ``level_rank`` its index. ``reasons`` is a list of
    ``{"code": str, "params": dict}`` listing every signal found, including
    ones too weak to raise the level (codes: ``people_flagged`` {flagged,
    people, share}; each person reason code {people, ...its largest figure:
    max_weeks / max_days / max_hours}; ``hours_trend`` / ``contacts_trend``
    {pct, per_person, baseline}; ``checkin_concern`` {scale, period, n, share,
    mean, line}). ``actions`` lists action codes in :data:`ACTION_ORDER`.
    """
    t = thresholds
    _require(strain, TEAM_WEEK_COLUMNS, "strain")
    if "released" not in checkin_scores.columns:
        raise ValueError(
            "checkin_scores must be the output of privacy.release(); team_warnings only "
            "reads released check-in aggregates."
        )
    _require(checkin_scores, CHECKIN_SCORE_COLUMNS, "checkin_scores")
    week_start, week_end = _latest_complete_week(as_of)
    week = strain.loc[strain["week_start"] == week_start]

    scores = checkin_scores.loc[
        checkin_scores["released"].astype(bool)
        & checkin_scores["share_concern"].notna()
        & ~checkin_scores["team_id"].isin(checkin_scores["parent_id"].dropna())
    ]
    _, ended = periods.period_bounds(scores["period"])
    recent = (ended <= pd.Timestamp(as_of)) & (
        ended >= pd.Timestamp(as_of) - pd.Timedelta(days=t.checkin_max_age_days)
    )
    scores = (
        scores.loc[recent.to_numpy()]
        .assign(period_end=ended[recent.to_numpy()])
        .sort_values(["team_id", "scale", "period_end"], kind="stable")
        .drop_duplicates(["team_id", "scale"], keep="last")
    )
    lines = scores["scale"].map({code: s.line for code, s in instruments.SCALES.items()})
    low = (
        scores["scale"]
        .map({code: s.concern == instruments.CONCERN_LOW for code, s in instruments.SCALES.items()})
        .astype(bool)
    )
    mean_beyond = np.where(low, scores["mean"] <= lines, scores["mean"] >= lines)
    scale_level = np.maximum(_ladder(scores["share_concern"], t), np.where(mean_beyond, 2, 0))
    scores = scores.assign(line=lines, scale_level=scale_level)

    # Index lookups rather than merges: team ids may arrive as int64 from the
    # workload and as object from check-ins (mixed with ancestor ids).
    team_ids = pd.Index(
        pd.unique(pd.concat([week["team_id"], scores["team_id"]], ignore_index=True)),
        name="team_id",
    )
    checkin_by_team = scores.groupby("team_id")["scale_level"].max()
    teams = (
        week.set_index("team_id")
        .reindex(team_ids)
        .assign(checkin_rank=checkin_by_team.reindex(team_ids).to_numpy())
        .reset_index()
    )
    workload_rank = _ladder(teams["share_flagged"], t)
    trend = (teams["hours_trend_pct"] >= t.team_trend_pct) | (
        teams["contacts_trend_pct"] >= t.team_trend_pct
    )
    checkin_rank = teams["checkin_rank"].fillna(0).to_numpy(dtype="int64")
    rank = np.maximum.reduce([workload_rank, checkin_rank, trend.to_numpy(dtype=int)])

    # Output-sized from here on: a handful of reason rows per team.
    pieces = [
        _reason_rows(
            teams,
            teams["flagged"].fillna(0) > 0,
            REASON_PEOPLE_FLAGGED,
            {"flagged": "flagged", "people": "people", "share": "share_flagged"},
        )
    ]
    largest = {
        REASON_OVERTIME_STREAK: {"max_weeks": "overtime_weeks_max"},
        REASON_CONSECUTIVE_DAYS: {"max_days": "consecutive_days_max"},
        REASON_LONG_WEEK: {"max_hours": "hours_7d_max"},
    }
    for code in PERSON_REASONS:
        pieces.append(
            _reason_rows(
                teams,
                teams[f"n_{code}"].fillna(0) > 0,
                code,
                {"people": f"n_{code}", **largest.get(code, {})},
            )
        )
    for code, prefix in ((REASON_HOURS_TREND, "hours"), (REASON_CONTACTS_TREND, "contacts")):
        pieces.append(
            _reason_rows(
                teams,
                teams[f"{prefix}_trend_pct"] >= t.team_trend_pct,
                code,
                {
                    "pct": f"{prefix}_trend_pct",
                    "per_person": f"{prefix}_per_person",
                    "baseline": f"{prefix}_per_person_baseline",
                },
            )
        )
    pieces.append(
        _reason_rows(
            scores,
            scores["scale_level"] > 0,
            REASON_CHECKIN_CONCERN,
            {
                "scale": "scale",
                "period": "period",
                "n": "n",
                "share": "share_concern",
                "mean": "mean",
                "line": "line",
            },
        )
    )
    order = {
        code: position
        for position, code in enumerate(
            [
                REASON_PEOPLE_FLAGGED,
                *PERSON_REASONS,
                REASON_HOURS_TREND,
                REASON_CONTACTS_TREND,
                REASON_CHECKIN_CONCERN,
            ]
        )
    }
    reason_rows = pd.concat(pieces, ignore_index=True)
    reason_rows = reason_rows.assign(order=reason_rows["code"].map(order)).sort_values(
        ["team_id", "order"], kind="stable"
    )
    reason_rows = reason_rows.assign(
        reason=[
            {"code": c, "params": p}
            for c, p in zip(reason_rows["code"], reason_rows["params"], strict=True)
        ]
    )
    reasons = reason_rows.groupby("team_id", sort=False)["reason"].agg(list)

    action_rows = (
        reason_rows.loc[:, ["team_id", "code"]]
        .assign(action=reason_rows["code"].map(ACTIONS_BY_REASON))
        .explode("action")
        .dropna(subset=["action"])
    )
    critical = pd.DataFrame(
        {"team_id": teams.loc[rank >= 3, "team_id"], "action": ACTION_OFFER_SUPPORT}
    )
    stressed = pd.DataFrame(
        {"team_id": teams.loc[rank >= 2, "team_id"], "action": ACTION_ASSIGN_STRESS_COURSE}
    )
    action_rows = pd.concat(
        [action_rows.loc[:, ["team_id", "action"]], critical, stressed], ignore_index=True
    )
    action_rows = (
        action_rows.assign(
            order=action_rows["action"].map({a: i for i, a in enumerate(ACTION_ORDER)})
        )
        .sort_values(["team_id", "order"], kind="stable")
        .drop_duplicates(["team_id", "action"])
    )
    actions = action_rows.groupby("team_id", sort=False)["action"].agg(list)

    result = teams.assign(
        week=periods.week_label(week_start.date()),
        week_start=week_start,
        week_end=week_end,
        level=np.asarray(LEVELS, dtype=object)[rank],
        level_rank=rank.astype("int64"),
        workload_level=np.asarray(LEVELS, dtype=object)[workload_rank],
        checkin_level=np.asarray(LEVELS, dtype=object)[checkin_rank],
        people=teams["people"].fillna(0).astype("int64"),
        flagged=teams["flagged"].fillna(0).astype("int64"),
        reasons=_lists_for(teams["team_id"], reasons),
        actions=_lists_for(teams["team_id"], actions),
    )
    result["week_start"] = result["week_start"].astype("datetime64[ns]")
    result["week_end"] = result["week_end"].astype("datetime64[ns]")
    return (
        result.loc[:, list(TEAM_WARNING_COLUMNS)]
        .sort_values("team_id", kind="stable")
        .reset_index(drop=True)
    )
