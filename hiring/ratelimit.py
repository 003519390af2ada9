"""Rate limiting of the candidate token URLs.

A fixed window per client address: `STEADY_TOKEN_RATE_LIMIT` reads "30/10m"
(30 requests per 10 minutes; units s, m, h). Redis holds the counters when the
cache is Redis, so every web process shares them; on the embedded default the
cache is per process, so a database table counts instead.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from courses.conf import steady_setting

UNITS = {"s": 1, "m": 60, "h": 3600}
RATE_PATTERN = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smh])\s*$")


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def rate_parse(text: str) -> Rate:
    """ "30/10m" -> Rate(30, 600); a bad value is a configuration error, said plainly."""
    match = RATE_PATTERN.match(text or "")
    if not match:
        raise ValueError(f"STEADY_TOKEN_RATE_LIMIT must look like '30/10m', not {text!r}")
    count, amount, unit = match.groups()
    return Rate(limit=int(count), seconds=int(amount or 1) * UNITS[unit])


def client_key(request) -> str:
    """The client's address, hashed so no IP address is written anywhere."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(f"steady-token:{address}".encode()).hexdigest()[:40]


def _cache():
    return caches["default"]


def _uses_redis() -> bool:
    # The backend object itself: `django.core.cache.cache` is a proxy whatever the backend.
    return "redis" in type(_cache()).__module__.lower()


def _window_start(now: datetime, seconds: int) -> datetime:
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=now.tzinfo)


def rate_hit(*, key: str, now: datetime, rate: Rate | None = None) -> bool:
    """Count one request of `key`; True while it is within the limit (this one included)."""
    rate = rate or rate_parse(steady_setting("TOKEN_RATE_LIMIT"))
    window = _window_start(now, rate.seconds)
    if _uses_redis():
        cache_key = f"steady:rl:{key}:{int(window.timestamp())}"
        _cache().add(cache_key, 0, timeout=rate.seconds)
        return _cache().incr(cache_key) <= rate.limit
    return _database_hit(key=key, window=window, rate=rate, now=now) <= rate.limit


def rate_exceeded(*, key: str, now: datetime, rate: Rate | None = None) -> bool:
    """Whether `key` has already used up this window (counts nothing)."""
    rate = rate or rate_parse(steady_setting("TOKEN_RATE_LIMIT"))
    window = _window_start(now, rate.seconds)
    if _uses_redis():
        count = _cache().get(f"steady:rl:{key}:{int(window.timestamp())}") or 0
    else:
        from .models import TokenRateLimit

        row = TokenRateLimit.objects.filter(key=key, window_start=window).first()
        count = row.count if row else 0
    return count >= rate.limit


def _database_hit(*, key: str, window: datetime, rate: Rate, now: datetime) -> int:
    from .models import TokenRateLimit

    with transaction.atomic():
        updated = TokenRateLimit.objects.filter(key=key, window_start=window).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    TokenRateLimit.objects.create(key=key, window_start=window, count=1)
            except IntegrityError:  # another request created it a moment earlier
                TokenRateLimit.objects.filter(key=key, window_start=window).update(
                    count=F("count") + 1
                )
        # Old windows are useless; drop them as we go rather than on a schedule.
        TokenRateLimit.objects.filter(
            window_start__lt=now - timedelta(seconds=rate.seconds * 2)
        ).delete()
        return TokenRateLimit.objects.get(key=key, window_start=window).count
