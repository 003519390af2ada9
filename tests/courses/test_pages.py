"""The learner's pages render, and their SQL queries do not grow with the data."""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from courses.services.paths import path_assign
from courses.services.progress import lesson_complete
from tests.factories import (
    agent,
    complete_course,
    course,
    course_index,
    enrol,
    knowledge_check_block,
    learning_path,
    lesson,
)

pytestmark = pytest.mark.django_db

SIZES = [3, 30]


def _catalogue(size):
    index = course_index()
    courses = [course(index, lessons=1) for _ in range(size)]
    for prerequisite, page in zip(courses, courses[1:], strict=False):
        page.prerequisites.set([prerequisite])
        page.save()
    return index, courses


@pytest.mark.parametrize("size", SIZES)
def test_the_catalogue_has_bounded_queries(client, size, django_assert_max_num_queries):
    person = agent()
    index, courses = _catalogue(size)
    for page in courses[:2]:
        enrol(person, page)
    client.force_login(person)
    with django_assert_max_num_queries(24):  # with the check-in banner's two reads
        response = client.get(index.url)
    assert response.status_code == 200
    assert len(response.context["rows"]) == size
    assert "Opens after" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_the_course_page_takes_twelve_queries_at_most_whatever_its_length(
    client, size, django_assert_max_num_queries
):
    person = agent()
    page = course(lessons=size, with_quiz=True)
    enrol(person, page)
    lesson_complete(user=person, lesson=LessonPage.objects.child_of(page).first())
    client.force_login(person)
    client.get(page.url)  # warm the caches every later view finds warm (site root paths)
    # 10 today: the site with its root page's row (plain SQL; the page itself is kept),
    # the locale, routing (2 by Wagtail below this test's plain root page, then 1 plain
    # query of the rows of the pages kept; below the demo's home page only that one),
    # the view restrictions' plain EXISTS, the session and the person (2), the
    # enrolment and the course's lessons and quiz (2).
    with django_assert_max_num_queries(12):
        response = client.get(page.url)
    assert response.status_code == 200
    text = response.content.decode()
    assert text.count("✓") == 1
    assert text.count('href="' + LessonPage.objects.child_of(page).last().url) == 1


@pytest.mark.parametrize("size", SIZES)
def test_the_lesson_page_takes_fourteen_queries_at_most_whatever_its_length(
    client, size, django_assert_max_num_queries
):
    person = agent()
    page = course(lessons=0)
    blocks = []
    for i in range(size):
        blocks += [
            {"type": "rich_text", "value": f"<p>Paragraph {i}</p>"},
            {
                "type": "callout",
                "value": {"kind": "legal", "title": "Note", "text": "<p>Law</p>"},
            },
            {
                "type": "phrase_pair",
                "value": {"context": "c", "before": "No.", "after": "Yes, and…", "why": "w"},
            },
            {
                "type": "dialogue",
                "value": {
                    "title": "t",
                    "lines": [
                        {"speaker": "customer", "text": "Hi"},
                        {"speaker": "agent", "text": "Hello"},
                    ],
                },
            },
            knowledge_check_block(f"Question {i}?"),
        ]
    page_lesson = lesson(page, blocks=blocks)
    for _ in range(size):
        lesson(page)
    enrol(person, page)
    client.force_login(person)
    client.get(page_lesson.url)  # warm the caches (site root paths)
    # 10 today: the site with its root page's row (plain SQL; the page itself is kept),
    # the locale, routing (2 by Wagtail below this test's plain root page, then 1 plain
    # query of the rows of the pages kept), the view restrictions' plain EXISTS, the
    # session and the person (2), the enrolment with its prerequisite check, the
    # earlier answers (2).
    with django_assert_max_num_queries(14):
        response = client.get(page_lesson.url)
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('class="knowledge-check') == size
    assert "Instead of" in text and "Customer" in text and "Legal note" in text


@pytest.mark.parametrize("size", SIZES)
def test_my_training_has_bounded_queries(client, size, django_assert_max_num_queries):
    person = agent()
    index = course_index()
    courses = [course(index, lessons=1) for _ in range(size)]
    path = learning_path(*[(page, 7) for page in courses])
    path_assign(path=path, user=person)
    complete_course(person, courses[0])
    client.force_login(person)
    client.get(reverse("courses:my_training"))  # warm the caches (site root paths, settings)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("courses:my_training"))
    training = response.context["training"]
    assert len(training.done) == 1 and len(training.due) == size - 1
    assert training.paths[0].done == 1
    with django_assert_max_num_queries(14):
        response = client.get(reverse("courses:path_detail", args=[path.pk]))
    assert len(response.context["detail"].rows) == size


def test_my_training_sorts_overdue_in_progress_to_do_and_done(client):
    from datetime import date, timedelta

    person = agent()
    index = course_index()
    late, started, todo, done = (course(index, title=t, lessons=2) for t in "LSTD")
    enrol(person, late, due_on=date.today() - timedelta(days=1))
    enrol(person, started, due_on=date.today() + timedelta(days=9))
    lesson_complete(user=person, lesson=LessonPage.objects.child_of(started).first())
    enrol(person, todo)
    complete_course(person, done)
    client.force_login(person)
    training = client.get(reverse("courses:my_training")).context["training"]
    assert [r.course.title for r in training.overdue] == ["L"]
    assert [(r.course.title, r.percent) for r in training.in_progress] == [("S", 50)]
    assert [r.course.title for r in training.due] == ["T"]
    assert [r.course.title for r in training.done] == ["D"]


def test_a_path_not_assigned_to_the_person_is_refused(client):
    path = learning_path((course(lessons=1), 7))
    client.force_login(agent())
    response = client.get(reverse("courses:path_detail", args=[path.pk]))
    assert response.status_code == 403


def test_my_training_needs_a_sign_in(client):
    response = client.get(reverse("courses:my_training"))
    assert response.status_code == 302


def test_the_page_tree_only_allows_index_course_lesson():
    from courses.models import CourseIndexPage, CoursePage, LessonPage

    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert LessonPage.allowed_subpage_models() == []
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert LessonPage in CoursePage.allowed_subpage_models()


def test_the_wellbeing_app_finds_the_stress_course_by_topic():
    from courses.models import Topic
    from courses.selectors import course_for_topic

    stress = Topic.objects.get(code="stress_management")
    page = course(lessons=0, topic=stress)
    assert course_for_topic(topic_code="stress_management") == page
    assert course_for_topic(topic_code="service_culture") is None


def test_a_lesson_of_a_course_whose_prerequisite_is_open_is_refused_even_when_enrolled(client):
    person = agent()
    basics, advanced = course(title="Basics", lessons=1), course(title="Advanced", lessons=1)
    advanced.prerequisites.set([basics])
    advanced.save()
    enrol(person, advanced)  # assigned by a path before the basics were done
    client.force_login(person)
    response = client.get(LessonPage.objects.child_of(advanced).first().url)
    assert response.status_code == 403
    assert "Basics" in response.content.decode()
    assert client.get(advanced.url).context["progress"].locked_by == ["Basics"]

    complete_course(person, basics)
    assert client.get(LessonPage.objects.child_of(advanced).first().url).status_code == 200


def test_a_lesson_is_refused_to_a_person_not_enrolled_and_sends_visitors_to_sign_in(client):
    page = course(lessons=1)
    url = LessonPage.objects.child_of(page).first().url
    assert client.get(url).status_code == 302
    client.force_login(agent())
    assert client.get(url).status_code == 403
