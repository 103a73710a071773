"""Managers scoped to sectors: which sectors' detail the dashboards may narrow to (the overview is every manager's)."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.services import role_grant
from apps.indicators.permissions import can_view_indicators, manager_sectors
from tests.sectors.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_a_city_wide_manager_and_an_admin_are_for_every_sector(make_user):
    assert manager_sectors(make_user(Role.MANAGER)) is None
    assert manager_sectors(make_user(Role.ADMIN)) is None


def test_a_manager_scoped_to_sectors_is_for_those_and_still_sees_the_overview(make_user):
    culture, sports = SectorFactory(), SectorFactory()
    manager = make_user()
    for sector in (culture, sports):
        role_grant(by=None, user=manager, role=Role.MANAGER, scope=sector)

    assert manager_sectors(manager) == {culture.pk, sports.pk}
    assert can_view_indicators(manager)


def test_someone_who_is_no_manager_is_for_no_sector(make_user):
    assert manager_sectors(make_user(Role.OFFICIAL)) == frozenset()
