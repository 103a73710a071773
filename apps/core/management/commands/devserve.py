"""Serve Silta for development: web server, plus a Celery worker and beat when Redis answers.

``make run`` calls this after migrating and seeding. Ctrl-C stops everything it started, the embedded
PostgreSQL included.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.core import health

logger = logging.getLogger("silta.devserve")


def _raise_keyboard_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Run the development web server, and a Celery worker and beat when Redis is reachable."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        # Settings put the embedded server's URL into DATABASE_URL, so the children share it.
        child_env = dict(os.environ)
        celery = [sys.executable, "-m", "celery", "-A", "config"]
        commands: list[list[str]] = []
        if health.broker_ok():
            logger.info("Redis answers at %s: starting a Celery worker and beat.", settings.CELERY_BROKER_URL)
            commands += [
                [*celery, "worker", "--loglevel=INFO", "--concurrency=2"],
                [*celery, "beat", "--loglevel=INFO"],
            ]
        else:
            logger.warning(
                "Redis is not reachable at %s: Celery tasks run in-process (eager mode).", settings.CELERY_BROKER_URL
            )
            child_env["CELERY_TASK_ALWAYS_EAGER"] = "true"
        commands.append([sys.executable, str(settings.BASE_DIR / "manage.py"), "runserver", addrport])
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop_signal, _raise_keyboard_interrupt)
        children = [subprocess.Popen(command, env=child_env) for command in commands]
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            _stop(children)


def _stop(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
    if os.environ.get("SILTA_EMBEDDED_POSTGRES"):
        from config.embedded_postgres import stop

        logger.info("Stopping the embedded PostgreSQL.")
        stop()
