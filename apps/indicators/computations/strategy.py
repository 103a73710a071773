"""Strategy: does the work serve the strategy goals, and does it lead to recorded outcomes.

Each indicator of the theme (catalogue.py) is registered with its drill-down; see ``registry``.
"""

from __future__ import annotations

from apps.indicators.computations.registry import Query, cross_sector, definition, rows_of
from apps.indicators.computations.sql import ALL_SCOPES, always, covers, ratio, share_of_initiatives


@definition("strategy_alignment", drilldown=rows_of("flags", "hit"))
def strategy_alignment() -> Query:
    return share_of_initiatives(
        joins="""LEFT JOIN (SELECT DISTINCT initiative_id FROM initiatives_initiative_strategy_goals) g
                 ON g.initiative_id = b.initiative_id""",
        hit_from=always("g.initiative_id IS NOT NULL"),
        scopes=ALL_SCOPES,
    )


@definition("goal_coverage", drilldown=cross_sector(2))
def goal_coverage() -> Query:
    ctes = f"""
goal_spans AS (
    SELECT DISTINCT g.strategygoal_id AS goal_id, c.first_period, c.last_period
    FROM cross_sector_span c JOIN initiatives_initiative_strategy_goals g ON g.initiative_id = c.initiative_id
),
covered AS (
    SELECT DISTINCT p.period_start, g.goal_id FROM periods p JOIN goal_spans g ON {covers("g", "p.period_start")}
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


@definition("outcome_rate", drilldown=rows_of("flags", "hit"))
def outcome_rate() -> Query:
    ctes, select = share_of_initiatives(
        spans="completed_span",
        joins="""LEFT JOIN (SELECT DISTINCT initiative_id FROM initiatives_outcome) o
                 ON o.initiative_id = b.initiative_id""",
        hit_from=always("o.initiative_id IS NOT NULL"),
        scopes=ALL_SCOPES,
    )
    # A completed initiative counts in the one period it ended in.
    completed = """
completed_span AS (
    SELECT s.id AS initiative_id, s.programme_id, s.last_period AS first_period, s.last_period
    FROM initiative_span s
    WHERE s.status = 'completed' AND s.last_period >= %(since)s AND s.last_period < %(until)s
),"""
    return completed + ctes, select
