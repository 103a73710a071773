import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.indicators.models import Scope
from apps.initiatives.models import Initiative
from tests.dashboards.conftest import monthly_values
from tests.indicators.factories import SectorTieFactory
from tests.sectors.factories import SectorFactory

pytestmark = pytest.mark.django_db


def add_initiatives(count: int) -> None:
    Initiative.objects.bulk_create(
        Initiative(
            title=f"Initiative {number}",
            status=Initiative.Status.ACTIVE,
            collaboration_form=Initiative.CollaborationForm.PROJECT,
            start_date=datetime.date(2026, 1, 1),
        )
        for number in range(count)
    )


def queries_for(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (reverse("dashboards:overview"), {}),
        (reverse("dashboards:overview"), {"sector": "culture"}),
        (reverse("dashboards:trends"), {"compare": "sector"}),
        (reverse("dashboards:network"), {}),
        (reverse("dashboards:unit_network"), {}),
        (reverse("dashboards:person_network"), {}),
        (reverse("dashboards:premises"), {}),
    ],
)
def test_a_dashboards_query_count_does_not_grow_with_the_initiatives(manager_client, city_year, url, params):
    # Given a city with 10 initiatives and a year of computed values
    sectors = [SectorFactory(slug=slug) for slug in ("culture", "education", "social")]
    for sector in sectors:
        monthly_values("cross_sector_share", [0.2] * 12, scope=Scope.SECTOR, scope_id=sector.pk)
    SectorTieFactory(sector_a=sectors[0], sector_b=sectors[1], period_start=datetime.date(2026, 10, 1))
    params = {key: (sectors[0].pk if value == "culture" else value) for key, value in params.items()}
    add_initiatives(10)
    with_ten = queries_for(manager_client, url, params)

    # When the city has 1,000 initiatives (and more computed values for more sectors)
    add_initiatives(990)
    for sector in [SectorFactory() for _ in range(5)]:
        monthly_values("cross_sector_share", [0.4] * 12, scope=Scope.SECTOR, scope_id=sector.pk)
    with_thousand = queries_for(manager_client, url, params)

    # Then the page makes the same number of queries
    assert Initiative.objects.count() == 1000
    assert with_thousand == with_ten
    assert with_ten <= 15


def test_the_overview_query_count_is_pinned(manager_client, city_year, django_assert_num_queries):
    add_initiatives(1000)

    # the session, the user with their roles, the computation state (the values' version and a run under way:
    # one query, the targets' version in it too), the periods for the picker, indicators, their values, their
    # targets, sectors and programmes for the filter selects, and the bell's unread count (with the cache warm, only
    # the first three and the bell are read: see test_cache.py)
    with django_assert_num_queries(10):
        manager_client.get(reverse("dashboards:overview"))
