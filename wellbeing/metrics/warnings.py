"""Team warnings: the level of the latest complete week, why, and what to do."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wellbeing import instruments, periods

from .checkins import beyond_published_line
from .columns import (
    ACTION_ASSIGN_STRESS_COURSE,
    ACTION_OFFER_SUPPORT,
    ACTION_ORDER,
    ACTIONS_BY_REASON,
    CHECKIN_SCORE_COLUMNS,
    DEFAULT_THRESHOLDS,
    LEVELS,
    PERSON_REASONS,
    REASON_CHECKIN_CONCERN,
    REASON_CONSECUTIVE_DAYS,
    REASON_CONTACTS_TREND,
    REASON_HOURS_TREND,
    REASON_LONG_WEEK,
    REASON_OVERTIME_STREAK,
    REASON_PEOPLE_FLAGGED,
    TEAM_WARNING_COLUMNS,
    TEAM_WEEK_COLUMNS,
    Thresholds,
    require,
)
from .numeric import _ladder


def _latest_complete_week(as_of: dt.date) -> tuple[pd.Timestamp, pd.Timestamp]:
    end = pd.Timestamp(as_of) - pd.Timedelta(days=as_of.isoweekday() % 7)
    return end - pd.Timedelta(days=6), end


def _reasons_where(
    frame: pd.DataFrame, mask: pd.Series, code: str, params: dict[str, str]
) -> list[tuple[object, dict]]:
    """(team_id, {"code", "params"}) for the rows of ``frame`` where ``mask`` holds.

    Params are plain Python values (NaN as None), ready for a JSONField.
    """
    chosen = np.flatnonzero(mask.to_numpy(dtype=bool))
    if not len(chosen):
        return []
    values = {}
    for name, column in params.items():
        picked = frame[column].iloc[chosen]
        values[name] = picked.astype(object).where(picked.notna(), None).tolist()
    return [
        (team, {"code": code, "params": {name: values[name][row] for name in params}})
        for row, team in enumerate(frame["team_id"].to_numpy()[chosen].tolist())
    ]


def _lists_for(keys: pd.Series, lists: dict) -> list[list]:
    """One list per key (a fresh empty list where ``lists`` has none)."""
    return [list(lists.get(key, ())) for key in keys]


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
    require(strain, TEAM_WEEK_COLUMNS, "strain")
    _require_released(checkin_scores)
    week_start, week_end = _latest_complete_week(as_of)
    week = strain.loc[strain["week_start"] == week_start]
    scores = usable_checkins(checkin_scores, as_of=as_of, t=t)
    teams = _teams_of_week(week, scores)
    workload_rank = _ladder(teams["share_flagged"], t)
    checkin_rank = teams["checkin_rank"].fillna(0).to_numpy(dtype="int64")
    rank = np.maximum.reduce([workload_rank, checkin_rank, _trend_rank(teams, t)])
    # Output-sized from here on: a handful of reason rows per team.
    reasons = team_reasons(teams, scores, t)
    actions = team_actions(reasons, teams, rank)
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


# --- the steps, in the order team_warnings takes them ---------------------------------


def _require_released(checkin_scores: pd.DataFrame) -> None:
    if "released" not in checkin_scores.columns:
        raise ValueError(
            "checkin_scores must be the output of privacy.release(); team_warnings only "
            "reads released check-in aggregates."
        )
    require(checkin_scores, CHECKIN_SCORE_COLUMNS, "checkin_scores")


def usable_checkins(checkin_scores: pd.DataFrame, *, as_of: dt.date, t: Thresholds) -> pd.DataFrame:
    """Released team scores (no ancestor groups) of recent periods, the latest per scale,
    with the published ``line`` and the ``scale_level`` they raise (0..3)."""
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
    mean_beyond = beyond_published_line(scores["scale"], scores["mean"]).fillna(0) > 0
    scale_level = np.maximum(
        _ladder(scores["share_concern"], t), np.where(mean_beyond.to_numpy(), 2, 0)
    )
    return scores.assign(line=lines, scale_level=scale_level)


def _teams_of_week(week: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """One row per team with workload that week or usable scores, with ``checkin_rank``."""
    # Index lookups rather than merges: team ids may arrive as int64 from the
    # workload and as object from check-ins (mixed with ancestor ids).
    team_ids = pd.Index(
        pd.unique(pd.concat([week["team_id"], scores["team_id"]], ignore_index=True)),
        name="team_id",
    )
    checkin_by_team = scores.groupby("team_id")["scale_level"].max()
    return (
        week.set_index("team_id")
        .reindex(team_ids)
        .assign(checkin_rank=checkin_by_team.reindex(team_ids).to_numpy())
        .reset_index()
    )


def _trend_rank(teams: pd.DataFrame, t: Thresholds) -> np.ndarray:
    """1 (watch) where hours or contacts per person rose ``team_trend_pct`` above baseline."""
    trend = (teams["hours_trend_pct"] >= t.team_trend_pct) | (
        teams["contacts_trend_pct"] >= t.team_trend_pct
    )
    return trend.to_numpy(dtype=int)


#: The largest individual figure shown with a person reason, by code.
_LARGEST = {
    REASON_OVERTIME_STREAK: {"max_weeks": "overtime_weeks_max"},
    REASON_CONSECUTIVE_DAYS: {"max_days": "consecutive_days_max"},
    REASON_LONG_WEEK: {"max_hours": "hours_7d_max"},
}


def team_reasons(teams: pd.DataFrame, scores: pd.DataFrame, t: Thresholds) -> dict[object, list]:
    """Per team every signal found, strong enough to raise the level or not, as
    ``{"code", "params"}`` in display order (teams without any are left out)."""
    found = _reasons_where(
        teams,
        teams["flagged"].fillna(0) > 0,
        REASON_PEOPLE_FLAGGED,
        {"flagged": "flagged", "people": "people", "share": "share_flagged"},
    )
    for code in PERSON_REASONS:
        found += _reasons_where(
            teams,
            teams[f"n_{code}"].fillna(0) > 0,
            code,
            {"people": f"n_{code}", **_LARGEST.get(code, {})},
        )
    for code, prefix in ((REASON_HOURS_TREND, "hours"), (REASON_CONTACTS_TREND, "contacts")):
        found += _reasons_where(
            teams,
            teams[f"{prefix}_trend_pct"] >= t.team_trend_pct,
            code,
            {
                "pct": f"{prefix}_trend_pct",
                "per_person": f"{prefix}_per_person",
                "baseline": f"{prefix}_per_person_baseline",
            },
        )
    found += _reasons_where(
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
    # Found code by code in display order, so each team's list is in that order.
    by_team: dict[object, list] = {}
    for team, reason in found:
        by_team.setdefault(team, []).append(reason)
    return by_team


_ACTION_RANK = {action: position for position, action in enumerate(ACTION_ORDER)}


def team_actions(
    reasons: dict[object, list], teams: pd.DataFrame, rank: np.ndarray
) -> dict[object, list[str]]:
    """Per team the recommended action codes in :data:`ACTION_ORDER`: those of its reasons,
    the stress course from ``warning`` up and support resources at ``critical``."""
    chosen: dict[object, set[str]] = {
        team: {action for reason in found for action in ACTIONS_BY_REASON.get(reason["code"], ())}
        for team, found in reasons.items()
    }
    for team, level in zip(teams["team_id"].tolist(), rank.tolist(), strict=True):
        if level >= 2:
            chosen.setdefault(team, set()).add(ACTION_ASSIGN_STRESS_COURSE)
        if level >= 3:
            chosen[team].add(ACTION_OFFER_SUPPORT)
    return {team: sorted(actions, key=_ACTION_RANK.__getitem__) for team, actions in chosen.items()}
