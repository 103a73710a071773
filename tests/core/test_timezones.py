"""The strict local-time helper on Helsinki's clock changes of 2027 (forward 28 March 03:00, back 31 October 04:00)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from apps.core.timezones import (
    AmbiguousLocalTime,
    NonexistentLocalTime,
    exists,
    is_ambiguous,
    local_datetime,
    repeated_time_note,
)

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize(
    ("naive", "real"),
    [
        (datetime(2027, 3, 28, 2, 59), True),
        (datetime(2027, 3, 28, 3, 0), False),
        (datetime(2027, 3, 28, 3, 59), False),
        (datetime(2027, 3, 28, 4, 0), True),
        (datetime(2027, 10, 31, 3, 30), True),
    ],
)
def test_the_hour_skipped_in_spring_does_not_exist(naive, real):
    assert exists(naive, HELSINKI) is real


def test_a_skipped_time_is_refused_not_moved():
    with pytest.raises(NonexistentLocalTime, match="does not exist on that day"):
        local_datetime(datetime(2027, 3, 28, 3, 30), zone=HELSINKI)


def test_a_repeated_time_needs_its_reading():
    repeated = datetime(2027, 10, 31, 3, 30)

    with pytest.raises(AmbiguousLocalTime, match=r"03:30:00\+03:00 for the first, .*03:30:00\+02:00 for the second"):
        local_datetime(repeated, zone=HELSINKI)
    first, second = local_datetime(repeated, fold=0, zone=HELSINKI), local_datetime(repeated, fold=1, zone=HELSINKI)

    assert is_ambiguous(repeated, HELSINKI) and not is_ambiguous(datetime(2027, 10, 31, 4, 0), HELSINKI)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert "first of the two (UTC+03:00)" in repeated_time_note(first)
    assert "second of the two (UTC+02:00)" in repeated_time_note(second)
    assert repeated_time_note(local_datetime(datetime(2027, 10, 31, 4, 0), zone=HELSINKI)) == ""
