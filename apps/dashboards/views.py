"""Manager dashboards: city, sector and programme overview, trends, collaboration network, premises, drill-down.

Every page reads computed values only (see selectors); ``?download=<table>`` returns a table's data as CSV.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from typing import TypeVar
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.core.csv_export import csv_download
from apps.dashboards import selectors
from apps.dashboards.forms import (
    DrilldownFilterForm,
    NetworkFilterForm,
    PeriodFilterForm,
    PremisesFilterForm,
    ScopeFilterForm,
    TrendFilterForm,
)
from apps.dashboards.templatetags.dashboards import indicator_value
from apps.indicators.models import Indicator, Scope
from apps.indicators.permissions import can_view_indicators
from apps.indicators.selectors import numerator_initiatives

INITIATIVES_PER_PAGE = 25


def _require_viewer(request: HttpRequest) -> None:
    if not can_view_indicators(request.user):
        raise PermissionDenied(_("Dashboards are for managers and administrators."))


FilterForm = TypeVar("FilterForm", bound=PeriodFilterForm)


def _filter_form(request: HttpRequest, form_class: type[FilterForm]) -> tuple[selectors.ComputationState, FilterForm]:
    """The computation state and the page's filters, whose period choices are cached under the state's version."""
    state = selectors.computation_state()
    return state, form_class(request.GET, version=state.values_version)


def _query(request: HttpRequest, *drop: str) -> str:
    """The current filters as a query string, without ``drop`` (page, download)."""
    query = request.GET.copy()
    for name in ("page", "download", *drop):
        query.pop(name, None)
    return query.urlencode()


def _csv(filename: str, header: list[str], rows: Iterable[Iterable[object]]) -> HttpResponse:
    """A CSV download (numbers as computed, dates ISO 8601, so spreadsheets and scripts read them alike)."""
    return csv_download(f"{slugify(filename)}.csv", itertools.chain([header], rows))


def _period_columns(starts: list[date]) -> list[str]:
    return [start.isoformat() for start in starts]


def _context(
    request: HttpRequest, form: PeriodFilterForm, filters: dict, state: selectors.ComputationState, **extra: object
) -> dict:
    return {
        "form": form,
        "filters": filters,
        "period_label": selectors.period_label(filters["period_kind"], filters["period"]),
        "values_computed_at": state.values_computed_at,
        # A run under way shows its progress (the fragment polls itself until the run has finished).
        "runs_under_way": [state.run_under_way] if state.run_under_way else [],
        "query": _query(request),
        # The tabs keep the period when the manager moves between dashboards.
        "period_query": urlencode({"period_kind": filters["period_kind"], "period": filters["period"].isoformat()}),
        "cache_version": state.values_version,
        **extra,
    }


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """A tile per indicator grouped by theme, for the city, one sector (with partners) or one programme."""
    _require_viewer(request)
    state, form = _filter_form(request, ScopeFilterForm)
    filters = form.filters
    scope, scope_id = ScopeFilterForm.scope_of(filters)
    partners = None
    if filters.get("sector"):
        partners = selectors.sector_partners(
            sector=filters["sector"], period_kind=filters["period_kind"], period=filters["period"]
        )
    elif filters.get("programme"):
        partners = selectors.programme_partners(
            programme=filters["programme"], period_kind=filters["period_kind"], period=filters["period"]
        )
    download = request.GET.get("download")
    if download == "tiles":
        groups = selectors.tiles_by_theme(
            scope=scope, scope_id=scope_id, period_kind=filters["period_kind"], period=filters["period"]
        )
        starts = [start for start, _ in groups[0].tiles[0].history] if groups else []
        return _csv(
            f"silta-indicators-{scope}-{scope_id}-{filters['period_kind']}-{filters['period']}",
            [_("Code"), _("Indicator"), _("Theme"), _("Numerator"), _("Denominator"), *_period_columns(starts)],
            (
                [tile.indicator.code, tile.indicator.name, group.label, tile.numerator, tile.denominator]
                + [value for _, value in tile.history]
                for group in groups
                for tile in group.tiles
            ),
        )
    if download == "partners" and partners is not None:
        return _csv(
            f"silta-partners-{scope}-{scope_id}-{filters['period_kind']}-{filters['period']}",
            [_("Sector"), _("Shared initiatives")],
            ([partner.name, partner.initiatives] for partner in partners),
        )
    # The drill-down and the trend of a tile keep its period and scope.
    tile_query = urlencode(
        {
            "period_kind": filters["period_kind"],
            "period": filters["period"].isoformat(),
            **({scope: scope_id} if scope != Scope.CITY else {}),
        }
    )
    return render(
        request,
        "dashboards/overview.html",
        _context(
            request,
            form,
            filters,
            state,
            tiles_html=_tiles_html(
                request,
                version=state.values_version,
                scope=scope,
                scope_id=scope_id,
                filters=filters,
                tile_query=tile_query,
            ),
            partners=partners,
            scope=scope,
            tile_query=tile_query,
            active_tab="overview",
        ),
    )


def _tiles_html(
    request: HttpRequest, *, version: str, scope: str, scope_id: int, filters: dict, tile_query: str
) -> str:
    """The tiles, rendered once per computation, language and filter set: most of a dashboard request's work.

    The key holds the newest ``computed_at`` of the stored values, so a new computation shows at once.
    """
    key = ":".join(
        [
            "dashboards-tiles",
            version,
            get_language() or "",
            scope,
            str(scope_id),
            filters["period_kind"],
            filters["period"].isoformat(),
            tile_query,
        ]
    )
    html = cache.get_or_set(
        key,
        lambda: render_to_string(
            "dashboards/_theme_groups.html",
            {
                "groups": selectors.tiles_by_theme(
                    scope=scope, scope_id=scope_id, period_kind=filters["period_kind"], period=filters["period"]
                ),
                "tile_query": tile_query,
            },
            request,
        ),
        selectors.VERSIONED_CACHE_SECONDS,
    )
    return mark_safe(html)


@require_GET
def trends(request: HttpRequest) -> HttpResponse:
    """One indicator over the periods up to the chosen one, the city compared with sectors or programmes."""
    _require_viewer(request)
    state, form = _filter_form(request, TrendFilterForm)
    filters = form.filters
    indicator: Indicator = filters["indicator"]
    only = filters.get("sector") if filters["compare"] == Scope.SECTOR else filters.get("programme")
    starts, series = selectors.trend_series(
        indicator=indicator,
        period_kind=filters["period_kind"],
        period=filters["period"],
        compare=filters["compare"],
        ids=[only.pk] if only else None,
    )
    labels = [selectors.period_label(filters["period_kind"], start) for start in starts]
    if request.GET.get("download") == "trend":
        return _csv(
            f"silta-trend-{indicator.code}-{filters['compare']}-{filters['period_kind']}-{filters['period']}",
            [_("Series"), *_period_columns(starts)],
            ([line.label, *line.values] for line in series),
        )
    chart = {
        "unit": indicator.unit,
        "labels": labels,
        "datasets": [{"label": line.label, "data": line.values} for line in series],
    }
    return render(
        request,
        "dashboards/trends.html",
        _context(
            request,
            form,
            filters,
            state,
            indicator=indicator,
            labels=labels,
            series=series,
            chart=chart,
            active_tab="trends",
        ),
    )


@require_GET
def network(request: HttpRequest) -> HttpResponse:
    """Sectors as nodes and shared initiatives as edges, for all initiatives or one programme's."""
    _require_viewer(request)
    state, form = _filter_form(request, NetworkFilterForm)
    filters = {"programme": None, **form.filters}
    programme = filters.get("programme")
    graph = selectors.network(
        period_kind=filters["period_kind"], period=filters["period"], programme_id=programme.pk if programme else 0
    )
    name = f"{filters['period_kind']}-{filters['period']}-{programme.pk if programme else 'all'}"
    download = request.GET.get("download")
    if download == "ties":
        return _csv(
            f"silta-network-ties-{name}",
            [_("Sector"), _("Sector"), _("Shared initiatives")],
            ([edge.a.sector.name, edge.b.sector.name, edge.initiatives] for edge in graph.edges),
        )
    if download == "sectors":
        return _csv(
            f"silta-network-sectors-{name}",
            [_("Sector"), _("Culture"), _("Initiatives")],
            ([node.sector.name, int(node.is_culture), node.initiatives] for node in graph.nodes),
        )
    return render(
        request, "dashboards/network.html", _context(request, form, filters, state, graph=graph, active_tab="network")
    )


@require_GET
def premises(request: HttpRequest) -> HttpResponse:
    """Utilisation per space and period, and the share of culture premises' hours used by other sectors."""
    _require_viewer(request)
    state, form = _filter_form(request, PremisesFilterForm)
    filters = form.filters
    starts, city, spaces = selectors.premises_table(period_kind=filters["period_kind"], period=filters["period"])
    space = filters.get("space")
    heatmap = selectors.premises_heatmap(
        period_kind=filters["period_kind"], period=filters["period"], space_id=space.pk if space else 0
    )
    name = f"{filters['period_kind']}-{filters['period']}"
    download = request.GET.get("download")
    if download == "heatmap":
        return _csv(
            f"silta-premises-heatmap-{space.pk if space else 'all'}-{name}",
            [_("Weekday"), *(f"{hour:02}" for hour in heatmap.hours)],
            ([weekday, *(hours for hours, _shade in cells)] for weekday, cells in heatmap.rows),
        )
    if download in ("city", "spaces"):
        return _csv(
            f"silta-premises-{download}-{name}",
            [_("Space") if download == "spaces" else _("Indicator"), *_period_columns(starts)],
            ([row.label, *row.values] for row in (city if download == "city" else spaces)),
        )
    labels = [selectors.period_label(filters["period_kind"], start) for start in starts]
    chart = {
        "unit": "share",
        "labels": labels,
        "datasets": [{"label": row.label, "data": row.values} for row in city],
    }
    return render(
        request,
        "dashboards/premises.html",
        _context(
            request,
            form,
            filters,
            state,
            labels=labels,
            city=city,
            spaces=spaces,
            chart=chart,
            heatmap=heatmap,
            heatmap_space=space,
            active_tab="premises",
        ),
    )


@require_GET
def drilldown(request: HttpRequest, code: str) -> HttpResponse:
    """The initiatives behind an indicator's numerator in one period and scope."""
    _require_viewer(request)
    indicator = get_object_or_404(Indicator, code=code)
    if not selectors.has_drilldown(code):
        raise Http404(_("This indicator has no initiatives behind its number."))
    state, form = _filter_form(request, DrilldownFilterForm)
    filters = form.filters
    scope, scope_id = ScopeFilterForm.scope_of(filters)
    initiatives = (
        numerator_initiatives(
            code, period_kind=filters["period_kind"], period_start=filters["period"], scope=scope, scope_id=scope_id
        )
        .select_related("programme")
        .order_by("title", "pk")
    )
    if request.GET.get("download") == "initiatives":
        return _csv(
            f"silta-{code}-{scope}-{scope_id}-{filters['period_kind']}-{filters['period']}",
            [_("Initiative"), _("Status"), _("Start"), _("End"), _("Programme")],
            (
                [item.title, item.get_status_display(), item.start_date, item.end_date, item.programme or ""]
                for item in initiatives
            ),
        )
    tile = selectors.tile_for(
        indicator=indicator,
        scope=scope,
        scope_id=scope_id,
        period_kind=filters["period_kind"],
        period=filters["period"],
    )
    page = Paginator(initiatives, INITIATIVES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboards/drilldown.html",
        _context(
            request,
            form,
            filters,
            state,
            indicator=indicator,
            tile=tile,
            page=page,
            scope=scope,
            value_text=indicator_value(tile.value, indicator.unit),
            active_tab="overview",
        ),
    )
