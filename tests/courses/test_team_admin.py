import pytest

from courses.models import Team, TeamMembership
from tests.factories import TeamFactory, UserFactory, agent, editor, recruiter

pytestmark = pytest.mark.django_db


def test_an_editor_lists_and_edits_teams_in_the_wagtail_admin(
    client, django_assert_max_num_queries
):
    team = TeamFactory(name="Orders")
    client.force_login(editor())
    with django_assert_max_num_queries(40):
        listing = client.get("/admin/snippets/courses/team/")
    assert listing.status_code == 200
    assert "Orders" in listing.content.decode()
    assert client.get(f"/admin/snippets/courses/team/edit/{team.pk}/").status_code == 200


def test_an_editor_adds_a_team_with_a_lead_and_a_member(client):
    lead, member = agent(username="olga"), agent(username="ivan")
    client.force_login(editor())
    response = client.post(
        "/admin/snippets/courses/team/add/",
        {
            "name": "Returns",
            "slug": "returns",
            "description": "",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": str(lead.pk),
            "memberships-0-role": "lead",
            "memberships-0-joined_on": "",
            "memberships-0-ORDER": "1",
            "memberships-1-user": str(member.pk),
            "memberships-1-role": "member",
            "memberships-1-joined_on": "",
            "memberships-1-ORDER": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Team.objects.get(slug="returns")
    roles = dict(team.memberships.values_list("user__username", "role"))
    assert roles == {"olga": TeamMembership.Role.LEAD, "ivan": TeamMembership.Role.MEMBER}


def test_the_same_person_twice_in_a_team_is_refused_with_a_message(client):
    person = agent()
    client.force_login(editor())
    response = client.post(
        "/admin/snippets/courses/team/add/",
        {
            "name": "Twice",
            "slug": "twice",
            "memberships-TOTAL_FORMS": "2",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": str(person.pk),
            "memberships-0-role": "lead",
            "memberships-1-user": str(person.pk),
            "memberships-1-role": "member",
        },
    )
    assert response.status_code == 200
    assert not Team.objects.filter(slug="twice").exists()


@pytest.mark.parametrize("make_user", [agent, recruiter, UserFactory])
def test_people_without_the_editor_role_cannot_manage_teams(client, make_user):
    client.force_login(make_user())
    response = client.get("/admin/snippets/courses/team/add/")
    assert response.status_code in (302, 403)
