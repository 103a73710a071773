"""Load test with wrk against gunicorn on the ``make bench`` dataset (``make load``).

Pages at concurrency 10, each logged in as the user it is for (a manager: dashboards, lists, every booking; a
booker with bookings: "my bookings"; a premises manager: the managers' queue), against a bare Django view (the
yardstick: middleware and nothing else, not even the session). Every page takes turns with the bare view in
``--rounds`` rounds, so that a slower minute of a shared machine weighs on both alike; each round's page p95 is
divided by that round's bare p95, and the median of those ratios is the page's figure (goals: dashboard p95
≤ 200 ms in every round, every page's ratio ≤ 3). Prints p50/p95/p99 and requests/s per page and round.

The data is generated (scale 1) and the indicators of 2025 computed only if the benchmark database lacks them
(``make bench`` leaves both behind); a few city targets are set if none exist (``ensure_targets``), so the
dashboard overview is measured with its target statuses and its attention list.
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

MANAGER, BOOKER, PREMISES_MANAGER = "manager", "booker", "premises manager"
YARDSTICK, DASHBOARD = "bare Django view", "dashboard overview"
# name: (path, the user it is for). ``{space}`` and ``{initiative}`` are filled in with the first of each.
PAGES = {
    YARDSTICK: ("/bench/bare/", MANAGER),
    DASHBOARD: ("/dashboards/", MANAGER),
    # The initiative list and its costly cases of issue 19 (a deep page, a sector filter, a number searched).
    "initiative list": ("/initiatives/", MANAGER),
    "initiative list, page 100": ("/initiatives/?page=100", MANAGER),
    "initiatives, sector+status": ("/initiatives/?sector=1&status=active", MANAGER),
    "initiative search 4242": ("/initiatives/?q=4242", MANAGER),
    "initiative detail": ("/initiatives/{initiative}/", MANAGER),
    "initiatives API list": ("/api/v1/initiatives/", MANAGER),
    "initiatives API, q=4242": ("/api/v1/initiatives/?q=4242", MANAGER),
    "person directory": ("/directory/", MANAGER),
    "premises catalogue": ("/premises/", MANAGER),
    "space week calendar": ("/premises/spaces/{space}/?week=2025-03-10", MANAGER),
    "my bookings": ("/premises/my/", BOOKER),
    "managers' queue": ("/premises/requests/", PREMISES_MANAGER),
    "booking API list": ("/api/v1/bookings/", MANAGER),
    "availability API, 31 days": (
        "/api/v1/spaces/{space}/availability/?from=2025-03-01T00:00:00&to=2025-04-01T00:00:00",
        MANAGER,
    ),
}
# City targets the overview judges: two out of reach (off track, so the attention list always has an entry) and
# two at the latest value of 2025 (None: on track or at risk, as their trend says).
TARGETS = (
    ("cross_sector_share", 1.0),
    ("key_person_risk", 0.0),
    ("network_density", None),
    ("joint_funding_share", None),
)
TARGET_DATE = date(2026, 12, 31)
# What the overview shows only with targets set: a tile's status and the attention list's entries.
OVERVIEW_MARKS = ('class="target__status"', 'class="attention__list"')
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


def ensure_targets(manager: object) -> None:
    """Set the city targets of ``TARGETS`` through the service managers use, unless some target exists already."""
    from apps.indicators.models import Indicator, IndicatorTarget, IndicatorValue
    from apps.indicators.services import indicator_target_set

    if IndicatorTarget.objects.exists():
        return
    for code, value in TARGETS:
        indicator = Indicator.objects.get(code=code)
        latest = (
            IndicatorValue.objects.filter(indicator=indicator, scope="city", period_kind="month", value__isnull=False)
            .order_by("-period_start")
            .values_list("value", flat=True)
            .first()
        )
        if value is None and latest is None:
            continue
        indicator_target_set(
            by=manager,
            indicator=indicator,
            scope="city",
            scope_id=0,
            value=latest if value is None else value,
            target_date=TARGET_DATE,
        )


def print_targets() -> None:
    """The targets the overview judges, with their status in the latest month of the data."""
    from apps.dashboards.selectors import target_rows
    from apps.indicators.models import IndicatorValue

    latest = IndicatorValue.objects.filter(period_kind="month").order_by("-period_start").first()
    if latest is None:
        return
    rows = target_rows(period_kind="month", period=latest.period_start)
    print(
        "targets:",
        "; ".join(
            f"{row.target.indicator.code} {row.target.value:g} by {row.target.target_date}: "
            f"{row.tile.progress.status if row.tile.progress else 'no value'}"
            for row in rows
        ),
    )


def sessions() -> dict[str, str]:
    """The cookie of each user a page is for, logged in: a manager (sees dashboards and every booking, sets the
    targets), a generated booker with thousands of bookings, a city-wide premises manager."""
    from django.test import Client

    from apps.accounts.models import User
    from apps.accounts.roles import Role
    from apps.accounts.services import role_grant
    from apps.premises.models import Space

    manager, _ = User.objects.get_or_create(username="load-manager")
    role_grant(by=None, user=manager, role=Role.MANAGER)
    ensure_targets(manager)
    print_targets()
    space = Space.objects.order_by("pk").first()
    premises_manager, _ = User.objects.get_or_create(
        username="bench-premises-manager", defaults={"home_unit_id": space.owner_unit_id if space else None}
    )
    role_grant(by=None, user=premises_manager, role=Role.PREMISES_MANAGER)
    users = {
        MANAGER: manager,
        BOOKER: User.objects.get(username="bench-booker-1"),
        PREMISES_MANAGER: premises_manager,
    }
    cookies = {}
    for who, user in users.items():
        client = Client()
        client.force_login(user)
        cookies[who] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


def page_paths() -> dict[str, tuple[str, str]]:
    """``PAGES`` with the first space's and the first initiative's ids in their paths."""
    from apps.initiatives.models import Initiative
    from apps.premises.models import Space

    ids = {
        "space": Space.objects.order_by("pk").values_list("pk", flat=True).first(),
        "initiative": Initiative.objects.order_by("pk").values_list("pk", flat=True).first(),
    }
    return {name: (path.format(**ids), who) for name, (path, who) in PAGES.items()}


def check_answers(url: str, pages: dict[str, tuple[str, str]], cookies: dict[str, str]) -> None:
    """Every page answers 200 to its user (not a redirect to the login page), and the overview shows target statuses
    and the attention list; or the figures mean nothing."""
    for name, (path, who) in pages.items():
        request = urllib.request.Request(f"{url}{path}", headers={"Cookie": cookies[who]})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, final, body = response.status, response.url, response.read().decode()
        except urllib.error.HTTPError as error:
            status, final, body = error.code, path, ""
        if status != 200 or "/accounts/login/" in final:
            raise SystemExit(f"{path} answered {status} ({final}) instead of 200")
        missing = [mark for mark in OVERVIEW_MARKS if name == DASHBOARD and mark not in body]
        if missing:
            raise SystemExit(f"{path} shows no {', '.join(missing)}: no targets judged, no attention list")


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
    parser.add_argument("--seconds", type=int, default=18, help="each page's run, all rounds together (18)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the bare view, then the page (3)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (4)")
    parser.add_argument("--scale", type=float, default=1.0, help="dataset size if it must be generated (1.0)")
    parser.add_argument("--only", nargs="*", help="these pages only (names as printed)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk (make load installs it)")

    from bench._setup import django_on_bench_database

    # The same settings as the server, so that sessions and tokens made here are valid there.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django_on_bench_database()
    from bench.server import gunicorn

    ensure_dataset(options.scale)
    cookies = sessions()
    pages = {
        name: page
        for name, page in page_paths().items()
        if name == YARDSTICK or not options.only or name in options.only
    }
    seconds = max(1, options.seconds // options.rounds)
    # page name -> one (bare view figures, page figures) per round
    rounds: dict[str, list[tuple[dict, dict]]] = {}
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
        check_answers(url, pages, cookies)
        print(f"gunicorn: {options.workers} workers × {options.threads} threads", end="; ")
        print(f"wrk: 2 threads, {CONCURRENCY} connections; {options.rounds} rounds of {seconds} s per page")
        for path, who in pages.values():  # warm-up: connections, caches, compiled templates
            wrk(url + path, cookies[who], 3, script.name)
        bare_path, bare_who = pages[YARDSTICK]
        for name, (path, who) in pages.items():
            if name == YARDSTICK:
                continue
            rounds[name] = [
                (
                    wrk(url + bare_path, cookies[bare_who], seconds, script.name),
                    wrk(url + path, cookies[who], seconds, script.name),
                )
                for _ in range(options.rounds)
            ]
            print(f"  {name}: p95 ratio {_median_ratio(rounds[name]):.1f}", flush=True)

    print(
        f"\n{'page':<28}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>9}{'req/s':>7}{'non-2xx':>8}"
        f"  {'p95 bare / page by round, ms':<34}{'ratio':>6}"
    )
    for name, runs in rounds.items():
        page = [figures for _, figures in runs]
        by_round = ", ".join(f"{bare['p95']:.0f}/{figures['p95']:.0f}" for bare, figures in runs)
        print(
            f"{name:<28}{statistics.median(f['p50'] for f in page):>8.1f}"
            f"{statistics.median(f['p95'] for f in page):>8.1f}{statistics.median(f['p99'] for f in page):>9.1f}"
            f"{sum(f['requests'] for f in page) / sum(f['seconds'] for f in page):>7.1f}"
            f"{sum(f['non_2xx'] + f['socket_errors'] for f in page):>8}  {by_round:<34}{_median_ratio(runs):>6.1f}"
        )
    if DASHBOARD in rounds:
        dashboards = [figures["p95"] for _, figures in rounds[DASHBOARD]]
        print(f"\ndashboard p95 by round: {', '.join(f'{p95:.1f}' for p95 in dashboards)} ms", end="")
        print(
            f"; worst {max(dashboards):.1f} ms (goal ≤ 200 ms); ratio {_median_ratio(rounds[DASHBOARD]):.1f} (goal ≤ 3)"
        )
    errors = sum(f["non_2xx"] + f["socket_errors"] for runs in rounds.values() for pair in runs for f in pair)
    if errors:
        print(f"FAILED: {errors} non-2xx answers or socket errors", file=sys.stderr)
    return 1 if errors else 0


def _median_ratio(runs: list[tuple[dict, dict]]) -> float:
    """The median over the rounds of the page's p95 ÷ the p95 of the bare view just before it."""
    return statistics.median(page["p95"] / bare["p95"] for bare, page in runs)


if __name__ == "__main__":
    sys.exit(main())
