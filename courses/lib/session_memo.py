"""What the site header needs, remembered in the person's session for a few minutes.

Every page shows the header, and the header needs the person's roles and whether
a check-in waits for them: three queries a page for answers that change a few
times a year (roles) or once a week (the check-in). The session is read on every
request anyway, so the answers ride along in it, tied to the person and to the
day, and are worked out again after `HEADER_MEMO_SECONDS`. Views never rely on
them: every view checks permissions itself, so a memo a few minutes old only
shows or hides a link.
"""

import time
from collections.abc import Callable
from typing import Any

HEADER_MEMO_SECONDS = 300


def session_memo(request, key: str, compute: Callable[[], Any], *, scope: str = "") -> Any:
    """`compute()`'s JSON-ready value, kept in the session under `key` for a while.

    `scope` ties the value to something besides the person (e.g. the day): a value
    stored under another scope is computed again.
    """
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if session is None or user is None or not user.is_authenticated:
        return compute()
    now = time.time()
    stored = session.get(key)
    if (
        isinstance(stored, dict)
        and stored.get("user") == user.pk
        and stored.get("scope") == scope
        and stored.get("until", 0) > now
    ):
        return stored["value"]
    value = compute()
    session[key] = {
        "user": user.pk,
        "scope": scope,
        "until": now + HEADER_MEMO_SECONDS,
        "value": value,
    }
    return value


def session_memo_forget(request, key: str) -> None:
    session = getattr(request, "session", None)
    if session is not None and key in session:
        del session[key]


def request_roles(request) -> set[str]:
    """The signed-in person's role names, from the session memo when it is fresh.

    Also fills the user's own cache, so `user_roles(user)` later in the same request
    asks the database nothing.
    """
    from ..roles import ROLES, user_roles

    user = request.user
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(ROLES)
    cached = getattr(user, "_steady_roles", None)
    if cached is None:
        names = session_memo(request, "steady:roles", lambda: sorted(user_roles(user)))
        cached = set(names)
        user._steady_roles = cached
    return cached
