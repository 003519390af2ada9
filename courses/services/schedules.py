"""Sync the periodic tasks that installed apps declare into django-q2 schedules."""

from django.db import transaction
from django.utils import timezone
from django_q.models import Schedule

from ..discovery import app_modules

SCHEDULE_FIELDS = ("func", "args", "kwargs", "schedule_type", "minutes", "cron", "repeats")


def declared_schedules() -> list[dict]:
    """Every `SCHEDULES` entry of every installed app's `schedules` module."""
    found: list[dict] = []
    for module in app_modules("schedules"):
        found.extend(getattr(module, "SCHEDULES", []))
    return found


@transaction.atomic
def schedules_sync() -> tuple[int, int]:
    """Create missing schedules and bring changed ones up to date, by name."""
    created = updated = 0
    for spec in declared_schedules():
        values = {field: spec[field] for field in SCHEDULE_FIELDS if field in spec}
        schedule = Schedule.objects.filter(name=spec["name"]).first()
        if schedule is None:
            Schedule.objects.create(
                name=spec["name"], next_run=spec.get("next_run", timezone.now()), **values
            )
            created += 1
            continue
        changed = [f for f, v in values.items() if getattr(schedule, f) != v]
        if changed:
            for field in changed:
                setattr(schedule, field, values[field])
            schedule.save(update_fields=changed)
            updated += 1
    return created, updated
