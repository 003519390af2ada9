"""Reminders and digests go out once per item and period, with time moved forward."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django_q.models import Schedule

from courses.models import ReminderLog
from courses.services.reminders import lead_digests_send, reminders_send
from tests.factories import MembershipFactory, TeamFactory, complete_course, course, enrol, lead_of

pytestmark = pytest.mark.django_db

DUE = date(2026, 12, 10)  # a Thursday


@pytest.fixture
def assigned():
    team = TeamFactory(name="Orders")
    person = MembershipFactory(team=team).user
    page = course(title="Product knowledge", lessons=1)
    return team, person, enrol(person, page, due_on=DUE)


def test_no_reminder_long_before_the_due_date(assigned):
    assert reminders_send(today=DUE - timedelta(days=10)) == 0


def test_a_due_soon_reminder_is_sent_once(assigned):
    _team, person, _enrolment = assigned
    assert reminders_send(today=DUE - timedelta(days=3)) == 1
    assert reminders_send(today=DUE - timedelta(days=2)) == 0
    assert reminders_send(today=DUE) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Due soon: Product knowledge"
    assert mail.outbox[0].to == [person.email]


def test_an_overdue_reminder_is_sent_once_a_week(assigned):
    reminders_send(today=DUE - timedelta(days=3))
    assert reminders_send(today=DUE + timedelta(days=1)) == 1  # Friday, week 50
    assert reminders_send(today=DUE + timedelta(days=3)) == 0  # Sunday, same week
    assert reminders_send(today=DUE + timedelta(days=4)) == 1  # Monday, week 51
    kinds = list(ReminderLog.objects.order_by("pk").values_list("kind", "period"))
    assert kinds == [("due_soon", "2026-12-10"), ("overdue", "2026-W50"), ("overdue", "2026-W51")]
    assert mail.outbox[-1].subject == "Overdue: Product knowledge"


def test_nobody_is_reminded_of_a_finished_course():
    person = MembershipFactory().user
    page = course(lessons=1)
    enrol(person, page, due_on=DUE)
    complete_course(person, page)
    assert reminders_send(today=DUE + timedelta(days=5)) == 0


def test_the_lead_gets_one_weekly_digest_of_their_team_only(assigned):
    team, person, _enrolment = assigned
    lead = lead_of(team, first_name="Olga")
    other_team = TeamFactory(name="Returns")
    other_lead = lead_of(other_team)
    stranger = MembershipFactory(team=other_team).user
    enrol(stranger, course(title="Law", lessons=1), due_on=DUE + timedelta(days=30))
    monday = date(2026, 12, 14)
    assert lead_digests_send(today=monday) == 1
    assert lead_digests_send(today=monday + timedelta(days=2)) == 0
    [digest] = mail.outbox
    assert digest.to == [lead.email] and other_lead.email not in digest.to
    assert "1 overdue training item" in digest.subject
    assert "Product knowledge" in digest.body and person.last_name in digest.body
    assert stranger.last_name not in digest.body
    assert lead_digests_send(today=monday + timedelta(days=7)) == 1


def test_setup_schedules_declares_the_three_jobs_once():
    call_command("setup_schedules")
    call_command("setup_schedules")
    names = set(Schedule.objects.values_list("name", flat=True))
    assert {
        "steady.courses.refreshers",
        "steady.courses.reminders",
        "steady.courses.lead_digests",
    } <= names
    assert Schedule.objects.filter(name="steady.courses.reminders").count() == 1


def test_the_scheduled_functions_run_for_today(assigned, monkeypatch):
    from courses import tasks

    team, _person, _enrolment = assigned
    lead_of(team)
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: DUE - timedelta(days=3))
    assert tasks.reminders_daily() == 1
    assert tasks.reminders_daily() == 0  # once only
    assert tasks.lead_digests_weekly() == 0  # nothing overdue yet
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: DUE + timedelta(days=1))
    assert tasks.lead_digests_weekly() == 1  # the lead hears of the overdue course


def test_a_reminder_speaks_the_persons_language(assigned):
    from wagtail.users.models import UserProfile

    _team, person, _enrolment = assigned
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "ru"
    profile.save()
    reminders_send(today=DUE - timedelta(days=1))
    assert mail.outbox[0].subject == "Скоро срок: Product knowledge"


def test_reminder_and_digest_links_point_where_the_site_is_served(assigned, settings):
    settings.STEADY_SITE_URL = "http://127.0.0.1:8101"
    team, _person, _enrolment = assigned
    lead_of(team)
    reminders_send(today=DUE - timedelta(days=1))
    assert lead_digests_send(today=date(2026, 12, 14)) == 1
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "http://127.0.0.1:8101/" in message.body
        assert ":8000" not in message.body


def test_a_person_who_chose_russian_at_sign_in_gets_reminders_in_russian(client, assigned):
    from tests.factories import PASSWORD

    _team, person, _enrolment = assigned
    person.set_password(PASSWORD)
    person.save()
    client.cookies["django_language"] = "ru"
    client.post("/ru/accounts/login/", {"username": person.username, "password": PASSWORD})
    reminders_send(today=DUE - timedelta(days=1))
    assert mail.outbox[0].subject == "Скоро срок: Product knowledge"
    assert "http://" in mail.outbox[0].body and "/ru/" in mail.outbox[0].body
