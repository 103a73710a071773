"""Reads of the indicators app."""

from __future__ import annotations

from django.db.models import QuerySet

from apps.indicators.models import Indicator, IndicatorRun


def indicator_catalogue() -> QuerySet[Indicator]:
    return Indicator.objects.order_by("position")


def recent_runs(limit: int = 10) -> QuerySet[IndicatorRun]:
    return IndicatorRun.objects.select_related("requested_by").order_by("-created_at")[:limit]


def last_finished_run() -> IndicatorRun | None:
    return IndicatorRun.objects.filter(finished_at__isnull=False).order_by("-finished_at").first()
