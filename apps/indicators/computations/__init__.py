"""Computes indicator values in PostgreSQL: one statement per indicator and period kind, whatever the data size."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction

from apps.indicators.computations.definitions import DEFINITIONS
from apps.indicators.computations.premises import PREMISES_DEFINITIONS
from apps.indicators.computations.sql import SHARED_CTES
from apps.indicators.models import Indicator, IndicatorValue, PeriodKind

STEPS = {
    PeriodKind.MONTH: relativedelta(months=1),
    PeriodKind.QUARTER: relativedelta(months=3),
    PeriodKind.YEAR: relativedelta(years=1),
}
INTERVALS = {PeriodKind.MONTH: "1 month", PeriodKind.QUARTER: "3 months", PeriodKind.YEAR: "1 year"}
COMPUTATIONS = {**DEFINITIONS, **PREMISES_DEFINITIONS}
SECTOR_TIES_JOB = "sector_ties"
HOURLY_USE_JOB = "hourly_use"
# Everything an indicator run computes: each indicator, and the cached summaries the dashboards read
# (the sector network, the premises heatmap).
JOBS = (*COMPUTATIONS, SECTOR_TIES_JOB, HOURLY_USE_JOB)


def period_start(day: date, kind: str) -> date:
    """The first day of the month, quarter or year that contains ``day``."""
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    if kind == PeriodKind.QUARTER:
        return day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    return day.replace(month=1, day=1)


def period_starts(kind: str, since: date, until: date) -> list[date]:
    """Starts of the periods of ``kind`` from the one containing ``since`` up to (not including) ``until``."""
    starts, current = [], period_start(since, kind)
    while current < until:
        starts.append(current)
        current += STEPS[kind]
    return starts


def indicator_query(code: str, *, period_kind: str, since: date, until: date) -> tuple[str, dict, date, date]:
    """The WITH-clause that computes ``code`` as ``computed`` rows, its parameters and the [first, end) covered."""
    extra_ctes, select = COMPUTATIONS[code]()
    computed = f"computed (period_start, scope, scope_id, numerator, denominator, value) AS ({select})"
    return base_query(extra_ctes, computed, period_kind=period_kind, since=since, until=until)


def base_query(*ctes: str, period_kind: str, since: date, until: date) -> tuple[str, dict, date, date]:
    """A WITH-clause of the shared CTEs and ``ctes``, its parameters, and the [first, end) of the periods covered."""
    starts = period_starts(period_kind, since, until)
    first, end = starts[0], starts[-1] + STEPS[period_kind]
    extra = ",\n".join(cte.strip().rstrip(",") for cte in ctes if cte.strip())
    with_clause = f"WITH {SHARED_CTES},\n{extra}"
    params = {
        "period_kind": period_kind,
        "since": first,
        "until": end,
        "previous": first - STEPS[period_kind],
        "step": INTERVALS[period_kind],
        "tz": settings.TIME_ZONE,
        "culture_slug": settings.SILTA_CULTURE_SECTOR_SLUG,
        "civic_slugs": list(settings.SILTA_CIVIC_SECTOR_SLUGS),
    }
    return with_clause, params, first, end


def compute_indicator(code: str, *, period_kind: str, since: date, until: date) -> int:
    """Recompute ``code`` for every period of ``period_kind`` in [since, until); returns the rows written.

    Old rows of those periods are replaced in the same transaction, so a value that no longer has data
    disappears, a rerun writes the same rows, and a killed run leaves the previous values whole.
    """
    if not period_starts(period_kind, since, until):
        return 0
    with_clause, params, first, end = indicator_query(code, period_kind=period_kind, since=since, until=until)
    params["indicator_id"] = Indicator.objects.values_list("pk", flat=True).get(code=code)
    statement = f"""{with_clause}
INSERT INTO indicators_indicatorvalue
    (indicator_id, scope, scope_id, period_kind, period_start, numerator, denominator, value, computed_at)
SELECT %(indicator_id)s, scope, scope_id, %(period_kind)s, period_start, numerator::float, denominator::float,
       value::float, now()
FROM computed
WHERE period_start >= %(since)s AND period_start < %(until)s
ON CONFLICT (indicator_id, scope, scope_id, period_kind, period_start) DO UPDATE
SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, value = EXCLUDED.value,
    computed_at = EXCLUDED.computed_at
"""
    with transaction.atomic():
        IndicatorValue.objects.filter(
            indicator_id=params["indicator_id"], period_kind=period_kind, period_start__gte=first, period_start__lt=end
        ).delete()
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount


def compute_job(job: str, *, period_kind: str, since: date, until: date) -> int:
    """Run one job of an indicator run: an indicator, or one of the cached summaries."""
    if job == SECTOR_TIES_JOB:
        from apps.indicators.computations.network import compute_sector_ties

        return compute_sector_ties(period_kind=period_kind, since=since, until=until)
    if job == HOURLY_USE_JOB:
        from apps.indicators.computations.premises import compute_hourly_use

        return compute_hourly_use(period_kind=period_kind, since=since, until=until)
    return compute_indicator(job, period_kind=period_kind, since=since, until=until)
