"""Columns and thresholds: the input and output contracts of the burnout pipeline.

Every line the rules use (:class:`Thresholds`), the reason, level and action
codes, and the columns of each stage's frame. The workload columns are those a
workload file is stored with (:data:`wellbeing.importing.columns.RECORD_COLUMNS`):
one definition for the importer, the loader, the metrics and the benches.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wellbeing import instruments
from wellbeing.importing.columns import RECORD_COLUMNS

#: Columns of a workload frame: person_id, team_id, date, contacts (handled that
#: day), handle_time_s / after_contact_s (averages, seconds), occupancy_pct
#: (0-100, NaN when not measured), hours_worked, overtime_h, after_hours_min
#: (work outside the rostered hours), hostile_contacts (among ``contacts``),
#: absence (bool: sick or on leave that day), csat and quality (nullable).
WORKLOAD_COLUMNS: tuple[str, ...] = RECORD_COLUMNS


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
    "occupancy_14d",
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


def require(frame: pd.DataFrame, columns: tuple[str, ...] | list[str], name: str) -> None:
    """Raise ``ValueError`` naming the columns ``frame`` lacks."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} frame is missing column(s): {', '.join(missing)}.")
