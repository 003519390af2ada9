"""Permission checks for the hiring views, one function a rule."""

from django.core.exceptions import PermissionDenied

from courses.roles import RECRUITER, user_roles


def require_recruiter(user) -> None:
    """Hiring is for recruiters (and superusers) only."""
    if not (user.is_superuser or RECRUITER in user_roles(user)):
        raise PermissionDenied
