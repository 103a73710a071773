"""The unit network page and a unit's initiatives: read from the cached rows the computation wrote."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.dashboards import selectors
from apps.indicators.computations.engine import PERSON_NETWORK_JOB, UNIT_NETWORK_JOB, compute_job
from apps.initiatives.models import Initiative
from tests.dashboards.conftest import make_initiative
from tests.sectors.factories import PersonFactory, SectorFactory, UnitFactory

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2026, 10, 1)
PERIOD = {"period_kind": "month", "period": OCTOBER.isoformat()}


@pytest.fixture
def network(city_year) -> dict:
    """Two groups (a culture triangle and an education pair) linked through the library, computed for October."""
    culture, education = SectorFactory(slug="culture", name="Culture"), SectorFactory(slug="education")
    museum, library, theatre = (UnitFactory(sector=culture, name=name) for name in ("Museum", "Library", "Theatre"))
    school, daycare = UnitFactory(sector=education, name="School"), UnitFactory(sector=education, name="Daycare")
    reading = make_initiative("Reading week", [library, school], start=OCTOBER)
    make_initiative("Art trail", [museum, library, theatre], start=OCTOBER)
    make_initiative("Playground", [school, daycare], start=OCTOBER)
    reading.contact_persons.set([PersonFactory(unit=library, first_name="Liisa"), PersonFactory(unit=school)])
    compute_job(UNIT_NETWORK_JOB, period_kind="month", since=OCTOBER, until=datetime.date(2026, 11, 1))
    compute_job(PERSON_NETWORK_JOB, period_kind="month", since=OCTOBER, until=datetime.date(2026, 11, 1))
    return {"library": library, "school": school, "daycare": daycare, "reading": reading}


def test_the_page_lists_every_unit_with_its_group_rank_and_ties(manager_client, network):
    # when
    response = manager_client.get(reverse("dashboards:unit_network"), PERIOD)

    # then: the table alternative, the library first as the most central unit, and the graph's data
    assert response.status_code == 200
    page = response.content.decode()
    for name in ("Museum", "Library", "Theatre", "School", "Daycare"):
        assert name in page
    units = response.context["graph"].units
    assert [unit.name for unit in units][:2] == ["Library", "School"]
    assert units[0].is_hub and units[0].ties == 3 and units[0].is_culture
    assert response.context["graph"].communities == 2
    data = json.loads(page.split('id="unit-network-data" type="application/json">')[1].split("</script>")[0])
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 5
    assert 'id="unit-network-data"' in page and "most central" in page


def test_a_units_initiatives_are_the_ones_it_took_part_in(manager_client, network):
    # when
    url = reverse("dashboards:unit_initiatives", args=[network["school"].pk])
    response = manager_client.get(url, PERIOD)

    # then
    assert response.status_code == 200
    assert "Reading week" in response.content.decode() and "Playground" in response.content.decode()
    assert "Art trail" not in response.content.decode()


def test_a_unit_outside_the_network_is_not_found(manager_client, network):
    outsider = UnitFactory()
    response = manager_client.get(reverse("dashboards:unit_initiatives", args=[outsider.pk]), PERIOD)
    assert response.status_code == 404


def test_the_units_table_downloads(manager_client, network):
    response = manager_client.get(reverse("dashboards:unit_network"), {**PERIOD, "download": "units"})
    assert response.status_code == 200
    assert "Library" in b"".join(response.streaming_content).decode()


def test_the_page_and_a_units_initiatives_keep_their_query_count(manager_client, network, django_assert_num_queries):
    # given: many more initiatives of the daycare (in the network, and in the raw tables)
    for number in range(50):
        make_initiative(f"Extra {number}", [network["daycare"]], start=datetime.date(2026, 12, 1))
    assert Initiative.objects.count() == 53

    # then the page reads the session, the user with their roles, the computation state, the periods for the
    # picker, the unit nodes (with their units and sectors), the ties and the bell's unread count; a unit's
    # initiatives read the first four, its cached node and the initiatives by id
    with django_assert_num_queries(PAGE_QUERIES):
        manager_client.get(reverse("dashboards:unit_network"), PERIOD)
    with django_assert_num_queries(FRAGMENT_QUERIES):
        manager_client.get(reverse("dashboards:unit_initiatives", args=[network["school"].pk]), PERIOD)


def test_officials_without_the_dashboards_are_refused(client_for):
    response = client_for(Role.OFFICIAL).get(reverse("dashboards:unit_network"))
    assert response.status_code == 403


PAGE_QUERIES = 7
FRAGMENT_QUERIES = 6


def test_the_picture_draws_the_strongest_ties_only(manager_client, network, monkeypatch):
    # given: a picture of at most three ties (of five)
    monkeypatch.setattr(selectors, "UNIT_NETWORK_DRAWN_TIES", 3)

    # when
    response = manager_client.get(reverse("dashboards:unit_network"), PERIOD)

    # then
    assert len(response.context["graph_data"]["edges"]) == 3
    assert "The weakest 2 ties are left out of the picture." in response.content.decode()


def test_the_person_network_lists_the_contact_persons_and_their_initiatives(manager_client, network):
    # when
    response = manager_client.get(reverse("dashboards:person_network"), PERIOD)

    # then: the two contacts of the reading week, tied
    assert response.status_code == 200
    people = response.context["graph"].units
    assert len(people) == 2 and "Liisa" in response.content.decode()
    assert len(response.context["graph_data"]["edges"]) == 1
    liisa = next(person for person in people if person.name.startswith("Liisa"))
    fragment = manager_client.get(reverse("dashboards:person_initiatives", args=[liisa.id]), PERIOD)
    assert "Reading week" in fragment.content.decode()
    assert manager_client.get(reverse("dashboards:person_initiatives", args=[0]), PERIOD).status_code == 404


def test_the_person_network_keeps_its_query_count(manager_client, network, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        manager_client.get(reverse("dashboards:person_network"), PERIOD)
