"""Permission checks for the hiring views, one function a rule."""

from django.core.exceptions import PermissionDenied


def can_use_hiring(user) -> bool:
    return user.is_authenticated and user.has_perm("hiring.access_hiring")


def require_recruiter(user) -> None:
    """Hiring is for those granted it (recruiters) and superusers only."""
    if not can_use_hiring(user):
        raise PermissionDenied
