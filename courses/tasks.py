"""django-q2 tasks of the courses app: thin callers of the services."""

from django.utils import timezone

from .services.attempts import attempt_expire_overdue
from .services.reminders import lead_digests_send, refreshers_run, reminders_send


def refreshers_daily() -> int:
    return len(refreshers_run(today=timezone.localdate()))


def reminders_daily() -> int:
    return reminders_send(today=timezone.localdate())


def lead_digests_weekly() -> int:
    return lead_digests_send(today=timezone.localdate())


def attempts_expire_overdue() -> int:
    """Close open attempts past their time limit with what they saved (every few minutes)."""
    return attempt_expire_overdue(now=timezone.now())
