"""The bell, the notification list, the settings page and the mail's "switch this kind off" link."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from apps.accounts.roles import Role
from apps.notifications import kinds, services
from apps.notifications.models import Channel, Notification, NotificationSetting
from apps.notifications.selectors import UNSUBSCRIBE_SALT
from tests.clients import UserClient
from tests.premises.factories import SpaceFactory

pytestmark = pytest.mark.django_db

DECIDED = "premises.booking_decided"


def _tell(user, key: str) -> Notification:
    space = SpaceFactory(name="Sali")
    return services.notification_send(
        recipient=user,
        kind=DECIDED,
        key=key,
        subject=space,
        url=reverse("premises:my_bookings"),
        context={"space": space, "approved": True, "reason": "", "times": []},
    )


def test_the_bell_says_how_many_are_unread_and_the_list_shows_them(make_user):
    # Given an English-speaking official with two notifications
    user = make_user(Role.OFFICIAL, language="en")
    client = UserClient(user, HTTP_ACCEPT_LANGUAGE="en")
    _tell(user, "test:1")
    _tell(user, "test:2")

    # When any page is opened
    page = client.get(reverse("notifications:list")).content.decode()

    # Then the header's bell names the count for screen readers and links to the list, which shows both
    assert "Notifications, 2 unread" in page
    assert f'href="{reverse("notifications:list")}"' in page
    assert page.count('<a href="/premises/my/">Your booking of Sali was approved</a>') == 2


def test_marking_read_empties_the_bell(make_user):
    user = make_user(Role.OFFICIAL, language="en")
    client = UserClient(user, HTTP_ACCEPT_LANGUAGE="en")
    first = _tell(user, "test:1")
    _tell(user, "test:2")

    client.post(reverse("notifications:read", args=[first.pk]))
    assert "Notifications, 1 unread" in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:read_all"))
    assert "Notifications, 0 unread" in client.get(reverse("notifications:list")).content.decode()


def test_nobody_marks_someone_elses_notification(make_user):
    theirs = _tell(make_user(Role.OFFICIAL), "test:1")

    response = UserClient(make_user(Role.OFFICIAL)).post(reverse("notifications:read", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_settings_page_offers_a_manager_the_digest_day_and_saves_choices(make_user):
    # Given a manager (who may subscribe to the weekly digest)
    manager = make_user(Role.MANAGER, language="en")
    client = UserClient(manager, HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Weekly digest" in page and "Monthly board report" in page
    assert "New booking requests" not in page  # a manager decides on no bookings

    # When they subscribe for Thursdays and want decisions only in the app
    response = client.post(
        reverse("notifications:settings"),
        {
            "channel_dashboards.weekly_digest": Channel.EMAIL,
            "weekday_dashboards.weekly_digest": "3",
            "channel_dashboards.monthly_board_report": Channel.EMAIL,
            "channel_premises.booking_decided": Channel.IN_APP,
            "channel_initiatives.stale": Channel.EMAIL,
            "channel_initiatives.outcome_missing": Channel.OFF,
            "channel_programmes.meeting_agenda": Channel.EMAIL,
            "channel_programmes.decision_review": Channel.EMAIL,
            "channel_partner_requests.in_touch": Channel.EMAIL,
            "channel_pulse.invitation": Channel.EMAIL,
            "channel_pulse.reminder": Channel.IN_APP,
        },
    )

    # Then the choices are kept
    assert response.status_code == 302
    chosen = dict(NotificationSetting.objects.filter(user=manager).values_list("kind", "channel"))
    assert chosen["dashboards.weekly_digest"] == Channel.EMAIL
    assert chosen["dashboards.monthly_board_report"] == Channel.EMAIL
    assert chosen["premises.booking_decided"] == Channel.IN_APP
    assert chosen["initiatives.outcome_missing"] == Channel.OFF
    assert chosen["pulse.reminder"] == Channel.IN_APP
    assert NotificationSetting.objects.get(user=manager, kind="dashboards.weekly_digest").weekday == 3


def test_a_refused_settings_form_says_what_is_wrong(make_user):
    client = UserClient(make_user(Role.OFFICIAL))

    response = client.post(reverse("notifications:settings"), {"channel_initiatives.stale": "loud"})

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode() or "errorlist" in response.content.decode()
    assert not NotificationSetting.objects.exists()


def test_the_pages_need_a_login():
    response = Client().get(reverse("notifications:settings"))

    assert response.status_code == 302
    assert reverse("login") in response.url


def _unsubscribe_link(user, kind: str) -> str:
    return services.unsubscribe_link(user, kinds.kind(kind))


def test_the_mails_switch_off_link_asks_then_switches_off(make_user):
    # Given the "switch this kind off" link of a mail, opened without a login
    user = make_user(Role.OFFICIAL)
    link = _unsubscribe_link(user, DECIDED)
    client = Client()

    # When it is opened, it only asks
    page = client.get(link)
    assert page.status_code == 200
    assert not NotificationSetting.objects.exists()

    # And when confirmed, the kind is off: nothing more of it is told
    assert client.post(link).status_code == 200
    assert NotificationSetting.objects.get(user=user, kind=DECIDED).channel == Channel.OFF
    assert _tell(user, "test:after") is None


def test_a_changed_switch_off_link_is_refused(make_user):
    user, other = make_user(Role.OFFICIAL), make_user(Role.OFFICIAL)
    forged = reverse(
        "notifications:unsubscribe", args=[signing.dumps([other.pk, DECIDED], salt="not-" + UNSUBSCRIBE_SALT)]
    )
    path = urlsplit(_unsubscribe_link(user, DECIDED)).path
    tampered = path[:-2] + ("A" if path[-2] != "A" else "B") + "/"

    for link in (forged, tampered):
        assert Client().post(link).status_code == 400
    assert not NotificationSetting.objects.exists()


def test_a_mail_programs_unsubscribe_button_switches_the_kind_off(make_user, django_capture_on_commit_callbacks):
    # Given a mail with its List-Unsubscribe header
    user = make_user(Role.OFFICIAL)
    with django_capture_on_commit_callbacks(execute=True):
        _tell(user, "test:1")
    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link == _unsubscribe_link(user, DECIDED)

    # When the mail program POSTs to it as RFC 8058 says (no form, no CSRF token)
    response = Client(enforce_csrf_checks=True).post(link, {"List-Unsubscribe": "One-Click"})

    # Then the kind is off
    assert response.status_code == 200
    assert NotificationSetting.objects.get(user=user, kind=DECIDED).channel == Channel.OFF
