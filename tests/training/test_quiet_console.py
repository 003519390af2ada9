"""A quiet console: a refused request logs one line, and the browser's icon is served."""

import io
import logging

import pytest
from django.urls import reverse

from tests.factories import agent

pytestmark = pytest.mark.django_db


@pytest.fixture
def console():
    """What the console handler of Django's request log writes, while a test runs."""
    handler = logging.getLogger("django.request").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_a_page_not_found_is_one_line_without_a_traceback(client, console):
    client.force_login(agent())
    response = client.get(reverse("courses:path_detail", args=[987654]))
    assert response.status_code == 404
    lines = console.getvalue().splitlines()
    assert lines == ["Not Found: " + reverse("courses:path_detail", args=[987654])]


def test_a_forbidden_request_is_one_line_without_a_traceback(client, console):
    client.force_login(agent())
    response = client.get(reverse("wellbeing:organisation"))
    assert response.status_code in (302, 403)
    assert "Traceback" not in console.getvalue()
    assert len(console.getvalue().splitlines()) <= 1


def test_a_server_error_keeps_its_traceback():
    from training.log import OneLineRefusals

    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        info = sys.exc_info()
    failed = logging.LogRecord("django.request", logging.ERROR, "", 0, "Error", (), info)
    failed.status_code = 500
    refused = logging.LogRecord("django.request", logging.WARNING, "", 0, "Forbidden", (), info)
    refused.status_code = 403
    OneLineRefusals().filter(failed)
    OneLineRefusals().filter(refused)
    assert failed.exc_info is info
    assert refused.exc_info is None


def test_the_favicon_is_served_and_linked(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("training/img/favicon.svg")
    page = client.get(reverse("login")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
