"""Trust and value between partners, and the answers to the pulse surveys (apps/pulse).

A closed round counts in the period of its closing date; a period without one has a city row with no value, as
every indicator's empty period. The unit of anonymity is a *group*: the scores of one
round between two sectors (either rating the other, or within one sector), counted only when at least
``SILTA_PULSE_MIN_GROUP`` different respondents gave them. Every value, for a pair, a sector or the city, adds up
only such groups, so no published figure, nor the difference of two, rests on fewer answers. The pulse pages read
the same rule (``apps.pulse.selectors.round_results``).
"""

from __future__ import annotations

from django.conf import settings

from apps.indicators.computations.registry import Query, definition
from apps.indicators.computations.sql import ratio

PAIR = "pair"
# A sector pair's scope id: the smaller sector id × 2³² + the larger (sector ids stay far below 2³²).
PAIR_SHIFT = 2**32


def pair_scope_id(a: int, b: int) -> int:
    low, high = sorted((a, b))
    return low * PAIR_SHIFT + high


def pair_of(scope_id: int) -> tuple[int, int]:
    return divmod(scope_id, PAIR_SHIFT)


def _closed_rounds() -> str:
    """``FROM`` the closed rounds of the periods (alias ``r``: period_start, id, programme_id). Those of the whole
    range are picked first, so the planner sees how few they are and joins their answers to them, not every answer
    of every round to its people before the rounds."""
    return """
    FROM (
        SELECT p.period_start, r.id, r.programme_id
        FROM pulse_pulseround r
        JOIN periods p ON r.closes_on >= p.period_start AND r.closes_on < p.period_end
        WHERE r.state = 'closed' AND r.closes_on >= %(since)s AND r.closes_on < %(until)s
    ) r"""


def _scores(kind: str, items: tuple[str, str, str]) -> str:
    # Reduced to groups first: each rating adds its items answered and their scaled sum to its group, and only the
    # groups are summed up per pair, sector and city (no row per item, no second pass over the scores).
    min_group = max(int(settings.SILTA_PULSE_MIN_GROUP), 1)
    values = ", ".join(f"(rt.{item})" for item in items)
    return f"""
-- {kind}: the groups with enough respondents (who answered at least one of the items), their items and scores
pulse_kept AS (
    SELECT r.period_start, r.id AS round_id,
           LEAST(resp.sector_id, rt.rated_sector_id) AS a, GREATEST(resp.sector_id, rt.rated_sector_id) AS b,
           sum(v.answered) AS answered, sum(v.scaled) AS scaled
    {_closed_rounds()}
    JOIN pulse_pulseresponse resp ON resp.round_id = r.id
    JOIN pulse_pulserating rt ON rt.response_id = resp.id
    CROSS JOIN LATERAL (
        SELECT count(score) AS answered, sum((score - 1) / 3.0) AS scaled FROM (VALUES {values}) AS item(score)
    ) AS v
    GROUP BY r.period_start, r.id, 3, 4
    HAVING count(DISTINCT resp.id) FILTER (WHERE v.answered > 0) >= {min_group}
),
pulse_by_sector AS (
    SELECT period_start, a AS sector_id, answered, scaled FROM pulse_kept
    UNION ALL
    SELECT period_start, b, answered, scaled FROM pulse_kept WHERE b <> a
)"""


def _index_select() -> str:
    numerator, denominator = "sum(k.scaled)", "COALESCE(sum(k.answered), 0)"
    aggregates = f"{numerator}, {denominator}, {ratio(numerator, denominator)}"
    return f"""
SELECT p.period_start, 'city', 0, {aggregates}
FROM periods p LEFT JOIN pulse_kept k ON k.period_start = p.period_start GROUP BY p.period_start
UNION ALL
SELECT k.period_start, 'sector', k.sector_id, {aggregates} FROM pulse_by_sector k GROUP BY k.period_start, k.sector_id
UNION ALL
SELECT k.period_start, '{PAIR}', k.a::bigint * {PAIR_SHIFT} + k.b, {aggregates}
FROM pulse_kept k GROUP BY k.period_start, k.a, k.b"""


@definition("pulse_trust")
def pulse_trust() -> Query:
    """The trust items' mean, scaled 0–1, per sector pair, sector and the city, over groups large enough."""
    return _scores("trust", ("reliability", "mission", "openness")), _index_select()


@definition("pulse_value")
def pulse_value() -> Query:
    """The value items' mean, scaled 0–1, as trust."""
    return _scores("value", ("influence", "involvement", "resources")), _index_select()


@definition("pulse_response_rate")
def pulse_response_rate() -> Query:
    """Answered invitations ÷ invitations of the closed rounds; a sector only with enough people invited."""
    min_group = int(settings.SILTA_PULSE_MIN_GROUP)
    ctes = f"""
pulse_invited AS (
    SELECT r.period_start, r.programme_id, u.sector_id, i.answered
    {_closed_rounds()}
    JOIN pulse_pulseinvitation i ON i.round_id = r.id
    JOIN sectors_person pe ON pe.id = i.person_id
    JOIN sectors_unit u ON u.id = pe.unit_id
)"""
    numerator, denominator = "count(k.period_start) FILTER (WHERE k.answered)", "count(k.period_start)"
    aggregates = f"{numerator}, {denominator}, {ratio(numerator, denominator)}"
    select = f"""
SELECT p.period_start, 'city', 0, {aggregates}
FROM periods p LEFT JOIN pulse_invited k ON k.period_start = p.period_start GROUP BY p.period_start
UNION ALL
SELECT k.period_start, 'sector', k.sector_id, {aggregates} FROM pulse_invited k GROUP BY k.period_start, k.sector_id
HAVING count(k.period_start) >= {min_group}
UNION ALL
SELECT k.period_start, 'programme', k.programme_id, {aggregates} FROM pulse_invited k
WHERE k.programme_id IS NOT NULL GROUP BY k.period_start, k.programme_id"""
    return ctes, select
