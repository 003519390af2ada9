"""Periodic work of the wellbeing app (synced by `manage.py setup_schedules`)."""

SCHEDULES = [
    {
        # Daily: seal closed check-in periods, then compute warnings up to yesterday.
        "name": "wellbeing.burnout_nightly",
        "func": "wellbeing.tasks.burnout_nightly",
        "schedule_type": "D",
    },
    {
        # Daily: uploaded workload files are personal data, kept only for the retention period.
        "name": "wellbeing.import_files_purge",
        "func": "wellbeing.tasks.workload_import_files_purge",
        "schedule_type": "D",
    },
    {
        # Daily, after the warnings: early forecasts and the impact of completed courses.
        "name": "wellbeing.impact_nightly",
        "func": "wellbeing.tasks.impact_nightly",
        "schedule_type": "D",
    },
]
