"""Notification mail through a real SMTP server and real workers: what arrives (recipients, language, both parts,
links), a stopped server (retries with back-off, nothing lost) and a worker killed in the middle of sending (the
mail goes once)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from email.header import decode_header, make_header
from email.message import Message
from urllib.parse import urlsplit

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.core.models import OutgoingEmail
from apps.core.tasks import email_send_stale_task, email_send_task
from apps.initiatives.notifications import initiative_reminders_send
from apps.notifications.models import Notification
from bench.server import database_url_of_this_process
from config.celery import app
from tests.notifications.conftest import links_in
from tests.smtp import HeldSmtpServer, SmtpServer
from tests.waiting import wait_until

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _worker():
    return start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10)


def _parts(message: Message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_payload(decode=True).decode(part.get_content_charset())
        for part in message.walk()
        if not part.is_multipart()
    }


def _header(message: Message, name: str) -> str:
    return str(make_header(decode_header(message[name])))


def test_a_reminder_arrives_in_the_recipients_language_with_both_parts_and_working_links(
    contact, stale_initiative, smtp_settings, client
):
    # Given a real SMTP server and worker, when the daily reminders run
    with SmtpServer(smtp_settings) as inbox, _worker():
        assert initiative_reminders_send() == 1
        (message,) = inbox.wait_for(1, timeout=30)

    # Then the contact got it, in Swedish, as plain text and HTML with the same links
    assert message["To"] == contact.email
    assert _header(message, "Subject") == "Går ”Läsvänner” fortfarande enligt plan?"
    assert message.get_content_type() == "multipart/alternative"
    parts = _parts(message)
    assert set(parts) == {"text/plain", "text/html"}
    text, html = parts["text/plain"], parts["text/html"]
    assert "Hej Britt Lind," in text
    assert '<html lang="sv">' in html
    text_links = links_in(text)
    assert {link for link in text_links if "/notifications/" in link} == {
        link for link in links_in(html.replace('"', " ").replace("href=", " ")) if "/notifications/" in link
    }
    # And every link opens a page: the three answers, the switch-off link, the settings (after the login)
    answers = [link for link in text_links if "/notifications/answer/" in link]
    switch_off = [link for link in text_links if "/notifications/off/" in link]
    assert len(answers) == 3 and len(switch_off) == 1
    assert urlsplit("".join(_header(message, "List-Unsubscribe").split()).strip("<>")).path == switch_off[0]
    assert all(client.get(link).status_code == 200 for link in [*answers, *switch_off])
    assert Notification.objects.get().email.status == OutgoingEmail.Status.SENT


def test_a_stopped_smtp_server_makes_the_task_retry_and_loses_nothing(contact, stale_initiative, smtp_settings):
    # Given nothing listens on the SMTP port
    with _worker():
        initiative_reminders_send()
        email = Notification.objects.get().email

        # When the worker tries, it is refused and tries again after a pause, keeping the mail
        wait_until(lambda: email.refresh_from_db() or email.attempts >= 2, 30, "two refused attempts")
        assert email.status == OutgoingEmail.Status.PENDING
        assert "Connection refused" in email.last_error
        first_retry_at = email.last_attempt_at

        # And once the server is up, a retry delivers it, once
        with SmtpServer(smtp_settings) as inbox:
            (message,) = inbox.wait_for(1, timeout=30)
            time.sleep(2)  # room for a duplicate to show up
            assert len(inbox.messages) == 1
    email.refresh_from_db()
    assert (email.status, message["Message-ID"]) == (OutgoingEmail.Status.SENT, email.message_id)
    assert email.sent_at > first_retry_at


def _start_worker_process(smtp_port: int) -> subprocess.Popen:
    """A real worker process on the test database, sending to ``smtp_port``, in its own process group."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.smtp_worker_settings",
        "DATABASE_URL": database_url_of_this_process(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "SILTA_TEST_SMTP_PORT": str(smtp_port),
    }
    return subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "config", "worker", "--concurrency=1", "--loglevel=WARNING"),
            *("--without-mingle", "--without-gossip", "-Q", settings.CELERY_TASK_DEFAULT_QUEUE),
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _lockable(email: OutgoingEmail) -> bool:
    """No other transaction (a killed worker's, until PostgreSQL notices) holds the e-mail's row."""
    with transaction.atomic():
        return OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email.pk).exists()


def test_a_worker_killed_in_the_middle_of_sending_does_not_send_twice(
    contact, stale_initiative, smtp_settings, settings
):
    with HeldSmtpServer(smtp_settings) as inbox:
        # Given a worker process in the middle of sending a reminder (the server keeps it waiting)
        worker = _start_worker_process(smtp_settings)
        try:
            initiative_reminders_send()
            wait_until(inbox.holding.is_set, 60, "the worker to start sending")
        finally:
            # When it is killed there
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        inbox.release()
        email = Notification.objects.get().email
        wait_until(lambda: _lockable(email), 30, "PostgreSQL to end the killed worker's transaction")
        email.refresh_from_db()
        assert email.status == OutgoingEmail.Status.PENDING

        # Then the sweep hands it to another worker, which sends it; a second delivery of the task (the broker
        # giving the killed one's again) and a second run of the reminders send nothing more
        settings.SILTA_MAIL_STALE_AFTER = 0
        with _worker():
            assert email_send_stale_task.apply().get() == 1
            inbox.wait_for(1, timeout=30)
            assert email_send_task.delay(email.pk).get(timeout=20) is False
            assert initiative_reminders_send() == 0
            time.sleep(1)  # room for a duplicate to show up
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["Message-ID"] == email.message_id
    assert Notification.objects.count() == OutgoingEmail.objects.count() == 1
    assert timezone.now() > email.created_at
