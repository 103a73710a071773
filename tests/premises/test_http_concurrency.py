"""Overlapping bookings over HTTP against a real gunicorn with several workers (the CI-sized ``make stress``)."""

from collections import Counter

import pytest

from bench.booking_stress import fire_at_one_slot, mixed_bookings, overlapping_holding_pairs, prepare, server_errors
from bench.server import database_url_of_this_process, gunicorn

REQUESTS = 50


@pytest.mark.django_db(transaction=True)
def test_simultaneous_http_requests_for_one_slot_get_one_201_and_409_for_all_others():
    # given an instant-approval space, a booker with an API token, and gunicorn with 2 workers × 8 threads
    space_ids, tokens = prepare(spaces=3, bookers=2)
    # (the test settings: any task the server queued would go to the tests' own queue)
    with gunicorn(database_url=database_url_of_this_process(), workers=2, settings="config.settings.test") as url:
        # when 50 overlapping requests for one slot are released at the same instant
        slot = fire_at_one_slot(url, tokens[0], space_ids[0], REQUESTS)
        # and, after them, random bookings and cancellations on three spaces for three seconds
        mixed = mixed_bookings(url, tokens, space_ids, seconds=3, clients=4)
        log = url.errors()  # what the server said about any 5xx (a 503 is logged with PostgreSQL's message)

    # then exactly one request books the slot and every other one is told it is taken
    assert slot == Counter({201: 1, 409: REQUESTS - 1}), log
    # and the mixed run booked something without a single server error
    assert mixed.booked > 0
    assert server_errors(mixed.statuses) == 0, "\n".join([*mixed.errors, "server log:", log])
    # and no two holding bookings overlap
    assert overlapping_holding_pairs() == 0
