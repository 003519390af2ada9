"""Permission checks for the wellbeing views, one function a rule."""

from django.core.exceptions import PermissionDenied


def can_view_team_wellbeing(user) -> bool:
    return user.is_authenticated and user.has_perm("wellbeing.view_team_wellbeing")


def can_manage_wellbeing(user) -> bool:
    return user.is_authenticated and user.has_perm("wellbeing.manage_wellbeing")


def require_team_lead(user) -> None:
    """Team dashboards: for those granted them (leads, who see only their teams)."""
    if not can_view_team_wellbeing(user):
        raise PermissionDenied


def require_wellbeing_admin(user) -> None:
    """Imports, settings and the organisation view: for those who manage wellbeing (HR)."""
    if not can_manage_wellbeing(user):
        raise PermissionDenied


def can_see_all_teams(user) -> bool:
    """Only a superuser sees every team's dashboard; a lead sees the teams they lead."""
    return bool(user.is_superuser)


def require_wellbeing_viewer(user) -> None:
    """Impact report and forecasts: leads (their teams) and HR (every team)."""
    if not (
        user.is_superuser
        or user.has_perm("wellbeing.view_team_wellbeing")
        or user.has_perm("wellbeing.manage_wellbeing")
    ):
        raise PermissionDenied


def sees_every_team(user) -> bool:
    """HR (the wellbeing admin) sees the impact of training on every team."""
    return bool(user.is_superuser or user.has_perm("wellbeing.manage_wellbeing"))
