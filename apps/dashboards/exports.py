"""The dashboards' tables as CSV or Excel (``?download=<table>&format=xlsx``; CSV without ``format``).

Values are rounded as the page shows them (a share of 32.1 % is 0.321, formatted as a percentage in a workbook;
days whole; an index with two decimals), periods are headed by their first day in ISO 8601 (the same in every
language), texts are in the user's language. Each export takes what its page has already read, so a download
shows what the page shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.spreadsheets import Format, Rounded, Table, table_response
from apps.dashboards.selectors import Heatmap, Network, Partner, Series, ThemeGroup, UnitNetwork
from apps.indicators.models import Indicator

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http.response import HttpResponseBase

    from apps.initiatives.models import Initiative

Unit = Indicator.Unit


def rounded(value: float | None, unit: str) -> Rounded | None:
    """``value`` with the rounding of the page (``indicator_value``): 32.1 %, 12 days, 0.45, 3 or 2.5."""
    if value is None:
        return None
    if unit == Unit.SHARE:
        return Rounded(value, 1, percent=True)
    if unit == Unit.DAYS:
        return Rounded(value, 0)
    if unit == Unit.INDEX:
        return Rounded(value, 2)
    return count(value)


def count(value: float | None) -> Rounded | None:
    """A count as the page shows it: whole, or with one decimal when it has a fraction (2.5; 3.96 is 4)."""
    if value is None:
        return None
    one_decimal = round(float(value), 1)
    return Rounded(one_decimal, 0 if one_decimal.is_integer() else 1)


def download(name: str, table: Table, file_format: Format) -> HttpResponseBase:
    return table_response(table, slugify(name), file_format)


def _period_columns(starts: Iterable[date]) -> list[str]:
    """A column per period, headed by its start (ISO 8601: the same in every language)."""
    return [start.isoformat() for start in starts]


def tiles_table(groups: list[ThemeGroup]) -> Table:
    """Every tile of the overview: its numerator and denominator, then its history."""
    starts = [start for start, _value in groups[0].tiles[0].history] if groups else []
    return Table(
        header=[_("Code"), _("Indicator"), _("Theme"), _("Numerator"), _("Denominator"), *_period_columns(starts)],
        rows=(
            [tile.indicator.code, tile.indicator.name, group.label, count(tile.numerator), count(tile.denominator)]
            + [rounded(value, tile.indicator.unit) for _start, value in tile.history]
            for group in groups
            for tile in group.tiles
        ),
        title=_("Indicators"),
    )


def partners_table(partners: list[Partner]) -> Table:
    return Table(
        header=[_("Sector"), _("Shared initiatives")],
        rows=([partner.name, partner.initiatives] for partner in partners),
        title=_("Partner sectors"),
    )


def series_table(first_column: str, starts: list[date], series: list[Series], unit: str, title: str) -> Table:
    """A chart's lines or a table's rows, a column per period."""
    return Table(
        header=[first_column, *_period_columns(starts)],
        rows=([line.label, *(rounded(value, unit) for value in line.values)] for line in series),
        title=title,
    )


def trend_table(indicator: Indicator, starts: list[date], series: list[Series]) -> Table:
    return series_table(_("Series"), starts, series, indicator.unit, indicator.name)


def premises_table(table: str, starts: list[date], rows: list[Series]) -> Table:
    """The premises page's ``city`` table (a row per indicator) or its ``spaces`` table (a row per space)."""
    first_column = _("Space") if table == "spaces" else _("Indicator")
    return series_table(first_column, starts, rows, Unit.SHARE, _("Utilisation"))


def ties_table(graph: Network) -> Table:
    return Table(
        header=[_("Sector"), _("Sector"), _("Shared initiatives")],
        rows=([edge.a.sector.name, edge.b.sector.name, edge.initiatives] for edge in graph.edges),
        title=_("Ties"),
    )


def network_sectors_table(graph: Network) -> Table:
    return Table(
        header=[_("Sector"), _("Culture"), _("Initiatives")],
        rows=([node.sector.name, node.is_culture, node.initiatives] for node in graph.nodes),
        title=_("Sectors"),
    )


def units_table(graph: UnitNetwork) -> Table:
    """The unit network's table alternative: the same columns as on the page."""
    return Table(
        header=[_("Unit"), _("Sector"), _("Culture"), _("Group"), _("Bridge rank"), _("Ties"), _("Initiatives")],
        rows=([u.name, u.sector, u.is_culture, u.community + 1, u.rank, u.ties, u.initiatives] for u in graph.units),
        title=_("Units"),
    )


def heatmap_table(heatmap: Heatmap) -> Table:
    """Booked hours, with at most one decimal as on the page."""
    return Table(
        header=[_("Weekday"), *(f"{hour:02}" for hour in heatmap.hours)],
        rows=([weekday, *(count(cell) for cell in cells)] for weekday, cells in heatmap.rows),
        title=_("Booked hours"),
    )


def initiatives_table(initiatives: QuerySet[Initiative]) -> Table:
    """The initiatives behind a number (an empty cell for no end date or no programme)."""
    return Table(
        header=[_("Initiative"), _("Status"), _("Start"), _("End"), _("Programme")],
        rows=(
            [item.title, item.get_status_display(), item.start_date, item.end_date, item.programme]
            for item in initiatives
        ),
        title=_("Initiatives"),
    )
