from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.partner_requests.models import PartnerRequest


class PartnerRequestSerializer(ModelSerializer):
    answers = serializers.IntegerField(source="answer_count", read_only=True)

    class Meta:
        model = PartnerRequest
        fields = [
            "id",
            "title",
            "description",
            "unit",
            "topics",
            "sectors_wanted",
            "strategy_goals",
            "area",
            "starts_on",
            "ends_on",
            "status",
            "created_at",
            "answers",
        ]
