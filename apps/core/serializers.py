"""Serializer pieces shared by the API: dates a person could really mean, id lists resolved in one query."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from apps.core.dates import FIRST_YEAR, IMPLAUSIBLE, LAST_YEAR, validate_plausible
from apps.core.timezones import AmbiguousLocalTime, NonexistentLocalTime, local_datetime
from apps.core.translated import translated_fields, translations_of


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


# The longest id list one request may carry: a large-group meeting has a few hundred attendees, no initiative
# a thousand themes. Longer lists are refused before any id is looked up.
MAX_IDS = 1000


class PrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """DRF's primary key field, strict about the type of an id; with ``many=True`` an :class:`IdListField`."""

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> IdListField:
        list_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        list_kwargs["max_length"] = kwargs.pop("max_length", MAX_IDS)
        return IdListField(child_relation=cls(*args, **kwargs), **list_kwargs)

    def to_pk(self, data: Any) -> Any:
        """The primary key ``data`` names; a bool, a fraction or a nested value is no id (DRF took 1.5 as 1)."""
        if self.pk_field is not None:
            data = self.pk_field.to_internal_value(data)
        model_pk = self.get_queryset().model._meta.pk
        if isinstance(data, bool | float | Mapping | list):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            pk = model_pk.to_python(data)
        except DjangoValidationError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(pk, int):  # beyond bigint PostgreSQL would refuse the query; no row has such an id
            low, high = connection.ops.integer_field_range(model_pk.get_internal_type())
            if not low <= pk <= high:
                self.fail("does_not_exist", pk_value=data)
        return pk

    def to_internal_value(self, data: Any) -> models.Model:
        pk = self.to_pk(data)
        try:
            return self.get_queryset().get(pk=pk)
        except self.get_queryset().model.DoesNotExist:
            self.fail("does_not_exist", pk_value=data)


class IdListField(serializers.ManyRelatedField):
    """A many-to-many id list: capped in length and resolved in ONE query (DRF's asks once per id)."""

    default_error_messages = {"too_many": _("Give at most {max} ids.")}

    def __init__(self, *, max_length: int = MAX_IDS, **kwargs: Any) -> None:
        self.max_length = max_length
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[models.Model]:
        if isinstance(data, str | Mapping) or not hasattr(data, "__iter__"):
            self.fail("not_a_list", input_type=type(data).__name__)
        items = list(data)
        if not self.allow_empty and not items:
            self.fail("empty")
        if len(items) > self.max_length:
            self.fail("too_many", max=self.max_length)
        child: PrimaryKeyRelatedField = self.child_relation
        pks = list(dict.fromkeys(child.to_pk(item) for item in items))  # a repeated id counts once
        found = child.get_queryset().in_bulk(pks)
        if missing := [pk for pk in pks if pk not in found]:
            child.fail("does_not_exist", pk_value=missing[0])
        return [found[pk] for pk in pks]


@extend_schema_field(
    {
        "type": "object",
        "description": "Every language's text of the translated fields: {field: {fi, sv, en}}; '' where none.",
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
        "readOnly": True,
    }
)
class TranslationsField(serializers.Field):
    """``{"name": {"fi": "Kulttuuri", "sv": "Kultur", "en": "Culture"}}`` for the translated fields a serializer
    shows; ``name`` itself is in the request's language (``?lang=`` or ``Accept-Language``), with the fallback."""

    def __init__(self, fields: tuple[str, ...], **kwargs: Any) -> None:
        self.translated = fields
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance: models.Model) -> dict[str, dict[str, str]]:
        return {field: translations_of(instance, field) for field in self.translated}


class ModelSerializer(serializers.ModelSerializer):
    """DRF's model serializer whose dates and datetimes take only plausible values and whose id lists are capped;
    a model with translated names also shows them in every language (``translations``)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: PlausibleDateField,
        models.DateTimeField: LocalDateTimeField,
    }
    serializer_related_field = PrimaryKeyRelatedField

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        shown = tuple(name for name in translated_fields(self.Meta.model) if name in fields)
        if shown and "translations" not in fields:
            fields["translations"] = TranslationsField(shown)
        return fields


class YearField(serializers.IntegerField):
    """A calendar year in the same plausible range (the schema says so, too)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)
