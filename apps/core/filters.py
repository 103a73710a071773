"""Filters and pagination of the API: a query value that cannot be read is refused, never silently ignored."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db import models
from django.db.models import QuerySet
from django.forms.utils import pretty_name
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import FilterSet
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.rest_framework import FilterSet as RestFilterSet
from rest_framework import pagination, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.views import APIView

from apps.core.dates import validate_plausible
from apps.core.forms import PlausibleDateField

# What django-filter's BooleanWidget reads as true or false.
BOOLEAN_VALUES = frozenset({"true", "True", "1", "false", "False", "0"})


class PlausibleDateFilter(django_filters.DateFilter):
    """A date filter of pages and API alike that takes only the plausible years: ``?free_on=9999-12-31`` is a
    field error (a 400 in the API), not a day after it that overflows."""

    field_class = PlausibleDateField


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's sort menu with its "(descending)" in the user's language: django-filter builds the labels
    once at import, formatting its own untranslated "%s (descending)"; these stay lazy until the page is drawn."""

    def build_choices(self, fields: dict[str, str], labels: dict[str, Any]) -> list[tuple[str, Any]]:
        labels = {
            **{
                f"-{param}": format_lazy(_("{label} (descending)"), label=labels.get(field, _(pretty_name(param))))
                for field, param in fields.items()
            },
            **labels,
        }
        return super().build_choices(fields, labels)


class PlausibleIsoDateTimeField(IsoDateTimeField):
    default_validators = [validate_plausible]


class PlausibleDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 datetime filter in the same plausible years."""

    field_class = PlausibleIsoDateTimeField


class PlausibleFilterSet(RestFilterSet):
    """The base of the filter sets the API generates from ``filterset_fields``: a model's dates and datetimes
    filter in the plausible years too."""

    FILTER_DEFAULTS = {
        **RestFilterSet.FILTER_DEFAULTS,
        models.DateField: {"filter_class": PlausibleDateFilter},
        models.DateTimeField: {"filter_class": PlausibleDateTimeFilter},
    }


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that these are a 400: an empty value of a typed filter (``?space=``), a
    repeated value of a single-valued one (``?space=1&space=2``), a yes/no filter that is neither true nor false
    (``?step_free=-1``) and an empty sort key (``?ordering=,``).

    django-filter drops what it cannot read and takes the last of repeated values, which suits HTML forms (a ticked
    checkbox sends "on"); an API client sending such a query has a bug that a silently unfiltered list would hide.
    Text filters (a search box) still take an empty string.
    """

    filterset_base = PlausibleFilterSet

    def get_filterset(self, request: Request, queryset: QuerySet, view: APIView) -> FilterSet | None:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        for name, declared in filterset.filters.items():
            values = request.query_params.getlist(name)
            if len(values) > 1 and not isinstance(declared, django_filters.MultipleChoiceFilter):
                errors[name] = [_("Give one value.")]
            elif "" in values and not isinstance(declared, django_filters.CharFilter):
                errors[name] = [_("This value may not be empty.")]
            elif isinstance(declared, django_filters.BooleanFilter) and not set(values) <= BOOLEAN_VALUES:
                errors[name] = [_("Enter true or false.")]
            elif isinstance(declared, django_filters.OrderingFilter) and any("" in v.split(",") for v in values):
                errors[name] = [_("This value may not be empty.")]
        if errors:
            raise serializers.ValidationError(errors)
        return filterset


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page numbers; ``?page=`` (empty) or a repeated ``page`` is an invalid page (404), like ``?page=x``."""

    def get_page_number(self, request: Request, paginator: Any) -> Any:
        values = request.query_params.getlist(self.page_query_param)
        if len(values) > 1 or values == [""]:
            raise NotFound(_("Invalid page."))
        return super().get_page_number(request, paginator)
