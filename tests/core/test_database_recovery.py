"""The app recovers by itself after PostgreSQL restarts: a real server, a real database restart."""

import json
import logging
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.server import gunicorn


def _healthz(base_url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base_url}/healthz", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def own_postgres(tmp_path: Path):
    """A PostgreSQL server of this test's own (pgserver), so it can be restarted without disturbing others."""
    import pgserver

    logging.getLogger("pgserver").setLevel(logging.WARNING)
    server = pgserver.get_server(tmp_path / "pg", cleanup_mode="stop")
    yield server
    server.cleanup()


def test_the_app_answers_again_after_postgresql_restarts(own_postgres):
    import pgserver

    socket_dir = own_postgres.get_uri().split("host=", 1)[1]
    database_url = f"postgres://postgres@{socket_dir.replace('/', '%2F')}/postgres"
    # DJANGO_CONN_MAX_AGE keeps connections, so a restart really kills one in use.
    with gunicorn(database_url=database_url, workers=1, threads=1, DJANGO_CONN_MAX_AGE="600") as url:
        before = _healthz(url)

        pgserver.pg_ctl(["-w", "restart", "-m", "fast"], pgdata=own_postgres.pgdata, user=own_postgres.system_user)
        after = [_healthz(url) for _ in range(3)]

    assert before[0] == 200 and before[1]["database"] == "ok"
    assert [status for status, _ in after] == [200, 200, 200]
    assert all(body["database"] == "ok" for _, body in after)
