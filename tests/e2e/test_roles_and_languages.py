import pytest

ROLES = [
    ("agent", "/training/", "Моё обучение"),
    ("lead", "/team/", "Мои команды"),
    ("recruiter", "/hiring/", "Кандидаты"),
    ("hr", "/organisation/", "Организация"),
]


@pytest.mark.parametrize(("username", "home", "russian"), ROLES)
def test_each_role_signs_in_lands_home_and_switches_to_russian(
    page, live_server, demo, sign_in, shot, username, home, russian
):
    sign_in(page, username)
    assert page.url == f"{live_server.url}{home}"
    shot(page, f"role-{username}-en")

    page.click("button[data-language=ru]")
    page.wait_for_load_state("networkidle")
    assert page.url == f"{live_server.url}/ru{home}"
    assert russian in page.inner_text("main")
    assert page.get_attribute("html", "lang") == "ru"
    shot(page, f"role-{username}-ru")


@pytest.mark.parametrize("username", ["editor", "admin"])
def test_editor_and_admin_sign_in_to_the_wagtail_admin_and_switch_to_russian(
    page, live_server, demo, sign_in, shot, username
):
    sign_in(page, username)
    assert page.url.startswith(f"{live_server.url}/admin/")
    shot(page, f"role-{username}-admin-en")
    page.goto(f"{live_server.url}/training/")
    page.click("button[data-language=ru]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/admin/")
    assert page.get_attribute("html", "lang") == "ru"
    assert "Steady" in page.inner_text("main")
    assert "Страницы" in page.inner_text("body")
    shot(page, f"role-{username}-admin-ru")
