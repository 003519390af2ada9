"""The demo: people, teams, site pages and content, loaded by `manage.py load_demo`.

Every step is idempotent: it looks things up by a natural key (user name, slug)
and creates only what is missing, so a second run adds nothing.
"""

import json
from pathlib import Path

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"


def read_fixture(name: str) -> dict:
    with (FIXTURES / name).open(encoding="utf-8") as handle:
        return json.load(handle)
