"""The sector collaboration network as a cached summary (SectorTie rows), computed like an indicator."""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction

from apps.indicators.computations.sql import base_query
from apps.indicators.models import SectorTie

SECTOR_TIES = """
ties AS (
    SELECT x.period_start,
           x.sector_id AS sector_a,
           y.sector_id AS sector_b,
           CASE WHEN GROUPING(a.programme_id) = 1 THEN 0 ELSE a.programme_id END AS programme_id,
           GROUPING(a.programme_id) AS over_all,
           count(DISTINCT x.initiative_id) AS initiatives
    FROM active_sectors x
    JOIN active_sectors y
      ON y.period_start = x.period_start AND y.initiative_id = x.initiative_id AND x.sector_id < y.sector_id
    JOIN active a ON a.period_start = x.period_start AND a.initiative_id = x.initiative_id
    WHERE x.period_start >= %(since)s
    GROUP BY GROUPING SETS ((x.period_start, x.sector_id, y.sector_id),
                            (x.period_start, x.sector_id, y.sector_id, a.programme_id))
)"""


def compute_sector_ties(*, period_kind: str, since: date, until: date) -> int:
    """Replace the network summary of the periods of ``period_kind`` in [since, until); returns rows written."""
    with_clause, params, first, end = base_query(SECTOR_TIES, "", period_kind=period_kind, since=since, until=until)
    statement = f"""{with_clause}
INSERT INTO indicators_sectortie
    (period_kind, period_start, sector_a_id, sector_b_id, programme_id, initiatives, computed_at)
SELECT %(period_kind)s, period_start, sector_a, sector_b, programme_id, initiatives, now()
FROM ties
WHERE period_start < %(until)s AND (over_all = 1 OR programme_id IS NOT NULL)"""
    with transaction.atomic():
        SectorTie.objects.filter(period_kind=period_kind, period_start__gte=first, period_start__lt=end).delete()
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount
