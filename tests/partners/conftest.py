from __future__ import annotations

import pytest

from apps.accounts.roles import Role
from tests.organisations.factories import OrganisationFactory
from tests.partners.factories import PartnerClient, member


@pytest.fixture
def city_admin(make_user):
    return make_user(Role.ADMIN)


@pytest.fixture
def organisation(db):
    return OrganisationFactory(unit__name="Espoon Kuorot ry")


@pytest.fixture
def partner(organisation, city_admin):
    """A partner account approved by the city as a member of ``organisation``."""
    return member(organisation, by=city_admin, first_name="Aino", last_name="Laulaja", email="aino@kuorot.example")


@pytest.fixture
def partner_client(partner):
    return PartnerClient(partner)
