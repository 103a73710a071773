"""``apps.core.services.atomic_write``: which errors of PostgreSQL a write runs again, which are a 409, and which
stay database trouble (the 503). The errors are PostgreSQL's own, raised by the server with their SQLSTATE."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import OperationalError, connection, transaction

from apps.core.exceptions import Conflict
from apps.core.models import OutgoingEmail
from apps.core.services import WRITE_ATTEMPTS, atomic_write, email_queue

BUSY = "Busy, try again."


def _raise(sqlstate: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DO $$ BEGIN RAISE EXCEPTION 'from the test' USING ERRCODE = '{sqlstate}'; END $$")


def failing_first(times: int, sqlstate: str) -> tuple[list[int], Callable[[], str]]:
    """A write that queues an e-mail (a row and an on_commit hook), then fails ``times`` times with ``sqlstate``."""
    runs: list[int] = []

    @atomic_write(busy=BUSY)
    def write() -> str:
        runs.append(len(runs) + 1)
        email_queue(key=f"run-{len(runs)}", subject="Run", body="", to=["a@example.org"])
        if len(runs) <= times:
            _raise(sqlstate)
        return "written"

    return runs, write


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("sqlstate", ["40P01", "40001"])  # deadlock_detected, serialization_failure
def test_a_write_rolled_back_by_a_deadlock_runs_again_and_keeps_only_its_last_run(sqlstate):
    runs, write = failing_first(1, sqlstate)

    assert write() == "written"
    assert runs == [1, 2]
    assert list(OutgoingEmail.objects.values_list("key", flat=True)) == ["run-2"]


@pytest.mark.django_db(transaction=True)
def test_a_write_deadlocked_every_time_is_a_conflict_after_the_last_run():
    runs, write = failing_first(WRITE_ATTEMPTS, "40P01")

    with pytest.raises(Conflict, match=BUSY):
        write()
    assert runs == list(range(1, WRITE_ATTEMPTS + 1))
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_lock_not_granted_in_time_is_a_conflict_at_once():
    runs, write = failing_first(1, "55P03")  # lock_not_available: lock_timeout passed

    with pytest.raises(Conflict, match=BUSY):
        write()
    assert runs == [1]


@pytest.mark.django_db
def test_inside_a_callers_transaction_a_deadlock_is_a_conflict_and_the_caller_goes_on():
    # (the test's own transaction is the caller's here)
    runs, write = failing_first(1, "40P01")

    with pytest.raises(Conflict, match=BUSY):
        write()
    assert runs == [1]
    assert not OutgoingEmail.objects.exists()  # the caller's transaction still works: only the write's savepoint went
    assert connection.in_atomic_block


@pytest.mark.django_db(transaction=True)
def test_a_statement_time_limit_stays_database_trouble():
    @atomic_write(busy=BUSY)
    def slow() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = '50ms'")
            cursor.execute("SELECT pg_sleep(2)")

    with pytest.raises(OperationalError, match="statement timeout"):
        slow()
    assert not transaction.get_connection().in_atomic_block
