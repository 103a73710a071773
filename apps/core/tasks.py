from __future__ import annotations

import smtplib

from celery import shared_task
from django.conf import settings

from apps.core import services

# What a mail server that is down, slow or refusing for now looks like; everything else fails at once.
MAIL_TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)


@shared_task(name="core.ping_task")
def ping_task(payload: str) -> str:
    """Echo ``payload`` back: proves that a worker takes tasks from the broker and returns results."""
    return f"pong:{payload}"


@shared_task(
    name="core.email_send_task",
    bind=True,
    autoretry_for=MAIL_TRANSIENT_ERRORS,
    max_retries=settings.SILTA_MAIL_MAX_RETRIES,
    retry_backoff=settings.SILTA_MAIL_RETRY_BACKOFF,
    retry_backoff_max=settings.SILTA_MAIL_RETRY_BACKOFF_MAX,
    retry_jitter=True,
    soft_time_limit=settings.EMAIL_TIMEOUT * 3,
    time_limit=settings.EMAIL_TIMEOUT * 4,
)
def email_send_task(self, email_id: int) -> bool:
    """Send one queued e-mail; a redelivered task finds it sent and sends nothing."""
    try:
        return services.email_send(email_id=email_id)
    except MAIL_TRANSIENT_ERRORS as exc:
        services.email_record_failure(
            email_id=email_id, error=repr(exc), give_up=self.request.retries >= self.max_retries
        )
        raise  # autoretry_for schedules the next attempt with exponential back-off


@shared_task(name="core.email_send_stale_task")
def email_send_stale_task() -> int:
    """Beat: queue again the e-mails whose task was lost."""
    return services.email_requeue_stale()
