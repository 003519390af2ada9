"""A quiz under a course: passing it reports to the course portal once the attempt is
committed (``progress_quiz_passed``), which completes the course."""

from datetime import UTC, datetime

import pytest

from courses.models import Enrolment, QuizPage, QuizQuestion
from courses.services.attempts import attempt_answer_save, attempt_start, attempt_submit
from courses.services.progress import lesson_complete
from tests.factories import agent, course, enrol

from .quizzes import question

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def course_quiz(course_page, questions, **fields) -> QuizPage:
    page = QuizPage(title="Course refresher", slug="course-refresher", pass_mark=60, **fields)
    page.quiz_questions = [QuizQuestion(question=q) for q in questions]
    course_page.add_child(instance=page)
    return page


@pytest.fixture
def setting(db):
    learner = agent()
    course_page = course(lessons=1)
    q1, q2 = question("single"), question("true_false")
    page = course_quiz(course_page, [q1, q2], mode=QuizPage.Mode.REFRESHER)
    enrolment = enrol(learner, course_page)
    lesson_complete(user=learner, lesson=course_page.lesson_pages().first(), now=NOW)
    return learner, course_page, page, (q1, q2), enrolment


def take(page, learner, questions, choice):
    attempt = attempt_start(quiz=page, user=learner, now=NOW)
    for q in questions:
        attempt_answer_save(attempt=attempt, question=q, answer={"choice": choice}, now=NOW)
    return attempt_submit(attempt=attempt, now=NOW)


def test_a_course_with_a_quiz_is_not_complete_on_its_lessons_alone(setting):
    _learner, _course, _page, _questions, enrolment = setting
    enrolment.refresh_from_db()
    assert enrolment.status != Enrolment.Status.COMPLETED
    assert enrolment.quiz_passed_at is None


def test_passing_the_course_quiz_completes_the_course_after_commit(
    setting, django_capture_on_commit_callbacks
):
    learner, _course, page, questions, enrolment = setting
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attempt = take(page, learner, questions, choice=0)
    assert attempt.passed
    assert callbacks  # the portal is told only once the attempt is committed

    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is not None
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.certificate is not None


def test_failing_the_course_quiz_leaves_the_course_open(
    setting, django_capture_on_commit_callbacks
):
    learner, _course, page, questions, enrolment = setting
    with django_capture_on_commit_callbacks(execute=True):
        attempt = take(page, learner, questions, choice=1)
    assert attempt.passed is False

    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is None
    assert enrolment.status != Enrolment.Status.COMPLETED


def test_nothing_reaches_the_course_before_the_attempt_is_committed(setting):
    learner, _course, page, questions, enrolment = setting
    take(page, learner, questions, choice=0)  # the test's transaction never commits
    enrolment.refresh_from_db()
    assert enrolment.quiz_passed_at is None


def test_the_course_quiz_page_links_back_to_its_course(setting, client):
    from tests.factories import PASSWORD

    learner, course_page, page, _questions, _enrolment = setting
    client.login(username=learner.username, password=PASSWORD)
    html = client.get(page.url).content.decode()
    assert f'<p class="breadcrumbs"><a href="{course_page.url}">{course_page.title}</a></p>' in html


def test_a_standalone_quiz_has_no_course_breadcrumb(client, demo_site):
    from tests.factories import PASSWORD

    from .quizzes import quiz

    learner = agent()
    page = quiz(demo_site, [question("single")])
    client.login(username=learner.username, password=PASSWORD)
    assert 'class="breadcrumbs"' not in client.get(page.url).content.decode()
