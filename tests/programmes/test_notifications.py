"""A programme lead is reminded of a meeting's agenda a week before it, once."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import formats, translation

from apps.accounts.roles import Role
from apps.notifications.models import Notification
from apps.programmes.notifications import meeting_agenda_reminders_send
from tests.programmes.factories import MeetingFactory, ProgrammeFactory
from tests.sectors.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


@pytest.fixture
def lead(make_user):
    user = make_user(Role.PROGRAMME_LEAD, language="sv")
    PersonFactory(user=user)
    return user


def test_the_lead_is_reminded_of_the_meetings_of_the_coming_week_once(lead, django_capture_on_commit_callbacks):
    # Given meetings of the lead's programme in 7 and 8 days and yesterday, and one of a lead without a login
    programme = ProgrammeFactory(name="Kultur och välfärd", lead=lead.person)
    MeetingFactory(programme=programme, title="Workshop", held_on=TODAY + timedelta(days=7))
    MeetingFactory(programme=programme, held_on=TODAY + timedelta(days=8))
    MeetingFactory(programme=programme, held_on=TODAY - timedelta(days=1))
    MeetingFactory(held_on=TODAY + timedelta(days=7))

    # When the daily run goes twice
    with django_capture_on_commit_callbacks(execute=True):
        sent = [meeting_agenda_reminders_send(today=TODAY), meeting_agenda_reminders_send(today=TODAY)]

    # Then the lead is reminded of the one a week away, once, in Swedish
    assert sent == [1, 0]
    (message,) = mail.outbox
    assert message.to == [lead.email]
    with translation.override("sv"):  # the date as Swedish is written (its format is the locale's)
        day = formats.date_format(TODAY + timedelta(days=7), "SHORT_DATE_FORMAT")
    assert message.subject == f"Föredragningslista för ”Workshop” {day}"
    assert "Kultur och välfärd" in message.body
    assert f"/programmes/{programme.pk}/" in message.body


def test_a_meeting_moved_to_another_day_is_reminded_again(lead, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(programme=ProgrammeFactory(lead=lead.person), held_on=TODAY + timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        meeting_agenda_reminders_send(today=TODAY)
        meeting.held_on = TODAY + timedelta(days=9)
        meeting.save()
        assert meeting_agenda_reminders_send(today=TODAY + timedelta(days=2)) == 1

    assert Notification.objects.filter(recipient=lead).count() == 2
