"""The indicator catalogue as CSV or Excel: what each indicator measures, in the user's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from apps.core.spreadsheets import Table, column
from apps.indicators.models import Indicator


def indicator_table(indicators: Iterable[Indicator]) -> Table:
    return Table(
        header=[
            column(Indicator, "code"),
            column(Indicator, "name"),
            column(Indicator, "theme"),
            column(Indicator, "description"),
            column(Indicator, "formula"),
            column(Indicator, "unit"),
            column(Indicator, "direction"),
        ],
        rows=(
            [
                indicator.code,
                indicator.name,
                indicator.get_theme_display(),
                indicator.description,
                indicator.formula,
                indicator.get_unit_display(),
                indicator.get_direction_display(),
            ]
            for indicator in indicators
        ),
        title=_("Indicators"),
    )
