import datetime

import pytest
from django.utils import translation

from apps.dashboards import charts, selectors
from apps.dashboards.templatetags.dashboards import change_text
from apps.indicators.models import PeriodKind, Scope
from tests.dashboards.conftest import LAST_MONTH, monthly_values
from tests.indicators.factories import IndicatorValueFactory, SectorTieFactory, catalogue_indicator
from tests.sectors.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_the_periods_of_a_history_cross_year_ends():
    assert selectors.periods_up_to(PeriodKind.MONTH, datetime.date(2026, 2, 1), 3) == [
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]
    assert selectors.periods_up_to(PeriodKind.QUARTER, datetime.date(2026, 1, 1), 2) == [
        datetime.date(2025, 10, 1),
        datetime.date(2026, 1, 1),
    ]
    assert selectors.periods_up_to(PeriodKind.YEAR, datetime.date(2026, 1, 1), 2)[0] == datetime.date(2025, 1, 1)


@pytest.mark.parametrize(
    ("language", "kind", "label"),
    [
        ("en", PeriodKind.MONTH, "October 2026"),
        ("fi", PeriodKind.MONTH, "lokakuu 2026"),
        ("sv", PeriodKind.MONTH, "oktober 2026"),
        ("en", PeriodKind.QUARTER, "Q4 2026"),
        ("fi", PeriodKind.QUARTER, "4. nelj. 2026"),
        ("en", PeriodKind.YEAR, "2026"),
    ],
)
def test_periods_are_named_in_the_active_language(language, kind, label):
    with translation.override(language):
        assert selectors.period_label(kind, datetime.date(2026, 10, 1)).lower() == label.lower()


def test_a_tile_without_a_previous_value_has_no_verdict_and_no_sparkline():
    monthly_values("cross_sector_share", [0.4])

    (silos,) = [
        group
        for group in selectors.tiles_by_theme(scope=Scope.CITY, scope_id=0, period_kind="month", period=LAST_MONTH)
        if group.theme == "silos"
    ]
    tile = next(tile for tile in silos.tiles if tile.indicator.code == "cross_sector_share")

    assert tile.value == 0.4
    assert tile.previous is None and tile.verdict is None
    assert charts.sparkline_points(tile.history) == ""
    assert len(tile.history) == selectors.HISTORY_PERIODS


def test_a_lower_is_better_indicator_that_rises_is_worse():
    monthly_values("key_person_risk", [0.3, 0.5])

    tile = selectors.tile_for(
        indicator=catalogue_indicator("key_person_risk"),
        scope=Scope.CITY,
        scope_id=0,
        period_kind="month",
        period=LAST_MONTH,
    )

    assert tile.change == pytest.approx(0.2)
    assert tile.verdict == "worse"


def test_a_change_that_rounds_to_zero_is_no_change():
    # given a lower-is-better share that rose by 0.04 percentage points: shown as "±0.0 pp"
    monthly_values("key_person_risk", [0.3, 0.3004])

    tile = selectors.tile_for(
        indicator=catalogue_indicator("key_person_risk"),
        scope=Scope.CITY,
        scope_id=0,
        period_kind="month",
        period=LAST_MONTH,
    )

    # then it is labelled no change, not worse, and its text carries no sign
    assert tile.verdict == "same"
    with translation.override("en"):
        assert change_text(tile) == "±0.0 pp"


def test_a_sector_view_has_only_the_indicators_computed_per_sector():
    codes = {indicator.code for indicator in selectors.scope_indicators(Scope.SECTOR)}

    assert "cross_sector_share" in codes
    assert "network_density" not in codes and "space_utilisation" not in codes


def test_network_nodes_are_sized_by_initiatives_and_edges_by_shared_initiatives(settings):
    culture = SectorFactory(slug=settings.SILTA_CULTURE_SECTOR_SLUG)
    education, youth = SectorFactory(), SectorFactory()
    monthly_values("cross_sector_share", [0.5], scope=Scope.SECTOR, scope_id=culture.pk)  # 100 initiatives
    monthly_values("cross_sector_share", [0.5], scope=Scope.SECTOR, scope_id=education.pk)
    IndicatorValueFactory(scope=Scope.SECTOR, scope_id=youth.pk, period_start=LAST_MONTH, denominator=25)
    SectorTieFactory(sector_a=culture, sector_b=education, initiatives=12, period_start=LAST_MONTH)
    SectorTieFactory(sector_a=education, sector_b=youth, initiatives=3, period_start=LAST_MONTH)

    graph = selectors.network(period_kind="month", period=LAST_MONTH)
    picture = charts.network_picture(graph)

    nodes = {node.sector.pk: node for node in graph.nodes}
    shapes = {shape.node.sector.pk: shape for shape in picture.nodes}
    assert nodes[culture.pk].initiatives == 100 and nodes[youth.pk].initiatives == 25
    assert shapes[culture.pk].radius > shapes[youth.pk].radius
    assert nodes[culture.pk].is_culture and not nodes[youth.pk].is_culture
    assert [edge.initiatives for edge in graph.edges] == [12, 3]
    assert picture.edges[0].width > picture.edges[1].width
    assert all(0 < shape.x < picture.width and 0 < shape.y < picture.height for shape in picture.nodes)
