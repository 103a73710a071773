"""Load test with wrk against gunicorn on the ``make bench`` dataset (``make load``).

Endpoints at concurrency 10, logged in as a manager (session cookie): a bare Django view (the yardstick:
middleware and nothing else, not even the session), the dashboard overview, the initiative list and the booking
API list. Prints p50/p95/p99 and requests/s per endpoint. The bare view and the dashboard take turns in
``--rounds`` rounds, so that a slower minute of a shared machine weighs on both alike; each round's dashboard
p95 is divided by that round's bare p95, and the median of those ratios is the figure judged (goals: dashboard
p95 ≤ 200 ms in every round, ratio ≤ 3). The data is generated (scale 1) and the indicators of 2025 computed
only if the benchmark database lacks them; ``make bench`` leaves both behind.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
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
    # The initiative list's costly cases of issue 19 (a number searched, a sector filter, a deep page).
    "initiative list, page 100": "/initiatives/?page=100",
    "initiative search 4242": "/initiatives/?q=4242",
    "initiatives, sector+status": "/initiatives/?sector=1&status=active",
    "initiatives API, q=4242": "/api/v1/initiatives/?q=4242",
    "booking API list": "/api/v1/bookings/",
    "availability API, 31 days": "/api/v1/spaces/1/availability/?from=2025-03-01T00:00:00&to=2025-04-01T00:00:00",
    "space week calendar": "/premises/spaces/1/?week=2025-03-10",
    "my bookings": "/premises/my/",
    "premises catalogue": "/premises/",
}
# The two endpoints compared with each other, run in alternating rounds.
YARDSTICK, DASHBOARD = "bare Django view", "dashboard overview"
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
    from django.test import Client

    from apps.accounts.models import User
    from apps.accounts.roles import Role
    from apps.accounts.services import role_grant

    user, _ = User.objects.get_or_create(username="load-manager")
    role_grant(by=None, user=user, role=Role.MANAGER)
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
    parser.add_argument("--seconds", type=int, default=30, help="length of each endpoint's run, all rounds (30)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of bare view and dashboard (3)")
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
    rounds: list[dict[str, dict]] = []
    results: dict[str, dict] = {}
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
        for path in ENDPOINTS.values():  # warm-up: connections, caches, compiled templates
            wrk(url + path, cookie, 3, script.name)
        for _ in range(options.rounds):
            rounds.append(
                {
                    name: wrk(url + ENDPOINTS[name], cookie, max(1, options.seconds // options.rounds), script.name)
                    for name in (YARDSTICK, DASHBOARD)
                }
            )
        for name, path in ENDPOINTS.items():
            if name not in (YARDSTICK, DASHBOARD):
                results[name] = wrk(url + path, cookie, options.seconds, script.name)

    print(f"\n{'endpoint':<26}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}{'requests':>10}{'non-2xx':>9}")
    rows = [(f"{name} #{number}", figures) for number, run in enumerate(rounds, 1) for name, figures in run.items()]
    for name, figures in [*rows, *results.items()]:
        print(
            f"{name:<26}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['p99']:>9.1f}"
            f"{figures['requests'] / figures['seconds']:>9.1f}{figures['requests']:>10}"
            f"{figures['non_2xx'] + figures['socket_errors']:>9}"
        )
    dashboards = [run[DASHBOARD]["p95"] for run in rounds]
    ratios = [run[DASHBOARD]["p95"] / run[YARDSTICK]["p95"] for run in rounds]
    print(f"\ndashboard p95 by round: {', '.join(f'{p95:.1f}' for p95 in dashboards)} ms", end="")
    print(f"; worst {max(dashboards):.1f} ms (goal ≤ 200 ms)")
    print(f"dashboard p95 / bare view p95 by round: {', '.join(f'{ratio:.1f}' for ratio in ratios)}", end="")
    print(f"; median {statistics.median(ratios):.1f} (goal ≤ 3)")
    everything = [figures for _, figures in rows] + list(results.values())
    errors = sum(figures["non_2xx"] + figures["socket_errors"] for figures in everything)
    if errors:
        print(f"FAILED: {errors} non-2xx answers or socket errors", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
