"""The one registry of indicator computations: each indicator's SQL and its drill-down, registered together.

A theme module (``silos``, ``money``, ``people``, ``strategy``, ``premises``) decorates a builder with
``@definition(code, drilldown=...)``; the engine imports the themes, so reading :data:`DEFINITIONS` through
:mod:`apps.indicators.computations.engine` sees them all. Adding an indicator is a catalogue entry (names, for the
data migration that syncs the Indicator rows) and one decorated function in its theme module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# (extra CTEs, SELECT of (period_start, scope, scope_id, numerator, denominator, value) rows)
Query = tuple[str, str]
# From the indicator's own CTEs to CTEs ending in ``behind (period_start, initiative_id, programme_id)``: the
# initiatives behind its numerator, over the same shared CTEs as the computation.
Drilldown = Callable[[str], str]


@dataclass(frozen=True)
class Definition:
    """How one indicator is computed, and (unless it counts meetings or premises) which initiatives stand behind it."""

    code: str
    build: Callable[[], Query] | None
    drilldown: Drilldown | None = None
    # Set instead of ``build`` for an indicator that a cached summary's job writes in Python, with the summary and
    # from the same graph (the unit network's silo index and bridge dependence): the job of that name.
    job: str | None = None

    def query(self) -> Query:
        assert self.build is not None, f"{self.code} is computed by the {self.job} job"
        return self.build()

    def behind(self) -> str:
        """The drill-down's CTEs; only for a definition that has one."""
        assert self.drilldown is not None, f"{self.code} has no drill-down"
        return self.drilldown(self.build()[0])


DEFINITIONS: dict[str, Definition] = {}


def definition(
    code: str, *, drilldown: Drilldown | None = None
) -> Callable[[Callable[[], Query]], Callable[[], Query]]:
    """Register ``code``'s builder and its drill-down; a code registered twice is a mistake caught at import."""

    def register(build: Callable[[], Query]) -> Callable[[], Query]:
        if code in DEFINITIONS:
            raise ValueError(f"Indicator {code!r} is defined twice")
        DEFINITIONS[code] = Definition(code=code, build=build, drilldown=drilldown)
        return build

    return register


def computed_by_job(code: str, *, job: str) -> None:
    """Register an indicator that ``job`` writes besides its summary (no drill-down: no initiatives stand behind)."""
    if code in DEFINITIONS:
        raise ValueError(f"Indicator {code!r} is defined twice")
    DEFINITIONS[code] = Definition(code=code, build=None, job=job)


def rows_of(source: str, condition: str) -> Drilldown:
    """The drill-down of an indicator whose own CTE ``source`` has a row per initiative: those that meet
    ``condition``."""

    def behind(own_ctes: str) -> str:
        return (
            own_ctes.strip().rstrip(",")
            + f",\nbehind AS (SELECT period_start, initiative_id, programme_id FROM {source} WHERE {condition})"
        )

    return behind


def cross_sector(min_sectors: int) -> Drilldown:
    """The drill-down of a network indicator: the active initiatives with at least ``min_sectors`` sectors."""

    spans = {2: "cross_sector_span", 3: "three_sector_span"}[min_sectors]

    def behind(own_ctes: str) -> str:
        return f"""
behind AS (
    SELECT p.period_start, c.initiative_id, c.programme_id
    FROM periods p
    JOIN {spans} c ON c.first_period <= p.period_start AND (c.last_period IS NULL OR c.last_period >= p.period_start)
)"""

    return behind


def own_ctes_and(ctes: str) -> Drilldown:
    """The drill-down that adds ``ctes`` (ending in ``behind``) to the indicator's own CTEs."""

    def behind(own_ctes: str) -> str:
        return own_ctes.strip().rstrip(",") + "," + ctes

    return behind


def every_active() -> Drilldown:
    """The drill-down of an indicator that averages over every active initiative."""
    return lambda own_ctes: "behind AS (SELECT period_start, initiative_id, programme_id FROM active)"
