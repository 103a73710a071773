"""Reminders to the contact persons of initiatives: not updated for SILTA_STALE_AFTER_DAYS, or completed without an
outcome. Each once: again only after a change and a full period, or a further period without one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.roles import Role
from apps.initiatives.models import Initiative
from apps.initiatives.notifications import initiative_reminders_send
from apps.initiatives.tasks import initiative_reminders_task
from apps.notifications.models import Channel, Notification
from apps.notifications.services import notification_setting_set
from tests.initiatives.factories import InitiativeFactory, OutcomeFactory
from tests.sectors.factories import PersonFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def contact(make_user):
    user = make_user(Role.OFFICIAL, language="fi")
    PersonFactory(user=user)
    return user


def _stale(contact, days=130, **fields):
    return InitiativeFactory(contact_persons=[contact.person], updated_at=timezone.now() - days * DAY, **fields)


def _run(capture, now=None):
    with capture(execute=True):
        return initiative_reminders_send(now=now)


def test_only_contacts_with_a_login_of_stale_open_initiatives_are_reminded(
    contact, make_user, django_capture_on_commit_callbacks
):
    # Given a stale initiative with two contacts (one without a login), a recent one and a stale completed one
    stale = _stale(contact, title="Lukupiiri")
    stale.contact_persons.add(PersonFactory(email="no-login@example.org"))
    _stale(contact, days=100)
    _stale(contact, status=Initiative.Status.DISCONTINUED)
    other = make_user(Role.OFFICIAL)

    # When the daily run goes
    sent = _run(django_capture_on_commit_callbacks)

    # Then the contact with a login is asked about the stale open one, in Finnish, and nobody else is told
    assert sent == 1
    (message,) = mail.outbox
    assert message.to == [contact.email]
    assert message.subject == "Eteneekö ”Lukupiiri” yhä suunnitellusti?"
    assert "Etenee yhä suunnitellusti: http" in message.body
    assert f"/initiatives/{stale.pk}/edit/#rows-outcomes" in message.body
    assert not Notification.objects.filter(recipient=other).exists()


def test_a_reminder_comes_once_then_again_after_a_further_period_or_a_change(
    contact, settings, django_capture_on_commit_callbacks
):
    settings.SILTA_STALE_AFTER_DAYS = 120
    initiative = _stale(contact)
    now = timezone.now()

    # Given the first reminder, the daily runs that follow send nothing
    assert _run(django_capture_on_commit_callbacks, now) == 1
    assert _run(django_capture_on_commit_callbacks, now + DAY) == 0
    assert _run(django_capture_on_commit_callbacks, now + 100 * DAY) == 0
    # When a further period passes without a change, it comes once more
    assert _run(django_capture_on_commit_callbacks, now + 111 * DAY) == 1
    assert _run(django_capture_on_commit_callbacks, now + 112 * DAY) == 0
    # And after a change the clock starts again: nothing until a full period without one
    Initiative.objects.filter(pk=initiative.pk).update(updated_at=now + 112 * DAY)
    assert _run(django_capture_on_commit_callbacks, now + 200 * DAY) == 0
    assert _run(django_capture_on_commit_callbacks, now + 233 * DAY) == 1
    assert len(mail.outbox) == 3


def test_the_period_is_a_setting(contact, settings, django_capture_on_commit_callbacks):
    _stale(contact, days=40)

    assert _run(django_capture_on_commit_callbacks) == 0
    settings.SILTA_STALE_AFTER_DAYS = 30
    assert _run(django_capture_on_commit_callbacks) == 1


def test_a_contact_who_switched_reminders_off_is_not_reminded(contact, django_capture_on_commit_callbacks):
    _stale(contact)
    notification_setting_set(by=contact, user=contact, kind="initiatives.stale", channel=Channel.OFF)

    assert _run(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_contacts_of_a_completed_initiative_without_an_outcome_are_asked_for_one_once(
    contact, django_capture_on_commit_callbacks
):
    # Given a completed initiative without an outcome and one with
    without = InitiativeFactory(title="Kuoro", status=Initiative.Status.COMPLETED, contact_persons=[contact.person])
    with_outcome = InitiativeFactory(status=Initiative.Status.COMPLETED, contact_persons=[contact.person])
    OutcomeFactory(initiative=with_outcome)

    # When the daily task runs twice
    with django_capture_on_commit_callbacks(execute=True):
        first = initiative_reminders_task.apply().get()
        second = initiative_reminders_task.apply().get()

    # Then the contact is asked once, about the one without
    assert (first, second) == (1, 0)
    (message,) = mail.outbox
    assert message.subject == "Mitä ”Kuoro” saavutti? Lisää tulos"
    assert f"/initiatives/{without.pk}/edit/#rows-outcomes" in message.body
