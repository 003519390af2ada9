"""The demo portal: courses in three languages, onboarding for new hires, some progress."""

import pytest
from django.core.management import call_command
from django.test import Client

from courses.models import Certificate, CoursePage, Enrolment, LearningPath, LessonPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_four_courses_in_english_and_russian_and_one_in_polish(demo):
    by_language = {
        code: set(
            CoursePage.objects.filter(locale__language_code=code).values_list("slug", flat=True)
        )
        for code in ("en", "ru", "pl")
    }
    assert by_language["en"] >= {
        "product-knowledge",
        "ecommerce-law",
        "stress-management",
        "positive-phrasing",
    }
    assert by_language["ru"] == by_language["en"]
    assert by_language["pl"]
    for course in CoursePage.objects.filter(locale__language_code="en"):
        lessons = LessonPage.objects.child_of(course)
        assert lessons.count() >= 3
        assert all(
            any(b.block_type == "knowledge_check" for b in lesson.body) for lesson in lessons
        )


def test_the_onboarding_path_reaches_every_new_hire(demo):
    path = LearningPath.objects.get(name="New hire onboarding")
    enrolled = set(Enrolment.objects.filter(path=path).values_list("user__username", flat=True))
    assert {"agent", "ivan.petrov", "nina.kuznetsova", "sergey.novikov"} <= enrolled
    assert "lead" not in enrolled


def test_anna_has_one_certificate_and_is_halfway_through_the_law(demo):
    certificate = Certificate.objects.get(user__username="agent")
    assert certificate.course.slug == "product-knowledge"
    law = Enrolment.objects.get(user__username="agent", course__slug="ecommerce-law", active=True)
    assert law.status == Enrolment.Status.IN_PROGRESS
    assert law.lesson_completions.count() == 2


def test_the_demo_pages_render_in_russian(demo):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="agent"))
    for url in ("/ru/training/", "/ru/courses/", "/ru/courses/ecommerce-law/"):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get("/ru/courses/ecommerce-law/").content.decode()
    assert "Право потребителей в интернет-торговле" in page


def test_the_phrasing_course_has_a_refresher_quiz_with_a_dialogue_and_a_rephrasing(demo):
    from courses.models import QuizPage

    call_command("load_demo", verbosity=0)  # a second run adds nothing
    quizzes = QuizPage.objects.filter(slug="phrasing-refresher")
    assert sorted(quizzes.values_list("locale__language_code", flat=True)) == ["en", "pl", "ru"]
    quiz = quizzes.get(locale__language_code="en")
    assert quiz.mode == QuizPage.Mode.REFRESHER
    assert quiz.get_parent().slug == "positive-phrasing"
    kinds = set(quiz.quiz_questions.values_list("question__kind", flat=True))
    assert {"dialogue", "rephrasing"} <= kinds
    assert "free_text" not in kinds  # nothing waits for a person: the result is immediate

    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="agent"))
    response = client.get("/courses/positive-phrasing/")
    assert quiz.url in response.content.decode()
