import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from apps.core.exceptions import ApplicationError, Conflict
from apps.premises import selectors, services
from apps.premises.models import Booking, Space
from tests.premises.factories import BookingFactory, SpaceFactory

# At least 50, as the issue asks; each holds a connection of its own (PostgreSQL allows 100 by default).
REQUESTS = 50


def all_at_once(count: int, book: Callable[[int], object]) -> list[str]:
    """Call ``book(index)`` from ``count`` threads released at the same instant, each on a connection of its own:
    "booked" where it returned, "conflict" or "refused" where it raised."""
    start_together = threading.Barrier(count, timeout=60)

    def request(index: int) -> str:
        try:
            start_together.wait()
            book(index)
            return "booked"
        except Conflict:
            return "conflict"
        except ApplicationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(request, range(count)))


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_requests_for_one_slot_give_exactly_one_booking(booker, monday, at):
    # given a free space and 50 threads, each with its own database connection, released at the same instant
    space = SpaceFactory()

    def book(index: int) -> None:
        # Overlapping, not identical, slots: every one of them overlaps every other.
        services.booking_create(
            space=space,
            by=booker,
            start=at(monday, 10, index % 30),
            end=at(monday, 12, index % 30),
            purpose=f"Request {index}",
            attendees=5,
        )

    # when they all book at once
    outcomes = all_at_once(REQUESTS, book)

    # then exactly one wins, every other one gets a conflict, and the table holds one booking
    assert outcomes.count("booked") == 1
    assert outcomes.count("conflict") == REQUESTS - 1
    assert Booking.objects.filter(space=space).count() == 1


# The quota race of issue 11: 9 of 10 hours used, 21 one-hour requests for the same week sent at once.
QUOTA_REQUESTS = 21


def _slot(monday, index: int) -> tuple:
    """A different free hour of the week for every request, so the exclusion constraint has nothing to decide."""
    return monday + timedelta(days=1 + index % 6), 8 + index // 6


@pytest.fixture
def quota_nine_of_ten_held(booker, monday, at) -> Space:
    """A space with a 10-hour weekly quota of which ``booker`` already holds 9 hours in the week of ``monday``."""
    space = SpaceFactory(weekly_quota_hours=10)
    BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, 8), at(monday, 17)))
    return space


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_never_take_a_booker_past_the_weekly_quota(booker, quota_nine_of_ten_held, monday, at):
    # given a 10-hour weekly quota with 9 hours already held, and 21 threads releasing one-hour requests at once,
    # each for a different slot of that week
    space = quota_nine_of_ten_held

    def book(index: int) -> None:
        day, hour = _slot(monday, index)
        services.booking_create(
            space=space, by=booker, start=at(day, hour), end=at(day, hour + 1), purpose="Hour", attendees=5
        )

    # when they all book at once
    outcomes = all_at_once(QUOTA_REQUESTS, book)

    # then exactly one more hour is booked: the booker holds the 10 hours of the quota, not one more
    assert outcomes.count("booked") == 1
    assert outcomes.count("refused") == QUOTA_REQUESTS - 1
    assert selectors.hours_booked_in_week(space, booker, at(monday, 8)) == timedelta(hours=10)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_series_keep_the_weekly_quota_in_every_week_they_touch(booker, quota_nine_of_ten_held, monday, at):
    # given a 10-hour quota with 9 hours held in the first week, and 21 weekly two-week series of one hour each,
    # every series at its own slot, that book what is free; each locks both of its weeks
    space = quota_nine_of_ten_held

    def book(index: int) -> None:
        day, hour = _slot(monday, index)
        services.booking_series_create(
            space=space,
            by=booker,
            start=at(day, hour),
            end=at(day, hour + 1),
            recurrence="weekly",
            until=day + timedelta(days=7),
            purpose="Weekly hour",
            attendees=5,
            book_free_only=True,
        )

    # when they all book at once
    outcomes = all_at_once(QUOTA_REQUESTS, book)

    # then each week holds exactly the quota: one more hour in the first, ten hours in the second; no deadlock
    assert selectors.hours_booked_in_week(space, booker, at(monday, 8)) == timedelta(hours=10)
    assert selectors.hours_booked_in_week(space, booker, at(monday + timedelta(days=7), 8)) == timedelta(hours=10)
    assert outcomes.count("booked") == 10
