"""Outcomes: how far the programmes and strategy goals got, rolled up from their initiatives' outcomes.

The roll-up's rules and its SQL are the initiatives app's (``apps/initiatives/progress.py``), so the programme and
goal pages and this indicator say the same; here they are only summed per scope, as of each period's end.
"""

from __future__ import annotations

from apps.indicators.computations.registry import Query, definition, rows_of
from apps.indicators.computations.sql import CITY, PROGRAMME, per_scope, ratio
from apps.initiatives.progress import progress_ctes

GOAL = "goal"
WEIGHTED = "COALESCE(sum(r.weight * r.progress), 0)"
WEIGHTS = "COALESCE(sum(r.weight), 0)"


@definition("outcome_progress", drilldown=rows_of("initiative_progress", "true"))
def outcome_progress() -> Query:
    """Σ weight × progress ÷ Σ weight over the initiatives with outcomes recorded before the period's end."""
    select = per_scope("initiative_progress", numerator=WEIGHTED, denominator=WEIGHTS, scopes=(CITY, PROGRAMME))
    by_goal = f"""
SELECT r.period_start, '{GOAL}', g.strategygoal_id, {WEIGHTED}, {WEIGHTS}, {ratio(WEIGHTED, WEIGHTS)}
FROM initiative_progress r JOIN initiatives_initiative_strategy_goals g ON g.initiative_id = r.initiative_id
GROUP BY r.period_start, g.strategygoal_id"""
    return progress_ctes("periods"), f"{select}\nUNION ALL{by_goal}"
