from __future__ import annotations

from apps.core.serializers import ModelSerializer
from apps.strategy.models import StrategyGoal


class StrategyGoalSerializer(ModelSerializer):
    class Meta:
        model = StrategyGoal
        fields = ["id", "code", "title", "description", "parent", "sector"]
