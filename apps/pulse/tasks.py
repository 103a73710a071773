"""Celery tasks of pulse surveys: thin, each calls a service; mail retries are the outbox's."""

from __future__ import annotations

from celery import current_app, shared_task
from django.db import InterfaceError, OperationalError, transaction

from apps.pulse import services

RETRYING = {
    "acks_late": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 30,
    "max_retries": 5,
    "soft_time_limit": 10 * 60,
    "time_limit": 11 * 60,
}


@shared_task(name="pulse.invitations_send_task", **RETRYING)
def pulse_invitations_send_task(round_id: int) -> int:
    """After a round opens: each invitee's personal link (a rerun sends none twice)."""
    return services.pulse_invitations_send(round_id=round_id)


@shared_task(name="pulse.reminders_task", **RETRYING)
def pulse_reminders_task() -> int:
    """Beat, daily: the one reminder to those who have not answered a round closing soon."""
    return services.pulse_reminders_send()


@shared_task(name="pulse.rounds_close_task", **RETRYING)
def pulse_rounds_close_task() -> int:
    """Beat, nightly: close the rounds whose closing day is over, then recompute the recent indicators, so the
    trust and value indices of the closed rounds are there the next morning (the indicators app is above this
    one, so its task is named, not imported)."""
    closed = services.pulse_rounds_close_due()
    if closed:
        transaction.on_commit(lambda: current_app.send_task("indicators.compute_recent_task"))
    return closed
