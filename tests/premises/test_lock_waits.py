"""Booking writes that meet another request's locks: a busy lock is a 409 "try again" or a second run, never a 503,
and nothing of the refused request stays behind.

Each test holds a lock in a second thread's open transaction (its own connection), as a concurrent request would,
and lets it go when the block ends; the requests go through the API on this thread's connection.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.roles import Role
from apps.premises import services
from apps.premises.models import Booking, Space
from tests.premises.factories import BookingFactory, SpaceFactory, booking_payload
from tests.waiting import wait_until

LOCK_TIMEOUT = "300ms"
BUSY = "Someone else is booking or changing this space at this moment. Please try again."
BOOKINGS = reverse("booking-list")


def api(user) -> APIClient:
    """As in production: an exception of the view ends in the error page (a 503 for the database's), not here."""
    client = APIClient()
    client.raise_request_exception = False
    client.force_authenticate(user)
    return client


@pytest.fixture
def short_lock_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """New connections (this thread's requests among them) wait at most ``LOCK_TIMEOUT`` for a lock, as the
    settings' ``lock_timeout`` would under load; as in a web process, even after an in-thread test worker
    (tests/*/test_tasks.py) has set the task limits in this one."""
    import apps.core.database

    monkeypatch.setattr(apps.core.database, "task_limits", False)
    options = connection.settings_dict["OPTIONS"]
    original = options.get("options")
    connection.close()
    options["options"] = f"{original or ''} -c lock_timeout={LOCK_TIMEOUT}"  # the last -c of a setting wins
    yield
    connection.close()
    options["options"] = original


@contextmanager
def held_open(write: Callable[[], object]) -> Iterator[None]:
    """Run ``write`` (a service call) in another thread's transaction and keep it open, locks and uncommitted rows
    included, until the block ends; then roll it back."""
    written, finish = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic():
                write()
                written.set()
                finish.wait(timeout=60)
                transaction.set_rollback(True)
        except BaseException as exc:  # re-raised in the test's thread
            failures.append(exc)
        finally:
            written.set()
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    written.wait(timeout=60)
    try:
        if failures:
            raise failures[0]
        yield
    finally:
        finish.set()
        thread.join(timeout=60)
    if failures:
        raise failures[0]


@pytest.fixture
def space() -> Space:
    return SpaceFactory()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("who", ["the same booker in another space", "another booker in the same space"])
def test_a_new_booking_does_not_wait_for_a_cancellation_in_progress(
    who, booker, make_user, space, monday, at, short_lock_timeout
):
    # given a booking being cancelled in an open transaction (as a slow cancellation request would be)
    cancelled = BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, 8), at(monday, 9)))
    if who.startswith("the same booker"):
        user, where = booker, SpaceFactory()
    else:
        user, where = make_user(Role.OFFICIAL), space
    with held_open(lambda: services.booking_cancel(by=booker, booking=cancelled)):
        # when a free time is booked meanwhile, by the same booker or in the same space
        response = api(user).post(BOOKINGS, booking_payload(where, at(monday, 10), at(monday, 12)), format="json")

    # then it is booked at once: the cancellation locked its booking, not the space's or the booker's row
    # (before, the new booking's foreign key checks waited for them until lock_timeout: a 503)
    assert response.status_code == 201, response.content
    assert Booking.objects.get(pk=response.json()["id"]).status == Booking.Status.CONFIRMED


def _book(user, space: Space, monday, at, hour: int) -> Callable[[], object]:
    return lambda: services.booking_create(
        by=user, space=space, start=at(monday, hour), end=at(monday, hour + 2), purpose="Held", attendees=5
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "held",
    [
        "an overlapping booking not yet committed",  # the exclusion constraint waits for its transaction
        "another booking of the same day not yet committed",  # the space's calendar lock of that day
    ],
)
def test_a_booking_that_cannot_get_its_lock_in_time_is_a_409_that_saves_nothing(
    held, booker, monday, at, short_lock_timeout
):
    # given another request of the booker holding what this booking must wait for, past the lock time limit
    space = SpaceFactory()
    holder_hour = 11 if "overlapping" in held else 14
    payload = booking_payload(space, at(monday, 10), at(monday, 12))
    with held_open(_book(booker, space, monday, at, holder_hour)):
        # when the booking is asked for
        refused = api(booker).post(BOOKINGS, payload, format="json")
        saved_meanwhile = Booking.objects.filter(space=space).count()

    # then it is a 409 that says to try again, not a 503 for database trouble, and nothing of it was saved
    assert refused.status_code == 409, refused.content
    assert refused.json() == {"detail": BUSY}
    assert saved_meanwhile == 0
    # and once the other request is over (here: rolled back), the same request books the time
    again = api(booker).post(BOOKINGS, payload, format="json")
    assert again.status_code == 201, again.content
    assert list(Booking.objects.filter(space=space).values_list("purpose", flat=True)) == ["Workshop"]


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_booking_someone_else_is_cancelling_is_a_409_until_that_ends(
    booker, space, monday, at, short_lock_timeout
):
    # given a booking whose cancellation by another request is still open
    booking = BookingFactory(space=space, booker=booker, period=DateTimeTZRange(at(monday, 10), at(monday, 12)))
    cancel = reverse("booking-cancel", args=[booking.pk])
    with held_open(lambda: services.booking_cancel(by=booker, booking=booking)):
        # when the booker cancels it too
        refused = api(booker).post(cancel)

    # then the second one is told to try again, and the booking is still held
    assert refused.status_code == 409, refused.content
    assert refused.json() == {"detail": BUSY}
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    # and trying again (the other one rolled back) cancels it
    assert api(booker).post(cancel).json()["status"] == Booking.Status.CANCELLED


def _waiting_for_me() -> bool:
    """Another backend waits for a lock this connection's transaction holds (pg_locks is live, not a snapshot)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid)))"
        )
        return cursor.fetchone()[0]


@contextmanager
def then_once_waited_for(first: Callable[[], object], then: Callable[[], object], *, commit: bool) -> Iterator[None]:
    """In another thread's transaction: ``first``; then the block runs, and once the block's request waits for that
    transaction, ``then``; then the transaction commits (or, without ``commit``, rolls back) and the block ends."""
    ready, failures = threading.Event(), []

    def run() -> None:
        try:
            with transaction.atomic():
                first()
                ready.set()
                wait_until(_waiting_for_me, 30, "the request of the block to wait for this transaction")
                then()
                transaction.set_rollback(not commit)
        except BaseException as exc:  # re-raised in the test's thread
            failures.append(exc)
        finally:
            ready.set()
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    ready.wait(timeout=30)
    yield
    thread.join(timeout=60)
    if failures:
        raise failures[0]


@pytest.mark.django_db(transaction=True)
def test_a_booking_chosen_to_break_a_deadlock_runs_again_and_is_booked(booker, make_user, space, monday, at, caplog):
    # given another transaction that holds the space's row (FOR UPDATE, as cancellations used to take it)
    other = make_user(Role.OFFICIAL)
    # and, once the booking below waits for that row (its foreign key check at commit), that wants an overlapping
    # time: it waits for the booking's transaction, which waits for it
    with then_once_waited_for(
        lambda: Space.objects.select_for_update().get(pk=space.pk),
        lambda: BookingFactory(space=space, booker=other, period=DateTimeTZRange(at(monday, 11), at(monday, 13))),
        commit=False,
    ):
        # when the booking is asked for; PostgreSQL finds the cycle after deadlock_timeout and rolls the booking back
        response = api(booker).post(BOOKINGS, booking_payload(space, at(monday, 10), at(monday, 12)), format="json")

    # then the booking ran again once the other transaction was through, and is booked
    assert response.status_code == 201, response.content
    assert "booking_create runs again" in caplog.text and "deadlock detected" in caplog.text, caplog.text
    assert list(Booking.objects.filter(space=space).values_list("booker", flat=True)) == [booker.pk]


@pytest.mark.django_db(transaction=True)
def test_overlapping_bookings_of_one_space_take_turns_instead_of_deadlocking(booker, space, monday, at, caplog):
    # given a request that has booked 10-12 and, while a second request waits for it, books 12:30-14 as well
    # (as a series, or a burst of requests for nearly the same slot, does)
    def book(hour: int, minute: int, until: int, purpose: str) -> Callable[[], object]:
        return lambda: services.booking_create(
            by=booker, space=space, start=at(monday, hour, minute), end=at(monday, until), purpose=purpose, attendees=5
        )

    with then_once_waited_for(book(10, 0, 12, "First"), book(12, 30, 14, "Then"), commit=True):
        # when the second request asks for 11-13, which overlaps both
        response = api(booker).post(BOOKINGS, booking_payload(space, at(monday, 11), at(monday, 13)), format="json")

    # then the first request books both times without waiting for the second (which had not yet written anything
    # the first could meet), and the second is told the time is taken: no deadlock for PostgreSQL to break
    assert response.status_code == 409, response.content
    assert response.json()["conflict"]["start"] == at(monday, 10).isoformat()
    assert "deadlock" not in caplog.text and "runs again" not in caplog.text, caplog.text
    assert sorted(Booking.objects.filter(space=space).values_list("purpose", flat=True)) == ["First", "Then"]
