"""The plugin apps run on a site that is not the demo host: no `training` app, none
of its URL names, templates or context processors (tests/plugin/settings.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.plugin.settings"}
    env.pop("DATABASE_URL", None)  # an in-memory SQLite of its own
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


def test_django_checks_pass_without_the_demo_host():
    done = _run("manage.py", "check", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_plugin_pages_open_without_the_demo_host():
    done = _run("-m", "tests.plugin.render_pages")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.strip().splitlines()[-1])
    assert results.pop("training_installed") is False
    assert results.pop("checkin_leads_home") is True
    assert results.pop("checkin_refusal_redirect") == "/checkin/"
    assert results == {
        "courses:my_training": 200,
        "courses:team_matrix": 200,
        "hiring:candidate_list": 200,
        "hiring:position_list": 200,
        "wellbeing:team_dashboard": 200,
        "wellbeing:organisation": 200,
        "wellbeing:checkin": 200,
    }
