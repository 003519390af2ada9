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


def burnout_nightly(as_of: str | None = None) -> int:
    """Seal closed check-in periods, then compute warnings up to yesterday."""
    from wellbeing.services import checkins_seal, warnings_compute

    today = timezone.localdate()
    day = dt.date.fromisoformat(as_of) if as_of else today - dt.timedelta(days=1)
    checkins_seal(today=today)
    return warnings_compute(as_of=day)
