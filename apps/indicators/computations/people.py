"""People: who carries cross-sector work, how fast partners are found, and who outside the city takes part.

Each indicator of the theme (catalogue.py) is registered with its drill-down; see ``registry``.
"""

from __future__ import annotations

from apps.indicators.computations.registry import Query, cross_sector, definition, own_ctes_and, rows_of
from apps.indicators.computations.sql import (
    ALL_SCOPES,
    ALWAYS,
    always,
    covers,
    per_scope,
    ratio,
    share_of_initiatives,
)

# The drill-down of contact coverage: the recent initiatives that have a boundary spanner as a contact.
SPANNED_INITIATIVES = """
behind AS (
    SELECT DISTINCT r.period_start, r.initiative_id, i.programme_id
    FROM recent r
    JOIN initiatives_initiative i ON i.id = r.initiative_id
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = r.initiative_id
    JOIN sectors_person spanner ON spanner.id = cp.person_id AND spanner.is_boundary_spanner
)"""


@definition("key_person_risk", drilldown=rows_of("flags", "hit"))
def key_person_risk() -> Query:
    return share_of_initiatives(
        joins="LEFT JOIN contact_counts cc ON cc.initiative_id = b.initiative_id",
        hit_from=always("cc.contacts = 1"),
        scopes=ALL_SCOPES,
    )


@definition("bus_factor", drilldown=cross_sector(2))
def bus_factor() -> Query:
    ctes = f"""
contact_roles AS (
    SELECT p.period_start, c.programme_id, cp.person_id
    FROM cross_sector_span c
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = c.initiative_id
    JOIN periods p ON {covers("c", "p.period_start")}
),
roles_per_person AS (
    SELECT period_start, 'city' AS scope, 0::bigint AS scope_id, person_id, count(*) AS roles
    FROM contact_roles GROUP BY period_start, person_id
    UNION ALL
    SELECT period_start, 'programme', programme_id, person_id, count(*)
    FROM contact_roles WHERE programme_id IS NOT NULL GROUP BY period_start, programme_id, person_id
),
ranked AS (
    SELECT period_start, scope, scope_id,
           row_number() OVER carriers AS carriers,
           sum(roles) OVER carriers AS roles_so_far,
           sum(roles) OVER (PARTITION BY period_start, scope, scope_id) AS all_roles,
           count(*) OVER (PARTITION BY period_start, scope, scope_id) AS persons
    FROM roles_per_person
    WINDOW carriers AS (PARTITION BY period_start, scope, scope_id ORDER BY roles DESC, person_id
                        ROWS UNBOUNDED PRECEDING)
),
factor AS (
    SELECT period_start, scope, scope_id, min(carriers) FILTER (WHERE roles_so_far * 2 > all_roles) AS carriers,
           max(persons) AS persons
    FROM ranked GROUP BY period_start, scope, scope_id
)"""
    select = """
SELECT p.period_start, 'city', 0, f.carriers, f.persons, f.carriers
FROM periods p LEFT JOIN factor f ON f.period_start = p.period_start AND f.scope = 'city'
UNION ALL
SELECT f.period_start, f.scope, f.scope_id, f.carriers, f.persons, f.carriers
FROM factor f WHERE f.scope = 'programme'"""
    return ctes, select


@definition("contact_coverage", drilldown=own_ctes_and(SPANNED_INITIATIVES))
def contact_coverage() -> Query:
    # ``recent`` (each period's initiatives that ran in its last 12 months) is the drill-down's.
    ctes = f"""
sector_total AS (SELECT count(*) AS n FROM sectors_sector),
recent AS (
    SELECT p.period_start, p.period_end, s.id AS initiative_id
    FROM periods p
    JOIN initiative_span s
      ON s.start_date < p.period_end
     AND (s.end_date IS NULL OR s.end_date >= (p.period_end - interval '12 months')::date)
),
-- Each tie (a seeker sector taking part, the sector of a boundary spanner among the contacts) of an initiative reduced
-- to the periods it counts in, before any period is joined: from the later of the initiative's start and the seeker
-- unit's joining to the last period whose 12 months reach the initiative's end. The same spans of all initiatives
-- count once, then are spread (not every recent initiative × its units in every period).
spanner_tie_spans AS (
    SELECT DISTINCT unit.sector_id AS seeker, spanner_unit.sector_id AS spanner_sector,
           GREATEST(s.first_period, date_trunc(%(period_kind)s, pa.joined_on)::date) AS first_period,
           date_trunc(%(period_kind)s, s.end_date + interval '12 months' - %(step)s::interval)::date AS last_period
    FROM initiative_span s
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = s.id
    JOIN sectors_person spanner ON spanner.id = cp.person_id AND spanner.is_boundary_spanner
    JOIN sectors_unit spanner_unit ON spanner_unit.id = spanner.unit_id
    JOIN initiatives_participation pa ON pa.initiative_id = s.id
    JOIN sectors_unit unit ON unit.id = pa.unit_id AND unit.sector_id <> spanner_unit.sector_id
),
spanner_ties AS (
    SELECT DISTINCT p.period_start, t.seeker, t.spanner_sector
    FROM periods p JOIN spanner_tie_spans t ON {covers("t", "p.period_start")}
)"""
    all_pairs = "(SELECT n * (n - 1) FROM sector_total)"
    other_sectors = "(SELECT n - 1 FROM sector_total)"
    select = f"""
SELECT p.period_start, 'city', 0, count(t.seeker), {all_pairs}, {ratio("count(t.seeker)", all_pairs)}
FROM periods p LEFT JOIN spanner_ties t ON t.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT t.period_start, 'sector', t.seeker, count(*), {other_sectors}, {ratio("count(*)", other_sectors)}
FROM spanner_ties t GROUP BY t.period_start, t.seeker"""
    return ctes, select


@definition("boundary_spanners", drilldown=cross_sector(3))
def boundary_spanners() -> Query:
    # Each contact person's spans in such initiatives (with the programme and their own unit's sector) once, then
    # spread over the periods.
    ctes = f"""
spanner_spans AS (
    SELECT DISTINCT cp.person_id, c.programme_id, u.sector_id, c.first_period, c.last_period
    FROM three_sector_span c
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = c.initiative_id
    JOIN sectors_person pe ON pe.id = cp.person_id
    JOIN sectors_unit u ON u.id = pe.unit_id
),
spanning AS (
    SELECT DISTINCT p.period_start, s.person_id, s.programme_id, s.sector_id
    FROM periods p JOIN spanner_spans s ON {covers("s", "p.period_start")}
)"""
    persons = "count(DISTINCT r.person_id)"  # a count, so "nobody" is 0
    select = per_scope(
        "spanning", numerator=persons, denominator="NULL::float", value=persons, sector_column="sector_id"
    )
    return ctes, select


@definition("time_to_partner", drilldown=rows_of("waits", "days IS NOT NULL"))
def time_to_partner() -> Query:
    # The home sector once per initiative (the lead's, else the first to join), then every initiative to the period
    # it was logged in by that period's start: no subquery per initiative, no period compared with every one.
    ctes = """
home_sectors AS (
    SELECT DISTINCT ON (pa.initiative_id) pa.initiative_id, u.sector_id
    FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    ORDER BY pa.initiative_id, pa.role = 'lead' DESC, pa.joined_on, pa.id
),
logged AS (
    SELECT p.period_start, i.id AS initiative_id, i.programme_id, (i.created_at AT TIME ZONE %(tz)s)::date AS logged_on,
           h.sector_id AS home_sector
    FROM initiatives_initiative i
    JOIN periods p ON p.period_start = date_trunc(%(period_kind)s, i.created_at AT TIME ZONE %(tz)s)::date
    LEFT JOIN home_sectors h ON h.initiative_id = i.id
),
waits AS (
    SELECT l.period_start, l.initiative_id, l.programme_id, l.home_sector,
           -- GREATEST ignores NULLs: without the CASE, "no partner yet" would read as 0 days.
           CASE WHEN min(pa.joined_on) IS NOT NULL THEN GREATEST(min(pa.joined_on) - l.logged_on, 0) END AS days
    FROM logged l
    LEFT JOIN (
        initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
    ) ON pa.initiative_id = l.initiative_id AND u.sector_id <> l.home_sector
    GROUP BY l.period_start, l.initiative_id, l.programme_id, l.home_sector, l.logged_on
)"""
    select = per_scope(
        "waits",
        numerator="count(r.days)",
        denominator="count(r.initiative_id)",
        value="percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days)",
        sector_column="home_sector",
    )
    return ctes, select


@definition("civic_involvement", drilldown=rows_of("flags", "hit"))
def civic_involvement() -> Query:
    return share_of_initiatives(
        joins="""
        JOIN initiatives_initiative i ON i.id = b.initiative_id
        LEFT JOIN (
            SELECT x.initiative_id, min(x.first_period) AS first_period
            FROM sector_span x JOIN sectors_sector sec ON sec.id = x.sector_id
            WHERE sec.slug = ANY(%(civic_slugs)s)
            GROUP BY x.initiative_id
        ) civic ON civic.initiative_id = b.initiative_id""",
        hit_from=f"CASE WHEN i.involves_residents OR i.involves_ngos THEN {ALWAYS} ELSE civic.first_period END",
        scopes=ALL_SCOPES,
    )
