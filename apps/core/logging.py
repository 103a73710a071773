"""Log records that say who: refused and failed requests name the user (OWASP ASVS: when, where, who, what)."""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest
from django.utils.functional import LazyObject


class RequestUserFilter(logging.Filter):
    """Adds `` (user NAME)`` to ``django.request``'s records: Django logs every 4xx and 5xx answer there.

    It names only a user the request has already loaded: loading one reads the session and the user from the
    database, and with the database down that would fail inside logging, which Django does not catch (each layer
    of middleware then logged the failure again: thousands of lines and a bare 500 from gunicorn).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.who = f" (user {_loaded_username(request)})" if isinstance(request, HttpRequest) else ""
        return True


def _loaded_username(request: HttpRequest) -> str:
    """The user's name if the request knows it already, without a query; logging never raises."""
    try:
        user = vars(request).get("user")
        if isinstance(user, LazyObject):  # AuthenticationMiddleware's; loaded only once something asked for it
            user = vars(request).get("_cached_user")
        if user is None:
            return "unknown"
        return user.get_username() if user.is_authenticated else "anonymous"
    except Exception:  # a log line without a name is better than no log line
        return "unknown"


class DatabaseTroubleFilter(logging.Filter):
    """Shortens ``django.request``'s record of a 503 for database trouble to one line with the database's message.

    In an outage every request fails the same way (apps.core.views.server_error): a traceback each, 80 to 150
    lines through the middleware and DRF, would bury the log; the path, the user and PostgreSQL's own words
    ("connection refused", "canceling statement due to lock timeout") say what happened.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exception = record.exc_info[1] if record.exc_info else None
        if getattr(record, "status_code", None) == 503 and isinstance(exception, (OperationalError, InterfaceError)):
            summary = " ".join(str(exception).split())[:300]  # psycopg2's messages span lines, quote SQL
            record.msg = f"{record.msg} [{type(exception).__name__}: {summary.replace('%', '%%')}]"
            record.exc_info = None
            record.exc_text = None
        return True
