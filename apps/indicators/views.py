from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.core import health
from apps.core.http import safe_next_url
from apps.indicators import permissions, selectors, services
from apps.indicators.models import IndicatorRun


def _require_viewer(request: HttpRequest) -> None:
    if not permissions.can_view_indicators(request.user):
        raise PermissionDenied(_("Indicators are for managers and administrators."))


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    """The catalogue with plain-language descriptions, the computation runs and the "recompute now" button."""
    _require_viewer(request)
    return render(
        request,
        "indicators/indicator_list.html",
        {"indicators": selectors.indicator_catalogue(), "runs": selectors.recent_runs()},
    )


@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    """Queue a run for the previous and the current period of every kind, or join the one under way."""
    if not permissions.can_recompute_indicators(request.user):
        raise PermissionDenied(_("Only managers and administrators can recompute indicators."))
    if not settings.CELERY_TASK_ALWAYS_EAGER and not health.broker_ok():
        messages.error(
            request,
            _(
                "The job queue is unavailable right now, so indicators cannot be recomputed. "
                "The values shown are from the last successful run. Please try again later."
            ),
        )
        return redirect(safe_next_url(request, "indicators:list"))
    run, started = services.indicator_run_request(requested_by=request.user)
    if started:
        messages.success(request, _("Recomputing the indicators. Progress is shown below."))
    else:
        messages.info(
            request, _("A recomputation is already under way; your request joins it. Progress is shown below.")
        )
    return redirect(f"{safe_next_url(request, 'indicators:list')}#run-{run.pk}")


@require_GET
def run_status(request: HttpRequest, pk: UUID) -> HttpResponse:
    """The progress of one run; the fragment polls itself until the run has finished."""
    _require_viewer(request)
    return render(request, "indicators/_run_status.html", {"run": get_object_or_404(IndicatorRun, pk=pk)})
