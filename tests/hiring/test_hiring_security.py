"""Who may see hiring: recruiters only, and nothing of wellbeing; a candidate's token
opens only that candidate's attempt; guessed or tampered tokens are refused and
rate limited; tokens are stored hashed."""

import hashlib
import os

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses.models import Answer
from hiring.models import Invitation, TokenRateLimit
from hiring.ratelimit import Rate, rate_hit, rate_parse
from tests.factories import (
    TeamFactory,
    UserFactory,
    agent,
    editor,
    lead_of,
    recruiter,
    wellbeing_admin,
)

from .helpers import hiring_quiz, invite, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(demo_site):
    return hiring_quiz(demo_site)


@pytest.fixture
def candidate_pk(quiz):
    invitation, _token = invite(recruiter(username="inviter"), quiz)
    take(invitation)
    return invitation.candidate_id


def hiring_urls(candidate_pk, answer_pk):
    return [
        ("get", reverse("hiring:candidate_list")),
        ("get", reverse("hiring:candidate_list") + "?export=csv"),
        ("get", reverse("hiring:candidate_invite")),
        ("get", reverse("hiring:position_list")),
        ("post", reverse("hiring:position_list")),
        ("get", reverse("hiring:candidate_compare") + f"?c={candidate_pk}"),
        ("get", reverse("hiring:candidate_detail", args=[candidate_pk])),
        ("post", reverse("hiring:candidate_decision", args=[candidate_pk])),
        ("post", reverse("hiring:candidate_action", args=[candidate_pk, "revoke"])),
        ("post", reverse("hiring:candidate_action", args=[candidate_pk, "delete"])),
        ("get", reverse("hiring:grading_queue")),
        ("get", reverse("hiring:answer_grade", args=[answer_pk])),
        ("post", reverse("hiring:answer_grade", args=[answer_pk])),
    ]


@pytest.mark.parametrize(
    "make_user",
    [
        agent,
        editor,
        wellbeing_admin,
        lambda: lead_of(TeamFactory()),
        lambda: UserFactory(roles=[]),
    ],
    ids=["agent", "editor", "wellbeing-admin", "lead", "no-role"],
)
def test_only_recruiters_see_hiring(client, candidate_pk, make_user):
    answer_pk = Answer.objects.filter(question__kind="free_text").get().pk
    client.force_login(make_user())
    for method, url in hiring_urls(candidate_pk, answer_pk):
        response = getattr(client, method)(url, {"decision": "advance", "score": 50})
        assert response.status_code == 403, url
    invitation = Invitation.objects.get(candidate_id=candidate_pk)
    assert invitation.revoked_at is None and not invitation.candidate.decision
    assert invitation.candidate.name  # not deleted


def test_anonymous_visitors_are_sent_to_sign_in(client, candidate_pk):
    answer_pk = Answer.objects.filter(question__kind="free_text").get().pk
    for method, url in hiring_urls(candidate_pk, answer_pk):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url


def test_recruiters_see_hiring_and_nothing_of_wellbeing(client, candidate_pk):
    client.force_login(recruiter())
    assert client.get(reverse("hiring:candidate_list")).status_code == 200
    assert client.get(reverse("wellbeing:team_dashboard")).status_code == 403
    assert client.get(reverse("wellbeing:organisation")).status_code == 403
    page = client.get(reverse("hiring:candidate_list")).content.decode()
    assert reverse("wellbeing:organisation") not in page


def test_a_token_opens_only_its_own_candidates_attempt(client, quiz):
    boss = recruiter()
    first, first_token = invite(boss, quiz, name="Ann One", email="ann@example.com")
    second, second_token = invite(boss, quiz, name="Bob Two", email="bob@example.com")
    client.post(reverse("hiring:assessment_landing", args=[first_token]), {"consent": "yes"})
    client.post(reverse("hiring:assessment_landing", args=[second_token]), {"consent": "yes"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.attempt_id != second.attempt_id
    page = client.get(reverse("hiring:assessment_take", args=[first_token])).content.decode()
    assert f'data-answer-url="{reverse("hiring:assessment_answer", args=[first_token])}"' in page
    assert second_token not in page and "Bob" not in page
    client.post(
        reverse("hiring:assessment_answer", args=[first_token]),
        data={"question": first.attempt.question_ids[0], "answer": {"choice": 1}},
        content_type="application/json",
    )
    assert Answer.objects.filter(attempt=first.attempt).count() == 1
    assert Answer.objects.filter(attempt=second.attempt).count() == 0


def test_a_tampered_token_gets_the_same_plain_page(client, quiz):
    _invitation, token = invite(recruiter(), quiz)
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (tampered, "guess", "x" * 200):
        page = client.get(reverse("hiring:assessment_landing", args=[bad]))
        assert page.status_code == 404
        assert "Link not valid" in page.content.decode() and "Marta" not in page.content.decode()


@override_settings(STEADY_TOKEN_RATE_LIMIT="5/10m")
def test_guessing_tokens_is_rate_limited_then_even_a_good_link_waits(client, quiz):
    _invitation, token = invite(recruiter(), quiz)
    statuses = [
        client.get(reverse("hiring:assessment_landing", args=[f"guess{n}"])).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [404] * 5 and statuses[5:] == [429, 429]
    blocked = client.get(reverse("hiring:assessment_landing", args=[token]))
    assert blocked.status_code == 429 and "Too many" in blocked.content.decode()
    other = client.get(reverse("hiring:assessment_landing", args=[token]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert not TokenRateLimit.objects.filter(key__contains="127.0.0.1").exists()  # hashed


def test_autosave_with_a_valid_token_does_not_use_up_the_limit(client, quiz):
    invitation, token = invite(recruiter(), quiz)
    client.post(reverse("hiring:assessment_landing", args=[token]), {"consent": "yes"})
    invitation.refresh_from_db()
    with override_settings(STEADY_TOKEN_RATE_LIMIT="3/10m"):
        for _n in range(6):
            saved = client.post(
                reverse("hiring:assessment_answer", args=[token]),
                data={"question": invitation.attempt.question_ids[0], "answer": {"choice": 0}},
                content_type="application/json",
            )
            assert saved.status_code == 200


def test_the_database_limit_counts_per_window():
    now = timezone.now()
    rate = Rate(limit=2, seconds=600)
    assert rate_hit(key="k", now=now, rate=rate) and rate_hit(key="k", now=now, rate=rate)
    assert not rate_hit(key="k", now=now, rate=rate)
    assert rate_hit(key="other", now=now, rate=rate)


def test_the_rate_setting_is_parsed_plainly():
    assert rate_parse("30/10m") == Rate(30, 600)
    assert rate_parse("5/h") == Rate(5, 3600)
    with pytest.raises(ValueError):
        rate_parse("lots")


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set")
def test_the_limit_lives_in_redis_when_the_cache_is_redis():
    from django.core.cache import caches

    now = timezone.now()
    key = f"redis-test-{os.getpid()}"
    rate = Rate(limit=1, seconds=60)
    assert "redis" in type(caches["default"]).__module__.lower()
    assert rate_hit(key=key, now=now, rate=rate)
    assert not rate_hit(key=key, now=now, rate=rate)
    assert not TokenRateLimit.objects.exists()


def test_tokens_are_stored_hashed(quiz):
    invitation, token = invite(recruiter(), quiz)
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_the_staff_grading_queue_shows_no_candidate_answers(client, candidate_pk):
    candidate_answer = Answer.objects.filter(question__kind="free_text").get()
    client.force_login(editor())
    queue = client.get(reverse("courses:grading_queue"))
    assert queue.status_code == 200
    assert f"/quiz/grading/{candidate_answer.pk}/" not in queue.content.decode()
    assert (
        client.get(reverse("courses:answer_grade", args=[candidate_answer.pk])).status_code == 404
    )
