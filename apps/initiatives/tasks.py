from celery import shared_task

from apps.initiatives.notifications import initiative_reminders_send


@shared_task(name="initiatives.reminders_task", acks_late=True, time_limit=30 * 60, soft_time_limit=25 * 60)
def initiative_reminders_task() -> int:
    """Beat, daily: the stale and outcome reminders (each person told once per event, however often it runs)."""
    return initiative_reminders_send()
