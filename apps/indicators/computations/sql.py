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
Parameters (filled in by :func:`base_query`): ``since`` (first period start), ``until`` (exclusive end), ``step``
(the period as an interval), ``previous`` (start of the period before ``since``), ``tz`` (the city's time zone),
``culture_slug``, ``civic_slugs``, ``periods`` (how many).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from apps.indicators.periods import INTERVALS, STEPS, period_starts

CITY, SECTOR, PROGRAMME = "city", "sector", "programme"
ALL_SCOPES = (CITY, SECTOR, PROGRAMME)

SHARED_CTES = """
-- Counted in integers: the planner knows how many rows a series of integers has (a series of dates it guesses at
-- 1,000), and with 12 periods instead of 1,000 it picks hash joins and sizes every join after them right.
periods AS (
    SELECT (%(since)s::date + k * %(step)s::interval)::date AS period_start,
           (%(since)s::date + (k + 1) * %(step)s::interval)::date AS period_end
    FROM generate_series(0, %(periods)s - 1) AS k
),
-- The periods to compute plus the one before them, for indicators that compare with the previous period.
all_periods AS (
    SELECT (%(previous)s::date + k * %(step)s::interval)::date AS period_start,
           (%(previous)s::date + (k + 1) * %(step)s::interval)::date AS period_end
    FROM generate_series(0, %(periods)s) AS k
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
-- Each unit's (and each sector's) first joining of an initiative, reduced once per initiative: joined to the
-- active rows without a DISTINCT over period × initiative × unit rows.
unit_joined AS (
    SELECT pa.initiative_id, pa.unit_id, u.sector_id, min(pa.joined_on) AS joined_on
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    GROUP BY pa.initiative_id, pa.unit_id, u.sector_id
),
sector_joined AS (
    SELECT initiative_id, sector_id, min(joined_on) AS joined_on FROM unit_joined GROUP BY initiative_id, sector_id
),
active_units AS (
    SELECT a.period_start, a.initiative_id, uj.unit_id, uj.sector_id
    FROM active a JOIN unit_joined uj ON uj.initiative_id = a.initiative_id AND uj.joined_on < a.period_end
),
active_sectors AS (
    SELECT a.period_start, a.initiative_id, sj.sector_id
    FROM active a JOIN sector_joined sj ON sj.initiative_id = a.initiative_id AND sj.joined_on < a.period_end
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


def per_scope(
    source: str,
    *,
    numerator: str,
    denominator: str,
    value: str | None = None,
    scopes: tuple[str, ...] = ALL_SCOPES,
    sector_column: str | None = None,
) -> str:
    """The SELECT of a value per period for the city and for each sector and programme, over the rows of ``source``.

    ``numerator``, ``denominator`` and ``value`` (by default their ratio) are aggregates over alias ``r``. The city
    row joins the periods to ``source``, so a period without rows still gets a city row; there its aggregates see
    one all-NULL row, so they must count columns (``count(r.initiative_id)``), never ``count(*)``. A row belongs to
    the sectors of its initiative (``active_sectors`` over ``r.initiative_id``), or to ``r.<sector_column>`` when
    given, and to the programme ``r.programme_id``.
    """
    value = value or ratio(numerator, denominator)
    aggregates = f"{numerator}, {denominator}, {value}"
    parts = []
    if CITY in scopes:
        parts.append(f"""
SELECT p.period_start, 'city' AS scope, 0 AS scope_id,
       {numerator} AS numerator, {denominator} AS denominator, {value} AS value
FROM periods p LEFT JOIN {source} r ON r.period_start = p.period_start
GROUP BY p.period_start""")
    if SECTOR in scopes and sector_column is None:
        parts.append(f"""
SELECT r.period_start, 'sector', s.sector_id, {aggregates}
FROM {source} r JOIN active_sectors s ON s.period_start = r.period_start AND s.initiative_id = r.initiative_id
GROUP BY r.period_start, s.sector_id""")
    elif SECTOR in scopes:
        parts.append(f"""
SELECT r.period_start, 'sector', r.{sector_column}, {aggregates}
FROM {source} r WHERE r.{sector_column} IS NOT NULL
GROUP BY r.period_start, r.{sector_column}""")
    if PROGRAMME in scopes:
        parts.append(f"""
SELECT r.period_start, 'programme', r.programme_id, {aggregates}
FROM {source} r WHERE r.programme_id IS NOT NULL
GROUP BY r.period_start, r.programme_id""")
    return "\nUNION ALL\n".join(parts)


def share_of_initiatives(*, base: str, joins: str, hit: str, scopes: tuple[str, ...]) -> tuple[str, str]:
    """Extra CTEs and the SELECT for "initiatives with a property / initiatives" per city, sector and programme.

    ``base`` is a CTE name with (period_start, initiative_id, programme_id); ``joins`` add what ``hit`` (a boolean
    SQL expression over alias ``b`` and the joined tables) needs. The drill-down lists the ``flags`` that ``hit``.
    """
    ctes = f"""
flags AS (
    SELECT b.period_start, b.initiative_id, b.programme_id, COALESCE(({hit}), false) AS hit
    FROM {base} b {joins}
)"""
    hits = "count(r.initiative_id) FILTER (WHERE r.hit)"
    return ctes, per_scope("flags", numerator=hits, denominator="count(r.initiative_id)", scopes=scopes)


def base_query(*ctes: str, period_kind: str, since: date, until: date) -> tuple[str, dict, date, date]:
    """A WITH-clause of the shared CTEs and ``ctes``, its parameters, and the [first, end) of the periods covered."""
    starts = period_starts(period_kind, since, until)
    first, end = starts[0], starts[-1] + STEPS[period_kind]
    extra = ",\n".join(cte.strip().rstrip(",") for cte in ctes if cte.strip())
    with_clause = f"WITH {SHARED_CTES},\n{extra}"
    params = {
        "period_kind": period_kind,
        "periods": len(starts),
        "since": first,
        "until": end,
        "previous": first - STEPS[period_kind],
        "step": INTERVALS[period_kind],
        "tz": settings.TIME_ZONE,
        "culture_slug": settings.SILTA_CULTURE_SECTOR_SLUG,
        "civic_slugs": list(settings.SILTA_CIVIC_SECTOR_SLUGS),
    }
    return with_clause, params, first, end
