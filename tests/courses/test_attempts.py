"""Attempts: autosave, resume with the time left, time limits, double submits, attempts
allowed, drawing from pools and the grading method. Time is pinned, never slept."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from courses.models import Answer, Attempt
from courses.selectors import attempt_counting
from courses.services.attempts import (
    AnswerInvalid,
    AttemptClosed,
    NoAttemptsLeft,
    attempt_answer_save,
    attempt_expire_overdue,
    attempt_start,
    attempt_submit,
)
from courses.services.grading import answer_grade
from tests.factories import agent, editor

from .quizzes import category, choice_id, dialogue_question, question, quiz

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(db):
    return agent()


def test_each_answer_is_saved_on_its_own_and_replaced_by_the_next_change(demo_site, learner):
    q1, q2 = question("single"), question("multiple")
    page = quiz(demo_site, [q1, q2])
    attempt = attempt_start(quiz=page, user=learner, now=NOW)

    attempt_answer_save(attempt=attempt, question=q1, answer={"choice": 1}, now=NOW)
    attempt_answer_save(attempt=attempt, question=q1, answer={"choice": 0}, now=NOW)
    attempt_answer_save(attempt=attempt, question=q2, answer={"choices": [1, 0, 0]}, now=NOW)

    saved = {a.question_id: a.response for a in Answer.objects.filter(attempt=attempt)}
    assert saved == {q1.pk: {"choice": 0}, q2.pk: {"choices": [0, 1]}}


def test_reopening_the_quiz_resumes_the_open_attempt_with_the_time_the_server_counts(
    demo_site, learner
):
    q1 = question("single")
    page = quiz(demo_site, [q1], time_limit_seconds=600)
    first = attempt_start(quiz=page, user=learner, now=NOW)
    attempt_answer_save(attempt=first, question=q1, answer={"choice": 0}, now=NOW)

    later = NOW + timedelta(seconds=250)
    resumed = attempt_start(quiz=page, user=learner, now=later)

    assert resumed.pk == first.pk
    assert resumed.seconds_left(later) == 350
    assert resumed.answers.get().response == {"choice": 0}


def test_an_answer_after_the_time_limit_is_refused_and_the_attempt_closes_with_what_was_saved(
    demo_site, learner
):
    q1, q2 = question("single"), question("single")
    page = quiz(demo_site, [q1, q2], time_limit_seconds=60, pass_mark=50)
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    attempt_answer_save(attempt=attempt, question=q1, answer={"choice": 0}, now=NOW)

    with pytest.raises(AttemptClosed) as refused:
        attempt_answer_save(
            attempt=attempt, question=q2, answer={"choice": 0}, now=NOW + timedelta(seconds=61)
        )

    assert refused.value.late
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.score == 50.0
    assert attempt.passed is True
    assert not Answer.objects.filter(attempt=attempt, question=q2).exists()


def test_a_closed_attempt_takes_no_more_answers(demo_site, learner):
    q1 = question("single")
    page = quiz(demo_site, [q1])
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    attempt_submit(attempt=attempt, now=NOW)
    with pytest.raises(AttemptClosed):
        attempt_answer_save(attempt=attempt, question=q1, answer={"choice": 0}, now=NOW)


def test_a_double_submit_counts_once(demo_site, learner):
    q1 = question("single")
    page = quiz(demo_site, [q1])
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    attempt_answer_save(attempt=attempt, question=q1, answer={"choice": 0}, now=NOW)

    first = attempt_submit(attempt=attempt, now=NOW + timedelta(seconds=5))
    again = attempt_submit(
        attempt=Attempt.objects.get(pk=attempt.pk), now=NOW + timedelta(seconds=9)
    )

    assert first.finished_at == again.finished_at == NOW + timedelta(seconds=5)
    assert Attempt.objects.filter(quiz=page, user=learner).count() == 1
    assert again.score == 100.0


def test_a_submit_after_the_deadline_closes_the_attempt_as_expired(demo_site, learner):
    page = quiz(demo_site, [question("single")], time_limit_seconds=60)
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    attempt_submit(attempt=attempt, now=NOW + timedelta(minutes=5))
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.score == 0.0


def test_the_overdue_task_closes_open_attempts_past_their_deadline(demo_site, learner):
    page = quiz(demo_site, [question("single")], time_limit_seconds=60)
    overdue = attempt_start(quiz=page, user=learner, now=NOW)
    other = attempt_start(quiz=quiz(demo_site, [question("single")]), user=learner, now=NOW)

    assert attempt_expire_overdue(now=NOW + timedelta(seconds=30)) == 0
    assert attempt_expire_overdue(now=NOW + timedelta(seconds=61)) == 1
    overdue.refresh_from_db()
    other.refresh_from_db()
    assert overdue.status == Attempt.Status.EXPIRED
    assert other.is_open


def test_attempts_allowed_is_enforced(demo_site, learner):
    page = quiz(demo_site, [question("single")], attempts_allowed=2)
    for _round in range(2):
        attempt_submit(attempt=attempt_start(quiz=page, user=learner, now=NOW), now=NOW)
    with pytest.raises(NoAttemptsLeft):
        attempt_start(quiz=page, user=learner, now=NOW)


def test_an_expired_open_attempt_is_closed_when_the_person_starts_again(demo_site, learner):
    page = quiz(demo_site, [question("single")], time_limit_seconds=60)
    first = attempt_start(quiz=page, user=learner, now=NOW)
    second = attempt_start(quiz=page, user=learner, now=NOW + timedelta(minutes=2))
    first.refresh_from_db()
    assert first.status == Attempt.Status.EXPIRED
    assert second.number == 2 and second.is_open


def test_n_questions_are_drawn_from_categories_and_tags(demo_site, learner):
    pool = category("Delivery")
    in_category = [question("single", category=pool) for _ in range(4)]
    tagged = question("single")
    tagged.tags.add("refunds")
    tagged.save()
    outside = question("single")
    page = quiz(demo_site, draw_count=3, draw_tags="refunds")
    page.draw_categories.set([pool])
    page.save()

    seen = set()
    for seed in range(12):
        attempt = attempt_start(quiz=page, user=agent(), now=NOW, rng=random.Random(seed))
        assert len(attempt.question_ids) == 3
        assert len(set(attempt.question_ids)) == 3
        seen.update(attempt.question_ids)
    assert outside.pk not in seen
    assert seen <= {q.pk for q in in_category} | {tagged.pk}


def test_shuffled_options_keep_their_stored_indexes(demo_site, learner):
    q1 = question("situational")
    page = quiz(demo_site, [q1], shuffle_options=True)
    attempt = attempt_start(quiz=page, user=learner, now=NOW, rng=random.Random(3))
    assert sorted(attempt.option_orders[str(q1.pk)]) == [0, 1, 2, 3]
    attempt_answer_save(attempt=attempt, question=q1, answer={"most": 0, "least": 3}, now=NOW)
    assert attempt_submit(attempt=attempt, now=NOW).score == 100.0


def test_the_attempt_that_counts_follows_the_grading_method(demo_site, learner):
    q1, q2 = question("single"), question("single")
    page = quiz(demo_site, [q1, q2], grading_method="highest")
    scores = []
    for answers in ([0, 0], [0, 1], [1, 1]):
        attempt = attempt_start(quiz=page, user=learner, now=NOW)
        for q, choice in zip((q1, q2), answers, strict=True):
            attempt_answer_save(attempt=attempt, question=q, answer={"choice": choice}, now=NOW)
        scores.append(attempt_submit(attempt=attempt, now=NOW).score)
    assert scores == [100.0, 50.0, 0.0]
    attempts = list(Attempt.objects.filter(quiz=page))
    assert attempt_counting(quiz=page, attempts=attempts).score == 100.0
    page.grading_method = "last"
    assert attempt_counting(quiz=page, attempts=attempts).score == 0.0


def test_a_dialogue_path_is_saved_step_by_step_and_scored_per_competency(demo_site, learner):
    talk = dialogue_question()
    page = quiz(demo_site, [talk])
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    first = choice_id(talk, "I'm sorry")
    attempt_answer_save(attempt=attempt, question=talk, answer={"path": [first]}, now=NOW)
    attempt_answer_save(
        attempt=attempt,
        question=talk,
        answer={"path": [first, choice_id(talk, "Tomorrow")]},
        now=NOW,
    )
    result = attempt_submit(attempt=attempt, now=NOW)
    assert result.score == 100.0
    assert result.competency_scores == {"closing": 100.0, "courtesy": 100.0, "empathy": 100.0}


def test_a_reply_that_does_not_fit_the_conversation_is_refused(demo_site, learner):
    talk = dialogue_question()
    page = quiz(demo_site, [talk])
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    with pytest.raises(AnswerInvalid):
        attempt_answer_save(
            attempt=attempt, question=talk, answer={"path": [choice_id(talk, "Tomorrow")]}, now=NOW
        )


@pytest.mark.parametrize(
    "answer",
    [{"choice": 9}, {"choice": "0"}, {"choices": 1}, [], {"choice": True}],
)
def test_malformed_answers_are_refused(demo_site, learner, answer):
    q1 = question("single")
    attempt = attempt_start(quiz=quiz(demo_site, [q1]), user=learner, now=NOW)
    with pytest.raises(AnswerInvalid):
        attempt_answer_save(attempt=attempt, question=q1, answer=answer, now=NOW)


def test_free_text_waits_for_a_grade_and_the_grade_settles_the_result(demo_site, learner):
    q1, essay = question("single"), question("free_text", competencies=("empathy",))
    page = quiz(demo_site, [q1, essay], pass_mark=75)
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    attempt_answer_save(attempt=attempt, question=q1, answer={"choice": 0}, now=NOW)
    attempt_answer_save(attempt=attempt, question=essay, answer={"text": "Dear Marta…"}, now=NOW)
    attempt = attempt_submit(attempt=attempt, now=NOW)
    assert attempt.passed is None and attempt.pending_count == 1

    answer_grade(answer=attempt.answers.get(question=essay), score=60, grader=editor(), note="ok")

    attempt.refresh_from_db()
    assert attempt.pending_count == 0
    assert attempt.score == 80.0
    assert attempt.passed is True
    assert attempt.competency_scores["empathy"] == 60.0


def test_rephrasing_is_scored_by_the_rules_and_a_person_can_override(demo_site, learner):
    reph = question("rephrasing", competencies=("positive_attitude",))
    attempt = attempt_start(quiz=quiz(demo_site, [reph]), user=learner, now=NOW)
    attempt_answer_save(
        attempt=attempt,
        question=reph,
        answer={"text": "I'm sorry. I will refund you today and email you by 5 pm."},
        now=NOW,
    )
    attempt = attempt_submit(attempt=attempt, now=NOW)
    saved = attempt.answers.get()
    assert saved.auto_score is not None and saved.auto_detail["rephrasing"]["findings"]
    answer_grade(answer=saved, score=20, grader=editor())
    attempt.refresh_from_db()
    assert attempt.score == 20.0


def test_a_participant_without_an_account_can_take_a_quiz(demo_site):
    q1 = question("single")
    page = quiz(demo_site, [q1], mode="hiring")
    attempt = attempt_start(quiz=page, participant="inv-123", now=NOW)
    assert attempt.user is None and attempt.participant_key == "inv-123"
    assert attempt_start(quiz=page, participant="inv-123", now=NOW).pk == attempt.pk
    assert attempt_start(quiz=page, participant="inv-456", now=NOW).pk != attempt.pk


def test_the_schedule_task_closes_overdue_attempts(demo_site, learner):
    from courses.schedules import SCHEDULES
    from courses.tasks import attempts_expire_overdue

    assert any(s["func"] == "courses.tasks.attempts_expire_overdue" for s in SCHEDULES)
    page = quiz(demo_site, [question("single")], time_limit_seconds=60)
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    assert attempts_expire_overdue() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED


def test_an_answer_is_scored_with_the_key_it_was_given_under(demo_site, learner):
    sjt = question("situational")
    attempt = attempt_start(quiz=quiz(demo_site, [sjt]), user=learner, now=NOW)
    attempt_answer_save(attempt=attempt, question=sjt, answer={"most": 1, "least": 3}, now=NOW)
    # The editors then change the key: reply 1 becomes the best one.
    sjt.key_history = {"1": [o["weight"] for o in sjt.options]}
    sjt.options = [
        {**o, "weight": w} for o, w in zip(sjt.options, [0.5, 1.0, -0.5, -1.0], strict=True)
    ]
    sjt.key_version = 2
    sjt.save()
    result = attempt_submit(attempt=attempt, now=NOW)
    assert result.score == 87.5  # (0.5 - -1 + 2) / 4 under key 1, not 100 under key 2
    assert result.answers.get().key_version == 1
