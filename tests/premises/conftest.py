from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.roles import Role


@pytest.fixture
def monday() -> date:
    """A Monday one to two weeks ahead: inside every default booking horizon, never in the past."""
    today = timezone.localdate()
    return today + timedelta(days=7 + (7 - today.weekday()) % 7)


@pytest.fixture
def at() -> Callable[..., datetime]:
    """``at(day, hour, minute=0)``: an aware local (Europe/Helsinki) datetime."""

    def make(day: date, hour: int, minute: int = 0) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, minute)))

    return make


@pytest.fixture
def booker(make_user: Callable[..., User]) -> User:
    return make_user(Role.PROGRAMME_LEAD)


def _clock_change(forward: bool) -> tuple[date, time]:
    """The next day, within a year, when the clocks go forward (or back), and the hour they skip (or repeat)."""
    zone = timezone.get_current_timezone()
    day = timezone.localdate() + timedelta(days=2)
    for _ in range(370):
        before = timezone.make_aware(datetime.combine(day, time.min), zone).utcoffset()
        after = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), zone).utcoffset()
        if (after > before) if forward else (after < before):
            for hour in range(24):
                first = datetime.combine(day, time(hour, 30)).replace(tzinfo=zone)
                if first.utcoffset() != first.replace(fold=1).utcoffset():
                    return day, time(hour)
        day += timedelta(days=1)
    raise AssertionError("the time zone has no clock change")


@pytest.fixture
def spring_forward() -> tuple[date, time]:
    """The next day the clocks go forward, and the hour that does not exist then (03:00 in Helsinki)."""
    return _clock_change(forward=True)


@pytest.fixture
def fall_back() -> tuple[date, time]:
    """The next day the clocks go back, and the hour that happens twice then (03:00 in Helsinki)."""
    return _clock_change(forward=False)
