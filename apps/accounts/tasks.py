"""Celery tasks of the accounts app: thin wrappers that call a service."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from apps.accounts import services


@shared_task(
    name="accounts.login_attempts_purge_task",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=60,
    max_retries=5,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def login_attempts_purge_task() -> dict[str, int]:
    """Beat, nightly: sign-in records older than their retention and expired sessions go (a rerun finds nothing
    more)."""
    services.sessions_clear_expired()
    return services.login_attempts_purge()
