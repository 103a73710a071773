from celery import shared_task
from django.conf import settings

from apps.dashboards import services
from apps.dashboards.notifications import monthly_board_reports_send, weekly_digest_send


@shared_task(name="dashboards.weekly_digest_task", acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def weekly_digest_task() -> int:
    """Beat, daily: the weekly digest to those who chose today (each once a week)."""
    return weekly_digest_send()


@shared_task(
    name="dashboards.board_report_generate_task",
    acks_late=True,
    # Within the request's deadline, after which a report still under way is given up (services._reap).
    soft_time_limit=settings.SILTA_BOARD_REPORT_DEADLINE - 120,
    time_limit=settings.SILTA_BOARD_REPORT_DEADLINE - 60,
)
def board_report_generate_task(report_id: int) -> None:
    """Make one queued board report's PDF."""
    services.board_report_generate(report_id=report_id)


@shared_task(name="dashboards.monthly_board_report_task", acks_late=True, time_limit=30 * 60, soft_time_limit=28 * 60)
def monthly_board_report_task() -> int:
    """Beat, on the first of the month: the city's board report of the month before to its subscribers."""
    return monthly_board_reports_send()


@shared_task(name="dashboards.board_reports_purge_task", acks_late=True, time_limit=10 * 60, soft_time_limit=9 * 60)
def board_reports_purge_task() -> int:
    """Beat, daily: board reports older than SILTA_BOARD_REPORT_KEEP_DAYS go, with their PDFs."""
    return services.board_reports_purge()
