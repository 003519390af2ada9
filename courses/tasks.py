"""django-q2 tasks of the courses app: fetch by id or take the time, call the service."""

from django.utils import timezone


def candidate_purge_expired_task() -> int:
    """Daily: remove candidates' personal data once the retention period has passed."""
    from .services.hiring import candidate_purge_expired

    return candidate_purge_expired(now=timezone.now())
