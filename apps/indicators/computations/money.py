"""Money: is programme money traceable to outcomes, and is it pooled across sectors.

Each indicator of the theme (catalogue.py) is registered with its drill-down; see ``registry``.
"""

from __future__ import annotations

from apps.indicators.computations.registry import Query, definition, rows_of
from apps.indicators.computations.sql import CITY, PROGRAMME, per_scope

FUNDING_CTES = """
funding_by_year AS (
    SELECT f.initiative_id, f.year, sum(f.allocated) AS euros,
           count(DISTINCT COALESCE(u.sector_id, 0)) AS funders  -- every external source counts as one funder
    FROM initiatives_funding f LEFT JOIN sectors_unit u ON u.id = f.source_unit_id
    GROUP BY f.initiative_id, f.year
),
funded AS (
    SELECT a.period_start, a.period_end, a.initiative_id, a.programme_id, fy.euros, fy.funders
    FROM active a
    JOIN funding_by_year fy
      ON fy.initiative_id = a.initiative_id AND fy.year = extract(year FROM a.period_start)::int
    WHERE a.period_start >= %(since)s
)"""


@definition("budget_traceability", drilldown=rows_of("traced", "has_outcome"))
def budget_traceability() -> Query:
    ctes = (
        FUNDING_CTES
        + """,
traced AS (
    SELECT f.*, EXISTS (
        SELECT 1 FROM initiatives_outcome o WHERE o.initiative_id = f.initiative_id AND o.recorded_on < f.period_end
    ) AS has_outcome
    FROM funded f WHERE f.programme_id IS NOT NULL
)"""
    )
    traced = "COALESCE(sum(r.euros) FILTER (WHERE r.has_outcome), 0)"
    select = per_scope("traced", numerator=traced, denominator="sum(r.euros)", scopes=(CITY, PROGRAMME))
    return ctes, select


@definition("joint_funding_share", drilldown=rows_of("funded", "funders >= 2"))
def joint_funding_share() -> Query:
    joint = "COALESCE(sum(r.euros) FILTER (WHERE r.funders >= 2), 0)"
    select = per_scope("funded", numerator=joint, denominator="sum(r.euros)")
    return FUNDING_CTES, select
