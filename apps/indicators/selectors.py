"""Reads of the indicators app."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import QuerySet

from apps.core.history import HISTORY_LIMIT, HistoryEntry, history_entries
from apps.core.replica import reading_connection
from apps.indicators.computations.engine import DRILLDOWNS, drilldown_query
from apps.indicators.models import Indicator, IndicatorRun, IndicatorTarget, Scope
from apps.initiatives.models import Initiative


def indicator_catalogue() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("position")


def recent_runs(limit: int = 10) -> QuerySet[IndicatorRun]:
    return IndicatorRun.objects.select_related("requested_by").order_by("-created_at")[:limit]


def has_drilldown(code: str) -> bool:
    """Whether initiatives stand behind ``code``'s numerator, so the dashboard can link the number to them."""
    return code in DRILLDOWNS


def numerator_initiatives(
    code: str, *, period_kind: str, period_start: date, scope: str = Scope.CITY, scope_id: int = 0
) -> QuerySet[Initiative]:
    """The initiatives behind ``code``'s numerator in one period and scope (a sector: those it takes part in)."""
    if code not in DRILLDOWNS:
        return Initiative.objects.none()
    with_clause, params, _, _ = drilldown_query(
        code, period_kind=period_kind, since=period_start, until=period_start + timedelta(days=1)
    )
    params["scope_id"] = scope_id
    scope_filter = {
        Scope.SECTOR: """AND EXISTS (SELECT 1 FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
                         WHERE pa.initiative_id = b.initiative_id AND u.sector_id = %(scope_id)s)""",
        Scope.PROGRAMME: "AND b.programme_id = %(scope_id)s",
    }.get(scope, "")
    with reading_connection().cursor() as cursor:
        cursor.execute(
            f"{with_clause} SELECT DISTINCT b.initiative_id FROM behind b WHERE b.period_start = %(since)s "
            f"{scope_filter}",
            params,
        )
        ids = [row[0] for row in cursor.fetchall()]
    return Initiative.objects.filter(pk__in=ids)


def indicator_target_history(*, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Who set, changed or removed which target, when, and from what to what; newest first (the targets page)."""
    return history_entries([IndicatorTarget.history.select_related("indicator")], limit=limit)
