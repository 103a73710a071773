"""Silos: do sectors work together, and how widely (the collaboration network and its shape).

Each indicator of the theme (catalogue.py) is registered with its drill-down; see ``registry``.
"""

from __future__ import annotations

from apps.indicators.computations.registry import Query, cross_sector, definition, every_active, rows_of
from apps.indicators.computations.sql import ALL_SCOPES, CITY, PROGRAMME, covers, per_scope, ratio, share_of_initiatives


@definition("cross_sector_share", drilldown=rows_of("flags", "hit"))
def cross_sector_share() -> Query:
    return share_of_initiatives(
        joins="LEFT JOIN sector_thresholds t ON t.initiative_id = b.initiative_id",
        hit_from="t.two_sectors_from",
        scopes=ALL_SCOPES,
    )


@definition("sector_reach", drilldown=cross_sector(2))
def sector_reach() -> Query:
    ctes = f"""
present AS (
    SELECT DISTINCT p.period_start, s.sector_id
    FROM periods p
    JOIN (SELECT DISTINCT sector_id, first_period, last_period FROM sector_span) s ON {covers("s", "p.period_start")}
),
reach AS (
    SELECT s.period_start, s.sector_id, count(DISTINCT sp.partner_id) AS partners
    FROM present s
    LEFT JOIN sector_partners sp ON sp.period_start = s.period_start AND sp.sector_id = s.sector_id
    GROUP BY s.period_start, s.sector_id
)"""
    select = f"""
SELECT r.period_start, 'sector', r.sector_id, r.partners, NULL::float, r.partners FROM reach r
UNION ALL
SELECT p.period_start, 'city', 0, sum(r.partners), (SELECT count(*) FROM sectors_sector),
       {ratio("sum(r.partners)", "(SELECT count(*) FROM sectors_sector)")}
FROM periods p LEFT JOIN reach r ON r.period_start = p.period_start
GROUP BY p.period_start"""
    return ctes, select


@definition("network_density", drilldown=cross_sector(2))
def network_density() -> Query:
    ctes = """
city_sectors AS (SELECT count(*) AS n FROM sectors_sector WHERE kind = 'city'),
city_pairs AS (
    SELECT sp.period_start, count(*) AS pairs
    FROM sector_pairs sp
    JOIN sectors_sector x ON x.id = sp.a AND x.kind = 'city'
    JOIN sectors_sector y ON y.id = sp.b AND y.kind = 'city'
    GROUP BY sp.period_start
)"""
    possible = "(SELECT n * (n - 1) / 2 FROM city_sectors)"
    select = f"""
SELECT p.period_start, 'city', 0, COALESCE(cp.pairs, 0), {possible}, {ratio("COALESCE(cp.pairs, 0)", possible)}
FROM periods p LEFT JOIN city_pairs cp ON cp.period_start = p.period_start"""
    return ctes, select


@definition("ei_index", drilldown=cross_sector(2))
def ei_index() -> Query:
    # Each initiative's unit pairs reduced to the periods they share it in, the same spans counted once, then spread.
    ctes = f"""
unit_pair_spans AS (
    SELECT DISTINCT x.unit_id AS unit_a, y.unit_id AS unit_b, x.sector_id AS sector_a, y.sector_id AS sector_b,
           GREATEST(x.first_period, y.first_period) AS first_period, x.last_period
    FROM unit_span x JOIN unit_span y ON y.initiative_id = x.initiative_id AND x.unit_id < y.unit_id
),
unit_ties AS (
    SELECT DISTINCT p.period_start, s.unit_a, s.unit_b, s.sector_a, s.sector_b
    FROM periods p JOIN unit_pair_spans s ON {covers("s", "p.period_start")}
),
tie_ends AS (
    SELECT period_start, sector_a AS sector_id, sector_a <> sector_b AS external FROM unit_ties
    UNION ALL
    SELECT period_start, sector_b, true FROM unit_ties WHERE sector_a <> sector_b
)"""
    external_minus_internal = "count(*) FILTER (WHERE t.external) - count(*) FILTER (WHERE NOT t.external)"
    select = f"""
SELECT t.period_start, 'sector', t.sector_id, {external_minus_internal}, count(*),
       {ratio(external_minus_internal, "count(*)")}
FROM tie_ends t GROUP BY t.period_start, t.sector_id
UNION ALL
SELECT p.period_start, 'city', 0,
       count(u.unit_a) FILTER (WHERE u.sector_a <> u.sector_b) - count(u.unit_a) FILTER (WHERE u.sector_a = u.sector_b),
       count(u.unit_a),
       {
        ratio(
            "count(u.unit_a) FILTER (WHERE u.sector_a <> u.sector_b) "
            "- count(u.unit_a) FILTER (WHERE u.sector_a = u.sector_b)",
            "count(u.unit_a)",
        )
    }
FROM periods p LEFT JOIN unit_ties u ON u.period_start = p.period_start
GROUP BY p.period_start"""
    return ctes, select


@definition("tie_continuity", drilldown=cross_sector(2))
def tie_continuity() -> Query:
    ctes = """
lasting AS (
    SELECT sp.period_start, sp.a, sp.b, EXISTS (
        SELECT 1 FROM sector_pairs prev
        WHERE prev.period_start = (sp.period_start - %(step)s::interval)::date AND prev.a = sp.a AND prev.b = sp.b
    ) AS continued
    FROM sector_pairs sp
),
lasting_ends AS (
    SELECT period_start, a AS sector_id, continued FROM lasting
    UNION ALL
    SELECT period_start, b, continued FROM lasting
)"""
    continued = "count(*) FILTER (WHERE l.continued)"
    select = f"""
SELECT p.period_start, 'city', 0, count(l.a) FILTER (WHERE l.continued), count(l.a),
       {ratio("count(l.a) FILTER (WHERE l.continued)", "count(l.a)")}
FROM periods p LEFT JOIN lasting l ON l.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT l.period_start, 'sector', l.sector_id, {continued}, count(*), {ratio(continued, "count(*)")}
FROM lasting_ends l GROUP BY l.period_start, l.sector_id"""
    return ctes, select


@definition("culture_in_programmes", drilldown=rows_of("flags", "hit"))
def culture_in_programmes() -> Query:
    ctes, select = share_of_initiatives(
        spans="programme_span",
        joins="""
        LEFT JOIN sector_span culture
          ON culture.initiative_id = b.initiative_id
         AND culture.sector_id = (SELECT id FROM sectors_sector WHERE slug = %(culture_slug)s)""",
        hit_from="culture.first_period",
        scopes=(CITY, PROGRAMME),
    )
    return "programme_span AS (SELECT * FROM active_span WHERE programme_id IS NOT NULL)," + ctes, select


@definition("degree_centralization", drilldown=cross_sector(2))
def degree_centralization() -> Query:
    ctes = """
node_count AS (SELECT count(*)::float AS n FROM sectors_sector),
degrees AS (
    SELECT period_start, sector_id, count(DISTINCT partner_id) AS degree
    FROM sector_partners GROUP BY period_start, sector_id
),
degree_totals AS (
    SELECT period_start, max(degree) AS max_degree, sum(degree) AS degree_sum FROM degrees GROUP BY period_start
)"""
    # Sectors without ties have degree 0, so sum over all n nodes of (max - degree) = n * max - sum(degree).
    spread = "(SELECT n FROM node_count) * d.max_degree - d.degree_sum"
    possible = "(SELECT CASE WHEN n >= 3 THEN (n - 1) * (n - 2) END FROM node_count)"
    select = f"""
SELECT p.period_start, 'city', 0, {spread}, {possible}, {ratio(spread, possible)}
FROM periods p LEFT JOIN degree_totals d ON d.period_start = p.period_start"""
    return ctes, select


@definition("sector_diversity", drilldown=every_active())
def sector_diversity() -> Query:
    # An initiative's mix of units changes only in the periods in which a unit starts taking part: its Blau index is
    # computed once per such change, for the periods until the next one, and the initiatives are grouped by those
    # periods before they are spread over the periods.
    ctes = f"""
unit_changes AS (
    SELECT initiative_id, programme_id, last_period, first_period AS changed_in,
           lead(first_period) OVER (PARTITION BY initiative_id ORDER BY first_period) AS next_change
    FROM (SELECT DISTINCT initiative_id, programme_id, first_period, last_period FROM unit_span) c
),
unit_shares AS (
    SELECT c.initiative_id, c.programme_id, c.changed_in, c.next_change, c.last_period, u.sector_id,
           count(*) AS units, sum(count(*)) OVER (PARTITION BY c.initiative_id, c.changed_in) AS all_units
    FROM unit_changes c JOIN unit_span u ON u.initiative_id = c.initiative_id AND u.first_period <= c.changed_in
    GROUP BY c.initiative_id, c.programme_id, c.changed_in, c.next_change, c.last_period, u.sector_id
),
-- Each sector's row of a mix carries the mix's index, over the periods from its change to the next (or the end).
blau AS (
    SELECT initiative_id, programme_id, sector_id, changed_in AS first_period,
           LEAST((next_change - %(step)s::interval)::date, last_period) AS last_period,
           1 - sum((units / all_units) ^ 2) OVER (PARTITION BY initiative_id, changed_in) AS diversity,
           row_number() OVER (PARTITION BY initiative_id, changed_in) = 1 AS first_of_mix
    FROM unit_shares
),
blau_groups AS (
    SELECT 'city' AS scope, 0::bigint AS scope_id, first_period, last_period, sum(diversity) AS diversity,
           count(*) AS initiatives
    FROM blau WHERE first_of_mix GROUP BY first_period, last_period
    UNION ALL
    SELECT 'sector', sector_id, first_period, last_period, sum(diversity), count(*)
    FROM blau GROUP BY sector_id, first_period, last_period
    UNION ALL
    SELECT 'programme', programme_id, first_period, last_period, sum(diversity), count(*)
    FROM blau WHERE first_of_mix AND programme_id IS NOT NULL GROUP BY programme_id, first_period, last_period
),
diversities AS (
    SELECT p.period_start, g.scope, g.scope_id, sum(g.diversity) AS diversity, sum(g.initiatives) AS initiatives
    FROM periods p JOIN blau_groups g ON {covers("g", "p.period_start")}
    GROUP BY p.period_start, g.scope, g.scope_id
)"""
    select = f"""
SELECT p.period_start, 'city', 0, d.diversity, COALESCE(d.initiatives, 0), {ratio("d.diversity", "d.initiatives")}
FROM periods p LEFT JOIN diversities d ON d.period_start = p.period_start AND d.scope = 'city'
UNION ALL
SELECT d.period_start, d.scope, d.scope_id, d.diversity, d.initiatives, {ratio("d.diversity", "d.initiatives")}
FROM diversities d WHERE d.scope <> 'city'"""
    return ctes, select


@definition("meeting_breadth")
def meeting_breadth() -> Query:
    ctes = """
meeting_sectors AS (
    SELECT p.period_start, m.id AS meeting_id, m.programme_id, count(DISTINCT u.sector_id) AS sectors
    FROM periods p
    JOIN programmes_meeting m ON m.held_on >= p.period_start AND m.held_on < p.period_end
    LEFT JOIN programmes_meeting_attendees ma ON ma.meeting_id = m.id
    LEFT JOIN sectors_person pe ON pe.id = ma.person_id
    LEFT JOIN sectors_unit u ON u.id = pe.unit_id
    GROUP BY p.period_start, m.id, m.programme_id
)"""
    select = per_scope(
        "meeting_sectors", numerator="sum(r.sectors)", denominator="count(r.meeting_id)", scopes=(CITY, PROGRAMME)
    )
    return ctes, select
