"""Numbers as people read them in the active language: "15 000,00" in Finnish and Swedish, "15,000.00" in English."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats


def grouped(value: Decimal | float | int, decimal_places: int | None = None) -> str:
    """``value`` with the language's thousands separator and decimal mark, whatever USE_THOUSAND_SEPARATOR says
    (which would also group years)."""
    return formats.number_format(value, decimal_places, use_l10n=True, force_grouping=True)
