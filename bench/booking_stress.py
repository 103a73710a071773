"""Booking under concurrency, over HTTP against gunicorn (``make stress``).

1. 500 overlapping POST /api/v1/bookings/ for one slot, released at the same instant from 500 threads: exactly one
   201, every other answer 409, no 5xx.
2. Mixed random bookings (and some cancellations) on 20 spaces from 16 clients for 60 s, each client on one
   keep-alive connection as an integration would be, over the year ahead the spaces take bookings for (a month
   of 20 spaces holds fewer bookings than a minute at 200 per second: it filled up, and most requests then
   measured the 409 of a full calendar): no 5xx; confirmed bookings per second, and how many were refused.
After each, a self-join with ``&&`` over all of ``premises_booking`` counts overlapping holding pairs: must be 0.
Exits non-zero if a check fails. Runs on the benchmark database (``bench/_setup.py``), next to its data.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LOCAL = ZoneInfo("Europe/Helsinki")
OPENS, CLOSES = clock(6, 0), clock(23, 0)
# The mixed run books up to this many days ahead (the spaces take bookings a year ahead).
DAYS_AHEAD = 360

# Written like the exclusion constraint (same expressions, same condition), so PostgreSQL answers it from that
# constraint's GiST index instead of comparing every pair.
OVERLAPPING_HOLDING_PAIRS = """
SELECT count(*)
FROM premises_booking a
JOIN premises_booking b
  ON int8range(a.space_id, a.space_id, '[]') = int8range(b.space_id, b.space_id, '[]')
 AND a.held_period && b.held_period
 AND a.id < b.id
WHERE a.status IN ('requested', 'confirmed') AND b.status IN ('requested', 'confirmed')
"""


def overlapping_holding_pairs() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(OVERLAPPING_HOLDING_PAIRS)
        return cursor.fetchone()[0]


def prepare(*, spaces: int, bookers: int) -> tuple[list[int], list[str]]:
    """Instant-approval spaces open 06-23 every day, and bookers with API tokens; earlier stress bookings removed."""
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from apps.accounts.models import User
    from apps.accounts.roles import Role
    from apps.accounts.services import role_grant
    from apps.premises.models import OpeningHours, Space, Venue
    from apps.sectors.models import Sector, Unit

    sector, _ = Sector.objects.get_or_create(slug="stress", defaults={"name": "Stress", "kind": "city"})
    unit, _ = Unit.objects.get_or_create(sector=sector, name="Stress unit")
    venue, _ = Venue.objects.get_or_create(name="Booking stress venue", defaults={"address": "Localhost 1"})
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM premises_booking WHERE space_id IN (SELECT id FROM premises_space WHERE venue_id = %s)",
            [venue.pk],
        )
    space_ids = []
    for number in range(1, spaces + 1):
        space, _ = Space.objects.get_or_create(
            venue=venue,
            name=f"Stress space {number}",
            defaults={
                "capacity": 50,
                "owner_unit": unit,
                "approval_required": False,
                "lead_time": timedelta(0),
                "cancellation_deadline": timedelta(0),
                "buffer": timedelta(minutes=15 if number % 2 else 0),
            },
        )
        for weekday in range(7):
            OpeningHours.objects.get_or_create(space=space, weekday=weekday, opens=OPENS, defaults={"closes": CLOSES})
        space_ids.append(space.pk)
    tokens = []
    for number in range(1, bookers + 1):
        user, created = User.objects.get_or_create(username=f"stress-booker-{number}", defaults={"home_unit": unit})
        if created:
            user.set_unusable_password()
            user.save()
        role_grant(by=None, user=user, role=Role.OFFICIAL)
        tokens.append(Token.objects.get_or_create(user=user)[0].key)
    return space_ids, tokens


def api(base_url: str, token: str, path: str, payload: dict | None = None) -> tuple[int, dict]:
    """One request on a connection of its own; the status and the JSON answer (0 if the connection failed)."""
    request = urllib.request.Request(
        f"{base_url}{path}",
        data=None if payload is None else json.dumps(payload).encode(),
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        method="GET" if payload is None else "POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            return error.code, json.loads(body or b"{}")
        except ValueError:
            return error.code, {"body": body[:200].decode(errors="replace")}
    except (urllib.error.URLError, ConnectionError, OSError):
        return 0, {}


class Connection:
    """One client's keep-alive connection to the server (opened again if the server closed it)."""

    def __init__(self, base_url: str, token: str) -> None:
        self.address = urllib.parse.urlsplit(base_url)
        self.headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        self.connection: http.client.HTTPConnection | None = None

    def post(self, path: str, payload: dict) -> tuple[int, dict]:
        """The status and the JSON answer; 0 if the request failed twice (a fresh connection the second time)."""
        for _attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.address.hostname, self.address.port, timeout=120)
            try:
                self.connection.request("POST", path, body=json.dumps(payload).encode(), headers=self.headers)
                response = self.connection.getresponse()
                body = response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                continue
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            try:
                return response.status, json.loads(body or b"{}")
            except ValueError:
                return response.status, {"body": body[:200].decode(errors="replace")}
        return 0, {}

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def _booking(space_id: int, start: datetime, end: datetime, purpose: str) -> dict:
    return {"space": space_id, "start": start.isoformat(), "end": end.isoformat(), "purpose": purpose, "attendees": 5}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), tzinfo=LOCAL)


def fire_at_one_slot(base_url: str, token: str, space_id: int, requests: int) -> Counter[int]:
    """``requests`` threads, released together, each book 10:00-12:00 two weeks ahead shifted by 0-29 minutes."""
    day = datetime.now(LOCAL).date() + timedelta(days=14)
    release = threading.Barrier(requests, timeout=120)

    def book(index: int) -> int:
        start = _at(day, 10, index % 30)
        payload = _booking(space_id, start, start + timedelta(hours=2), f"Request {index}")
        release.wait()
        return api(base_url, token, "/api/v1/bookings/", payload)[0]

    with ThreadPoolExecutor(max_workers=requests) as pool:
        return Counter(pool.map(book, range(requests)))


@dataclass
class MixedResult:
    seconds: float
    statuses: Counter[int] = field(default_factory=Counter)
    booked: int = 0
    cancelled: int = 0
    # Each 5xx or failed connection: what was asked and what the server answered, for the failure's message.
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())


def mixed_bookings(
    base_url: str,
    tokens: list[str],
    space_ids: list[int],
    *,
    seconds: float,
    days: int = DAYS_AHEAD,
    clients: int = 16,
) -> MixedResult:
    """``clients`` threads book random slots in the next ``days`` days (and cancel one of their own bookings now
    and then) until time is up."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    result = MixedResult(seconds=seconds)
    today = datetime.now(LOCAL).date()

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = Connection(base_url, tokens[number % len(tokens)])
        mine: list[int] = []
        while time.monotonic() < deadline:
            if mine and rng.random() < 0.1:
                path, payload = f"/api/v1/bookings/{mine.pop(rng.randrange(len(mine)))}/cancel/", {}
                kind = "cancelled"
            else:
                start = _at(
                    today + timedelta(days=rng.randint(2, days)), rng.randint(OPENS.hour, 19), rng.choice((0, 30))
                )
                end = start + timedelta(minutes=rng.choice((30, 60, 90, 120, 180)))
                path, payload = "/api/v1/bookings/", _booking(rng.choice(space_ids), start, end, "Mixed")
                kind = "booked"
            status, body = connection.post(path, payload)
            if status == 201:
                mine.append(body["id"])
            with lock:
                result.statuses[status] += 1
                if status >= 500 or status == 0:
                    result.errors.append(f"{status} for POST {path} {json.dumps(payload)}: {json.dumps(body)}")
                if status == 200 or (status == 201 and body.get("status") == "confirmed"):
                    setattr(result, kind, getattr(result, kind) + 1)
        connection.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    return result


def server_errors(statuses: Counter[int]) -> int:
    """5xx answers and failed connections (status 0)."""
    return sum(count for status, count in statuses.items() if status >= 500 or status == 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="simultaneous requests for one slot (500)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the mixed run (60)")
    parser.add_argument("--spaces", type=int, default=20, help="spaces of the mixed run (20)")
    parser.add_argument(
        "--days", type=int, default=DAYS_AHEAD, help=f"days ahead the mixed run books in ({DAYS_AHEAD})"
    )
    # A worker per core, each with a few threads: Python runs one thread of a process at a time, and 4 workers × 8
    # threads on 2 cores spent their time handing the interpreter lock around (172 bookings/s against 221 with 2 × 4
    # in the same minutes, docs/performance.md).
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers (one per core)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (4)")
    options = parser.parse_args()

    from bench._setup import django_on_bench_database

    # The same settings as the server, so that sessions and tokens made here are valid there.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django_on_bench_database()
    from bench.server import gunicorn

    space_ids, tokens = prepare(spaces=options.spaces, bookers=8)
    failures = []
    with gunicorn(
        database_url=os.environ["DATABASE_URL"],
        workers=options.workers,
        threads=options.threads,
        settings="bench.settings",
    ) as url:
        print(f"gunicorn: {options.workers} workers × {options.threads} threads at {url}")
        started = time.perf_counter()
        slot = fire_at_one_slot(url, tokens[0], space_ids[0], options.requests)
        took = time.perf_counter() - started
        print(f"\n{options.requests} simultaneous overlapping requests for one slot ({took:.1f} s):")
        for status, count in sorted(slot.items()):
            print(f"  {status or 'no answer'}: {count}")
        if slot != Counter({201: 1, 409: options.requests - 1}):
            failures.append(f"expected one 201 and {options.requests - 1} × 409, got {dict(slot)}")

        mixed = mixed_bookings(url, tokens, space_ids, seconds=options.seconds, days=options.days)
        print(
            f"\nmixed random bookings on {options.spaces} spaces over {options.days} days, 16 clients, "
            f"{mixed.seconds:.0f} s:"
        )
        for status, count in sorted(mixed.statuses.items()):
            print(f"  {status or 'no answer'}: {count}")
        per_second = mixed.requests / mixed.seconds, mixed.booked / mixed.seconds
        print("  throughput: {:.1f} requests/s, {:.1f} confirmed bookings/s (goal ≥ 200)".format(*per_second))
        print(f"  bookings made: {mixed.booked}, cancelled again: {mixed.cancelled}")
        if errors := server_errors(mixed.statuses):
            failures.append(f"{errors} server errors or failed connections in the mixed run")
            print("\n".join(["", *mixed.errors[:20], "", "the server's errors:", url.errors()]), file=sys.stderr)

    started = time.perf_counter()
    pairs = overlapping_holding_pairs()
    took = time.perf_counter() - started
    print(f"\noverlapping holding pairs in premises_booking (self-join with &&): {pairs} ({took:.1f} s)")
    if pairs:
        failures.append(f"{pairs} overlapping holding pairs")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    print("\nall checks passed" if not failures else "")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
