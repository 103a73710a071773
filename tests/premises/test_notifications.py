"""A premises manager is told of each new request for their spaces (a series as one); the booker of the decision."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.notifications.models import Channel, Notification
from apps.notifications.services import notification_setting_set
from apps.premises import services
from apps.premises.models import Recurrence
from tests.premises.factories import SpaceFactory, VenueFactory

pytestmark = pytest.mark.django_db

REQUESTED = "premises.booking_requested"


@pytest.fixture
def space(make_user):
    """A hall needing approval, with a city-wide manager of its unit (Finnish) and a manager of its venue (Swedish)."""
    unit_manager = make_user(Role.PREMISES_MANAGER, language="fi")
    hall = SpaceFactory(owner_unit=unit_manager.home_unit, venue=VenueFactory(), approval_required=True, name="Sali")
    venue_manager = make_user(language="sv")
    role_grant(by=None, user=venue_manager, role=Role.PREMISES_MANAGER, scope=hall.venue)
    hall.managers = [unit_manager, venue_manager]
    return hall


def _book(space, booker, start, end):
    return services.booking_create(space=space, by=booker, start=start, end=end, purpose="Rehearsal", attendees=10)


def test_each_manager_of_the_space_is_told_of_a_request_in_their_language(
    space, booker, make_user, monday, at, django_capture_on_commit_callbacks
):
    # Given a premises manager of another unit
    outsider = make_user(Role.PREMISES_MANAGER)

    # When someone requests the hall
    with django_capture_on_commit_callbacks(execute=True):
        _book(space, booker, at(monday, 10), at(monday, 12))

    # Then both of its managers are told, each in their language, and nobody else
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    unit_manager, venue_manager = space.managers
    assert subjects == {
        unit_manager.email: "Varauspyyntö odottaa päätöstäsi: Sali",
        venue_manager.email: "En bokningsförfrågan väntar på ditt beslut: Sali",
    }
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert "/premises/requests/" in mail.outbox[0].body


def test_a_manager_of_a_unit_above_the_owner_is_told_too(
    booker, make_user, monday, at, django_capture_on_commit_callbacks
):
    # given a space of Sello Library and a premises manager of Culture Services, two levels above it
    from tests.sectors.factories import unit_tree

    tree = unit_tree()
    above = make_user()
    role_grant(by=None, user=above, role=Role.PREMISES_MANAGER, scope=tree["services"])
    space = SpaceFactory(owner_unit=tree["sello"], approval_required=True)

    with django_capture_on_commit_callbacks(execute=True):
        _book(space, booker, at(monday, 10), at(monday, 12))

    assert Notification.objects.filter(recipient=above, kind=REQUESTED).count() == 1


def test_a_series_is_one_notification(space, booker, monday, at, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_series_create(
            space=space,
            by=booker,
            start=at(monday, 18),
            end=at(monday, 20),
            recurrence=Recurrence.WEEKLY,
            until=monday + timedelta(weeks=3),
            purpose="Choir",
            attendees=12,
        )

    assert Notification.objects.filter(kind=REQUESTED).count() == 2  # one per manager
    assert len(mail.outbox) == 2
    assert "4" in mail.outbox[0].subject
    assert len([line for line in mail.outbox[0].body.splitlines() if line.startswith("- ")]) == 4


def test_a_booking_confirmed_at_once_tells_no_manager(
    make_user, booker, monday, at, django_capture_on_commit_callbacks
):
    manager = make_user(Role.PREMISES_MANAGER)
    instant = SpaceFactory(owner_unit=manager.home_unit, approval_required=False)

    with django_capture_on_commit_callbacks(execute=True):
        _book(instant, booker, at(monday, 10), at(monday, 12))

    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_a_manager_who_switched_requests_off_is_not_told(space, booker, monday, at, django_capture_on_commit_callbacks):
    unit_manager, venue_manager = space.managers
    notification_setting_set(by=unit_manager, user=unit_manager, kind=REQUESTED, channel=Channel.OFF)
    notification_setting_set(by=venue_manager, user=venue_manager, kind=REQUESTED, channel=Channel.IN_APP)

    with django_capture_on_commit_callbacks(execute=True):
        _book(space, booker, at(monday, 10), at(monday, 12))

    assert mail.outbox == []
    assert list(Notification.objects.values_list("recipient", flat=True)) == [venue_manager.pk]


def test_the_booker_is_told_the_decision_once(space, booker, monday, at, django_capture_on_commit_callbacks):
    unit_manager, _venue_manager = space.managers
    booking = _book(space, booker, at(monday, 10), at(monday, 12))

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_approve(booking=booking, by=unit_manager)

    (told,) = Notification.objects.filter(recipient=booker)
    assert told.kind == "premises.booking_decided"
    assert [message.to for message in mail.outbox] == [[booker.email]]
