"""Refreshers: an expired completion re-enrols the person, once, and tells them."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from courses.models import CoursePage, Enrolment, LessonPage
from courses.selectors import team_matrix
from courses.services.progress import lesson_complete, progress_quiz_passed
from courses.services.reminders import REFRESHER_DUE_IN_DAYS, refreshers_run
from courses.tasks import refreshers_daily
from tests.factories import MembershipFactory, TeamFactory, complete_course, course, lead_of

pytestmark = pytest.mark.django_db

DONE_AT = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def _completed(**course_fields):
    team = TeamFactory()
    person = MembershipFactory(team=team).user
    page = course(lessons=2, validity_days=30, **course_fields)
    complete_course(person, page, now=DONE_AT)
    return team, person, page


def test_nothing_happens_before_the_validity_ends():
    _completed()
    assert refreshers_run(today=date(2026, 2, 8)) == []
    assert mail.outbox == []


def test_an_expired_completion_re_enrols_the_person_and_tells_them():
    _team, person, page = _completed(title="Consumer law")
    [refresher] = refreshers_run(today=date(2026, 2, 9))
    assert refresher.kind == Enrolment.Kind.REFRESHER
    assert refresher.due_on == date(2026, 2, 9) + timedelta(days=REFRESHER_DUE_IN_DAYS)
    old = Enrolment.objects.get(user=person, course=page, active=False)
    assert old.is_completed and hasattr(old, "certificate")
    assert len(mail.outbox) == 1
    assert "Consumer law" in mail.outbox[0].subject and mail.outbox[0].to == [person.email]


def test_running_again_the_next_day_adds_nothing():
    _completed()
    refreshers_run(today=date(2026, 2, 9))
    assert refreshers_run(today=date(2026, 2, 10)) == []
    assert Enrolment.objects.count() == 2 and len(mail.outbox) == 1


def test_a_quiz_refresher_needs_only_the_quiz():
    _team, person, page = _completed(with_quiz=True, refresher_mode=CoursePage.RefresherMode.QUIZ)
    [refresher] = refreshers_run(today=date(2026, 2, 9))
    progress_quiz_passed(user=person, course=page, now=DONE_AT + timedelta(days=31))
    refresher.refresh_from_db()
    assert refresher.is_completed
    assert refresher.valid_until == date(2026, 3, 12)  # Feb 10 + 30 days


def test_a_course_refresher_needs_the_lessons_again():
    _team, person, page = _completed(refresher_mode=CoursePage.RefresherMode.COURSE)
    [refresher] = refreshers_run(today=date(2026, 2, 9))
    first, second = LessonPage.objects.child_of(page).order_by("path")
    lesson_complete(user=person, lesson=first)
    refresher.refresh_from_db()
    assert not refresher.is_completed
    lesson_complete(user=person, lesson=second)
    refresher.refresh_from_db()
    assert refresher.is_completed


def test_a_refresher_past_its_due_date_shows_as_overdue_to_the_lead():
    team, person, _page = _completed()
    lead = lead_of(team)
    refreshers_run(today=date(2026, 2, 9))
    later = date(2026, 2, 9) + timedelta(days=REFRESHER_DUE_IN_DAYS + 1)
    matrix = team_matrix(user=lead, today=later)
    [row] = matrix.rows
    assert row.user == person and row.cells[0][0] == "overdue"


def test_the_daily_task_runs_the_service():
    _completed()
    assert refreshers_daily() == 1  # today is long after January 2026's 30-day validity
