"""Browser tests: pytest-playwright driving Debian's chromium against live_server.

No browser is downloaded: the launch points at /usr/bin/chromium, with the flags a
closed network and a root user need. Screenshots go to test-results/screenshots.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("STEADY_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 860}, "locale": "en-GB"}


@pytest.fixture
def shot():
    """Save a full-page screenshot under test-results/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


_DEMO_SNAPSHOT: dict = {}


@pytest.fixture
def demo(transactional_db):
    """The whole demo, as `make demo` loads it.

    Loading it takes most of a browser test's time, so on SQLite the first test
    loads it and keeps a copy of the database in memory; later tests restore that
    copy (SQLite's backup API) instead of loading again. Same rows, same ids.
    """
    import sqlite3

    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        call_command("load_demo", verbosity=0)
        return
    connection.ensure_connection()
    snapshot = _DEMO_SNAPSHOT.get(connection.settings_dict["NAME"])
    if snapshot is not None:
        snapshot.backup(connection.connection)
        return
    call_command("load_demo", verbosity=0)
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)
    _DEMO_SNAPSHOT[connection.settings_dict["NAME"]] = snapshot


@pytest.fixture
def sign_in(live_server):
    def sign_in_as(page, username: str, password: str = "steady-demo"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form.stacked button[type=submit]")
        page.wait_for_load_state("networkidle")

    return sign_in_as
