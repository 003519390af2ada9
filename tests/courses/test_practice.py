"""Live practice: "Check my reply" in lessons and quizzes, never in hiring assessments."""

import json
from datetime import UTC, datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from courses.services.attempts import attempt_start
from tests.factories import agent, course, enrol, lesson

from .quizzes import question, quiz

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db

GOOD = "I understand. I can offer store credit today and I'll email you the voucher by 5 pm."


def practice_block(weak="We can't refund you. It's our policy.") -> dict:
    return {
        "type": "practice",
        "value": {"situation": "A refund after 30 days.", "weak_reply": weak, "hint": ""},
    }


def check(client, **payload):
    return client.post(
        reverse("courses:practice_check"), json.dumps(payload), content_type="application/json"
    )


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()  # the checks are counted in the cache, which outlives a test's database


@pytest.fixture
def learner(db):
    return agent()


@pytest.fixture
def practice_lesson(demo_site):
    page = course(lessons=0)
    return page, lesson(page, blocks=[practice_block()])


def test_a_lesson_shows_the_practice_block_with_its_check_button(
    client, learner, practice_lesson, django_assert_max_num_queries
):
    page, page_lesson = practice_lesson
    enrol(learner, page)
    client.force_login(learner)
    with django_assert_max_num_queries(28):
        response = client.get(page_lesson.url)
    text = response.content.decode()
    assert response.status_code == 200
    assert "data-practice-check" in text and "We can&#x27;t refund you." in text


def test_an_enrolled_learner_checks_a_draft_and_gets_findings_with_spans(
    client, learner, practice_lesson
):
    page, page_lesson = practice_lesson
    enrol(learner, page)
    client.force_login(learner)
    block_id = page_lesson.body[0].id
    response = check(client, text=GOOD, lesson=page_lesson.pk, block=block_id)
    data = response.json()
    assert response.status_code == 200
    assert data["passed"] and data["score"] >= 60
    next_step = next(f for f in data["findings"] if f["code"] == "next_step")
    assert GOOD[next_step["start"] : next_step["end"]] == next_step["excerpt"]


def test_an_insult_is_named_in_the_live_feedback(client, learner, practice_lesson):
    page, page_lesson = practice_lesson
    enrol(learner, page)
    client.force_login(learner)
    text = "Thank you, you idiot. I'll email you the voucher by 5 pm."
    data = check(client, text=text, lesson=page_lesson.pk, block=page_lesson.body[0].id).json()
    abuse = next(f for f in data["findings"] if f["code"] == "abuse")
    assert not data["passed"] and "idiot" in abuse["message"]


def test_a_learner_who_is_not_enrolled_cannot_check(client, learner, practice_lesson):
    _page, page_lesson = practice_lesson
    client.force_login(learner)
    response = check(client, text=GOOD, lesson=page_lesson.pk, block=page_lesson.body[0].id)
    assert response.status_code == 403 and "error" in response.json()


def test_an_anonymous_visitor_cannot_check(client, practice_lesson):
    _page, page_lesson = practice_lesson
    response = check(client, text=GOOD, lesson=page_lesson.pk, block=page_lesson.body[0].id)
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"block": None}, 400),  # no block named
        ({"block": "no-such-block"}, 404),
        ({"text": "   "}, 400),
        ({"text": "x" * 2001}, 400),
    ],
)
def test_a_malformed_or_empty_check_is_refused_with_a_message(
    client, learner, practice_lesson, change, status
):
    page, page_lesson = practice_lesson
    enrol(learner, page)
    client.force_login(learner)
    payload = {"text": GOOD, "lesson": page_lesson.pk, "block": page_lesson.body[0].id, **change}
    payload = {key: value for key, value in payload.items() if value is not None}
    response = check(client, **payload)
    assert response.status_code == status and response.json()["error"]


@override_settings(STEADY_PRACTICE_RATE_LIMIT="2/1m")
def test_checks_are_rate_limited_per_person(client, learner, practice_lesson):
    page, page_lesson = practice_lesson
    enrol(learner, page)
    client.force_login(learner)
    payload = {"text": GOOD, "lesson": page_lesson.pk, "block": page_lesson.body[0].id}
    statuses = [check(client, **payload).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_refresher_quiz_that_allows_it_offers_the_check(client, demo_site, learner):
    q = question("rephrasing")
    page = quiz(demo_site, [q], mode="refresher", live_practice=True)
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    client.force_login(learner)
    take = client.get(reverse("courses:attempt_take", args=[attempt.pk])).content.decode()
    response = check(client, text=GOOD, attempt=attempt.pk, question=q.pk)
    assert "data-practice-check" in take
    assert response.status_code == 200 and response.json()["passed"]


def test_a_quiz_that_does_not_allow_it_neither_shows_nor_answers(client, demo_site, learner):
    q = question("rephrasing")
    page = quiz(demo_site, [q], mode="training")
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    client.force_login(learner)
    take = client.get(reverse("courses:attempt_take", args=[attempt.pk])).content.decode()
    assert "data-practice-check" not in take
    assert check(client, text=GOOD, attempt=attempt.pk, question=q.pk).status_code == 403


def test_a_hiring_attempt_is_refused_even_if_the_setting_was_forced_on(client, demo_site, learner):
    q = question("rephrasing")
    page = quiz(demo_site, [q], mode="hiring")
    type(page).objects.filter(pk=page.pk).update(live_practice=True)  # bypasses clean()
    page.refresh_from_db()
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    client.force_login(learner)
    take = client.get(reverse("courses:attempt_take", args=[attempt.pk])).content.decode()
    response = check(client, text=GOOD, attempt=attempt.pk, question=q.pk)
    assert "data-practice-check" not in take
    assert response.status_code == 403 and "score" not in response.json()


def test_an_editor_cannot_turn_the_check_on_for_a_hiring_quiz(demo_site):
    page = quiz(demo_site, [question("rephrasing")], mode="hiring")
    page.live_practice = True
    with pytest.raises(ValidationError, match="never lets a candidate"):
        page.full_clean()


def test_someone_else_s_attempt_is_not_found(client, demo_site, learner):
    q = question("rephrasing")
    page = quiz(demo_site, [q], mode="refresher", live_practice=True)
    attempt = attempt_start(quiz=page, user=agent(), now=NOW)
    client.force_login(learner)
    assert check(client, text=GOOD, attempt=attempt.pk, question=q.pk).status_code == 404


def test_a_question_outside_the_attempt_is_refused(client, demo_site, learner):
    q = question("rephrasing")
    page = quiz(demo_site, [q], mode="refresher", live_practice=True)
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    client.force_login(learner)
    other = question("rephrasing")
    assert check(client, text=GOOD, attempt=attempt.pk, question=other.pk).status_code == 400
