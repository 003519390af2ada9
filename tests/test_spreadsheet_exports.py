"""Every export writes what people typed as text: no cell of any CSV or XLSX file
Steady produces is a live formula (issue 11)."""

import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse

from courses.spreadsheets import xlsx_bytes
from tests.factories import (
    MembershipFactory,
    TeamFactory,
    course,
    course_index,
    enrol,
    lead_of,
    recruiter,
)
from tests.hiring.helpers import hiring_quiz, invite

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","Open")'


def _cells(content: bytes):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for row in book.active.iter_rows() for cell in row]


def test_the_writer_never_writes_a_formula():
    content = xlsx_bytes(
        sheet_title="T", headings=["=A1"], rows=[[FORMULA, "+1", "-1", "@x", 5, None]]
    )
    assert [c.coordinate for c in _cells(content) if c.data_type == "f"] == []
    heading, row = openpyxl.load_workbook(io.BytesIO(content)).active.values
    assert heading[0] == "'=A1"
    assert row == ("'" + FORMULA, "'+1", "'-1", "'@x", 5, None)


@pytest.fixture
def lead_with_a_sly_agent():
    team = TeamFactory(name="Orders")
    lead = lead_of(team)
    person = MembershipFactory(team=team, user__first_name=FORMULA, user__last_name="+Nowak").user
    enrol(
        person,
        course(course_index(), title="-Returns", lessons=1),
        due_on=date.today() + timedelta(days=9),
    )
    return lead


def test_the_team_training_xlsx_holds_no_formula(client, lead_with_a_sly_agent):
    client.force_login(lead_with_a_sly_agent)
    response = client.get(reverse("courses:team_matrix_export", args=["xlsx"]))
    cells = _cells(response.content)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    values = {c.value for c in cells}
    assert "'-Returns" in values
    assert any(str(v).startswith("'=HYPERLINK") for v in values)


def test_the_team_training_csv_prefixes_formula_text(client, lead_with_a_sly_agent):
    client.force_login(lead_with_a_sly_agent)
    response = client.get(reverse("courses:team_matrix_export", args=["csv"]))
    (row,) = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["Person"].startswith("'=HYPERLINK") and row["Course"] == "'-Returns"


def test_the_wagtail_report_exports_prefix_formula_text(client, lead_with_a_sly_agent):
    client.force_login(lead_with_a_sly_agent)
    export = client.get(reverse("courses_team_training_report"), {"export": "csv"})
    (row,) = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert row["Person"].startswith("'=HYPERLINK") and row["Course"] == "'-Returns"
    export = client.get(reverse("courses_team_training_report"), {"export": "xlsx"})
    cells = _cells(b"".join(export.streaming_content))
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert "'-Returns" in {c.value for c in cells}


def test_the_candidates_csv_prefixes_formula_text(client, demo_site):
    person = recruiter()
    invite(person, hiring_quiz(demo_site), name=FORMULA, email="sly@candidates.example")
    client.force_login(person)
    response = client.get(reverse("hiring:candidate_list") + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'" + FORMULA
