"""Manager dashboards: city, sector and programme overview, trends, collaboration network, premises, drill-down.

Every page reads computed values only (see selectors), draws them with ``charts`` and answers ``?download=<table>``
with the table's data as CSV or Excel (``exports``). A view reads its filters, calls those and renders: nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.exceptions import ApplicationError
from apps.core.pages import form_write, message_write
from apps.core.policy import page_requires
from apps.core.spreadsheets import Format, requested_format
from apps.dashboards import charts, exports, selectors
from apps.dashboards import services as dashboard_services
from apps.dashboards.board_report import scope_name
from apps.dashboards.forms import (
    BoardReportForm,
    DrilldownFilterForm,
    NetworkFilterForm,
    PeriodFilterForm,
    PremisesFilterForm,
    ScopeFilterForm,
    TargetForm,
    TrendFilterForm,
)
from apps.dashboards.models import BoardReport
from apps.dashboards.permissions import can_have_board_report, may_have_board_reports
from apps.dashboards.templatetags.dashboards import indicator_value
from apps.indicators import services
from apps.indicators.models import Indicator, IndicatorTarget, Scope
from apps.indicators.permissions import can_view_indicators, manager_sectors
from apps.indicators.selectors import indicator_target_history, numerator_initiatives
from apps.pulse import selectors as pulse_selectors

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date


INITIATIVES_PER_PAGE = 25


dashboard_page = page_requires(can_view_indicators, gettext_lazy("Dashboards are for managers and administrators."))
report_page = page_requires(
    may_have_board_reports,
    gettext_lazy("Board reports are for managers, and for programme leads of their own programme."),
)

FilterForm = TypeVar("FilterForm", bound=PeriodFilterForm)


@dataclass(frozen=True)
class _Page(Generic[FilterForm]):
    """What every dashboard page reads first: the computation state and the filters (with defaults for errors)."""

    request: HttpRequest
    state: selectors.ComputationState
    form: FilterForm
    filters: dict[str, Any]

    @property
    def kind(self) -> str:
        return self.filters["period_kind"]

    @property
    def period(self) -> date:
        return self.filters["period"]

    @property
    def period_params(self) -> dict[str, str]:
        """The period in a query string: the tabs, tiles and links keep it when the manager moves on."""
        return {"period_kind": self.kind, "period": self.period.isoformat()}

    @property
    def period_name(self) -> str:
        """The period in a download's file name."""
        return f"{self.kind}-{self.period}"

    @property
    def download(self) -> str | None:
        return self.request.GET.get("download")

    @property
    def file_format(self) -> Format:
        """The download's format: ``?format=xlsx`` for a workbook, CSV otherwise."""
        return requested_format(self.request.GET.get("format")) or "csv"

    def periods_chart(self, starts: list[date], *, unit: str, lines: Iterable[selectors.Series]) -> dict[str, object]:
        """A table of periods' column headers, as people say them, and its line chart: what a trend page shows."""
        labels = [selectors.period_label(self.kind, start) for start in starts]
        return {"labels": labels, "chart": charts.line_chart(unit=unit, labels=labels, lines=lines)}

    def render(self, template: str, *, active_tab: str, **extra: object) -> HttpResponse:
        state = self.state
        return render(
            self.request,
            template,
            {
                "form": self.form,
                "filters": self.filters,
                "period_label": selectors.period_label(self.kind, self.period),
                "values_computed_at": state.values_computed_at,
                # A run under way shows its progress (the fragment polls itself until the run has finished).
                "runs_under_way": [state.run_under_way] if state.run_under_way else [],
                "query": self._query(),
                "period_query": urlencode(self.period_params),
                "cache_version": state.values_version,
                "active_tab": active_tab,
                **extra,
            },
        )

    def _query(self) -> str:
        """The current filters as a query string, without the page number and the download."""
        query = self.request.GET.copy()
        for name in ("page", "download", "format"):
            query.pop(name, None)
        return query.urlencode()


def _page(request: HttpRequest, form_class: type[FilterForm]) -> _Page[FilterForm]:
    """The computation state and the page's filters, whose period choices are cached under the state's version."""
    state = selectors.computation_state()
    # A manager scoped to sectors sees those sectors' detail; the city overview stays everyone's.
    narrowing = {"sectors": manager_sectors(request.user)} if issubclass(form_class, ScopeFilterForm) else {}
    form = form_class(request.GET, version=state.values_version, **narrowing)
    return _Page(request=request, state=state, form=form, filters=form.filters)


@require_http_methods(["GET", "HEAD", "POST"])
@dashboard_page
def targets(request: HttpRequest) -> HttpResponse:
    """Every target with its status now, and the form that sets one (the same indicator and scope: changes it)."""
    page = _page(request, PeriodFilterForm)
    form = TargetForm(request.POST if request.method == "POST" else None, prefix="target")
    if form.is_valid():
        data = form.cleaned_data

        def save() -> object:
            return services.indicator_target_set(
                by=request.user,
                indicator=data["indicator"],
                scope=data["scope"],
                scope_id=data["scope_id"],
                value=data["value"],
                target_date=data["target_date"],
                baseline=data["baseline"],
                baseline_date=data["baseline_date"],
            )

        if form_write(form, save) is not None:
            messages.success(request, _("Target saved."))
            return redirect("dashboards:targets")
    return page.render(
        "dashboards/targets.html",
        active_tab="targets",
        target_form=form,
        rows=selectors.target_rows(period_kind=page.kind, period=page.period),
        history=indicator_target_history(),
    )


@require_POST
@dashboard_page
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(IndicatorTarget, pk=pk)
    removed = message_write(
        request,
        lambda: services.indicator_target_delete(by=request.user, target=target) or True,
        refusal_as_message=True,
    )
    if removed:
        messages.success(request, _("Target removed."))
    return redirect("dashboards:targets")


@require_GET
@dashboard_page
def period_options(request: HttpRequest) -> HttpResponse:
    """The period list's options for ``?period_kind=``: what the filters show once a kind is chosen (htmx)."""
    page = _page(request, PeriodFilterForm)
    return render(request, "dashboards/_period_options.html", {"field": page.form["period"]})


@require_GET
@dashboard_page
def overview(request: HttpRequest) -> HttpResponse:
    """A tile per indicator grouped by theme, for the city, one sector (with partners) or one programme."""
    page = _page(request, ScopeFilterForm)
    filters = page.filters
    scope, scope_id = ScopeFilterForm.scope_of(filters)
    partners = None
    if filters.get("sector"):
        partners = selectors.sector_partners(sector=filters["sector"], period_kind=page.kind, period=page.period)
    elif filters.get("programme"):
        partners = selectors.programme_partners(
            programme=filters["programme"], period_kind=page.kind, period=page.period
        )
    name = f"{scope}-{scope_id}-{page.period_name}"
    if page.download == "tiles":
        groups = selectors.tiles_by_theme(scope=scope, scope_id=scope_id, period_kind=page.kind, period=page.period)
        return exports.download(f"silta-indicators-{name}", exports.tiles_table(groups), page.file_format)
    if page.download == "partners" and partners is not None:
        return exports.download(f"silta-partners-{name}", exports.partners_table(partners), page.file_format)
    # The drill-down and the trend of a tile keep its period and scope.
    tile_query = urlencode({**page.period_params, **({scope: scope_id} if scope != Scope.CITY else {})})
    return page.render(
        "dashboards/overview.html",
        tiles_html=_tiles_html(page, scope=scope, scope_id=scope_id, tile_query=tile_query),
        partners=partners,
        scope=scope,
        tile_query=tile_query,
        # The board report's form posts the same scope and period (hidden fields: no second form to build).
        report_fields={**page.period_params, **({scope: scope_id} if scope != Scope.CITY else {})},
        active_tab="overview",
    )


def _tiles_html(page: _Page, *, scope: str, scope_id: int, tile_query: str) -> SafeString:
    """The tiles, rendered once per computation, language and filter set: most of a dashboard request's work.

    The key holds the newest ``computed_at`` of the stored values, so a new computation shows at once.
    """
    key = ":".join(
        [
            "dashboards-tiles",
            page.state.values_version,
            get_language() or "",
            scope,
            str(scope_id),
            page.kind,
            page.period.isoformat(),
            tile_query,
        ]
    )

    def render_tiles() -> str:
        groups = selectors.tiles_by_theme(scope=scope, scope_id=scope_id, period_kind=page.kind, period=page.period)
        return render_to_string(
            "dashboards/_theme_groups.html",
            {
                "groups": groups,
                "attention": selectors.needs_attention(groups),
                "tile_query": tile_query,
                "period_label": selectors.period_label(page.kind, page.period),
            },
            page.request,
        )

    html = cache.get_or_set(key, render_tiles, selectors.VERSIONED_CACHE_SECONDS)
    return mark_safe(html)


@require_GET
@dashboard_page
def trends(request: HttpRequest) -> HttpResponse:
    """One indicator over the periods up to the chosen one, the city compared with sectors or programmes."""
    page = _page(request, TrendFilterForm)
    filters = page.filters
    indicator: Indicator = filters["indicator"]
    only = filters.get("sector") if filters["compare"] == Scope.SECTOR else filters.get("programme")
    starts, series = selectors.trend_series(
        indicator=indicator,
        period_kind=page.kind,
        period=page.period,
        compare=filters["compare"],
        ids=[only.pk] if only else None,
    )
    compared = series[1:]
    series += selectors.target_lines(
        indicator=indicator,
        starts=starts,
        scope=filters["compare"] if only else Scope.CITY,
        scope_id=only.pk if only else 0,
    )
    if page.download == "trend":
        name = f"silta-trend-{indicator.code}-{filters['compare']}-{page.period_name}"
        return exports.download(name, exports.trend_table(indicator, starts, series), page.file_format)
    chart = page.periods_chart(starts, unit=indicator.unit, lines=series)
    # Two or more sectors or programmes: a small chart each against the city, on one scale.
    multiples = (
        charts.small_multiples(unit=indicator.unit, labels=chart["labels"], reference=series[0], lines=compared)
        if len(compared) > 1
        else []
    )
    return page.render(
        "dashboards/trends.html",
        indicator=indicator,
        series=series,
        multiples=multiples,
        **chart,
        active_tab="trends",
    )


@require_GET
@dashboard_page
def network(request: HttpRequest) -> HttpResponse:
    """Sectors as nodes and shared initiatives as edges, for all initiatives or one programme's."""
    page = _page(request, NetworkFilterForm)
    programme = page.filters.get("programme")
    graph = selectors.network(period_kind=page.kind, period=page.period, programme_id=programme.pk if programme else 0)
    name = f"{page.period_name}-{programme.pk if programme else 'all'}"
    if page.download == "ties":
        return exports.download(f"silta-network-ties-{name}", exports.ties_table(graph), page.file_format)
    if page.download == "sectors":
        return exports.download(f"silta-network-sectors-{name}", exports.network_sectors_table(graph), page.file_format)
    return page.render(
        "dashboards/network.html",
        graph=graph,
        picture=charts.network_picture(graph),
        active_tab="network",
        wished_ties=pulse_selectors.wished_ties(),
    )


@require_GET
@dashboard_page
def unit_network(request: HttpRequest) -> HttpResponse:
    """Units as nodes, shared initiatives as ties, communities (silos) and bridges: all cached by the computation."""
    page = _page(request, PeriodFilterForm)
    graph = selectors.unit_network(period_kind=page.kind, period=page.period)
    if page.download == "units":
        return exports.download(f"silta-unit-network-{page.period_name}", exports.units_table(graph), page.file_format)
    return page.render(
        "dashboards/unit_network.html", graph=graph, graph_data=graph.graph_data(), active_tab="unit_network"
    )


@require_GET
@dashboard_page
def unit_initiatives(request: HttpRequest, unit_id: int) -> HttpResponse:
    """The initiatives of one unit of the unit network in the chosen period: the fragment a click on a node shows."""
    page = _page(request, PeriodFilterForm)
    initiatives = selectors.unit_initiatives(period_kind=page.kind, period=page.period, unit_id=unit_id)
    if initiatives is None:
        raise Http404(_("This unit takes part in no initiatives in this period."))
    return render(request, "dashboards/_unit_initiatives.html", {"initiatives": initiatives})


@require_GET
@dashboard_page
def person_network(request: HttpRequest) -> HttpResponse:
    """Contact persons tied by shared initiatives: who actually bridges groups, beside who is marked a spanner."""
    page = _page(request, PeriodFilterForm)
    graph = selectors.person_network(period_kind=page.kind, period=page.period)
    return page.render(
        "dashboards/person_network.html", graph=graph, graph_data=graph.graph_data(), active_tab="person_network"
    )


@require_GET
@dashboard_page
def person_initiatives(request: HttpRequest, person_id: int) -> HttpResponse:
    """The initiatives of one person of the person network in the chosen period (the fragment a click shows)."""
    page = _page(request, PeriodFilterForm)
    initiatives = selectors.person_initiatives(period_kind=page.kind, period=page.period, person_id=person_id)
    if initiatives is None:
        raise Http404(_("This person is a contact of no initiatives in this period."))
    return render(request, "dashboards/_unit_initiatives.html", {"initiatives": initiatives})


@require_GET
@dashboard_page
def premises(request: HttpRequest) -> HttpResponse:
    """Utilisation per space and period, and the share of culture premises' hours used by other sectors."""
    page = _page(request, PremisesFilterForm)
    starts, city, spaces = selectors.premises_table(period_kind=page.kind, period=page.period)
    space = page.filters.get("space")
    heatmap = selectors.premises_heatmap(period_kind=page.kind, period=page.period, space_id=space.pk if space else 0)
    if page.download == "heatmap":
        name = f"silta-premises-heatmap-{space.pk if space else 'all'}-{page.period_name}"
        return exports.download(name, exports.heatmap_table(heatmap), page.file_format)
    if page.download in ("city", "spaces"):
        rows = city if page.download == "city" else spaces
        name = f"silta-premises-{page.download}-{page.period_name}"
        return exports.download(name, exports.premises_table(page.download, starts, rows), page.file_format)
    return page.render(
        "dashboards/premises.html",
        city=city,
        spaces=spaces,
        **page.periods_chart(starts, unit=Indicator.Unit.SHARE, lines=city),
        heatmap=heatmap,
        heatmap_rows=charts.heatmap_shades(heatmap),
        heatmap_space=space,
        active_tab="premises",
    )


@require_GET
@dashboard_page
def drilldown(request: HttpRequest, code: str) -> HttpResponse:
    """The initiatives behind an indicator's numerator in one period and scope."""
    indicator = get_object_or_404(Indicator, code=code)
    if not selectors.has_drilldown(code):
        raise Http404(_("This indicator has no initiatives behind its number."))
    page = _page(request, DrilldownFilterForm)
    scope, scope_id = ScopeFilterForm.scope_of(page.filters)
    initiatives = (
        numerator_initiatives(code, period_kind=page.kind, period_start=page.period, scope=scope, scope_id=scope_id)
        .select_related("programme")
        .order_by("title", "pk")
    )
    if page.download == "initiatives":
        name = f"silta-{code}-{scope}-{scope_id}-{page.period_name}"
        return exports.download(name, exports.initiatives_table(initiatives), page.file_format)
    tile = selectors.tile_for(
        indicator=indicator, scope=scope, scope_id=scope_id, period_kind=page.kind, period=page.period
    )
    return page.render(
        "dashboards/drilldown.html",
        indicator=indicator,
        tile=tile,
        page=Paginator(initiatives, INITIATIVES_PER_PAGE).get_page(request.GET.get("page")),
        scope=scope,
        value_text=indicator_value(tile.value, indicator.unit),
        active_tab="overview",
    )


@require_POST
@report_page
def board_report_request(request: HttpRequest) -> HttpResponse:
    """Ask for the board report of the posted scope and period in the reader's language; htmx gets the report's
    status in place (it polls until the PDF is ready), a plain form post the report's page."""
    state = selectors.computation_state()
    form = BoardReportForm(request.POST, version=state.values_version, sectors=manager_sectors(request.user))
    report = None
    if form.is_valid():
        data = form.cleaned_data
        scope, scope_id = ScopeFilterForm.scope_of(data)
        report = form_write(
            form,
            lambda: dashboard_services.board_report_request(
                by=request.user,
                scope=scope,
                scope_id=scope_id,
                period_kind=data["period_kind"],
                period=data["period"],
                language=get_language() or "",
                anew=data["anew"],
            ),
        )
    if report is None:
        return render(request, "dashboards/_board_report.html", {"report": None, "form": form}, status=400)
    if request.htmx:
        return render(request, "dashboards/_board_report.html", {"report": report})
    return redirect("dashboards:board_report", report.pk)


def _report(request: HttpRequest, pk: int) -> BoardReport:
    """A report the user may have; another scope's is out of sight (404)."""
    report = get_object_or_404(BoardReport, pk=pk)
    if not can_have_board_report(request.user, report.scope, report.scope_id):
        raise Http404(_("There is no such board report."))
    return report


@require_GET
@report_page
def board_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A board report's page: its status while it is made (polled), then the download."""
    report = _report(request, pk)
    try:
        name = scope_name(report.scope, report.scope_id)
    except ApplicationError:  # the sector or programme is gone; the report (failed) says so
        name = ""
    return render(
        request,
        "dashboards/board_report_page.html",
        {
            "report": report,
            "scope_name": name,
            "period_label": selectors.period_label(report.period_kind, report.period_start),
        },
    )


@require_GET
@report_page
def board_report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's status, which htmx polls while the report is made."""
    return render(request, "dashboards/_board_report.html", {"report": _report(request, pk)})


@require_GET
@report_page
def board_report_download(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF, to those who may have the report: never a public media address."""
    report = _report(request, pk)
    if report.status != BoardReport.Status.DONE:
        raise Http404(_("This board report is not ready."))
    return FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.filename, content_type="application/pdf"
    )
