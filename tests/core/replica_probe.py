"""Run by tests/core/test_replica.py in a process of its own, whose DATABASE_URL is a primary and
DATABASE_REPLICA_URL its streaming replica: it makes requests and prints, as JSON, where each one's reads ran.

``python -m tests.core.replica_probe up`` (the replica runs) or ``... down`` (the test stopped it).
The process is separate because Django fixes its databases when it starts, and the test's own database (the
machine's PostgreSQL) has no replica.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import django

django.setup()

from django.db import DatabaseError, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

setup_test_environment()  # as pytest-django does: the test client's host is allowed

from apps.accounts.roles import Role  # noqa: E402
from apps.accounts.services import role_grant  # noqa: E402
from apps.initiatives.models import Initiative  # noqa: E402
from apps.premises.models import Space  # noqa: E402
from tests.accounts.factories import UserFactory  # noqa: E402
from tests.initiatives.factories import InitiativeFactory  # noqa: E402
from tests.premises.factories import SpaceFactory  # noqa: E402


def _caught_up(timeout: float = 30) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        (lsn,) = cursor.fetchone()
    deadline = time.monotonic() + timeout
    while True:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            if cursor.fetchone()[0]:
                return
        if time.monotonic() > deadline:
            raise AssertionError("the replica did not catch up")
        time.sleep(0.05)


def _selects(context: CaptureQueriesContext) -> int:
    return sum(1 for query in context.captured_queries if query["sql"].lstrip().upper().startswith("SELECT"))


def _request(client: Client, method: str, path: str, **extra: Any) -> dict[str, Any]:
    """One request, with the number of SELECTs each database served for it."""
    with CaptureQueriesContext(connections["default"]) as primary:
        if "replica" in connections.settings and _replica_reachable():
            with CaptureQueriesContext(connections["replica"]) as replica:
                response = getattr(client, method)(path, **extra)
            replica_selects = _selects(replica)
        else:
            response = getattr(client, method)(path, **extra)
            replica_selects = 0
    return {
        "status": response.status_code,
        "primary_selects": _selects(primary),
        "primary_sql": [query["sql"][:300] for query in primary.captured_queries][:5],
        "replica_selects": replica_selects,
        "pinned": "silta_primary" in response.cookies,
        "shows_rename": b"Renamed on the primary" in response.content,
    }


def _replica_reachable() -> bool:
    try:
        connections["replica"].ensure_connection()
    except DatabaseError:
        return False
    return True


def up() -> dict[str, Any]:
    manager = UserFactory(username="replica-manager")
    for role in (Role.MANAGER, Role.OFFICIAL, Role.ADMIN):
        role_grant(by=None, user=manager, role=role)
    initiative = InitiativeFactory(title="Read on the replica")
    space = SpaceFactory()
    client = Client()
    client.force_login(manager)
    _caught_up()
    results: dict[str, Any] = {
        "list_page": _request(client, "get", "/initiatives/"),
        "dashboard": _request(client, "get", "/dashboards/"),
        "api_list": _request(client, "get", "/api/v1/initiatives/"),
        "booking_form": _request(client, "get", f"/premises/spaces/{space.pk}/book/"),
    }
    write = _request(
        client,
        "patch",
        f"/api/v1/initiatives/{initiative.pk}/",
        data={"title": "Renamed on the primary"},
        content_type="application/json",
    )
    results["write"] = write
    # The browser keeps the pin cookie: the page after the save reads the primary, and so shows the save.
    results["after_write"] = _request(client, "get", f"/initiatives/{initiative.pk}/")
    del client.cookies["silta_primary"]
    _caught_up()
    results["after_pin"] = _request(client, "get", f"/initiatives/{initiative.pk}/")
    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("UPDATE initiatives_initiative SET title = 'written on the replica'")
        results["replica_write"] = "accepted"
    except DatabaseError as error:
        results["replica_write"] = str(error).strip()
    results["title_on_primary"] = Initiative.objects.using("default").get(pk=initiative.pk).title
    results["space_on_replica"] = Space.objects.using("replica").filter(pk=space.pk).exists()
    return results


def down() -> dict[str, Any]:
    from apps.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="replica-manager"))
    return {
        "list_page": _request(client, "get", "/initiatives/"),
        "api_list": _request(client, "get", "/api/v1/initiatives/"),
    }


if __name__ == "__main__":
    phase = {"up": up, "down": down}[sys.argv[1]]
    print(json.dumps(phase()))
