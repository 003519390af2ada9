"""django-q2 tasks: take ids and dates, call the services."""

import datetime as dt
import logging

from django.utils import timezone

from wellbeing.models import WorkloadImport

logger = logging.getLogger(__name__)


def workload_import_run(import_id: int, valid_only: bool) -> str:
    """Apply a large workload import in the background."""
    from wellbeing.services import workload_import_apply

    workload_import = WorkloadImport.objects.get(pk=import_id)
    try:
        done = workload_import_apply(
            workload_import=workload_import,
            valid_only=valid_only,
            today=timezone.localdate(),
        )
    except Exception:
        WorkloadImport.objects.filter(pk=import_id).update(
            status=WorkloadImport.Status.FAILED, finished_at=timezone.now()
        )
        logger.exception("Workload import %s failed", import_id)
        raise
    return done.status


def workload_import_check_run(import_id: int) -> str:
    """Check a large uploaded workload file in the background (never in the request)."""
    from wellbeing.services import workload_import_check

    workload_import = WorkloadImport.objects.get(pk=import_id)
    try:
        done = workload_import_check(workload_import=workload_import, today=timezone.localdate())
    except Exception:
        WorkloadImport.objects.filter(pk=import_id).update(
            status=WorkloadImport.Status.FAILED, finished_at=timezone.now()
        )
        logger.exception("Checking workload import %s failed", import_id)
        raise
    return done.status


def workload_import_files_purge() -> int:
    """Delete uploaded workload files older than the retention period (daily)."""
    from wellbeing.services import workload_import_files_purge as purge

    return purge(now=timezone.now())


#: Above this many teams the nightly computation is split into one task per chunk.
TEAMS_PER_TASK = 25


def burnout_nightly(as_of: str | None = None) -> int:
    """Seal closed check-in periods, then compute warnings up to yesterday.

    A large organisation is split by team into several tasks that django-q2
    workers run in parallel; each gives the rows a single run would.
    """
    from django_q.tasks import async_task

    from courses.models import Team
    from wellbeing.services import checkins_release, warnings_compute

    today = timezone.localdate()
    day = dt.date.fromisoformat(as_of) if as_of else today - dt.timedelta(days=1)
    checkins_release(today=today)
    team_ids = list(Team.objects.order_by("pk").values_list("pk", flat=True))
    if len(team_ids) <= TEAMS_PER_TASK:
        return warnings_compute(as_of=day)
    chunks = [team_ids[i : i + TEAMS_PER_TASK] for i in range(0, len(team_ids), TEAMS_PER_TASK)]
    for chunk in chunks:
        async_task("wellbeing.tasks.warnings_compute_teams", day.isoformat(), chunk)
    return len(chunks)


def warnings_compute_teams(as_of: str, team_ids: list[int]) -> int:
    """One chunk of the nightly computation."""
    from wellbeing.services import warnings_compute

    return warnings_compute(as_of=dt.date.fromisoformat(as_of), team_ids=team_ids)


def impact_nightly(as_of: str | None = None) -> str:
    """Recompute each team's early forecast and the impact of completed courses."""
    from wellbeing.services.impact import forecasts_compute, impact_compute

    day = dt.date.fromisoformat(as_of) if as_of else timezone.localdate() - dt.timedelta(days=1)
    forecasts = forecasts_compute(as_of=day)
    impacts = impact_compute(as_of=day)
    return f"{forecasts} forecasts, {impacts} impacts"
