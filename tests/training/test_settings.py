import importlib
import os

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def test_embedded_default_is_sqlite_with_immediate_transactions_and_a_busy_timeout():
    if os.environ.get("DATABASE_URL"):
        pytest.skip("running on PostgreSQL")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_task_broker_follows_redis_url():
    if os.environ.get("REDIS_URL"):
        assert settings.Q_CLUSTER["redis"] == os.environ["REDIS_URL"]
    else:
        assert settings.Q_CLUSTER["orm"] == "default"


@pytest.mark.django_db
def test_the_sqlite_connection_waits_for_locks():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        importlib.reload(importlib.import_module("training.settings.production"))


def test_production_reads_hosts_and_database_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("ALLOWED_HOSTS", "steady.example.com,www.steady.example.com")
    monkeypatch.setenv("DATABASE_URL", "postgres://steady:pw@db.example.com:5432/steady")
    monkeypatch.setenv("REDIS_URL", "redis://cache.example.com:6379/1")
    base = importlib.reload(importlib.import_module("training.settings.base"))
    production = importlib.reload(importlib.import_module("training.settings.production"))
    assert production.SECRET_KEY == "from-the-environment"
    assert production.ALLOWED_HOSTS == ["steady.example.com", "www.steady.example.com"]
    assert production.DATABASES["default"]["HOST"] == "db.example.com"
    assert production.Q_CLUSTER["redis"] == "redis://cache.example.com:6379/1"
    assert "orm" not in base.Q_CLUSTER
    monkeypatch.undo()
    importlib.reload(importlib.import_module("training.settings.base"))
