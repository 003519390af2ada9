import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.roles import ROLES, user_roles
from tests.factories import (
    TeamFactory,
    UserFactory,
    agent,
    editor,
    lead_of,
    recruiter,
    wellbeing_admin,
)

pytestmark = pytest.mark.django_db


def test_the_five_roles_exist_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_roles_carry_their_permissions():
    assert Group.objects.get(name="Recruiter").permissions.filter(codename="access_hiring").exists()
    lead_perms = set(
        Group.objects.get(name="Team lead").permissions.values_list("codename", flat=True)
    )
    assert {"view_team_training", "view_team_wellbeing"} <= lead_perms
    agent_perms = Group.objects.get(name="Agent").permissions.values_list("codename", flat=True)
    assert list(agent_perms) == ["view_goodreply"]  # the reply library, nothing else


def test_a_person_can_lead_one_team_and_belong_to_another():
    from tests.factories import MembershipFactory

    led, joined = TeamFactory(), TeamFactory()
    person = lead_of(led)
    MembershipFactory(team=joined, user=person)
    assert {m.role for m in person.team_memberships.all()} == {"lead", "member"}


def test_user_roles_of_anonymous_is_empty():
    from django.contrib.auth.models import AnonymousUser

    assert user_roles(AnonymousUser()) == set()


@pytest.mark.parametrize(
    ("make_user", "url_name"),
    [
        (agent, "hiring:candidate_list"),
        (agent, "wellbeing:team_dashboard"),
        (agent, "wellbeing:organisation"),
        (recruiter, "wellbeing:team_dashboard"),
        (recruiter, "wellbeing:organisation"),
        (editor, "hiring:candidate_list"),
        (wellbeing_admin, "hiring:candidate_list"),
        (lambda: lead_of(TeamFactory()), "hiring:candidate_list"),
        (lambda: lead_of(TeamFactory()), "wellbeing:organisation"),
    ],
)
def test_roles_are_refused_pages_of_other_roles(client, make_user, url_name):
    client.force_login(make_user())
    response = client.get(reverse(url_name))
    assert response.status_code == 403
    assert "not for your role" in response.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "courses:my_training",
        "hiring:candidate_list",
        "wellbeing:team_dashboard",
        "wellbeing:organisation",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_person_without_any_role_cannot_open_the_wagtail_admin(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.url


def test_a_lead_sees_only_the_teams_they_lead(client):
    mine = TeamFactory(name="Mine")
    TeamFactory(name="Other")
    client.force_login(lead_of(mine))
    page = client.get(reverse("wellbeing:team_dashboard")).content.decode()
    assert "Mine" in page
    assert "Other" not in page
