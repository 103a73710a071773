"""Celery tasks of the premises app: thin wrappers that call a service."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from apps.premises import services


@shared_task(
    name="premises.bookings_anonymise_task",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=60,
    max_retries=5,
    soft_time_limit=20 * 60,
    time_limit=21 * 60,
)
def bookings_anonymise_task() -> dict[str, int]:
    """Beat, nightly: bookings that ended longer ago than their retention lose their booker and purpose."""
    return services.bookings_anonymise()
