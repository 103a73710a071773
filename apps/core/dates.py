"""The dates a person could really mean: the one range every date the application reads is checked against.

API bodies, forms and query strings alike: year 309 or 9999 is a typo, not a plan, and a day or a time zone added
to a date near year 1 or 9999 overflows Python's calendar (a 500) instead of answering.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The years the city's records can sensibly cover; far enough from year 1 and 9999 that a week, a day past
# midnight or the widest time zone offset added to any of them still is a date.
FIRST_YEAR = 1900
LAST_YEAR = 2100

IMPLAUSIBLE = format_lazy(_("Enter a date between the years {first} and {last}."), first=FIRST_YEAR, last=LAST_YEAR)


def validate_plausible(value: date) -> None:
    """Refuse a date or datetime outside the years FIRST_YEAR … LAST_YEAR (a validator of form and API fields)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(IMPLAUSIBLE, code="implausible")
