"""Serializer pieces shared by the API: dates a person could really mean (the range of apps/core/dates.py)."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import serializers

from apps.core.dates import FIRST_YEAR, IMPLAUSIBLE, LAST_YEAR, validate_plausible


class PlausibleDateField(serializers.DateField):
    default_validators = [validate_plausible]


class PlausibleDateTimeField(serializers.DateTimeField):
    # Year 1 or 9999 overflows already when DRF moves it into the city's time zone: say the same.
    default_error_messages = {"overflow": IMPLAUSIBLE}
    default_validators = [validate_plausible]


class ModelSerializer(serializers.ModelSerializer):
    """DRF's model serializer whose date and datetime fields take only plausible values."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: PlausibleDateField,
        models.DateTimeField: PlausibleDateTimeField,
    }


class YearField(serializers.IntegerField):
    """A calendar year in the same plausible range (the schema says so, too)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)
