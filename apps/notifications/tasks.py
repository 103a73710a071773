from celery import shared_task
from django.db import InterfaceError, OperationalError

from apps.notifications.services import action_tokens_purge, notifications_purge


@shared_task(name="notifications.action_tokens_purge_task")
def action_tokens_purge_task() -> int:
    """Beat, daily: forget one-click answers long expired."""
    return action_tokens_purge()


@shared_task(
    name="notifications.notifications_purge_task",
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=60,
    max_retries=5,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def notifications_purge_task() -> dict[str, int]:
    """Beat, nightly: notifications and sent e-mails older than their retention go (a rerun finds nothing more)."""
    return notifications_purge()
