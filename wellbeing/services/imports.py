"""Workload imports: check a file, preview it, apply it in one transaction.

Person matching: by e-mail (case-insensitive) or by employee id, which is the
person's user name (case-insensitive). A row without a team column gets the
person's primary team (`selectors.primary_team_ids`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging

import numpy as np
import pandas as pd
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.conf import steady_setting
from courses.models import Team
from wellbeing import importing
from wellbeing.loaders import workload_upsert
from wellbeing.models import WorkloadImport
from wellbeing.selectors import primary_team_ids

logger = logging.getLogger(__name__)

#: At most this many issues are stored with an import (the count is always kept).
STORED_ISSUES = 5000
PREVIEW_ROWS = 10

ISSUE_MESSAGES = {
    importing.EMPTY_FILE: _("The file is empty."),
    importing.UNREADABLE: _("This is not a CSV or XLSX table that can be read."),
    importing.MISSING_COLUMN: _("The required column “%(column)s” is missing."),
    importing.MISSING_PERSON_COLUMN: _(
        "A column that names the person is missing: “email” or “employee_id”."
    ),
    importing.DUPLICATE_COLUMN: _("The column “%(column)s” appears twice (also as “%(other)s”)."),
    importing.REQUIRED: _("A value is required."),
    importing.NOT_A_NUMBER: _("“%(value)s” is not a number."),
    importing.NOT_WHOLE: _("A whole number is needed."),
    importing.NOT_A_DATE: _("“%(value)s” is not a date (use 2026-11-23 or 23.11.2026)."),
    importing.NOT_YES_NO: _("“%(value)s” is neither yes nor no."),
    importing.FUTURE_DATE: _("The date is in the future."),
    importing.NEGATIVE: _("The value cannot be negative."),
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


def import_check(*, data: bytes, today: dt.date) -> importing.Checked:
    """Read and validate a workload file; nothing is written."""
    try:
        table = importing.read_table(data)
    except importing.UnreadableFile as unreadable:
        return importing.Checked(
            pd.DataFrame(columns=[*importing.RECORD_COLUMNS, "row", "who"]),
            np.zeros(0, dtype=bool),
            [],
            [unreadable.issue],
        )
    people, primary, teams = import_lookups()
    return importing.validate(table, people=people, primary_teams=primary, teams=teams, today=today)


def _issue_rows(checked: importing.Checked) -> list[list]:
    return [
        [issue.row, issue.column, issue.code, issue.params]
        for issue in [*checked.file_issues, *checked.issues][:STORED_ISSUES]
    ]


def _preview(checked: importing.Checked) -> list[list[str]]:
    head = checked.rows.head(PREVIEW_ROWS)
    return [
        [
            str(row.row),
            str(row.who),
            str(row.date or ""),
            _fmt(row.contacts),
            _fmt(row.hours_worked),
            _fmt(row.occupancy_pct),
            _fmt(row.overtime_h),
            _fmt(row.hostile_contacts),
        ]
        for row in head.itertuples(index=False)
    ]


def _fmt(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def workload_import_create(*, data: bytes, file_name: str, uploaded_by, today: dt.date):
    """Store an uploaded file and its check (the dry run); nothing is imported yet."""
    checked = import_check(data=data, today=today)
    workload_import = WorkloadImport(
        file_name=file_name[:255],
        uploaded_by=uploaded_by,
        rows_total=checked.total,
        rows_valid=int(checked.valid.sum()),
        errors=_issue_rows(checked),
        errors_total=len(checked.issues) + len(checked.file_issues),
        preview=_preview(checked),
    )
    workload_import.file.save(file_name[:100] or "workload.csv", ContentFile(data), save=False)
    workload_import.save()
    return workload_import


def workload_import_apply(*, workload_import: WorkloadImport, valid_only: bool, today: dt.date):
    """Apply a previewed import: all rows in one transaction, or none.

    With any issue nothing is written unless `valid_only`, which writes the
    valid rows and skips the rest. The file is checked again (people or teams
    may have changed since the preview).
    """
    _set(workload_import, status=WorkloadImport.Status.RUNNING, progress=10, valid_only=valid_only)
    with workload_import.file.open("rb") as handle:
        data = handle.read()
    checked = import_check(data=data, today=today)
    _set(workload_import, progress=50)
    fields = {
        "rows_total": checked.total,
        "rows_valid": int(checked.valid.sum()),
        "errors": _issue_rows(checked),
        "errors_total": len(checked.issues) + len(checked.file_issues),
    }
    if checked.file_issues or (checked.issues and not valid_only) or not checked.valid.any():
        return _set(
            workload_import,
            status=WorkloadImport.Status.REFUSED,
            progress=100,
            finished_at=timezone.now(),
            **fields,
        )
    with transaction.atomic():
        created, updated, unchanged = workload_upsert(checked.valid_rows)
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
        **fields,
    )


def workload_import_start(*, workload_import: WorkloadImport, valid_only: bool, today: dt.date):
    """Apply now, or queue a django-q2 task when the file is large."""
    if workload_import.rows_total <= steady_setting("IMPORT_ASYNC_ROWS"):
        return workload_import_apply(
            workload_import=workload_import, valid_only=valid_only, today=today
        )
    from django_q.tasks import async_task

    _set(workload_import, status=WorkloadImport.Status.QUEUED, valid_only=valid_only, progress=0)
    import_id = workload_import.pk
    transaction.on_commit(
        lambda: async_task("wellbeing.tasks.workload_import_run", import_id, valid_only)
    )
    return workload_import


def _set(workload_import: WorkloadImport, **fields) -> WorkloadImport:
    for name, value in fields.items():
        setattr(workload_import, name, value)
    workload_import.save(update_fields=list(fields))
    return workload_import


def import_report_csv(*, workload_import: WorkloadImport) -> str:
    """The issues of an import as CSV text: row, column, message."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([gettext("row"), gettext("column"), gettext("message")])
    for row, column, code, params in workload_import.errors:
        writer.writerow([row, column, issue_message(code, params)])
    return out.getvalue()
