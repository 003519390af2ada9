import pytest
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    TeamFactory,
    agent,
    editor,
    lead_of,
    recruiter,
    wellbeing_admin,
)

pytestmark = pytest.mark.django_db


def test_visitors_see_the_home_page_with_a_sign_in_link(
    client, demo_site, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert response.status_code == 200
    assert b"Steady at Northwind Home" in response.content
    assert reverse("login").encode() in response.content


def test_home_page_is_served_in_russian_and_polish(client, demo_site):
    assert "Steady в Northwind Home" in client.get("/ru/").content.decode()
    assert "Steady w Northwind Home" in client.get("/pl/").content.decode()


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        (agent, "courses:my_training"),
        (recruiter, "hiring:candidate_list"),
        (wellbeing_admin, "wellbeing:organisation"),
        (editor, "wagtailadmin_home"),
    ],
)
def test_each_role_is_sent_to_where_it_works(client, demo_site, make_user, expected):
    client.force_login(make_user())
    response = client.get("/")
    assert response.status_code == 302
    assert client.get(response.url).url == reverse(expected)


def test_a_team_lead_lands_on_the_team_dashboard(client, demo_site):
    client.force_login(lead_of(TeamFactory()))
    assert client.get(reverse("home")).url == reverse("wellbeing:team_dashboard")


def test_login_form_signs_a_person_in_and_sends_them_home(client, demo_site):
    person = agent(username="anna")
    response = client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).url == reverse("courses:my_training")
    assert int(client.session["_auth_user_id"]) == person.pk


def test_wrong_password_gets_a_clear_message(client, demo_site):
    agent(username="anna")
    response = client.post(reverse("login"), {"username": "anna", "password": "nope"})
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_logout_signs_out(client, demo_site):
    client.force_login(agent())
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_language_switch_keeps_the_page_and_changes_the_language(client, demo_site):
    client.force_login(agent())
    response = client.post(
        reverse("set_language"), {"language": "ru", "next": reverse("courses:my_training")}
    )
    assert response.url == "/ru/training/"
    page = client.get(response.url).content.decode()
    assert "Моё обучение" in page


def test_polish_uses_polish_plural_forms(client, demo_site):
    team = TeamFactory()
    lead = lead_of(team)
    for _ in range(4):
        from tests.factories import MembershipFactory

        MembershipFactory(team=team)
    client.force_login(lead)
    page = client.get("/pl/team/").content.decode()
    assert "5 osób" in page


def test_language_switch_is_remembered_for_the_wagtail_admin(client, demo_site):
    from wagtail.users.models import UserProfile

    person = editor()
    client.force_login(person)
    client.post(reverse("set_language"), {"language": "pl", "next": "/admin/"})
    assert UserProfile.get_for_user(person).preferred_language == "pl"
    assert 'lang="pl"' in client.get("/admin/").content.decode()


def test_an_unknown_language_is_ignored(client, demo_site):
    client.force_login(agent())
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/training/"})
    assert response.status_code == 302
    assert client.get("/training/").content.decode().count('lang="en"') >= 1
