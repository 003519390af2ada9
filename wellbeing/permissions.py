"""Permission checks for the wellbeing views, one function a rule."""

from django.core.exceptions import PermissionDenied

from courses.roles import TEAM_LEAD, WELLBEING_ADMIN, user_roles


def require_team_lead(user) -> None:
    if not (user.is_superuser or TEAM_LEAD in user_roles(user)):
        raise PermissionDenied


def require_wellbeing_admin(user) -> None:
    if not (user.is_superuser or WELLBEING_ADMIN in user_roles(user)):
        raise PermissionDenied


def can_see_all_teams(user) -> bool:
    """Only a superuser sees every team's dashboard; a lead sees the teams they lead."""
    return bool(user.is_superuser)


def require_wellbeing_viewer(user) -> None:
    """Impact report and forecasts: leads (their teams) and HR (every team)."""
    if not (user.is_superuser or user.has_perm("wellbeing.view_team_wellbeing")):
        raise PermissionDenied


def sees_every_team(user) -> bool:
    """HR (the wellbeing admin) sees the impact of training on every team."""
    return bool(user.is_superuser or user.has_perm("wellbeing.manage_wellbeing"))
