"""Decision mail leaves through a Celery task: the page never waits for (or fails with) the SMTP server."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse

from apps.accounts.roles import Role
from apps.core.models import OutgoingEmail
from apps.core.tasks import email_send_task
from apps.premises.models import Booking
from config.celery import app
from tests.premises.factories import BookingFactory, SpaceFactory
from tests.smtp import SmtpServer
from tests.waiting import timed, wait_until

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def requested_booking(client, make_user, monday, at) -> Booking:
    """A booking waiting for the decision of the premises manager logged in to ``client``."""
    manager = make_user(Role.PREMISES_MANAGER)
    client.force_login(manager)
    space = SpaceFactory(owner_unit=manager.home_unit, approval_required=True)
    return BookingFactory(space=space, status="requested", period=DateTimeTZRange(at(monday, 10), at(monday, 12)))


def _worker():
    return start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10)


def test_approving_with_the_smtp_server_down_answers_at_once_and_the_mail_follows(
    client, requested_booking, smtp_settings
):
    # Given nothing listens on the SMTP port
    with _worker():
        # When the manager approves the booking
        response, answered_in = timed(
            lambda: client.post(
                reverse("premises:booking_decide", args=[requested_booking.pk]), {"decision": "approve"}
            )
        )

        # Then the page answers at once and the booking is confirmed
        assert response.status_code == 302
        assert answered_in < 1
        requested_booking.refresh_from_db()
        assert requested_booking.status == Booking.Status.CONFIRMED

        # And once the SMTP server comes up, the worker's retry delivers the mail, once
        email = OutgoingEmail.objects.get()
        wait_until(
            lambda: email.refresh_from_db() or email.attempts >= 1, 20, "the refused first attempt"
        )  # the refused first attempt
        assert email.status == OutgoingEmail.Status.PENDING
        assert "Connection refused" in email.last_error
        with SmtpServer(smtp_settings) as inbox:
            (message,) = inbox.wait_for(1, timeout=30)
            time.sleep(2)  # room for a duplicate to show up
            assert len(inbox.messages) == 1
    assert message["To"] == requested_booking.booker.email
    assert "approved" in message["Subject"]


def test_a_decision_mail_delivered_twice_is_sent_once(client, requested_booking, smtp_settings):
    # Given the approval's mail went out through a real worker and SMTP server
    with SmtpServer(smtp_settings) as inbox, _worker():
        client.post(reverse("premises:booking_decide", args=[requested_booking.pk]), {"decision": "approve"})
        inbox.wait_for(1, timeout=30)
        email = OutgoingEmail.objects.get(key=f"notifications:premises.booking_decision:{requested_booking.pk}")

        # When the broker delivers its task again
        again = email_send_task.delay(email.pk)

        # Then the second delivery sends nothing
        assert again.get(timeout=20) is False
        assert len(inbox.messages) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutgoingEmail.Status.SENT, 1)
    assert inbox.messages[0]["Message-ID"] == email.message_id
