from datetime import time, timedelta

import factory
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from apps.premises.models import Booking, OpeningHours, Space, Venue
from tests.accounts.factories import UserFactory
from tests.sectors.factories import UnitFactory


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Venue {n}")
    address = factory.Sequence(lambda n: f"Kulttuurikatu {n}, Helsinki")
    step_free_access = True


class SpaceFactory(factory.django.DjangoModelFactory):
    """A bookable space open every day 08-22, instant confirmation, no buffer, any sector."""

    class Meta:
        model = Space
        skip_postgeneration_save = True

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")
    capacity = 40
    equipment = factory.LazyFunction(lambda: ["projector"])
    owner_unit = factory.SubFactory(UnitFactory)
    approval_required = False
    min_duration = timedelta(minutes=30)
    max_duration = timedelta(hours=8)
    cancellation_deadline = timedelta(hours=24)

    @factory.post_generation
    def hours(self, create: bool, extracted: list[tuple[int, time, time]] | None, **kwargs: object) -> None:
        """``hours=[(weekday, opens, closes), ...]``; by default every day 08:00-22:00."""
        if not create:
            return
        periods = extracted if extracted is not None else [(day, time(8), time(22)) for day in range(7)]
        OpeningHours.objects.bulk_create(
            OpeningHours(space=self, weekday=day, opens=opens, closes=closes) for day, opens, closes in periods
        )

    @factory.post_generation
    def allowed_sectors(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.allowed_sectors.set(extracted)


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking written straight to the table (tests of reads); writes go through the services."""

    class Meta:
        model = Booking

    space = factory.SubFactory(SpaceFactory)
    booker = factory.SubFactory(UserFactory)
    # As booking_create keeps it: the sector of the booker's home unit.
    booker_sector = factory.LazyAttribute(
        lambda booking: booking.booker.home_unit.sector if booking.booker and booking.booker.home_unit else None
    )
    purpose = factory.Sequence(lambda n: f"Workshop {n}")
    attendees = 10
    status = Booking.Status.CONFIRMED
    period = None
    held_period = factory.LazyAttribute(
        lambda booking: DateTimeTZRange(booking.period.lower, booking.period.upper + booking.space.buffer)
    )


def booking_payload(space, start, end, **extra) -> dict:
    """The body of ``POST /api/v1/bookings/`` (``series/`` with ``extra``) for ``space`` from ``start`` to ``end``."""
    return {
        "space": space.pk,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "purpose": "Workshop",
        "attendees": 12,
        **extra,
    }
