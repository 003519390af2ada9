"""Reads for the wellbeing pages, tasks and exports.

Check-in figures are read only from what `services.checkins_release` froze:
the release was decided for the whole organisation at once (every team, under
one organisation group), so a lead's page and HR's page suppress the same
cells and cannot be subtracted from each other, and nothing done later
(teams, people, k) can change a released number.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.db.models import Count, Q, QuerySet

from courses.models import Team, TeamMembership
from wellbeing import metrics, periods
from wellbeing.models import BurnoutWarning, ReleasedCheckInComments, ReleasedCheckInFigure

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


# The stored figure's columns: the check-in score columns (a group, not only a team),
# then how the release went.
_FIGURE_COLUMNS = (
    "group_id",
    *metrics.CHECKIN_SCORE_COLUMNS[1:],
    "released",
    "suppressed_because",
    "k",
)


def checkin_scores_released(*, today: dt.date, k: int | None = None) -> pd.DataFrame:
    """Check-in figures of every team and of the organisation, as frozen at release.

    Returns `metrics.CHECKIN_SCORE_COLUMNS` plus `released`,
    `suppressed_because` and `k` (the minimum group size applied), for the
    periods that ended before `today`; a suppressed cell has its numbers blank
    (NA). The organisation is the row
    with team_id ORGANISATION_ID. Figures are read as `services.checkins_release`
    froze them: `k` is the one applied at release, and later changes to teams,
    people, memberships or settings change nothing here (the argument is kept
    for callers; it is ignored).
    """
    rows = list(ReleasedCheckInFigure.objects.order_by("pk").values_list(*_FIGURE_COLUMNS))
    frame = pd.DataFrame.from_records(rows, columns=list(_FIGURE_COLUMNS))
    frame = frame.rename(columns={"group_id": "team_id"}).astype(
        {
            "team_id": "int64",
            "parent_id": "Int64",
            "answers": "Int64",
            "n": "Int64",
            "mean": "float64",
            "share_concern": "float64",
            "team_size": "float64",
            "participation": "float64",
            "released": bool,
            "k": "int64",
        }
    )
    if len(frame):
        frame = frame.loc[periods.is_closed(frame["period"], today=today)]
    frame = frame.assign(
        suppressed_because=frame["suppressed_because"].where(frame["suppressed_because"] != "")
    )
    return frame.loc[:, [*metrics.CHECKIN_SCORE_COLUMNS, "released", "suppressed_because", "k"]]


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
        item = {
            "period": row.period,
            "scale": row.scale,
            "released": bool(row.released),
            "k": int(row.k),
        }
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


def checkin_comments_released(*, team_ids: list[int], limit_periods: int = 3) -> list[dict]:
    """Released comments of the given teams, the latest periods first.

    Each item: team_id, period, answers, comments (in the shuffled order they
    were frozen in). Only what `services.checkins_release` kept exists: the
    comment rule was applied when the period was released.
    """
    rows = ReleasedCheckInComments.objects.filter(group_id__in=team_ids).order_by(
        "-period", "group_id"
    )
    out = []
    for row in rows:
        if len({item["period"] for item in out} | {row.period}) > limit_periods:
            break
        out.append(
            {
                "team_id": row.group_id,
                "period": row.period,
                "answers": row.answers,
                "comments": list(row.comments),
            }
        )
    return out


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
