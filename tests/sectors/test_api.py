import pytest

from apps.accounts.roles import Role
from tests.api_access import assert_access, call
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/sectors/", "/api/v1/units/", "/api/v1/persons/", "/api/v1/strategy-goals/"])
def test_reference_data_is_read_only_for_everyone_logged_in(make_user, url):
    PersonFactory()
    reader = make_user(Role.MANAGER)

    assert_access(method="get", url=url, allowed=reader, expected=200)
    assert call(make_user(Role.ADMIN), "post", url, {"name": "New"}).status_code == 405


def test_units_filter_by_sector(official):
    wanted = UnitFactory(sector=SectorFactory())
    UnitFactory(sector=SectorFactory())

    answer = call(official, "get", f"/api/v1/units/?sector={wanted.sector_id}")

    assert [unit["id"] for unit in answer.json()["results"]] == [wanted.pk]


def test_persons_use_the_directory_search(official):
    spanner = PersonFactory(last_name="Bridgewater", is_boundary_spanner=True)
    PersonFactory(last_name="Stayathome")

    answer = call(official, "get", "/api/v1/persons/?q=bridge&boundary_spanner=true")

    assert [person["id"] for person in answer.json()["results"]] == [spanner.pk]
    assert call(official, "get", "/api/v1/persons/?language=xx").status_code == 400
