"""A worker killed with SIGKILL in the middle of a run must leave no duplicates and no half-written periods."""

import os
import signal
import subprocess
import sys
from datetime import date

import pytest
from django.conf import settings

from apps.indicators import services
from apps.indicators.models import IndicatorRun, IndicatorValue, SectorTie
from bench.generate import generate_city
from bench.server import database_url_of_this_process
from tests.waiting import wait_until

SINCE, UNTIL = date(2024, 1, 1), date(2026, 1, 1)


def _snapshot() -> list[tuple]:
    values = IndicatorValue.objects.order_by("indicator_id", "scope", "scope_id", "period_kind", "period_start")
    ties = SectorTie.objects.order_by("period_kind", "period_start", "programme_id", "sector_a", "sector_b")
    return [
        *values.values_list(
            "indicator_id", "scope", "scope_id", "period_kind", "period_start", "numerator", "denominator", "value"
        ),
        *ties.values_list("period_kind", "period_start", "programme_id", "sector_a", "sector_b", "initiatives"),
    ]


def _start_worker() -> subprocess.Popen:
    """A real worker process on the test database, in its own process group so SIGKILL reaches its pool too."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_of_this_process(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _jobs_done(run: IndicatorRun) -> int:
    run.refresh_from_db()
    return len(run.jobs_done)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_the_next_run_identical_to_a_clean_one():
    generate_city(scale=0.02)  # 2,000 initiatives: enough for the jobs to take a moment each
    services.indicators_compute_now(period_kinds=["month", "quarter", "year"], since=SINCE, until=UNTIL)
    clean = _snapshot()
    IndicatorValue.objects.all().delete()
    SectorTie.objects.all().delete()

    worker = _start_worker()
    try:
        interrupted = services.indicator_run_create(by=None, since=SINCE, until=UNTIL)
        wait_until(lambda: _jobs_done(interrupted) >= 3, 120, "the first jobs of the run")
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        assert _jobs_done(interrupted) < interrupted.jobs_total, "the run finished before the worker was killed"

        worker = _start_worker()
        next_run = services.indicator_run_create(by=None, since=SINCE, until=UNTIL)
        wait_until(lambda: _jobs_done(next_run) == next_run.jobs_total, 300, "the next run to finish")
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

    next_run.refresh_from_db()
    assert next_run.status == IndicatorRun.Status.SUCCEEDED
    assert _snapshot() == clean
