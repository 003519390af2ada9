"""Settings Steady's apps read, each with a `STEADY_` prefix and a default.

A host site overrides any of them in its own settings, e.g.
`STEADY_CERTIFICATE_VALIDITY_DAYS = 730`.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Where a person goes back to from a Steady page that has no other way out: a path
    # or a URL name of the host site (the demo host uses its role landing, "home").
    "HOME_URL": "/",
    # Courses and certificates
    "REMINDER_DAYS_BEFORE_DUE": 3,
    "SITE_URL": "http://127.0.0.1:8000",
    # Hiring
    "CANDIDATE_RETENTION_DAYS": 180,
    "INVITATION_VALID_DAYS": 14,
    "PERCENTILE_MIN_CANDIDATES": 10,
    "TOKEN_RATE_LIMIT": "30/10m",
    # Wellbeing
    "MIN_GROUP_SIZE": 5,
    "CHECKIN_COMMENTS_ENABLED": False,
    "CHECKIN_COMMENTS_MIN_ANSWERS": 10,
    "IMPORT_ASYNC_ROWS": 5000,
}


def steady_setting(name: str) -> Any:
    """The value of `STEADY_<name>`, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown Steady setting {name!r}")
    return getattr(settings, f"STEADY_{name}", DEFAULTS[name])
