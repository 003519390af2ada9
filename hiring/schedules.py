"""Periodic work of the hiring app (see `courses.services.schedules`)."""

SCHEDULES: list[dict] = [
    {
        "name": "steady.candidate_purge_expired",
        "func": "hiring.tasks.candidate_purge_expired_task",
        "schedule_type": "D",
    },
]
