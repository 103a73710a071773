import datetime

import pytest

from apps.indicators.models import Indicator, PeriodKind, Scope
from apps.initiatives.models import Initiative, Participation
from tests.indicators.factories import IndicatorValueFactory, catalogue_indicator

# The months the dashboards' tests compute values for: Nov 2025 … Oct 2026.
LAST_MONTH = datetime.date(2026, 10, 1)
MONTHS = [datetime.date(2025 + (10 + i) // 12, (10 + i) % 12 + 1, 1) for i in range(12)]


@pytest.fixture
def programme():
    from apps.programmes.models import Programme
    from tests.sectors.factories import PersonFactory

    return Programme.objects.create(name="Culture for wellbeing", lead=PersonFactory(), start_date=LAST_MONTH)


def monthly_values(code: str, values: list[float | None], *, scope: str = Scope.CITY, scope_id: int = 0) -> None:
    """Values of ``code`` for the last len(values) months up to October 2026 (a share: out of 100 initiatives)."""
    indicator = catalogue_indicator(code)
    for start, value in zip(MONTHS[-len(values) :], values, strict=True):
        share = indicator.unit == Indicator.Unit.SHARE and value is not None
        IndicatorValueFactory(
            indicator=indicator,
            scope=scope,
            scope_id=scope_id,
            period_kind=PeriodKind.MONTH,
            period_start=start,
            value=value,
            numerator=round(value * 100) if share else value,
            denominator=100 if share else None,
        )


@pytest.fixture
def city_year():
    """A year of city values for a few indicators of different units and directions."""
    monthly_values("cross_sector_share", [0.1 + 0.02 * i for i in range(12)])  # rising to 0.32: better
    monthly_values("key_person_risk", [0.5 - 0.01 * i for i in range(12)])  # falling, lower is better: better
    monthly_values("civic_involvement", [0.4 - 0.01 * i for i in range(12)])  # falling, higher is better: worse
    monthly_values("time_to_partner", [40.0] * 11 + [46.0])  # days, lower is better: worse
    monthly_values("bus_factor", [3.0] * 12)  # no change


def make_initiative(title: str, units: list, *, start: datetime.date, **fields) -> Initiative:
    """An active initiative in which ``units`` take part from its start."""
    initiative = Initiative.objects.create(
        title=title,
        status=Initiative.Status.ACTIVE,
        collaboration_form=Initiative.CollaborationForm.PROJECT,
        start_date=start,
        **fields,
    )
    for index, unit in enumerate(units):
        Participation.objects.create(
            initiative=initiative,
            unit=unit,
            role=Participation.Role.LEAD if index == 0 else Participation.Role.PARTNER,
            joined_on=start,
        )
    return initiative
