"""The app recovers by itself after PostgreSQL restarts: a real server, a real database restart."""

import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings


def _healthz(port: int) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _wait_for_server(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _healthz(port)
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise AssertionError("the server did not start")


@pytest.fixture
def own_postgres(tmp_path: Path):
    """A PostgreSQL server of this test's own (pgserver), so it can be restarted without disturbing others."""
    import pgserver

    logging.getLogger("pgserver").setLevel(logging.WARNING)
    server = pgserver.get_server(tmp_path / "pg", cleanup_mode="stop")
    yield server
    server.cleanup()


def test_the_app_answers_again_after_postgresql_restarts(own_postgres, unused_tcp_port):
    import pgserver

    socket_dir = own_postgres.get_uri().split("host=", 1)[1]
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://postgres@{socket_dir.replace('/', '%2F')}/postgres",
        "DJANGO_CONN_MAX_AGE": "600",  # keep connections, so a restart really kills one in use
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{unused_tcp_port}",
            "--workers",
            "1",
            "--threads",
            "1",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_server(unused_tcp_port)
        before = _healthz(unused_tcp_port)

        pgserver.pg_ctl(["-w", "restart", "-m", "fast"], pgdata=own_postgres.pgdata, user=own_postgres.system_user)
        after = [_healthz(unused_tcp_port) for _ in range(3)]
    finally:
        server.terminate()
        server.wait(timeout=30)

    assert before[0] == 200 and before[1]["database"] == "ok"
    assert [status for status, _ in after] == [200, 200, 200]
    assert all(body["database"] == "ok" for _, body in after)
