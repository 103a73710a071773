import datetime

import factory
from django.utils import timezone

from apps.indicators.models import Indicator, IndicatorRun, IndicatorValue, PeriodKind, Scope, SectorTie
from tests.sectors.factories import SectorFactory


def catalogue_indicator(code: str) -> Indicator:
    """An indicator of the catalogue (the data migration creates all of them)."""
    return Indicator.objects.get(code=code)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    """A computed value; pass ``indicator`` (an Indicator of the catalogue) and the period."""

    class Meta:
        model = IndicatorValue

    indicator = factory.LazyFunction(lambda: catalogue_indicator("cross_sector_share"))
    scope = Scope.CITY
    scope_id = 0
    period_kind = PeriodKind.MONTH
    period_start = datetime.date(2026, 1, 1)
    numerator = 3.0
    denominator = 10.0
    value = factory.LazyAttribute(lambda v: v.numerator / v.denominator if v.denominator else None)
    computed_at = factory.LazyFunction(timezone.now)


class SectorTieFactory(factory.django.DjangoModelFactory):
    """A network summary row; the factory orders the pair as the check constraint requires."""

    class Meta:
        model = SectorTie

    period_kind = PeriodKind.MONTH
    period_start = datetime.date(2026, 1, 1)
    sector_a = factory.SubFactory(SectorFactory)
    sector_b = factory.SubFactory(SectorFactory)
    programme_id = 0
    initiatives = 2
    computed_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class: type[SectorTie], *args: object, **kwargs: object) -> SectorTie:
        if kwargs["sector_a"].pk > kwargs["sector_b"].pk:
            kwargs["sector_a"], kwargs["sector_b"] = kwargs["sector_b"], kwargs["sector_a"]
        return super()._create(model_class, *args, **kwargs)


class IndicatorRunFactory(factory.django.DjangoModelFactory):
    """A finished, successful run."""

    class Meta:
        model = IndicatorRun

    period_kinds = factory.LazyFunction(lambda: list(PeriodKind.values))
    status = IndicatorRun.Status.SUCCEEDED
    jobs_total = 1
    jobs_done = factory.LazyFunction(lambda: ["cross_sector_share:month"])
    started_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
