import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.roles import Role
from tests.api_access import assert_access, call
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory, unit_tree

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


@pytest.fixture
def reachable_person():
    return PersonFactory(email="aino.virtanen@example.org", phone="+358 40 123 4567")


def test_a_user_without_a_role_gets_no_email_or_phone_in_the_list_or_the_detail(make_user, reachable_person):
    # Given a logged-in user who holds no role (an account without group claims)
    nobody = make_user()

    # When they read the person directory and one person
    listed = call(nobody, "get", "/api/v1/persons/")
    detail = call(nobody, "get", f"/api/v1/persons/{reachable_person.pk}/")

    # Then they see who the person is, but not how to reach them
    assert listed.status_code == detail.status_code == 200
    for person in [listed.json()["results"][0], detail.json()]:
        assert person["last_name"] == reachable_person.last_name
        assert "email" not in person
        assert "phone" not in person
    assert "aino.virtanen@example.org" not in listed.content.decode() + detail.content.decode()


# Every staff role (a partner account uses no API: tests/partners/test_pages.py).
@pytest.mark.parametrize("role", [role for role in Role if role != Role.PARTNER])
def test_every_role_gets_email_and_phone(make_user, reachable_person, role):
    person = call(make_user(role), "get", f"/api/v1/persons/{reachable_person.pk}/").json()

    assert (person["email"], person["phone"]) == ("aino.virtanen@example.org", "+358 40 123 4567")


def test_a_superuser_without_a_role_group_gets_email_and_phone(make_user, reachable_person):
    person = call(make_user(is_superuser=True), "get", f"/api/v1/persons/{reachable_person.pk}/").json()

    assert person["email"] == "aino.virtanen@example.org"


def test_the_schema_still_documents_email_and_phone(official):
    schema = call(official, "get", "/api/schema/?format=json").json()

    assert {"email", "phone"} <= set(schema["components"]["schemas"]["Person"]["properties"])


def test_units_show_their_parent_and_path_in_a_fixed_number_of_queries(official):
    # Given a tree, and the queries of a page of it (the units above the page come in one query)
    tree = unit_tree()
    call(official, "get", "/api/v1/units/")  # the login's first-request queries, once
    with CaptureQueriesContext(connection) as shallow:
        first = call(official, "get", f"/api/v1/units/?within={tree['libraries'].pk}")

    # When the tree grows four levels deeper, then the page costs the same queries
    deep = tree["sello"]
    for level in range(4):
        deep = UnitFactory(sector=deep.sector, parent=deep, name=f"Team {level}")
    with CaptureQueriesContext(connection) as deeper:
        answer = call(official, "get", f"/api/v1/units/?within={tree['libraries'].pk}")

    sello = next(unit for unit in first.json()["results"] if unit["id"] == tree["sello"].pk)
    assert (sello["parent"], sello["path"]) == (tree["libraries"].pk, "Culture Services › Libraries › Sello Library")
    assert "Culture Services › Libraries › Sello Library › Team 0 › Team 1 › Team 2 › Team 3" in {
        unit["path"] for unit in answer.json()["results"]
    }
    assert len(deeper.captured_queries) == len(shallow.captured_queries)


def test_units_filter_by_parent_and_within(official):
    tree = unit_tree()

    children = call(official, "get", f"/api/v1/units/?parent={tree['services'].pk}").json()["results"]
    within = call(official, "get", f"/api/v1/units/?within={tree['libraries'].pk}").json()["results"]

    assert sorted(unit["name"] for unit in children) == ["Libraries", "Museums"]
    assert sorted(unit["name"] for unit in within) == ["Libraries", "Sello Library"]
    assert call(official, "get", "/api/v1/units/?within=999999").status_code == 400


def test_persons_of_sub_units_are_found_by_a_parent_unit(official):
    tree = unit_tree()
    deep = PersonFactory(unit=tree["sello"])
    PersonFactory(unit=tree["elsewhere"])

    answer = call(official, "get", f"/api/v1/persons/?unit={tree['services'].pk}")

    assert [person["id"] for person in answer.json()["results"]] == [deep.pk]
