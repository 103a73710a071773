from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.pulse.models import ITEMS, PulseRound
from apps.pulse.selectors import round_results


def _rating() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)


class RatingSerializer(serializers.Serializer):
    unit = serializers.IntegerField(help_text=_("A unit the respondent worked with in the round's initiatives."))
    reliability = _rating()
    mission = _rating()
    openness = _rating()
    influence = _rating()
    involvement = _rating()
    resources = _rating()
    achieved = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class AnswersSerializer(serializers.Serializer):
    """A respondent's answers through their personal link (the token in the path is their proof)."""

    ratings = RatingSerializer(many=True)
    wished_units = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    wished_persons = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)

    def ratings_by_unit(self) -> dict[int, dict]:
        return {
            row["unit"]: {**{item: row.get(item) for item in ITEMS}, "achieved": row.get("achieved", "")}
            for row in self.validated_data["ratings"]
        }


class GroupResultSerializer(serializers.Serializer):
    group = serializers.CharField(source="label")
    respondents = serializers.IntegerField()
    too_few = serializers.BooleanField()
    trust = serializers.FloatField(allow_null=True)
    value = serializers.FloatField(allow_null=True)


class RoundSerializer(serializers.ModelSerializer):
    """A round with its response rate and, once closed, its grouped results: never one respondent's ratings."""

    invited = serializers.IntegerField(read_only=True)
    answered = serializers.IntegerField(read_only=True)
    results = serializers.SerializerMethodField()

    class Meta:
        model = PulseRound
        fields = [
            "id",
            "title",
            "programme",
            "period_start",
            "period_end",
            "closes_on",
            "state",
            "invited",
            "answered",
            "results",
        ]

    def get_results(self, obj: PulseRound) -> list[dict]:
        groups, _total = round_results(obj)
        return GroupResultSerializer(groups, many=True).data
