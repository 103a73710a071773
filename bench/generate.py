"""Generates a large synthetic city in bulk SQL (generate_series, no Python loop over rows).

At scale 1.0: 100,000 initiatives, 300,000 participations, ~200,000 contact roles, ~150,000 funding lines,
~60,000 results (~92,000 recordings: some measured again, some in numbers), 2,000 meetings, 30,000 partner
requests with their answers, 240 pulse rounds (~20,000 invitations, ~40,000 ratings at any scale); premises:
10 venues, 40 spaces (30 owned by culture units) with weekly opening hours, 400 bookers from every sector's units
and 1,000,000 bookings over 2023-2025.
Deterministic: ``setseed`` fixes PostgreSQL's random().
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.postgres.constraints import ExclusionConstraint
from django.db import connection, transaction

INITIATIVES = 100_000
BOOKINGS = 1_000_000
SPACES = 40
BOOKERS = 400
PARTNER_REQUESTS = 30_000
# 2023-01-01 .. 2025-12-31 in minutes: each space's bookings follow one another through these three years.
BOOKING_MINUTES = 1096 * 24 * 60
TABLES_TO_EMPTY = [
    "pulse_pulserating",
    "pulse_pulsewish",
    "pulse_pulseresponse",
    "pulse_pulseinvitation",
    "pulse_pulseround_initiatives",
    "pulse_pulseround",
    "partner_requests_partneranswer",
    "partner_requests_partnerrequest",
    "premises_historicalbooking",
    "premises_booking",
    "premises_historicalbookingseries",
    "premises_bookingseries",
    "premises_openingexception",
    "premises_openinghours",
    "premises_space_allowed_sectors",
    "premises_space",
    "premises_venue",
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

-- The names above are the Finnish ones (the first language a name falls back to; apps/core/translated.py).
UPDATE sectors_sector SET name_fi = name, description_fi = description;
UPDATE sectors_unit SET name_fi = name;
UPDATE strategy_strategygoal SET title_fi = title, description_fi = description;
UPDATE programmes_programme SET name_fi = name;
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

PREMISES_SQL = """
SELECT setseed(0.44);
INSERT INTO premises_venue (name, address, step_free_access, accessibility_notes, description)
SELECT 'Venue ' || n, 'Street ' || n, n %% 3 <> 0, '', '' FROM generate_series(1, 10) AS n;

-- Three in four spaces belong to culture units, the rest to sports and youth; a third keep a 15-minute buffer,
-- a quarter confirm bookings at once.
INSERT INTO premises_space (venue_id, name, description, capacity, equipment, owner_unit_id, is_bookable,
    min_duration, max_duration, lead_time, max_advance_days, buffer, cancellation_deadline, weekly_quota_hours,
    approval_required)
SELECT (SELECT min(id) FROM premises_venue) + (n %% 10), 'Space ' || n, '', 10 + (n * 37) %% 190,
       ARRAY['projector', 'whiteboard']::varchar(30)[],
       (SELECT u.id FROM sectors_unit u JOIN sectors_sector s ON s.id = u.sector_id
        WHERE s.slug = CASE WHEN n <= %(spaces)s * 3 / 4 THEN 'culture' ELSE 'sports-and-youth' END
        ORDER BY u.id OFFSET n %% 20 LIMIT 1),
       true, interval '30 minutes', interval '8 hours', interval '0', 365,
       CASE WHEN n %% 3 = 0 THEN interval '15 minutes' ELSE interval '0' END, interval '24 hours', NULL, n %% 4 <> 0
FROM generate_series(1, %(spaces)s) AS n;

INSERT INTO premises_openinghours (space_id, weekday, opens, closes)
SELECT s.id, d, CASE WHEN d < 5 THEN TIME '08:00' ELSE TIME '10:00' END,
       CASE WHEN d < 5 THEN TIME '21:00' ELSE TIME '18:00' END
FROM premises_space s CROSS JOIN generate_series(0, 6) AS d;

INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff, is_active,
    date_joined, home_unit_id)
SELECT '!', false, 'bench-booker-' || n, 'Booker', 'No ' || n, '', false, true, now(),
       (SELECT min(id) FROM sectors_unit) + (n %% 240)
FROM generate_series(1, %(bookers)s) AS n;

INSERT INTO accounts_roleassignment (user_id, role, source, granted_at)
SELECT u.id, 'official', 'hand', now() FROM accounts_user u WHERE u.username LIKE 'bench-booker-%%';

-- Space by space, slot after slot of %(slot)s minutes; a booking takes 30 minutes or more of its slot and leaves
-- room for the space's buffer, so holding bookings never overlap (the exclusion constraint checks every row).
-- Denser than a real city (round the clock), to give the overlap index a million rows to work on.
INSERT INTO premises_booking (purpose, attendees, period, held_period, status, decided_at, reason, created_at,
    booker_id, space_id)
SELECT 'Booking', 1 + floor(random() * 10)::int, tstzrange(b.starts, b.ends), tstzrange(b.starts, b.ends + s.buffer),
       CASE WHEN b.r < 0.80 THEN 'confirmed' WHEN b.r < 0.85 THEN 'requested'
            WHEN b.r < 0.95 THEN 'cancelled' ELSE 'declined' END,
       CASE WHEN b.r < 0.80 OR b.r >= 0.95 THEN b.starts - interval '7 days' END, '',
       b.starts - interval '30 days', (SELECT min(id) FROM accounts_user) + floor(random() * %(bookers)s)::int, s.id
FROM premises_space s
CROSS JOIN generate_series(0, %(per_space)s - 1) AS k
CROSS JOIN LATERAL (
    SELECT starts, starts + (30 + 15 * floor(random() * %(lengths)s)) * interval '1 minute' AS ends, random() AS r
    FROM (SELECT TIMESTAMPTZ '2023-01-01 00:00 Europe/Helsinki' + (k * %(slot)s) * interval '1 minute' AS starts)
         AS slot
) AS b;

UPDATE premises_venue SET name_fi = name, description_fi = description;
UPDATE premises_space SET name_fi = name, description_fi = description;
"""

# Results are measured again: a later recording of a quarter of the results (the same result, retyped in another
# case or with spaces; sometimes on the same day, then the later saved wins), a second result for a third of the
# initiatives, a baseline, target and actual value for three in ten (some targets below the baseline, some actual
# values beyond the target or short of the baseline), and weights other than 1 for one initiative in five. Each
# recording comes on or after the initiative's first, so "has an outcome" and its date stay as they were.
OUTCOME_HISTORY_SQL = """
SELECT setseed(0.45);
UPDATE initiatives_initiative SET weight = 2 + floor(random() * 3)::int WHERE random() < 0.2;

UPDATE initiatives_outcome o
SET baseline = m.baseline, target = m.baseline + m.change,
    actual = CASE WHEN m.measured < 0.8 THEN round((m.baseline + m.change * m.attained)::numeric, 1) END,
    unit = 'persons'
FROM (SELECT id, random() AS pick, floor(random() * 100) AS baseline,
             (CASE WHEN random() < 0.3 THEN -1 ELSE 1 END) * (10 + floor(random() * 50)) AS change,
             random() AS measured, random() * 1.4 - 0.2 AS attained
      FROM initiatives_outcome) m
WHERE m.id = o.id AND m.pick < 0.3;

INSERT INTO initiatives_outcome (initiative_id, text, indicator, progress, recorded_on, baseline, target, actual,
    unit)
SELECT o.initiative_id, (ARRAY['result', ' Result', 'RESULT  '])[1 + floor(random() * 3)::int], '',
       LEAST(100, o.progress + floor(random() * 40)::int), o.recorded_on + floor(random() * 300)::int,
       o.baseline, o.target,
       CASE WHEN o.target IS NOT NULL THEN round((o.baseline + (o.target - o.baseline) * random())::numeric, 1) END,
       o.unit
FROM initiatives_outcome o WHERE random() < 0.25
UNION ALL
SELECT o.initiative_id, 'Second result', '', floor(random() * 101)::int, o.recorded_on + floor(random() * 200)::int,
       NULL, NULL, NULL, ''
FROM initiatives_outcome o WHERE random() < 0.3;
"""

# Partner requests over 2023–2025 from the bookers (each for their home unit, one in twenty for no unit); a quarter
# closed by their author. Up to three answers each, the first after a few days to a few months (about three in
# four within 30 days), none after the request was closed.
PARTNER_REQUESTS_SQL = """
SELECT setseed(0.46);
INSERT INTO partner_requests_partnerrequest (author_id, unit_id, title, description, area, status, created_at,
    closed_at)
SELECT a.id, CASE WHEN random() < 0.95 THEN a.home_unit_id END, 'Partner wanted ' || g.n, '', '',
       CASE WHEN g.closed_after IS NULL THEN 'open' ELSE 'closed' END, g.posted, g.posted + g.closed_after
FROM (SELECT n, TIMESTAMPTZ '2023-01-01 00:00 Europe/Helsinki' + random() * interval '1095 days' AS posted,
             CASE WHEN random() < 0.25 THEN random() * interval '60 days' END AS closed_after,
             floor(random() * %(bookers)s)::int AS author
      FROM generate_series(1, %(requests)s) AS n) AS g
JOIN accounts_user a ON a.username = 'bench-booker-' || (g.author + 1);

-- The responder: another booker than the author.
INSERT INTO partner_requests_partneranswer (request_id, responder_id, message, created_at)
SELECT r.id, responder.id, '', r.created_at + k * -ln(1 - random()) * interval '20 days'
FROM partner_requests_partnerrequest r
JOIN accounts_user author ON author.id = r.author_id
CROSS JOIN generate_series(1, 3) AS k
JOIN accounts_user responder ON responder.username = 'bench-booker-'
    || ((substring(author.username FROM 14)::int + k * 37 + floor(random() * 5)::int) %% %(bookers)s + 1)
WHERE random() + 0 * r.id < 0.6 / k
ON CONFLICT DO NOTHING;

DELETE FROM partner_requests_partneranswer a USING partner_requests_partnerrequest r
WHERE r.id = a.request_id AND a.created_at > r.closed_at;
"""

# Pulse rounds, twenty a quarter over 2023–2025 (four of the city, the rest of programmes; one in twenty left open),
# each about 80 initiatives active in the quarter. Their contact persons are invited, about two in three answer and
# rate the other units of the initiatives they are a contact of, on six items of 1–4 (one answer in twenty left
# empty). Closing a round forgets who answered, as the app does.
PULSE_SQL = """
SELECT setseed(0.47);
INSERT INTO pulse_pulseround (title, programme_id, period_start, period_end, closes_on, state, opened_at, closed_at)
SELECT 'Pulse ' || n, CASE WHEN n %% 5 <> 0 THEN (SELECT min(id) FROM programmes_programme) + n %% 20 END,
       q, (q + interval '3 months')::date - 1, (q + interval '3 months')::date + 14 + n %% 10,
       CASE WHEN open THEN 'open' ELSE 'closed' END,
       (q + interval '3 months' - interval '7 days')::timestamp AT TIME ZONE 'Europe/Helsinki',
       CASE WHEN NOT open THEN ((q + interval '3 months')::date + 15 + n %% 10 + TIME '09:00')
                               AT TIME ZONE 'Europe/Helsinki' END
FROM (SELECT n, (DATE '2023-01-01' + ((n - 1) / 20) * interval '3 months')::date AS q, random() < 0.05 AS open
      FROM generate_series(1, 240) AS n) AS g;

INSERT INTO pulse_pulseround_initiatives (pulseround_id, initiative_id)
SELECT r.id, i.id
FROM pulse_pulseround r
CROSS JOIN LATERAL (
    SELECT i.id FROM initiatives_initiative i
    WHERE i.status IN ('active', 'completed', 'discontinued') AND i.start_date <= r.period_end
      AND (i.end_date IS NULL OR i.end_date >= r.period_start)
      AND (r.programme_id IS NULL OR i.programme_id = r.programme_id)
    ORDER BY random() + 0 * r.id LIMIT 80
) i;

INSERT INTO pulse_pulseinvitation (round_id, person_id, sent_at, answered)
SELECT DISTINCT ri.pulseround_id, cp.person_id, r.opened_at, false
FROM pulse_pulseround_initiatives ri
JOIN pulse_pulseround r ON r.id = ri.pulseround_id
JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = ri.initiative_id;
UPDATE pulse_pulseinvitation SET answered = true WHERE random() < 0.65;

INSERT INTO pulse_pulseresponse (round_id, person_id, unit_id, sector_id, saved_at)
SELECT i.round_id, i.person_id, pe.unit_id, u.sector_id, r.opened_at + interval '2 days'
FROM pulse_pulseinvitation i
JOIN pulse_pulseround r ON r.id = i.round_id
JOIN sectors_person pe ON pe.id = i.person_id JOIN sectors_unit u ON u.id = pe.unit_id
WHERE i.answered;

INSERT INTO pulse_pulserating (response_id, rated_unit_id, rated_sector_id, reliability, mission, openness,
    influence, involvement, resources, achieved)
SELECT x.response_id, x.unit_id, x.sector_id,
       CASE WHEN random() >= 0.05 THEN 1 + floor(power(random(), 0.7) * 4)::int END,
       CASE WHEN random() >= 0.05 THEN 1 + floor(power(random(), 0.7) * 4)::int END,
       CASE WHEN random() >= 0.05 THEN 1 + floor(power(random(), 0.7) * 4)::int END,
       CASE WHEN random() >= 0.05 THEN 1 + floor(random() * 4)::int END,
       CASE WHEN random() >= 0.05 THEN 1 + floor(random() * 4)::int END,
       CASE WHEN random() >= 0.05 THEN 1 + floor(random() * 4)::int END,
       ''
FROM (
    SELECT DISTINCT resp.id AS response_id, u.id AS unit_id, u.sector_id
    FROM pulse_pulseresponse resp
    JOIN pulse_pulseround_initiatives ri ON ri.pulseround_id = resp.round_id
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = ri.initiative_id
     AND cp.person_id = resp.person_id
    JOIN initiatives_participation pa ON pa.initiative_id = ri.initiative_id
    JOIN sectors_unit u ON u.id = pa.unit_id
    WHERE u.id <> resp.unit_id
    ORDER BY 1, 2
) x;

UPDATE pulse_pulseresponse resp SET person_id = NULL, saved_at = NULL
FROM pulse_pulseround r WHERE r.id = resp.round_id AND r.state = 'closed';
"""


def _premises_parameters(scale: float) -> dict[str, int]:
    per_space = max(1, int(BOOKINGS * scale) // SPACES)
    slot = BOOKING_MINUTES // per_space
    if slot < 45:
        raise ValueError("at most 1.4 × 1,000,000 bookings fit into three years of 45-minute slots")
    # How many 15-minute lengths from 30 minutes up fit into a slot with the largest buffer (15 min), 4 h at most.
    lengths = (min(slot - 15, 240) - 30) // 15 + 1
    return {"spaces": SPACES, "bookers": BOOKERS, "per_space": per_space, "slot": slot, "lengths": lengths}


@contextmanager
def _overlap_constraint_rebuilt_afterwards() -> Iterator[None]:
    """Build the exclusion constraint's index once over all rows (faster than a million inserts into it); adding
    the constraint back checks every row, so generated bookings still cannot overlap."""
    from apps.premises.models import Booking

    constraint = next(c for c in Booking._meta.constraints if isinstance(c, ExclusionConstraint))
    with connection.schema_editor() as editor:
        editor.remove_constraint(Booking, constraint)
    yield
    with connection.schema_editor() as editor:
        editor.add_constraint(Booking, constraint)


def generate_city(scale: float = 1.0) -> dict[str, int]:
    """Replace the database's contents with a city of ``scale`` × 100,000 initiatives and 1,000,000 bookings."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(TABLES_TO_EMPTY) + " RESTART IDENTITY CASCADE")
        cursor.execute(CITY_SQL, {})
        cursor.execute(INITIATIVES_SQL, {"initiatives": max(1, int(INITIATIVES * scale))})
        with _overlap_constraint_rebuilt_afterwards():
            cursor.execute(PREMISES_SQL, _premises_parameters(scale))
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run the deferred foreign key checks before the DDL
        cursor.execute(OUTCOME_HISTORY_SQL, {})
        cursor.execute(PARTNER_REQUESTS_SQL, {"requests": max(1, int(PARTNER_REQUESTS * scale)), "bookers": BOOKERS})
        cursor.execute(PULSE_SQL, {})
    with connection.cursor() as cursor:
        # As autovacuum would in time: statistics for the planner, and a visibility map for index-only scans.
        cursor.execute("VACUUM ANALYZE")
    return row_counts()


def row_counts() -> dict[str, int]:
    tables = [
        "initiatives_initiative",
        "initiatives_participation",
        "initiatives_initiative_contact_persons",
        "initiatives_funding",
        "initiatives_outcome",
        "programmes_meeting",
        "partner_requests_partnerrequest",
        "partner_requests_partneranswer",
        "pulse_pulseinvitation",
        "pulse_pulserating",
        "premises_space",
        "premises_openinghours",
        "premises_booking",
        "accounts_user",
    ]
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts[table] = cursor.fetchone()[0]
    return counts
