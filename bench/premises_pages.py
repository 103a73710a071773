"""In-process timing of the premises pages and APIs on the ``make bench`` city (one process, no HTTP server).

Each page through Django's test client, logged in as the user it is for (a manager, a booker with bookings, a
premises manager of one space's unit), with production's settings (``bench/settings.py``): median of ``--repeat``
warm requests, the queries of the last one and their SQL time, and the ratio to the bare view of the same run.
``make load`` measures the same pages over HTTP under concurrency; this shows where a page's time goes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8, help="warm requests per page (8)")
    options = parser.parse_args()

    from bench._setup import django_on_bench_database

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django_on_bench_database()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User
    from apps.accounts.roles import Role
    from apps.accounts.services import role_grant
    from apps.premises.models import Space

    settings.ALLOWED_HOSTS = ["*"]
    space = Space.objects.order_by("pk").first()
    if space is None:
        raise SystemExit("no spaces: run make bench (or make load) first to generate the city")
    manager, _ = User.objects.get_or_create(username="load-manager")
    role_grant(by=None, user=manager, role=Role.MANAGER)
    premises_manager, _ = User.objects.get_or_create(
        username="bench-premises-manager", defaults={"home_unit_id": space.owner_unit_id}
    )
    role_grant(by=None, user=premises_manager, role=Role.PREMISES_MANAGER)
    booker = User.objects.get(username="bench-booker-1")
    month = "from=2025-03-01T00:00:00&to=2025-04-01T00:00:00"
    pages = [
        ("bare view", manager, "/bench/bare/", {}),
        ("booking API list", manager, "/api/v1/bookings/", {}),
        ("booking API list, page 100", manager, "/api/v1/bookings/?page=100", {}),
        ("booking API list, a booker", booker, "/api/v1/bookings/", {}),
        ("availability API, 31 days", manager, f"/api/v1/spaces/{space.pk}/availability/?{month}", {}),
        ("space week calendar", manager, f"/premises/spaces/{space.pk}/?week=2025-03-10", {}),
        ("space week (htmx)", manager, f"/premises/spaces/{space.pk}/?week=2025-03-10", {"HTTP_HX_REQUEST": "true"}),
        ("my bookings", booker, "/premises/my/", {}),
        ("my bookings, past", booker, "/premises/my/?when=past", {}),
        ("managers' queue", premises_manager, "/premises/requests/", {}),
        ("premises catalogue", manager, "/premises/", {}),
        ("spaces API", manager, "/api/v1/spaces/", {}),
    ]
    print(f"{'page':<30}{'status':>7}{'ms':>9}{'× bare':>8}{'queries':>9}{'SQL ms':>8}")
    bare = None
    for name, user, url, headers in pages:
        client = Client()
        client.force_login(user)
        client.get(url, **headers)
        times = []
        for _ in range(options.repeat):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url, **headers)
                times.append((time.perf_counter() - started) * 1000)
        median = statistics.median(times)
        bare = bare or median
        sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        print(
            f"{name:<30}{response.status_code:>7}{median:>9.1f}{median / bare:>8.1f}"
            f"{len(queries.captured_queries):>9}{sql:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
