"""An estimated count is shown to two significant digits: its last digits are the planner's noise."""

import pytest

from apps.core.estimated_pages import EstimatedCountPaginator


@pytest.mark.parametrize(
    ("estimate", "shown"), [(37, 37), (1_049, 1_000), (9_359, 9_400), (99_873, 100_000), (1_234_567, 1_200_000)]
)
def test_an_estimate_is_rounded_to_two_significant_digits(estimate, shown):
    paginator = EstimatedCountPaginator([], 25)
    paginator.count = estimate  # as an estimate would have set it

    assert paginator.rounded_count == shown
