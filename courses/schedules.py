"""Periodic work of the courses app, declared in one place.

`manage.py setup_schedules` reads the `SCHEDULES` list of every installed app's
`schedules` module and creates or updates one django-q2 schedule per entry.
"""

SCHEDULES: list[dict] = []

SCHEDULES.append(
    {
        "name": "steady.candidate_purge_expired",
        "func": "courses.tasks.candidate_purge_expired_task",
        "schedule_type": "D",
    }
)
