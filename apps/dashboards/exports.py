"""The dashboards' tables as CSV (``?download=<table>``): numbers as computed, dates ISO 8601, so spreadsheets and
scripts read them alike. Each export takes what its page has already read, so a download shows what the page shows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.csv_export import csv_download
from apps.dashboards.selectors import Heatmap, Network, Partner, Series, ThemeGroup

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from apps.initiatives.models import Initiative


def _download(name: str, header: list[str], rows: Iterable[Iterable[object]]) -> HttpResponse:
    return csv_download(f"{slugify(name)}.csv", itertools.chain([header], rows))


def _period_columns(starts: Iterable[date]) -> list[str]:
    """A column per period, headed by its start (ISO 8601: the same in every language)."""
    return [start.isoformat() for start in starts]


def tiles_csv(name: str, groups: list[ThemeGroup]) -> HttpResponse:
    """Every tile of the overview: its numerator and denominator, then its history."""
    starts = [start for start, _value in groups[0].tiles[0].history] if groups else []
    return _download(
        f"silta-indicators-{name}",
        [_("Code"), _("Indicator"), _("Theme"), _("Numerator"), _("Denominator"), *_period_columns(starts)],
        (
            [tile.indicator.code, tile.indicator.name, group.label, tile.numerator, tile.denominator]
            + [value for _start, value in tile.history]
            for group in groups
            for tile in group.tiles
        ),
    )


def partners_csv(name: str, partners: list[Partner]) -> HttpResponse:
    return _download(
        f"silta-partners-{name}",
        [_("Sector"), _("Shared initiatives")],
        ([partner.name, partner.initiatives] for partner in partners),
    )


def _series(name: str, first_column: str, starts: list[date], series: list[Series]) -> HttpResponse:
    """A chart's lines or a table's rows, a column per period."""
    return _download(name, [first_column, *_period_columns(starts)], ([line.label, *line.values] for line in series))


def trend_csv(name: str, starts: list[date], series: list[Series]) -> HttpResponse:
    return _series(f"silta-trend-{name}", _("Series"), starts, series)


def premises_csv(table: str, name: str, starts: list[date], rows: list[Series]) -> HttpResponse:
    """The premises page's ``city`` table (a row per indicator) or its ``spaces`` table (a row per space)."""
    first_column = _("Space") if table == "spaces" else _("Indicator")
    return _series(f"silta-premises-{table}-{name}", first_column, starts, rows)


def ties_csv(name: str, graph: Network) -> HttpResponse:
    return _download(
        f"silta-network-ties-{name}",
        [_("Sector"), _("Sector"), _("Shared initiatives")],
        ([edge.a.sector.name, edge.b.sector.name, edge.initiatives] for edge in graph.edges),
    )


def network_sectors_csv(name: str, graph: Network) -> HttpResponse:
    return _download(
        f"silta-network-sectors-{name}",
        [_("Sector"), _("Culture"), _("Initiatives")],
        ([node.sector.name, int(node.is_culture), node.initiatives] for node in graph.nodes),
    )


def heatmap_csv(name: str, heatmap: Heatmap) -> HttpResponse:
    return _download(
        f"silta-premises-heatmap-{name}",
        [_("Weekday"), *(f"{hour:02}" for hour in heatmap.hours)],
        ([weekday, *cells] for weekday, cells in heatmap.rows),
    )


def initiatives_csv(name: str, initiatives: QuerySet[Initiative]) -> HttpResponse:
    """The initiatives behind a number (an empty cell for no end date or no programme)."""
    return _download(
        f"silta-{name}",
        [_("Initiative"), _("Status"), _("Start"), _("End"), _("Programme")],
        (
            [item.title, item.get_status_display(), item.start_date, item.end_date, item.programme or ""]
            for item in initiatives
        ),
    )
