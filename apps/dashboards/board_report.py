"""The board report's content and its PDF: what the overview, the unit network and the programme pages show for
one scope and period, on one page per section, drawn by WeasyPrint from an HTML template and a print stylesheet.

The numbers come from the same selectors as the pages (``tiles_by_theme``, ``needs_attention``, ``unit_network``,
``programme_budget``) and are formatted by the same filters, so the PDF reads what the page reads. The charts are
inline SVG drawn here (``charts.trend_picture``, ``charts.printed_network``): no browser, no script, no network.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.exceptions import NotFound
from apps.dashboards import charts, selectors
from apps.indicators.models import IndicatorValue, Scope
from apps.indicators.targets import AT_RISK, OFF_TRACK, ON_TRACK
from apps.programmes.models import Programme
from apps.programmes.selectors import programme_budget
from apps.sectors.models import Sector

# Indicator cards per printed page: two columns of three fit an A4 page whatever the names' length.
INDICATORS_PER_PAGE = 6
# The most central units the network page lists beside the picture.
BRIDGE_ROWS = 10
MONEY_INDICATOR = "budget_traceability"


@dataclass
class IndicatorCard:
    """One indicator on a printed page: its tile (value, change, target, status) and its trend picture."""

    tile: selectors.Tile
    picture: charts.TrendPicture | None


@dataclass
class IndicatorPage:
    heading: str
    cards: list[IndicatorCard]


@dataclass
class MoneyRow:
    """A programme's money in the report's year (from its budget, as the programme page shows it) and the share of
    its initiatives' funding traced to an outcome in the period (the "budget traceability" indicator)."""

    programme: Programme
    budget: Decimal
    allocated: Decimal
    spent: Decimal
    traced: float | None
    traced_euros: float | None
    funded_euros: float | None


@dataclass
class BoardReportContent:
    scope: str
    scope_id: int
    scope_name: str
    period_kind: str
    period: date
    period_label: str
    generated_at: datetime
    groups: list[selectors.ThemeGroup]
    attention: list[selectors.Tile]
    indicator_pages: list[IndicatorPage]
    network: selectors.UnitNetwork
    network_picture: charts.PrintedNetwork
    bridges: list[selectors.UnitPoint]
    money_year: int
    money: list[MoneyRow] = field(default_factory=list)

    @property
    def tiles(self) -> list[selectors.Tile]:
        return [tile for group in self.groups for tile in group.tiles]

    @property
    def status_counts(self) -> dict[str, int]:
        """How many indicators are on track, at risk, off track, and without a target (or without values)."""
        counts = {ON_TRACK: 0, AT_RISK: 0, OFF_TRACK: 0, "none": 0}
        for tile in self.tiles:
            progress = tile.progress
            counts[progress.status if progress else "none"] += 1
        return counts

    @property
    def verdict_counts(self) -> dict[str, int]:
        counts = {"better": 0, "worse": 0, "same": 0}
        for tile in self.tiles:
            if tile.verdict:
                counts[tile.verdict] += 1
        return counts

    @property
    def section_headings(self) -> list[str]:
        """Every section's heading in page order: the PDF has one page per section."""
        return [
            self.title,
            _("What needs attention"),
            *(page.heading for page in self.indicator_pages),
            _("The unit network"),
            _("Programme money"),
        ]

    @property
    def title(self) -> str:
        return _("Board report: %(scope)s, %(period)s") % {"scope": self.scope_name, "period": self.period_label}


def scope_name(scope: str, scope_id: int) -> str:
    """The name of the city, the sector or the programme in the active language; NotFound if it is gone."""
    if scope == Scope.CITY:
        return _("Whole city")
    model = Sector if scope == Scope.SECTOR else Programme
    found = model.objects.filter(pk=scope_id).first()
    if found is None:
        raise NotFound(_("The sector or programme of this report no longer exists."))
    return found.name


def _programmes(scope: str, scope_id: int, year: int) -> list[Programme]:
    """The programmes whose money the report shows: the programme itself; a sector's programmes; the city's that
    run in the year."""
    found = Programme.objects.live().order_by("name")
    if scope == Scope.PROGRAMME:
        return list(Programme.objects.filter(pk=scope_id))
    if scope == Scope.SECTOR:
        found = found.filter(sectors=scope_id)
    return [
        programme
        for programme in found.filter(start_date__year__lte=year)
        if programme.end_date is None or programme.end_date.year >= year
    ]


def money_rows(*, scope: str, scope_id: int, period_kind: str, period: date) -> list[MoneyRow]:
    """Per programme: the year's row of its budget table and its traceability value of the period."""
    year = period.year
    programmes = _programmes(scope, scope_id, year)
    traced = {
        row[0]: row[1:]
        for row in IndicatorValue.objects.filter(
            indicator__code=MONEY_INDICATOR,
            scope=Scope.PROGRAMME,
            scope_id__in=[programme.pk for programme in programmes],
            period_kind=period_kind,
            period_start=period,
        ).values_list("scope_id", "value", "numerator", "denominator")
    }
    rows = []
    zero = Decimal(0)
    for programme in programmes:
        budget = next((row for row in programme_budget(programme) if row.year == year), None)
        value, numerator, denominator = traced.get(programme.pk, (None, None, None))
        rows.append(
            MoneyRow(
                programme=programme,
                budget=budget.budget if budget else zero,
                allocated=budget.allocated if budget else zero,
                spent=budget.spent if budget else zero,
                traced=value,
                traced_euros=numerator,
                funded_euros=denominator,
            )
        )
    return rows


def _indicator_pages(groups: list[selectors.ThemeGroup]) -> list[IndicatorPage]:
    """The indicators theme by theme, ``INDICATORS_PER_PAGE`` to a page ("Silos (1/2)" where a theme needs two)."""
    pages = []
    for group in groups:
        chunks = [
            group.tiles[start : start + INDICATORS_PER_PAGE]
            for start in range(0, len(group.tiles), INDICATORS_PER_PAGE)
        ]
        for number, tiles in enumerate(chunks, start=1):
            heading = _("Indicators: %(theme)s") % {"theme": group.label}
            if len(chunks) > 1:
                heading = _("%(heading)s (%(page)s/%(pages)s)") % {
                    "heading": heading,
                    "page": number,
                    "pages": len(chunks),
                }
            cards = [
                IndicatorCard(
                    tile=tile,
                    picture=charts.trend_picture(tile.history, target=tile.target.value if tile.target else None),
                )
                for tile in tiles
            ]
            pages.append(IndicatorPage(heading=heading, cards=cards))
    return pages


def board_report_content(*, scope: str, scope_id: int, period_kind: str, period: date) -> BoardReportContent:
    """Everything the report shows, read in the active language (the caller chooses it)."""
    name = scope_name(scope, scope_id)
    groups = selectors.tiles_by_theme(scope=scope, scope_id=scope_id, period_kind=period_kind, period=period)
    network = selectors.unit_network(period_kind=period_kind, period=period)
    highlight = name if scope == Scope.SECTOR else None
    return BoardReportContent(
        scope=scope,
        scope_id=scope_id,
        scope_name=name,
        period_kind=period_kind,
        period=period,
        period_label=selectors.period_label(period_kind, period),
        generated_at=timezone.now(),
        groups=groups,
        attention=selectors.needs_attention(groups),
        indicator_pages=_indicator_pages(groups),
        network=network,
        network_picture=charts.printed_network(network.units, network.ties, highlight_sector=highlight),
        bridges=network.units[:BRIDGE_ROWS],
        money_year=period.year,
        money=money_rows(scope=scope, scope_id=scope_id, period_kind=period_kind, period=period),
    )


class AssetRefused(ValueError):
    """The PDF asked for something other than the app's own static files."""


def static_asset(url: str) -> tuple[bytes, str]:
    """The content and type of one of the app's own static files, named by ``url`` (``file:///static/...``, as the
    template's ``/static/...`` resolves against the PDF's base); anything else is refused, so a report never
    reaches the network or the rest of the disk."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if parts.scheme != "file" or parts.netloc or not path.startswith(prefix) or ".." in path.split("/"):
        raise AssetRefused(url)
    found = finders.find(path[len(prefix) :])
    if not found or isinstance(found, list):
        raise AssetRefused(url)
    with open(found, "rb") as asset:
        content = asset.read()
    return content, mimetypes.guess_type(found)[0] or "application/octet-stream"


def _fetcher() -> object:
    """WeasyPrint's fetcher that serves ``static_asset`` only; a refused asset stops the rendering (the template
    named something it should not)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            content, mime_type = static_asset(url)
            return URLFetcherResponse(url, content, {"Content-Type": mime_type})

    return StaticOnlyFetcher(fail_on_errors=True)


def board_report_pdf(content: BoardReportContent) -> tuple[bytes, int]:
    """The report as a PDF and its number of pages, in the active language."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment no web request needs

    html = render_to_string("dashboards/board_report.html", {"report": content})
    document = HTML(string=html, base_url="file:///", url_fetcher=_fetcher()).render()
    return document.write_pdf(), len(document.pages)
