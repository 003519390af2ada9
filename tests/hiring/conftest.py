import pytest


@pytest.fixture(autouse=True)
def fresh_token_rate_limits():
    """Token rate-limit counters live in Redis when the cache is Redis, which no test
    transaction rolls back: each test starts with none (the database ones roll back)."""
    from django.conf import settings

    if not settings.configured:  # a database-free run
        yield
        return
    from django.core.cache import caches

    backend = caches["default"]
    if "redis" in type(backend).__module__.lower():
        client = backend._cache.get_client()
        for key in client.scan_iter(match="*steady:rl:*"):
            client.delete(key)
    yield
