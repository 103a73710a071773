from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import ModelSerializer, YearField
from apps.initiatives.models import Funding, Initiative, Outcome, Participation, Theme

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class ThemeSerializer(ModelSerializer):
    class Meta:
        model = Theme
        fields = ["id", "name", "slug"]


class ParticipationSerializer(ModelSerializer):
    class Meta:
        model = Participation
        fields = ["id", "initiative", "unit", "role", "joined_on"]
        # The one-lead rule is checked by the service with a message on the role field.
        validators: list = []


class FundingSerializer(ModelSerializer):
    year = YearField()

    class Meta:
        model = Funding
        fields = ["id", "initiative", "source_unit", "external_source", "instrument", "allocated", "spent", "year"]


class OutcomeSerializer(ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["id", "initiative", "text", "indicator", "progress", "recorded_on"]


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
            "title",
            "description",
            "status",
            "collaboration_form",
            "start_date",
            "end_date",
            "programme",
            "strategy_goals",
            "themes",
            "contact_persons",
            "involves_residents",
            "involves_ngos",
            "resident_participants",
            "participations",
            "total_allocated",
            "total_spent",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_by", "created_at", "updated_at"]
