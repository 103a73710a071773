"""The register's migration enters every external unit as an organisation and changes no indicator value."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from apps.indicators.models import IndicatorValue
from apps.indicators.services import indicators_compute_now
from apps.initiatives.models import Initiative
from apps.sectors.models import Sector
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.sectors.factories import SectorFactory, UnitFactory

BEFORE = [("organisations", "0001_initial")]
AFTER = [("organisations", "0002_rules_and_external_units")]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _indicator_rows() -> list[tuple]:
    indicators_compute_now(
        period_kinds=["month", "year"], since=datetime.date(2025, 1, 1), until=datetime.date(2025, 12, 31)
    )
    rows = list(
        IndicatorValue.objects.order_by("indicator_id", "scope", "scope_id", "period_kind", "period_start").values_list(
            "indicator_id", "scope", "scope_id", "period_kind", "period_start", "value", "numerator", "denominator"
        )
    )
    IndicatorValue.objects.all().delete()
    return rows


@pytest.mark.django_db(transaction=True)
def test_external_units_become_organisations_and_every_indicator_stays_as_it_was():
    # Given a city with external units in initiatives, before the register existed
    _migrate(BEFORE)
    try:
        culture = UnitFactory(sector=SectorFactory(kind=Sector.Kind.CITY, name="Culture"))
        youth = UnitFactory(sector=SectorFactory(kind=Sector.Kind.CITY, name="Youth"))
        civic = SectorFactory(kind=Sector.Kind.EXTERNAL, name="Civil society")
        club, choir = UnitFactory(sector=civic, name="Sports Club"), UnitFactory(sector=civic, name="Choir")
        for number, partners in enumerate([(culture, club), (culture, youth, choir), (youth, club)]):
            initiative = InitiativeFactory(
                status=Initiative.Status.ACTIVE,
                start_date=datetime.date(2025, 2 + number, 1),
                end_date=datetime.date(2025, 11, 30),
            )
            for unit in partners:
                ParticipationFactory(initiative=initiative, unit=unit, joined_on=initiative.start_date)
        values = _indicator_rows()
        assert len(values) > 20 and any(value for *_key, value, _numerator, _denominator in values)

        # When the register's migration runs
        new = _migrate(AFTER)
        organisations = new.get_model("organisations", "Organisation").objects

        # Then each external unit, and only those, is an organisation, and every value is exactly what it was
        assert sorted(organisations.values_list("unit__name", "kind", "level", "parent")) == [
            ("Choir", "other", "local", None),
            ("Sports Club", "other", "local", None),
        ]
        assert _indicator_rows() == values
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
