"""Checks of the services Silta stands on, for ``/healthz`` and the log."""

from __future__ import annotations

import redis
from django.conf import settings
from django.db import DatabaseError, connections


def database_ok(alias: str = "default") -> bool:
    """True when the database answers a query."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # Drop the broken connection, so the next request opens a fresh one.
        connections[alias].close_if_unusable_or_obsolete()
        return False


def broker_ok(url: str | None = None, timeout: float = 1.0) -> bool:
    """True when Redis (the Celery broker) answers PING within ``timeout`` seconds."""
    client = redis.Redis.from_url(
        url or settings.CELERY_BROKER_URL, socket_connect_timeout=timeout, socket_timeout=timeout
    )
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError):
        return False
    finally:
        client.close()
