from __future__ import annotations

from rest_framework import serializers

from apps.core.serializers import ModelSerializer
from apps.programmes.models import Decision, Meeting, Programme


class ProgrammeSerializer(ModelSerializer):
    initiative_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "mandate",
            "lead",
            "sectors",
            "strategy_goals",
            "start_date",
            "end_date",
            "yearly_budget",
            "initiative_count",
        ]


class MeetingSerializer(ModelSerializer):
    class Meta:
        model = Meeting
        fields = ["id", "programme", "kind", "title", "held_on", "attendees", "notes"]


class DecisionSerializer(ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "programme", "meeting", "level", "is_kedge", "decided_on", "text"]
