"""Invitations: e-mail and link, consent, use and resume, expiry, revoke, resend,
extend, and bulk invitations where one bad row means nobody is invited."""

import hashlib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import Answer, Attempt
from hiring.models import Candidate, Invitation
from hiring.services.candidates import candidate_attempt_start
from hiring.services.invitations import (
    InvitationError,
    LinkState,
    invitation_create_bulk,
    invitation_extend,
    invitation_open,
    invitation_resend,
    invitation_revoke,
)
from tests.factories import recruiter

from .helpers import NOW, hiring_quiz, invite, position, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(demo_site):
    return hiring_quiz(demo_site)


@pytest.fixture
def boss():
    return recruiter(username="rita")


def url(name, token):
    return reverse(f"hiring:{name}", args=[token])


def test_it_emails_a_link_in_text_and_html_and_stores_only_the_hash(quiz, boss):
    invitation, token = invite(boss, quiz, now=NOW)
    message = mail.outbox[0]
    assert message.to == ["marta@example.com"]
    assert token in message.body
    assert token in message.alternatives[0][0]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    stored = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert all(token not in str(value) for value in stored.values())


def test_the_email_and_the_link_are_in_the_candidates_language(quiz, boss):
    invite(boss, quiz, name="Ivan Petrov", language="ru")
    assert "/ru/assessment/" in mail.outbox[0].body


def test_a_russian_candidate_reads_the_notice_in_russian(client, quiz, boss):
    _invitation, token = invite(boss, quiz, name="Ivan Petrov", language="ru")
    path = mail.outbox[0].body.split("http://127.0.0.1:8000")[1].split()[0]
    page = client.get(path).content.decode()
    assert 'lang="ru"' in page and "Что записывается" in page
    assert "Ваша оценка" in mail.outbox[0].subject


def test_consent_is_required_before_the_first_question(client, quiz, boss):
    invitation, token = invite(boss, quiz)
    assert client.get(url("assessment_take", token)).url == url("assessment_landing", token)
    refused = client.post(url("assessment_landing", token), {})
    assert refused.status_code == 400
    saved = client.post(
        url("assessment_answer", token),
        data={"question": 1, "answer": {"choice": 0}},
        content_type="application/json",
    )
    assert saved.status_code == 409
    invitation.refresh_from_db()
    assert invitation.consented_at is None and invitation.attempt is None
    assert not Answer.objects.exists()
    with pytest.raises(InvitationError):
        candidate_attempt_start(invitation=invitation, now=timezone.now())


def test_a_candidate_consents_answers_resumes_and_finishes_once(client, quiz, boss):
    invitation, token = invite(boss, quiz)
    landing = client.get(url("assessment_landing", token))
    assert "what is recorded" in landing.content.decode().lower()
    started = client.post(url("assessment_landing", token), {"consent": "yes"})
    assert started.url == url("assessment_take", token)
    invitation.refresh_from_db()
    assert invitation.consented_at is not None
    attempt = invitation.attempt
    question = attempt.question_ids[0]
    saved = client.post(
        url("assessment_answer", token),
        data={"question": question, "answer": {"choice": 0}},
        content_type="application/json",
    )
    assert saved.json()["ok"] is True
    # The browser closes; the same link resumes the same attempt.
    client.cookies.clear()
    assert (
        "Continue the assessment" in client.get(url("assessment_landing", token)).content.decode()
    )
    assert client.get(url("assessment_take", token)).status_code == 200
    assert client.post(url("assessment_submit", token)).url == url("assessment_done", token)
    assert "Thank you" in client.get(url("assessment_done", token)).content.decode()
    used = client.get(url("assessment_landing", token))
    assert used.status_code == 410 and "has been used" in used.content.decode()
    assert Attempt.objects.count() == 1
    with pytest.raises(InvitationError):
        candidate_attempt_start(invitation=invitation, now=timezone.now())


def test_an_expired_link_says_so_and_nothing_else(client, quiz, boss):
    invitation, token = invite(boss, quiz, now=timezone.now() - timedelta(days=30))
    page = client.get(url("assessment_landing", token))
    assert page.status_code == 410
    body = page.content.decode()
    assert "expired" in body and "Marta" not in body and quiz.title not in body


def test_a_revoked_link_stops_even_an_attempt_in_progress(client, quiz, boss):
    invitation, token = invite(boss, quiz)
    client.post(url("assessment_landing", token), {"consent": "yes"})
    invitation.refresh_from_db()
    invitation_revoke(invitation=invitation, recruiter=boss, now=timezone.now())
    page = client.get(url("assessment_take", token))
    assert page.status_code == 410 and "withdrawn" in page.content.decode()
    saved = client.post(
        url("assessment_answer", token),
        data={"question": invitation.attempt.question_ids[0], "answer": {"choice": 0}},
        content_type="application/json",
    )
    assert saved.status_code == 409 and saved.json()["closed"] is True


def test_resend_sends_a_new_link_and_the_old_one_stops(client, quiz, boss):
    invitation, old = invite(boss, quiz)
    invitation_resend(invitation=invitation, recruiter=boss, now=timezone.now())
    new = mail.outbox[-1].body.split("/assessment/")[1].split("/")[0]
    assert new != old and len(mail.outbox) == 2
    assert invitation.sent_count == 2
    assert client.get(url("assessment_landing", old)).status_code == 404
    assert client.get(url("assessment_landing", new)).status_code == 200


def test_extend_revives_an_expired_link(quiz, boss):
    invitation, token = invite(boss, quiz, now=NOW)
    later = NOW + timedelta(days=20)
    assert invitation_open(raw_token=token, now=later).state == LinkState.EXPIRED
    invitation_extend(invitation=invitation, recruiter=boss, days=7, now=later)
    assert invitation_open(raw_token=token, now=later).state == LinkState.OK
    assert invitation_open(raw_token=token, now=later + timedelta(days=8)).state == "expired"
    with pytest.raises(InvitationError):
        invitation_extend(invitation=invitation, recruiter=boss, days=0, now=later)


def test_the_link_resumes_until_the_deadline_then_is_used(quiz, boss):
    invitation, token = invite(boss, quiz, now=NOW)
    take(invitation, now=NOW, submit=False)
    assert invitation_open(raw_token=token, now=NOW + timedelta(minutes=29)).ok
    assert invitation_open(raw_token=token, now=NOW + timedelta(minutes=31)).state == "used"


def test_every_recruiter_action_is_in_the_audit_log(quiz, boss):
    invitation, _token = invite(boss, quiz)
    now = timezone.now()
    invitation_resend(invitation=invitation, recruiter=boss, now=now)
    invitation_extend(invitation=invitation, recruiter=boss, days=3, now=now)
    invitation_revoke(invitation=invitation, recruiter=boss, now=now)
    entries = ModelLogEntry.objects.filter(object_id=str(invitation.candidate_id))
    assert set(entries.values_list("action", flat=True)) == {
        "steady.invite",
        "steady.resend",
        "steady.extend",
        "steady.revoke",
    }
    assert all(entry.user_id == boss.pk for entry in entries)
    assert not entries.filter(label__icontains="Marta").exists()


def test_a_bulk_list_with_a_bad_row_invites_nobody(quiz, boss):
    position("Support agent")
    text = (
        "name,email,position\n"
        "Ala Kot,ala@example.com,Support agent\n"
        "Bob,not-an-email,Support agent\n"
        "Cyd,cyd@example.com,Astronaut\n"
        "Dee,ala@example.com,\n"
    )
    result = invitation_create_bulk(
        recruiter=boss, quiz=quiz, text=text, default_position=None, language="en", now=NOW
    )
    assert [line for line, _message in result.errors] == [3, 4, 5]
    assert "not-an-email" in result.errors[0][1]
    assert Candidate.objects.count() == 0 and not mail.outbox


def test_a_good_bulk_list_invites_everyone(quiz, boss):
    default = position("Support agent")
    position("Senior agent")
    text = "Ala Kot, ala@example.com\nBen Lis, ben@example.com, senior agent\n"
    result = invitation_create_bulk(
        recruiter=boss, quiz=quiz, text=text, default_position=default, language="pl", now=NOW
    )
    assert not result.errors and len(result.created) == 2
    assert [c.position.title for c in Candidate.objects.order_by("email")] == [
        "Support agent",
        "Senior agent",
    ]
    assert len(mail.outbox) == 2 and "/pl/assessment/" in mail.outbox[0].body


def test_the_invite_page_reports_bad_csv_rows_per_row(client, quiz, boss):
    client.force_login(boss)
    upload = SimpleUploadedFile(
        "people.csv", b"Ala,ala@example.com,Support agent\nBob,bob@,Support agent\n"
    )
    position("Support agent")
    response = client.post(
        reverse("hiring:candidate_invite"),
        {"mode": "many", "quiz": quiz.pk, "language": "en", "csv_file": upload},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nobody was invited" in body and "Row 2" in body
    assert not Candidate.objects.exists()


def test_the_invite_page_invites_one(client, quiz, boss):
    client.force_login(boss)
    response = client.post(
        reverse("hiring:candidate_invite"),
        {
            "mode": "one",
            "quiz": quiz.pk,
            "position": position().pk,
            "language": "en",
            "name": "Zoe Park",
            "email": "zoe@example.com",
        },
    )
    assert response.url == reverse("hiring:candidate_list")
    assert Candidate.objects.get().name == "Zoe Park" and len(mail.outbox) == 1


def test_the_invite_form_explains_what_is_missing(client, quiz, boss):
    client.force_login(boss)
    response = client.post(
        reverse("hiring:candidate_invite"), {"mode": "one", "quiz": quiz.pk, "language": "en"}
    )
    body = response.content.decode()
    assert "Enter the candidate" in body and "Choose a position" in body


def test_only_hiring_quizzes_take_candidates(demo_site, boss):
    training = hiring_quiz(demo_site, slug="practice")
    training.mode = "training"
    training.save()
    with pytest.raises(InvitationError):
        invite(boss, training)
    assert not Candidate.objects.exists()
