"""Spaces, their booking rules, who may book them, opening hours and exceptions, and venues keep their history."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from zeal import zeal_context

from apps.accounts.roles import Role
from apps.premises import selectors, services
from apps.premises.models import OpeningException, OpeningHours, Space, Venue
from tests.premises.factories import SpaceFactory, VenueFactory
from tests.sectors.factories import SectorFactory

pytestmark = pytest.mark.django_db


def _changes(entries) -> set[tuple[str, str, str]]:
    return {(change.field, str(change.old), str(change.new)) for entry in entries for change in entry.changes}


@pytest.fixture
def manager_and_space(make_user):
    manager = make_user(Role.PREMISES_MANAGER, first_name="Maija", last_name="Manager")
    return manager, SpaceFactory(owner_unit=manager.home_unit, hours=[(0, time(8), time(16))])


def test_a_space_keeps_its_rules_and_allowed_sectors_in_history_with_the_manager(manager_and_space):
    # Given a space (created before: its history starts with the creation)
    manager, space = manager_and_space
    culture = SectorFactory(name="Culture")

    # When its manager changes a rule and who may book it
    services.space_update(by=manager, space=space, buffer=timedelta(minutes=15), allowed_sectors=[culture])

    # Then the history names the manager and each change from → to
    entries = selectors.space_history(space)
    changes = _changes(entries)
    assert ("buffer between bookings", "0:00:00", "0:15:00") in changes
    assert ("sectors allowed to book", "-", "Culture") in changes
    assert all(entry.who == manager for entry in entries if entry.changes)
    assert {record.history_type for record in Space.history.filter(id=space.pk)} == {"+", "~"}


def test_opening_hours_and_exceptions_keep_their_history(manager_and_space):
    manager, space = manager_and_space
    day = date.today() + timedelta(days=30)

    services.space_opening_hours_set(by=manager, space=space, periods=[(0, time(8), time(16)), (1, time(9), time(17))])
    services.space_opening_hours_set(by=manager, space=space, periods=[(1, time(9), time(17))])
    services.opening_exception_set(by=manager, space=space, day=day, opens=None, closes=None, reason="Holiday")
    services.opening_exception_set(by=manager, space=space, day=day, opens=time(10), closes=time(14), reason="Short")

    # The unchanged Monday was kept by the first call (the factory wrote it without history), then removed by the
    # manager; Tuesday was added once and kept by the second call
    monday = OpeningHours.history.filter(space_id=space.pk, weekday=0)
    assert [(record.history_type, record.history_user) for record in monday] == [("-", manager)]
    tuesday = OpeningHours.history.filter(space_id=space.pk, weekday=1)
    assert [(record.history_type, record.history_user) for record in tuesday] == [("+", manager)]
    changes = _changes(selectors.space_history(space))
    assert ("opens", "None", "10:00:00") in changes
    assert ("reason [en]", "Holiday", "Short") in changes
    record = OpeningException.history.filter(space_id=space.pk).latest("history_id")
    assert record.reason_en == "Short"


def test_the_space_page_shows_the_history_to_its_managers_only(manager_and_space, client_for):
    manager, space = manager_and_space
    for minutes in (5, 10, 15, 20):
        services.space_update(by=manager, space=space, buffer=timedelta(minutes=minutes))
    manager_client = client_for(Role.PREMISES_MANAGER, home_unit=manager.home_unit)
    official_client = client_for(Role.OFFICIAL)

    with zeal_context():
        page = manager_client.get(reverse("premises:space_detail", args=[space.pk]))
    other = official_client.get(reverse("premises:space_detail", args=[space.pk]))

    assert len(page.context["history"]) >= 5
    assert "Maija Manager" in page.content.decode()
    assert other.status_code == 200 and other.context["history"] is None
    assert 'id="history"' not in other.content.decode()


def test_a_venue_changed_in_the_admin_keeps_its_history_with_the_admin(admin_client):
    venue = VenueFactory(name="Old hall")
    data = {"name_en": "New hall", "name_fi": "", "name_sv": "Uusi sali", "address": venue.address}
    data |= {"description_en": "", "description_fi": "", "description_sv": "", "accessibility_notes": ""}

    response = admin_client.post(reverse("admin:premises_venue_change", args=[venue.pk]), data)
    history_page = admin_client.get(reverse("admin:premises_venue_history", args=[venue.pk]))

    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    latest = Venue.history.filter(id=venue.pk).latest("history_id")
    assert latest.name_sv == "Uusi sali" and latest.name_en == "New hall"
    assert latest.history_user.is_superuser
    assert history_page.status_code == 200
