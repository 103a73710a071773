"""django-axes' sign-in records are kept for SILTA_LOGIN_ATTEMPT_RETENTION_DAYS, then deleted nightly."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.utils import timezone

from apps.accounts.tasks import login_attempts_purge_task

pytestmark = pytest.mark.django_db


def _record(model, n: int, when, **fields):
    row = model.objects.create(
        username=f"aino{n}", ip_address="192.0.2.7", user_agent="Firefox", http_accept="*/*", path_info="/", **fields
    )
    model.objects.filter(pk=row.pk).update(attempt_time=when)  # attempt_time is auto_now_add
    return row.pk


def test_sign_in_records_are_purged_exactly_by_age(settings):
    # Given an attempt, a sign-in and a failure each a minute before and a minute after the retention limit
    settings.SILTA_LOGIN_ATTEMPT_RETENTION_DAYS = 90
    limit = timezone.now() - timedelta(days=90)
    kept = {}
    for n, when in enumerate((limit - timedelta(minutes=1), limit + timedelta(minutes=1))):
        kept[AccessAttempt] = _record(AccessAttempt, n, when, get_data="", post_data="", failures_since_start=3)
        kept[AccessLog] = _record(AccessLog, n, when)
        kept[AccessFailureLog] = _record(AccessFailureLog, n, when)

    # When the nightly task runs through Celery (twice: the second finds nothing)
    first, second = login_attempts_purge_task.apply().get(), login_attempts_purge_task.apply().get()

    # Then only the older row of each is gone
    assert first == {"attempts": 1, "log": 1, "failures": 1}
    assert second == {"attempts": 0, "log": 0, "failures": 0}
    for model, pk in kept.items():
        assert list(model.objects.values_list("pk", flat=True)) == [pk], model


def test_expired_sessions_are_cleared_and_live_ones_kept():
    # Given a session that expired a minute ago and one that expires in a minute
    now = timezone.now()
    for key, expires in (("expired", now - timedelta(minutes=1)), ("live", now + timedelta(minutes=1))):
        Session.objects.create(session_key=f"{key}-session", session_data="e30:", expire_date=expires)

    # When the nightly task runs
    login_attempts_purge_task.apply().get()

    # Then only the live session is left
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live-session"]
