"""The booker's sector is filled in for the bookings made before it was kept, as shared_space_use read it."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.migrations.executor import MigrationExecutor

from tests.accounts.factories import UserFactory
from tests.premises.factories import SpaceFactory
from tests.sectors.factories import UnitFactory

BEFORE = [("premises", "0007_historicalspace_external_id")]
AFTER = [("premises", "0008_booking_retention")]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_bookings_and_their_history_take_their_bookers_sector():
    # Given bookings of before, one by a booker with a home unit and one by a booker without (users and the space
    # made as they are now, before the premises tables go back: a space of now has columns added since)
    unit = UnitFactory()
    with_unit, without = UserFactory(home_unit=unit), UserFactory(home_unit=None)
    space = SpaceFactory(owner_unit=unit)
    old = _migrate(BEFORE)
    try:
        for booker, day in ((with_unit, 4), (without, 5)):
            period = DateTimeTZRange(datetime(2025, 3, day, 10, tzinfo=UTC), datetime(2025, 3, day, 11, tzinfo=UTC))
            fields = {"space_id": space.pk, "booker_id": booker.pk, "period": period, "held_period": period}
            booking = old.get_model("premises", "Booking").objects.create(purpose="x", attendees=1, **fields)
            old.get_model("premises", "HistoricalBooking").objects.create(
                id=booking.pk,
                purpose="x",
                attendees=1,
                created_at=booking.created_at,
                history_date=booking.created_at,
                history_type="+",
                **fields,
            )

        # When the migration keeps the booker's sector
        new = _migrate(AFTER)

        # Then each booking (and its history) has the sector of its booker's home unit, or none without one
        bookings = new.get_model("premises", "Booking").objects.filter(space_id=space.pk)
        history = new.get_model("premises", "HistoricalBooking").objects.filter(space_id=space.pk)
        expected = {(with_unit.pk, unit.sector_id), (without.pk, None)}
        assert set(bookings.values_list("booker_id", "booker_sector_id")) == expected
        assert set(history.values_list("booker_id", "booker_sector_id")) == expected
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
