"""Periodic housekeeping of the demo host."""

SCHEDULES = [
    {
        "name": "steady.clear_expired_sessions",
        "func": "django.core.management.call_command",
        "args": "'clearsessions'",
        "schedule_type": "D",
    },
]
