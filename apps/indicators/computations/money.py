"""Money: is programme money traceable to outcomes, and is it pooled across sectors.

Each indicator of the theme (catalogue.py) is registered with its drill-down; see ``registry``.
"""

from __future__ import annotations

from apps.indicators.computations.registry import Query, definition, rows_of
from apps.indicators.computations.sql import CITY, PROGRAMME, per_scope

FUNDING_BY_YEAR = """
funding_by_year AS (
    SELECT f.initiative_id, f.year, sum(f.allocated) AS euros,
           count(DISTINCT COALESCE(u.sector_id, 0)) AS funders  -- every external source counts as one funder
    FROM initiatives_funding f LEFT JOIN sectors_unit u ON u.id = f.source_unit_id
    GROUP BY f.initiative_id, f.year
)"""


def _funded(name: str, *, where: str = "true") -> str:
    """CTE ``name``: the funding of the year of each period of the initiatives active in it that meet ``where``
    (over ``s``, the span). From the funding lines to their year's periods, so only funded initiatives are spread
    over the periods, not every active one."""
    return f"""
{name} AS (
    SELECT p.period_start, p.period_end, s.id AS initiative_id, s.programme_id, fy.euros, fy.funders
    FROM funding_by_year fy
    JOIN initiative_span s ON s.id = fy.initiative_id
    JOIN periods p ON extract(year FROM p.period_start)::int = fy.year
     AND s.start_date < p.period_end AND (s.end_date IS NULL OR s.end_date >= p.period_start)
    WHERE {where}
)"""


FUNDING_CTES = FUNDING_BY_YEAR + "," + _funded("funded")


@definition("budget_traceability", drilldown=rows_of("traced", "has_outcome"))
def budget_traceability() -> Query:
    ctes = (
        FUNDING_BY_YEAR
        + ","
        + _funded("programme_funded", where="s.programme_id IS NOT NULL")
        + """,
first_outcome AS (
    SELECT initiative_id, min(recorded_on) AS recorded_on FROM initiatives_outcome GROUP BY initiative_id
),
traced AS (
    SELECT f.*, COALESCE(o.recorded_on < f.period_end, false) AS has_outcome
    FROM programme_funded f LEFT JOIN first_outcome o ON o.initiative_id = f.initiative_id
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
