"""Bookings that ended longer ago than their retention lose their booker and purpose, in their history too."""

from datetime import datetime, timedelta

import pytest
from django.db import IntegrityError
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from apps.premises import services
from apps.premises.models import Booking, BookingSeries, Recurrence
from apps.premises.tasks import bookings_anonymise_task
from tests.accounts.factories import UserFactory
from tests.premises.factories import BookingFactory, SpaceFactory

pytestmark = pytest.mark.django_db

RETENTION_DAYS = 30


@pytest.fixture
def cutoff(settings) -> datetime:
    settings.SILTA_BOOKING_RETENTION_DAYS = RETENTION_DAYS
    return timezone.now() - timedelta(days=RETENTION_DAYS)


def _ending(end: datetime, **fields) -> Booking:
    """A declined booking of two hours ending at ``end``, decided by a manager, changed once by its booker."""
    manager = UserFactory()
    booking = BookingFactory(
        period=DateTimeTZRange(end - timedelta(hours=2), end),
        status=Booking.Status.DECLINED,
        decided_by=manager,
        decided_at=end - timedelta(days=3),
        reason="Sorry Aino, the hall is taken.",
        **fields,
    )
    booking.attendees = 12
    booking._history_user = booking.booker
    booking.save()
    return booking


def _personal(booking: Booking) -> tuple:
    booking.refresh_from_db()
    return booking.booker_id, booking.purpose, booking.reason, booking.decided_by_id


def test_only_bookings_that_ended_before_the_retention_are_anonymised(cutoff):
    # Given a booking that ended a minute before the retention limit and one that ended a minute after it
    old = _ending(cutoff - timedelta(minutes=1))
    recent = _ending(cutoff + timedelta(minutes=1))
    sector, recent_personal = old.booker_sector_id, _personal(recent)

    # When the nightly task runs through Celery (twice: the second finds nothing)
    first, second = bookings_anonymise_task.apply().get(), bookings_anonymise_task.apply().get()

    # Then only the old one lost its booker, purpose, reason and decider; its time, status and sector stay
    assert first == {"bookings": 1, "series": 0}
    assert second == {"bookings": 0, "series": 0}
    assert _personal(old) == (None, "", "", None)
    assert old.anonymised_at is not None
    assert (old.status, old.attendees, old.booker_sector_id) == (Booking.Status.DECLINED, 12, sector)
    assert old.period.upper == cutoff - timedelta(minutes=1)
    assert _personal(recent) == recent_personal
    assert recent.anonymised_at is None


def test_the_history_of_an_anonymised_booking_is_anonymised_too(cutoff):
    # Given an old booking whose history names its booker (who changed it), its purpose and the decline reason
    old = _ending(cutoff - timedelta(days=1))
    recent = _ending(cutoff + timedelta(days=1))
    assert old.history.filter(history_user=old.booker).exists()

    # When the nightly task runs
    bookings_anonymise_task.apply().get()

    # Then none of the old booking's history rows holds them any more; the recent one's history is untouched
    rows = old.history.values_list("booker", "purpose", "reason", "decided_by", "history_user")
    assert len(rows) == 2
    assert set(rows) == {(None, "", "", None, None)}
    assert old.history.filter(attendees=12, booker_sector=old.booker_sector).exists()
    assert set(recent.history.values_list("booker", "history_user")) == {
        (recent.booker_id, None),
        (recent.booker_id, recent.booker_id),
    }


def _series(space, booker, ends: list[datetime]) -> BookingSeries:
    first = DateTimeTZRange(ends[0] - timedelta(hours=1), ends[0])
    series = BookingSeries.objects.create(
        space=space,
        booker=booker,
        recurrence=Recurrence.WEEKLY,
        first_period=first,
        until=timezone.localdate(ends[-1]),
        purpose="Choir of Aino's friends",
        attendees=8,
    )
    for end in ends:
        BookingFactory(
            space=space,
            booker=booker,
            series=series,
            purpose=series.purpose,
            period=DateTimeTZRange(end - timedelta(hours=1), end),
        )
    return series


def test_a_series_is_anonymised_once_all_its_occurrences_are(cutoff):
    # Given a series that ended weeks before the limit and one whose last occurrence is after it
    space, booker = SpaceFactory(), UserFactory()
    weeks = [timedelta(weeks=n) for n in range(3)]
    gone = _series(space, booker, [cutoff - timedelta(weeks=5) + week for week in weeks])
    running = _series(space, booker, [cutoff - timedelta(weeks=1, hours=2) + week for week in weeks])

    # When the nightly task runs
    result = bookings_anonymise_task.apply().get()

    # Then the ended series and the five old occurrences (three and two) are anonymised; the running series and
    # its last occurrence keep their booker
    assert result == {"bookings": 5, "series": 1}
    gone.refresh_from_db()
    running.refresh_from_db()
    assert (gone.booker_id, gone.purpose) == (None, "")
    assert set(gone.history.values_list("booker", "purpose", "history_user")) == {(None, "", None)}
    assert (running.booker_id, running.purpose, running.anonymised_at) == (booker.pk, "Choir of Aino's friends", None)
    assert running.occurrences.filter(booker=booker).count() == 1


def test_the_database_refuses_a_booking_without_a_booker_unless_anonymised():
    booking = BookingFactory(period=DateTimeTZRange(timezone.now(), timezone.now() + timedelta(hours=1)))

    with pytest.raises(IntegrityError):
        Booking.objects.filter(pk=booking.pk).update(booker=None)


def test_a_booking_keeps_the_sector_its_booker_worked_in_when_booking(booker, monday, at):
    # Given a booker of one sector who books a space
    booking = services.booking_create(
        by=booker, space=SpaceFactory(), start=at(monday, 10), end=at(monday, 11), purpose="Planning", attendees=3
    )

    # Then the booking records the sector of the booker's home unit
    assert booking.booker_sector_id == booker.home_unit.sector_id is not None
