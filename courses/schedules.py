"""Periodic work of the courses app, declared in one place.

`manage.py setup_schedules` reads the `SCHEDULES` list of every installed app's
`schedules` module and creates or updates one django-q2 schedule per entry.
"""

SCHEDULES: list[dict] = [
    {
        # Attempts also close when their owner comes back or saves late; this catches
        # the ones nobody returns to, so results and grading queues are complete.
        "name": "steady.attempts_expire_overdue",
        "func": "courses.tasks.attempts_expire_overdue",
        "schedule_type": "I",
        "minutes": 5,
    },
    {
        "name": "steady.candidate_purge_expired",
        "func": "courses.tasks.candidate_purge_expired_task",
        "schedule_type": "D",
    },
]
