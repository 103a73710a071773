"""Reads on a read replica (apps/core/replica.py), against a real PostgreSQL streaming replica.

The test makes a cluster of its own (pgserver's PostgreSQL, so it runs wherever ``make install`` ran), clones it
with ``pg_basebackup -R`` into a hot standby on its own socket, migrates the primary, and runs
``tests/core/replica_probe.py`` in a process whose DATABASE_URL is the primary and DATABASE_REPLICA_URL the
standby: the probe reports where each request's reads ran. Then it stops the standby and asks again.
"""

from __future__ import annotations

import json
import logging
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Replicated:
    primary_url: str
    replica_url: str
    replica_pgdata: Path
    system_user: str | None

    def stop_replica(self) -> None:
        import pgserver

        pgserver.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=self.replica_pgdata, user=self.system_user)


def _url(socket_dir: str | Path, database: str) -> str:
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{database}"


@pytest.fixture
def replicated() -> Iterator[Replicated]:
    """A primary (pgserver) with a database ``silta``, and a streaming hot standby of it, both on Unix sockets."""
    import pgserver

    logging.getLogger("pgserver").setLevel(logging.WARNING)
    # Not under pytest's tmp_path: another pytest run on the machine resets its root to 0700, which locks out the
    # user pgserver runs PostgreSQL as (when the tests run as root); a short path also suits the socket.
    tmp_path = Path(tempfile.mkdtemp(prefix="silta-replica-"))
    tmp_path.chmod(0o755)
    primary = pgserver.get_server(tmp_path / "primary", cleanup_mode="stop")
    primary.psql("CREATE DATABASE silta;")
    primary_socket = primary.get_uri().split("host=", 1)[1]
    replica_pgdata, replica_socket = tmp_path / "replica", tmp_path / "replica-socket"
    for folder in (replica_pgdata, replica_socket):
        folder.mkdir(mode=0o700)
        if primary.system_user:  # as root, pgserver runs PostgreSQL as a user of its own: the copy must be theirs
            account = pwd.getpwnam(primary.system_user)
            os.chown(folder, account.pw_uid, account.pw_gid)
    # -R writes standby.signal and primary_conninfo: the copy starts as a standby streaming from the primary.
    pgserver.pg_basebackup(
        # -c fast: checkpoint at once rather than spread over minutes
        ["-D", str(replica_pgdata), "-R", "-X", "stream", "-c", "fast", "-h", primary_socket, "-U", "postgres"],
        user=primary.system_user,
    )
    pgserver.pg_ctl(
        ["-w", "-o", '-h ""', "-o", f"-k {replica_socket}", "-l", str(replica_pgdata / "replica.log"), "start"],
        pgdata=replica_pgdata,
        user=primary.system_user,
    )
    replicated = Replicated(
        _url(primary_socket, "silta"), _url(replica_socket, "silta"), replica_pgdata, primary.system_user
    )
    try:
        yield replicated
    finally:
        subprocess.run(
            [str(Path(pgserver.__file__).parent / "pginstall/bin/pg_ctl"), "-D", str(replica_pgdata), "stop"],
            user=primary.system_user,
            capture_output=True,
        )
        primary.cleanup()
        shutil.rmtree(tmp_path, ignore_errors=True)


def _run(replicated: Replicated, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": replicated.primary_url,
        "DATABASE_REPLICA_URL": replicated.replica_url,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _probe(replicated: Replicated, phase: str) -> tuple[dict, str]:
    result = _run(replicated, "-m", "tests.core.replica_probe", phase)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


def test_reads_run_on_the_replica_writes_on_the_primary_and_reads_fall_back_when_it_is_down(replicated):
    migrated = _run(replicated, "manage.py", "migrate", "--no-input", "-v", "0")
    assert migrated.returncode == 0, migrated.stderr[-3000:]

    up, _ = _probe(replicated, "up")

    # Pages, dashboards and API lists read only from the replica.
    for name in ("list_page", "dashboard", "api_list"):
        assert up[name]["status"] == 200, (name, up[name])
        assert up[name]["replica_selects"] > 0 and up[name]["primary_selects"] == 0, (name, up[name])
    # The booking flow reads the primary, so its form sees the latest bookings.
    assert up["booking_form"]["status"] == 200
    assert up["booking_form"]["replica_selects"] == 0 and up["booking_form"]["primary_selects"] > 0
    # A write runs on the primary and pins the browser there, so the next page shows it at once.
    assert up["write"]["status"] == 200 and up["write"]["pinned"]
    assert up["write"]["replica_selects"] == 0
    assert up["after_write"]["replica_selects"] == 0 and up["after_write"]["shows_rename"]
    # Once the pin has gone, the same page reads the replica again, which has the write by now.
    assert up["after_pin"]["replica_selects"] > 0 and up["after_pin"]["primary_selects"] == 0
    assert up["after_pin"]["shows_rename"]
    assert up["title_on_primary"] == "Renamed on the primary" and up["space_on_replica"]
    # The standby itself refuses writes.
    assert "read-only transaction" in up["replica_write"]

    replicated.stop_replica()
    down, log = _probe(replicated, "down")

    for name in ("list_page", "api_list"):
        assert down[name]["status"] == 200, (name, down[name])
        assert down[name]["primary_selects"] > 0
    assert "The read replica is unavailable" in log
    assert log.count("The read replica is unavailable") == 1  # once, then the primary for a while


def test_without_a_replica_a_write_sets_no_pin_and_reads_stay_on_the_primary(client_for, settings) -> None:
    from apps.accounts.roles import Role

    assert "replica" not in settings.DATABASES
    client: Client = client_for(Role.OFFICIAL)
    response = client.post("/notifications/read/")
    assert response.status_code == 302
    assert "silta_primary" not in response.cookies
