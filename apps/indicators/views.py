"""Pages of the indicators app: the catalogue with its runs, "Recompute now", and a run's progress."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from apps.core.http import safe_next_url
from apps.core.lists import list_download
from apps.core.pages import message_write
from apps.core.policy import page_requires
from apps.core.spreadsheets import Format
from apps.indicators import exports, permissions, selectors, services
from apps.indicators.models import IndicatorRun

for_viewers = page_requires(
    permissions.can_view_indicators, gettext_lazy("Indicators are for managers and administrators.")
)


@require_GET
@for_viewers
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The catalogue with plain-language descriptions, the computation runs and the "recompute now" button."""
    return render(
        request,
        "indicators/indicator_list.html",
        {"indicators": selectors.indicator_catalogue(), "runs": selectors.recent_runs()},
    )


@require_GET
@for_viewers
def indicator_export(request: HttpRequest, file_format: Format = "csv") -> HttpResponseBase:
    """The catalogue as on the page, as CSV or Excel."""
    return list_download(
        request,
        None,
        selectors.indicator_catalogue(),
        table=exports.indicator_table,
        name="indicators",
        file_format=file_format,
    )


@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    """Queue a run for the previous and the current period of every kind, or join the one under way.

    The service refuses whoever may not recompute (403) and says so when the job queue is down.
    """
    answer = message_write(request, lambda: services.indicator_run_request(by=request.user))
    if answer is None:
        return redirect(safe_next_url(request, "indicators:list"))
    run, started = answer
    if started:
        messages.success(request, _("Recomputing the indicators. Progress is shown below."))
    else:
        messages.info(
            request, _("A recomputation is already under way; your request joins it. Progress is shown below.")
        )
    return redirect(f"{safe_next_url(request, 'indicators:list')}#run-{run.pk}")


@require_GET
@for_viewers
def run_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The progress of one run; the fragment polls itself until the run has finished."""
    return render(request, "indicators/_run_status.html", {"run": get_object_or_404(IndicatorRun, pk=pk)})
