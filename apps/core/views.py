from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core import health


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 503 when the database is down; a broker outage only degrades."""
    database = health.database_ok()
    broker = health.broker_ok()
    status = "ok" if database and broker else ("degraded" if database else "down")
    return JsonResponse(
        {"status": status, "database": "ok" if database else "down", "broker": "ok" if broker else "down"},
        status=200 if database else 503,
    )


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")
