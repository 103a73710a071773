"""A production rehearsal: the app installed as the Dockerfile installs it, run as docker-compose.yml runs it.

No Docker engine is needed. The source tree is copied as the image build copies it (.dockerignore), installed with
``pip install .`` into a fresh virtualenv (wheels cached in var/rehearsal-wheels, so a rerun needs no network), and
the services' commands and environment are read from docker-compose.yml, so the file and this test cannot drift.
Only the addresses of PostgreSQL and Redis (the host's, a database and a Redis db number of the test's own) and
gunicorn's port (a free one) are substituted; the request headers are those Caddy sets in front of web.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
import redis
import requests
import yaml
from django.conf import settings

from tests.waiting import wait_until

pytestmark = pytest.mark.rehearsal

BASE_DIR = Path(settings.BASE_DIR)
WHEELS = BASE_DIR / "var" / "rehearsal-wheels"
DOMAIN = "silta.rehearsal.test"
# What the proxy (deploy/Caddyfile) adds to every request it passes on.
PROXY_HEADERS = {"Host": DOMAIN, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
# The .env file of the rehearsal's deployment (README, "Production").
DOT_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
    "POSTGRES_PASSWORD": "replaced-by-the-hosts-database",  # pragma: allowlist secret
    "SILTA_DOMAIN": DOMAIN,
}
COMPOSE_VARIABLE = re.compile(r"\$(?:\$|\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|(?P<bare>\w+))")


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's interpolation: ``${NAME}``, ``${NAME:-default}``, ``${NAME-default}``, ``${NAME:?error}``, ``$$``.

    https://docs.docker.com/reference/compose-file/interpolation/
    """

    def substitute(match: re.Match) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match["name"] or match["bare"], match["op"], match["arg"]
        current = variables.get(name)
        unset_or_empty = not current if op and op.startswith(":") else current is None
        if op in (":-", "-") and unset_or_empty:
            return arg
        if op in (":?", "?") and unset_or_empty:
            raise ValueError(f"compose needs {name}: {arg}")
        return current or ""

    return COMPOSE_VARIABLE.sub(substitute, value)


def _copy_build_context(target: Path) -> None:
    """``COPY . .`` of the image build: the source tree without what .dockerignore names."""
    patterns = [line.strip() for line in (BASE_DIR / ".dockerignore").read_text().splitlines() if line.strip()]

    def ignored(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(BASE_DIR)
        return {
            name
            for name in names
            for pattern in patterns
            if fnmatch.fnmatch(str(relative / name), pattern.removeprefix("**/"))
            or fnmatch.fnmatch(name, pattern.removeprefix("**/"))
        }

    shutil.copytree(BASE_DIR, target, ignore=ignored, symlinks=True)


def _install(app: Path, venv: Path) -> None:
    """``pip install .`` into a fresh virtualenv, from the cached wheels; the cache is refreshed from PyPI when a
    requirement is missing from it (a new dependency, a first run)."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    offline = [*pip, "install", "--no-index", "--find-links", str(WHEELS), str(app)]
    if subprocess.run(offline, cwd=app, capture_output=True, timeout=300).returncode != 0:
        WHEELS.mkdir(parents=True, exist_ok=True)
        # setuptools too: pip builds the project in an isolated environment, from the same wheels.
        for step in ([*pip, "wheel", "--wheel-dir", str(WHEELS), str(app), "setuptools>=77"], offline):
            result = subprocess.run(step, cwd=app, capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, f"{shlex.join(step)}:\n{result.stderr[-3000:]}"


@dataclass
class Deployment:
    """The rehearsal's installed app, its services' environments and the processes it started."""

    app: Path
    venv: Path
    logs: Path
    compose: dict
    database_url: str
    redis_url: str
    port: int
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self, service: str, dot_env: dict[str, str] = DOT_ENV) -> dict[str, str]:
        """The service's environment from docker-compose.yml, with the host's PostgreSQL and Redis."""
        declared = {
            name: interpolate(str(value), dot_env) for name, value in self.compose[service]["environment"].items()
        }
        assert {"DATABASE_URL", "REDIS_URL"} <= set(declared), f"{service} names no database or broker"
        container = {
            "PATH": f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(self.app),
            "LANG": "C.UTF-8",
            "HOSTNAME": socket.gethostname(),
            "PYTHONUNBUFFERED": "1",
        }
        return {**container, **declared, "DATABASE_URL": self.database_url, "REDIS_URL": self.redis_url}

    def command(self, service: str) -> list[str]:
        command = self.compose[service]["command"]
        arguments = shlex.split(interpolate(command, DOT_ENV)) if isinstance(command, str) else list(command)
        if "--bind" in arguments:  # gunicorn: the host's free port instead of the container's 8000
            assert arguments[arguments.index("--bind") + 1] == "0.0.0.0:8000"
            arguments[arguments.index("--bind") + 1] = f"127.0.0.1:{self.port}"
        return arguments

    def run(self, service: str, arguments: list[str], timeout: float = 180) -> subprocess.CompletedProcess:
        result = subprocess.run(
            arguments,
            cwd=self.app,
            env=self.environment(service),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"{shlex.join(arguments)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        return result

    def start(self, service: str) -> None:
        log = (self.logs / f"{service}.log").open("w")
        self.processes[service] = subprocess.Popen(
            self.command(service),
            cwd=self.app,
            env=self.environment(service),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own: gunicorn's and Celery's children stop with it
        )

    def healthcheck(self, service: str) -> bool:
        """The service's compose health check, run as the container would run it."""
        test = [interpolate(part, DOT_ENV) for part in self.compose[service]["healthcheck"]["test"]]
        kind, rest = test[0], test[1:]
        arguments = ["sh", "-c", rest[0]] if kind == "CMD-SHELL" else rest
        arguments = [part.replace("127.0.0.1:8000", f"127.0.0.1:{self.port}") for part in arguments]
        result = subprocess.run(arguments, cwd=self.app, env=self.environment(service), capture_output=True, timeout=30)
        return result.returncode == 0

    def log(self, service: str) -> str:
        return (self.logs / f"{service}.log").read_text()[-4000:]

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def own_database() -> Iterator[tuple[str, Callable[[], psycopg2.extensions.connection]]]:
    """A database of the rehearsal's own on the host's PostgreSQL (the URL, and a way to connect to it)."""
    server = settings.DATABASES["default"]
    name = f"{server['NAME'].removeprefix('test_')}_rehearsal"
    params = {
        "host": server["HOST"] or "127.0.0.1",
        "port": server["PORT"] or 5432,
        "user": server["USER"],
        "password": server["PASSWORD"] or None,
    }

    def admin(sql: str) -> None:
        connection = psycopg2.connect(dbname="postgres", **params)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
        finally:
            connection.close()

    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')
    password = f":{quote(params['password'], safe='')}" if params["password"] else ""
    host = quote(str(params["host"]), safe="")  # a socket folder, percent-encoded
    url = f"postgres://{quote(params['user'], safe='')}{password}@{host}:{params['port']}/{name}"
    try:
        yield url, lambda: psycopg2.connect(dbname=name, **params)
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def own_redis() -> Iterator[str]:
    """A Redis db number of the rehearsal's own: the highest one that is empty (other test runs may share the
    server, so it never empties a db that holds anything), emptied again afterwards."""
    kwargs = redis.Redis.from_url(settings.REDIS_URL).connection_pool.connection_kwargs
    host, port, tests_own = kwargs.get("host", "127.0.0.1"), kwargs.get("port", 6379), kwargs.get("db", 0)
    for number in range(15, -1, -1):
        client = redis.Redis(host=host, port=port, db=number)
        if number != tests_own and client.dbsize() == 0:
            break
        client.close()
    else:
        pytest.fail("no empty Redis database for the rehearsal")
    try:
        yield f"redis://{host}:{port}/{number}"
    finally:
        client.flushdb()
        client.close()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, own_database, own_redis) -> Iterator[Deployment]:
    """Built, migrated and running: web (gunicorn), worker and beat, each as docker-compose.yml starts it."""
    root = tmp_path_factory.mktemp("rehearsal")
    app, venv, logs = root / "app", root / "venv", root / "logs"
    logs.mkdir()
    started = time.monotonic()
    _copy_build_context(app)
    _install(app, venv)
    installed = time.monotonic()
    deployment = Deployment(
        app=app,
        venv=venv,
        logs=logs,
        compose=yaml.safe_load((app / "docker-compose.yml").read_text())["services"],
        database_url=own_database[0],
        redis_url=own_redis,
        port=_free_port(),
    )
    try:
        # The image build's collectstatic (Dockerfile), then the one-shot migrate service.
        collectstatic = re.search(r"python manage\.py collectstatic[^&\\\n]*", (app / "Dockerfile").read_text())
        assert collectstatic, "the Dockerfile runs no collectstatic"
        deployment.run("web", shlex.split(collectstatic.group(0)))
        deployment.run("migrate", deployment.command("migrate"))
        for service in ("web", "worker", "indicator-worker", "beat"):
            deployment.start(service)
        for service in ("web", "worker", "indicator-worker"):
            wait_until(
                lambda service=service: deployment.healthcheck(service),
                60,
                f"{service}'s health check",
                log=lambda service=service: deployment.log(service),
                every=0.5,
            )
        deployment.timings.update(install=installed - started, ready=time.monotonic() - started)
        yield deployment
    finally:
        deployment.stop()


@pytest.fixture(scope="module")
def people(deployment) -> dict:
    """A manager who books too, a bookable space, an API token and a logged-in session, made in the deployment."""
    script = """
import json
from datetime import time
from django.test import Client
from rest_framework.authtoken.models import Token
from apps.accounts.models import User
from apps.accounts.services import role_grant
from apps.premises.models import OpeningHours, Space, Venue
from apps.sectors.models import Sector, Unit

unit = Unit.objects.create(sector=Sector.objects.create(name="Culture", slug="culture"), name="Library services")
user = User.objects.create_user(username="rehearsal", email="rehearsal@example.org", home_unit=unit)
for role in ["official", "manager"]:
    role_grant(by=None, user=user, role=role)
venue = Venue.objects.create(name="Rehearsal hall", address="Kulttuurikatu 1, Helsinki", step_free_access=True)
space = Space.objects.create(venue=venue, name="Hall 1", capacity=40, owner_unit=unit, approval_required=False)
OpeningHours.objects.bulk_create(OpeningHours(space=space, weekday=d, opens=time(8), closes=time(22)) for d in range(7))
client = Client()
client.force_login(user)
token = Token.objects.create(user=user).key
print(json.dumps({"space": space.pk, "token": token, "session": client.cookies["sessionid"].value}))
"""
    result = deployment.run("web", ["python", "manage.py", "shell", "-c", script])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _get(deployment: Deployment, path: str, **kwargs) -> requests.Response:
    headers = {**PROXY_HEADERS, **kwargs.pop("headers", {})}
    return requests.get(f"{deployment.base_url}{path}", headers=headers, allow_redirects=False, timeout=30, **kwargs)


def test_pages_and_their_static_files_answer_200_with_the_production_security_headers(deployment):
    page = _get(deployment, "/accounts/login/")

    assert page.status_code == 200, deployment.log("web")
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert "camera=()" in page.headers["Permissions-Policy"]
    assert "Secure" in page.headers["Set-Cookie"] and "csrftoken" in page.headers["Set-Cookie"]
    static = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
    assert static, "the page names no static files"
    answers = {path: _get(deployment, path).status_code for path in static}
    assert answers == dict.fromkeys(static, 200)
    assert all(re.search(r"\.[0-9a-f]{12}\.\w+$", path) for path in static), static  # hashed: cached for good


def test_plain_http_is_sent_to_https_and_the_health_check_answers_by_address(deployment):
    plain = _get(deployment, "/accounts/login/", headers={"X-Forwarded-Proto": "http"})
    health = requests.get(f"{deployment.base_url}/healthz", timeout=10)  # Host: 127.0.0.1, not DJANGO_ALLOWED_HOSTS

    assert plain.status_code == 301 and plain.headers["Location"] == f"https://{DOMAIN}/accounts/login/"
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "broker": "ok", "static": "ok"}


def test_a_booking_through_the_api_is_confirmed(deployment, people):
    day = date.today() + timedelta(days=7)
    payload = {
        "space": people["space"],
        "start": f"{day}T10:00:00",
        "end": f"{day}T12:00:00",
        "purpose": "Rehearsal workshop",
        "attendees": 12,
    }

    response = requests.post(
        f"{deployment.base_url}/api/v1/bookings/",
        json=payload,
        headers={**PROXY_HEADERS, "Authorization": f"Token {people['token']}"},
        timeout=30,
    )

    assert response.status_code == 201, response.text
    assert response.json()["status"] == "confirmed"


def test_recompute_now_is_run_to_the_end_by_the_worker(deployment, people, own_database):
    # given a logged-in manager on the indicators page
    cookies = {"sessionid": people["session"]}
    page = _get(deployment, "/indicators/", cookies=cookies)
    assert page.status_code == 200, deployment.log("web")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    cookies["csrftoken"] = page.cookies["csrftoken"]

    # when they press "Recompute now"
    pressed = requests.post(
        f"{deployment.base_url}/indicators/recompute/",
        data={"csrfmiddlewaretoken": token, "next": "/indicators/"},
        headers={**PROXY_HEADERS, "Referer": f"https://{DOMAIN}/indicators/"},
        cookies=cookies,
        allow_redirects=False,
        timeout=30,
    )
    assert pressed.status_code == 302, pressed.text

    # then the worker finishes every job of the run
    def run_state() -> tuple:
        with own_database[1]() as connection, connection.cursor() as cursor:
            cursor.execute("SELECT status, jobs_total, cardinality(jobs_done) FROM indicators_indicatorrun")
            return tuple(cursor.fetchall())

    wait_until(
        lambda: run_state() and run_state()[0][0] in ("succeeded", "failed"),
        120,
        "the run",
        log=lambda: deployment.log("indicator-worker"),
        every=0.5,
    )
    ((status, total, done),) = run_state()
    assert (status, done) == ("succeeded", total) and total > 0


def test_beat_starts_on_the_migrated_database_and_keeps_running(deployment):
    wait_until(
        lambda: "beat: Starting" in deployment.log("beat"),
        30,
        "beat to start",
        log=lambda: deployment.log("beat"),
        every=0.5,
    )
    time.sleep(2)  # beat reads the schedule from the database right after it starts

    assert deployment.processes["beat"].poll() is None, deployment.log("beat")
    assert {name: process.poll() for name, process in deployment.processes.items()} == dict.fromkeys(
        ("web", "worker", "indicator-worker", "beat")
    )
    timings = deployment.timings
    print(f"rehearsal: installed in {timings['install']:.0f} s, serving after {timings['ready']:.0f} s")


def test_the_mail_settings_of_the_dot_env_file_reach_every_app_container(deployment):
    # given a deployment's mail server and sender in .env
    dot_env = {
        **DOT_ENV,
        "DJANGO_EMAIL_URL": "smtp+tls://silta%40city.example:pw@mail.city.example:587",  # pragma: allowlist secret
        "DJANGO_DEFAULT_FROM_EMAIL": "Silta <silta@city.example>",
    }
    script = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
    )

    # when each app service's settings load with compose's environment
    loaded = {
        service: subprocess.run(
            ["python", "manage.py", "shell", "-c", script],
            cwd=deployment.app,
            env=deployment.environment(service, dot_env),
            capture_output=True,
            text=True,
            timeout=60,
        )
        .stdout.strip()
        .splitlines()[-1]  # after what `shell` says of its automatic imports
        for service in ("migrate", "web", "worker", "indicator-worker", "beat")
    }

    # then they all send through that server as that sender
    smtp = "django.core.mail.backends.smtp.EmailBackend mail.city.example 587 silta@city.example True"
    assert loaded == dict.fromkeys(
        ("migrate", "web", "worker", "indicator-worker", "beat"), f"{smtp} Silta <silta@city.example>"
    )
