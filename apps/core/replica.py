"""Reads on a read replica: pages and API reads of GET requests, while writes and read-your-own-writes stay on the
primary.

With ``DATABASE_REPLICA_URL`` set, the settings add the database alias ``replica`` (a PostgreSQL streaming
replica, read-only) and this module decides, per request, where the ORM's reads go:

- only a GET or HEAD request reads from the replica, and only inside its view (``ReplicaReadsMiddleware``);
- not for a short while after the same browser wrote something (``SILTA_REPLICA_PIN_SECONDS``, a cookie set on the
  answer to every POST, PUT, PATCH and DELETE), so the page after a save shows the save despite replication lag;
- not in views marked ``@primary_reads`` (the booking flow, whose forms must see the latest bookings);
- never inside a transaction (``transaction.atomic``, which every service opens): a write's own reads, and its
  ``select_for_update``, run on the primary; so does everything outside a request (Celery tasks, commands);
- not while the replica is unreachable: the request reads from the primary, a log line says so, and the replica
  is tried again after ``SILTA_REPLICA_RETRY_SECONDS``.

Everything written goes to the primary (``ReplicaRouter.db_for_write``); migrations run only there.

Why not django-multidb-router: its routers send every read outside a request to a replica, Celery's and the
management commands' included, and have no fallback when the replica is down; Silta's default is the primary and a
request opts in. https://docs.djangoproject.com/en/5.2/topics/db/multi-db/#automatic-database-routing
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponseBase

REPLICA = "replica"
PIN_COOKIE = "silta_primary"
SAFE_METHODS = frozenset({"GET", "HEAD"})

logger = logging.getLogger(__name__)

# The alias this request's view reads from, or None (the primary); one value per thread and per task.
_reads_from: ContextVar[str | None] = ContextVar("silta_reads_from", default=None)
# Until when (time.monotonic) the replica counts as down in this process, after a failed connection.
_replica_down_until = 0.0

View = TypeVar("View", bound=Callable[..., Any])


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def primary_reads(view: View) -> View:
    """Mark a view (a function, or a class-based view's class) whose reads must see the latest writes."""
    view.primary_reads = True  # type: ignore[attr-defined]
    return view


def _wants_primary(view_func: Callable[..., Any]) -> bool:
    # A class-based view arrives as the function as_view() made: Django keeps its class as view_class, DRF as cls.
    owners = (view_func, getattr(view_func, "view_class", None), getattr(view_func, "cls", None))
    return any(getattr(owner, "primary_reads", False) for owner in owners if owner is not None)


def replica_available() -> bool:
    """Whether the replica answers now; after a failure the primary serves reads for a while, with one log line."""
    global _replica_down_until  # one verdict per process: every thread's requests share it
    if time.monotonic() < _replica_down_until:
        return False
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + settings.SILTA_REPLICA_RETRY_SECONDS
        logger.warning(
            "The read replica is unavailable (%s); reads go to the primary for %s s.",
            str(error).strip() or type(error).__name__,
            settings.SILTA_REPLICA_RETRY_SECONDS,
        )
        return False
    return True


def reading_connection() -> BaseDatabaseWrapper:
    """The connection a raw SQL read runs on: the router's choice (``connection`` alone is always the primary)."""
    return connections[ReplicaRouter().db_for_read(None)]


class ReplicaRouter:
    """Reads where the request's view said (``_reads_from``), else on the primary; writes always on the primary."""

    def db_for_read(self, model: type | None, **hints: Any) -> str:
        alias = _reads_from.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        instance = hints.get("instance")
        if instance is not None and instance._state.db == DEFAULT_DB_ALIAS:
            return DEFAULT_DB_ALIAS  # related rows of a row read on the primary come from the primary too
        return alias

    def db_for_write(self, model: type | None, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows: a row read on either may refer to the other's

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Send a GET's view reads to the replica (see the module's rules); pin a browser to the primary after a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            response = self.get_response(request)
        finally:
            if token := getattr(request, "_silta_reads_token", None):
                _reads_from.reset(token)
        if request.method not in SAFE_METHODS and replica_configured():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.SILTA_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> None:
        if (
            replica_configured()
            and request.method in SAFE_METHODS
            and PIN_COOKIE not in request.COOKIES
            and not _wants_primary(view_func)
            and replica_available()
        ):
            request._silta_reads_token = _reads_from.set(REPLICA)  # type: ignore[attr-defined]
