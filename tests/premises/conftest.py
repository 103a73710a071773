from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
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
    # An earlier transactional test flushes the tables, taking the role groups of the data migration with them.
    Group.objects.get_or_create(name=Role.PROGRAMME_LEAD)
    return make_user(Role.PROGRAMME_LEAD)
