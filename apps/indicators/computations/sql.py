"""SQL building blocks shared by the indicator computations.

Every computation is one statement: the shared CTEs below, then the indicator's own CTEs and a SELECT of
``(period_start, scope, scope_id, numerator, denominator, value)`` rows for all periods and scopes at once.
PostgreSQL skips the CTEs a statement does not reference, so each indicator pays only for what it reads.

Definitions used throughout (the design notes leave them open; these are ours):
- An initiative is *active* in a period when its status is active, completed or discontinued and its
  [start, end] overlaps the period; a completed or discontinued initiative without an end date ends on its
  last update. Ideas and planned initiatives are not active yet.
- A unit takes part in a period when it joined (``joined_on``) before the period ended; an initiative's
  sectors are the sectors of those units.
Parameters: ``since`` (first period start), ``until`` (exclusive end), ``step`` (the period as an interval),
``previous`` (start of the period before ``since``), ``tz`` (the city's time zone), ``culture_slug``,
``civic_slugs``.
"""

from __future__ import annotations

SHARED_CTES = """
periods AS (
    SELECT p::date AS period_start, (p + %(step)s::interval)::date AS period_end
    FROM generate_series(%(since)s::date, %(until)s::date - 1, %(step)s::interval) AS p
),
-- The periods to compute plus the one before them, for indicators that compare with the previous period.
all_periods AS (
    SELECT p::date AS period_start, (p + %(step)s::interval)::date AS period_end
    FROM generate_series(%(previous)s::date, %(until)s::date - 1, %(step)s::interval) AS p
),
initiative_span AS (
    SELECT i.id, i.programme_id, i.start_date, i.status,
           COALESCE(i.end_date, CASE WHEN i.status IN ('completed', 'discontinued')
                                     THEN (i.updated_at AT TIME ZONE %(tz)s)::date END) AS end_date
    FROM initiatives_initiative i
    WHERE i.status IN ('active', 'completed', 'discontinued')
),
active AS (
    SELECT p.period_start, p.period_end, s.id AS initiative_id, s.programme_id
    FROM all_periods p
    JOIN initiative_span s ON s.start_date < p.period_end AND (s.end_date IS NULL OR s.end_date >= p.period_start)
),
active_units AS (
    SELECT DISTINCT a.period_start, a.initiative_id, pa.unit_id, u.sector_id
    FROM active a
    JOIN initiatives_participation pa ON pa.initiative_id = a.initiative_id AND pa.joined_on < a.period_end
    JOIN sectors_unit u ON u.id = pa.unit_id
),
active_sectors AS (
    SELECT DISTINCT period_start, initiative_id, sector_id FROM active_units
),
sector_count AS (
    SELECT period_start, initiative_id, count(*) AS sectors FROM active_sectors GROUP BY period_start, initiative_id
),
-- Sector pairs (a < b) that share at least one active initiative in a period.
sector_pairs AS (
    SELECT DISTINCT x.period_start, x.sector_id AS a, y.sector_id AS b
    FROM active_sectors x
    JOIN active_sectors y
      ON y.period_start = x.period_start AND y.initiative_id = x.initiative_id AND x.sector_id < y.sector_id
),
-- Each sector's distinct partner sectors in a period.
sector_partners AS (
    SELECT period_start, a AS sector_id, b AS partner_id FROM sector_pairs
    UNION ALL
    SELECT period_start, b, a FROM sector_pairs
),
contact_counts AS (
    SELECT initiative_id, count(*) AS contacts FROM initiatives_initiative_contact_persons GROUP BY initiative_id
)
"""


def ratio(numerator: str, denominator: str) -> str:
    """SQL for numerator / denominator, NULL (not an error) when the denominator is zero or missing."""
    return f"({numerator})::float / NULLIF(({denominator})::float, 0)"


def share_of_initiatives(*, base: str, joins: str, hit: str, scopes: tuple[str, ...]) -> tuple[str, str]:
    """Extra CTEs and the SELECT for "initiatives with a property / initiatives" per city, sector and programme.

    ``base`` is a CTE name with (period_start, initiative_id, programme_id); ``joins`` add what ``hit`` (a boolean
    SQL expression over alias ``b`` and the joined tables) needs.
    """
    ctes = f"""
flags AS (
    SELECT b.period_start, b.initiative_id, b.programme_id, COALESCE(({hit}), false) AS hit
    FROM {base} b {joins}
)"""
    parts = []
    if "city" in scopes:
        parts.append(f"""
SELECT p.period_start, 'city' AS scope, 0 AS scope_id,
       count(f.initiative_id) FILTER (WHERE f.hit) AS numerator, count(f.initiative_id) AS denominator,
       {ratio("count(f.initiative_id) FILTER (WHERE f.hit)", "count(f.initiative_id)")} AS value
FROM periods p LEFT JOIN flags f ON f.period_start = p.period_start
GROUP BY p.period_start""")
    if "sector" in scopes:
        parts.append(f"""
SELECT f.period_start, 'sector', s.sector_id,
       count(*) FILTER (WHERE f.hit), count(*), {ratio("count(*) FILTER (WHERE f.hit)", "count(*)")}
FROM flags f
JOIN active_sectors s ON s.period_start = f.period_start AND s.initiative_id = f.initiative_id
GROUP BY f.period_start, s.sector_id""")
    if "programme" in scopes:
        parts.append(f"""
SELECT f.period_start, 'programme', f.programme_id,
       count(*) FILTER (WHERE f.hit), count(*), {ratio("count(*) FILTER (WHERE f.hit)", "count(*)")}
FROM flags f WHERE f.programme_id IS NOT NULL
GROUP BY f.period_start, f.programme_id""")
    return ctes, "\nUNION ALL\n".join(parts)
