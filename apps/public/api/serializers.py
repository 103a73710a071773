"""The public API's answers: the open data's rows (apps/public/open_data.py), so the API, the CSV and the JSON
downloads say the same."""

from __future__ import annotations

from rest_framework import serializers


class PublicUnitSerializer(serializers.Serializer):
    name = serializers.CharField()
    sector = serializers.CharField()
    role = serializers.CharField()


class PublicOutcomeSerializer(serializers.Serializer):
    text = serializers.CharField()
    indicator = serializers.CharField()
    progress = serializers.IntegerField(allow_null=True)
    baseline = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    target = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    actual = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    unit = serializers.CharField()
    recorded_on = serializers.DateField()


class PublicInitiativeSerializer(serializers.Serializer):
    """An initiative its owners marked public: never a person, only units and sectors."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    programme = serializers.CharField(allow_null=True)
    sectors = serializers.ListField(child=serializers.CharField())
    units = PublicUnitSerializer(many=True)
    themes = serializers.ListField(child=serializers.CharField())
    outcomes = PublicOutcomeSerializer(many=True)


class PublicIndicatorValueSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    scope = serializers.CharField()
    scope_id = serializers.IntegerField()
    period_kind = serializers.CharField()
    period_start = serializers.DateField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
