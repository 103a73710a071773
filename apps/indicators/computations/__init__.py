"""The indicator computations in PostgreSQL.

- ``sql``: the shared CTEs and the SQL helpers (``ratio``, ``per_scope``, ``share_of_initiatives``, ``base_query``);
- ``registry``: ``@definition(code, drilldown=...)``, the one registry of an indicator's SQL and its drill-down;
- ``silos``, ``money``, ``people``, ``strategy``, ``premises``: the indicators of each theme of the catalogue;
- ``network`` and ``premises.compute_hourly_use``: the cached summaries (sector ties, the hourly heatmap);
- ``engine``: runs an indicator or a summary for a range of periods; the module callers import.

Periods (months, quarters, years) are in :mod:`apps.indicators.periods`. This face re-exports the engine for
scripts outside the app (``bench/indicators.py``).
"""

from apps.indicators.computations.engine import COMPUTATIONS, JOBS, compute_indicator, compute_job, indicator_query

__all__ = ["COMPUTATIONS", "JOBS", "compute_indicator", "compute_job", "indicator_query"]
