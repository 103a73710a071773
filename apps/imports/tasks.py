from __future__ import annotations

from celery import shared_task
from django.conf import settings

from apps.imports import services


@shared_task(name="imports.import_preview_task", time_limit=settings.CELERY_TASK_TIME_LIMIT)
def import_preview_task(job_id: int) -> None:
    """Preview one uploaded spreadsheet (nothing written)."""
    services.import_job_preview(job_id=job_id)


@shared_task(name="imports.import_confirm_task", time_limit=settings.CELERY_TASK_TIME_LIMIT)
def import_confirm_task(job_id: int) -> None:
    """Import one confirmed spreadsheet, in one transaction."""
    services.import_job_run(job_id=job_id)
