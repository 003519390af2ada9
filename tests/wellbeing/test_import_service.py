"""Workload import: broken files of many kinds, atomic apply, idempotent re-import."""

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from tests.factories import MembershipFactory, TeamFactory, UserFactory
from wellbeing import importing
from wellbeing.models import WorkloadImport, WorkloadRecord
from wellbeing.services import (
    import_check,
    import_report_rows,
    workload_import_apply,
    workload_import_create,
    workload_import_start,
)

TODAY = dt.date(2026, 11, 27)
HEADER = "email,date,contacts,hours_worked,occupancy_pct,overtime_h,hostile_contacts\n"


@pytest.fixture
def people(db):
    team = TeamFactory(name="Returns & complaints", slug="returns")
    anna = UserFactory(username="anna", email="anna@example.com")
    ivan = UserFactory(username="ivan.petrov", email="ivan@example.com")
    for user in (anna, ivan):
        MembershipFactory(team=team, user=user)
    return {"team": team, "anna": anna, "ivan": ivan}


def codes(checked):
    return sorted({(i.row, i.column, i.code) for i in [*checked.file_issues, *checked.issues]})


def check(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_check(data=data, today=TODAY)


def test_a_clean_csv_checks_without_problems(people):
    checked = check(HEADER + "anna@example.com,2026-11-23,40,8,80,0,2\n")
    assert checked.ok
    row = checked.valid_rows.iloc[0]
    assert row["person_id"] == people["anna"].pk
    assert row["team_id"] == people["team"].pk
    assert row["date"] == dt.date(2026, 11, 23)


def test_semicolons_decimal_commas_and_russian_headers_in_cp1251(people):
    text = "Электронная почта;Дата;Обращения;Часы;Загрузка (%);Переработка\n"
    text += "ANNA@example.com;23.11.2026;40;8,5;87,5;0,5\n"
    checked = check(text.encode("cp1251"))
    assert checked.ok, codes(checked)
    row = checked.valid_rows.iloc[0]
    assert row["hours_worked"] == 8.5
    assert row["occupancy_pct"] == 87.5
    assert row["overtime_h"] == 0.5


def test_polish_headers_in_cp1250_and_utf8_with_bom(people):
    text = "Adres e-mail;Data;Kontakty;Godziny;Zespół;Nieobecność\n"
    text += "ivan@example.com;24.11.2026;35;7,75;returns;nie\n"
    for data in (text.encode("cp1250"), text.encode("utf-8-sig")):
        checked = check(data)
        assert checked.ok, codes(checked)
        assert checked.valid_rows.iloc[0]["hours_worked"] == 7.75


def test_people_are_found_by_employee_id_too(people):
    checked = check("employee_id,date,contacts,hours\nIVAN.PETROV,2026-11-23,30,8\n")
    assert checked.ok
    assert checked.valid_rows.iloc[0]["person_id"] == people["ivan"].pk


def test_xlsx_is_read(people):
    frame = pd.DataFrame(
        {
            "E-mail": ["anna@example.com"],
            "Date": [pd.Timestamp("2026-11-23")],
            "Contacts": [41],
            "Hours worked": [8.25],
        }
    )
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    checked = check(buffer.getvalue())
    assert checked.ok, codes(checked)
    assert checked.valid_rows.iloc[0]["date"] == dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("nobody@example.com,2026-11-23,40,8,80,0,2", (2, "email", importing.UNKNOWN_PERSON)),
        ("anna@example.com,2026-12-01,40,8,80,0,2", (2, "date", importing.FUTURE_DATE)),
        ("anna@example.com,2026-11-23,-4,8,80,0,0", (2, "contacts", importing.NEGATIVE)),
        (
            "anna@example.com,2026-11-23,40,8,101,0,2",
            (2, "occupancy_pct", importing.OCCUPANCY_OVER_100),
        ),
        ("anna@example.com,2026-11-23,40,25,80,0,2", (2, "hours_worked", importing.HOURS_OVER_24)),
        ("anna@example.com,23/13/2026,40,8,80,0,2", (2, "date", importing.NOT_A_DATE)),
        ("anna@example.com,2026-11-23,lots,8,80,0,2", (2, "contacts", importing.NOT_A_NUMBER)),
        ("anna@example.com,2026-11-23,40.5,8,80,0,2", (2, "contacts", importing.NOT_WHOLE)),
        ("anna@example.com,2026-11-23,,8,80,0,2", (2, "contacts", importing.REQUIRED)),
        (
            "anna@example.com,2026-11-23,4,8,80,0,9",
            (2, "hostile_contacts", importing.HOSTILE_OVER_CONTACTS),
        ),
    ],
)
def test_each_bad_value_is_reported_with_row_and_column(people, line, expected):
    checked = check(HEADER + line + "\n")
    assert expected in codes(checked)
    assert not checked.valid.any()


def test_duplicate_rows_in_the_file_are_reported_against_the_first(people):
    line = "anna@example.com,2026-11-23,40,8,80,0,2\n"
    checked = check(HEADER + line + line)
    assert codes(checked) == [(3, "date", importing.DUPLICATE_ROW)]
    assert checked.issues[0].params == {"first_row": 2}
    assert checked.valid.tolist() == [True, False]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", importing.EMPTY_FILE),
        (b"   \n\n", importing.EMPTY_FILE),
        (HEADER.encode(), importing.EMPTY_FILE),
        (b"PK\x03\x04 this is not really a workbook", importing.UNREADABLE),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", importing.UNREADABLE),
    ],
)
def test_files_that_are_not_tables_give_one_clear_problem(people, data, code):
    checked = check(data)
    assert [issue.code for issue in checked.file_issues] == [code]


def test_a_missing_required_column_is_reported(people):
    checked = check("email,date,contacts\nanna@example.com,2026-11-23,40\n")
    assert (1, "hours_worked", importing.MISSING_COLUMN) in codes(checked)
    checked = check("name,date,contacts,hours\nAnna,2026-11-23,40,8\n")
    assert [i.code for i in checked.file_issues] == [importing.MISSING_PERSON_COLUMN]


def _create(data: bytes, user=None) -> WorkloadImport:
    return workload_import_create(
        upload=io.BytesIO(data), file_name="workload.csv", uploaded_by=user, today=TODAY
    )


def test_a_file_with_any_problem_writes_nothing(people):
    data = (
        HEADER
        + "anna@example.com,2026-11-23,40,8,80,0,2\nivan@example.com,2026-11-23,40,30,80,0,2\n"
    ).encode()
    item = workload_import_apply(workload_import=_create(data), valid_only=False, today=TODAY)
    assert item.status == WorkloadImport.Status.REFUSED
    assert WorkloadRecord.objects.count() == 0
    report = import_report_rows(workload_import=item)
    assert [3, "hours_worked", "More than 24 hours in a day."] in report


def test_valid_only_imports_the_valid_rows(people):
    data = (
        HEADER
        + "anna@example.com,2026-11-23,40,8,80,0,2\nivan@example.com,2026-11-23,40,30,80,0,2\n"
    ).encode()
    item = workload_import_apply(workload_import=_create(data), valid_only=True, today=TODAY)
    assert item.status == WorkloadImport.Status.APPLIED
    assert (item.rows_created, item.errors_total) == (1, 1)
    assert list(WorkloadRecord.objects.values_list("person__username", flat=True)) == ["anna"]


def test_reimporting_the_same_file_changes_nothing_and_a_corrected_file_updates(people):
    data = (
        HEADER
        + "anna@example.com,2026-11-23,40,8,80,0,2\n"
        + "ivan@example.com,2026-11-23,35,7.5,,0,1\n"
    ).encode()
    first = workload_import_apply(workload_import=_create(data), valid_only=False, today=TODAY)
    assert (first.rows_created, first.rows_updated, first.rows_unchanged) == (2, 0, 0)
    again = workload_import_apply(workload_import=_create(data), valid_only=False, today=TODAY)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 2)

    corrected = data.replace(b"35,7.5", b"36,7.5")
    fixed = workload_import_apply(workload_import=_create(corrected), valid_only=False, today=TODAY)
    assert (fixed.rows_created, fixed.rows_updated, fixed.rows_unchanged) == (0, 1, 1)
    assert WorkloadRecord.objects.get(person=people["ivan"]).contacts == 36
    assert WorkloadRecord.objects.count() == 2


def test_a_large_file_runs_as_a_task_with_progress(
    people, settings, django_capture_on_commit_callbacks
):
    settings.STEADY_IMPORT_ASYNC_ROWS = 1
    data = (
        HEADER
        + "anna@example.com,2026-11-23,40,8,80,0,2\n"
        + "ivan@example.com,2026-11-23,35,7.5,,0,1\n"
    ).encode()
    item = _create(data)
    with django_capture_on_commit_callbacks(execute=True):
        workload_import_start(workload_import=item, valid_only=False, today=TODAY)
    item.refresh_from_db()
    assert item.status == WorkloadImport.Status.APPLIED
    assert item.progress == 100
    assert WorkloadRecord.objects.count() == 2


def test_the_command_dry_run_writes_nothing_and_refuses_bad_files(people, tmp_path: Path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "anna@example.com,2026-11-23,40,8,80,0,2\n")
    call_command("import_workload", str(good), "--dry-run")
    assert WorkloadRecord.objects.count() == 0
    call_command("import_workload", str(good))
    assert WorkloadRecord.objects.count() == 1

    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "nobody@example.com,2026-11-22,40,8,80,0,2\n")
    with pytest.raises(CommandError):
        call_command("import_workload", str(bad))
    call_command("import_workload", str(bad), "--valid-only")
    assert WorkloadRecord.objects.count() == 1
