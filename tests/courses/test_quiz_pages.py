"""Quiz pages: start, take with autosave, submit, result, review, grading; who may see what."""

import json
import re

import pytest
from django.urls import reverse

from courses.models import Answer, Attempt
from tests.factories import PASSWORD, agent, editor, recruiter

from .quizzes import choice_id, dialogue_question, question, quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return agent()


def signed_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def mixed_questions(count: int):
    kinds = ["single", "multiple", "true_false", "situational", "rephrasing", "free_text"]
    made = [question(kinds[i % len(kinds)], title=f"Q{i}") for i in range(count - 1)]
    return [*made, dialogue_question()]


def start(client, page) -> Attempt:
    response = client.post(page.url)
    assert response.status_code == 302
    return Attempt.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def post_answer(client, attempt, question_id, answer):
    return client.post(
        reverse("courses:attempt_answer", args=[attempt.pk]),
        data=json.dumps({"question": question_id, "answer": answer}),
        content_type="application/json",
    )


def test_a_visitor_is_sent_to_sign_in(client, demo_site):
    page = quiz(demo_site, [question("single")])
    response = client.get(page.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("count", [3, 30])
def test_the_quiz_and_the_take_page_keep_their_queries_bounded(
    client, demo_site, learner, django_assert_max_num_queries, count
):
    page = quiz(demo_site, mixed_questions(count), time_limit_seconds=600)
    signed_in(client, learner)
    # Wagtail's site and page routing included, the check-in banner's two reads and
    # the parent course looked up for the breadcrumb.
    with django_assert_max_num_queries(19):
        assert client.get(page.url).status_code == 200
    attempt = start(client, page)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("courses:attempt_take", args=[attempt.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="card question ') == count


def test_an_answer_is_saved_by_a_small_json_post_and_shown_after_a_reload(
    client, demo_site, learner, django_assert_max_num_queries
):
    talk = dialogue_question()
    single = question("single")
    page = quiz(demo_site, [single, talk], time_limit_seconds=600)
    signed_in(client, learner)
    attempt = start(client, page)

    with django_assert_max_num_queries(14):  # savepoints included
        response = post_answer(client, attempt, single.pk, {"choice": 0})
    assert response.status_code == 200
    assert response.json()["ok"] and 0 < response.json()["seconds_left"] <= 600
    step = choice_id(talk, "I'm sorry")
    assert post_answer(client, attempt, talk.pk, {"path": [step]}).status_code == 200

    html = client.get(reverse("courses:attempt_take", args=[attempt.pk])).content.decode()
    assert f'data-path="{step}"' in html
    assert 'value="0" data-field="choice"\n            checked' in html


def test_bad_answers_get_a_clear_refusal(client, demo_site, learner):
    single = question("single")
    page = quiz(demo_site, [single])
    signed_in(client, learner)
    attempt = start(client, page)
    url = reverse("courses:attempt_answer", args=[attempt.pk])
    assert client.post(url, data="not json", content_type="application/json").status_code == 400
    refused = post_answer(client, attempt, single.pk, {"choice": 5})
    assert refused.status_code == 400
    assert refused.json()["error"] == "That option does not exist."
    other = question("single")
    assert post_answer(client, attempt, other.pk, {"choice": 0}).status_code == 400


def test_submitting_shows_the_total_and_per_competency_bars(
    client, demo_site, learner, django_assert_max_num_queries
):
    talk = dialogue_question()
    page = quiz(demo_site, [question("single", competencies=("attention",)), talk])
    signed_in(client, learner)
    attempt = start(client, page)
    post_answer(client, attempt, talk.pk, {"path": [choice_id(talk, "Calm down")]})
    submitted = client.post(reverse("courses:attempt_submit", args=[attempt.pk]))
    assert submitted.url == reverse("courses:attempt_result", args=[attempt.pk])
    again = client.post(reverse("courses:attempt_submit", args=[attempt.pk]))
    assert again.status_code == 302

    with django_assert_max_num_queries(10):
        result = client.get(submitted.url)
    html = result.content.decode()
    assert 'data-competency="empathy"' in html
    assert 'data-competency="attention"' in html
    assert "Not passed" in html
    with django_assert_max_num_queries(14):
        review = client.get(reverse("courses:attempt_review", args=[attempt.pk]))
    assert review.status_code == 200
    assert "Calm down." in review.content.decode()


def test_a_closed_attempt_refuses_answers_with_409(client, demo_site, learner):
    single = question("single")
    page = quiz(demo_site, [single])
    signed_in(client, learner)
    attempt = start(client, page)
    client.post(reverse("courses:attempt_submit", args=[attempt.pk]))
    refused = post_answer(client, attempt, single.pk, {"choice": 0})
    assert refused.status_code == 409 and refused.json()["closed"]
    assert not Answer.objects.exists()


def test_a_hiring_quiz_shows_no_review(client, demo_site, learner):
    page = quiz(demo_site, [question("single")], mode="hiring", feedback="never")
    signed_in(client, learner)
    attempt = start(client, page)
    client.post(reverse("courses:attempt_submit", args=[attempt.pk]))
    assert client.get(reverse("courses:attempt_review", args=[attempt.pk])).status_code == 404
    assert (
        "Review my answers"
        not in client.get(reverse("courses:attempt_result", args=[attempt.pk])).content.decode()
    )


@pytest.mark.parametrize("name", ["attempt_take", "attempt_result", "attempt_review"])
def test_another_persons_attempt_is_not_found(client, demo_site, learner, name):
    single = question("single")
    page = quiz(demo_site, [single])
    owner = agent()
    attempt = start(signed_in(client, owner), page)
    client.logout()
    signed_in(client, learner)
    assert client.get(reverse(f"courses:{name}", args=[attempt.pk])).status_code == 404
    assert post_answer(client, attempt, single.pk, {"choice": 0}).status_code == 404
    assert client.post(reverse("courses:attempt_submit", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open


def test_all_attempts_used_shows_a_message_and_refuses_a_new_one(client, demo_site, learner):
    page = quiz(demo_site, [question("single")], attempts_allowed=1)
    signed_in(client, learner)
    attempt = start(client, page)
    client.post(reverse("courses:attempt_submit", args=[attempt.pk]))
    assert "You have used all the attempts" in client.get(page.url).content.decode()
    client.post(page.url)
    assert Attempt.objects.filter(quiz=page).count() == 1


def closed_essay_attempt(demo_site, client, learner):
    essay = question("free_text")
    page = quiz(demo_site, [essay])
    signed_in(client, learner)
    attempt = start(client, page)
    post_answer(client, attempt, essay.pk, {"text": "Dear Marta, sorry."})
    client.post(reverse("courses:attempt_submit", args=[attempt.pk]))
    client.logout()
    return attempt.answers.get()


def test_an_agent_may_not_grade(client, demo_site, learner):
    answer = closed_essay_attempt(demo_site, client, learner)
    signed_in(client, learner)
    assert client.get(reverse("courses:grading_queue")).status_code == 403
    assert (
        client.post(reverse("courses:answer_grade", args=[answer.pk]), {"score": 100}).status_code
        == 403
    )


@pytest.mark.parametrize("count", [3, 30])
def test_an_editor_grades_from_the_queue(
    client, demo_site, learner, django_assert_max_num_queries, count
):
    answers = [closed_essay_attempt(demo_site, client, agent()) for _ in range(count)]
    signed_in(client, editor())
    with django_assert_max_num_queries(8):
        queue = client.get(reverse("courses:grading_queue"))
    assert len(re.findall(r"/quiz/grading/\d+/", queue.content.decode())) == count
    url = reverse("courses:answer_grade", args=[answers[0].pk])
    bad = client.post(url, {"score": 140})
    assert "A grade is a percentage from 0 to 100." in bad.content.decode()
    assert client.post(url, {"score": 80, "note": "Warm"}).status_code == 302
    answers[0].refresh_from_db()
    assert answers[0].manual_score == 0.8
    assert answers[0].attempt.__class__.objects.get(pk=answers[0].attempt_id).passed is True


def test_a_recruiter_cannot_open_the_staff_grading_queue(client, demo_site, learner):
    """Recruiters grade candidates in the hiring queue; agents' answers are not theirs."""
    closed_essay_attempt(demo_site, client, learner)
    signed_in(client, recruiter())
    assert client.get(reverse("courses:grading_queue")).status_code == 403


def test_over_http_time_runs_on_the_server_and_a_late_answer_is_refused(
    client, demo_site, learner, monkeypatch
):
    from datetime import timedelta

    from django.utils import timezone

    first, second = question("single"), question("single")
    page = quiz(demo_site, [first, second], time_limit_seconds=600, pass_mark=50)
    signed_in(client, learner)
    attempt = start(client, page)
    assert post_answer(client, attempt, first.pk, {"choice": 0}).status_code == 200

    started = timezone.now()
    take = reverse("courses:attempt_take", args=[attempt.pk])
    # A reload 250 s later resumes the same attempt with the time the server counts.
    monkeypatch.setattr(timezone, "now", lambda: started + timedelta(seconds=250))
    assert start(client, page).pk == attempt.pk
    match = re.search(r'data-seconds-left="(\d+)"', client.get(take).content.decode())
    assert match and 345 <= int(match.group(1)) <= 350

    # Past the limit the answer is refused and the attempt closes with what was saved.
    monkeypatch.setattr(timezone, "now", lambda: started + timedelta(seconds=601))
    late = post_answer(client, attempt, second.pk, {"choice": 0})
    assert late.status_code == 409
    assert late.json()["closed"] and late.json()["late"]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.score == 50.0
    assert list(Answer.objects.filter(attempt=attempt).values_list("question", flat=True)) == [
        first.pk
    ]
