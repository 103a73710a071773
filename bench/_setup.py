"""Shared set-up of the benchmarks: Django on a separate benchmark database, created on demand."""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
# SILTA_BENCH_DATABASE lets engineers sharing one PostgreSQL server keep their benchmark data apart.
BENCH_DATABASE = os.environ.get("SILTA_BENCH_DATABASE", "silta_bench")


def django_on_bench_database(database: str = BENCH_DATABASE) -> None:
    """Point Django at ``database`` on the configured (or embedded) server, create it if missing, migrate."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"  # DEBUG keeps every query in memory
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    if not os.environ.get("DATABASE_URL"):
        from config.embedded_postgres import database_url

        os.environ["DATABASE_URL"] = database_url()
    base_url = os.environ["DATABASE_URL"].split("?", 1)[0]
    _create_database(base_url, database)
    os.environ["DATABASE_URL"] = f"{base_url.rsplit('/', 1)[0]}/{database}"

    import django
    from django.core.management import call_command

    django.setup()
    # Generating a city and the indicator baseline are batch work, as in a Celery worker: the task time limits,
    # not the web requests' (apps/core/database.py). The gunicorn of load.py and booking_stress.py keeps the web ones.
    from apps.core.database import use_task_limits

    use_task_limits()
    call_command("migrate", verbosity=0)


def _create_database(url: str, database: str) -> None:
    import environ
    import psycopg2
    from psycopg2 import sql

    config = environ.Env.db_url_config(url)
    server = {
        "user": config["USER"] or "postgres",
        "password": config["PASSWORD"] or None,
        "host": unquote(config["HOST"]) or None,
        "port": config["PORT"] or None,
    }
    # The maintenance database first: DATABASE_URL may name the app's database before anything created it.
    try:
        connection = psycopg2.connect(dbname="postgres", **server)
    except psycopg2.OperationalError:
        connection = psycopg2.connect(dbname=config["NAME"] or "postgres", **server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    connection.close()


def peak_memory_mib() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
