"""The pytest suite: a fast hasher, tasks run at once, mail kept in memory."""

from .base import *  # noqa: F403
from .base import Q_CLUSTER

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "steady_private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

if REDIS_URL:  # noqa: F405
    # Parallel test workers share one Redis: each keeps to its own keys, and the
    # suite's autouse fixture clears them between tests (tests/conftest.py).
    import os

    CACHES = {
        "default": {
            **CACHES["default"],  # noqa: F405
            "KEY_PREFIX": f"steady-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}",
        }
    }
