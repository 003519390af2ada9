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
    "PRACTICE_RATE_LIMIT": "20/1m",  # "Check my reply" per person
    # Hiring
    "CANDIDATE_RETENTION_DAYS": 180,
    "INVITATION_VALID_DAYS": 14,
    "PERCENTILE_MIN_CANDIDATES": 10,
    "TOKEN_RATE_LIMIT": "30/10m",
    # Behind a reverse proxy: the request header it writes the client's address to
    # (e.g. "X-Forwarded-For"), and how many proxies of yours append to it. Empty:
    # the connection's own address (REMOTE_ADDR) is the client's.
    "TRUSTED_PROXY_HEADER": "",
    "TRUSTED_PROXY_COUNT": 1,
    # Wellbeing
    "MIN_GROUP_SIZE": 5,
    "CHECKIN_COMMENTS_ENABLED": False,
    "CHECKIN_COMMENTS_MIN_ANSWERS": 10,
    "IMPORT_ASYNC_ROWS": 5000,
    # Workload files: parsed in the task worker above this many bytes (unpacked, for XLSX)
    "IMPORT_ASYNC_BYTES": 1024 * 1024,
    "IMPORT_MAX_BYTES": 50 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 1_000_000,
    "IMPORT_MAX_XLSX_UNPACKED_BYTES": 100 * 1024 * 1024,
    "IMPORT_CHUNK_ROWS": 50_000,
    "IMPORT_MAX_CONTACTS_PER_DAY": 2_000,
    "IMPORT_MAX_DAYS_BACK": 3 * 366,
    # Uploaded workload files are personal data: kept this long, then deleted by a schedule
    "IMPORT_FILE_RETENTION_DAYS": 30,
    # Where they are kept (never under MEDIA_ROOT); None: "<MEDIA_ROOT>/../private"
    "PRIVATE_STORAGE_ROOT": None,
}


def steady_setting(name: str) -> Any:
    """The value of `STEADY_<name>`, or its documented default."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown Steady setting {name!r}")
    return getattr(settings, f"STEADY_{name}", DEFAULTS[name])
