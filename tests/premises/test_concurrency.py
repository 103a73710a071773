import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from apps.core.exceptions import Conflict
from apps.premises import services
from apps.premises.models import Booking
from tests.premises.factories import SpaceFactory

# At least 50, as the issue asks; each holds a connection of its own (PostgreSQL allows 100 by default).
REQUESTS = 50


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_requests_for_one_slot_give_exactly_one_booking(booker, monday, at):
    # given a free space and 50 threads, each with its own database connection, released at the same instant
    space = SpaceFactory()
    start_together = threading.Barrier(REQUESTS, timeout=60)

    def request(index: int) -> str:
        try:
            start_together.wait()
            # Overlapping, not identical, slots: every one of them overlaps every other.
            services.booking_create(
                space=space,
                booker=booker,
                start=at(monday, 10, index % 30),
                end=at(monday, 12, index % 30),
                purpose=f"Request {index}",
                attendees=5,
            )
            return "booked"
        except Conflict:
            return "conflict"
        finally:
            connection.close()

    # when they all book at once
    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        outcomes = list(pool.map(request, range(REQUESTS)))

    # then exactly one wins, every other one gets a conflict, and the table holds one booking
    assert outcomes.count("booked") == 1
    assert outcomes.count("conflict") == REQUESTS - 1
    assert Booking.objects.filter(space=space).count() == 1
