"""Runs the registered computations: one statement per indicator and period kind, whatever the data size.

Importing the theme modules registers their indicators; everything else reads the registry through here, so no
caller sees a half-filled one.
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction

from apps.indicators.computations import money, outcomes, partners, people, premises, silos, strategy, trust, units
from apps.indicators.computations.network import compute_sector_ties
from apps.indicators.computations.registry import DEFINITIONS, Definition, Drilldown
from apps.indicators.computations.sql import base_query
from apps.indicators.computations.units import PERSON_NETWORK_JOB, UNIT_NETWORK_JOB
from apps.indicators.models import Indicator, IndicatorValue
from apps.indicators.periods import period_starts

THEMES = (silos, money, people, strategy, outcomes, premises, units, trust, partners)
COMPUTATIONS: dict[str, Definition] = DEFINITIONS
# The indicators with initiatives behind their numerator (the dashboards link a number to them).
DRILLDOWNS: dict[str, Drilldown] = {code: d.drilldown for code, d in DEFINITIONS.items() if d.drilldown is not None}
SECTOR_TIES_JOB = "sector_ties"
HOURLY_USE_JOB = "hourly_use"
# Everything an indicator run computes: each indicator, and the cached summaries the dashboards read
# (the sector network, the premises heatmap, the unit network).
# The unit network's job also writes its two indicators, so they are no jobs of their own.
JOBS = (
    *(code for code, d in COMPUTATIONS.items() if d.job is None),
    SECTOR_TIES_JOB,
    HOURLY_USE_JOB,
    UNIT_NETWORK_JOB,
    PERSON_NETWORK_JOB,
)


def indicator_query(code: str, *, period_kind: str, since: date, until: date) -> tuple[str, dict, date, date]:
    """The WITH-clause that computes ``code`` as ``computed`` rows, its parameters and the [first, end) covered."""
    extra_ctes, select = COMPUTATIONS[code].query()
    # MATERIALIZED: the insert's filter on the periods, pushed into every branch of the SELECT, made the planner
    # expect a few dozen rows where there are hundreds of thousands (outcome_progress: sorts spilling to disk and an
    # index lookup per row instead of hash joins, +50 %); the rows it filters are a few hundred.
    computed = f"computed (period_start, scope, scope_id, numerator, denominator, value) AS MATERIALIZED ({select})"
    return base_query(extra_ctes, computed, period_kind=period_kind, since=since, until=until)


def drilldown_query(code: str, *, period_kind: str, since: date, until: date) -> tuple[str, dict, date, date]:
    """The WITH-clause ending in ``behind``: the initiatives behind ``code``'s numerator (those in ``DRILLDOWNS``)."""
    return base_query(COMPUTATIONS[code].behind(), period_kind=period_kind, since=since, until=until)


def compute_indicator(code: str, *, period_kind: str, since: date, until: date) -> int:
    """Recompute ``code`` for every period of ``period_kind`` in [since, until); returns the rows written.

    Old rows of those periods are replaced in the same transaction, so a value that no longer has data
    disappears, a rerun writes the same rows, and a killed run leaves the previous values whole.
    """
    if not period_starts(period_kind, since, until):
        return 0
    if COMPUTATIONS[code].job == UNIT_NETWORK_JOB:
        # Written with the unit network, from the same graph: recomputing one recomputes both and the summary.
        return units.compute_unit_network(period_kind=period_kind, since=since, until=until)[code]
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
        _without_jit()
        IndicatorValue.objects.filter(
            indicator_id=params["indicator_id"], period_kind=period_kind, period_start__gte=first, period_start__lt=end
        ).delete()
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount


def _without_jit() -> None:
    """Turn off JIT compilation for the rest of the transaction. The planner misjudges the range joins over a
    handful of periods by orders of magnitude, and compiling then took 0.1–1 s of statements that run in less."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")


def compute_job(job: str, *, period_kind: str, since: date, until: date) -> int:
    """Run one job of an indicator run: an indicator, or one of the cached summaries."""
    if job == SECTOR_TIES_JOB:
        return compute_sector_ties(period_kind=period_kind, since=since, until=until)
    if job == UNIT_NETWORK_JOB:
        return sum(units.compute_unit_network(period_kind=period_kind, since=since, until=until).values())
    if job == PERSON_NETWORK_JOB:
        return units.compute_person_network(period_kind=period_kind, since=since, until=until)
    if job == HOURLY_USE_JOB:
        return premises.compute_hourly_use(period_kind=period_kind, since=since, until=until)
    return compute_indicator(job, period_kind=period_kind, since=since, until=until)
