"""`manage.py check --deploy` with the production settings reports nothing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check_deploy(**extra: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "training.settings.production",
        "SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key-0123456789",
        "ALLOWED_HOSTS": "steady.example.com",
        **extra,
    }
    # Set by the browser tests in this process; a deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_production_settings_pass_the_deploy_check():
    result = _check_deploy()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_turning_the_ssl_redirect_off_without_a_proxy_is_reported():
    result = _check_deploy(SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_behind_a_tls_proxy_the_redirect_may_be_left_to_the_proxy():
    result = _check_deploy(SECURE_SSL_REDIRECT="0", SECURE_PROXY_SSL_HEADER="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_hsts_switched_off_is_reported():
    result = _check_deploy(SECURE_HSTS_SECONDS="0")
    assert "security.W004" in result.stdout + result.stderr
