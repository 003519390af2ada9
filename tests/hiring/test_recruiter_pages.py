"""The recruiter's pages at two data sizes with one query bound each (no N+1), and
what they show: scores, comparison chart, grading, decisions, CSV."""

import csv
import io
import re

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from courses.models import Answer
from hiring.models import Candidate, Position
from tests.factories import recruiter

from .helpers import hiring_quiz, invite, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(demo_site):
    return hiring_quiz(demo_site)


def candidates(quiz, count: int, *, start: int = 0) -> list[int]:
    boss = recruiter(username="maker")
    made = []
    for number in range(start, start + count):
        invitation, _token = invite(
            boss, quiz, name=f"Person {number}", email=f"person{number}@example.com"
        )
        if number % 3:
            take(invitation, right=number % 2 == 0, text=f"Reply number {number}")
        made.append(invitation.candidate_id)
    return made


@pytest.mark.parametrize("count", [3, 30])
def test_the_candidate_list_has_bounded_queries(client, quiz, count, django_assert_max_num_queries):
    candidates(quiz, count)
    client.force_login(recruiter())
    with django_assert_max_num_queries(14):
        page = client.get(reverse("hiring:candidate_list"))
    assert page.status_code == 200
    assert page.content.decode().count('name="c"') == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_csv_export_has_bounded_queries(client, quiz, count, django_assert_max_num_queries):
    candidates(quiz, count)
    client.force_login(recruiter())
    with django_assert_max_num_queries(14):
        response = client.get(reverse("hiring:candidate_list") + "?export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "E-mail", "Position"] and len(rows) == count + 1


@pytest.mark.parametrize("count", [3, 30])
def test_the_grading_queue_has_bounded_queries(client, quiz, count, django_assert_max_num_queries):
    candidates(quiz, count)
    client.force_login(recruiter())
    with django_assert_max_num_queries(12):
        page = client.get(reverse("hiring:grading_queue"))
    waiting = Answer.objects.filter(question__kind__in=["free_text", "rephrasing"]).count()
    assert page.content.decode().count("/hiring/grading/") - 1 >= waiting > 0


def test_filters_narrow_the_list(client, quiz):
    candidates(quiz, 6)
    client.force_login(recruiter())
    page = client.get(reverse("hiring:candidate_list"), {"status": "invited"})
    assert page.content.decode().count('name="c"') == 2
    page = client.get(reverse("hiring:candidate_list"), {"q": "person4@"})
    assert page.content.decode().count('name="c"') == 1


def test_the_detail_page_explains_integrity_signals(client, quiz, django_assert_max_num_queries):
    (pk,) = candidates(quiz, 1, start=1)
    client.force_login(recruiter())
    with django_assert_max_num_queries(20):
        page = client.get(reverse("hiring:candidate_detail", args=[pk]))
    body = page.content.decode()
    assert "never used to fail anyone automatically" in body
    assert "Reply number 1" in body


def test_comparing_two_candidates_draws_a_chart(client, quiz, django_assert_max_num_queries):
    first, second = candidates(quiz, 2, start=1)
    client.force_login(recruiter())
    with django_assert_max_num_queries(14):
        page = client.get(reverse("hiring:candidate_compare"), {"c": [first, second]})
    body = page.content.decode()
    assert '<svg class="radar"' in body and body.count('class="series"') == 2
    assert "Person 1" in body and "Person 2" in body


def test_the_chart_coordinates_do_not_follow_the_russian_decimal_comma(client, quiz):
    first, second = candidates(quiz, 2, start=1)
    client.force_login(recruiter())
    page = client.get(f"/ru{reverse('hiring:candidate_compare')}", {"c": [first, second]})
    body = page.content.decode()
    assert "Сравнение кандидатов" in body
    assert 'cx="210.0"' in body or 'x="210.0"' in body
    assert not re.search(r'c?[xy]="\d+,\d', body)


def test_comparing_one_candidate_asks_for_more(client, quiz):
    (first,) = candidates(quiz, 1, start=1)
    client.force_login(recruiter())
    page = client.get(reverse("hiring:candidate_compare"), {"c": [first]})
    assert "<svg" not in page.content.decode()


def test_a_recruiter_grades_free_text_and_the_score_counts(client, quiz):
    (pk,) = candidates(quiz, 1, start=1)
    boss = recruiter()
    client.force_login(boss)
    answer = Answer.objects.get(question__kind="free_text")
    assert client.get(reverse("hiring:answer_grade", args=[answer.pk])).status_code == 200
    bad = client.post(reverse("hiring:answer_grade", args=[answer.pk]), {"score": 150})
    assert bad.status_code == 200 and "100" in bad.content.decode()
    done = client.post(
        reverse("hiring:answer_grade", args=[answer.pk]), {"score": 80, "note": "Good"}
    )
    assert done.status_code == 302
    answer.refresh_from_db()
    assert answer.manual_score == 0.8 and answer.grader == boss
    assert ModelLogEntry.objects.filter(action="steady.grade", object_id=str(pk)).exists()


def test_a_recruiter_records_a_decision_with_notes(client, quiz):
    (pk,) = candidates(quiz, 1, start=1)
    boss = recruiter()
    client.force_login(boss)
    client.post(
        reverse("hiring:candidate_decision", args=[pk]),
        {"decision": "hold", "notes": "Strong on law"},
    )
    candidate = Candidate.objects.get(pk=pk)
    assert candidate.decision == "hold" and candidate.decided_by == boss
    assert ModelLogEntry.objects.filter(action="steady.decide", object_id=str(pk)).exists()
    page = client.get(reverse("hiring:candidate_list"), {"status": "decided"})
    assert "Person 1" in page.content.decode()
    refused = client.post(reverse("hiring:candidate_decision", args=[pk]), {"decision": "maybe"})
    assert refused.status_code == 302
    assert Candidate.objects.get(pk=pk).decision == "hold"


def test_resend_extend_and_revoke_from_the_candidate_page(client, quiz):
    (pk,) = candidates(quiz, 1, start=3)  # invited only
    boss = recruiter()
    client.force_login(boss)
    resent = client.post(reverse("hiring:candidate_action", args=[pk, "resend"]), follow=True)
    assert "previous one no longer works" in resent.content.decode()
    extended = client.post(
        reverse("hiring:candidate_action", args=[pk, "extend"]), {"days": 5}, follow=True
    )
    assert "extended" in extended.content.decode()
    refused = client.post(
        reverse("hiring:candidate_action", args=[pk, "extend"]), {"days": 500}, follow=True
    )
    assert "Extend by 1 to 90 days" in refused.content.decode()
    client.post(reverse("hiring:candidate_action", args=[pk, "revoke"]))
    page = client.get(reverse("hiring:candidate_detail", args=[pk])).content.decode()
    for message in ("Invitation resent", "Invitation extended", "Invitation revoked"):
        assert message in page
    assert client.post(reverse("hiring:candidate_action", args=[pk, "explode"])).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_a_recruiter_lists_and_adds_positions(client, count, django_assert_max_num_queries):
    for number in range(count):
        Position.objects.create(title=f"Role {number}")
    client.force_login(recruiter())
    with django_assert_max_num_queries(8):
        page = client.get(reverse("hiring:position_list"))
    assert page.content.decode().count("?position=") == count
    added = client.post(reverse("hiring:position_list"), {"title": "Night shift agent"})
    assert added.status_code == 302 and Position.objects.filter(title="Night shift agent").exists()
    twice = client.post(reverse("hiring:position_list"), {"title": "Night shift agent"})
    assert "already exists" in twice.content.decode()
