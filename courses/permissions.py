"""Permission checks for the courses views, one function a rule."""

from django.core.exceptions import PermissionDenied


def can_view_team_training(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("courses.view_team_training")
    )


def require_team_training(user) -> None:
    """The team training matrix and report are for leads (who see only their teams)."""
    if not can_view_team_training(user):
        raise PermissionDenied
