from collections.abc import Callable

import pytest

from apps.accounts.models import User
from apps.accounts.roles import Role
from apps.initiatives.models import Initiative, Participation
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.sectors.factories import PersonFactory


@pytest.fixture
def initiative_of(db: None) -> Callable[..., Initiative]:
    """An initiative in which ``user``'s home unit takes part (or any unit when no user is given)."""

    def make(user: User | None = None, **fields: object) -> Initiative:
        initiative = InitiativeFactory(**fields)
        unit = user.home_unit if user else None
        ParticipationFactory(initiative=initiative, role=Participation.Role.LEAD, **({"unit": unit} if unit else {}))
        return initiative

    return make


@pytest.fixture
def outsider_official(make_user: Callable[..., User]) -> User:
    """An official whose unit takes part in nothing."""
    return make_user(Role.OFFICIAL)


@pytest.fixture
def programme_lead(make_user: Callable[..., User]) -> User:
    user = make_user(Role.PROGRAMME_LEAD)
    PersonFactory(user=user, unit=user.home_unit)
    return user
