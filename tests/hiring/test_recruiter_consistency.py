"""Numbers that agree on the recruiter's pages, a compact candidate list, one date
format per language, and a link the recruiter can copy."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import Answer
from hiring.models import Candidate
from hiring.services.candidates import candidate_delete_now
from tests.factories import agent, recruiter

from .helpers import NOW, hiring_quiz, invite, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(demo_site):
    return hiring_quiz(demo_site)


def queue_size(client) -> int:
    html = client.get(reverse("hiring:grading_queue")).content.decode()
    return len(set(re.findall(r"/hiring/grading/(\d+)/", html)))


def answers_to_grade_shown(client) -> int:
    html = client.get(reverse("hiring:candidate_list")).content.decode()
    return sum(int(n) for n in re.findall(r"(\d+) answers? to grade", html))


def test_answers_to_grade_on_the_list_equal_the_grading_queue(client, quiz):
    boss = recruiter()
    for number in range(3):
        invitation, _token = invite(boss, quiz, name=f"Person {number}")
        take(invitation)
    client.force_login(boss)

    before = queue_size(client)
    assert before >= 3  # free-text answers (and rephrasing reviews) of three people
    assert answers_to_grade_shown(client) == before

    answer = Answer.objects.filter(question__kind="free_text").first()
    client.post(reverse("hiring:answer_grade", args=[answer.pk]), {"score": "80", "note": ""})

    assert queue_size(client) == before - 1
    assert answers_to_grade_shown(client) == before - 1


def test_the_percentile_note_says_that_deleted_candidates_still_count(client, quiz):
    boss = recruiter()
    made = []
    for number in range(3):
        invitation, _token = invite(boss, quiz, name=f"Person {number}")
        take(invitation)
        made.append(invitation.candidate)
    client.force_login(boss)
    note = "data-percentile-rule"

    html = client.get(reverse("hiring:candidate_list")).content.decode()
    assert note in html and "personal data has been deleted" not in html

    candidate_delete_now(candidate=made[0], recruiter=boss, now=timezone.now())
    html = client.get(reverse("hiring:candidate_list")).content.decode()

    assert "This includes 1 earlier candidate whose personal data has been deleted" in html
    assert html.count('name="c"') == 2


def test_the_candidate_list_shows_competencies_compactly_with_details_on_demand(client, quiz):
    invitation, _token = invite(recruiter(), quiz)
    take(invitation)
    client.force_login(recruiter())

    html = client.get(reverse("hiring:candidate_list")).content.decode()

    assert 'class="comp"' not in html  # no column per competency
    assert html.count('class="comp-bar') >= 3
    assert "<details" in html and "Composure" in html and "Empathy" in html


@pytest.mark.parametrize(
    ("language", "prefix", "expected"),
    [
        ("en", "", "2 March 2026, 09:00"),
        ("ru", "/ru", "2 марта 2026, 09:00"),
        ("pl", "/pl", "2 marca 2026, 09:00"),
    ],
)
def test_dates_read_the_same_way_everywhere_in_each_language(
    client, quiz, language, prefix, expected
):
    invitation, _token = invite(recruiter(), quiz, now=NOW)
    client.force_login(recruiter())

    url = prefix + reverse("hiring:candidate_detail", args=[invitation.candidate_id])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert expected in html
    assert not re.search(r"\d{1,2}/\d{1,2}/\d{4}", html)


def test_a_recruiter_gets_a_new_link_to_copy_and_the_old_one_stops_working(client, quiz):
    boss = recruiter()
    invitation, old_token = invite(boss, quiz)
    sent = len(mail.outbox)
    client.force_login(boss)

    page = client.post(reverse("hiring:candidate_action", args=[invitation.candidate_id, "link"]))

    html = page.content.decode()
    new_token = re.search(r"/assessment/([A-Za-z0-9_\-]+)/", html).group(1)
    assert page.status_code == 200 and "data-copy" in html
    assert new_token != old_token
    assert len(mail.outbox) == sent  # nothing e-mailed
    client.logout()
    assert client.get(reverse("hiring:assessment_landing", args=[old_token])).status_code == 404
    assert client.get(reverse("hiring:assessment_landing", args=[new_token])).status_code == 200
    assert ModelLogEntry.objects.filter(action="steady.link").count() == 1


@pytest.mark.parametrize("who", [agent, None])
def test_only_a_recruiter_may_make_a_new_link(client, quiz, who):
    invitation, old_token = invite(recruiter(), quiz)
    if who is not None:
        client.force_login(who())

    response = client.post(
        reverse("hiring:candidate_action", args=[invitation.candidate_id, "link"])
    )

    assert response.status_code in (302, 403)
    assert "/assessment/" not in response.content.decode()
    assert client.get(reverse("hiring:assessment_landing", args=[old_token])).status_code == 200


def test_no_new_link_for_a_revoked_invitation(client, quiz):
    boss = recruiter()
    invitation, _token = invite(boss, quiz)
    client.force_login(boss)
    client.post(reverse("hiring:candidate_action", args=[invitation.candidate_id, "revoke"]))

    response = client.post(
        reverse("hiring:candidate_action", args=[invitation.candidate_id, "link"]), follow=True
    )

    assert "This invitation was revoked." in response.content.decode()
    assert Candidate.objects.get().invitation.expires_at > timezone.now() - timedelta(days=1)
