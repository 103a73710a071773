"""Which initiatives stand behind an indicator's numerator, so a manager can click from a number to the work.

Each entry builds CTEs ending in ``behind (period_start, initiative_id, programme_id)`` over the same shared CTEs
as the computation. Indicators about meetings and premises have no initiatives behind them and are absent.
"""

from __future__ import annotations

from collections.abc import Callable

from apps.indicators.computations.definitions import DEFINITIONS


def _cross_sector(min_sectors: int) -> str:
    return f"""
behind AS (
    SELECT a.period_start, a.initiative_id, a.programme_id
    FROM active a JOIN sector_count c ON c.period_start = a.period_start AND c.initiative_id = a.initiative_id
    WHERE c.sectors >= {min_sectors}
)"""


def _behind(code: str, source: str, condition: str) -> str:
    """The indicator's own CTEs, and the rows of ``source`` that satisfy ``condition``."""
    ctes, _ = DEFINITIONS[code]()
    return (
        ctes.strip().rstrip(",")
        + f",\nbehind AS (SELECT period_start, initiative_id, programme_id FROM {source} WHERE {condition})"
    )


CONTACT_COVERAGE = """
behind AS (
    SELECT DISTINCT r.period_start, r.initiative_id, i.programme_id
    FROM recent r
    JOIN initiatives_initiative i ON i.id = r.initiative_id
    JOIN initiatives_initiative_contact_persons cp ON cp.initiative_id = r.initiative_id
    JOIN sectors_person spanner ON spanner.id = cp.person_id AND spanner.is_boundary_spanner
)"""

SHARE_INDICATORS = (
    "cross_sector_share",
    "key_person_risk",
    "civic_involvement",
    "strategy_alignment",
    "culture_in_programmes",
    "outcome_rate",
)
NETWORK_INDICATORS = (
    "sector_reach",
    "network_density",
    "ei_index",
    "tie_continuity",
    "degree_centralization",
    "bus_factor",
    "goal_coverage",
)

DRILLDOWNS: dict[str, Callable[[], str]] = {
    **{code: (lambda code=code: _behind(code, "flags", "hit")) for code in SHARE_INDICATORS},
    **{code: (lambda: _cross_sector(2)) for code in NETWORK_INDICATORS},
    "boundary_spanners": lambda: _cross_sector(3),
    "sector_diversity": lambda: "behind AS (SELECT period_start, initiative_id, programme_id FROM active)",
    "contact_coverage": lambda: DEFINITIONS["contact_coverage"]()[0].strip().rstrip(",") + "," + CONTACT_COVERAGE,
    "time_to_partner": lambda: _behind("time_to_partner", "waits", "days IS NOT NULL"),
    "budget_traceability": lambda: _behind("budget_traceability", "traced", "has_outcome"),
    "joint_funding_share": lambda: _behind("joint_funding_share", "funded", "funders >= 2"),
}
