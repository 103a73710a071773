from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import ModelSerializer, YearField
from apps.initiatives.models import (
    FUNDING_FIELDS,
    INITIATIVE_FIELDS,
    OUTCOME_FIELDS,
    PARTICIPATION_FIELDS,
    Funding,
    Initiative,
    Outcome,
    Participation,
    Theme,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class ThemeSerializer(ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "name", "slug"]


class ParticipationSerializer(ModelSerializer):
    class Meta:
        model = Participation
        fields = ["id", "initiative", *PARTICIPATION_FIELDS]
        # The one-lead rule is checked by the service with a message on the role field.
        validators: list = []


class FundingSerializer(ModelSerializer):
    year = YearField()

    class Meta:
        model = Funding
        fields = ["id", "initiative", *FUNDING_FIELDS]


class OutcomeSerializer(ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "initiative", *OUTCOME_FIELDS]
        # A measured outcome's progress is worked out from its numbers; otherwise the service asks for it.
        extra_kwargs = {"progress": {"required": False, "allow_null": True}}


class NestedParticipationSerializer(ModelSerializer):
    sector = serializers.IntegerField(source="unit.sector_id", read_only=True)

    class Meta:
        model = Participation
        fields = ["id", "unit", "sector", "role", "joined_on"]
        read_only_fields = fields


class InitiativeSerializer(ModelSerializer):
    participations = NestedParticipationSerializer(many=True, read_only=True)
    total_allocated = serializers.DecimalField(**MONEY)
    total_spent = serializers.DecimalField(**MONEY)

    class Meta:
        model = Initiative
        fields = [
            "id",
            *INITIATIVE_FIELDS,
            "participations",
            "total_allocated",
            "total_spent",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_by", "created_at", "updated_at"]
