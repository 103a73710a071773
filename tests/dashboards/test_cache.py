"""The overview keeps its rendered tiles until the indicators are computed again."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from apps.indicators.models import IndicatorValue
from tests.dashboards.conftest import monthly_values

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("dashboards:overview")


@pytest.fixture
def real_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


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
