from __future__ import annotations

from rest_framework import serializers

from apps.strategy.models import StrategyGoal


class StrategyGoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategyGoal
        fields = ["id", "code", "title", "description", "parent", "sector"]
