"""Periodic work of the courses app, declared in one place.

`manage.py setup_schedules` reads the `SCHEDULES` list of every installed app's
`schedules` module and creates or updates one django-q2 schedule per entry.
Refreshers run before reminders on the same day, so a new refresher's first
reminder goes out with the others.
"""

SCHEDULES: list[dict] = [
    {
        "name": "steady.courses.refreshers",
        "func": "courses.tasks.refreshers_daily",
        "schedule_type": "D",
    },
    {
        "name": "steady.courses.reminders",
        "func": "courses.tasks.reminders_daily",
        "schedule_type": "D",
    },
    {
        "name": "steady.courses.lead_digests",
        "func": "courses.tasks.lead_digests_weekly",
        "schedule_type": "W",
    },
    {
        # Attempts also close when their owner comes back or saves late; this catches
        # the ones nobody returns to, so results and grading queues are complete.
        "name": "steady.attempts_expire_overdue",
        "func": "courses.tasks.attempts_expire_overdue",
        "schedule_type": "I",
        "minutes": 5,
    },
]
