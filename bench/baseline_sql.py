"""An independent baseline for ``make bench``: plain SQL per indicator, written apart from apps/indicators.

Each statement returns the same rows as Silta's computation, ``(period_start, scope, scope_id, numerator,
denominator, value)`` for the periods in [since, until), but reaches them the obvious way: it first reduces every
initiative (or initiative × sector, sector pair, booking) to a few dates bucketed into periods (``date_trunc``: the
period it starts counting in, its last period, the period from which it is a "hit") and only then spreads those
facts over the periods. Nothing here imports the indicators' SQL, so a match is a real cross-check and the ratio
of the two timings shows what Silta's SQL costs beyond the work itself.

The definitions, in words (docs/indicators.md has the long form):
- an initiative counts in a period when its status is active, completed or discontinued, it started before the
  period ended and it has not ended before the period began (a completed or discontinued initiative without an end
  date ended on its last update, a local date);
- a unit takes part from the period in which it joined; an initiative's sectors are those of its units so far.
"""

from __future__ import annotations

import math
from datetime import date

from django.conf import settings
from django.db import connection, transaction

UNITS = {"month": "month", "quarter": "quarter", "year": "year"}
STEPS = {"month": "1 month", "quarter": "3 months", "year": "1 year"}
MONTHS = {"month": 1, "quarter": 3, "year": 12}

# The periods to report, and the facts of every initiative that can count in one.
COMMON = """
-- Counted in integers: the planner knows how many rows an integer series has (not a series of dates), so it
-- neither overestimates every join after it nor spends a second compiling the statement (JIT).
periods AS (
    SELECT (%(since)s::date + k * %(step)s::interval)::date AS ps,
           (%(since)s::date + (k + 1) * %(step)s::interval)::date AS pe
    FROM generate_series(0, %(count)s - 1) AS k
),
spans AS (
    SELECT i.id AS initiative_id, i.programme_id, i.status,
           date_trunc(%(unit)s, i.start_date)::date AS first_p,
           date_trunc(%(unit)s, CASE
               WHEN i.end_date IS NOT NULL THEN i.end_date
               WHEN i.status IN ('completed', 'discontinued') THEN (i.updated_at AT TIME ZONE %(tz)s)::date
           END)::date AS last_p
    FROM initiatives_initiative i
    WHERE i.status IN ('active', 'completed', 'discontinued')
),
-- When each sector of an initiative joined it: the period of its first unit's joining.
sector_since AS (
    SELECT pa.initiative_id, u.sector_id, date_trunc(%(unit)s, min(pa.joined_on))::date AS from_p
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    GROUP BY pa.initiative_id, u.sector_id
),
-- The period from which an initiative has two sectors (NULL: never).
second_sector AS (
    SELECT initiative_id, (array_agg(from_p ORDER BY from_p))[2] AS two_p FROM sector_since GROUP BY initiative_id
),
-- An initiative's rows in each sector, counting from the later of its start and the sector's joining.
in_sector AS (
    SELECT s.initiative_id, s.programme_id, ss.sector_id, GREATEST(s.first_p, ss.from_p) AS first_p, s.last_p
    FROM spans s JOIN sector_since ss ON ss.initiative_id = s.initiative_id
)"""


def _share(hit_period: str, joins: str = "", *, counted: str = "spans s", sectors: bool = True) -> str:
    """Initiatives whose ``hit_period`` (the period from which they count as a hit; NULL: never) has come, over the
    initiatives of ``counted`` (alias ``s``, with first_p and last_p; by default every active one), per city, sector
    (unless not ``sectors``) and programme. In a sector an initiative counts from the sector's joining on."""
    by_sector = """
    UNION ALL
    SELECT 'sector', x.sector_id, GREATEST(x.first_p, f.first_p), LEAST(x.last_p, f.last_p), f.hit_p, count(*)
    FROM in_sector x JOIN facts f ON f.initiative_id = x.initiative_id
    GROUP BY x.sector_id, GREATEST(x.first_p, f.first_p), LEAST(x.last_p, f.last_p), f.hit_p"""
    return f"""
facts AS (
    SELECT s.initiative_id, s.programme_id, s.first_p, s.last_p, {hit_period} AS hit_p
    FROM {counted} {joins}
),
grouped AS (
    SELECT 'city' AS scope, 0::bigint AS scope_id, first_p, last_p, hit_p, count(*) AS n FROM facts
    GROUP BY first_p, last_p, hit_p{by_sector if sectors else ""}
    UNION ALL
    SELECT 'programme', programme_id, first_p, last_p, hit_p, count(*) FROM facts WHERE programme_id IS NOT NULL
    GROUP BY programme_id, first_p, last_p, hit_p
),
spread AS (
    SELECT p.ps, g.scope, g.scope_id, sum(g.n) FILTER (WHERE g.hit_p <= p.ps) AS hits, sum(g.n) AS total
    FROM periods p JOIN grouped g ON g.first_p <= p.ps AND (g.last_p IS NULL OR g.last_p >= p.ps)
    GROUP BY p.ps, g.scope, g.scope_id
),
result AS (
    SELECT p.ps, 'city' AS scope, 0::bigint AS scope_id, COALESCE(s.hits, 0) AS num, COALESCE(s.total, 0) AS den
    FROM periods p LEFT JOIN spread s ON s.ps = p.ps AND s.scope = 'city'
    UNION ALL
    SELECT ps, scope, scope_id, COALESCE(hits, 0), total FROM spread WHERE scope <> 'city'
)
SELECT ps, scope, scope_id, num, den, num::float / NULLIF(den, 0) FROM result"""


def _funding(*, outcomes: bool) -> str:
    """Euros of the active initiatives' funding lines of the period's year: jointly funded (two or more funding
    sectors, any external source one of them) or, with ``outcomes``, of programme initiatives with an outcome."""
    hit = "o.first_p <= p.ps" if outcomes else "f.funders >= 2"
    where = "WHERE s.programme_id IS NOT NULL" if outcomes else ""
    sector_part = (
        ""
        if outcomes
        else """
    UNION ALL
    SELECT r.ps, 'sector', x.sector_id, r.euros, r.hit
    FROM rows_ r JOIN in_sector x ON x.initiative_id = r.initiative_id AND x.first_p <= r.ps"""
    )
    return f"""
per_year AS (
    SELECT f.initiative_id, f.year, sum(f.allocated) AS euros, count(DISTINCT COALESCE(u.sector_id, 0)) AS funders
    FROM initiatives_funding f LEFT JOIN sectors_unit u ON u.id = f.source_unit_id
    GROUP BY f.initiative_id, f.year
),
first_outcome AS (
    SELECT initiative_id, date_trunc(%(unit)s, min(recorded_on))::date AS first_p
    FROM initiatives_outcome GROUP BY initiative_id
),
rows_ AS (
    SELECT p.ps, s.initiative_id, s.programme_id, f.euros, COALESCE({hit}, false) AS hit
    FROM spans s
    JOIN per_year f ON f.initiative_id = s.initiative_id
    JOIN periods p ON extract(year FROM p.ps)::int = f.year
    LEFT JOIN first_outcome o ON o.initiative_id = s.initiative_id
    {where} {"AND" if where else "WHERE"} s.first_p <= p.ps AND (s.last_p IS NULL OR s.last_p >= p.ps)
),
scoped AS (
    SELECT ps, 'city' AS scope, 0::bigint AS scope_id, euros, hit FROM rows_
    UNION ALL
    SELECT ps, 'programme', programme_id, euros, hit FROM rows_ WHERE programme_id IS NOT NULL{sector_part}
),
totals AS (
    SELECT ps, scope, scope_id, COALESCE(sum(euros) FILTER (WHERE hit), 0) AS num, sum(euros) AS den
    FROM scoped GROUP BY ps, scope, scope_id
)
SELECT p.ps, 'city', 0::bigint, COALESCE(t.num, 0), t.den, t.num::float / NULLIF(t.den::float, 0)
FROM periods p LEFT JOIN totals t ON t.ps = p.ps AND t.scope = 'city'
UNION ALL
SELECT ps, scope, scope_id, num, den, num::float / NULLIF(den::float, 0) FROM totals WHERE scope <> 'city'"""


# Sector pairs (a < b) of one initiative, from the period both take part and it is active.
PAIRS = """
pair_spans AS (
    SELECT DISTINCT x.sector_id AS a, y.sector_id AS b, GREATEST(x.first_p, y.first_p) AS first_p, x.last_p
    FROM in_sector x JOIN in_sector y ON y.initiative_id = x.initiative_id AND x.sector_id < y.sector_id
),
pairs AS (
    SELECT DISTINCT p.ps, s.a, s.b
    FROM periods p JOIN pair_spans s ON s.first_p <= p.ps AND (s.last_p IS NULL OR s.last_p >= p.ps)
)"""

SECTOR_REACH = f"""
{PAIRS},
sector_spans AS (SELECT DISTINCT sector_id, first_p, last_p FROM in_sector),
present AS (
    SELECT DISTINCT p.ps, s.sector_id
    FROM periods p JOIN sector_spans s ON s.first_p <= p.ps AND (s.last_p IS NULL OR s.last_p >= p.ps)
),
partners AS (SELECT ps, a AS sector_id, b AS other FROM pairs UNION ALL SELECT ps, b, a FROM pairs),
reach AS (
    SELECT pr.ps, pr.sector_id, count(pa.other) AS n
    FROM present pr LEFT JOIN partners pa ON pa.ps = pr.ps AND pa.sector_id = pr.sector_id
    GROUP BY pr.ps, pr.sector_id
),
all_sectors AS (SELECT count(*) AS n FROM sectors_sector)
SELECT ps, 'sector', sector_id, n, NULL::float, n FROM reach
UNION ALL
SELECT p.ps, 'city', 0, sum(r.n), (SELECT n FROM all_sectors), sum(r.n)::float / NULLIF((SELECT n FROM all_sectors), 0)
FROM periods p LEFT JOIN reach r ON r.ps = p.ps GROUP BY p.ps"""

NETWORK_DENSITY = f"""
{PAIRS},
city_sector AS (SELECT id FROM sectors_sector WHERE kind = 'city'),
possible AS (SELECT count(*) * (count(*) - 1) / 2 AS n FROM city_sector),
city_pairs AS (
    SELECT ps, count(*) AS n FROM pairs
    WHERE a IN (SELECT id FROM city_sector) AND b IN (SELECT id FROM city_sector) GROUP BY ps
)
SELECT p.ps, 'city', 0, COALESCE(c.n, 0), (SELECT n FROM possible),
       COALESCE(c.n, 0)::float / NULLIF((SELECT n FROM possible), 0)
FROM periods p LEFT JOIN city_pairs c ON c.ps = p.ps"""

TIME_TO_PARTNER = """
home AS (
    SELECT DISTINCT ON (pa.initiative_id) pa.initiative_id, u.sector_id
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    ORDER BY pa.initiative_id, pa.role = 'lead' DESC, pa.joined_on, pa.id
),
first_partner AS (
    SELECT pa.initiative_id, min(pa.joined_on) AS joined_on
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    JOIN home h ON h.initiative_id = pa.initiative_id AND u.sector_id <> h.sector_id
    GROUP BY pa.initiative_id
),
logged AS (
    SELECT date_trunc(%(unit)s, i.created_at AT TIME ZONE %(tz)s)::date AS ps, i.id, i.programme_id,
           h.sector_id AS home_sector,
           -- GREATEST ignores NULLs, so "no partner yet" needs its own case (else it reads as 0 days).
           CASE WHEN fp.joined_on IS NOT NULL
                THEN GREATEST(fp.joined_on - (i.created_at AT TIME ZONE %(tz)s)::date, 0) END AS days
    FROM initiatives_initiative i
    LEFT JOIN home h ON h.initiative_id = i.id
    LEFT JOIN first_partner fp ON fp.initiative_id = i.id
    WHERE i.created_at >= %(since)s::timestamp AT TIME ZONE %(tz)s
      AND i.created_at < %(until)s::timestamp AT TIME ZONE %(tz)s
),
scoped AS (
    SELECT ps, 'city' AS scope, 0::bigint AS scope_id, id, days FROM logged
    UNION ALL SELECT ps, 'sector', home_sector, id, days FROM logged WHERE home_sector IS NOT NULL
    UNION ALL SELECT ps, 'programme', programme_id, id, days FROM logged WHERE programme_id IS NOT NULL
),
result AS (
    SELECT ps, scope, scope_id, count(days) AS num, count(*) AS den,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median
    FROM scoped GROUP BY ps, scope, scope_id
)
SELECT p.ps, 'city', 0::bigint, COALESCE(r.num, 0), COALESCE(r.den, 0), r.median
FROM periods p LEFT JOIN result r ON r.ps = p.ps AND r.scope = 'city'
UNION ALL
SELECT ps, scope, scope_id, num, den, median FROM result WHERE scope <> 'city'"""

BUS_FACTOR = """
cross_sector AS (
    SELECT s.initiative_id, s.programme_id, GREATEST(s.first_p, t.two_p) AS first_p, s.last_p
    FROM spans s JOIN second_sector t ON t.initiative_id = s.initiative_id WHERE t.two_p IS NOT NULL
),
roles AS (
    SELECT p.ps, c.programme_id, cp.person_id
    FROM cross_sector c
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = c.initiative_id
    JOIN periods p ON c.first_p <= p.ps AND (c.last_p IS NULL OR c.last_p >= p.ps)
),
per_person AS (
    SELECT ps, 'city' AS scope, 0::bigint AS scope_id, person_id, count(*) AS n FROM roles GROUP BY ps, person_id
    UNION ALL
    SELECT ps, 'programme', programme_id, person_id, count(*) FROM roles WHERE programme_id IS NOT NULL
    GROUP BY ps, programme_id, person_id
),
running AS (
    SELECT ps, scope, scope_id,
           sum(n) OVER (PARTITION BY ps, scope, scope_id ORDER BY n DESC, person_id ROWS UNBOUNDED PRECEDING) AS so_far,
           sum(n) OVER (PARTITION BY ps, scope, scope_id) AS total
    FROM per_person
),
-- The fewest people holding more than half of the roles: those before the one that passes half, plus that one.
factor AS (
    SELECT ps, scope, scope_id, count(*) FILTER (WHERE so_far * 2 <= total) + 1 AS carriers, count(*) AS persons
    FROM running GROUP BY ps, scope, scope_id
)
SELECT p.ps, 'city', 0::bigint, f.carriers, f.persons, f.carriers
FROM periods p LEFT JOIN factor f ON f.ps = p.ps AND f.scope = 'city'
UNION ALL
SELECT ps, scope, scope_id, carriers, persons, carriers FROM factor WHERE scope = 'programme'"""

SECTOR_DIVERSITY = """
unit_since AS (
    SELECT pa.initiative_id, pa.unit_id, u.sector_id, date_trunc(%(unit)s, min(pa.joined_on))::date AS from_p
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    GROUP BY pa.initiative_id, pa.unit_id, u.sector_id
),
-- The composition of an initiative's units changes only in the periods in which a unit joined.
changes AS (
    SELECT initiative_id, from_p AS at_p, lead(from_p) OVER (PARTITION BY initiative_id ORDER BY from_p) AS next_p
    FROM (SELECT DISTINCT initiative_id, from_p FROM unit_since) c
),
per_sector AS (
    SELECT c.initiative_id, c.at_p, c.next_p, u.sector_id, count(*) AS units,
           sum(count(*)) OVER (PARTITION BY c.initiative_id, c.at_p) AS all_units
    FROM changes c JOIN unit_since u ON u.initiative_id = c.initiative_id AND u.from_p <= c.at_p
    GROUP BY c.initiative_id, c.at_p, c.next_p, u.sector_id
),
blau AS (
    SELECT initiative_id, at_p, next_p, sector_id,
           1 - sum((units / all_units) ^ 2) OVER (PARTITION BY initiative_id, at_p) AS diversity
    FROM per_sector
),
rows_ AS (
    SELECT p.ps, s.initiative_id, s.programme_id, b.sector_id, b.diversity
    FROM spans s
    JOIN blau b ON b.initiative_id = s.initiative_id
    JOIN periods p ON p.ps >= b.at_p AND (b.next_p IS NULL OR p.ps < b.next_p)
     AND s.first_p <= p.ps AND (s.last_p IS NULL OR s.last_p >= p.ps)
),
per_initiative AS (SELECT DISTINCT ps, initiative_id, programme_id, diversity FROM rows_),
totals AS (
    SELECT ps, 'city' AS scope, 0::bigint AS scope_id, sum(diversity) AS num, count(*) AS den
    FROM per_initiative GROUP BY ps
    UNION ALL
    SELECT ps, 'sector', sector_id, sum(diversity), count(*) FROM rows_ GROUP BY ps, sector_id
    UNION ALL
    SELECT ps, 'programme', programme_id, sum(diversity), count(*) FROM per_initiative
    WHERE programme_id IS NOT NULL GROUP BY ps, programme_id
)
SELECT p.ps, 'city', 0::bigint, t.num, COALESCE(t.den, 0), t.num::float / NULLIF(t.den, 0)
FROM periods p LEFT JOIN totals t ON t.ps = p.ps AND t.scope = 'city'
UNION ALL
SELECT ps, scope, scope_id, num, den, num::float / NULLIF(den, 0) FROM totals WHERE scope <> 'city'"""

ALWAYS = "DATE '0001-01-01'"  # the hit period of a property an initiative has from its start

CIVIC_INVOLVEMENT = _share(
    f"CASE WHEN i.involves_residents OR i.involves_ngos THEN {ALWAYS} ELSE civic.from_p END",
    """JOIN initiatives_initiative i ON i.id = s.initiative_id
    LEFT JOIN (
        SELECT ss.initiative_id, min(ss.from_p) AS from_p
        FROM sector_since ss JOIN sectors_sector sec ON sec.id = ss.sector_id
        WHERE sec.slug = ANY(%(civic_slugs)s) GROUP BY ss.initiative_id
    ) civic ON civic.initiative_id = s.initiative_id""",
)

STRATEGY_ALIGNMENT = _share(
    f"""CASE WHEN EXISTS (SELECT 1 FROM initiatives_initiative_strategy_goals g WHERE g.initiative_id = s.initiative_id)
         THEN {ALWAYS} END"""
)

# Programme initiatives only, per city and programme: a hit from the period the culture sector joined.
CULTURE_IN_PROGRAMMES = _share(
    "culture.from_p",
    """LEFT JOIN sector_since culture ON culture.initiative_id = s.initiative_id
     AND culture.sector_id = (SELECT id FROM sectors_sector WHERE slug = %(culture_slug)s)""",
    counted="(SELECT * FROM spans WHERE programme_id IS NOT NULL) s",
    sectors=False,
)

# Completed initiatives, each in the one period it ended in; a hit if it has any outcome.
OUTCOME_RATE = _share(
    f"CASE WHEN EXISTS (SELECT 1 FROM initiatives_outcome o WHERE o.initiative_id = s.initiative_id) THEN {ALWAYS} END",
    counted="(SELECT initiative_id, programme_id, last_p AS first_p, last_p FROM spans WHERE status = 'completed') s",
)

MEETING_BREADTH = """
meetings AS (
    SELECT date_trunc(%(unit)s, m.held_on)::date AS ps, m.programme_id,
           (SELECT count(DISTINCT u.sector_id)
            FROM programmes_meeting_attendees ma
            JOIN sectors_person pe ON pe.id = ma.person_id JOIN sectors_unit u ON u.id = pe.unit_id
            WHERE ma.meeting_id = m.id) AS sectors
    FROM programmes_meeting m WHERE m.held_on >= %(since)s AND m.held_on < %(until)s
)
SELECT p.ps, 'city', 0::bigint, sum(m.sectors), count(m.ps), sum(m.sectors)::float / NULLIF(count(m.ps), 0)
FROM periods p LEFT JOIN meetings m ON m.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'programme', programme_id, sum(sectors), count(*), sum(sectors)::float / count(*)
FROM meetings WHERE programme_id IS NOT NULL GROUP BY ps, programme_id"""

# A pair lasts when it also shared an initiative in the period before.
TIE_CONTINUITY = f"""
{PAIRS},
pairs_before AS (
    SELECT DISTINCT p.ps, s.a, s.b
    FROM periods p
    JOIN pair_spans s ON s.first_p <= (p.ps - %(step)s::interval)::date
     AND (s.last_p IS NULL OR s.last_p >= (p.ps - %(step)s::interval)::date)
),
lasting AS (
    SELECT x.ps, x.a, x.b, y.a IS NOT NULL AS lasts
    FROM pairs x LEFT JOIN pairs_before y ON y.ps = x.ps AND y.a = x.a AND y.b = x.b
)
SELECT p.ps, 'city', 0::bigint, count(l.a) FILTER (WHERE l.lasts), count(l.a),
       (count(l.a) FILTER (WHERE l.lasts))::float / NULLIF(count(l.a), 0)
FROM periods p LEFT JOIN lasting l ON l.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT l.ps, 'sector', sec.id, count(*) FILTER (WHERE l.lasts), count(*),
       (count(*) FILTER (WHERE l.lasts))::float / count(*)
FROM lasting l JOIN sectors_sector sec ON sec.id IN (l.a, l.b) GROUP BY l.ps, sec.id"""

# Freeman's centralisation over all sectors: Σ (max degree − degree) = n × max − Σ degree (ties-less sectors: 0).
DEGREE_CENTRALIZATION = f"""
{PAIRS},
degree AS (
    SELECT ps, sec.id, count(*) AS d FROM pairs JOIN sectors_sector sec ON sec.id IN (pairs.a, pairs.b)
    GROUP BY ps, sec.id
),
per_period AS (SELECT ps, max(d) AS top, sum(d) AS total FROM degree GROUP BY ps),
n AS (SELECT count(*)::float AS n FROM sectors_sector)
SELECT p.ps, 'city', 0::bigint, (SELECT n FROM n) * d.top - d.total,
       (SELECT CASE WHEN n >= 3 THEN (n - 1) * (n - 2) END FROM n),
       ((SELECT n FROM n) * d.top - d.total) / (SELECT CASE WHEN n >= 3 THEN (n - 1) * (n - 2) END FROM n)
FROM periods p LEFT JOIN per_period d ON d.ps = p.ps"""

# Unit ties: two units (a < b) sharing an active initiative, each pair once a period. For a sector, a tie with one
# end in it is external, with both ends in it internal.
EI_INDEX = """
unit_from AS (
    SELECT pa.initiative_id, pa.unit_id, u.sector_id, date_trunc(%(unit)s, min(pa.joined_on))::date AS from_p
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    GROUP BY pa.initiative_id, pa.unit_id, u.sector_id
),
in_unit AS (
    SELECT uf.initiative_id, uf.unit_id, uf.sector_id, GREATEST(s.first_p, uf.from_p) AS first_p, s.last_p
    FROM spans s JOIN unit_from uf ON uf.initiative_id = s.initiative_id
),
tie_spans AS (
    SELECT DISTINCT x.unit_id AS ua, y.unit_id AS ub, x.sector_id AS sa, y.sector_id AS sb,
           GREATEST(x.first_p, y.first_p) AS first_p, x.last_p
    FROM in_unit x JOIN in_unit y ON y.initiative_id = x.initiative_id AND x.unit_id < y.unit_id
),
ties AS (
    SELECT DISTINCT p.ps, t.ua, t.ub, t.sa, t.sb
    FROM periods p JOIN tie_spans t ON t.first_p <= p.ps AND (t.last_p IS NULL OR t.last_p >= p.ps)
),
per_sector AS (
    SELECT t.ps, sec.id AS sector_id,
           count(*) FILTER (WHERE (t.sa = sec.id) <> (t.sb = sec.id)) AS ext,
           count(*) FILTER (WHERE t.sa = sec.id AND t.sb = sec.id) AS int
    FROM ties t JOIN sectors_sector sec ON sec.id IN (t.sa, t.sb) GROUP BY t.ps, sec.id
),
city AS (
    SELECT ps, count(*) FILTER (WHERE sa <> sb) AS ext, count(*) FILTER (WHERE sa = sb) AS int FROM ties GROUP BY ps
)
SELECT p.ps, 'city', 0::bigint, COALESCE(c.ext - c.int, 0), COALESCE(c.ext + c.int, 0),
       (c.ext - c.int)::float / NULLIF(c.ext + c.int, 0)
FROM periods p LEFT JOIN city c ON c.ps = p.ps
UNION ALL
SELECT ps, 'sector', sector_id, ext - int, ext + int, (ext - int)::float / (ext + int) FROM per_sector"""

# Goals with at least one active initiative of two or more sectors in the period, of all goals (city) and of the
# goals of each sector.
GOAL_COVERAGE = """
cross_sector AS (
    SELECT s.initiative_id, GREATEST(s.first_p, t.two_p) AS first_p, s.last_p
    FROM spans s JOIN second_sector t ON t.initiative_id = s.initiative_id WHERE t.two_p IS NOT NULL
),
goal_spans AS (
    SELECT DISTINCT g.strategygoal_id AS goal_id, c.first_p, c.last_p
    FROM cross_sector c JOIN initiatives_initiative_strategy_goals g ON g.initiative_id = c.initiative_id
),
covered AS (
    SELECT DISTINCT p.ps, gs.goal_id
    FROM periods p JOIN goal_spans gs ON gs.first_p <= p.ps AND (gs.last_p IS NULL OR gs.last_p >= p.ps)
),
goals AS (
    SELECT p.ps, g.id, g.sector_id, c.goal_id IS NOT NULL AS covered
    FROM periods p CROSS JOIN strategy_strategygoal g LEFT JOIN covered c ON c.ps = p.ps AND c.goal_id = g.id
)
SELECT p.ps, 'city', 0::bigint, count(g.id) FILTER (WHERE g.covered), count(g.id),
       (count(g.id) FILTER (WHERE g.covered))::float / NULLIF(count(g.id), 0)
FROM periods p LEFT JOIN goals g ON g.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'sector', sector_id, count(*) FILTER (WHERE covered), count(*),
       (count(*) FILTER (WHERE covered))::float / count(*)
FROM goals WHERE sector_id IS NOT NULL GROUP BY ps, sector_id"""

# Contact persons of active initiatives with units of three or more sectors: counted per city, per their own
# unit's sector and per programme of those initiatives.
BOUNDARY_SPANNERS = """
three_sectors AS (
    SELECT s.initiative_id, s.programme_id, GREATEST(s.first_p, t.three_p) AS first_p, s.last_p
    FROM spans s
    JOIN (SELECT initiative_id, (array_agg(from_p ORDER BY from_p))[3] AS three_p FROM sector_since
          GROUP BY initiative_id) t ON t.initiative_id = s.initiative_id
    WHERE t.three_p IS NOT NULL
),
spanners AS (
    SELECT p.ps, cp.person_id, t.programme_id, u.sector_id
    FROM three_sectors t
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = t.initiative_id
    JOIN sectors_person pe ON pe.id = cp.person_id JOIN sectors_unit u ON u.id = pe.unit_id
    JOIN periods p ON t.first_p <= p.ps AND (t.last_p IS NULL OR t.last_p >= p.ps)
)
SELECT p.ps, 'city', 0::bigint, count(DISTINCT s.person_id), NULL::float, count(DISTINCT s.person_id)
FROM periods p LEFT JOIN spanners s ON s.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'sector', sector_id, count(DISTINCT person_id), NULL::float, count(DISTINCT person_id)
FROM spanners GROUP BY ps, sector_id
UNION ALL
SELECT ps, 'programme', programme_id, count(DISTINCT person_id), NULL::float, count(DISTINCT person_id)
FROM spanners WHERE programme_id IS NOT NULL GROUP BY ps, programme_id"""

# Confirmed bookings cut into the periods they touch. Nearly every booking lies within one period: it finds that
# period by its start (a hash join, no period compared with every booking); the few across a boundary are cut
# against each period they overlap.
BOOKED = """
window_of AS (
    SELECT ps, tstzrange(ps::timestamp AT TIME ZONE %(tz)s, pe::timestamp AT TIME ZONE %(tz)s) AS w FROM periods
),
confirmed AS (
    SELECT b.space_id, b.booker_sector_id, b.period,
           date_trunc(%(unit)s, lower(b.period) AT TIME ZONE %(tz)s)::date AS first_p,
           date_trunc(%(unit)s, (upper(b.period) - interval '1 microsecond') AT TIME ZONE %(tz)s)::date AS last_p
    FROM premises_booking b WHERE b.status = 'confirmed'
),
cut AS (
    SELECT wo.ps, c.space_id, c.booker_sector_id, c.period * wo.w AS part
    FROM confirmed c JOIN window_of wo ON wo.ps = c.first_p WHERE c.first_p = c.last_p
    UNION ALL
    SELECT wo.ps, c.space_id, c.booker_sector_id, c.period * wo.w
    FROM confirmed c JOIN window_of wo ON c.period && wo.w WHERE c.first_p <> c.last_p
),
booked AS (
    SELECT ps, space_id, booker_sector_id, extract(epoch FROM upper(part) - lower(part)) / 3600 AS hours FROM cut
)"""

SPACE_UTILISATION = f"""
{BOOKED},
days AS (SELECT p.ps, d::date AS day FROM periods p, generate_series(p.ps, p.pe - 1, interval '1 day') AS d),
-- A day's hours: its exception if it has one (no hours: closed), else the weekday's opening hours.
day_hours AS (
    SELECT d.ps, s.id AS space_id, d.day, h.opens, h.closes
    FROM days d CROSS JOIN premises_space s
    JOIN premises_openinghours h ON h.space_id = s.id AND h.weekday = extract(isodow FROM d.day)::int - 1
    WHERE s.is_bookable
      AND NOT EXISTS (SELECT 1 FROM premises_openingexception e WHERE e.space_id = s.id AND e.date = d.day)
    UNION ALL
    SELECT d.ps, s.id, d.day, e.opens, e.closes
    FROM days d CROSS JOIN premises_space s
    JOIN premises_openingexception e ON e.space_id = s.id AND e.date = d.day
    WHERE s.is_bookable AND e.opens IS NOT NULL
),
open_hours AS (
    SELECT ps, space_id,
           sum(extract(epoch FROM ((day + CASE WHEN closes <= opens THEN 1 ELSE 0 END) + closes) AT TIME ZONE %(tz)s
                                - (day + opens) AT TIME ZONE %(tz)s) / 3600) AS hours
    FROM day_hours GROUP BY ps, space_id
),
spaces AS (
    SELECT p.ps, s.id AS space_id, COALESCE(o.hours, 0) AS open
    FROM periods p CROSS JOIN premises_space s
    LEFT JOIN open_hours o ON o.ps = p.ps AND o.space_id = s.id
    WHERE s.is_bookable
),
use_ AS (
    SELECT s.ps, s.space_id, s.open, COALESCE(b.hours, 0) AS booked
    FROM spaces s
    LEFT JOIN (SELECT ps, space_id, sum(hours) AS hours FROM booked GROUP BY ps, space_id) b
      ON b.ps = s.ps AND b.space_id = s.space_id
)
SELECT p.ps, 'city', 0::bigint, sum(u.booked), sum(u.open), sum(u.booked)::float / NULLIF(sum(u.open)::float, 0)
FROM periods p LEFT JOIN use_ u ON u.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'space', space_id, booked, open, booked::float / NULLIF(open::float, 0) FROM use_"""

SHARED_SPACE_USE = f"""
{BOOKED},
culture_booked AS (
    SELECT b.ps, b.space_id, b.hours, b.booker_sector_id IS DISTINCT FROM owner.sector_id AS other
    FROM booked b
    JOIN premises_space s ON s.id = b.space_id
    JOIN sectors_unit owner ON owner.id = s.owner_unit_id
    JOIN sectors_sector sec ON sec.id = owner.sector_id
    WHERE sec.slug = %(culture_slug)s
),
per_space AS (
    SELECT ps, space_id, COALESCE(sum(hours) FILTER (WHERE other), 0) AS num, sum(hours) AS den
    FROM culture_booked GROUP BY ps, space_id
)
SELECT p.ps, 'city', 0::bigint, COALESCE(sum(s.num), 0), sum(s.den), sum(s.num)::float / NULLIF(sum(s.den)::float, 0)
FROM periods p LEFT JOIN per_space s ON s.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'space', space_id, num, den, num::float / NULLIF(den::float, 0) FROM per_space"""

# A result's state in a period is its latest recording up to the period's end. So per result (its text, ignoring
# case and surrounding spaces) only the last recording of each period it was recorded in matters (the later saved on
# the same day), and it holds until the period of the result's next recording.
OUTCOME_PROGRESS = """
recordings AS (
    SELECT DISTINCT ON (o.initiative_id, lower(btrim(o.text)), date_trunc(%(unit)s, o.recorded_on))
           o.initiative_id, lower(btrim(o.text)) AS result, date_trunc(%(unit)s, o.recorded_on)::date AS from_p,
           CASE WHEN o.baseline IS NOT NULL AND o.target IS NOT NULL AND o.actual IS NOT NULL
                THEN LEAST(1, GREATEST(0, (o.actual - o.baseline) / (o.target - o.baseline)))::float
                ELSE o.progress::float / 100
           END AS attainment
    FROM initiatives_outcome o
    ORDER BY o.initiative_id, lower(btrim(o.text)), date_trunc(%(unit)s, o.recorded_on), o.recorded_on DESC, o.id DESC
),
results AS (
    SELECT initiative_id, from_p, lead(from_p) OVER (PARTITION BY initiative_id, result ORDER BY from_p) AS next_p,
           attainment
    FROM recordings
),
progress AS (
    SELECT p.ps, i.id, i.programme_id, i.weight, avg(r.attainment) * i.weight AS weighted
    FROM periods p
    JOIN results r ON r.from_p <= p.ps AND (r.next_p IS NULL OR r.next_p > p.ps)
    JOIN initiatives_initiative i ON i.id = r.initiative_id
    GROUP BY p.ps, i.id
)
SELECT p.ps, 'city', 0::bigint, COALESCE(sum(g.weighted), 0), COALESCE(sum(g.weight), 0),
       sum(g.weighted) / NULLIF(sum(g.weight), 0)
FROM periods p LEFT JOIN progress g ON g.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'programme', programme_id, sum(weighted), sum(weight), sum(weighted) / sum(weight)
FROM progress WHERE programme_id IS NOT NULL GROUP BY ps, programme_id
UNION ALL
SELECT g.ps, 'goal', sg.strategygoal_id, sum(g.weighted), sum(g.weight), sum(g.weighted) / sum(g.weight)
FROM progress g JOIN initiatives_initiative_strategy_goals sg ON sg.initiative_id = g.id
GROUP BY g.ps, sg.strategygoal_id"""

# An initiative links a seeker sector (a unit of it takes part) with the sector of each boundary spanner among its
# contacts. It counts in the periods whose last 12 months it ran in: from its start (and the unit's joining) to the
# period 12 months after the one it ended in, less one period.
CONTACT_COVERAGE = """
links AS (
    SELECT DISTINCT seeker.sector_id AS seeker, spanner.sector_id AS spanned,
           GREATEST(s.first_p, date_trunc(%(unit)s, pa.joined_on)::date) AS first_p,
           (s.last_p + interval '12 months' - %(step)s::interval)::date AS last_p
    FROM spans s
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = s.initiative_id
    JOIN sectors_person pe ON pe.id = cp.person_id AND pe.is_boundary_spanner
    JOIN sectors_unit spanner ON spanner.id = pe.unit_id
    JOIN initiatives_participation pa ON pa.initiative_id = s.initiative_id
    JOIN sectors_unit seeker ON seeker.id = pa.unit_id AND seeker.sector_id <> spanner.sector_id
),
covered AS (
    SELECT DISTINCT p.ps, l.seeker, l.spanned
    FROM periods p JOIN links l ON l.first_p <= p.ps AND (l.last_p IS NULL OR l.last_p >= p.ps)
),
n AS (SELECT count(*) AS n FROM sectors_sector)
SELECT p.ps, 'city', 0::bigint, count(c.seeker), (SELECT n * (n - 1) FROM n),
       count(c.seeker)::float / NULLIF((SELECT n * (n - 1) FROM n), 0)
FROM periods p LEFT JOIN covered c ON c.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'sector', seeker, count(*), (SELECT n - 1 FROM n), count(*)::float / NULLIF((SELECT n - 1 FROM n), 0)
FROM covered GROUP BY ps, seeker"""

# A request counts in the period it was posted in once its outcome is known: answered, closed or 30 days old.
PARTNER_REQUESTS_ANSWERED = """
first_answer AS (
    SELECT request_id, min(created_at) AS at FROM partner_requests_partneranswer GROUP BY request_id
),
known AS (
    SELECT date_trunc(%(unit)s, r.created_at AT TIME ZONE %(tz)s)::date AS ps, u.sector_id,
           COALESCE(a.at <= r.created_at + interval '30 days', false) AS in_time
    FROM partner_requests_partnerrequest r
    LEFT JOIN first_answer a ON a.request_id = r.id
    LEFT JOIN sectors_unit u ON u.id = r.unit_id
    WHERE r.created_at >= %(since)s::timestamp AT TIME ZONE %(tz)s
      AND r.created_at < %(until)s::timestamp AT TIME ZONE %(tz)s
      AND (a.at IS NOT NULL OR r.status = 'closed' OR r.created_at + interval '30 days' <= now())
)
SELECT p.ps, 'city', 0::bigint, count(k.ps) FILTER (WHERE k.in_time), count(k.ps),
       (count(k.ps) FILTER (WHERE k.in_time))::float / NULLIF(count(k.ps), 0)
FROM periods p LEFT JOIN known k ON k.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'sector', sector_id, count(*) FILTER (WHERE in_time), count(*),
       (count(*) FILTER (WHERE in_time))::float / count(*)
FROM known WHERE sector_id IS NOT NULL GROUP BY ps, sector_id"""


def _pulse_index(items: tuple[str, str, str]) -> str:
    """The mean of ``items`` scaled to 0–1 (Σ (item − 1) / 3 over the items answered) per sector pair, sector and
    city, of the closed rounds by the period of their closing day, over the groups (one round's ratings between two
    sectors, either way) in which enough respondents answered an item."""
    answered = " + ".join(f"(rt.{item} IS NOT NULL)::int" for item in items)
    scaled = " + ".join(f"COALESCE((rt.{item} - 1) / 3.0, 0)" for item in items)
    return f"""
groups AS (
    SELECT date_trunc(%(unit)s, r.closes_on)::date AS ps, r.id AS round_id,
           LEAST(resp.sector_id, rt.rated_sector_id) AS a, GREATEST(resp.sector_id, rt.rated_sector_id) AS b,
           count(DISTINCT resp.id) FILTER (WHERE {answered} > 0) AS respondents,
           sum({answered}) AS items, sum({scaled}) AS score
    FROM pulse_pulseround r
    JOIN pulse_pulseresponse resp ON resp.round_id = r.id
    JOIN pulse_pulserating rt ON rt.response_id = resp.id
    WHERE r.state = 'closed' AND r.closes_on >= %(since)s AND r.closes_on < %(until)s
    GROUP BY 1, 2, 3, 4
),
kept AS (SELECT * FROM groups WHERE respondents >= %(pulse_min_group)s)
SELECT p.ps, 'city', 0::bigint, sum(k.score), COALESCE(sum(k.items), 0), sum(k.score)::float / NULLIF(sum(k.items), 0)
FROM periods p LEFT JOIN kept k ON k.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT k.ps, 'sector', sec.id, sum(k.score), sum(k.items), sum(k.score)::float / sum(k.items)
FROM kept k JOIN sectors_sector sec ON sec.id IN (k.a, k.b) GROUP BY k.ps, sec.id
UNION ALL
SELECT ps, 'pair', a * 4294967296 + b, sum(score), sum(items), sum(score)::float / sum(items)
FROM kept GROUP BY ps, a, b"""


# Invitations of the closed rounds, by the period of the closing day; a sector only with enough people invited.
PULSE_RESPONSE_RATE = """
invited AS (
    SELECT date_trunc(%(unit)s, r.closes_on)::date AS ps, r.programme_id, u.sector_id, count(*) AS n,
           count(*) FILTER (WHERE i.answered) AS answered
    FROM pulse_pulseround r
    JOIN pulse_pulseinvitation i ON i.round_id = r.id
    JOIN sectors_person pe ON pe.id = i.person_id
    JOIN sectors_unit u ON u.id = pe.unit_id
    WHERE r.state = 'closed' AND r.closes_on >= %(since)s AND r.closes_on < %(until)s
    GROUP BY 1, 2, 3
)
SELECT p.ps, 'city', 0::bigint, COALESCE(sum(v.answered), 0), COALESCE(sum(v.n), 0),
       sum(v.answered)::float / NULLIF(sum(v.n), 0)
FROM periods p LEFT JOIN invited v ON v.ps = p.ps GROUP BY p.ps
UNION ALL
SELECT ps, 'sector', sector_id, sum(answered), sum(n), sum(answered)::float / sum(n)
FROM invited GROUP BY ps, sector_id HAVING sum(n) >= %(pulse_min_group)s
UNION ALL
SELECT ps, 'programme', programme_id, sum(answered), sum(n), sum(answered)::float / sum(n)
FROM invited WHERE programme_id IS NOT NULL GROUP BY ps, programme_id"""

BASELINES: dict[str, str] = {
    "cross_sector_share": _share("t.two_p", "LEFT JOIN second_sector t ON t.initiative_id = s.initiative_id"),
    "key_person_risk": _share(
        "CASE WHEN c.n = 1 THEN DATE '0001-01-01' END",
        "LEFT JOIN (SELECT initiative_id, count(*) AS n FROM initiatives_initiative_contact_persons "
        "GROUP BY initiative_id) c ON c.initiative_id = s.initiative_id",
    ),
    "sector_reach": SECTOR_REACH,
    "network_density": NETWORK_DENSITY,
    "joint_funding_share": _funding(outcomes=False),
    "budget_traceability": _funding(outcomes=True),
    "time_to_partner": TIME_TO_PARTNER,
    "bus_factor": BUS_FACTOR,
    "sector_diversity": SECTOR_DIVERSITY,
    "space_utilisation": SPACE_UTILISATION,
    "shared_space_use": SHARED_SPACE_USE,
    "civic_involvement": CIVIC_INVOLVEMENT,
    "strategy_alignment": STRATEGY_ALIGNMENT,
    "culture_in_programmes": CULTURE_IN_PROGRAMMES,
    "outcome_rate": OUTCOME_RATE,
    "meeting_breadth": MEETING_BREADTH,
    "tie_continuity": TIE_CONTINUITY,
    "degree_centralization": DEGREE_CENTRALIZATION,
    "ei_index": EI_INDEX,
    "goal_coverage": GOAL_COVERAGE,
    "boundary_spanners": BOUNDARY_SPANNERS,
    "outcome_progress": OUTCOME_PROGRESS,
    "contact_coverage": CONTACT_COVERAGE,
    "partner_requests_answered": PARTNER_REQUESTS_ANSWERED,
    "pulse_trust": _pulse_index(("reliability", "mission", "openness")),
    "pulse_value": _pulse_index(("influence", "involvement", "resources")),
    "pulse_response_rate": PULSE_RESPONSE_RATE,
}

Row = tuple  # (period_start, scope, scope_id, numerator, denominator, value)


def baseline_statement(code: str, *, period_kind: str, since: date, until: date) -> tuple[str, dict]:
    """The baseline's statement for ``code`` and its parameters; ``since`` must be a period start."""
    months = (until.year - since.year) * 12 + until.month - since.month
    params = {
        "count": -(-months // MONTHS[period_kind]),
        "since": since,
        "until": until,
        "unit": UNITS[period_kind],
        "step": STEPS[period_kind],
        "tz": settings.TIME_ZONE,
        "culture_slug": settings.SILTA_CULTURE_SECTOR_SLUG,
        "civic_slugs": list(settings.SILTA_CIVIC_SECTOR_SLUGS),
        "pulse_min_group": int(settings.SILTA_PULSE_MIN_GROUP),
    }
    return f"WITH {COMMON.strip()},\n{BASELINES[code].strip()}", params


def baseline_rows(code: str, *, period_kind: str, since: date, until: date) -> list[Row]:
    """The baseline's rows. Without JIT: the planner misjudges range joins over a handful of periods by orders of
    magnitude and would spend a second compiling a statement that runs in a tenth of that."""
    statement, params = baseline_statement(code, period_kind=period_kind, since=since, until=until)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(statement, params)
        return cursor.fetchall()


def stored_rows(code: str, *, period_kind: str, since: date, until: date) -> list[Row]:
    """The values Silta's computation stored for ``code`` in [since, until) (run ``compute_indicator`` first)."""
    from apps.indicators.models import IndicatorValue

    return list(
        IndicatorValue.objects.filter(
            indicator__code=code, period_kind=period_kind, period_start__gte=since, period_start__lt=until
        ).values_list("period_start", "scope", "scope_id", "numerator", "denominator", "value")
    )


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


def mismatches(silta: list[Row], baseline: list[Row]) -> list[str]:
    """Every difference between the two sets of rows, keyed by (period, scope, scope id); empty when they agree."""
    ours = {(r[0], r[1], int(r[2])): r[3:] for r in silta}
    theirs = {(r[0], r[1], int(r[2])): r[3:] for r in baseline}
    problems = [f"duplicate keys: silta {len(silta) - len(ours)}, baseline {len(baseline) - len(theirs)}"] * (
        len(ours) != len(silta) or len(theirs) != len(baseline)
    )
    for key in sorted(ours.keys() | theirs.keys(), key=str):
        a, b = ours.get(key), theirs.get(key)
        if a is None or b is None or not all(_same(x, y) for x, y in zip(a, b, strict=True)):
            problems.append(f"{key}: silta {a}, baseline {b}")
    return problems
