"""The site under database trouble: a held lock or a slow statement ends in a 503 within the time limit, and a
PostgreSQL that refuses connections gets a friendly 503 (JSON under /api/) with a few log lines, not a bare 500."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
import yaml
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from apps.accounts.models import User
from bench.server import database_url_of_this_process, gunicorn
from tests.clients import UserClient
from tests.waiting import timed

ROOT = Path(__file__).resolve().parent.parent.parent
MY_BOOKINGS = reverse("premises:my_bookings")
API_BOOKINGS = "/api/v1/bookings/"
LOCK_TIMEOUT = 0.5
MARGIN = 2.5  # seconds for the rest of the request on a busy test machine
HELD_FOR = 8.0  # the lock is let go by itself after this, so today's code answers late instead of never


def _seconds(duration: str) -> float:
    """A PostgreSQL duration as ``SHOW`` answers it (``10s``, ``500ms``, ``20min``) in seconds."""
    number, unit = re.fullmatch(r"(\d+)\s*(ms|s|min|h)?", duration.strip()).groups()
    return int(number) * {"ms": 0.001, "s": 1, "min": 60, "h": 3600, None: 0.001}[unit]


def _show(setting: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {setting}")
        return cursor.fetchone()[0]


@pytest.fixture(autouse=True)
def _web_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A web process: not one where an in-thread test worker (tests/*/test_tasks.py) has set the task limits."""
    import apps.core.database

    monkeypatch.setattr(apps.core.database, "task_limits", False)


@pytest.fixture
def time_limits() -> Iterator[Callable[..., None]]:
    """Reconnect with other ``statement_timeout`` / ``lock_timeout`` (libpq options, as the settings pass them)."""
    options = connection.settings_dict["OPTIONS"]
    original = options.get("options")

    def set_limits(*, statement: str, lock: str) -> None:
        connection.close()
        options["options"] = f"-c statement_timeout={statement} -c lock_timeout={lock}"

    yield set_limits
    connection.close()
    options["options"] = original


@contextmanager
def table_locked(table: str) -> Iterator[None]:
    """``LOCK TABLE … IN ACCESS EXCLUSIVE MODE`` from a second connection (as a migration or a long job would),
    released after ``HELD_FOR`` seconds or when the block ends."""
    db = connection.settings_dict
    holder = psycopg2.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"] or None)
    holder.cursor().execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    release = threading.Timer(HELD_FOR, holder.rollback)
    release.start()
    try:
        yield
    finally:
        release.cancel()
        holder.rollback()
        holder.close()


@contextmanager
def database_refusing(unused_tcp_port: int) -> Iterator[None]:
    """Point the connection at a port nothing listens on: a real refused connection, as with PostgreSQL down."""
    original_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(unused_tcp_port)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original_port


@pytest.fixture
def browser(official: User) -> UserClient:
    """A logged-in user's browser, as in production: an exception ends in the error page, not in the test."""
    return UserClient(official, raise_request_exception=False)


@pytest.fixture
def api_client(official: User) -> Client:
    token = Token.objects.create(user=official)
    return Client(raise_request_exception=False, headers={"Authorization": f"Token {token.key}"})


# (7) Timeouts


def _limits_of_a_new_connection() -> dict[str, str]:
    """The time limits a connection opened now gets (in a thread of its own, so it is a new connection)."""
    shown: dict[str, str] = {}

    def connect() -> None:
        shown.update(statement=_show("statement_timeout"), lock=_show("lock_timeout"))
        connection.close()

    thread = threading.Thread(target=connect)
    thread.start()
    thread.join()
    return shown


@pytest.mark.django_db
def test_a_web_connection_has_the_time_limits_of_the_settings():
    assert _limits_of_a_new_connection() == {"statement": "10s", "lock": "3s"}
    assert (settings.SILTA_DB_STATEMENT_TIMEOUT, settings.SILTA_DB_LOCK_TIMEOUT) == ("10s", "3s")


@pytest.mark.django_db(transaction=True)  # Celery's own receiver (after an in-thread worker) closes connections
def test_a_celery_worker_process_opens_its_connections_with_the_longer_task_limits():
    from celery.signals import worker_process_init

    worker_process_init.send(sender="celery@test")  # as in each pool process a worker starts

    shown = _limits_of_a_new_connection()

    assert shown == {"statement": settings.SILTA_DB_TASK_STATEMENT_TIMEOUT, "lock": settings.SILTA_DB_TASK_LOCK_TIMEOUT}
    assert _seconds(shown["statement"]) > _seconds(settings.SILTA_DB_STATEMENT_TIMEOUT)


@pytest.mark.django_db(transaction=True)  # the command's own process must see the test database's rows
def test_a_management_command_runs_with_the_task_limits():
    # given a batch command (not a web server), run as an operator would, on the test database
    show = "from django.db import connection as c; k = c.cursor(); k.execute('SHOW statement_timeout'); print(*k)"
    environment = {**os.environ, "DATABASE_URL": database_url_of_this_process()}

    # when it asks PostgreSQL for its limit
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show], cwd=ROOT, env=environment, capture_output=True, text=True
    )

    # then it has the longer limit of tasks, not the 10 s of a web request
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == repr((settings.SILTA_DB_TASK_STATEMENT_TIMEOUT,))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "limits", [{"statement": "5s", "lock": "500ms"}, {"statement": "500ms", "lock": "0"}], ids=["lock", "statement"]
)
def test_a_page_waiting_for_a_locked_table_answers_503_within_the_limit(browser, time_limits, limits, caplog):
    # given a table held by someone else, and small limits (lock_timeout, or statement_timeout alone)
    time_limits(**limits)
    with table_locked("premises_booking"):
        # when the user opens a page that reads it
        response, seconds = timed(lambda: browser.get(MY_BOOKINGS))

    # then they are told at once to try again
    assert response.status_code == 503, seconds
    assert seconds < LOCK_TIMEOUT + MARGIN
    assert "text/html" in response["Content-Type"]
    assert "Please try again in a moment" in response.content.decode()
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    assert "canceling statement due to" in caplog.text  # the log says why, in PostgreSQL's words


@pytest.mark.django_db(transaction=True)
def test_an_api_call_waiting_for_a_locked_table_answers_json_503_within_the_limit(api_client, time_limits):
    time_limits(statement="5s", lock="500ms")
    with table_locked("premises_booking"):
        response, seconds = timed(lambda: api_client.get(API_BOOKINGS))

    assert response.status_code == 503, seconds
    assert seconds < LOCK_TIMEOUT + MARGIN
    assert "try again" in response.json()["detail"]


def _get(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    return status, time.monotonic() - started


@pytest.mark.django_db(transaction=True)
def test_gunicorn_with_a_table_locked_answers_every_request_with_a_503_in_time(official):
    # given gunicorn with 4 request threads and the limits from the environment, as in production
    browser = UserClient(official)
    cookie = browser.cookies[settings.SESSION_COOKIE_NAME].value
    limits = {"SILTA_DB_STATEMENT_TIMEOUT": "5s", "SILTA_DB_LOCK_TIMEOUT": "500ms"}
    with gunicorn(database_url=database_url_of_this_process(), workers=2, threads=2, **limits) as base_url:
        # when a table is held and twice as many requests as threads arrive at once for a page that reads it
        with table_locked("premises_booking"), ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda _: _get(f"{base_url}{MY_BOOKINGS}", cookie), range(8)))
        # and afterwards the site answers as before
        after = _get(f"{base_url}{MY_BOOKINGS}", cookie)

    # then each gets a 503 within two lock waits, none a dropped connection or a frozen worker
    assert [status for status, _ in answers] == [503] * 8, answers
    assert max(seconds for _, seconds in answers) < 2 * (LOCK_TIMEOUT + MARGIN) < HELD_FOR, answers
    assert after[0] == 200


@pytest.mark.parametrize("where", ["Dockerfile", "docker-compose.yml"])
def test_gunicorn_gives_up_on_a_request_only_after_the_database_has(where):
    text = (ROOT / where).read_text()
    if where == "docker-compose.yml":
        text = yaml.safe_load(text)["services"]["web"]["command"]
        text = " ".join(text) if isinstance(text, list) else text
    found = re.search(r"""--timeout["',\s]+(\d+)""", text)

    assert found, f"{where}: gunicorn has no --timeout (its default, 30 s, would be chosen silently)"
    assert int(found.group(1)) > _seconds(settings.SILTA_DB_STATEMENT_TIMEOUT) + _seconds(
        settings.SILTA_DB_LOCK_TIMEOUT
    )


# (8) PostgreSQL down


@pytest.mark.django_db(transaction=True)
def test_a_logged_in_page_with_the_database_down_is_a_friendly_503_and_a_short_log(
    browser, unused_tcp_port, caplog, capfd
):
    with database_refusing(unused_tcp_port):
        response = browser.get(MY_BOOKINGS)

    assert response.status_code == 503
    assert "Please try again in a moment" in response.content.decode()
    _assert_short_log(caplog, capfd)


@pytest.mark.django_db(transaction=True)
def test_an_api_call_with_the_database_down_is_a_json_503_and_a_short_log(browser, unused_tcp_port, caplog, capfd):
    with database_refusing(unused_tcp_port):
        response = browser.get(API_BOOKINGS)  # session authentication: the session lives in the database

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert "try again" in response.json()["detail"]
    assert int(response["Content-Length"]) == len(response.content)  # the JSON's, not the HTML page's it replaced
    _assert_short_log(caplog, capfd)


def _assert_short_log(caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]) -> None:
    errors = capfd.readouterr().err
    assert "--- Logging error ---" not in errors  # a log filter that failed prints its own traceback
    requests = [record for record in caplog.records if record.name == "django.request"]
    assert len(requests) == 1, [record.getMessage() for record in requests]
    assert "Service Unavailable" in requests[0].getMessage()
    assert "Connection refused" in requests[0].getMessage()  # PostgreSQL's words, in one line
    assert len(caplog.text.splitlines()) == 1, caplog.text  # no traceback per request in an outage
