"""Months, quarters and years: the periods every indicator value, summary and dashboard is counted in."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from apps.indicators.models import PeriodKind

STEPS = {
    PeriodKind.MONTH: relativedelta(months=1),
    PeriodKind.QUARTER: relativedelta(months=3),
    PeriodKind.YEAR: relativedelta(years=1),
}
# The same steps as PostgreSQL intervals, for the SQL that generates the periods.
INTERVALS = {PeriodKind.MONTH: "1 month", PeriodKind.QUARTER: "3 months", PeriodKind.YEAR: "1 year"}


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
