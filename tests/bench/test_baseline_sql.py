"""The benchmark's independent baseline (bench/baseline_sql.py) gives the rows Silta stores, indicator by indicator.

``make bench`` times Silta against that baseline; if the two drifted apart the ratio would compare different work.
A small generated city (1,000 initiatives, 10,000 bookings) in months and quarters of 2025, and months of 2023, the
first year of the data, where initiatives are still starting and sectors joining.
"""

from __future__ import annotations

from datetime import date

import pytest

from apps.indicators.computations import compute_indicator
from bench.baseline_sql import BASELINES, baseline_rows, mismatches, stored_rows
from bench.generate import generate_city

RANGES = [
    ("month", date(2025, 1, 1), date(2026, 1, 1)),
    ("quarter", date(2025, 1, 1), date(2026, 1, 1)),
    ("month", date(2023, 1, 1), date(2024, 1, 1)),
]


@pytest.fixture(scope="module")
def codes() -> list[str]:
    return sorted(BASELINES)


@pytest.mark.django_db(transaction=True)
def test_the_baseline_gives_the_rows_silta_stores_for_every_indicator_it_covers(codes: list[str]) -> None:
    generate_city(scale=0.01)
    differences: dict[tuple[str, str, date], list[str]] = {}
    for code in codes:
        for kind, since, until in RANGES:
            compute_indicator(code, period_kind=kind, since=since, until=until)
            stored = stored_rows(code, period_kind=kind, since=since, until=until)
            assert stored, f"{code} stored nothing for {kind} from {since}: the comparison would be empty"
            problems = mismatches(stored, baseline_rows(code, period_kind=kind, since=since, until=until))
            if problems:
                differences[(code, kind, since)] = problems[:5]
    assert differences == {}
    assert len(codes) >= 11


def test_a_changed_value_is_a_mismatch() -> None:
    row = (date(2025, 1, 1), "city", 0, 1.0, 2.0, 0.5)
    assert mismatches([row], [row]) == []
    assert mismatches([row], [(*row[:5], 0.6)]) != []
    assert mismatches([row], []) != []
    assert mismatches([(*row[:4], None, None)], [(*row[:4], None, None)]) == []
