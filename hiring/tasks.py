"""django-q2 tasks of the hiring app: thin callers of the services."""

from django.utils import timezone

from .services.candidates import candidate_purge_expired


def candidate_purge_expired_task() -> int:
    """Daily: remove candidates' personal data once the retention period has passed."""
    return candidate_purge_expired(now=timezone.now())
