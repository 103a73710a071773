import pytest
from celery.contrib.testing.worker import start_worker

from apps.core.tasks import ping_task
from config.celery import app


@pytest.mark.celery_worker
def test_a_real_worker_runs_a_task_through_redis():
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        result = ping_task.delay("silta")

        assert result.get(timeout=20) == "pong:silta"
        assert result.successful()
