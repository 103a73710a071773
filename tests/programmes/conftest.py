from collections.abc import Callable

import pytest

from apps.accounts.models import User
from apps.accounts.roles import Role
from tests.sectors.factories import PersonFactory


@pytest.fixture
def programme_lead(make_user: Callable[..., User]) -> User:
    user = make_user(Role.PROGRAMME_LEAD)
    PersonFactory(user=user, unit=user.home_unit)
    return user


@pytest.fixture
def other_lead(make_user: Callable[..., User]) -> User:
    user = make_user(Role.PROGRAMME_LEAD)
    PersonFactory(user=user, unit=user.home_unit)
    return user
