"""The plugin apps without the demo host: what a site that installs Steady has.

Derived from the test settings with `training` taken out (its URLs, templates,
static files and context processors), a tiny URL conf and a bare `base.html`.
"""

from pathlib import Path

from training.settings.test import *  # noqa: F403
from training.settings.test import INSTALLED_APPS, TEMPLATES

HERE = Path(__file__).resolve().parent

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "training"]
ROOT_URLCONF = "tests.plugin.urls"
TEMPLATES = [
    {
        **TEMPLATES[0],
        "DIRS": [HERE / "templates"],
        "OPTIONS": {
            "context_processors": [
                processor
                for processor in TEMPLATES[0]["OPTIONS"]["context_processors"]
                if not processor.startswith("training.")
            ]
        },
    }
]
STATICFILES_DIRS = []
LOCALE_PATHS = []
LOGIN_REDIRECT_URL = "/"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# The plugin's own default applies: no STEADY_HOME_URL, so "/".
del STEADY_HOME_URL  # noqa: F821
