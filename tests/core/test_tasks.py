import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from kombu.utils.imports import symbol_by_name

from apps.core.tasks import ping_task
from bench.server import database_url_of_this_process
from config.beat import LOCK_NAME
from config.celery import app
from tests.waiting import wait_until


@pytest.mark.celery_worker
def test_a_real_worker_runs_a_task_through_redis():
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        result = ping_task.delay("silta")

        assert result.get(timeout=20) == "pong:silta"
        assert result.successful()


@pytest.fixture
def beat_queue() -> Iterator[tuple[str, redis.Redis]]:
    """A queue of its own on the real Redis for what the beats send, and no beat lock left from elsewhere."""
    queue = f"beat-test-{uuid.uuid4().hex}"
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(LOCK_NAME)
    original = app.conf.beat_schedule
    app.conf.beat_schedule = {
        "ping-every-second": {"task": "core.ping_task", "schedule": 1.0, "args": ["beat"], "options": {"queue": queue}}
    }
    yield queue, client
    app.conf.beat_schedule = original
    client.delete(queue, LOCK_NAME)
    client.close()


def _tick(beats: list, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for beat in beats:
            beat.tick()
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_two_beats_send_a_schedule_once_and_the_second_takes_over_when_the_first_stops(beat_queue):
    # given two beat schedulers of the configured kind on the same database and Redis (a rolling deploy)
    queue, client = beat_queue
    scheduler = symbol_by_name(settings.CELERY_BEAT_SCHEDULER)
    first, second = scheduler(app=app), scheduler(app=app)

    # when both tick for 4.5 s an entry that is due every second
    _tick([first, second], 4.5)

    # then it was sent once a second, not twice
    sent_by_both = client.llen(queue)
    assert 3 <= sent_by_both <= 5

    # and when the first beat stops, the second sends the schedule on
    first.close()
    _tick([second], 3)
    second.close()
    assert client.llen(queue) - sent_by_both >= 2


def _start_beat(schedule_file: Path, log: Path) -> subprocess.Popen:
    """A real `celery beat` process on the test database and Redis, as docker-compose.yml starts it."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_of_this_process(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "beat", "--loglevel=INFO", f"--schedule={schedule_file}"],
        cwd=settings.BASE_DIR,
        env=environment,
        start_new_session=True,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


@pytest.mark.django_db(transaction=True)
def test_two_real_beat_processes_send_an_entry_once_per_interval(beat_queue, tmp_path):
    # given an entry due every second in the database schedule, and two beat processes started on it
    queue, client = beat_queue
    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="ping-every-second", task="core.ping_task", interval=every_second, args='["beat"]', queue=queue
    )
    logs = [tmp_path / "beat-1.log", tmp_path / "beat-2.log"]
    beats = [_start_beat(tmp_path / f"schedule-{index}", log) for index, log in enumerate(logs)]
    try:
        wait_until(lambda: all("beat: Starting..." in log.read_text() for log in logs), 60, "both beats to start")
        wait_until(lambda: client.llen(queue) > 0, 60, "the first tick")

        # when both run for six more seconds
        client.delete(queue)
        time.sleep(6)
        sent = client.llen(queue)
    finally:
        for beat in beats:
            os.killpg(beat.pid, signal.SIGTERM)
            beat.wait(timeout=30)

    # then the entry was sent about six times, not twelve, and one beat said it stands by
    assert 4 <= sent <= 8, [log.read_text()[-2000:] for log in logs]
    assert sum("this one stands by" in log.read_text() for log in logs) == 1


def test_the_indicator_jobs_have_a_queue_of_their_own_and_everything_else_the_default_one():
    # the routes of config/settings/base.py, as a deployment has them (the tests route everything to one queue)
    from celery.app.routes import Router, prepare

    from config.settings import base

    router = Router(prepare(base.CELERY_TASK_ROUTES), app.amqp.queues, create_missing=True, app=app)
    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}

    queues = {name: router.route({}, name)["queue"].name for name in ours}

    indicator_jobs = {name for name, task in ours.items() if task.__module__ == "apps.indicators.tasks"}
    assert indicator_jobs >= {"indicators.compute_all_task", "indicators.compute_indicator_task"}
    assert {name: queues[name] for name in indicator_jobs} == dict.fromkeys(indicator_jobs, "indicators")
    assert {queues[name] for name in ours.keys() - indicator_jobs} == {app.conf.task_default_queue}
    assert base.SILTA_INDICATOR_QUEUE == "indicators" != app.conf.task_default_queue
