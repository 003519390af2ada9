"""django-q2 tasks: thin callers of the services (tests run them with sync=True)."""

from django.utils import timezone

from .services.reminders import lead_digests_send, refreshers_run, reminders_send


def refreshers_daily() -> int:
    return len(refreshers_run(today=timezone.localdate()))


def reminders_daily() -> int:
    return reminders_send(today=timezone.localdate())


def lead_digests_weekly() -> int:
    return lead_digests_send(today=timezone.localdate())
