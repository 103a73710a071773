from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.programmes.models import (
    DECISION_FIELDS,
    MEETING_FIELDS,
    PROGRAMME_FIELDS,
    Decision,
    Meeting,
    Programme,
)


class ProgrammeSerializer(ModelSerializer):
    initiative_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Programme
        fields = ["id", *PROGRAMME_FIELDS, "initiative_count", "archived_at"]
        read_only_fields = ["archived_at"]


class MeetingSerializer(ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "programme", *MEETING_FIELDS, "archived_at"]
        read_only_fields = ["archived_at"]


class DecisionSerializer(ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "programme", *DECISION_FIELDS, "archived_at"]
        read_only_fields = ["archived_at"]
