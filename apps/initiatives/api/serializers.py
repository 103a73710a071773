from __future__ import annotations

from typing import Any

from django.db import models
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


# The fields a list item shows as the model holds them (ids, texts, choices, flags and counts): DRF's
# ``to_representation`` of each returns the value unchanged, or None for None.
PLAIN_FIELDS = {
    "id": "pk",
    "title": "title",
    "description": "description",
    "language": "language",
    "status": "status",
    "collaboration_form": "collaboration_form",
    "programme": "programme_id",
    "involves_residents": "involves_residents",
    "involves_ngos": "involves_ngos",
    "resident_participants": "resident_participants",
    "weight": "weight",
    "is_public": "is_public",
    "created_by": "created_by_id",
}
ID_LISTS = ("strategy_goals", "themes", "contact_persons")
FORMATTED = ("start_date", "end_date", "total_allocated", "total_spent", "created_at", "updated_at")


class InitiativeListSerializer(serializers.ListSerializer):
    """A page of initiatives as :class:`InitiativeSerializer` writes each one, written out field by field: DRF's
    machinery per field and per nested row (an attribute lookup, a call and an ordered dict each) was most of the
    API list's time for 50 items. Dates, datetimes and money go through the serializer's own fields, so their
    formats stay DRF's; ``tests/initiatives/test_api.py`` compares the two for varied initiatives."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        fields = self.child.fields
        if list(fields) != InitiativeSerializer.Meta.fields:  # a field added there must be written here too
            return super().to_representation(data)
        formatted = {name: fields[name] for name in FORMATTED}
        items = []
        for initiative in data.all() if isinstance(data, models.manager.BaseManager) else data:
            item: dict[str, Any] = {}
            for name in InitiativeSerializer.Meta.fields:
                if name in PLAIN_FIELDS:
                    item[name] = getattr(initiative, PLAIN_FIELDS[name])
                elif name in ID_LISTS:
                    item[name] = [related.pk for related in getattr(initiative, name).all()]
                elif name == "participations":
                    item[name] = [
                        {
                            "id": part.pk,
                            "unit": part.unit_id,
                            "sector": part.unit.sector_id,
                            "role": part.role,
                            "joined_on": formatted["start_date"].to_representation(part.joined_on)
                            if part.joined_on
                            else None,
                        }
                        for part in initiative.participations.all()
                    ]
                else:
                    value = getattr(initiative, name)
                    item[name] = None if value is None else formatted[name].to_representation(value)
            items.append(item)
        return items


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
        list_serializer_class = InitiativeListSerializer
