"""Per-connection time limits in PostgreSQL: short ones for web requests, longer ones for Celery tasks.

Web connections get ``statement_timeout`` and ``lock_timeout`` from DATABASES' OPTIONS (config/settings/base.py),
so a held lock or a slow query ends the request within seconds (a 503, apps.core.views.server_error) instead of
freezing every gunicorn worker. Writes that wait for other requests' row locks as a matter of course (bookings)
run in ``apps.core.services.atomic_write``: there a lock not granted in time is a 409 "try again", and a deadlock
runs the write again. A worker process runs jobs that take minutes on big data: its connections set
the task limits when they open. Other batch processes (the benchmarks) call ``use_task_limits()`` before their
first query.
https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT
"""

from __future__ import annotations

from typing import Any

from celery.signals import worker_init, worker_process_init
from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.dispatch import receiver

# True in a Celery worker (its main process, and so its forked children, and every pool's own processes).
task_limits = False


@receiver(worker_init)
@receiver(worker_process_init)
def use_task_limits(**kwargs: Any) -> None:
    """This process runs tasks: its connections opened from now on get the task limits.

    It closes none: in a forked pool process Celery's Django fixup drops the inherited ones without touching the
    parent's socket, and the new ones come through ``set_task_limits``.
    """
    global task_limits  # one flag per process, set once at start
    task_limits = True


@receiver(connection_created)
def set_task_limits(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if task_limits and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('statement_timeout', %s, false), set_config('lock_timeout', %s, false)",
                [settings.SILTA_DB_TASK_STATEMENT_TIMEOUT, settings.SILTA_DB_TASK_LOCK_TIMEOUT],
            )
