"""The weekly digest: off unless a manager subscribes, then on the weekday they chose, once a week."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.roles import Role
from apps.dashboards.notifications import weekly_digest_send
from apps.dashboards.tasks import weekly_digest_task
from apps.notifications.models import Channel
from apps.notifications.services import notification_setting_set
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

THURSDAY = timezone.make_aware(datetime(2026, 3, 5, 7, 45))


def test_only_subscribers_get_the_digest_on_their_day_once_a_week(make_user, django_capture_on_commit_callbacks):
    # Given a manager subscribed for Thursdays, one for Mondays and one who never subscribed
    thursday, monday, _never = (make_user(Role.MANAGER, language="en") for _ in range(3))
    notification_setting_set(
        by=thursday, user=thursday, kind="dashboards.weekly_digest", channel=Channel.EMAIL, weekday=3
    )
    notification_setting_set(by=monday, user=monday, kind="dashboards.weekly_digest", channel=Channel.EMAIL, weekday=0)
    InitiativeFactory(title="Reading buddies", created_at=THURSDAY - timedelta(days=2))
    InitiativeFactory(title="Too old", created_at=THURSDAY - timedelta(days=9))

    # When the daily job runs on Thursday, twice, and on Friday
    with django_capture_on_commit_callbacks(execute=True):
        sent = [
            weekly_digest_send(now=THURSDAY),
            weekly_digest_send(now=THURSDAY),
            weekly_digest_send(now=THURSDAY + timedelta(days=1)),
        ]

    # Then only the Thursday subscriber got it, once, with the week's new initiative
    assert sent == [1, 0, 0]
    (message,) = mail.outbox
    assert message.to == [thursday.email]
    assert "- new initiatives: 1" in message.body
    assert "Reading buddies" in message.body
    assert "Too old" not in message.body


def test_the_digest_is_not_for_those_who_do_not_read_dashboards(make_user):
    official = make_user(Role.OFFICIAL)
    notification_setting_set(
        by=official, user=official, kind="dashboards.weekly_digest", channel=Channel.EMAIL, weekday=3
    )

    assert weekly_digest_send(now=THURSDAY) == 0
    assert weekly_digest_task.name == "dashboards.weekly_digest_task"
