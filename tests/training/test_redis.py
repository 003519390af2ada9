"""The scale-out path: django-q2 on Redis and the Redis cache (make test-postgres)."""

import os

import pytest
from django.conf import settings

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set")


@needs_redis
def test_tasks_travel_through_the_redis_broker():
    from django_q.brokers import get_broker
    from django_q.signing import SignedPackage

    broker = get_broker(list_key=f"steady-test-{os.getpid()}")
    assert broker.info().startswith("Redis")
    broker.enqueue(SignedPackage.dumps({"id": "t1", "func": "math.floor", "args": (2.5,)}))
    task_id, payload = broker.dequeue()[0]
    assert SignedPackage.loads(payload)["id"] == "t1"
    broker.acknowledge(task_id)
    broker.delete_queue()


@needs_redis
def test_the_cache_is_redis():
    from django.core.cache import cache

    assert "redis" in settings.CACHES["default"]["BACKEND"].lower()
    cache.set("steady-probe", 42, 5)
    assert cache.get("steady-probe") == 42
