"""The lead's team training matrix, its exports and the Wagtail report: their teams only."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from courses.models import Enrolment
from tests.factories import (
    MembershipFactory,
    TeamFactory,
    agent,
    complete_course,
    course,
    course_index,
    editor,
    enrol,
    lead_of,
)

pytestmark = pytest.mark.django_db


def _make_team(size, *, name="Orders", courses=None):
    team = TeamFactory(name=name)
    lead = lead_of(team)
    index = course_index()
    courses = courses or [course(index, title=f"{name} course {i}", lessons=1) for i in range(2)]
    people = []
    for i in range(size):
        person = MembershipFactory(team=team, user__last_name=f"{name}{i:02d}").user
        enrol(person, courses[0], due_on=date.today() - timedelta(days=2))
        people.append(person)
    complete_course(people[0], courses[1])
    return team, lead, people, courses


@pytest.fixture
def orders():
    return _make_team(3)


@pytest.fixture
def returns():
    return _make_team(2, name="Returns")


def test_the_lead_sees_people_by_courses_with_statuses(client, orders, returns):
    _team, lead, people, _courses = orders
    client.force_login(lead)
    response = client.get(reverse("courses:team_matrix"))
    matrix = response.context["matrix"]
    assert response.status_code == 200
    assert [row.user for row in matrix.rows] == people
    assert [cell for cell, _e in matrix.rows[0].cells] == ["overdue", "done"]
    assert [cell for cell, _e in matrix.rows[1].cells] == ["overdue", "not_assigned"]
    assert "Returns0" not in response.content.decode()


def test_filters_narrow_by_course_and_status(client, orders):
    _team, lead, people, courses = orders
    client.force_login(lead)
    response = client.get(reverse("courses:team_matrix"), {"status": "done"})
    assert [row.user for row in response.context["matrix"].rows] == [people[0]]
    response = client.get(reverse("courses:team_matrix"), {"course": courses[1].pk})
    assert [c.title for c in response.context["matrix"].courses] == ["Orders course 1"]


def test_a_lead_asking_for_another_team_is_refused(client, orders, returns):
    _team, lead, _people, _courses = orders
    other = returns[0]
    client.force_login(lead)
    response = client.get(reverse("courses:team_matrix"), {"team": other.pk})
    assert response.status_code == 403
    response = client.get(reverse("courses:team_matrix_export", args=["csv"]), {"team": other.pk})
    assert response.status_code == 403


@pytest.mark.parametrize("who", [agent, editor])
def test_people_who_lead_no_team_are_refused(client, orders, who):
    client.force_login(who())
    assert client.get(reverse("courses:team_matrix")).status_code == 403
    assert client.get(reverse("courses:team_matrix_export", args=["xlsx"])).status_code == 403


def test_the_matrix_needs_a_sign_in(client):
    response = client.get(reverse("courses:team_matrix"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_csv_export_has_one_line_per_person_and_course(client, orders):
    _team, lead, people, _courses = orders
    client.force_login(lead)
    response = client.get(reverse("courses:team_matrix_export", args=["csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    assert {r["Status"] for r in rows} == {"Overdue", "Done"}
    assert rows[0]["Team"] == "Orders" and rows[0]["Username"] == people[0].username


def test_the_xlsx_export_opens_in_a_spreadsheet(client, orders):
    _team, lead, _people, _courses = orders
    client.force_login(lead)
    response = client.get(reverse("courses:team_matrix_export", args=["xlsx"]), {"status": "done"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.values)
    assert rows[0][:5] == ("Team", "Person", "Username", "Course", "Status")
    assert rows[1][4] == "Done"


def test_an_unknown_export_format_is_not_found(client, orders):
    client.force_login(orders[1])
    assert client.get(reverse("courses:team_matrix_export", args=["pdf"])).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_the_matrix_has_bounded_queries(client, size, django_assert_max_num_queries):
    _team, lead, _people, _courses = _make_team(size)
    client.force_login(lead)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("courses:team_matrix"))
    assert len(response.context["matrix"].rows) == size


def test_the_wagtail_report_lists_the_leads_teams_only(client, orders, returns):
    _team, lead, _people, _courses = orders
    client.force_login(lead)
    response = client.get(reverse("courses_team_training_report"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Orders00" in text and "Returns00" not in text
    export = client.get(reverse("courses_team_training_report"), {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert body.splitlines()[0].startswith("Person,Course,Status")
    assert "Returns" not in body and body.count("Orders course 0") == 3


def test_the_wagtail_report_filters_by_status(client, orders):
    _team, lead, _people, _courses = orders
    client.force_login(lead)
    response = client.get(reverse("courses_team_training_report"), {"status": "done"})
    assert [e.status for e in response.context["object_list"]] == [Enrolment.Status.COMPLETED]


def test_the_wagtail_report_refuses_an_editor_even_with_the_url(client, orders):
    client.force_login(editor())
    response = client.get(reverse("courses_team_training_report"))
    assert response.status_code in (302, 403)
    assert "Orders00" not in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_the_wagtail_report_has_bounded_queries(client, size, django_assert_max_num_queries):
    _team, lead, _people, _courses = _make_team(size)
    client.force_login(lead)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("courses_team_training_report"))
    assert response.status_code == 200


def test_the_lead_sees_a_team_training_link_in_the_navigation(client, orders):
    client.force_login(orders[1])
    response = client.get(reverse("courses:my_training"))
    assert reverse("courses:team_matrix") in response.content.decode()
