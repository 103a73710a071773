"""Writes of the indicators app: starting runs, computing one job of a run, and recording progress."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from apps.accounts.models import User
from apps.indicators.computations import JOBS, STEPS, compute_job, period_start
from apps.indicators.models import IndicatorRun, PeriodKind

logger = logging.getLogger(__name__)


def job_key(code: str, period_kind: str) -> str:
    return f"{code}:{period_kind}"


def run_jobs(run: IndicatorRun) -> list[tuple[str, str]]:
    """Every (indicator code, period kind) the run computes."""
    return [(code, kind) for kind in run.period_kinds for code in JOBS]


def run_range(run: IndicatorRun, period_kind: str, today: date | None = None) -> tuple[date, date]:
    """The [since, until) the run computes for ``period_kind``: given dates, or the previous and current period."""
    if run.since and run.until:
        return run.since, run.until
    current = period_start(today or timezone.localdate(), period_kind)
    return current - STEPS[period_kind], current + STEPS[period_kind]


@transaction.atomic
def indicator_run_create(
    *,
    period_kinds: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    requested_by: User | None = None,
) -> IndicatorRun:
    """Record a run and queue its jobs once the run is committed (the worker must be able to read it)."""
    from apps.indicators.tasks import compute_all_task

    run = IndicatorRun(
        period_kinds=period_kinds or list(PeriodKind.values), since=since, until=until, requested_by=requested_by
    )
    run.jobs_total = len(run_jobs(run))
    run.full_clean()
    run.save()
    transaction.on_commit(lambda: _enqueue(run, compute_all_task))
    return run


def _enqueue(run: IndicatorRun, task: Any) -> None:
    """Hand the run to the workers; with the broker down the run fails at once and says why."""
    try:
        task.delay(str(run.pk))
    except KombuOperationalError as exc:
        logger.error("Job queue unavailable, indicator run %s not started: %s", run.pk, exc)
        IndicatorRun.objects.filter(pk=run.pk).update(
            status=IndicatorRun.Status.FAILED,
            finished_at=timezone.now(),
            errors=[{"job": "queue", "error": "The job queue is unavailable."}],
        )


def indicator_run_compute_job(*, run_id: UUID | str, code: str, period_kind: str) -> int:
    """Compute one indicator for one period kind of a run and record it; returns the values written."""
    run = IndicatorRun.objects.filter(pk=run_id).first()
    if run is None:
        logger.warning("Skipping job %s:%s of unknown indicator run %s", code, period_kind, run_id)
        return 0
    if job_key(code, period_kind) in run.jobs_done:
        return 0  # redelivered after a crash: already counted
    IndicatorRun.objects.filter(pk=run_id, started_at__isnull=True).update(
        started_at=timezone.now(), status=IndicatorRun.Status.RUNNING
    )
    since, until = run_range(run, period_kind)
    written = compute_job(code, period_kind=period_kind, since=since, until=until)
    _record_job(run_id=run_id, key=job_key(code, period_kind), written=written)
    return written


def indicator_run_record_failure(*, run_id: UUID | str, code: str, period_kind: str, error: str) -> None:
    """A job gave up after its retries: the run goes on, and says what failed."""
    logger.error("Indicator %s (%s) failed in run %s: %s", code, period_kind, run_id, error)
    _record_job(run_id=run_id, key=job_key(code, period_kind), written=0, error=error)


@transaction.atomic
def _record_job(*, run_id: UUID | str, key: str, written: int, error: str | None = None) -> None:
    run = IndicatorRun.objects.select_for_update().filter(pk=run_id).first()
    if run is None or key in run.jobs_done:
        return
    run.jobs_done.append(key)
    run.values_written = F("values_written") + written
    if error:
        run.errors.append({"job": key, "error": error[:500]})
    if len(run.jobs_done) >= run.jobs_total:
        run.finished_at = timezone.now()
        run.status = IndicatorRun.Status.FAILED if run.errors else IndicatorRun.Status.SUCCEEDED
    run.save(update_fields=["jobs_done", "values_written", "errors", "finished_at", "status"])


def indicators_compute_now(*, period_kinds: list[str], since: date, until: date) -> int:
    """Compute every indicator in-process (backfills from the command line); returns the values written."""
    return sum(compute_job(code, period_kind=kind, since=since, until=until) for kind in period_kinds for code in JOBS)
