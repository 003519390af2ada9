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


def can_view_reply_library(user) -> bool:
    """Good replies are for the people who answer customers and those who train them
    (agents, leads and editors hold `view_goodreply`; recruiters and HR do not)."""
    return user.is_authenticated and (user.is_superuser or user.has_perm("courses.view_goodreply"))
