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

from .checkins import team_checkin_scores
from .columns import (
    ACTION_ASSIGN_STRESS_COURSE,
    ACTION_DEBRIEF_DIFFICULT_CONTACTS,
    ACTION_OFFER_SUPPORT,
    ACTION_ORDER,
    ACTION_REBALANCE_WORKLOAD,
    ACTION_REVIEW_STAFFING,
    ACTION_SCHEDULE_REST_DAYS,
    ACTION_TALK_ABOUT_OVERTIME,
    ACTIONS_BY_REASON,
    CHECKIN_SCORE_COLUMNS,
    DEFAULT_THRESHOLDS,
    LEVELS,
    PERSON_REASON_PARAMS,
    PERSON_REASONS,
    PERSON_WEEK_COLUMNS,
    REASON_AFTER_HOURS,
    REASON_CHECKIN_CONCERN,
    REASON_CONSECUTIVE_DAYS,
    REASON_CONTACTS_ABOVE_BASELINE,
    REASON_CONTACTS_TREND,
    REASON_HOSTILE_ABOVE_BASELINE,
    REASON_HOSTILE_SHARE,
    REASON_HOURS_ABOVE_BASELINE,
    REASON_HOURS_TREND,
    REASON_LONG_WEEK,
    REASON_OCCUPANCY_HIGH,
    REASON_OCCUPANCY_VERY_HIGH,
    REASON_OVERTIME_STREAK,
    REASON_PEOPLE_FLAGGED,
    SIGNAL_COLUMNS,
    TEAM_WARNING_COLUMNS,
    TEAM_WEEK_COLUMNS,
    WORKLOAD_COLUMNS,
    Thresholds,
)
from .signals import person_day_signals
from .strain import team_week_strain
from .warnings import team_warnings
from .weeks import person_week_flags, person_weeks

__all__ = [
    "ACTIONS_BY_REASON",
    "ACTION_ASSIGN_STRESS_COURSE",
    "ACTION_DEBRIEF_DIFFICULT_CONTACTS",
    "ACTION_OFFER_SUPPORT",
    "ACTION_ORDER",
    "ACTION_REBALANCE_WORKLOAD",
    "ACTION_REVIEW_STAFFING",
    "ACTION_SCHEDULE_REST_DAYS",
    "ACTION_TALK_ABOUT_OVERTIME",
    "CHECKIN_SCORE_COLUMNS",
    "DEFAULT_THRESHOLDS",
    "LEVELS",
    "PERSON_REASONS",
    "PERSON_REASON_PARAMS",
    "PERSON_WEEK_COLUMNS",
    "REASON_AFTER_HOURS",
    "REASON_CHECKIN_CONCERN",
    "REASON_CONSECUTIVE_DAYS",
    "REASON_CONTACTS_ABOVE_BASELINE",
    "REASON_CONTACTS_TREND",
    "REASON_HOSTILE_ABOVE_BASELINE",
    "REASON_HOSTILE_SHARE",
    "REASON_HOURS_ABOVE_BASELINE",
    "REASON_HOURS_TREND",
    "REASON_LONG_WEEK",
    "REASON_OCCUPANCY_HIGH",
    "REASON_OCCUPANCY_VERY_HIGH",
    "REASON_OVERTIME_STREAK",
    "REASON_PEOPLE_FLAGGED",
    "SIGNAL_COLUMNS",
    "TEAM_WARNING_COLUMNS",
    "TEAM_WEEK_COLUMNS",
    "Thresholds",
    "WORKLOAD_COLUMNS",
    "person_day_signals",
    "person_week_flags",
    "person_weeks",
    "team_checkin_scores",
    "team_warnings",
    "team_week_strain",
]
