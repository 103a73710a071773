"""Mail is a task: written with the change, sent once by a worker, retried while the SMTP server is away."""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.core import services
from apps.core.models import OutgoingEmail
from apps.core.tasks import email_send_stale_task, email_send_task
from config.celery import app
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.smtp import SmtpServer
from tests.waiting import timed, wait_until


def _queue(key: str = "test:1") -> OutgoingEmail:
    return services.email_queue(key=key, subject="Hello", body="Body text", to=["aino@example.org"])


@pytest.mark.django_db
def test_the_same_event_queues_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue()
        second = _queue()

    assert first.pk == second.pk
    assert len(mail.outbox) == 1
    first.refresh_from_db()
    assert (first.status, first.attempts, first.sent_at is not None) == ("sent", 1, True)


@pytest.mark.django_db
def test_an_email_is_marked_failed_after_its_last_retry(smtp_settings, settings):
    # Given an e-mail and an SMTP port nobody listens on
    email = _queue()

    # When the last retry of its task fails too
    result = email_send_task.apply(args=[email.pk], retries=settings.SILTA_MAIL_MAX_RETRIES, throw=False)

    # Then it is marked failed with the reason, and nothing was sent
    assert result.failed()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.FAILED
    assert email.attempts == 1
    assert "Connection refused" in email.last_error
    assert email.sent_at is None


@pytest.mark.django_db
def test_the_sweep_leaves_recent_and_sent_emails_alone(settings, django_capture_on_commit_callbacks):
    settings.SILTA_MAIL_STALE_AFTER = 3600
    with django_capture_on_commit_callbacks(execute=True):
        _queue("test:sent")
    _queue("test:recent")  # its on_commit callback never runs: as if the broker had lost the task

    assert email_send_stale_task.apply().get() == 0
    settings.SILTA_MAIL_STALE_AFTER = 0
    assert email_send_stale_task.apply().get() == 1
    assert set(OutgoingEmail.objects.values_list("key", "status")) == {("test:sent", "sent"), ("test:recent", "sent")}


@contextmanager
def _broker_refused(port: int) -> Iterator[None]:
    """Celery publishes to a port nobody listens on until the block ends."""
    saved = app.conf.broker_url, app._pool, app.amqp._producer_pool
    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    app._pool = app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app._pool, app.amqp._producer_pool = saved


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_decision_made_with_the_broker_down_is_mailed_by_the_sweep(client_for, settings, caplog, unused_tcp_port):
    client = client_for(Role.PREMISES_MANAGER)
    manager = client.user
    space = SpaceFactory(owner_unit=manager.home_unit, approval_required=True)
    start = timezone.now() + timedelta(days=10)
    booking = BookingFactory(space=space, status="requested", period=DateTimeTZRange(start, start + timedelta(hours=2)))

    # Given Redis refuses connections, when the manager approves
    with _broker_refused(unused_tcp_port):
        response, answered_in = timed(
            lambda: client.post(reverse("premises:booking_decide", args=[booking.pk]), {"decision": "approve"})
        )

    # Then the page answers at once, the booking is confirmed and the e-mail waits in the database
    assert response.status_code == 302
    assert answered_in < 2
    booking.refresh_from_db()
    assert booking.status == "confirmed"
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.PENDING
    assert "the sweep sends it later" in caplog.text

    # And once Redis is back, the sweep queues it and a worker sends it
    settings.SILTA_MAIL_STALE_AFTER = 0
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        assert email_send_stale_task.apply().get() == 1
        wait_until(lambda: mail.outbox, 20, "the swept e-mail to be sent", every=0.05)
    assert [message.to for message in mail.outbox] == [[booking.booker.email]]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT


@pytest.mark.django_db
def test_the_admin_shows_failed_emails_with_their_error(admin_client):
    email = _queue()
    services.email_record_failure(email_id=email.pk, error="SMTPServerDisconnected()", give_up=True)

    listing = admin_client.get(reverse("admin:core_outgoingemail_changelist"), {"status": "failed"})
    detail = admin_client.get(reverse("admin:core_outgoingemail_change", args=[email.pk]))

    assert listing.status_code == detail.status_code == 200
    assert email.key in listing.content.decode()
    assert "SMTPServerDisconnected()" in detail.content.decode()


def test_mail_retries_are_bounded_and_each_wait_stays_below_the_visibility_timeout():
    # The production defaults (the test settings shorten the waits)
    from config.settings import base

    visibility_timeout = base.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    waits = [
        min(base.SILTA_MAIL_RETRY_BACKOFF * 2**n, base.SILTA_MAIL_RETRY_BACKOFF_MAX)
        for n in range(base.SILTA_MAIL_MAX_RETRIES)
    ]

    assert max(waits) == base.SILTA_MAIL_RETRY_BACKOFF_MAX < visibility_timeout
    assert 2 * 3600 <= sum(waits) <= 3 * 3600  # an SMTP outage of up to about 2.5 h loses no mail
    assert base.SILTA_MAIL_STALE_AFTER > base.SILTA_MAIL_RETRY_BACKOFF_MAX  # the sweep never races a retry
    assert email_send_task.max_retries is not None
    assert email_send_task.time_limit < visibility_timeout
    assert email_send_task.soft_time_limit > base.EMAIL_TIMEOUT


@pytest.mark.django_db(transaction=True)
def test_deliveries_of_one_email_at_the_same_instant_send_it_once(smtp_settings):
    # Given a waiting e-mail and a real SMTP server
    email = OutgoingEmail.objects.create(key="test:race", subject="Hello", body="Body", to=["aino@example.org"])
    start_together = threading.Barrier(8, timeout=30)

    def deliver(_: int) -> bool:
        try:
            start_together.wait()
            return email_send_task.apply(args=[email.pk]).get()
        finally:
            connection.close()

    # When 8 workers run its task at the same instant
    with SmtpServer(smtp_settings) as inbox, ThreadPoolExecutor(max_workers=8) as pool:
        sent = list(pool.map(deliver, range(8)))
        time.sleep(0.5)

    # Then one of them sent it, the others found it sent or being sent
    assert sorted(sent) == [False] * 7 + [True]
    assert len(inbox.messages) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 1)
