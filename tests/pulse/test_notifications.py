"""The invitation and the one reminder: by the notification machinery for people with a login (in their
language), by the outbox for the others, and the reminder to those who have not answered only."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core import mail
from django.utils import timezone

from apps.accounts.roles import Role
from apps.notifications.models import Notification
from apps.pulse import services
from tests.pulse.conftest import link_of

pytestmark = pytest.mark.django_db

DURING = timezone.make_aware(datetime(2026, 5, 10, 12))


def test_a_contact_person_with_a_login_is_told_in_their_language_and_in_the_app(
    city, open_round, make_user, django_capture_on_commit_callbacks
):
    # Given Eero has a login in Swedish
    eero = make_user(Role.OFFICIAL, language="sv", email="eero.login@example.org")
    city.eero.user = eero
    city.eero.save()

    with django_capture_on_commit_callbacks(execute=True):
        open_round(title="Vår 2026")

    (message,) = [message for message in mail.outbox if message.to == ["eero.login@example.org"]]
    assert "Vår 2026" in message.subject and message.subject.startswith("Hur gick samarbetet")
    assert "/notifications/off/" in message.body  # the kind can be switched off, like any
    assert Notification.objects.get(recipient=eero).kind == "pulse.invitation"


def test_a_contact_person_without_a_login_is_mailed_in_the_first_language_silta_speaks(
    city, open_round, django_capture_on_commit_callbacks
):
    city.saara.languages = ["ar", "fi"]
    city.saara.save()
    with django_capture_on_commit_callbacks(execute=True):
        open_round(title="Kevät 2026")

    (message,) = [message for message in mail.outbox if message.to == ["saara@example.org"]]
    assert message.subject.startswith("Miten yhteistyö sujui")
    assert "/pulse/answer/" in message.body


def test_the_one_reminder_goes_three_days_before_closing_to_those_who_have_not_answered(
    city, open_round, django_capture_on_commit_callbacks
):
    # Given a round closing on 20 May that Aino and Bertta answered
    with django_capture_on_commit_callbacks(execute=True):
        pulse_round = open_round()
    for person, unit in ((city.aino, city.education_a), (city.bertta, city.education_b)):
        services.pulse_answers_save(signed=link_of(pulse_round, person), ratings={unit.pk: {"mission": 3}}, now=DURING)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        # When the daily run goes four days before, then three days before (twice), then two days before
        sent = [
            services.pulse_reminders_send(today=date(2026, 5, 16)),
            services.pulse_reminders_send(today=date(2026, 5, 17)),
            services.pulse_reminders_send(today=date(2026, 5, 17)),
            services.pulse_reminders_send(today=date(2026, 5, 18)),
        ]

    # Then the three who have not answered are reminded, once
    assert sent == [0, 3, 0, 0]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "eero@example.org",
        "emil@example.org",
        "saara@example.org",
    ]
    assert all(message.subject.startswith("Muistutus") for message in mail.outbox)  # their language: Finnish


def test_a_closed_round_reminds_nobody(city, open_round, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pulse_round = open_round()
    services.pulse_round_close(pulse_round=pulse_round, now=DURING)
    assert services.pulse_reminders_send(today=date(2026, 5, 17)) == 0
