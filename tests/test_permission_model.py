"""One permission model: each app declares what its roles get; views check permissions.

Who may open what is decided by `user.has_perm`, so a role is only as strong as the
permissions its group carries, and a permission works without the group.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import courses.roles
import hiring.roles
import wellbeing.roles
from courses.services.roles import declared_role_permissions, sync_role_permissions
from tests.factories import (
    TeamFactory,
    UserFactory,
    agent,
    lead_of,
    recruiter,
    wellbeing_admin,
)

pytestmark = pytest.mark.django_db

WAGTAIL = ("wagtailadmin", "wagtailimages", "wagtaildocs")


@pytest.mark.parametrize(
    "module, app",
    [(courses.roles, "courses"), (hiring.roles, "hiring"), (wellbeing.roles, "wellbeing")],
)
def test_each_app_grants_only_its_own_and_wagtails_permissions(module, app):
    labels = {code.split(".")[0] for codes in module.ROLE_PERMISSIONS.values() for code in codes}
    assert labels and labels <= {app, *WAGTAIL}


def test_the_grants_of_every_app_are_collected_per_role():
    declared = declared_role_permissions()
    assert ("hiring", "access_hiring") in declared["Recruiter"]
    assert ("wellbeing", "view_team_wellbeing") in declared["Team lead"]
    assert ("courses", "view_team_training") in declared["Team lead"]
    assert ("wellbeing", "manage_wellbeing") in declared["Wellbeing admin"]
    assert declared["Agent"] == {("courses", "view_goodreply")}


def test_syncing_takes_away_a_grant_declared_only_for_another_role_and_keeps_a_sites_own():
    hr = Group.objects.get(name="Wellbeing admin")
    lead_only = Permission.objects.get(codename="view_team_wellbeing")
    sites_own = Permission.objects.get(codename="view_logentry", content_type__app_label="admin")
    hr.permissions.add(lead_only, sites_own)
    sync_role_permissions()
    assert not hr.permissions.filter(pk=lead_only.pk).exists()
    assert hr.permissions.filter(pk=sites_own.pk).exists()


def test_syncing_twice_changes_nothing():
    sync_role_permissions()
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    sync_role_permissions()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after


def test_courses_no_longer_declares_access_to_hiring():
    assert not Permission.objects.filter(
        content_type__app_label="courses", codename="access_hiring"
    ).exists()


def _grant(user, app_label: str, codename: str):
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


def test_the_hiring_permission_opens_hiring_without_the_recruiter_role(client):
    person = _grant(UserFactory(), "hiring", "access_hiring")
    client.force_login(person)
    assert client.get(reverse("hiring:candidate_list")).status_code == 200


def test_the_recruiter_role_without_the_hiring_permission_opens_nothing(client):
    Group.objects.get(name="Recruiter").permissions.clear()
    client.force_login(recruiter())
    assert client.get(reverse("hiring:candidate_list")).status_code == 403


def test_the_team_wellbeing_permission_is_what_opens_a_leads_dashboard(client):
    team = TeamFactory()
    lead = lead_of(team)
    client.force_login(lead)
    assert client.get(reverse("wellbeing:team_dashboard")).status_code == 200
    Group.objects.get(name="Team lead").permissions.remove(
        Permission.objects.get(codename="view_team_wellbeing")
    )
    client.force_login(type(lead).objects.get(pk=lead.pk))
    assert client.get(reverse("wellbeing:team_dashboard")).status_code == 403


def test_the_manage_wellbeing_permission_opens_the_organisation_view(client):
    person = _grant(UserFactory(), "wellbeing", "manage_wellbeing")
    client.force_login(person)
    assert client.get(reverse("wellbeing:organisation")).status_code == 200


@pytest.mark.parametrize(
    "make_user, name",
    [
        (recruiter, "wellbeing:team_dashboard"),
        (recruiter, "wellbeing:organisation"),
        (recruiter, "courses:grading_queue"),
        (recruiter, "courses:team_matrix"),
        (lambda: lead_of(TeamFactory()), "hiring:candidate_list"),
        (lambda: lead_of(TeamFactory()), "hiring:grading_queue"),
        (lambda: lead_of(TeamFactory()), "wellbeing:organisation"),
        (agent, "hiring:candidate_list"),
        (agent, "hiring:position_list"),
        (agent, "wellbeing:team_dashboard"),
        (agent, "wellbeing:organisation"),
        (wellbeing_admin, "hiring:candidate_list"),
        (wellbeing_admin, "wellbeing:team_dashboard"),
    ],
)
def test_each_role_is_refused_what_another_app_grants(client, make_user, name):
    client.force_login(make_user())
    assert client.get(reverse(name)).status_code == 403
