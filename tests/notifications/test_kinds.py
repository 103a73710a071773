"""Every declared kind: its templates exist in every language with the switch-off link, and it can be switched off."""

from __future__ import annotations

import pytest
from django.core import mail

from apps.accounts.roles import Role
from apps.notifications import kinds, services
from apps.notifications.models import Channel, Notification
from tests.partners.factories import partner_account

pytestmark = pytest.mark.django_db

ALL_KINDS = [kind.code for kind in kinds.all_kinds()]
# The numbers the templates' plurals need; everything else may be missing here.
COUNTS = {"days": 3, "count": 2, "more": 0}


def test_every_app_declared_its_kinds():
    assert ALL_KINDS == [
        "dashboards.monthly_board_report",
        "dashboards.weekly_digest",
        "initiatives.outcome_missing",
        "initiatives.stale",
        "partner_requests.in_touch",
        "partners.membership_decided",
        "partners.membership_requested",
        "premises.booking_decided",
        "premises.booking_requested",
        "programmes.decision_review",
        "programmes.meeting_agenda",
        "pulse.invitation",
        "pulse.reminder",
    ]


@pytest.fixture
def everyone(make_user):
    """One person per language who is offered every kind."""
    return {
        language: make_user(Role.ADMIN, Role.MANAGER, Role.PREMISES_MANAGER, language=language)
        for language in ("fi", "sv", "en")
    }


def _offered(code: str, everyone: dict) -> dict:
    """``everyone``, or for a kind only partner accounts are offered (apps/partners) one partner per language."""
    if kinds.kind(code).offered_to(everyone["fi"]):
        return everyone
    return {language: partner_account(language=language) for language in everyone}


@pytest.mark.parametrize("code", ALL_KINDS)
def test_each_kind_mails_both_parts_with_its_switch_off_link_in_every_language(
    code, everyone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for language, user in _offered(code, everyone).items():
            services.notification_setting_set(by=user, user=user, kind=code, channel=Channel.EMAIL)
            services.notification_send(
                recipient=user, kind=code, key=f"test:{code}:{language}", context={**COUNTS, "booker": user}
            )

    subjects = {}
    for message in mail.outbox:
        (html, _mimetype) = message.alternatives[0]
        assert "/notifications/off/" in message.body and "/notifications/off/" in html
        subjects[message.to[0]] = message.subject
    assert len(set(subjects.values())) == 3, "the subject reads differently in fi, sv and en"


@pytest.mark.parametrize("code", ALL_KINDS)
def test_each_kind_can_be_switched_off(code, everyone, django_capture_on_commit_callbacks):
    user = _offered(code, everyone)["fi"]
    services.notification_setting_set(by=user, user=user, kind=code, channel=Channel.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        told = services.notification_send(recipient=user, kind=code, key=f"test:{code}", context=COUNTS)

    assert told is None
    assert not Notification.objects.exists()
    assert mail.outbox == []
