"""Serializer pieces shared by the API: dates a person could really mean (the range of apps/core/dates.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from rest_framework import serializers

from apps.core.dates import FIRST_YEAR, IMPLAUSIBLE, LAST_YEAR, validate_plausible
from apps.core.timezones import AmbiguousLocalTime, NonexistentLocalTime, local_datetime


class PlausibleDateField(serializers.DateField):
    default_validators = [validate_plausible]


class PlausibleDateTimeField(serializers.DateTimeField):
    # Year 1 or 9999 overflows already when DRF moves it into the city's time zone: say the same.
    default_error_messages = {"overflow": IMPLAUSIBLE}
    default_validators = [validate_plausible]


class LocalDateTimeField(PlausibleDateTimeField):
    """A plausible date and time; without an offset, a wall-clock time of the city that must exist and be unambiguous.

    DRF's own check misses both cases with zoneinfo and moves 03:30 of the spring night to 04:30 unasked.
    """

    def enforce_timezone(self, value: datetime.datetime) -> datetime.datetime:
        if timezone.is_naive(value) and self.default_timezone() is not None:
            try:
                value = local_datetime(value, zone=getattr(self, "timezone", None))
            except (NonexistentLocalTime, AmbiguousLocalTime) as refusal:
                raise serializers.ValidationError(refusal.message, code="invalid_local_time") from refusal
        return super().enforce_timezone(value)


class ModelSerializer(serializers.ModelSerializer):
    """DRF's model serializer whose date and datetime fields take only plausible values."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: PlausibleDateField,
        models.DateTimeField: LocalDateTimeField,
    }


class YearField(serializers.IntegerField):
    """A calendar year in the same plausible range (the schema says so, too)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)
