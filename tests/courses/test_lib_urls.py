"""E-mail links are absolute and follow the served address (STEADY_SITE_URL)."""

from courses.lib.urls import absolute_url


def test_a_path_goes_on_the_served_address(settings):
    settings.STEADY_SITE_URL = "http://127.0.0.1:8101/"
    assert absolute_url("/ru/training/") == "http://127.0.0.1:8101/ru/training/"
    assert absolute_url("training/") == "http://127.0.0.1:8101/training/"


def test_an_absolute_link_is_left_as_it_is(settings):
    settings.STEADY_SITE_URL = "http://127.0.0.1:8101"
    assert absolute_url("https://example.com/x") == "https://example.com/x"
