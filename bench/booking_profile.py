"""What one booking costs in one process: bookings through Django's test client on the benchmark settings.

The mixed run of ``make stress`` measures a shared machine; this measures the code. It books ``--bookings``
random slots (as the mixed run does: the stress spaces, tokens and 360 days) one after another and prints the
Python CPU time, the wall time and the CPU time of the PostgreSQL backend that served them (from ``/proc``), each
per booking; ``--profile FILE`` writes a cProfile (CPU clock) of them, and prints its top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def backend_cpu_seconds(pid: int) -> float:
    """User + system CPU of a local PostgreSQL backend; NaN if its /proc entry cannot be read (another host)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookings", type=int, default=300, help="bookings measured (300, after 30 to warm up)")
    parser.add_argument("--profile", default="", help="write a cProfile of the measured bookings to this file")
    options = parser.parse_args()

    from bench._setup import django_on_bench_database

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django_on_bench_database()
    from django.db import connection
    from django.test import Client

    from bench.booking_stress import LOCAL, OPENS, _at, _booking, prepare

    space_ids, tokens = prepare(spaces=20, bookers=8)
    clients = [Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {token}") for token in tokens]
    rng = random.Random(1)
    today = datetime.now(LOCAL).date()

    def requests(count: int) -> list[tuple[Client, str]]:
        made = []
        for number in range(count):
            start = _at(today + timedelta(days=rng.randint(2, 360)), rng.randint(OPENS.hour, 19), rng.choice((0, 30)))
            end = start + timedelta(minutes=rng.choice((30, 60, 90, 120, 180)))
            payload = _booking(rng.choice(space_ids), start, end, "Profile")
            made.append((clients[number % len(clients)], json.dumps(payload)))
        return made

    for client, body in requests(30):
        client.post("/api/v1/bookings/", body, content_type="application/json")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    measured = requests(options.bookings)
    statuses: Counter[int] = Counter()
    profile = cProfile.Profile(time.process_time) if options.profile else None
    cpu, wall, database = time.process_time(), time.perf_counter(), backend_cpu_seconds(backend)
    if profile:
        profile.enable()
    for client, body in measured:
        statuses[client.post("/api/v1/bookings/", body, content_type="application/json").status_code] += 1
    if profile:
        profile.disable()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    database = backend_cpu_seconds(backend) - database
    per = 1000 / options.bookings
    print(f"{options.bookings} bookings, answers {dict(sorted(statuses.items()))}")
    print(
        f"per booking: Python CPU {cpu * per:.2f} ms, wall {wall * per:.2f} ms, "
        f"PostgreSQL backend CPU {database * per:.2f} ms"
        + (" (profiled: the profiler's own cost included)" if profile else "")
    )
    if profile:
        profile.dump_stats(options.profile)
        pstats.Stats(options.profile).sort_stats("cumulative").print_stats(40)
    return 0


if __name__ == "__main__":
    sys.exit(main())
