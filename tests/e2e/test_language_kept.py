"""The chosen language stays: Russian chosen before signing in is kept after it, and
an unprefixed URL (a bookmark, an e-mail link) opens in Russian too."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def learner(transactional_db):
    from tests.factories import PASSWORD, agent
    from training.demo.site import load_site

    load_site()
    return agent(username="anna", first_name="Anna"), PASSWORD


def test_russian_chosen_before_signing_in_stays_after_it_and_on_a_bookmark(
    page, live_server, learner, shot
):
    person, password = learner
    page.goto(f"{live_server.url}/")
    page.click("button[data-language=ru]")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/ru/"
    shot(page, "language-kept-1-home-ru")

    page.click("header a.button")  # «Войти»
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(f"{live_server.url}/ru/accounts/login/")
    page.fill("#id_username", person.username)
    page.fill("#id_password", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/ru/training/"
    assert page.get_attribute("html", "lang") == "ru"
    shot(page, "language-kept-2-signed-in-ru")

    page.goto(f"{live_server.url}/training/")  # a bookmark without the language
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/ru/training/"
    assert page.get_attribute("html", "lang") == "ru"
    shot(page, "language-kept-3-bookmark-ru")
