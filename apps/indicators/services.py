"""Writes of the indicators app: starting runs, computing one job of a run, and recording progress.

Who acts: a service a person can start (``indicator_run_request``, ``indicator_run_create``) takes that person as
``by`` and checks the indicators policy for them. ``by=None`` is the system (the nightly beat task, the
``compute_indicators`` command run by an operator on the server), which the policy does not restrain. The other
services only ever run as the system (the workers' tasks, the reaper) and take no ``by``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core import health
from apps.core.exceptions import ApplicationError, Conflict, Invalid
from apps.core.policy import require
from apps.core.services import validated_save
from apps.indicators import permissions
from apps.indicators.computations.engine import JOBS, compute_job
from apps.indicators.models import Indicator, IndicatorRun, IndicatorTarget, PeriodKind
from apps.indicators.periods import STEPS, period_start

logger = logging.getLogger(__name__)

# A run that has not finished this long after it was created fails; far above a full run (minutes) and the
# worst case of re-queues below.
RUN_DEADLINE = timedelta(hours=6)
# No job finished for this long: the missing jobs are queued again. Above a job's hard time limit (25 min),
# so a job that is still legitimately computing is never doubled.
STALL_AFTER = timedelta(minutes=30)
MAX_REQUEUES = 3


class QueueUnavailable(ApplicationError):
    """The job queue does not answer, so a run asked for now would only fail."""

    status_code = 503


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
    if run.since:  # a catch-up: from the given day up to the current period
        return run.since, current + STEPS[period_kind]
    return current - STEPS[period_kind], current + STEPS[period_kind]


def _unfinished_recent_run(period_kinds: list[str]) -> IndicatorRun | None:
    return IndicatorRun.objects.filter(
        period_kinds=period_kinds,
        since__isnull=True,
        until__isnull=True,
        status__in=[IndicatorRun.Status.QUEUED, IndicatorRun.Status.RUNNING],
    ).first()


def _require_recompute(by: User | None) -> None:
    if by is not None:  # None: the system (see the module docstring)
        require(
            permissions.can_recompute_indicators(by), _("Only managers and administrators can recompute indicators.")
        )


@transaction.atomic
def indicator_run_create(
    *,
    by: User | None,
    period_kinds: list[str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> IndicatorRun:
    """Record a run and queue its jobs once the run is committed (the worker must be able to read it)."""
    from apps.indicators.tasks import compute_all_task  # the tasks call these services: queueing looks back up

    _require_recompute(by)
    now = timezone.now()
    run = IndicatorRun(
        period_kinds=period_kinds or list(PeriodKind.values),
        since=since,
        until=until,
        requested_by=by,
        deadline=now + RUN_DEADLINE,
        progressed_at=now,
    )
    run.jobs_total = len(run_jobs(run))
    validated_save(run)
    transaction.on_commit(lambda: _enqueue(run, compute_all_task))
    return run


@transaction.atomic
def indicator_run_request(*, by: User | None, period_kinds: list[str] | None = None) -> tuple[IndicatorRun, bool]:
    """Start a run of the recent periods, or join the one already under way; returns (run, started).

    Six presses of "Recompute now" make one run: the partial unique constraint decides between simultaneous
    presses, and the loser joins the winner's run. A person is told at once when the job queue is down (no run is
    recorded); the system's runs are recorded and fail within seconds instead, so the run list shows the outage.
    """
    _require_recompute(by)
    if by is not None and not settings.CELERY_TASK_ALWAYS_EAGER and not health.broker_ok():
        raise QueueUnavailable(
            _(
                "The job queue is unavailable right now, so indicators cannot be recomputed. "
                "The values shown are from the last successful run. Please try again later."
            )
        )
    kinds = period_kinds or list(PeriodKind.values)
    if (running := _unfinished_recent_run(kinds)) is not None:
        return running, False
    try:
        with transaction.atomic():  # a savepoint, so the transaction survives losing the race
            return indicator_run_create(by=by, period_kinds=kinds), True
    except (Conflict, Invalid):  # the constraint: a simultaneous press was faster
        if (running := _unfinished_recent_run(kinds)) is not None:
            return running, False
        raise


def indicator_run_nightly(*, today: date | None = None) -> tuple[IndicatorRun, bool]:
    """The nightly run: the recent periods, or, after nights that were missed (an outage of the queue or of beat),
    everything since the day the last successful run saw; returns (run, started)."""
    today = today or timezone.localdate()
    last = (
        IndicatorRun.objects.filter(status=IndicatorRun.Status.SUCCEEDED, until__isnull=True, started_at__isnull=False)
        .order_by("-started_at")
        .first()
    )
    if last is not None:
        seen_on = timezone.localdate(last.started_at)
        window_start = period_start(today, PeriodKind.MONTH) - STEPS[PeriodKind.MONTH]
        if period_start(seen_on, PeriodKind.MONTH) < window_start:
            logger.warning("Catching up indicator runs missed since %s", seen_on)
            return indicator_run_create(by=None, since=period_start(seen_on, PeriodKind.MONTH)), True
    return indicator_run_request(by=None)


def _enqueue(run: IndicatorRun, task: Any) -> None:
    """Hand the run to the workers; with the broker down or frozen the run fails within seconds and says why."""
    try:
        task.delay(str(run.pk))
    except Exception as exc:  # kombu, redis-py, sockets and Celery's result backend each raise their own
        logger.error("Job queue unavailable, indicator run %s not started: %r", run.pk, exc)
        IndicatorRun.objects.filter(pk=run.pk).update(
            status=IndicatorRun.Status.FAILED,
            finished_at=timezone.now(),
            errors=[*run.errors, {"job": "queue", "error": f"The job queue is unavailable: {exc!r}"[:500]}],
        )


def indicator_run_compute_job(*, run_id: UUID | str, code: str, period_kind: str) -> int:
    """Compute one indicator for one period kind of a run and record it; returns the values written."""
    run = IndicatorRun.objects.filter(pk=run_id).first()
    if run is None:
        logger.warning("Skipping job %s:%s of unknown indicator run %s", code, period_kind, run_id)
        return 0
    if job_key(code, period_kind) in run.jobs_done or run.is_finished:
        return 0  # redelivered after a crash or re-queued by the reaper: already counted, or the run was given up
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
    if run is None or run.is_finished or key in run.jobs_done:
        return
    run.jobs_done.append(key)
    run.progressed_at = timezone.now()
    run.values_written = F("values_written") + written
    if error:
        run.errors.append({"job": key, "error": error[:500]})
    if len(run.jobs_done) >= run.jobs_total:
        run.finished_at = timezone.now()
        run.status = IndicatorRun.Status.FAILED if run.errors else IndicatorRun.Status.SUCCEEDED
    run.save(update_fields=["jobs_done", "values_written", "errors", "finished_at", "status", "progressed_at"])


def indicator_runs_reap(*, now: datetime | None = None) -> dict[str, int]:
    """Periodic: no run stays queued or running forever.

    A run past its deadline fails; a run whose jobs stopped finishing gets its missing jobs queued again (jobs are
    idempotent) at most ``MAX_REQUEUES`` times, then fails and names the jobs that never finished. Returns how
    many runs were re-queued and failed.
    """
    from apps.indicators.tasks import compute_all_task  # the tasks call these services: queueing looks back up

    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    with transaction.atomic():
        stalled = (
            IndicatorRun.objects.select_for_update(skip_locked=True)
            .filter(status__in=[IndicatorRun.Status.QUEUED, IndicatorRun.Status.RUNNING])
            .filter(
                Q(deadline__lte=now)
                | Q(progressed_at__lte=now - STALL_AFTER)
                # Runs written without the clocks (by hand, in the admin): their creation stands in.
                | Q(progressed_at__isnull=True, created_at__lte=now - STALL_AFTER)
            )
        )
        for run in stalled:
            missing = [job_key(c, k) for c, k in run_jobs(run) if job_key(c, k) not in run.jobs_done]
            if (run.deadline or run.created_at + RUN_DEADLINE) <= now:
                _fail(run, now, f"Not finished by its deadline; {len(missing)} jobs missing: {', '.join(missing)}")
                counts["failed"] += 1
            elif run.requeues >= MAX_REQUEUES:
                _fail(run, now, f"Stopped progressing after {run.requeues} re-queues; missing: {', '.join(missing)}")
                counts["failed"] += 1
            else:
                logger.warning(
                    "Indicator run %s stalled at %d/%d jobs: re-queueing", run.pk, len(run.jobs_done), run.jobs_total
                )
                run.requeues += 1
                run.progressed_at = now
                run.save(update_fields=["requeues", "progressed_at"])
                transaction.on_commit(lambda run=run: _enqueue(run, compute_all_task))
                counts["requeued"] += 1
    return counts


def _fail(run: IndicatorRun, now: datetime, reason: str) -> None:
    logger.error("Indicator run %s failed: %s", run.pk, reason)
    run.status = IndicatorRun.Status.FAILED
    run.finished_at = now
    run.errors = [*run.errors, {"job": "run", "error": reason[:500]}]
    run.save(update_fields=["status", "finished_at", "errors"])


def indicators_compute_now(*, period_kinds: list[str], since: date, until: date) -> int:
    """Compute every indicator in-process (backfills from the command line); returns the values written."""
    return sum(compute_job(code, period_kind=kind, since=since, until=until) for kind in period_kinds for code in JOBS)


@transaction.atomic
def indicator_target_set(
    *,
    by: User,
    indicator: Indicator,
    scope: str,
    scope_id: int,
    value: float,
    target_date: date,
    baseline: float | None = None,
    baseline_date: date | None = None,
) -> IndicatorTarget:
    """Set (or change) the target of ``indicator`` in one scope; the change is kept in the history as ``by``'s."""
    require(permissions.can_set_target(by, scope, scope_id), _("You may set targets only for your own sectors."))
    if scope not in indicator.scopes:
        raise Invalid({"scope": [_("This indicator is not computed for this scope.")]})
    _check_target_values(indicator, value=value, baseline=baseline)
    target = IndicatorTarget.objects.select_for_update().filter(
        indicator=indicator, scope=scope, scope_id=scope_id
    ).first() or IndicatorTarget(indicator=indicator, scope=scope, scope_id=scope_id)
    target.value, target.target_date = value, target_date
    target.baseline, target.baseline_date = baseline, baseline_date
    target.set_by = by
    target._history_user = by
    validated_save(target)
    return target


@transaction.atomic
def indicator_target_delete(*, by: User, target: IndicatorTarget) -> None:
    """Remove a target; the history keeps what it was and who removed it."""
    require(permissions.can_set_target(by, target.scope, target.scope_id), _("You may not remove this target."))
    target._history_user = by
    target.delete()


def _check_target_values(indicator: Indicator, *, value: float, baseline: float | None) -> None:
    """A share is a fraction between 0 and 1 (0–100 %); nothing else the catalogue measures is negative."""
    for name, number in (("value", value), ("baseline", baseline)):
        if number is None:
            continue
        if indicator.unit == Indicator.Unit.SHARE and not 0 <= number <= 1:
            raise Invalid({name: [_("A share is between 0 % and 100 %.")]})
        if number < 0:
            raise Invalid({name: [_("The value cannot be negative.")]})
