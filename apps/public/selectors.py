"""What the public pages, the open data and the public API show: initiatives their owners marked public, and the
city's indicators. Never a person: no contact persons, creators, bookers or respondents, only units and sectors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from apps.dashboards import selectors as dashboards
from apps.indicators.models import Indicator, IndicatorValue, PeriodKind, Scope
from apps.initiatives.models import Initiative, Outcome, Participation
from apps.premises import selectors as premises
from apps.premises.models import Space


def public_initiatives() -> QuerySet[Initiative]:
    """The initiatives marked public, newest first, with only the fields and rows a public page shows."""
    return (
        Initiative.objects.filter(is_public=True)
        .only("id", "title", "description", "status", "start_date", "end_date", "programme__name")
        .select_related("programme")
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related("unit__sector").only(
                    "id", "initiative_id", "role", "unit__name", "unit__sector__name"
                ),
            ),
            "themes",
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.only(
                    "id",
                    "initiative_id",
                    "text",
                    "indicator",
                    "progress",
                    "baseline",
                    "target",
                    "actual",
                    "unit",
                    "recorded_on",
                ).order_by("-recorded_on", "-pk"),
            ),
        )
        .order_by("-start_date", "-pk")
    )


@dataclass(frozen=True)
class IndicatorPage:
    """The city's indicators of one period, theme by theme, with their history and targets."""

    period_kind: str
    period: date | None
    groups: list[dashboards.ThemeGroup] = field(default_factory=list)

    @property
    def period_label(self) -> str:
        return dashboards.period_label(self.period_kind, self.period) if self.period else ""


def city_indicators(*, period_kind: str = PeriodKind.MONTH) -> IndicatorPage:
    """The newest complete period's tiles for the whole city, as the managers' overview reads them."""
    version = dashboards.computation_state().values_version
    available = dashboards.available_periods(period_kind, version=version)
    if not available:
        return IndicatorPage(period_kind=period_kind, period=None)
    period = dashboards.default_period(period_kind, available, timezone.localdate())
    groups = dashboards.tiles_by_theme(scope=Scope.CITY, scope_id=0, period_kind=period_kind, period=period)
    return IndicatorPage(period_kind=period_kind, period=period, groups=[group for group in groups if group.tiles])


# The scopes whose values are open data: aggregates of units and sectors, never of persons.
OPEN_SCOPES = (Scope.CITY, Scope.SECTOR, Scope.PROGRAMME, Scope.SPACE, Scope.GOAL, Scope.PAIR)


VALUE_COLUMNS = (
    "indicator_id",
    "scope",
    "scope_id",
    "period_kind",
    "period_start",
    "value",
    "numerator",
    "denominator",
)


def open_indicator_values(
    *, period_kind: str | None = None, scope: str | None = None, indicator: str | None = None
) -> QuerySet:
    """The stored indicator values of the open scopes as plain tuples (``VALUE_COLUMNS``), oldest period first."""
    rows = IndicatorValue.objects.filter(scope__in=OPEN_SCOPES)
    if period_kind:
        rows = rows.filter(period_kind=period_kind)
    if scope:
        rows = rows.filter(scope=scope)
    if indicator:
        rows = rows.filter(indicator__code=indicator)
    return rows.order_by("period_kind", "period_start", "indicator_id", "scope", "scope_id").values_list(*VALUE_COLUMNS)


def value_rows(values: Iterable[tuple]) -> Iterator[dict]:
    """``open_indicator_values`` as the open data's rows, with each indicator's code, name and unit."""
    indicators = {indicator.pk: indicator for indicator in Indicator.objects.all()}
    for indicator_id, scope, scope_id, kind, start, value, numerator, denominator in values:
        indicator = indicators[indicator_id]
        yield {
            "indicator": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit,
            "scope": scope,
            "scope_id": scope_id,
            "period_kind": kind,
            "period_start": start,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
        }


def opened_spaces() -> QuerySet[Space]:
    """The bookable spaces opened to bookers outside the city's sectors (apps/premises, "Opened premises")."""
    return (
        Space.objects.filter(is_bookable=True)
        .exclude(open_to=[])
        .select_related("venue")
        .prefetch_related("opening_hours", "opening_exceptions")
        .order_by("venue__name", "name", "pk")
    )


FREE_TIME_DAYS = 7


@dataclass(frozen=True)
class FreeDay:
    day: date
    free: list[tuple[datetime, datetime]]


def free_week(space: Space, *, today: date) -> list[FreeDay]:
    """The space's free times from ``today`` for ``FREE_TIME_DAYS`` days, day by day: when it is open and no
    booking (nor its buffer) holds it. Only the times: never who booked or why."""
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    end = start + timedelta(days=FREE_TIME_DAYS)
    free = premises.availability_rows(space, max(start, timezone.now()), end).free
    days = []
    for offset in range(FREE_TIME_DAYS):
        day = today + timedelta(days=offset)
        # Each day shows its own part of a free time that runs past midnight (a space open round the clock).
        day_start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
        day_end = timezone.make_aware(datetime.combine(day + timedelta(days=1), datetime.min.time()))
        parts = [(max(a, day_start), min(b, day_end)) for a, b in free if a < day_end and b > day_start]
        days.append(FreeDay(day=day, free=parts))
    return days
