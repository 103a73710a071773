"""Serializer pieces shared by the API: dates a person could really mean."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.timezones import AmbiguousLocalTime, NonexistentLocalTime, local_datetime

# The years the city's records can sensibly cover: year 309 or 9999 is a typo, not a plan.
FIRST_YEAR = 1900
LAST_YEAR = 2100


class PlausibleDateField(serializers.DateField):
    default_error_messages = {
        "implausible": _("Enter a date between the years {first} and {last}."),
    }

    def to_internal_value(self, value: Any) -> datetime.date:
        day = super().to_internal_value(value)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.fail("implausible", first=FIRST_YEAR, last=LAST_YEAR)
        return day


class ModelSerializer(serializers.ModelSerializer):
    """DRF's model serializer whose date fields take only plausible dates."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: PlausibleDateField,
    }


class YearField(serializers.IntegerField):
    """A calendar year in the same plausible range (the schema says so, too)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class LocalDateTimeField(serializers.DateTimeField):
    """A date and time; without an offset, a wall-clock time of the city that must exist and be unambiguous.

    DRF's own check misses both cases with zoneinfo and moves 03:30 of the spring night to 04:30 unasked.
    """

    def enforce_timezone(self, value: datetime.datetime) -> datetime.datetime:
        if timezone.is_naive(value) and self.default_timezone() is not None:
            try:
                value = local_datetime(value, zone=getattr(self, "timezone", None))
            except (NonexistentLocalTime, AmbiguousLocalTime) as refusal:
                raise serializers.ValidationError(refusal.message, code="invalid_local_time") from refusal
        return super().enforce_timezone(value)
