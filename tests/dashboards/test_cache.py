"""The overview keeps its rendered tiles until the indicators are computed again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.indicators.models import IndicatorValue
from tests.dashboards.conftest import monthly_values

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboards:overview")


def _tile_value(response) -> str:
    content = response.content.decode()
    tile = content[content.index('id="tile-cross_sector_share"') :]
    return tile[tile.index('indicator-tile__value">') + len('indicator-tile__value">') :].split("<", 1)[0]


def test_tiles_are_rendered_once_per_computation(manager_client, real_cache):
    monthly_values("cross_sector_share", [0.4, 0.5])
    first = manager_client.get(OVERVIEW)
    value = IndicatorValue.objects.get(indicator__code="cross_sector_share", period_start=datetime.date(2026, 10, 1))

    # when the data changes without a new computation (never happens in the app), the page is not re-rendered
    IndicatorValue.objects.filter(pk=value.pk).update(value=0.9)
    cached = manager_client.get(OVERVIEW)
    # when the indicators are computed again, the new values show at once
    IndicatorValue.objects.filter(pk=value.pk).update(computed_at=timezone.now() + datetime.timedelta(seconds=1))
    recomputed = manager_client.get(OVERVIEW)

    assert _tile_value(first) == "50.0 %"
    assert _tile_value(cached) == "50.0 %"
    assert _tile_value(recomputed) == "90.0 %"


def test_each_language_gets_its_own_tiles(manager_client, real_cache):
    monthly_values("cross_sector_share", [0.4, 0.5])
    english = manager_client.get(OVERVIEW)

    manager_client.cookies["django_language"] = "fi"
    finnish = manager_client.get(OVERVIEW)

    assert _tile_value(english) == "50.0 %"
    assert _tile_value(finnish) == "50,0 %"


def test_with_the_cache_warm_the_overview_reads_only_the_session_user_and_computation_state(
    manager_client, real_cache, django_assert_num_queries
):
    monthly_values("cross_sector_share", [0.4, 0.5])
    manager_client.get(OVERVIEW)

    # the session, the user with their roles, the values' version with a run under way, and the bell's unread count
    with django_assert_num_queries(4):
        response = manager_client.get(OVERVIEW)

    assert _tile_value(response) == "50.0 %"


def test_a_computation_that_adds_a_period_shows_it_in_the_picker_at_once(manager_client, real_cache):
    monthly_values("cross_sector_share", [0.4, 0.5])
    before = manager_client.get(OVERVIEW).content.decode()

    # a new computation writes the values of November 2026
    later = timezone.now() + datetime.timedelta(seconds=1)
    value = IndicatorValue.objects.get(indicator__code="cross_sector_share", period_start=datetime.date(2026, 10, 1))
    IndicatorValue.objects.create(
        indicator=value.indicator,
        scope=value.scope,
        scope_id=value.scope_id,
        period_kind=value.period_kind,
        period_start=datetime.date(2026, 11, 1),
        value=0.7,
        numerator=70,
        denominator=100,
        computed_at=later,
    )
    after = manager_client.get(OVERVIEW).content.decode()

    assert "Last complete (October 2026)" in before and "November 2026" not in before
    assert "Last complete (November 2026)" in after
    assert _tile_value(manager_client.get(OVERVIEW)) == "70.0 %"
