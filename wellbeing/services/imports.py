"""Workload imports: store a file privately, check it, apply it in one transaction.

The flow: `workload_import_create` stores the upload (private storage, random
name) and checks it at once when it is small, or queues the check for the task
worker (`STEADY_IMPORT_ASYNC_BYTES`): parsing a large file never holds a
request. `workload_import_apply` streams the file again chunk by chunk, writes
the valid rows of each chunk (`workload_store`) inside one transaction and
rolls everything back when the import is refused. The file's size, rows and
unpacked XLSX size are bounded (`import_limits`) before anything is parsed.

Person matching: by e-mail (case-insensitive) or by employee id, which is the
person's user name (case-insensitive). A row without a team column gets the
person's primary team (`selectors.primary_team_ids`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

import numpy as np
import pandas as pd
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.conf import steady_setting
from courses.models import Team
from wellbeing import importing
from wellbeing.models import WorkloadImport
from wellbeing.selectors import primary_team_ids
from wellbeing.services.workload_store import workload_records_write

logger = logging.getLogger(__name__)

#: At most this many issues are stored with an import (the count is always kept).
STORED_ISSUES = 5000
PREVIEW_ROWS = 10

ISSUE_MESSAGES = {
    importing.EMPTY_FILE: _("The file is empty."),
    importing.UNREADABLE: _("This is not a CSV or XLSX table that can be read."),
    importing.FILE_TOO_LARGE: _(
        "The file is larger than %(max_mb)s MB. Split it into smaller files."
    ),
    importing.TOO_MANY_ROWS: _(
        "The file has more than %(max_rows)s rows. Split it into smaller files."
    ),
    importing.XLSX_TOO_LARGE: _(
        "The workbook unpacks to more than %(max_mb)s MB. Keep only the workload sheet, "
        "or save it as CSV."
    ),
    importing.MISSING_COLUMN: _("The required column “%(column)s” is missing."),
    importing.MISSING_PERSON_COLUMN: _(
        "A column that names the person is missing: “email” or “employee_id”."
    ),
    importing.DUPLICATE_COLUMN: _(
        "The column “%(column)s” appears twice (also as “%(other)s”); keep one of them."
    ),
    importing.REQUIRED: _("A value is required."),
    importing.NOT_A_NUMBER: _("“%(value)s” is not a number."),
    importing.NOT_WHOLE: _("A whole number is needed."),
    importing.NOT_A_DATE: _("“%(value)s” is not a date (use 2026-11-23 or 23.11.2026)."),
    importing.NOT_YES_NO: _("“%(value)s” is neither yes nor no."),
    importing.FUTURE_DATE: _("The date is in the future."),
    importing.DATE_TOO_OLD: _("The date is before %(earliest)s: too long ago to import."),
    importing.NEGATIVE: _("The value cannot be negative."),
    importing.OVER_MAXIMUM: _("The value is above the plausible maximum of %(max)s for a day."),
    importing.OCCUPANCY_OVER_100: _("Occupancy cannot be over 100%%."),
    importing.HOURS_OVER_24: _("More than 24 hours in a day."),
    importing.HOSTILE_OVER_CONTACTS: _("More hostile contacts than contacts handled."),
    importing.UNKNOWN_PERSON: _("Nobody with the e-mail or employee id “%(value)s”."),
    importing.UNKNOWN_TEAM: _("There is no team “%(value)s”."),
    importing.DUPLICATE_ROW: _("The same person and date are already in row %(first_row)s."),
}


def issue_message(code: str, params: dict) -> str:
    template = ISSUE_MESSAGES.get(code)
    if template is None:
        return code
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)


def import_limits() -> importing.Limits:
    return importing.Limits(
        max_bytes=steady_setting("IMPORT_MAX_BYTES"),
        max_rows=steady_setting("IMPORT_MAX_ROWS"),
        max_xlsx_unpacked_bytes=steady_setting("IMPORT_MAX_XLSX_UNPACKED_BYTES"),
        chunk_rows=steady_setting("IMPORT_CHUNK_ROWS"),
    )


def import_ranges() -> importing.Ranges:
    return importing.Ranges(
        max_contacts=steady_setting("IMPORT_MAX_CONTACTS_PER_DAY"),
        past_days=steady_setting("IMPORT_MAX_DAYS_BACK"),
    )


def import_lookups() -> tuple[dict[str, int], dict[int, int], dict[str, int]]:
    """People by lower-cased e-mail and user name, primary teams, teams by name and slug."""
    people: dict[str, int] = {}
    users = get_user_model().objects.filter(is_active=True).values_list("id", "username", "email")
    for user_id, username, email in users:
        people[username.lower()] = user_id
        if email:
            people.setdefault(email.lower(), user_id)
    teams: dict[str, int] = {}
    for team_id, name, slug in Team.objects.values_list("id", "name", "slug"):
        teams[name.lower()] = team_id
        teams[slug.lower()] = team_id
    return people, primary_team_ids(), teams


def _checker(today: dt.date) -> importing.Checker:
    people, primary, teams = import_lookups()
    return importing.Checker(
        people=people, primary_teams=primary, teams=teams, today=today, ranges=import_ranges()
    )


@dataclass
class Scan:
    """What one pass over a file found: counts, the first issues and rows, file problems."""

    total: int = 0
    valid: int = 0
    issues_total: int = 0
    issues: list[importing.Issue] = field(default_factory=list)
    file_issues: list[importing.Issue] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)

    @property
    def rows_with_problems(self) -> int:
        return self.total - self.valid

    def fields(self) -> dict:
        """The WorkloadImport fields this scan sets."""
        stored = [*self.file_issues, *self.issues][:STORED_ISSUES]
        return {
            "rows_total": self.total,
            "rows_valid": self.valid,
            "errors": [[i.row, i.column, i.code, i.params] for i in stored],
            "errors_total": self.issues_total + len(self.file_issues),
        }


def import_scan(
    *,
    source: bytes | BinaryIO,
    today: dt.date,
    on_chunk: Callable[[importing.Checked], None] | None = None,
) -> Scan:
    """Read and check a file chunk by chunk; `on_chunk` gets each chunk's checked rows."""
    scan = Scan()
    try:
        chunks = importing.read_chunks(source, limits=import_limits())
        checker = None
        for chunk in chunks:
            checker = checker or _checker(today)
            checked = checker.check(chunk)
            if checked.file_issues:
                scan.file_issues = checked.file_issues
                return scan
            scan.total += checked.total
            scan.valid += int(checked.valid.sum())
            scan.issues_total += len(checked.issues)
            room = STORED_ISSUES - len(scan.issues)
            if room > 0:
                scan.issues.extend(checked.issues[:room])
            if len(scan.preview) < PREVIEW_ROWS:
                scan.preview.extend(_preview(checked, PREVIEW_ROWS - len(scan.preview)))
            if on_chunk is not None:
                on_chunk(checked)
    except importing.UnreadableFile as unreadable:
        scan.file_issues = [unreadable.issue]
    return scan


def import_check(*, data: bytes | BinaryIO, today: dt.date) -> importing.Checked:
    """Read and validate a whole workload file into one `Checked`; nothing is written.

    For the command and small files: the rows of every chunk are kept.
    """
    parts: list[importing.Checked] = []
    scan = import_scan(source=data, today=today, on_chunk=parts.append)
    if scan.file_issues or not parts:
        return importing.empty_checked(scan.file_issues)
    if len(parts) == 1:
        return parts[0]
    return importing.Checked(
        pd.concat([p.rows for p in parts], ignore_index=True),
        np.concatenate([p.valid for p in parts]),
        [issue for p in parts for issue in p.issues],
        [],
    )


def _preview(checked: importing.Checked, count: int) -> list[list[str]]:
    head = checked.rows.head(count)
    return [
        [
            str(row.row),
            str(row.who),
            "" if pd.isna(row.date) else pd.Timestamp(row.date).date().isoformat(),
            _fmt(row.contacts),
            _fmt(row.hours_worked),
            _fmt(row.occupancy_pct),
            _fmt(row.overtime_h),
            _fmt(row.hostile_contacts),
        ]
        for row in head.itertuples(index=False)
    ]


def _fmt(value) -> str:
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def import_work_size(upload: BinaryIO) -> int:
    """Refuse a file beyond the limits before parsing (`UnreadableFile`); else its work size."""
    return importing.check_size(upload, import_limits())


def workload_import_create(*, upload: BinaryIO, file_name: str, uploaded_by, today: dt.date):
    """Store an upload privately and check it (the dry run); nothing is imported yet.

    A small file is checked at once; a larger one (by bytes, or unpacked bytes
    for an XLSX) is checked by the task worker while the page follows it.
    """
    from django.core.files import File

    workload_import = WorkloadImport(file_name=file_name[:255], uploaded_by=uploaded_by)
    try:
        work_size = import_work_size(upload)
    except importing.UnreadableFile as refused:
        workload_import.status = WorkloadImport.Status.REFUSED
        workload_import.finished_at = timezone.now()
        workload_import.errors = [[refused.issue.row, "", refused.issue.code, refused.issue.params]]
        workload_import.errors_total = 1
        workload_import.save()
        return workload_import
    upload.seek(0)
    workload_import.file.save(file_name, File(upload), save=False)
    if work_size <= steady_setting("IMPORT_ASYNC_BYTES"):
        workload_import.save()
        return workload_import_check(workload_import=workload_import, today=today)
    workload_import.status = WorkloadImport.Status.CHECKING
    workload_import.save()
    import_id = workload_import.pk
    transaction.on_commit(lambda: _enqueue("wellbeing.tasks.workload_import_check_run", import_id))
    return workload_import


def _enqueue(task: str, *args) -> None:
    from django_q.tasks import async_task

    async_task(task, *args)


def workload_import_check(*, workload_import: WorkloadImport, today: dt.date) -> WorkloadImport:
    """Check a stored file and keep the counts, issues and first rows for the preview."""
    with workload_import.file.open("rb") as handle:
        scan = import_scan(source=handle, today=today)
    return _set(
        workload_import,
        status=WorkloadImport.Status.PREVIEWED,
        preview=scan.preview,
        progress=0,
        **scan.fields(),
    )


class _Refused(Exception):
    """Raised inside the transaction to roll back what earlier chunks wrote."""


def workload_file_import(
    *, source: bytes | BinaryIO, valid_only: bool, today: dt.date, dry_run: bool = False
) -> tuple[Scan, tuple[int, int, int] | None]:
    """Check and write a workload file chunk by chunk, in one transaction.

    Returns the scan and (created, updated, unchanged), or None when nothing
    was written: a problem with the file, any problem without `valid_only`,
    no valid row, or a dry run. Memory is bounded by the chunk size.
    """
    written = [0, 0, 0]
    refusing = dry_run
    scan = Scan()

    def write(checked: importing.Checked) -> None:
        # Once a problem is met without `valid_only`, the rest is only checked (for the report).
        nonlocal refusing
        refusing = refusing or (bool(checked.issues) and not valid_only)
        if refusing:
            return
        for position, count in enumerate(workload_records_write(checked.valid_records)):
            written[position] += count

    try:
        with transaction.atomic():
            scan = import_scan(source=source, today=today, on_chunk=write)
            if refusing or scan.file_issues or not scan.valid:
                raise _Refused
    except _Refused:
        return scan, None
    return scan, (written[0], written[1], written[2])


def workload_import_apply(*, workload_import: WorkloadImport, valid_only: bool, today: dt.date):
    """Apply a checked import: all rows in one transaction, or none.

    With any issue nothing is written unless `valid_only`, which writes the
    valid rows and skips the rest. The stored file is checked again as it is
    written (people or teams may have changed since the preview), so the
    counts shown afterwards are those of what was done.
    """
    _set(workload_import, status=WorkloadImport.Status.RUNNING, progress=10, valid_only=valid_only)
    with workload_import.file.open("rb") as handle:
        scan, written = workload_file_import(source=handle, valid_only=valid_only, today=today)
    if written is None:
        return _set(
            workload_import,
            status=WorkloadImport.Status.REFUSED,
            progress=100,
            finished_at=timezone.now(),
            **scan.fields(),
        )
    created, updated, unchanged = written
    logger.info(
        "Workload import %s: %s created, %s updated, %s unchanged",
        workload_import.pk,
        created,
        updated,
        unchanged,
    )
    return _set(
        workload_import,
        status=WorkloadImport.Status.APPLIED,
        progress=100,
        rows_created=created,
        rows_updated=updated,
        rows_unchanged=unchanged,
        finished_at=timezone.now(),
        **scan.fields(),
    )


def workload_import_start(*, workload_import: WorkloadImport, valid_only: bool, today: dt.date):
    """Apply now, or queue a django-q2 task when the file is large."""
    if workload_import.rows_total <= steady_setting("IMPORT_ASYNC_ROWS"):
        return workload_import_apply(
            workload_import=workload_import, valid_only=valid_only, today=today
        )
    _set(workload_import, status=WorkloadImport.Status.QUEUED, valid_only=valid_only, progress=0)
    import_id = workload_import.pk
    transaction.on_commit(
        lambda: _enqueue("wellbeing.tasks.workload_import_run", import_id, valid_only)
    )
    return workload_import


def _set(workload_import: WorkloadImport, **fields) -> WorkloadImport:
    for name, value in fields.items():
        setattr(workload_import, name, value)
    workload_import.save(update_fields=list(fields))
    return workload_import


def import_report_rows(*, workload_import: WorkloadImport) -> list[list]:
    """The issues of an import as rows of (row, column, message), in the user's language."""
    return [
        [row, column, issue_message(code, params)]
        for row, column, code, params in workload_import.errors
    ]


def workload_import_files_purge(*, now: dt.datetime) -> int:
    """Delete the stored files of imports older than the retention period; returns how many.

    The import's record (counts, report) stays; only the personal data goes.
    """
    cutoff = now - dt.timedelta(days=steady_setting("IMPORT_FILE_RETENTION_DAYS"))
    expired = WorkloadImport.objects.filter(uploaded_at__lt=cutoff).exclude(file="")
    purged = 0
    for workload_import in expired.only("id", "file"):
        workload_import.file.delete(save=False)
        WorkloadImport.objects.filter(pk=workload_import.pk).update(file="")
        purged += 1
    return purged
