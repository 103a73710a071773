"""Celery tasks of the sectors app: thin wrappers that call a service."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from apps.sectors import services


@shared_task(
    name="sectors.personal_data_access_purge_task",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=60,
    max_retries=5,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def personal_data_access_purge_task() -> int:
    """Beat, nightly: the access log older than its retention goes (idempotent: a rerun finds nothing more)."""
    return services.personal_data_access_purge()
