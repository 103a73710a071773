"""Numbers of the dashboards in the active language's format: "12 345,6" in Finnish and Swedish, "12,345.6" in
English."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.translation import gettext as _

from apps.core.numbers import grouped
from apps.dashboards.charts import sparkline_points
from apps.dashboards.selectors import Tile, period_label
from apps.indicators.models import Indicator

register = template.Library()


def _number(value: float, places: int) -> str:
    """Rounded (Django's number_format cuts decimals off), with the language's decimal mark and thousands separator."""
    return grouped(round(value, places), places)


Unit = Indicator.Unit


@register.filter
def indicator_value(value: float | None, unit: str) -> str:
    """A value as its unit reads: a share in per cent, days whole, an index with two decimals."""
    if value is None:
        return "–"
    if unit == Unit.SHARE:
        return _("%(value)s %%") % {"value": _number(value * 100, 1)}
    if unit == Unit.DAYS:
        return _("%(value)s days") % {"value": _number(value, 0)}
    if unit == Unit.INDEX:
        return _number(value, 2)
    return _number(value, 0 if float(value).is_integer() else 1)


@register.filter
def change_text(tile: Tile) -> str:
    """The change from the previous period, signed, in the indicator's unit (shares in percentage points)."""
    change = tile.shown_change
    if change is None:
        return ""
    unit = tile.indicator.unit
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    size = abs(change)
    if unit == Unit.SHARE:
        return _("%(value)s pp") % {"value": f"{sign}{_number(size * 100, 1)}"}
    if unit == Unit.DAYS:
        return _("%(value)s days") % {"value": f"{sign}{_number(size, 0)}"}
    return f"{sign}{_number(size, 2 if unit == Unit.INDEX else 1)}"


@register.filter
def sparkline(tile: Tile) -> str:
    """The SVG points of the tile's history (``charts.sparkline_points``)."""
    return sparkline_points(tile.history)


@register.simple_tag
def period_name(kind: str, start: date) -> str:
    return period_label(kind, start)
