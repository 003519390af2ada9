"""The chosen language stays: at sign-in, on unprefixed URLs, for the person's e-mails."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import PASSWORD, agent

pytestmark = pytest.mark.django_db


def _sign_in(client, person, *, at="/accounts/login/"):
    return client.post(at, {"username": person.username, "password": PASSWORD}, follow=True)


def test_russian_chosen_on_the_home_page_stays_after_signing_in(client, demo_site):
    person = agent()
    switched = client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert switched.url == "/ru/"
    response = _sign_in(client, person, at="/ru/accounts/login/")
    assert response.redirect_chain[-1][0] == "/ru/training/"
    assert UserProfile.get_for_user(person).preferred_language == "ru"


def test_an_unprefixed_bookmark_opens_in_the_persons_language(client, demo_site):
    person = agent()
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    _sign_in(client, person, at="/ru/accounts/login/")
    bookmark = client.get("/training/?tab=done")
    assert bookmark.status_code == 302
    assert bookmark.url == "/ru/training/?tab=done"
    assert client.get(bookmark.url).status_code == 200


def test_signing_in_without_a_choice_keeps_the_stored_preference(client, demo_site):
    person = agent()
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "pl"
    profile.save()
    _sign_in(client, person)
    assert UserProfile.get_for_user(person).preferred_language == "pl"
    assert client.get("/training/").url == "/pl/training/"


def test_choosing_english_again_serves_unprefixed_urls_in_english(client, demo_site):
    person = agent()
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    _sign_in(client, person, at="/ru/accounts/login/")
    client.post(reverse("set_language"), {"language": "en", "next": "/ru/training/"})
    assert UserProfile.get_for_user(person).preferred_language == "en"
    assert client.get("/training/").status_code == 200


def test_the_admin_forms_and_visitors_are_never_redirected(client, demo_site):
    person = agent()
    profile = UserProfile.get_for_user(person)
    profile.preferred_language = "ru"
    profile.save()
    assert client.get("/").status_code == 200  # a visitor: the URL decides
    _sign_in(client, person)
    assert not client.get("/admin/").get("Location", "").startswith("/ru/")
    assert not client.post(reverse("courses:my_training")).get("Location", "").startswith("/ru/")
