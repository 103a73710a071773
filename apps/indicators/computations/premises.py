"""Premises: booked hours against opening hours, and the share of culture premises used by others.

Opening hours are wall-clock times of the city's time zone; a closing time at or before the opening time means
the space closes the next day. An exception day replaces the weekly hours (no hours: closed). Opening and booked
hours alike are real elapsed hours, so the days the clocks change count 23 or 25 hours when open round the clock.
Only confirmed bookings count (requested, declined and cancelled ones do not), clipped to the period. A booking counts
for the sector its booker worked in when booking (``premises.Booking.booker_sector``), so it still counts the same
once the retention run has anonymised it and removed the booker. No initiatives
stand behind these indicators, so they have no drill-down. The weekday × hour heatmap of the dashboards is a cached
summary computed here too (``compute_hourly_use``).
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction

from apps.indicators.computations.registry import Query, definition
from apps.indicators.computations.sql import base_query, ratio
from apps.indicators.models import SpaceHourUsage


def _hours(day: str, opens: str, closes: str) -> str:
    """Real hours from ``opens`` to ``closes`` on ``day`` (the next day when it closes at or before it opens).

    Both ends become instants in the city's zone before they are subtracted, so a day with a clock change
    counts the hours that really pass: 00:00-00:00 is 23 or 25 hours, 00:00-06:00 on the spring day 5.
    """
    closing_day = f"{day} + CASE WHEN {closes} <= {opens} THEN 1 ELSE 0 END"
    return (
        f"extract(epoch FROM (({closing_day}) + {closes}) AT TIME ZONE %(tz)s "
        f"- ({day} + {opens}) AT TIME ZONE %(tz)s) / 3600"
    )


# Confirmed bookings cut to each period they touch (periods are local days, so the window is in the city's zone).
# Nearly every booking lies within one period: it finds that period by the local start of its own period (a hash
# join on the period's start, not every period against every booking); the few across a boundary are cut against
# each period they overlap.
CONFIRMED_IN_PERIODS = """
period_windows AS (
    SELECT p.period_start,
           tstzrange(p.period_start::timestamp AT TIME ZONE %(tz)s, p.period_end::timestamp AT TIME ZONE %(tz)s)
               AS window_range
    FROM periods p
),
confirmed_bookings AS (
    SELECT b.space_id, b.booker_sector_id, b.period,
           date_trunc(%(period_kind)s, lower(b.period) AT TIME ZONE %(tz)s)::date AS first_period,
           date_trunc(%(period_kind)s, (upper(b.period) - interval '1 microsecond') AT TIME ZONE %(tz)s)::date
               AS last_period
    FROM premises_booking b WHERE b.status = 'confirmed'
),
confirmed_periods AS (
    SELECT w.period_start, b.space_id, b.booker_sector_id, b.period * w.window_range AS clipped
    FROM confirmed_bookings b JOIN period_windows w ON w.period_start = b.first_period
    WHERE b.first_period = b.last_period
    UNION ALL
    SELECT w.period_start, b.space_id, b.booker_sector_id, b.period * w.window_range
    FROM confirmed_bookings b JOIN period_windows w ON b.period && w.window_range
    WHERE b.first_period <> b.last_period
)"""

BOOKED_HOURS = (
    CONFIRMED_IN_PERIODS
    + """,
confirmed AS (
    SELECT period_start, space_id, booker_sector_id,
           extract(epoch FROM upper(clipped) - lower(clipped)) / 3600 AS hours
    FROM confirmed_periods
)"""
)


@definition("space_utilisation")
def space_utilisation() -> Query:
    ctes = f"""
open_hours AS (
    SELECT p.period_start, s.id AS space_id, COALESCE(sum({_hours("d.day", "oh.opens", "oh.closes")}), 0) AS hours
    FROM periods p
    JOIN premises_space s ON s.is_bookable
    CROSS JOIN LATERAL generate_series(p.period_start, p.period_end - 1, interval '1 day') AS g(day)
    CROSS JOIN LATERAL (SELECT g.day::date AS day) d
    LEFT JOIN premises_openingexception ex ON ex.space_id = s.id AND ex.date = d.day
    LEFT JOIN LATERAL (
        SELECT ex.opens, ex.closes WHERE ex.opens IS NOT NULL
        UNION ALL
        SELECT h.opens, h.closes FROM premises_openinghours h
        WHERE ex.id IS NULL AND h.space_id = s.id AND h.weekday = extract(isodow FROM d.day)::int - 1
    ) oh ON true
    GROUP BY p.period_start, s.id
),
{BOOKED_HOURS.strip()},
booked_hours AS (
    SELECT period_start, space_id, sum(hours) AS hours FROM confirmed GROUP BY period_start, space_id
),
usage AS (
    SELECT o.period_start, o.space_id, COALESCE(b.hours, 0) AS booked, o.hours AS open
    FROM open_hours o
    LEFT JOIN booked_hours b ON b.period_start = o.period_start AND b.space_id = o.space_id
)"""
    select = f"""
SELECT p.period_start, 'city', 0, sum(u.booked), sum(u.open), {ratio("sum(u.booked)", "sum(u.open)")}
FROM periods p LEFT JOIN usage u ON u.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT u.period_start, 'space', u.space_id, u.booked, u.open, {ratio("u.booked", "u.open")}
FROM usage u"""
    return ctes, select


@definition("shared_space_use")
def shared_space_use() -> Query:
    ctes = f"""
{BOOKED_HOURS.strip()},
culture_use AS (
    SELECT c.period_start, c.space_id, c.hours,
           c.booker_sector_id IS DISTINCT FROM owner_unit.sector_id AS by_other_sector
    FROM confirmed c
    JOIN premises_space s ON s.id = c.space_id
    JOIN sectors_unit owner_unit ON owner_unit.id = s.owner_unit_id
    JOIN sectors_sector owner_sector ON owner_sector.id = owner_unit.sector_id AND owner_sector.slug = %(culture_slug)s
)"""
    others = "COALESCE(sum(u.hours) FILTER (WHERE u.by_other_sector), 0)"
    select = f"""
SELECT p.period_start, 'city', 0, {others}, sum(u.hours), {ratio(others, "sum(u.hours)")}
FROM periods p LEFT JOIN culture_use u ON u.period_start = p.period_start
GROUP BY p.period_start
UNION ALL
SELECT u.period_start, 'space', u.space_id, {others}, sum(u.hours), {ratio(others, "sum(u.hours)")}
FROM culture_use u GROUP BY u.period_start, u.space_id"""
    return ctes, select


HOURLY_USE = (
    CONFIRMED_IN_PERIODS
    + """,
hour_slots AS (
    SELECT c.period_start, c.space_id,
           extract(isodow FROM slot AT TIME ZONE %(tz)s)::int - 1 AS weekday,
           extract(hour FROM slot AT TIME ZONE %(tz)s)::int AS hour,
           extract(epoch FROM upper(c.clipped * tstzrange(slot, slot + interval '1 hour'))
                            - lower(c.clipped * tstzrange(slot, slot + interval '1 hour'))) / 3600 AS hours
    FROM confirmed_periods c
    CROSS JOIN LATERAL generate_series(
        date_trunc('hour', lower(c.clipped), %(tz)s), upper(c.clipped) - interval '1 microsecond', interval '1 hour'
    ) AS slot
),
hourly AS (
    SELECT period_start, space_id, weekday, hour, sum(hours) AS booked_hours
    FROM hour_slots
    GROUP BY GROUPING SETS ((period_start, space_id, weekday, hour), (period_start, weekday, hour))
)"""
)


def compute_hourly_use(*, period_kind: str, since: date, until: date) -> int:
    """Replace the heatmap summary of the periods of ``period_kind`` in [since, until); returns rows written."""
    with_clause, params, first, end = base_query(HOURLY_USE, period_kind=period_kind, since=since, until=until)
    statement = f"""{with_clause}
INSERT INTO indicators_spacehourusage
    (period_kind, period_start, space_id, weekday, hour, booked_hours, computed_at)
SELECT %(period_kind)s, period_start, COALESCE(space_id, 0), weekday, hour, booked_hours, now()
FROM hourly"""
    with transaction.atomic():
        SpaceHourUsage.objects.filter(period_kind=period_kind, period_start__gte=first, period_start__lt=end).delete()
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.rowcount
