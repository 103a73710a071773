"""`compute_indicators` with the job queue down or frozen: an error within seconds, and the run failed, not queued."""

import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.indicators.models import IndicatorRun

pytestmark = pytest.mark.django_db(transaction=True)


def _call_within(seconds: float, *args: str) -> tuple[BaseException | None, float]:
    """Run the command in a thread, so a hang fails the test instead of blocking it; returns (error, seconds)."""
    outcome: list[BaseException | None] = []

    def command() -> None:
        try:
            call_command("compute_indicators", *args)
            outcome.append(None)
        except BaseException as exc:  # the test inspects whatever came out
            outcome.append(exc)
        finally:
            connection.close()

    started = time.monotonic()
    thread = threading.Thread(target=command, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"compute_indicators still running after {seconds} s"
    return outcome[0], time.monotonic() - started


@pytest.mark.parametrize("redis", ["down", "frozen"])
def test_compute_indicators_without_a_job_queue_fails_within_seconds_and_says_why(
    broker_at, unused_tcp_port, frozen_tcp_port, redis
):
    # given Redis refusing connections, or accepting them and never answering
    broker_at(f"redis://127.0.0.1:{unused_tcp_port if redis == 'down' else frozen_tcp_port}/0")

    # when the command queues a run
    error, seconds = _call_within(30)

    # then it fails within seconds, and the run it recorded is failed with the reason, not left queued
    run = IndicatorRun.objects.get()
    assert isinstance(error, CommandError)
    assert "The job queue is unavailable" in str(error)
    assert seconds < 10
    assert run.status == IndicatorRun.Status.FAILED
    assert run.finished_at is not None
    assert run.errors[0]["job"] == "queue"
    assert "The job queue is unavailable" in run.errors[0]["error"]


def test_compute_indicators_while_a_recent_run_is_under_way_joins_it(broker_at, frozen_tcp_port):
    # given a run of the recent periods under way
    running = IndicatorRun.objects.create(period_kinds=["month", "quarter", "year"], jobs_total=3)

    # when the command is run without dates (the queue is never asked: a frozen one would show in the time)
    broker_at(f"redis://127.0.0.1:{frozen_tcp_port}/0")
    error, seconds = _call_within(30)

    # then it joins that run
    assert error is None
    assert seconds < 2
    assert list(IndicatorRun.objects.values_list("pk", flat=True)) == [running.pk]
