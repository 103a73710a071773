from celery import shared_task

from apps.dashboards.notifications import weekly_digest_send


@shared_task(name="dashboards.weekly_digest_task", acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def weekly_digest_task() -> int:
    """Beat, daily: the weekly digest to those who chose today (each once a week)."""
    return weekly_digest_send()
