"""Dashboards and the import admin: who may see what, and bounded queries at two sizes."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    MembershipFactory,
    TeamFactory,
    agent,
    lead_of,
    recruiter,
    wellbeing_admin,
)
from tests.wellbeing.checkin_data import release, sealed_answers
from wellbeing.models import BurnoutWarning, WorkloadImport, WorkloadRecord

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _team_with(size: int, name: str = "Returns"):
    team = TeamFactory(name=f"{name} {size}")
    people = [agent() for _ in range(size)]
    for person in people:
        MembershipFactory(team=team, user=person)
    WorkloadRecord.objects.bulk_create(
        WorkloadRecord(
            person=person,
            team=team,
            date=TODAY - dt.timedelta(days=offset),
            contacts=40,
            hours_worked=8,
            occupancy_pct=81,
        )
        for person in people
        for offset in range(1, 60, 3)
    )
    sealed_answers(team, min(size, 6), period="2026-10", cbi_work=55.0, who5=45.0)
    release(TODAY)
    BurnoutWarning.objects.create(
        team=team,
        week="2026-W47",
        week_start=dt.date(2026, 11, 16),
        level="warning",
        level_rank=2,
        workload_level="warning",
        checkin_level="none",
        people=size,
        flagged=size,
        reasons=[
            {"code": "people_flagged", "params": {"flagged": size, "people": size, "share": 1.0}}
        ],
        actions=["rebalance_workload", "assign_stress_course"],
        flagged_people=[
            {
                "person_id": p.pk,
                "reasons": [
                    {
                        "code": "overtime_streak",
                        "params": {"overtime_weeks": 5, "overtime_h": 6.0},
                    }
                ],
            }
            for p in people
        ],
        as_of=dt.date(2026, 11, 22),
        computed_at=dt.datetime(2026, 11, 23, 2, 30, tzinfo=dt.UTC),
    )
    return team


@pytest.mark.parametrize("size", [3, 30])
def test_the_team_dashboard_is_bounded_and_shows_warning_chart_and_people(
    client, db, django_assert_max_num_queries, size
):
    team = _team_with(size)
    client.force_login(lead_of(team))
    # Flat in the team's size: the release check of closed check-in periods (2) and the
    # forecast (1) joined the dashboard's reads.
    with django_assert_max_num_queries(18):
        page = client.get("/team/")
    body = page.content.decode()
    assert page.status_code == 200
    assert f"{size} of {size} people had at least one workload flag" in body
    assert "5 weeks of overtime in a row" in body
    assert "<svg" in body and "Hours per person per week" in body
    assert "Assign the course to the team" in body


@pytest.mark.parametrize("size", [3, 30])
def test_the_organisation_page_is_bounded(client, db, django_assert_max_num_queries, size):
    for index in range(3):
        _team_with(size, name=f"T{index}")
    client.force_login(wellbeing_admin())
    # Flat in the organisation's size; the forecasts joined the page's reads (one query).
    with django_assert_max_num_queries(15):
        page = client.get("/organisation/")
    assert page.status_code == 200
    assert "Warning levels by week" in page.content.decode()


@pytest.mark.parametrize("make_user", [agent, recruiter, wellbeing_admin])
def test_only_leads_see_the_team_dashboard(client, db, make_user):
    client.force_login(make_user())
    assert client.get("/team/").status_code == 403


@pytest.mark.parametrize("make_user", [agent, recruiter])
def test_only_hr_sees_the_organisation(client, db, make_user):
    client.force_login(make_user())
    assert client.get("/organisation/").status_code == 403


def test_a_lead_sees_only_their_own_team(client, db):
    mine, other = _team_with(3, "Mine"), _team_with(3, "Other")
    client.force_login(lead_of(mine))
    assert client.get("/organisation/").status_code == 403
    assert client.get(f"/team/{other.pk}/").status_code == 404
    assert other.name not in client.get("/team/").content.decode()
    warning = BurnoutWarning.objects.get(team=other)
    response = client.post(
        f"/team/warnings/{warning.pk}/acknowledge/", {"action_note": "Not my team"}
    )
    assert response.status_code == 404
    warning.refresh_from_db()
    assert warning.acknowledged_at is None
    assert client.post(f"/team/warnings/{warning.pk}/assign-course/").status_code == 404


def test_the_lead_acknowledges_with_a_note(client, db):
    team = _team_with(3)
    lead = lead_of(team)
    client.force_login(lead)
    warning = BurnoutWarning.objects.get(team=team)
    empty = client.post(f"/team/warnings/{warning.pk}/acknowledge/", {"action_note": ""})
    assert empty.status_code == 302
    warning.refresh_from_db()
    assert warning.acknowledged_at is None
    client.post(f"/team/warnings/{warning.pk}/acknowledge/", {"action_note": "1:1s this week"})
    warning.refresh_from_db()
    assert (warning.acknowledged_by, warning.action_note) == (lead, "1:1s this week")
    assert "1:1s this week" in client.get("/team/").content.decode()


def test_the_lead_never_sees_a_single_check_in(client, db):
    team = _team_with(3)
    sealed_answers(team, 1, period="2026-09", cbi_work=87.5)
    release(TODAY)
    client.force_login(lead_of(team))
    body = client.get("/team/").content.decode()
    assert "87.5" not in body
    assert "hidden: fewer than 5 answers" in body


# --- the import admin ------------------------------------------------------------------

CSV = b"email,date,contacts,hours_worked\n%s,2026-11-23,40,8\nnobody@example.com,2026-11-23,1,1\n"


@pytest.mark.parametrize("make_user", [agent, recruiter])
def test_the_import_admin_is_closed_to_others(client, db, make_user):
    client.force_login(make_user())
    response = client.get("/admin/wellbeing/imports/")
    assert response.status_code in (302, 403)


def test_a_lead_with_admin_access_cannot_import(client, db):
    client.force_login(lead_of(TeamFactory()))
    response = client.get("/admin/wellbeing/imports/")
    # The Wagtail admin answers PermissionDenied with a redirect to its home and a message.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert WorkloadImport.objects.count() == 0


def test_hr_uploads_previews_and_confirms_an_import(client, db):
    team = TeamFactory()
    person = agent()
    MembershipFactory(team=team, user=person)
    client.force_login(wellbeing_admin())
    assert client.get("/admin/wellbeing/imports/").status_code == 200
    upload = SimpleUploadedFile("workload.csv", CSV % person.email.encode(), "text/csv")
    response = client.post("/admin/wellbeing/imports/", {"file": upload})
    item = WorkloadImport.objects.get()
    assert response.url == f"/admin/wellbeing/imports/{item.pk}/"
    preview = client.get(response.url).content.decode()
    assert "2 rows, 1 valid, " in preview  # then the rows with problems and the problems
    assert "Nobody with the e-mail or employee id" in preview
    report = client.get(f"/admin/wellbeing/imports/{item.pk}/report.csv")
    assert b"nobody@example.com" in report.content

    client.post(f"/admin/wellbeing/imports/{item.pk}/apply/", {})
    item.refresh_from_db()
    assert item.status == WorkloadImport.Status.REFUSED
    assert WorkloadRecord.objects.count() == 0

    # A fresh upload with "only valid rows" imports the one good row.
    upload = SimpleUploadedFile("workload.csv", CSV % person.email.encode(), "text/csv")
    client.post("/admin/wellbeing/imports/", {"file": upload})
    second = WorkloadImport.objects.order_by("-id").first()
    client.post(f"/admin/wellbeing/imports/{second.pk}/apply/", {"valid_only": "on"})
    status = client.get(f"/admin/wellbeing/imports/{second.pk}/status/").content.decode()
    assert "1 created, 0 updated, 0 unchanged." in status
    assert WorkloadRecord.objects.count() == 1
    assert client.get(f"/admin/wellbeing/imports/{second.pk}/status.json").json()["finished"]


def test_a_file_that_is_not_a_table_is_refused_in_the_upload_form(client, db):
    client.force_login(wellbeing_admin())
    upload = SimpleUploadedFile("photo.png", b"\x89PNG....", "image/png")
    response = client.post("/admin/wellbeing/imports/", {"file": upload})
    assert response.status_code == 400
    assert "Please upload a .csv or .xlsx file." in response.content.decode()
    assert WorkloadImport.objects.count() == 0


@pytest.mark.parametrize("count", [3, 30])
def test_the_import_page_lists_recent_imports_in_bounded_queries(
    client, db, django_assert_max_num_queries, count
):
    hr = wellbeing_admin()
    WorkloadImport.objects.bulk_create(
        WorkloadImport(file_name=f"week-{n}.csv", uploaded_by=hr, file="x.csv")
        for n in range(count)
    )
    client.force_login(hr)
    with django_assert_max_num_queries(12):
        page = client.get("/admin/wellbeing/imports/")
    assert "week-" in page.content.decode()
    item = WorkloadImport.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(f"/admin/wellbeing/imports/{item.pk}/").status_code == 200
