"""Celery tasks of the indicators app: thin wrappers that load by id and call a service."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, group, shared_task
from django.db import DatabaseError, InterfaceError, OperationalError

from apps.indicators import services
from apps.indicators.models import IndicatorRun

# Retry countdowns stay far below the broker's visibility timeout (2 h), so a retried task is never redelivered
# to a second worker while it waits.
RETRY_BACKOFF_MAX = 10 * 60
MAX_RETRIES = 5

logger = logging.getLogger(__name__)


class IndicatorJobTask(Task):
    def on_failure(self, exc: Exception, task_id: str, args: tuple, kwargs: dict[str, Any], einfo: Any) -> None:
        try:
            services.indicator_run_record_failure(
                run_id=kwargs["run_id"], code=kwargs["code"], period_kind=kwargs["period_kind"], error=repr(exc)
            )
        except (DatabaseError, InterfaceError) as error:
            # The retries were spent while PostgreSQL was down, and it still is: the reaper re-queues the job once
            # the run has stopped progressing.
            logger.error("Could not record the failure of job %s in run %s: %r", kwargs, kwargs.get("run_id"), error)


@shared_task(
    name="indicators.compute_indicator_task",
    base=IndicatorJobTask,
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=MAX_RETRIES,
    ignore_result=True,
    soft_time_limit=20 * 60,
    time_limit=25 * 60,
)
def compute_indicator_task(*, run_id: str, code: str, period_kind: str) -> int:
    return services.indicator_run_compute_job(run_id=run_id, code=code, period_kind=period_kind)


@shared_task(name="indicators.compute_all_task", acks_late=True, ignore_result=True)
def compute_all_task(run_id: str) -> int:
    """Fan a run out: one task per indicator and period kind, executed in parallel by the workers."""
    run = IndicatorRun.objects.filter(pk=run_id).first()
    if run is None:
        return 0
    jobs = group(
        compute_indicator_task.si(run_id=run_id, code=code, period_kind=kind)
        for code, kind in services.run_jobs(run)
        if services.job_key(code, kind) not in run.jobs_done
    )
    jobs.apply_async()
    return len(jobs.tasks)


@shared_task(name="indicators.compute_recent_task", acks_late=True)
def compute_recent_task() -> str:
    """Nightly: recompute the previous and the current month, quarter and year, and whatever missed nights left."""
    run, _started = services.indicator_run_nightly()
    return str(run.pk)


@shared_task(name="indicators.reap_runs_task", ignore_result=True, soft_time_limit=4 * 60, time_limit=5 * 60)
def reap_runs_task() -> dict[str, int]:
    """Every few minutes: re-queue the missing jobs of stalled runs, fail runs past their deadline."""
    return services.indicator_runs_reap()
