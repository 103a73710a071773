"""Read-only strategy goals (a tree by ``parent``)."""

from __future__ import annotations

from rest_framework import viewsets

from apps.strategy.api import serializers
from apps.strategy.models import StrategyGoal


class StrategyGoalViewSet(viewsets.ReadOnlyModelViewSet):
    """Goals of the city strategy and of sector programmes under it."""

    queryset = StrategyGoal.objects.order_by("code")
    serializer_class = serializers.StrategyGoalSerializer
    filterset_fields = ["parent", "sector"]
