"""Telling a person: once per event, in their language, in the app and by e-mail as they chose."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.roles import Role
from apps.notifications import services
from apps.notifications.models import Channel, Notification
from apps.notifications.selectors import notifications_unread_for
from tests.premises.factories import SpaceFactory

pytestmark = pytest.mark.django_db

DECIDED = "premises.booking_decided"


def _send(user, space, key="test:1", **kwargs):
    return services.notification_send(
        recipient=user,
        kind=DECIDED,
        key=key,
        subject=space,
        url=reverse("premises:my_bookings"),
        context={"space": space, "approved": True, "reason": "", "times": []},
        **kwargs,
    )


def test_the_same_event_tells_a_person_once(make_user, django_capture_on_commit_callbacks):
    # Given a booker
    booker = make_user(Role.OFFICIAL)
    space = SpaceFactory()

    # When the same event is sent twice
    with django_capture_on_commit_callbacks(execute=True):
        first = _send(booker, space)
        second = _send(booker, space)

    # Then there is one notification and one e-mail, with a plain-text and an HTML part
    assert first is not None and second is None
    assert Notification.objects.filter(recipient=booker).count() == 1
    assert notifications_unread_for(booker) == 1
    (message,) = mail.outbox
    assert message.to == [booker.email]
    assert [mimetype for _, mimetype in message.alternatives] == ["text/html"]
    assert "http://localhost:8000/premises/my/" in message.body
    assert "/premises/my/" in message.alternatives[0][0]


def test_the_mail_is_in_the_recipients_language(make_user, django_capture_on_commit_callbacks):
    # Given a Finnish-speaking and a Swedish-speaking booker
    finn, swede = make_user(Role.OFFICIAL, language="fi"), make_user(Role.OFFICIAL, language="sv")

    # When each is told of an approval
    with django_capture_on_commit_callbacks(execute=True):
        for user in (finn, swede):
            _send(user, SpaceFactory(name="Sali"), key=f"test:{user.pk}")

    # Then each reads it in their own language, in the app and in the mail
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert by_recipient[finn.email].subject == "Varauksesi tilaan Sali hyväksyttiin"
    assert by_recipient[swede.email].subject == "Din bokning av Sali godkändes"
    assert Notification.objects.get(recipient=swede).title == "Din bokning av Sali godkändes"
    assert "Hej" in by_recipient[swede.email].body


def test_only_in_the_app_writes_no_mail_and_off_tells_nothing(make_user, django_capture_on_commit_callbacks):
    in_app, off = make_user(Role.OFFICIAL), make_user(Role.OFFICIAL)
    services.notification_setting_set(by=in_app, user=in_app, kind=DECIDED, channel=Channel.IN_APP)
    services.notification_setting_set(by=off, user=off, kind=DECIDED, channel=Channel.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        told = _send(in_app, SpaceFactory(), key="test:in-app")
        silent = _send(off, SpaceFactory(), key="test:off")

    assert told is not None and told.email is None
    assert silent is None
    assert not Notification.objects.filter(recipient=off).exists()
    assert mail.outbox == []


def test_nobody_changes_another_persons_settings(make_user):
    from apps.core.exceptions import NotAllowed

    aino, britt = make_user(Role.OFFICIAL), make_user(Role.OFFICIAL)

    with pytest.raises(NotAllowed):
        services.notification_setting_set(by=aino, user=britt, kind=DECIDED, channel=Channel.OFF)


def test_marking_read_counts_down_the_bell(make_user):
    booker = make_user(Role.OFFICIAL)
    first = _send(booker, SpaceFactory(), key="test:a")
    _send(booker, SpaceFactory(), key="test:b")

    services.notification_mark_read(by=booker, notification=first)
    assert notifications_unread_for(booker) == 1
    services.notification_mark_read(by=booker)
    assert notifications_unread_for(booker) == 0
