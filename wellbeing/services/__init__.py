"""Writes of the wellbeing app, one module per concern, re-exported here."""

from .checkins import (
    CheckInRefused,
    OpenCheckIn,
    checkin_pending_for,
    checkin_seal_store,
    checkin_skip,
    checkin_submit,
    checkins_open,
    checkins_release,
)
from .imports import (
    import_check,
    import_report_rows,
    import_scan,
    import_work_size,
    issue_message,
    workload_file_import,
    workload_import_apply,
    workload_import_check,
    workload_import_create,
    workload_import_files_purge,
    workload_import_start,
)
from .warnings import (
    WarningActionRefused,
    warning_acknowledge,
    warning_assign_stress_course,
    warnings_compute,
)

__all__ = [
    "CheckInRefused",
    "OpenCheckIn",
    "WarningActionRefused",
    "checkin_pending_for",
    "checkin_skip",
    "checkin_submit",
    "checkins_open",
    "checkin_seal_store",
    "checkins_release",
    "import_check",
    "import_report_rows",
    "import_scan",
    "import_work_size",
    "issue_message",
    "warning_acknowledge",
    "warning_assign_stress_course",
    "warnings_compute",
    "workload_file_import",
    "workload_import_apply",
    "workload_import_check",
    "workload_import_create",
    "workload_import_files_purge",
    "workload_import_start",
]
