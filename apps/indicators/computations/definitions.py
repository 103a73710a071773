"""One SQL computation per indicator of the catalogue: (extra CTEs, SELECT) over the shared CTEs of ``sql.py``."""

from __future__ import annotations

from collections.abc import Callable

from apps.indicators.computations.sql import ratio, share_of_initiatives

Query = tuple[str, str]
ALL_SCOPES = ("city", "sector", "programme")
DEFINITIONS: dict[str, Callable[[], Query]] = {}


def definition(code: str) -> Callable[[Callable[[], Query]], Callable[[], Query]]:
    def register(build: Callable[[], Query]) -> Callable[[], Query]:
        DEFINITIONS[code] = build
        return build

    return register


@definition("cross_sector_share")
def cross_sector_share() -> Query:
    return share_of_initiatives(
        base="active",
        joins="LEFT JOIN sector_count c ON c.period_start = b.period_start AND c.initiative_id = b.initiative_id",
        hit="c.sectors >= 2",
        scopes=ALL_SCOPES,
    )


@definition("key_person_risk")
def key_person_risk() -> Query:
    return share_of_initiatives(
        base="active",
        joins="LEFT JOIN contact_counts cc ON cc.initiative_id = b.initiative_id",
        hit="cc.contacts = 1",
        scopes=ALL_SCOPES,
    )


@definition("civic_involvement")
def civic_involvement() -> Query:
    return share_of_initiatives(
        base="active",
        joins="""
        JOIN initiatives_initiative i ON i.id = b.initiative_id
        LEFT JOIN (
            SELECT DISTINCT s.period_start, s.initiative_id
            FROM active_sectors s JOIN sectors_sector sec ON sec.id = s.sector_id
            WHERE sec.slug = ANY(%(civic_slugs)s)
        ) civic ON civic.period_start = b.period_start AND civic.initiative_id = b.initiative_id""",
        hit="i.involves_residents OR i.involves_ngos OR civic.initiative_id IS NOT NULL",
        scopes=ALL_SCOPES,
    )


@definition("strategy_alignment")
def strategy_alignment() -> Query:
    return share_of_initiatives(
        base="active",
        joins="""LEFT JOIN (SELECT DISTINCT initiative_id FROM initiatives_initiative_strategy_goals) g
                 ON g.initiative_id = b.initiative_id""",
        hit="g.initiative_id IS NOT NULL",
        scopes=ALL_SCOPES,
    )


@definition("culture_in_programmes")
def culture_in_programmes() -> Query:
    ctes, select = share_of_initiatives(
        base="programme_active",
        joins="""
        LEFT JOIN (
            SELECT DISTINCT s.period_start, s.initiative_id
            FROM active_sectors s JOIN sectors_sector sec ON sec.id = s.sector_id
            WHERE sec.slug = %(culture_slug)s
        ) culture ON culture.period_start = b.period_start AND culture.initiative_id = b.initiative_id""",
        hit="culture.initiative_id IS NOT NULL",
        scopes=("city", "programme"),
    )
    return "programme_active AS (SELECT * FROM active WHERE programme_id IS NOT NULL)," + ctes, select


@definition("outcome_rate")
def outcome_rate() -> Query:
    ctes, select = share_of_initiatives(
        base="completed",
        joins="""LEFT JOIN (SELECT DISTINCT initiative_id FROM initiatives_outcome) o
                 ON o.initiative_id = b.initiative_id""",
        hit="o.initiative_id IS NOT NULL",
        scopes=ALL_SCOPES,
    )
    completed = """
completed AS (
    SELECT p.period_start, s.id AS initiative_id, s.programme_id
    FROM periods p
    JOIN initiative_span s ON s.status = 'completed' AND s.end_date >= p.period_start AND s.end_date < p.period_end
),"""
    return completed + ctes, select


@definition("sector_reach")
def sector_reach() -> Query:
    ctes = """
reach AS (
    SELECT s.period_start, s.sector_id, count(DISTINCT sp.partner_id) AS partners
    FROM (SELECT DISTINCT period_start, sector_id FROM active_sectors) s
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


@definition("network_density")
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


@definition("ei_index")
def ei_index() -> Query:
    ctes = """
unit_ties AS (
    SELECT DISTINCT x.period_start, x.unit_id AS unit_a, y.unit_id AS unit_b, x.sector_id AS sector_a,
           y.sector_id AS sector_b
    FROM active_units x
    JOIN active_units y
      ON y.period_start = x.period_start AND y.initiative_id = x.initiative_id AND x.unit_id < y.unit_id
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


@definition("tie_continuity")
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


@definition("degree_centralization")
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


@definition("sector_diversity")
def sector_diversity() -> Query:
    ctes = """
unit_shares AS (
    SELECT period_start, initiative_id, sector_id, count(*) AS units,
           sum(count(*)) OVER (PARTITION BY period_start, initiative_id) AS all_units
    FROM active_units GROUP BY period_start, initiative_id, sector_id
),
blau AS (
    SELECT u.period_start, u.initiative_id, a.programme_id, 1 - sum((u.units / u.all_units) ^ 2) AS diversity
    FROM unit_shares u
    JOIN active a ON a.period_start = u.period_start AND a.initiative_id = u.initiative_id
    GROUP BY u.period_start, u.initiative_id, a.programme_id
)"""
    select = f"""
SELECT p.period_start, 'city', 0, sum(b.diversity), count(b.initiative_id),
       {ratio("sum(b.diversity)", "count(b.initiative_id)")}
FROM periods p LEFT JOIN blau b ON b.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT b.period_start, 'sector', s.sector_id, sum(b.diversity), count(*), {ratio("sum(b.diversity)", "count(*)")}
FROM blau b JOIN active_sectors s ON s.period_start = b.period_start AND s.initiative_id = b.initiative_id
GROUP BY b.period_start, s.sector_id
UNION ALL
SELECT b.period_start, 'programme', b.programme_id, sum(b.diversity), count(*), {ratio("sum(b.diversity)", "count(*)")}
FROM blau b WHERE b.programme_id IS NOT NULL
GROUP BY b.period_start, b.programme_id"""
    return ctes, select


@definition("contact_coverage")
def contact_coverage() -> Query:
    ctes = """
sector_total AS (SELECT count(*) AS n FROM sectors_sector),
recent AS (
    SELECT p.period_start, p.period_end, s.id AS initiative_id
    FROM periods p
    JOIN initiative_span s
      ON s.start_date < p.period_end
     AND (s.end_date IS NULL OR s.end_date >= (p.period_end - interval '12 months')::date)
),
spanner_ties AS (
    SELECT DISTINCT r.period_start, unit.sector_id AS seeker, spanner_unit.sector_id AS spanner_sector
    FROM recent r
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = r.initiative_id
    JOIN sectors_person spanner ON spanner.id = cp.person_id AND spanner.is_boundary_spanner
    JOIN sectors_unit spanner_unit ON spanner_unit.id = spanner.unit_id
    JOIN initiatives_participation pa ON pa.initiative_id = r.initiative_id AND pa.joined_on < r.period_end
    JOIN sectors_unit unit ON unit.id = pa.unit_id
    WHERE unit.sector_id <> spanner_unit.sector_id
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


@definition("boundary_spanners")
def boundary_spanners() -> Query:
    ctes = """
spanning AS (
    SELECT DISTINCT c.period_start, cp.person_id, a.programme_id, u.sector_id
    FROM sector_count c
    JOIN active a ON a.period_start = c.period_start AND a.initiative_id = c.initiative_id
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = c.initiative_id
    JOIN sectors_person pe ON pe.id = cp.person_id
    JOIN sectors_unit u ON u.id = pe.unit_id
    WHERE c.sectors >= 3
)"""
    select = """
SELECT p.period_start, 'city', 0, count(DISTINCT s.person_id), NULL::float, count(DISTINCT s.person_id)
FROM periods p LEFT JOIN spanning s ON s.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT s.period_start, 'sector', s.sector_id, count(DISTINCT s.person_id), NULL::float, count(DISTINCT s.person_id)
FROM spanning s GROUP BY s.period_start, s.sector_id
UNION ALL
SELECT s.period_start, 'programme', s.programme_id, count(DISTINCT s.person_id), NULL::float,
       count(DISTINCT s.person_id)
FROM spanning s WHERE s.programme_id IS NOT NULL GROUP BY s.period_start, s.programme_id"""
    return ctes, select


@definition("time_to_partner")
def time_to_partner() -> Query:
    ctes = """
logged AS (
    SELECT p.period_start, i.id AS initiative_id, i.programme_id, (i.created_at AT TIME ZONE %(tz)s)::date AS logged_on,
           COALESCE(
               (SELECT u.sector_id FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
                WHERE pa.initiative_id = i.id AND pa.role = 'lead'),
               (SELECT u.sector_id FROM initiatives_participation pa JOIN sectors_unit u ON u.id = pa.unit_id
                WHERE pa.initiative_id = i.id ORDER BY pa.joined_on, pa.id LIMIT 1)
           ) AS home_sector
    FROM periods p
    JOIN initiatives_initiative i
      ON i.created_at >= (p.period_start::timestamp AT TIME ZONE %(tz)s)
     AND i.created_at < (p.period_end::timestamp AT TIME ZONE %(tz)s)
),
waits AS (
    SELECT l.period_start, l.initiative_id, l.programme_id, l.home_sector,
           -- GREATEST ignores NULLs: without the CASE, "no partner yet" would read as 0 days.
           CASE WHEN min(pa.joined_on) IS NOT NULL THEN GREATEST(min(pa.joined_on) - l.logged_on, 0) END AS days
    FROM logged l
    LEFT JOIN initiatives_participation pa ON pa.initiative_id = l.initiative_id
     AND EXISTS (SELECT 1 FROM sectors_unit u WHERE u.id = pa.unit_id AND u.sector_id <> l.home_sector)
    GROUP BY l.period_start, l.initiative_id, l.programme_id, l.home_sector, l.logged_on
)"""
    median = "percentile_cont(0.5) WITHIN GROUP (ORDER BY w.days)"
    select = f"""
SELECT p.period_start, 'city', 0, count(w.days), count(w.initiative_id), {median}
FROM periods p LEFT JOIN waits w ON w.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT w.period_start, 'sector', w.home_sector, count(w.days), count(*), {median}
FROM waits w WHERE w.home_sector IS NOT NULL GROUP BY w.period_start, w.home_sector
UNION ALL
SELECT w.period_start, 'programme', w.programme_id, count(w.days), count(*), {median}
FROM waits w WHERE w.programme_id IS NOT NULL GROUP BY w.period_start, w.programme_id"""
    return ctes, select


@definition("goal_coverage")
def goal_coverage() -> Query:
    ctes = """
covered AS (
    SELECT DISTINCT c.period_start, g.strategygoal_id AS goal_id
    FROM sector_count c
    JOIN initiatives_initiative_strategy_goals g ON g.initiative_id = c.initiative_id
    WHERE c.sectors >= 2
)"""
    select = f"""
SELECT p.period_start, 'city', 0, count(cv.goal_id), count(goal.id), {ratio("count(cv.goal_id)", "count(goal.id)")}
FROM periods p
LEFT JOIN strategy_strategygoal goal ON true  -- a city row (value NULL) even when no goals exist
LEFT JOIN covered cv ON cv.period_start = p.period_start AND cv.goal_id = goal.id
GROUP BY p.period_start
UNION ALL
SELECT p.period_start, 'sector', goal.sector_id, count(cv.goal_id), count(*), {ratio("count(cv.goal_id)", "count(*)")}
FROM periods p
JOIN strategy_strategygoal goal ON goal.sector_id IS NOT NULL
LEFT JOIN covered cv ON cv.period_start = p.period_start AND cv.goal_id = goal.id
GROUP BY p.period_start, goal.sector_id"""
    return ctes, select


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


@definition("budget_traceability")
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
    traced = "sum(t.euros) FILTER (WHERE t.has_outcome)"
    select = f"""
SELECT p.period_start, 'city', 0, COALESCE({traced}, 0), sum(t.euros), {ratio(f"COALESCE({traced}, 0)", "sum(t.euros)")}
FROM periods p LEFT JOIN traced t ON t.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT t.period_start, 'programme', t.programme_id, COALESCE({traced}, 0), sum(t.euros),
       {ratio(f"COALESCE({traced}, 0)", "sum(t.euros)")}
FROM traced t GROUP BY t.period_start, t.programme_id"""
    return ctes, select


@definition("joint_funding_share")
def joint_funding_share() -> Query:
    joint = "COALESCE(sum(f.euros) FILTER (WHERE f.funders >= 2), 0)"
    select = f"""
SELECT p.period_start, 'city', 0, {joint}, sum(f.euros), {ratio(joint, "sum(f.euros)")}
FROM periods p LEFT JOIN funded f ON f.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT f.period_start, 'sector', s.sector_id, {joint}, sum(f.euros), {ratio(joint, "sum(f.euros)")}
FROM funded f JOIN active_sectors s ON s.period_start = f.period_start AND s.initiative_id = f.initiative_id
GROUP BY f.period_start, s.sector_id
UNION ALL
SELECT f.period_start, 'programme', f.programme_id, {joint}, sum(f.euros), {ratio(joint, "sum(f.euros)")}
FROM funded f WHERE f.programme_id IS NOT NULL GROUP BY f.period_start, f.programme_id"""
    return FUNDING_CTES, select


@definition("bus_factor")
def bus_factor() -> Query:
    ctes = """
contact_roles AS (
    SELECT c.period_start, a.programme_id, cp.person_id
    FROM sector_count c
    JOIN active a ON a.period_start = c.period_start AND a.initiative_id = c.initiative_id
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = c.initiative_id
    WHERE c.sectors >= 2 AND c.period_start >= %(since)s
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
    select = f"""
SELECT p.period_start, 'city', 0, sum(ms.sectors), count(ms.meeting_id),
       {ratio("sum(ms.sectors)", "count(ms.meeting_id)")}
FROM periods p LEFT JOIN meeting_sectors ms ON ms.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT ms.period_start, 'programme', ms.programme_id, sum(ms.sectors), count(*),
       {ratio("sum(ms.sectors)", "count(*)")}
FROM meeting_sectors ms GROUP BY ms.period_start, ms.programme_id"""
    return ctes, select
