"""Warnings end to end: workload and check-ins in the database, `as_of` pinned, reasons in words."""

import datetime as dt

import pytest
from django.core.management import call_command

from tests.factories import MembershipFactory, TeamFactory, agent, lead_of
from tests.wellbeing.checkin_data import release, sealed_answers
from wellbeing import metrics
from wellbeing.models import BurnoutWarning, WellbeingSettings, WorkloadRecord
from wellbeing.reasons import render_person_reasons, render_reason
from wellbeing.services import (
    WarningActionRefused,
    warning_acknowledge,
    warning_assign_stress_course,
    warnings_compute,
)

AS_OF = dt.date(2026, 11, 22)  # a Sunday: week 2026-W47 is complete
WEEKS = 12


def _workload(team, people, *, strained: set[int]):
    """Twelve steady weeks; in the last two, the strained people work every day, 11 hours."""
    start = AS_OF - dt.timedelta(weeks=WEEKS) + dt.timedelta(days=1)
    records = []
    for index, person in enumerate(people):
        for offset in range(WEEKS * 7):
            day = start + dt.timedelta(days=offset)
            late = index in strained and day > AS_OF - dt.timedelta(days=14)
            if day.weekday() >= 5 and not late:
                continue
            records.append(
                WorkloadRecord(
                    person=person,
                    team=team,
                    date=day,
                    contacts=40,
                    hours_worked=11.0 if late else 8.0,
                    overtime_h=3.0 if late else 0.0,
                    occupancy_pct=80.0,
                    hostile_contacts=2,
                )
            )
    WorkloadRecord.objects.bulk_create(records)


@pytest.fixture
def team(db):
    team = TeamFactory(name="Returns & complaints")
    people = [agent(first_name=f"P{i}") for i in range(4)]
    for person in people:
        MembershipFactory(team=team, user=person)
    _workload(team, people, strained={0, 1, 2})
    return team


def test_a_strained_team_gets_a_warning_with_its_reasons_and_actions(team):
    assert warnings_compute(as_of=AS_OF) == 1
    warning = BurnoutWarning.objects.get(team=team)
    assert warning.week == "2026-W47"
    assert warning.level_rank >= 2
    assert (warning.people, warning.flagged) == (4, 3)
    codes = [reason["code"] for reason in warning.reasons]
    assert metrics.REASON_CONSECUTIVE_DAYS in codes
    assert metrics.REASON_LONG_WEEK in codes
    assert metrics.ACTION_SCHEDULE_REST_DAYS in warning.actions
    assert len(warning.flagged_people) == 3

    t = WellbeingSettings.load().thresholds()
    texts = [
        render_reason(r["code"], r["params"], total=warning.people, t=t) for r in warning.reasons
    ]
    assert "3 of 4 people worked 6 or more days in a row (longest: 14 days)." in texts
    assert "3 of 4 people had at least one workload flag this week (75%)." in texts
    person = render_person_reasons(warning.flagged_people[0]["reasons"], t=t)
    assert "14 days in a row" in person


def test_recomputing_the_same_day_replaces_and_keeps_the_acknowledgement(team):
    warnings_compute(as_of=AS_OF)
    warning = BurnoutWarning.objects.get(team=team)
    lead = lead_of(team)
    warning_acknowledge(warning=warning, user=lead, note="Rest days planned for three people.")
    warnings_compute(as_of=AS_OF)
    call_command("compute_burnout", "--as-of", AS_OF.isoformat())
    again = BurnoutWarning.objects.get(team=team)
    assert again.pk == warning.pk
    assert again.acknowledged_by == lead
    assert again.action_note == "Rest days planned for three people."


def test_a_check_in_below_k_adds_no_reason(team):
    sealed_answers(team, 4, period="2026-10", cbi_work=75.0, who5=40.0)
    release(AS_OF)
    warnings_compute(as_of=AS_OF)
    codes = [r["code"] for r in BurnoutWarning.objects.get(team=team).reasons]
    assert metrics.REASON_CHECKIN_CONCERN not in codes  # 4 answers < k = 5


def test_a_released_check_in_adds_a_reason_without_certainty_about_anyone(team):
    sealed_answers(team, 5, period="2026-10", cbi_work=75.0, who5=40.0)
    release(AS_OF)
    warnings_compute(as_of=AS_OF)
    warning = BurnoutWarning.objects.get(team=team)
    concern = [r for r in warning.reasons if r["code"] == metrics.REASON_CHECKIN_CONCERN]
    cbi = next(r for r in concern if r["params"]["scale"] == "cbi_work")
    assert cbi["params"]["n"] == 5
    text = render_reason(cbi["code"], cbi["params"], total=4, t=metrics.DEFAULT_THRESHOLDS)
    # 5 of 5 beyond the line: under 2k answers, a band, never "100%".
    assert text == (
        "Check-in 2026-10: average work-related burnout (CBI) 75 (line 50), "
        "half of the answers or more beyond the line, 5 answers."
    )
    assert metrics.ACTION_ASSIGN_STRESS_COURSE in warning.actions


def test_a_steady_team_gets_no_warning(db):
    team = TeamFactory()
    people = [agent() for _ in range(4)]
    for person in people:
        MembershipFactory(team=team, user=person)
    _workload(team, people, strained=set())
    warnings_compute(as_of=AS_OF)
    assert BurnoutWarning.objects.get(team=team).level == "none"


def test_no_data_computes_nothing(db):
    assert warnings_compute(as_of=AS_OF) == 0


def test_assigning_the_course_enrols_every_member_of_the_team(team):
    from courses.models import Enrolment, TeamMembership, Topic
    from tests.factories import course

    stress = course(
        topic=Topic.objects.get_or_create(
            code="stress_management", defaults={"name": "Stress management"}
        )[0]
    )
    warnings_compute(as_of=AS_OF)
    warning = BurnoutWarning.objects.get(team=team)
    warning_assign_stress_course(warning=warning, user=lead_of(team), today=AS_OF)
    members = set(
        team.memberships.filter(role=TeamMembership.Role.MEMBER).values_list("user", flat=True)
    )
    enrolled = Enrolment.objects.filter(course=stress)
    assert set(enrolled.values_list("user", flat=True)) == members
    assert {e.due_on for e in enrolled} == {AS_OF + dt.timedelta(days=14)}
    warning.refresh_from_db()
    assert warning.course_assigned_at is not None


def test_assigning_without_a_published_course_is_refused_plainly(team):
    warnings_compute(as_of=AS_OF)
    with pytest.raises(WarningActionRefused):
        warning_assign_stress_course(
            warning=BurnoutWarning.objects.get(team=team), user=lead_of(team), today=AS_OF
        )


def test_the_demo_returns_warning_offers_the_demo_stress_course_and_assigns_it(db):
    from courses.models import CoursePage, Enrolment, TeamMembership
    from wellbeing.services.warnings import stress_management_course

    call_command("load_demo", verbosity=0)
    warning = BurnoutWarning.objects.filter(team__slug="returns").order_by("-week_start").first()
    assert warning.is_raised
    assert metrics.ACTION_ASSIGN_STRESS_COURSE in warning.actions
    stress = CoursePage.objects.get(slug="stress-management", locale__language_code="en")
    assert stress_management_course() == stress

    lead = warning.team.memberships.get(role=TeamMembership.Role.LEAD).user
    warning_assign_stress_course(warning=warning, user=lead, today=dt.date(2026, 11, 27))
    members = set(
        TeamMembership.objects.filter(
            team=warning.team, role=TeamMembership.Role.MEMBER
        ).values_list("user", flat=True)
    )
    enrolled = set(
        Enrolment.objects.filter(course=stress, active=True).values_list("user", flat=True)
    )
    assert members and members <= enrolled


def test_the_nightly_schedule_is_declared():
    from wellbeing.schedules import SCHEDULES

    assert [s["func"] for s in SCHEDULES] == [
        "wellbeing.tasks.burnout_nightly",
        "wellbeing.tasks.workload_import_files_purge",
        "wellbeing.tasks.impact_nightly",
    ]


def test_the_settings_mirror_every_threshold_with_the_same_default(db):
    assert WellbeingSettings.load().thresholds() == metrics.DEFAULT_THRESHOLDS


def test_leads_get_an_email_when_a_warning_is_raised_and_not_again(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    lead = lead_of(team, email="lead@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        warnings_compute(as_of=AS_OF)
    assert [m.to for m in mailoutbox] == [[lead.email]]
    assert "burnout warning for Returns & complaints, week 2026-W47" in mailoutbox[0].subject
    assert "worked 6 or more days in a row" in mailoutbox[0].body
    assert f"/team/{team.pk}/" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        warnings_compute(as_of=AS_OF)
    assert len(mailoutbox) == 1


def test_splitting_by_team_gives_the_same_warnings_as_one_run(team, monkeypatch):
    calm = TeamFactory(name="Calm")
    people = [agent() for _ in range(3)]
    for person in people:
        MembershipFactory(team=calm, user=person)
    _workload(calm, people, strained={0})
    fields = ("team_id", "week", "level", "people", "flagged", "reasons", "actions")

    warnings_compute(as_of=AS_OF)
    whole = sorted(BurnoutWarning.objects.values_list(*fields))
    BurnoutWarning.objects.all().delete()

    monkeypatch.setattr("wellbeing.tasks.TEAMS_PER_TASK", 1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: AS_OF)
    from wellbeing.tasks import burnout_nightly

    assert burnout_nightly(as_of=AS_OF.isoformat()) == 2  # two tasks, run at once in tests
    assert sorted(BurnoutWarning.objects.values_list(*fields)) == whole


def test_thresholds_out_of_order_are_refused_with_a_message(db):
    from django.core.exceptions import ValidationError

    settings = WellbeingSettings.load()
    settings.team_warning = 0.6  # above critical
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert "rise in that order" in str(refused.value)


def test_hr_may_edit_the_wellbeing_settings_and_a_lead_may_not(client, db):
    from tests.factories import wellbeing_admin

    url = "/admin/settings/wellbeing/wellbeingsettings/"
    client.force_login(wellbeing_admin())
    page = client.get(url, follow=True)
    assert page.status_code == 200 and "minimum group size" in page.content.decode().lower()
    client.force_login(lead_of(TeamFactory()))
    assert client.get(url).status_code in (302, 403)
