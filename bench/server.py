"""A real server for the HTTP benchmarks and tests: gunicorn with several workers on a free localhost port."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
# An INFO or WARNING record of Django's log format (config/settings/base.py LOGGING) or of gunicorn's.
QUIET_RECORD = re.compile(r"^\S+ \S+ (INFO|WARNING) |\[(INFO|WARNING)\] ")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url_of_this_process() -> str:
    """The URL of the database Django uses here (in tests: the test database), for the server to share."""
    from django.db import connection

    settings = connection.settings_dict
    host = (settings["HOST"] or "").replace("/", "%2F")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{host}{port}/{settings['NAME']}"


class Server(str):
    """The base URL of a running server, which can also read what the server has logged so far.

    A ``str``, so callers use it as the URL; a check that failed on a 5xx shows ``log()`` to say what happened
    (Django logs a 503 for database trouble as one line with PostgreSQL's own message).
    """

    _log: IO[str]

    def __new__(cls, base_url: str, log: IO[str]) -> Server:
        server = super().__new__(cls, base_url)
        server._log = log
        return server

    def log(self, last: int = 6000) -> str:
        """The last ``last`` bytes of gunicorn's and Django's output (stdout and stderr) so far."""
        return _tail(self._log, last)

    def errors(self, last: int = 6000) -> str:
        """The log without its INFO and WARNING records (gunicorn's start, Django's line for every 4xx): the
        5xx answers with their cause, tracebacks, and whatever else went wrong; its last ``last`` characters."""
        size = os.fstat(self._log.fileno()).st_size
        lines = _tail(self._log, size).splitlines()
        return "\n".join(line for line in lines if not QUIET_RECORD.search(line))[-last:]


def _tail(log: IO[str], last: int) -> str:
    """The end of a file the server is still writing to: read at an offset, so its writes stay where they were."""
    size = os.fstat(log.fileno()).st_size
    return os.pread(log.fileno(), last, max(0, size - last)).decode(errors="replace")


@contextmanager
def gunicorn(
    *, database_url: str, workers: int = 4, threads: int = 8, settings: str = "config.settings.test", **extra_env: str
) -> Iterator[Server]:
    """Serve ``config.wsgi`` with DEBUG off on ``database_url``; yields the base URL (a :class:`Server`, which
    reads the server's log) and stops the server after."""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        **extra_env,
    }
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in the finally clause below
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            # Hundreds of requests arrive at once: the kernel queues them until a worker thread is free.
            "--backlog",
            "2048",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=log,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_until_up(base_url, server)
        except RuntimeError as error:
            raise RuntimeError(f"{error}:\n{_tail(log, 3000)}") from None
        yield Server(base_url, log)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()


def _wait_until_up(base_url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            urllib.request.urlopen(f"{base_url}/accounts/login/", timeout=5).close()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not start")
