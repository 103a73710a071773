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
    SELECT i.id, i.programme_id, i.start_date, i.status, e.end_date,
           date_trunc(%(period_kind)s, i.start_date)::date AS first_period,
           date_trunc(%(period_kind)s, e.end_date)::date AS last_period
    FROM initiatives_initiative i
    CROSS JOIN LATERAL (
        SELECT COALESCE(i.end_date, CASE WHEN i.status IN ('completed', 'discontinued')
                                         THEN (i.updated_at AT TIME ZONE %(tz)s)::date END) AS end_date
    ) e
    WHERE i.status IN ('active', 'completed', 'discontinued')
),
-- The facts of each initiative are reduced once, before any period is joined: the first and last period it is
-- active in (``first_period``, ``last_period``; NULL: still running), kept only when that reaches into the periods
-- computed (or the one before them). Spreading over the periods comes last, and where an indicator can, after
-- grouping the initiatives by those periods: a handful of periods times a few thousand groups, not times every
-- initiative (× unit × sector).
active_span AS (
    SELECT s.id AS initiative_id, s.programme_id, s.first_period, s.last_period
    FROM initiative_span s
    WHERE s.first_period < %(until)s AND (s.last_period IS NULL OR s.last_period >= %(previous)s)
      AND (s.last_period IS NULL OR s.first_period <= s.last_period)
),
active AS (
    SELECT p.period_start, p.period_end, s.initiative_id, s.programme_id
    FROM all_periods p
    JOIN active_span s
      ON s.first_period <= p.period_start AND (s.last_period IS NULL OR s.last_period >= p.period_start)
),
-- Each unit's and each sector's first joining of an initiative, and the periods in which that unit (sector) takes
-- part in it: from the later of the initiative's start and the joining, to the initiative's end.
unit_joined AS (
    SELECT pa.initiative_id, pa.unit_id, u.sector_id, min(pa.joined_on) AS joined_on
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    GROUP BY pa.initiative_id, pa.unit_id, u.sector_id
),
sector_joined AS (
    SELECT pa.initiative_id, u.sector_id, min(pa.joined_on) AS joined_on
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    GROUP BY pa.initiative_id, u.sector_id
),
unit_span AS (
    SELECT s.initiative_id, s.programme_id, uj.unit_id, uj.sector_id,
           GREATEST(s.first_period, date_trunc(%(period_kind)s, uj.joined_on)::date) AS first_period, s.last_period
    FROM active_span s JOIN unit_joined uj ON uj.initiative_id = s.initiative_id
),
sector_span AS (
    SELECT s.initiative_id, s.programme_id, sj.sector_id,
           GREATEST(s.first_period, date_trunc(%(period_kind)s, sj.joined_on)::date) AS first_period, s.last_period
    FROM active_span s JOIN sector_joined sj ON sj.initiative_id = s.initiative_id
),
-- The period from which an initiative has units of two (three) sectors; NULL: not yet.
sector_thresholds AS (
    SELECT initiative_id,
           (array_agg(first_period ORDER BY first_period))[2] AS two_sectors_from,
           (array_agg(first_period ORDER BY first_period))[3] AS three_sectors_from
    FROM sector_span GROUP BY initiative_id
),
active_units AS (
    SELECT p.period_start, x.initiative_id, x.unit_id, x.sector_id
    FROM all_periods p
    JOIN unit_span x
      ON x.first_period <= p.period_start AND (x.last_period IS NULL OR x.last_period >= p.period_start)
),
active_sectors AS (
    SELECT p.period_start, x.initiative_id, x.sector_id
    FROM all_periods p
    JOIN sector_span x
      ON x.first_period <= p.period_start AND (x.last_period IS NULL OR x.last_period >= p.period_start)
),
-- The active initiatives with units of at least two (three) sectors: from the period the second (third) sector
-- joined to the initiative's end.
cross_sector_span AS (
    SELECT s.initiative_id, s.programme_id, GREATEST(s.first_period, t.two_sectors_from) AS first_period,
           s.last_period
    FROM active_span s JOIN sector_thresholds t ON t.initiative_id = s.initiative_id
    WHERE t.two_sectors_from IS NOT NULL
),
three_sector_span AS (
    SELECT s.initiative_id, s.programme_id, GREATEST(s.first_period, t.three_sectors_from) AS first_period,
           s.last_period
    FROM active_span s JOIN sector_thresholds t ON t.initiative_id = s.initiative_id
    WHERE t.three_sectors_from IS NOT NULL
),
-- Sector pairs (a < b) that share at least one active initiative in a period: each initiative's pairs reduced to
-- the periods they share it from and to, the same spans of all initiatives counted once, then spread.
pair_spans AS (
    SELECT DISTINCT x.sector_id AS a, y.sector_id AS b, GREATEST(x.first_period, y.first_period) AS first_period,
           x.last_period
    FROM sector_span x
    JOIN sector_span y ON y.initiative_id = x.initiative_id AND x.sector_id < y.sector_id
),
sector_pairs AS (
    SELECT DISTINCT p.period_start, s.a, s.b
    FROM all_periods p
    JOIN pair_spans s ON s.first_period <= p.period_start AND (s.last_period IS NULL OR s.last_period >= p.period_start)
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


def covers(span: str, period: str) -> str:
    """SQL: the span ``span`` (alias with ``first_period``, ``last_period``; NULL: open) counts in ``period``."""
    return f"{span}.first_period <= {period} AND ({span}.last_period IS NULL OR {span}.last_period >= {period})"


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
    the sectors of its initiative that take part in it in that period (``sector_span`` over ``r.initiative_id``), or
    to ``r.<sector_column>`` when given, and to the programme ``r.programme_id``. Rows of the period before the
    first (``all_periods``) are left out.
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
        # The sectors of each row's initiative from their spans (by initiative, then the period compared), not from
        # ``active_sectors``, which would spread every active initiative's sectors over the periods first.
        parts.append(f"""
SELECT r.period_start, 'sector', s.sector_id, {aggregates}
FROM {source} r
JOIN sector_span s ON s.initiative_id = r.initiative_id AND {covers("s", "r.period_start")}
WHERE r.period_start >= %(since)s
GROUP BY r.period_start, s.sector_id""")
    elif SECTOR in scopes:
        parts.append(f"""
SELECT r.period_start, 'sector', r.{sector_column}, {aggregates}
FROM {source} r WHERE r.{sector_column} IS NOT NULL AND r.period_start >= %(since)s
GROUP BY r.period_start, r.{sector_column}""")
    if PROGRAMME in scopes:
        parts.append(f"""
SELECT r.period_start, 'programme', r.programme_id, {aggregates}
FROM {source} r WHERE r.programme_id IS NOT NULL AND r.period_start >= %(since)s
GROUP BY r.period_start, r.programme_id""")
    return "\nUNION ALL\n".join(parts)


# ``hit_from`` of a property an initiative has (or lacks) in every period it is active in.
ALWAYS = "'-infinity'::date"


def always(condition: str) -> str:
    """``hit_from`` for a property that does not change over the periods: from always if ``condition``, else never."""
    return f"CASE WHEN {condition} THEN {ALWAYS} END"


def share_of_initiatives(
    *, joins: str, hit_from: str, scopes: tuple[str, ...], spans: str = "active_span"
) -> tuple[str, str]:
    """Extra CTEs and the SELECT for "initiatives with a property / initiatives" per city, sector and programme.

    ``spans`` is a CTE with a row per initiative (initiative_id, programme_id, first_period, last_period: the
    periods it counts in; by default each active initiative's); ``joins`` add what ``hit_from`` (SQL over alias
    ``b`` and the joined tables) needs: the first period in which the initiative has the property (NULL: never,
    :data:`ALWAYS`: from the start). The initiatives are grouped by those three periods per scope and only the
    groups are spread over the periods (the baseline's shape: a handful of periods times the groups, not times
    every initiative). The drill-down lists the ``flags`` (a row per period and initiative) that ``hit``.
    """
    sector_groups = """
    UNION ALL
    SELECT 'sector', x.sector_id, GREATEST(f.first_period, x.first_period), LEAST(f.last_period, x.last_period),
           f.hit_from, count(*)
    FROM facts f JOIN sector_span x ON x.initiative_id = f.initiative_id
    GROUP BY 2, 3, 4, 5"""
    programme_groups = """
    UNION ALL
    SELECT 'programme', programme_id, first_period, last_period, hit_from, count(*)
    FROM facts WHERE programme_id IS NOT NULL
    GROUP BY 2, 3, 4, 5"""
    groups = (sector_groups if SECTOR in scopes else "") + (programme_groups if PROGRAMME in scopes else "")
    ctes = f"""
facts AS (
    SELECT b.initiative_id, b.programme_id, b.first_period, b.last_period, ({hit_from}) AS hit_from
    FROM {spans} b {joins}
),
share_groups AS (
    SELECT 'city' AS scope, 0::bigint AS scope_id, first_period, last_period, hit_from, count(*) AS initiatives
    FROM facts GROUP BY first_period, last_period, hit_from{groups}
),
shares AS (
    SELECT p.period_start, g.scope, g.scope_id, sum(g.initiatives) AS initiatives,
           COALESCE(sum(g.initiatives) FILTER (WHERE g.hit_from <= p.period_start), 0) AS hits
    FROM periods p JOIN share_groups g ON {covers("g", "p.period_start")}
    GROUP BY p.period_start, g.scope, g.scope_id
),
flags AS (
    SELECT p.period_start, f.initiative_id, f.programme_id, COALESCE(f.hit_from <= p.period_start, false) AS hit
    FROM periods p JOIN facts f ON {covers("f", "p.period_start")}
)"""
    select = f"""
SELECT p.period_start, 'city', 0, COALESCE(s.hits, 0), COALESCE(s.initiatives, 0),
       {ratio("COALESCE(s.hits, 0)", "s.initiatives")}
FROM periods p LEFT JOIN shares s ON s.period_start = p.period_start AND s.scope = 'city'
UNION ALL
SELECT s.period_start, s.scope, s.scope_id, s.hits, s.initiatives, {ratio("s.hits", "s.initiatives")}
FROM shares s WHERE s.scope <> 'city'"""
    return ctes, select


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
