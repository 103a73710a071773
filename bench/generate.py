"""Generates a large synthetic city in bulk SQL (generate_series, no Python loop over rows).

At scale 1.0: 100,000 initiatives, 300,000 participations, ~200,000 contact roles, ~150,000 funding lines,
~60,000 outcomes, 2,000 meetings; the premises part adds 1,000,000 bookings once the premises app has them.
Deterministic: ``setseed`` fixes PostgreSQL's random().
"""

from __future__ import annotations

from django.db import connection, transaction

INITIATIVES = 100_000
TABLES_TO_EMPTY = [
    "indicators_indicatorvalue",
    "programmes_meeting_attendees",
    "programmes_decision",
    "programmes_meeting",
    "initiatives_outcome",
    "initiatives_funding",
    "initiatives_initiative_contact_persons",
    "initiatives_initiative_strategy_goals",
    "initiatives_initiative_themes",
    "initiatives_participation",
    "initiatives_initiative",
    "programmes_programme_sectors",
    "programmes_programme_strategy_goals",
    "programmes_programme",
    "strategy_strategygoal",
    "sectors_person_topics",
    "sectors_person",
    "accounts_user",
    "sectors_unit",
    "sectors_sector",
]

CITY_SQL = """
SELECT setseed(0.42);
INSERT INTO sectors_sector (name, slug, kind, description)
SELECT name, slug, kind, '' FROM (VALUES
    ('Culture', 'culture', 'city'), ('Education', 'education', 'city'),
    ('Social and Health', 'social-and-health', 'city'), ('Urban Environment', 'urban-environment', 'city'),
    ('Sports and Youth', 'sports-and-youth', 'city'), ('Employment and Business', 'employment', 'city'),
    ('City Executive Office', 'executive', 'city'), ('Rescue Services', 'rescue', 'city'),
    ('Civil Society', 'civil-society', 'external'), ('Business', 'business', 'external'),
    ('Residents', 'residents', 'external'), ('Region and State', 'region', 'external')
) AS s(name, slug, kind);

INSERT INTO sectors_unit (sector_id, name, email)
SELECT s.id, s.name || ' unit ' || n, '' FROM sectors_sector s CROSS JOIN generate_series(1, 20) AS n;

INSERT INTO sectors_person (first_name, last_name, unit_id, title, email, phone, languages, is_boundary_spanner)
SELECT 'Person', 'No ' || n, (SELECT min(id) FROM sectors_unit) + (n %% 240), 'Coordinator', '', '',
       ARRAY['fi'], random() < 0.1
FROM generate_series(1, 5000) AS n;

INSERT INTO strategy_strategygoal (code, title, description, sector_id)
SELECT 'G' || n, 'Goal ' || n, '', CASE WHEN n > 30 THEN (SELECT min(id) FROM sectors_sector) + (n %% 8) END
FROM generate_series(1, 50) AS n;

INSERT INTO programmes_programme (name, mandate, lead_id, start_date, end_date, yearly_budget)
SELECT 'Programme ' || n, '', (SELECT min(id) FROM sectors_person) + n, DATE '2023-01-01', NULL, 1000000
FROM generate_series(1, 20) AS n;
"""

INITIATIVES_SQL = """
SELECT setseed(0.43);
INSERT INTO initiatives_initiative (title, description, status, collaboration_form, start_date, end_date,
    programme_id, involves_residents, involves_ngos, resident_participants, created_by_id, created_at, updated_at)
SELECT 'Initiative ' || n, '',
       (ARRAY['idea', 'planned', 'active', 'active', 'active', 'completed', 'completed', 'discontinued'])
           [1 + floor(random() * 8)::int],
       (ARRAY['dialogue', 'council', 'grant', 'partnership', 'project', 'network', 'event'])
           [1 + floor(random() * 7)::int],
       start_on, CASE WHEN random() < 0.7 THEN start_on + (30 + floor(random() * 700))::int END,
       CASE WHEN random() < 0.3 THEN (SELECT min(id) FROM programmes_programme) + floor(random() * 20)::int END,
       random() < 0.2, random() < 0.25, NULL, NULL,
       (start_on - floor(random() * 90)::int)::timestamp AT TIME ZONE 'Europe/Helsinki', now()
FROM (SELECT n, DATE '2023-01-01' + floor(random() * 1095)::int AS start_on
      FROM generate_series(1, %(initiatives)s) AS n) AS g;

-- Three units per initiative: the lead, and two partners that join within four months; sectors skewed so that
-- culture takes part less often than the others.
INSERT INTO initiatives_participation (initiative_id, unit_id, role, joined_on)
SELECT i.id, u.unit_id, CASE WHEN k = 1 THEN 'lead' ELSE 'partner' END,
       CASE WHEN k = 1 THEN i.start_date ELSE i.start_date + floor(random() * 120)::int END
FROM initiatives_initiative i
CROSS JOIN generate_series(1, 3) AS k
CROSS JOIN LATERAL (
    SELECT (SELECT min(id) FROM sectors_unit) + (floor(power(random(), 1.3) * 240)::int + i.id::int * k) %% 240
           AS unit_id
) u
ON CONFLICT DO NOTHING;

INSERT INTO initiatives_initiative_contact_persons (initiative_id, person_id)
SELECT DISTINCT i.id, (SELECT min(id) FROM sectors_person) + floor(random() * 5000)::int
FROM initiatives_initiative i CROSS JOIN generate_series(1, 2) AS k
WHERE k = 1 OR random() + 0 * i.id < 0.6;  -- "+ 0 * i.id" keeps random() per row, not per k

INSERT INTO initiatives_initiative_strategy_goals (initiative_id, strategygoal_id)
SELECT i.id, (SELECT min(id) FROM strategy_strategygoal) + floor(random() * 50)::int
FROM initiatives_initiative i WHERE random() < 0.8;

INSERT INTO initiatives_funding (initiative_id, source_unit_id, external_source, instrument, allocated, spent, year)
SELECT i.id, CASE WHEN k < 3 THEN (SELECT min(id) FROM sectors_unit) + floor(random() * 240)::int END,
       CASE WHEN k = 3 THEN 'Foundation' ELSE '' END,
       CASE WHEN k = 3 THEN 'external' WHEN i.programme_id IS NOT NULL THEN 'programme_budget' ELSE 'sector_budget' END,
       round((1000 + random() * 50000)::numeric, 2), 0, extract(year FROM i.start_date)::int
FROM initiatives_initiative i CROSS JOIN generate_series(1, 3) AS k
WHERE k = 1 OR random() + 0 * i.id < 0.25;

INSERT INTO initiatives_outcome (initiative_id, text, indicator, progress, recorded_on)
SELECT i.id, 'Result', '', floor(random() * 101)::int, i.start_date + floor(random() * 400)::int
FROM initiatives_initiative i WHERE random() < 0.6;

INSERT INTO programmes_meeting (programme_id, kind, title, held_on, notes)
SELECT (SELECT min(id) FROM programmes_programme) + (n %% 20), 'workshop', 'Meeting ' || n,
       DATE '2023-01-01' + floor(random() * 1095)::int, ''
FROM generate_series(1, 2000) AS n;

INSERT INTO programmes_meeting_attendees (meeting_id, person_id)
SELECT DISTINCT m.id, (SELECT min(id) FROM sectors_person) + floor(random() * 5000)::int
FROM programmes_meeting m CROSS JOIN generate_series(1, 6);
"""


def generate_city(scale: float = 1.0) -> dict[str, int]:
    """Replace the database's contents with a synthetic city of ``scale`` × 100,000 initiatives; returns row counts."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(TABLES_TO_EMPTY) + " RESTART IDENTITY CASCADE")
        cursor.execute(CITY_SQL, {})
        cursor.execute(INITIATIVES_SQL, {"initiatives": max(1, int(INITIATIVES * scale))})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return row_counts()


def row_counts() -> dict[str, int]:
    tables = [
        "initiatives_initiative",
        "initiatives_participation",
        "initiatives_initiative_contact_persons",
        "initiatives_funding",
        "initiatives_outcome",
        "programmes_meeting",
    ]
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return counts
