"""Retention of sign-in data: django-axes' records (the typed user name, address and browser of every attempt)
and expired sessions (which name their user), which Django leaves in the table until they are cleared."""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone


@transaction.atomic
def login_attempts_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Delete axes' attempts, sign-in log and failure log older than ``SILTA_LOGIN_ATTEMPT_RETENTION_DAYS``.

    Straight on axes' models rather than its handler's ``reset_logs(age_days=)``: that one keeps no age for
    ``AccessAttempt`` and counts whole days up to and including the limit; one cutoff for all three is clearer.
    An attempt that old lies far past any lock-out (``AXES_COOLOFF_TIME``), so no lock-out ends early.
    Returns how many rows of each went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.SILTA_LOGIN_ATTEMPT_RETENTION_DAYS)
    purged = {}
    for name, model in (("attempts", AccessAttempt), ("log", AccessLog), ("failures", AccessFailureLog)):
        _total, by_model = model.objects.filter(attempt_time__lt=cutoff).delete()  # an attempt takes its expiry along
        purged[name] = by_model.get(model._meta.label, 0)
    return purged


def sessions_clear_expired() -> None:
    """Remove the sessions past their expiry, as ``manage.py clearsessions`` does, through the configured session
    engine (a no-op for engines whose store expires them itself)."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
