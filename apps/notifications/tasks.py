from celery import shared_task

from apps.notifications.services import action_tokens_purge


@shared_task(name="notifications.action_tokens_purge_task")
def action_tokens_purge_task() -> int:
    """Beat, daily: forget one-click answers long expired."""
    return action_tokens_purge()
