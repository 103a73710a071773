"""Checks of the services Silta stands on, for ``/healthz`` and the log."""

from __future__ import annotations

import redis
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
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


def static_ok() -> bool:
    """False when the static files storage keeps a manifest and this process found none (no collectstatic).

    Every page's ``{% static %}`` would then fail with a 500, so the instance is not fit to serve. The storage
    reads the manifest once, when the process starts; that is the state the pages see.
    """
    if not isinstance(staticfiles_storage, ManifestFilesMixin):  # the lazy object answers for the storage
        return True  # development and tests serve the source files, no manifest needed
    return bool(staticfiles_storage.hashed_files)
