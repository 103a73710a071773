"""Finding a partner (apps/partner_requests): whether a "partner wanted" post gets an answer within 30 days.

A request counts in the period it was posted, once its outcome is known: answered, closed by its author, or 30
days old. One still open and younger than that is left out rather than counted as unanswered, so the newest
period is not pulled down by requests that may still be answered. A request belongs to the sector of the unit
that posted it.
"""

from __future__ import annotations

from apps.indicators.computations.registry import Query, definition
from apps.indicators.computations.sql import CITY, SECTOR, per_scope

ANSWER_WITHIN_DAYS = 30


@definition("partner_requests_answered")
def partner_requests_answered() -> Query:
    # The requests of the whole range, each to its period by its local posting day (a hash join), and every
    # request's first answer in one grouping: not an index range scan per period and an answer lookup per request.
    ctes = f"""
partner_requests AS (
    SELECT date_trunc(%(period_kind)s, r.created_at AT TIME ZONE %(tz)s)::date AS period_start, r.id AS request_id,
           u.sector_id, first_answer.at <= r.created_at + interval '{ANSWER_WITHIN_DAYS} days' AS answered_in_time
    FROM partner_requests_partnerrequest r
    LEFT JOIN sectors_unit u ON u.id = r.unit_id
    LEFT JOIN (
        SELECT request_id, min(created_at) AS at FROM partner_requests_partneranswer GROUP BY request_id
    ) first_answer ON first_answer.request_id = r.id
    WHERE r.created_at >= (%(since)s::timestamp AT TIME ZONE %(tz)s)
      AND r.created_at < (%(until)s::timestamp AT TIME ZONE %(tz)s)
      AND (first_answer.at IS NOT NULL
           OR r.status = 'closed'
           OR r.created_at + interval '{ANSWER_WITHIN_DAYS} days' <= now())
)"""
    select = per_scope(
        "partner_requests",
        numerator="count(r.request_id) FILTER (WHERE r.answered_in_time)",
        denominator="count(r.request_id)",
        scopes=(CITY, SECTOR),
        sector_column="sector_id",
    )
    return ctes, select
