"""The workload import pages: limits answered in the request, large files checked by the
worker, uploaded files kept private, and no dead end after a refusal."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    MembershipFactory,
    TeamFactory,
    UserFactory,
    agent,
    lead_of,
    recruiter,
    wellbeing_admin,
)
from wellbeing.models import WorkloadImport, WorkloadRecord
from wellbeing.schedules import SCHEDULES
from wellbeing.services import workload_import_files_purge
from wellbeing.tasks import workload_import_files_purge as purge_task

HEADER = "email,date,contacts,hours_worked,occupancy_pct,overtime_h,hostile_contacts\n"


@pytest.fixture
def team(db):
    team = TeamFactory(name="Returns", slug="returns")
    for name in ("anna", "ivan"):
        MembershipFactory(team=team, user=UserFactory(username=name, email=f"{name}@example.com"))
    return team


@pytest.fixture
def hr(client: Client, team):
    user = wellbeing_admin()
    client.force_login(user)
    return user


def _recent(days_ago: int = 0) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago + 1)).isoformat()


def words(response) -> str:
    """The page's text without tags, spaces collapsed: what a reader sees."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def upload(client: Client, content: bytes, name: str = "workload.csv"):
    return client.post(
        reverse("wellbeing_admin:import_upload"), {"file": SimpleUploadedFile(name, content)}
    )


def mixed_file() -> bytes:
    """One good row and one row with two problems (three rows in all: two good)."""
    return (
        HEADER
        + f"anna@example.com,{_recent(1)},40,8,80,0,2\n"
        + f"ivan@example.com,{_recent(1)},40,30,180,0,2\n"
        + f"ivan@example.com,{_recent(2)},41,8,80,0,2\n"
    ).encode()


# Limits answered at once, large files in the worker ------------------------


def _xlsx_bomb() -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    workbook.create_sheet().append(["email", "date", "contacts", "hours_worked"])
    template = io.BytesIO()
    workbook.save(template)
    bomb = io.BytesIO()
    cells = b'<row r="1">' + b"<c><v>1</v></c>" * 1000 + b"</row>"
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for member in src.infolist():
            if member.filename.startswith("xl/worksheets/"):
                with out.open(member.filename, "w") as sheet:
                    sheet.write(b"<worksheet><sheetData>")
                    for _ in range(4000):  # 4 million cells, ~60 MB unpacked
                        sheet.write(cells)
                    sheet.write(b"</sheetData></worksheet>")
            else:
                out.writestr(member, src.read(member))
    return bomb.getvalue()


def test_an_xlsx_zip_bomb_gets_a_clear_answer_within_seconds(client, hr, settings):
    settings.STEADY_IMPORT_MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024
    bomb = _xlsx_bomb()
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    response = upload(client, bomb, "bomb.xlsx")
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert "unpacks to more than 20 MB" in response.content.decode()
    assert not WorkloadImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused_in_the_users_language(client, hr, settings):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(hr)
    profile.preferred_language = "pl"
    profile.save()
    settings.STEADY_IMPORT_MAX_BYTES = 1024 * 1024
    response = client.post(
        reverse("wellbeing_admin:import_upload"),
        {"file": SimpleUploadedFile("big.csv", HEADER.encode() + b"x" * (2 * 1024 * 1024))},
    )
    assert response.status_code == 400
    assert "Plik jest większy niż 1 MB" in response.content.decode()


def test_a_large_file_is_checked_by_the_task_worker_not_in_the_request(
    client, hr, settings, django_capture_on_commit_callbacks
):
    settings.STEADY_IMPORT_ASYNC_BYTES = 100
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(client, mixed_file())
    item = WorkloadImport.objects.get()
    assert item.status == WorkloadImport.Status.CHECKING  # nothing parsed yet
    assert (item.rows_total, item.errors) == (0, [])
    assert response.status_code == 302
    status = client.get(reverse("wellbeing_admin:import_status", args=[item.pk]))
    assert "checked in the background" in status.content.decode()

    for callback in queued:  # the worker's turn (tasks run synchronously in tests)
        callback()
    item.refresh_from_db()
    assert (item.status, item.rows_total, item.rows_valid) == ("previewed", 3, 2)
    polled = client.get(reverse("wellbeing_admin:import_status_json", args=[item.pk])).json()
    assert polled["finished"] is True


def test_a_header_with_a_column_twice_is_refused_with_a_message(client, hr):
    data = f"email,date,contacts,hours_worked,Contacts\nanna@example.com,{_recent()},4,8,5\n"
    response = upload(client, data.encode())
    item = WorkloadImport.objects.get()
    page = client.get(reverse("wellbeing_admin:import_preview", args=[item.pk]))
    assert response.status_code == 302
    assert "appears twice" in page.content.decode()
    assert b"confirm-import" not in page.content


# No dead ends ---------------------------------------------------------------


def test_the_preview_counts_rows_with_problems_apart_from_problems(
    client, hr, django_assert_max_num_queries
):
    upload(client, mixed_file())
    item = WorkloadImport.objects.get()
    with django_assert_max_num_queries(12):
        page = client.get(reverse("wellbeing_admin:import_preview", args=[item.pk]))
    text = words(page).replace("( ", "(").replace(" )", ")")
    assert "3 rows, 2 valid, 1 row with problems (2 problems)" in text
    assert "Import only the 2 valid rows" in text


def test_a_refused_import_offers_the_valid_rows_without_uploading_again(
    client, hr, django_assert_max_num_queries
):
    upload(client, mixed_file())
    item = WorkloadImport.objects.get()
    client.post(reverse("wellbeing_admin:import_apply", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == WorkloadImport.Status.REFUSED
    assert not WorkloadRecord.objects.exists()
    with django_assert_max_num_queries(12):
        page = client.get(reverse("wellbeing_admin:import_status", args=[item.pk]))
    assert b'id="import-valid-rows"' in page.content

    client.post(reverse("wellbeing_admin:import_apply", args=[item.pk]), {"valid_only": "on"})
    item.refresh_from_db()
    assert (item.status, item.rows_created) == (WorkloadImport.Status.APPLIED, 2)
    assert WorkloadRecord.objects.count() == 2
    done = words(client.get(reverse("wellbeing_admin:import_status", args=[item.pk])))
    done = done.replace("( ", "(").replace(" )", ")")
    assert "1 row with problems skipped (2 problems)" in done


def test_a_refusal_with_no_valid_row_offers_only_a_new_upload(client, hr):
    upload(client, (HEADER + f"nobody@example.com,{_recent()},4,8,80,0,0\n").encode())
    item = WorkloadImport.objects.get()
    client.post(reverse("wellbeing_admin:import_apply", args=[item.pk]))
    page = client.get(reverse("wellbeing_admin:import_status", args=[item.pk]))
    assert b"import-valid-rows" not in page.content
    client.post(reverse("wellbeing_admin:import_apply", args=[item.pk]), {"valid_only": "on"})
    assert not WorkloadRecord.objects.exists()


# Uploaded files are personal data -------------------------------------------


def test_the_uploaded_file_is_stored_privately_under_a_random_name(client, hr):
    upload(client, mixed_file(), "team-returns-november.csv")
    item = WorkloadImport.objects.get()
    assert item.file_name == "team-returns-november.csv"
    assert "returns" not in item.file.name and "wellbeing/imports" not in item.file.name
    from wellbeing.storage import private_storage

    assert item.file.storage.__class__ is private_storage().__class__
    assert private_storage().exists(item.file.name)


def test_the_old_public_media_url_serves_nothing(client, hr, team):
    upload(client, mixed_file())
    item = WorkloadImport.objects.get()
    from django.core.files.storage import default_storage

    assert not default_storage.exists(item.file.name)  # nothing in the public (media) storage
    anonymous = Client()
    for url in (f"/media/{item.file.name}", f"/media/wellbeing/imports/{item.file_name}"):
        assert anonymous.get(url).status_code == 404


def test_the_default_private_storage_lies_outside_media_root_and_has_no_url(settings, tmp_path):
    from wellbeing.storage import PRIVATE_STORAGE, private_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != PRIVATE_STORAGE}
    storage = private_storage()
    assert not str(storage.location).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        storage.url("workload/x.csv")


def test_hr_downloads_the_uploaded_file(client, hr):
    upload(client, mixed_file())
    item = WorkloadImport.objects.get()
    response = client.get(reverse("wellbeing_admin:import_download", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == mixed_file()
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("make_user", [agent, recruiter, "lead"])
def test_no_one_else_downloads_the_uploaded_file(client, hr, team, make_user):
    upload(client, mixed_file())
    item = WorkloadImport.objects.get()
    other = Client()
    other.force_login(lead_of(team) if make_user == "lead" else make_user())
    response = other.get(reverse("wellbeing_admin:import_download", args=[item.pk]))
    assert response.status_code in (302, 403)
    assert mixed_file() not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_an_anonymous_visitor_is_sent_to_sign_in(client, hr):
    upload(client, mixed_file())
    item = WorkloadImport.objects.get()
    response = Client().get(reverse("wellbeing_admin:import_download", args=[item.pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_files_past_the_retention_period_are_deleted_by_the_schedule(client, hr, settings):
    settings.STEADY_IMPORT_FILE_RETENTION_DAYS = 30
    upload(client, mixed_file(), "old.csv")
    upload(client, mixed_file(), "new.csv")
    old = WorkloadImport.objects.get(file_name="old.csv")
    new = WorkloadImport.objects.get(file_name="new.csv")
    old_name = old.file.name
    WorkloadImport.objects.filter(pk=old.pk).update(
        uploaded_at=timezone.now() - dt.timedelta(days=31)
    )
    assert "wellbeing.tasks.workload_import_files_purge" in [s["func"] for s in SCHEDULES]

    assert purge_task() == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert not old.file and not old.file.storage.exists(old_name)
    assert new.file and new.file.storage.exists(new.file.name)
    assert old.rows_total == 3  # the record and its report stay
    response = client.get(reverse("wellbeing_admin:import_download", args=[old.pk]))
    assert response.status_code == 404
    assert workload_import_files_purge(now=timezone.now()) == 0


def test_files_uploaded_before_the_change_leave_the_public_media_folder(db):
    from importlib import import_module

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from wellbeing.storage import private_storage

    public_name = default_storage.save("wellbeing/imports/week.csv", ContentFile(b"old data"))
    item = WorkloadImport.objects.create(file=public_name, file_name="week.csv")
    migration = import_module("wellbeing.migrations.0003_workload_files_private")
    migration.move_public_files(apps, None)

    item.refresh_from_db()
    assert not default_storage.exists(public_name)
    assert item.file.name.startswith("workload/") and "week" not in item.file.name
    with private_storage().open(item.file.name, "rb") as moved:
        assert moved.read() == b"old data"
