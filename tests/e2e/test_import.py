"""No dead ends in the workload import: a refused file offers its valid rows, counted right.

HR uploads a file with a bad row, reads the report (rows with problems told apart
from problems), tries to import it all, is refused, and imports only the valid rows
from the same stored file without uploading again — in English, Russian and Polish.
Screenshots: test-results/screenshots/import-<language>-{preview,refused,done}.png.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wellbeing.models import WorkloadImport, WorkloadRecord

#: What the pages say, per language (the counts: 3 rows, 2 valid, 1 with 2 problems).
TEXTS = {
    "en": {
        "counts": "3 rows, 2 valid, 1 row with problems (2 problems)",
        "refused": "Nothing was imported",
        "button": "Import only the 2 valid rows",
        "skipped": "1 row with problems skipped (2 problems)",
    },
    "ru": {
        "counts": "3 строки, 2 корректные, 1 строка с ошибками (2 ошибки)",
        "refused": "Ничего не импортировано",
        "button": "Импортировать только 2 корректные строки",
        "skipped": "Пропущена 1 строка с ошибками (2 ошибки)",
    },
    "pl": {
        "counts": "3 wiersze, 2 poprawne, 1 wiersz z błędami (2 problemy)",
        "refused": "Nic nie zaimportowano",
        "button": "Zaimportuj tylko 2 poprawne wiersze",
        "skipped": "Pominięto 1 wiersz z błędami (2 problemy)",
    },
}


def _day(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def _file() -> bytes:
    """Two good rows and one row with two problems (25 hours, 180 % occupancy)."""
    return (
        "email;date;contacts;hours_worked;occupancy_pct\n"
        f"agent@northwind.example;{_day(1)};41;8,5;83\n"
        f"ivan.petrov@northwind.example;{_day(1)};30;25;180\n"
        f"maria.nowak@northwind.example;{_day(1)};35;7,5;80\n"
    ).encode()


def _prefer(username: str, language: str) -> None:
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username=username))
    profile.preferred_language = language
    profile.save()


@pytest.mark.parametrize("language", ["en", "ru", "pl"])
def test_a_refused_import_offers_its_valid_rows_without_a_new_upload(
    page, live_server, demo, sign_in, shot, language
):
    texts = TEXTS[language]
    _prefer("hr", language)
    sign_in(page, "hr")
    page.goto(f"{live_server.url}/admin/wellbeing/imports/")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "week.csv", "mimeType": "text/csv", "buffer": _file()}],
    )
    page.click("button[type=submit].button")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#import-counts")).to_contain_text(texts["counts"])
    expect(page.locator("#import-issues tbody tr")).to_have_count(2)
    shot(page, f"import-{language}-preview")

    page.click("#confirm-import")  # without "only the valid rows": refused, nothing written
    page.wait_for_load_state("networkidle")
    expect(page.locator("#import-result")).to_contain_text(texts["refused"])
    expect(page.locator("#import-counts")).to_contain_text(texts["counts"])
    expect(page.locator("#import-valid-rows")).to_have_text(texts["button"])
    before = WorkloadRecord.objects.count()
    shot(page, f"import-{language}-refused")

    page.click("#import-valid-rows")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#import-skipped")).to_contain_text(texts["skipped"])
    shot(page, f"import-{language}-done")
    assert WorkloadImport.objects.count() == 1  # the same stored file, no new upload
    item = WorkloadImport.objects.get()
    assert (item.status, item.rows_created + item.rows_updated) == ("applied", 2)
    assert WorkloadRecord.objects.count() - before == item.rows_created
