"""Load test with wrk against gunicorn on the ``make bench`` dataset (``make load``).

Endpoints, one after another, each for ``--seconds`` at concurrency 10, logged in as a manager (session cookie):
a bare Django view (the yardstick: middleware, session and user lookup, no work), the dashboard overview, the
initiative list and the booking API list. Prints p50/p95/p99 and requests/s per endpoint, and the dashboard's
p95 against the bare view's (goals: ≤ 200 ms and ≤ 3 ×). The data is generated (scale 1) and the indicators of
2025 computed only if the benchmark database lacks them; ``make bench`` leaves both behind.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ENDPOINTS = {
    "bare Django view": "/bench/bare/",
    "dashboard overview": "/dashboards/",
    "initiative list": "/initiatives/",
    "booking API list": "/api/v1/bookings/",
}
CONCURRENCY = 10

# wrk prints its own summary without p95; this script's done() hook prints the figures as one JSON line.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "non_2xx": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def ensure_dataset(scale: float) -> None:
    """Generate the city and compute the 2025 indicators unless an earlier run (or ``make bench``) left them."""
    from apps.indicators.models import IndicatorValue
    from apps.indicators.services import indicators_compute_now
    from apps.premises.models import Booking
    from bench.generate import BOOKINGS, generate_city

    if Booking.objects.count() < BOOKINGS * scale * 0.99:
        print("generating the benchmark city …", flush=True)
        generate_city(scale)
    if not IndicatorValue.objects.exists():
        print("computing the indicators of 2025 by month …", flush=True)
        indicators_compute_now(period_kinds=["month"], since=date(2025, 1, 1), until=date(2026, 1, 1))


def manager_session() -> str:
    """A manager (sees dashboards and every booking) logged in; the session cookie's value."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from apps.accounts.models import User
    from apps.accounts.roles import Role

    user, _ = User.objects.get_or_create(username="load-manager")
    user.groups.add(Group.objects.get_or_create(name=Role.MANAGER)[0])
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def check_answers(url: str, cookie: str) -> None:
    """Every endpoint answers 200 to the manager (not a redirect to the login page), or the figures mean nothing."""
    for path in ENDPOINTS.values():
        request = urllib.request.Request(f"{url}{path}", headers={"Cookie": cookie})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, final = response.status, response.url
        except urllib.error.HTTPError as error:
            status, final = error.code, path
        if status != 200 or "/accounts/login/" in final:
            raise SystemExit(f"{path} answered {status} ({final}) instead of 200")


def wrk(url: str, cookie: str, seconds: int, script: str) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONCURRENCY}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            script,
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of each endpoint's run (30)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (4)")
    parser.add_argument("--scale", type=float, default=1.0, help="dataset size if it must be generated (1.0)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk (make load installs it)")

    from bench._setup import django_on_bench_database

    # The same settings as the server, so that sessions and tokens made here are valid there.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django_on_bench_database()
    from bench.server import gunicorn

    ensure_dataset(options.scale)
    cookie = f"sessionid={manager_session()}"
    results = {}
    with (
        tempfile.NamedTemporaryFile("w", suffix=".lua") as script,
        gunicorn(
            database_url=os.environ["DATABASE_URL"],
            workers=options.workers,
            threads=options.threads,
            settings="bench.settings",
        ) as url,
    ):
        script.write(WRK_REPORT)
        script.flush()
        check_answers(url, cookie)
        print(f"gunicorn: {options.workers} workers × {options.threads} threads", end="; ")
        print(f"wrk: 2 threads, {CONCURRENCY} connections")
        for name, path in ENDPOINTS.items():
            wrk(url + path, cookie, 3, script.name)  # warm-up: connections, caches, compiled templates
            results[name] = wrk(url + path, cookie, options.seconds, script.name)

    print(f"\n{'endpoint':<22}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}{'requests':>10}{'non-2xx':>9}")
    for name, figures in results.items():
        print(
            f"{name:<22}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['p99']:>9.1f}"
            f"{figures['requests'] / figures['seconds']:>9.1f}{figures['requests']:>10}"
            f"{figures['non_2xx'] + figures['socket_errors']:>9}"
        )
    dashboard, bare = results["dashboard overview"]["p95"], results["bare Django view"]["p95"]
    print(f"\ndashboard p95 {dashboard:.1f} ms (goal ≤ 200 ms)")
    print(f"dashboard p95 / bare view p95 = {dashboard / bare:.1f} (goal ≤ 3)")
    errors = sum(figures["non_2xx"] + figures["socket_errors"] for figures in results.values())
    if errors:
        print(f"FAILED: {errors} non-2xx answers or socket errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
