"""Privacy in hiring: retention purge, deletion on request, percentiles only with
enough candidates (the pure helpers behind them: test_stats.py)."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from courses.models import Answer, Attempt
from hiring.models import Candidate
from hiring.schedules import SCHEDULES
from hiring.selectors import candidate_table, candidates_filtered
from hiring.services.candidates import candidate_delete_now, candidate_purge_expired
from hiring.services.invitations import LinkState, invitation_open
from tests.factories import recruiter

from .helpers import NOW, hiring_quiz, invite, take


@pytest.fixture
def quiz(demo_site):
    return hiring_quiz(demo_site)


@pytest.mark.django_db
def test_the_retention_purge_removes_personal_data_and_keeps_anonymous_scores(quiz):
    boss = recruiter()
    invitation, token = invite(boss, quiz, name="Marta Nowak", now=NOW)
    attempt = take(invitation, now=NOW + timedelta(days=1), text="Call me on 555-0101, Marta")
    score, competencies = attempt.score, attempt.competency_scores
    assert score is not None and competencies

    finished = attempt.finished_at
    assert candidate_purge_expired(now=finished + timedelta(days=179)) == 0
    assert candidate_purge_expired(now=finished + timedelta(days=181)) == 1

    candidate = Candidate.objects.get(pk=invitation.candidate_id)
    assert candidate.name == "" and candidate.email == "" and candidate.purged_at
    texts = Answer.objects.filter(attempt=attempt, question__kind__in=["free_text", "rephrasing"])
    assert texts.count() >= 1 and all(a.response == {} for a in texts)
    assert "555-0101" not in str(list(Answer.objects.values_list("response", "auto_detail")))
    kept = Attempt.objects.get(pk=attempt.pk)
    assert kept.score == score and kept.competency_scores == competencies
    assert invitation_open(raw_token=token, now=finished).state == LinkState.INVALID
    assert ModelLogEntry.objects.filter(action="steady.purge", object_id=str(candidate.pk)).exists()
    assert not ModelLogEntry.objects.filter(label__icontains="Marta").exists()
    assert candidate_purge_expired(now=finished + timedelta(days=400)) == 0  # once only


@pytest.mark.django_db
@override_settings(STEADY_CANDIDATE_RETENTION_DAYS=30)
def test_the_retention_period_is_a_setting(quiz):
    invitation, _token = invite(recruiter(), quiz, now=NOW)
    assert candidate_purge_expired(now=NOW + timedelta(days=29)) == 0
    assert candidate_purge_expired(now=NOW + timedelta(days=31)) == 1


@pytest.mark.django_db
def test_a_recruiter_deletes_a_candidate_at_once(client, quiz):
    boss = recruiter()
    invitation, _token = invite(boss, quiz, now=NOW)
    take(invitation, now=NOW)
    client.force_login(boss)
    response = client.post(
        reverse("hiring:candidate_action", args=[invitation.candidate_id, "delete"])
    )
    assert response.status_code == 302
    candidate = Candidate.objects.get(pk=invitation.candidate_id)
    assert candidate.is_purged and candidate.name == ""
    assert ModelLogEntry.objects.filter(action="steady.delete", user=boss).exists()
    assert not candidates_filtered().exists()  # gone from the desk


@pytest.mark.django_db
def test_deleting_twice_is_harmless(quiz):
    boss = recruiter()
    invitation, _token = invite(boss, quiz, now=NOW)
    candidate_delete_now(candidate=invitation.candidate, recruiter=boss, now=NOW)
    candidate_delete_now(candidate=invitation.candidate, recruiter=boss, now=NOW)
    assert Candidate.objects.get().is_purged


@pytest.mark.django_db
def test_the_percentile_is_hidden_below_ten_candidates(quiz):
    boss = recruiter()
    for number in range(9):
        invitation, _token = invite(boss, quiz, name=f"Person {number}", email=f"p{number}@x.org")
        take(invitation, right=number % 2 == 0)
    rows = candidate_table(list(candidates_filtered()))["rows"]
    assert len(rows) == 9 and all(row["percentile"] is None for row in rows)

    invitation, _token = invite(boss, quiz, name="Tenth Person", email="p10@x.org")
    take(invitation, right=True)
    rows = candidate_table(list(candidates_filtered()))["rows"]
    # Four wrong answers share the bottom, six right ones the top (ties count half).
    assert sorted(row["percentile"] for row in rows) == [20] * 4 + [70] * 6


@pytest.mark.django_db
def test_purged_candidates_still_count_for_percentiles(quiz):
    boss = recruiter()
    for number in range(10):
        invitation, _token = invite(
            boss, quiz, name=f"P {number}", email=f"q{number}@x.org", now=NOW
        )
        take(invitation, now=NOW)
    candidate_purge_expired(now=NOW + timedelta(days=365))
    invitation, _token = invite(boss, quiz, name="New One", email="new@x.org")
    take(invitation)
    (row,) = candidate_table(list(candidates_filtered()))["rows"]
    assert row["percentile"] == 50  # the same answers as all ten purged ones


def test_the_purge_runs_daily():
    (entry,) = [s for s in SCHEDULES if s["name"] == "steady.candidate_purge_expired"]
    assert entry["schedule_type"] == "D"
    assert entry["func"] == "hiring.tasks.candidate_purge_expired_task"
