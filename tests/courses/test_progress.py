"""Progress rules: enrolment, lessons, the quiz, completion, prerequisites and paths."""

import json
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import (
    CoursePage,
    Enrolment,
    KnowledgeCheckAnswer,
    LessonCompletion,
    LessonPage,
    PathAssignment,
)
from courses.roles import AGENT
from courses.services.paths import path_assign
from courses.services.progress import (
    CourseLocked,
    NotEnrolled,
    course_start,
    enrolment_assign_team,
    knowledge_check_answer,
    lesson_complete,
    progress_quiz_passed,
)
from tests.factories import (
    MembershipFactory,
    TeamFactory,
    agent,
    complete_course,
    course,
    course_index,
    enrol,
    lead_of,
    learning_path,
)

pytestmark = pytest.mark.django_db


def _lessons(page):
    return list(LessonPage.objects.child_of(page).order_by("path"))


def test_finishing_every_lesson_completes_a_course_without_quiz():
    person, page = agent(), course(lessons=2, validity_days=365)
    enrol(person, page)
    first, second = _lessons(page)
    enrolment = lesson_complete(user=person, lesson=first)
    assert enrolment.status == Enrolment.Status.IN_PROGRESS
    enrolment = lesson_complete(user=person, lesson=second)
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.valid_until == enrolment.completed_at.date() + timedelta(days=365)
    assert enrolment.certificate.code


def test_completing_a_lesson_twice_records_it_once():
    person, page = agent(), course(lessons=2)
    enrol(person, page)
    first = _lessons(page)[0]
    lesson_complete(user=person, lesson=first)
    lesson_complete(user=person, lesson=first)
    assert LessonCompletion.objects.count() == 1


def test_a_course_with_a_quiz_needs_the_quiz_passed_too():
    person, page = agent(), course(lessons=1, with_quiz=True)
    enrol(person, page)
    enrolment = lesson_complete(user=person, lesson=_lessons(page)[0])
    assert enrolment.status == Enrolment.Status.IN_PROGRESS
    progress_quiz_passed(user=person, course=page)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.quiz_passed_at is not None


def test_passing_the_quiz_first_waits_for_the_lessons():
    person, page = agent(), course(lessons=1, with_quiz=True)
    enrol(person, page)
    progress_quiz_passed(user=person, course=page)
    enrolment = Enrolment.objects.get(user=person)
    assert enrolment.status == Enrolment.Status.IN_PROGRESS
    lesson_complete(user=person, lesson=_lessons(page)[0])
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def test_a_lesson_of_a_course_one_is_not_enrolled_in_is_refused():
    person, page = agent(), course(lessons=1)
    with pytest.raises(NotEnrolled, match="not enrolled"):
        lesson_complete(user=person, lesson=_lessons(page)[0])
    assert not LessonCompletion.objects.exists()


def test_a_locked_course_says_what_unlocks_it():
    person = agent()
    index = course_index()
    basics = course(index, title="Basics", lessons=1)
    advanced = course(
        index,
        title="Advanced",
        lessons=1,
    )
    advanced.prerequisites.set([basics])
    advanced.save()
    with pytest.raises(CourseLocked, match="Basics"):
        course_start(user=person, course=advanced)
    enrol(person, advanced)  # assigned by a path: still locked until basics are done
    with pytest.raises(CourseLocked):
        lesson_complete(user=person, lesson=_lessons(advanced)[0])
    complete_course(person, basics)
    course_start(user=person, course=advanced)
    lesson_complete(user=person, lesson=_lessons(advanced)[0])
    assert Enrolment.objects.get(user=person, course=advanced).is_completed


def test_a_cycle_of_prerequisites_is_refused_with_a_clear_message():
    index = course_index()
    a = course(index, title="A", lessons=0)
    b = course(index, title="B", lessons=0)
    c = course(index, title="C", lessons=0)
    b.prerequisites.set([a])
    b.save()
    c.prerequisites.set([b])
    c.save()
    a = CoursePage.objects.get(pk=a.pk)
    a.prerequisites.set([c])
    with pytest.raises(ValidationError) as refusal:
        a.clean()
    assert "circle" in str(refusal.value)
    assert "A → C → B → A" in str(refusal.value)


def test_a_course_cannot_require_itself():
    page = course(lessons=0)
    page.prerequisites.set([page])
    with pytest.raises(ValidationError, match="own prerequisite"):
        page.clean()


def test_the_editor_saving_a_cycle_gets_the_message_and_nothing_is_saved(client):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "b@example.com", "pw")
    index = course_index()
    a = course(index, title="A", lessons=0)
    b = course(index, title="B", lessons=0)
    b.prerequisites.set([a])
    b.save_revision().publish()
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:edit", args=[a.pk])
    form = client.get(url).context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if isinstance(value, str | int) and not isinstance(value, bool)
    }
    data.update(
        {
            "title": "A",
            "slug": a.slug,
            "intro": json.dumps({"blocks": [], "entityMap": {}}),
            "estimated_minutes": 30,
            "pass_mark": 70,
            "refresher_mode": "quiz",
            "prerequisites": [b.pk],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "circle" in response.content.decode()
    assert not CoursePage.objects.get(pk=a.pk).prerequisites.exists()


def test_assigning_a_path_to_a_team_enrols_its_members_with_due_dates():
    team = TeamFactory()
    lead_of(team)
    members = [MembershipFactory(team=team).user for _ in range(3)]
    first, second = course(lessons=1), course(lessons=1)
    path = learning_path((first, 7), (second, 21))
    path_assign(path=path, team=team, today=date(2026, 11, 1))
    enrolments = Enrolment.objects.filter(path=path)
    assert enrolments.count() == 6  # the lead is not enrolled
    assert {e.user_id for e in enrolments} == {m.pk for m in members}
    assert {e.due_on for e in enrolments if e.course_id == second.pk} == {date(2026, 11, 22)}


def test_someone_who_joins_the_team_later_gets_the_path():
    team = TeamFactory()
    path = learning_path((course(lessons=1), 7))
    path_assign(path=path, team=team)
    newcomer = MembershipFactory(team=team).user
    assert Enrolment.objects.filter(user=newcomer, path=path).count() == 1


def test_a_path_for_a_role_reaches_people_given_the_role_later():
    path = learning_path((course(lessons=1), 7))
    existing = agent()
    path_assign(path=path, group=Group.objects.get(name=AGENT))
    assert Enrolment.objects.filter(user=existing).count() == 1
    later = agent()
    assert Enrolment.objects.filter(user=later).count() == 1


def test_a_path_for_one_person_and_assigning_twice_adds_nothing():
    person = agent()
    path = learning_path((course(lessons=1), 7), (course(lessons=1), 14))
    path_assign(path=path, user=person)
    path_assign(path=path, user=person)
    assert Enrolment.objects.filter(user=person).count() == 2
    assert PathAssignment.objects.count() == 1


def test_a_path_needs_exactly_one_target():
    path = learning_path()
    with pytest.raises(ValidationError):
        path_assign(path=path, team=TeamFactory(), user=agent())


def test_the_wellbeing_app_can_assign_a_course_to_a_team():
    team = TeamFactory()
    lead_of(team)
    members = [MembershipFactory(team=team).user for _ in range(2)]
    page = course(lessons=1)
    enrolments = enrolment_assign_team(team=team, course=page, due_on=date(2026, 12, 1))
    assert {e.user_id for e in enrolments} == {m.pk for m in members}
    assert all(e.due_on == date(2026, 12, 1) for e in enrolments)
    again = enrolment_assign_team(team=team, course=page)
    assert Enrolment.objects.count() == 2 and len(again) == 2


def test_knowledge_check_answers_are_checked_and_recorded():
    person, page = agent(), course(lessons=1)
    enrol(person, page)
    lesson = _lessons(page)[0]
    block_id = next(b.id for b in lesson.body if b.block_type == "knowledge_check")
    wrong = knowledge_check_answer(user=person, lesson=lesson, block_id=block_id, option_index=2)
    assert (wrong.correct, wrong.feedback, wrong.correct_options) == (False, "Because 2.", [0])
    right = knowledge_check_answer(user=person, lesson=lesson, block_id=block_id, option_index=0)
    assert right.correct
    answer = KnowledgeCheckAnswer.objects.get()
    assert (answer.option_index, answer.correct) == (0, True)


def test_the_knowledge_check_endpoint_answers_in_json(client):
    person, page = agent(), course(lessons=1)
    enrol(person, page)
    lesson = _lessons(page)[0]
    block_id = next(b.id for b in lesson.body if b.block_type == "knowledge_check")
    client.force_login(person)
    url = reverse("courses:knowledge_check", args=[lesson.pk])
    response = client.post(
        url, json.dumps({"block": block_id, "option": 0}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["correct"] is True
    bad = client.post(url, "not json", content_type="application/json")
    assert bad.status_code == 400 and "error" in bad.json()
    unknown = client.post(
        url, json.dumps({"block": "nope", "option": 0}), content_type="application/json"
    )
    assert unknown.status_code == 403 and "no longer exists" in unknown.json()["error"]


def test_the_knowledge_check_endpoint_refuses_someone_not_enrolled(client):
    page = course(lessons=1)
    lesson = _lessons(page)[0]
    block_id = next(b.id for b in lesson.body if b.block_type == "knowledge_check")
    client.force_login(agent())
    response = client.post(
        reverse("courses:knowledge_check", args=[lesson.pk]),
        json.dumps({"block": block_id, "option": 0}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not KnowledgeCheckAnswer.objects.exists()


def test_the_lesson_page_tells_someone_not_enrolled_what_to_do(client):
    page = course(lessons=1)
    client.force_login(agent())
    response = client.get(_lessons(page)[0].url)
    assert response.status_code == 403
    assert "not enrolled in this course" in response.content.decode()


def test_the_lesson_page_asks_strangers_to_sign_in(client):
    page = course(lessons=1)
    response = client.get(_lessons(page)[0].url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mark_complete_goes_to_the_next_lesson_then_back_to_the_course(client):
    person, page = agent(), course(lessons=2)
    enrol(person, page)
    first, second = _lessons(page)
    client.force_login(person)
    response = client.post(reverse("courses:lesson_complete", args=[first.pk]))
    assert response["Location"] == second.url
    response = client.post(reverse("courses:lesson_complete", args=[second.pk]))
    assert response["Location"] == page.url
    assert Enrolment.objects.get(user=person).is_completed


def test_starting_a_course_from_its_page_enrols_and_opens_the_first_lesson(client):
    person, page = agent(), course(lessons=2)
    client.force_login(person)
    response = client.post(reverse("courses:course_start", args=[page.pk]))
    assert response["Location"] == _lessons(page)[0].url
    assert Enrolment.objects.filter(user=person, course=page).exists()


def test_the_course_page_resumes_where_the_person_stopped(client):
    person, page = agent(), course(lessons=3)
    enrol(person, page)
    first, second, _third = _lessons(page)
    client.force_login(person)
    client.get(first.url)
    lesson_complete(user=person, lesson=first)
    client.get(second.url)
    response = client.get(page.url)
    progress = response.context["progress"]
    assert progress.resume.pk == second.pk
    assert [item.done for item in progress.lessons] == [True, False, False]
    assert "Resume:" in response.content.decode()


def test_a_translated_lesson_counts_for_the_original_course(demo_site):
    from wagtail.models import Locale

    person = agent()
    index = course_index(demo_site)
    page = course(index, lessons=1)
    enrol(person, page)
    ru = Locale.objects.get(language_code="ru")
    ru_lesson = _lessons(page)[0].copy_for_translation(ru, copy_parents=True)
    ru_lesson.save_revision().publish()
    lesson_complete(user=person, lesson=ru_lesson)
    assert Enrolment.objects.get(user=person, course=page).is_completed


def test_assigning_a_path_in_the_admin_enrols_the_team(client):
    from django.contrib.auth import get_user_model

    from courses.models import PathAssignment

    admin = get_user_model().objects.create_superuser("boss", "b@example.com", "pw")
    team = TeamFactory()
    member = MembershipFactory(team=team).user
    path = learning_path((course(lessons=1), 7))
    client.force_login(admin)
    url = reverse("wagtailsnippets_courses_pathassignment:add")
    response = client.post(url, {"path": path.pk, "team": team.pk})
    assert response.status_code == 302
    assert Enrolment.objects.filter(user=member, path=path).exists()
    refused = client.post(url, {"path": path.pk, "team": team.pk, "user": member.pk})
    assert refused.status_code == 200
    assert "exactly one team, role or person" in refused.content.decode()
    assert PathAssignment.objects.count() == 1


def test_coming_back_to_a_lesson_shows_the_earlier_answer(client):
    person, page = agent(), course(lessons=1)
    enrol(person, page)
    lesson = _lessons(page)[0]
    block_id = next(b.id for b in lesson.body if b.block_type == "knowledge_check")
    knowledge_check_answer(user=person, lesson=lesson, block_id=block_id, option_index=1)
    client.force_login(person)
    response = client.get(lesson.url)
    earlier = response.context["check_answers"][block_id]
    assert earlier == {
        "option": 1,
        "correct": False,
        "feedback": "Because 1.",
        "correct_options": [0],
        "verdict": "Not quite.",
    }
    assert 'id="check-answers"' in response.content.decode()


def test_the_course_page_counts_the_quiz_so_reading_every_lesson_is_not_a_hundred_percent(
    client, django_assert_max_num_queries
):
    person = agent()
    page = course(lessons=2, with_quiz=True)
    enrol(person, page)
    for each in LessonPage.objects.child_of(page):
        lesson_complete(user=person, lesson=each)
    client.force_login(person)
    response = client.get(page.url)
    assert response.context["progress"].percent == 67
    assert "67% done" in response.content.decode()
    training = client.get(reverse("courses:my_training")).context["training"]
    assert [row.percent for row in training.in_progress + training.due] == [67]

    progress_quiz_passed(user=person, course=page)
    response = client.get(page.url)
    assert response.context["progress"].percent == 100
    assert response.context["progress"].enrolment.is_completed
