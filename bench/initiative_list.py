"""The SQL time of the initiative list's requests: each query a page and an API call make, EXPLAIN ANALYZEd.

Run: ``.venv/bin/python bench/initiative_list.py [--scale 0.1] [--reuse]`` (``SILTA_BENCH_DATABASE`` names the
database; the city is generated unless ``--reuse`` and the database has one). Prints, per URL, the summed execution
time of its queries, the slowest one and its plan's top node, so a change shows where the time went.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._setup import django_on_bench_database

URLS = [
    "/initiatives/",
    "/initiatives/?page=100",
    "/initiatives/?q=4242",
    "/initiatives/?q=initiative",  # matches every row: the bound of a search's cost
    "/initiatives/?sector=1&status=active",
    "/api/v1/initiatives/",
    "/api/v1/initiatives/?page=100",
    "/api/v1/initiatives/?q=4242",
    "/api/v1/initiatives/?sector=1&status=active",
]
RUNS = 3  # the best of three: a warm cache, as under load


def sql_times(path: str) -> tuple[float, float, str, int]:
    """The summed and the largest execution time (ms) of the queries of one GET of ``path``, the slowest one's
    SQL head, and the number of queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User

    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="bench-list-reader"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    total, slowest, slowest_sql = 0.0, 0.0, ""
    statements = [query["sql"] for query in captured.captured_queries if query["sql"].lstrip().startswith("SELECT")]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            took = plan[0]["Planning Time"] + plan[0]["Execution Time"]
            total += took
            if took > slowest:
                slowest, slowest_sql = took, sql[:160]
    return total, slowest, slowest_sql, len(statements)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="city size, 1.0 = 100,000 initiatives (0.1)")
    parser.add_argument("--reuse", action="store_true", help="keep the city the database already has")
    options = parser.parse_args()
    django_on_bench_database()

    from apps.accounts.models import User
    from apps.accounts.roles import Role
    from apps.accounts.services import role_grant
    from apps.initiatives.models import Initiative
    from bench.generate import generate_city

    if not options.reuse or not Initiative.objects.exists():
        print(f"generating the city at scale {options.scale} …", flush=True)
        generate_city(options.scale)
    user, _ = User.objects.get_or_create(username="bench-list-reader")
    role_grant(by=None, user=user, role=Role.MANAGER)
    print(f"{Initiative.objects.count()} initiatives")
    for path in URLS:
        best = min((sql_times(path) for _ in range(RUNS)), key=lambda times: times[0])
        total, slowest, sql, count = best
        print(f"{path:50} {count:3d} queries, SQL {total:8.1f} ms, slowest {slowest:8.1f} ms: {sql[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
