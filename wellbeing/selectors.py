"""Reads for the wellbeing pages, tasks and exports.

This module is the ONLY reader of `CheckIn` rows for anything a person sees:
it aggregates them with `metrics.team_checkin_scores` and lets through only
what `privacy.release` releases. The release is always decided for the whole
organisation at once (every team, under one organisation group), then filtered
for the viewer, so a lead's page and HR's page suppress the same cells and
cannot be subtracted from each other.
"""

from __future__ import annotations

import datetime as dt
import random

import pandas as pd
from django.db.models import Count, Q, QuerySet

from courses.conf import steady_setting
from courses.models import Team, TeamMembership
from wellbeing import metrics, privacy
from wellbeing.models import BurnoutWarning, CheckIn, WellbeingSettings

#: The group id of the whole organisation in check-in aggregates (team ids start at 1).
ORGANISATION_ID = 0


def primary_team_ids(*, user_ids: list[int] | None = None) -> dict[int, int]:
    """Each person's primary team: the first team they joined as a member.

    "First" is the earliest `joined_on` (unknown dates last), then the oldest
    membership. A person who only leads teams has no primary team.
    """
    memberships = TeamMembership.objects.filter(role=TeamMembership.Role.MEMBER)
    if user_ids is not None:
        memberships = memberships.filter(user_id__in=user_ids)
    rows = memberships.order_by("user_id", "joined_on", "id").values_list("user_id", "team_id")
    primary: dict[int, int] = {}
    for user_id, team_id in rows:
        primary.setdefault(user_id, team_id)
    return primary


def primary_team_id_of(*, user) -> int | None:
    return primary_team_ids(user_ids=[user.pk]).get(user.pk)


def team_member_counts() -> dict[int, int]:
    rows = Team.objects.annotate(
        members=Count("memberships", filter=Q(memberships__role=TeamMembership.Role.MEMBER))
    ).values_list("id", "members")
    return dict(rows)


def _checkin_frame() -> pd.DataFrame:
    columns = ["team_id", "period", *CheckIn.SCALE_FIELDS]
    frame = pd.DataFrame.from_records(
        CheckIn.objects.order_by().values_list(*columns), columns=columns
    )
    return frame.astype({scale: "float64" for scale in CheckIn.SCALE_FIELDS})


def checkin_scores_released(*, today: dt.date, k: int | None = None) -> pd.DataFrame:
    """Check-in aggregates of every team and of the organisation, after the release rules.

    Returns `metrics.CHECKIN_SCORE_COLUMNS` plus `released` and
    `suppressed_because`; suppressed rows have their numbers blanked by
    `privacy.release`. The organisation is the row with team_id ORGANISATION_ID.
    """
    if k is None:
        k = WellbeingSettings.load().min_group_size
    checkins = _checkin_frame()
    if checkins.empty:
        empty = pd.DataFrame({c: [] for c in metrics.CHECKIN_SCORE_COLUMNS})
        return empty.assign(released=pd.Series([], dtype=bool), suppressed_because=[])
    sizes = team_member_counts()
    parents = {team_id: ORGANISATION_ID for team_id in sizes}
    team_sizes = pd.DataFrame({"team_id": list(sizes), "size": list(sizes.values())})
    scores = metrics.team_checkin_scores(checkins, team_sizes=team_sizes, parents=parents)
    return privacy.release(scores, today=today, k=k)


def checkin_trend_for_team(
    *, released: pd.DataFrame, team_id: int, scales: tuple[str, ...]
) -> list[dict]:
    """A team's released rows per period, oldest first: what the dashboards draw.

    Each item: period, scale, released, n, mean, share_concern, participation.
    Suppressed rows keep only period, scale and the reason: never a number.
    """
    rows = released.loc[
        (released["team_id"] == team_id) & released["scale"].isin(scales)
    ].sort_values(["scale", "period"])
    out = []
    for row in rows.itertuples(index=False):
        item = {"period": row.period, "scale": row.scale, "released": bool(row.released)}
        if row.released:
            item.update(
                n=int(row.n),
                mean=float(row.mean),
                share_concern=None if pd.isna(row.share_concern) else float(row.share_concern),
                participation=None if pd.isna(row.participation) else float(row.participation),
            )
        else:
            item["why"] = row.suppressed_because
        out.append(item)
    return out


def checkin_comments_released(*, team_id: int, period: str, today: dt.date) -> list[str]:
    """Free-text comments of one team and period, when the rules allow, shuffled."""
    settings = WellbeingSettings.load()
    enabled = bool(steady_setting("CHECKIN_COMMENTS_ENABLED"))
    if not enabled:
        return []
    rows = list(
        CheckIn.objects.filter(team_id=team_id, period=period).values_list("comment", flat=True)
    )
    return privacy.release_comments(
        rows,
        n_answers=len(rows),
        period=period,
        today=today,
        enabled=enabled,
        rng=random.SystemRandom(),
        k=settings.min_group_size,
        min_answers=steady_setting("CHECKIN_COMMENTS_MIN_ANSWERS"),
    )


def warnings_latest(*, team_ids: list[int]) -> dict[int, BurnoutWarning]:
    """The most recent computed week per team (raised or not)."""
    latest: dict[int, BurnoutWarning] = {}
    rows = (
        BurnoutWarning.objects.filter(team_id__in=team_ids)
        .select_related("acknowledged_by")
        .order_by("team_id", "-week_start")
    )
    for warning in rows:
        latest.setdefault(warning.team_id, warning)
    return latest


def warning_history(*, team_id: int, limit: int = 12) -> QuerySet[BurnoutWarning]:
    return (
        BurnoutWarning.objects.filter(team_id=team_id, level_rank__gt=0)
        .select_related("acknowledged_by")
        .order_by("-week_start")[:limit]
    )


def team_visible_to(*, user, team_id: int) -> Team | None:
    """The team if the user leads it (or may see every team), else None."""
    from wellbeing.permissions import can_see_all_teams

    teams = Team.objects.filter(pk=team_id)
    if not can_see_all_teams(user):
        teams = teams.filter(memberships__user=user, memberships__role=TeamMembership.Role.LEAD)
    return teams.first()
