"""Rate limiting of the candidate token URLs.

What is limited is guessing: a fixed window per client address counts requests
with a token that does not exist, and `STEADY_TOKEN_RATE_LIMIT` reads "30/10m"
(30 per 10 minutes; units s, m, h). A link that does exist is never refused,
so candidates behind one office or mobile-network address are not locked out
because someone else on it guessed. Redis holds the counters when the cache is
Redis, so every web process shares them; on the embedded default the cache is
per process, so a database table counts instead.

The client's address is the connection's, unless the site sits behind proxies it
trusts: `STEADY_TRUSTED_PROXY_HEADER` names the header they write (usually
"X-Forwarded-For") and `STEADY_TRUSTED_PROXY_COUNT` how many of them append to
it; the address the outermost trusted proxy saw is taken, so a client cannot
choose its own by sending the header itself.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F

from courses.conf import steady_setting
from courses.lib.rates import Rate, rate_parse


def client_address(request) -> str:
    """The client's address: the connection's, or the one the trusted proxies saw."""
    header = steady_setting("TRUSTED_PROXY_HEADER")
    if header:
        hops = [hop.strip() for hop in request.headers.get(header, "").split(",") if hop.strip()]
        trusted = max(1, int(steady_setting("TRUSTED_PROXY_COUNT")))
        # Each trusted proxy appends the address it saw; anything further left was
        # written by the client and proves nothing.
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_key(request) -> str:
    """The client's address, hashed so no IP address is written anywhere."""
    address = client_address(request)
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
