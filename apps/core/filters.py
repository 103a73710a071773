"""Filters shared by the API: a query value that cannot be read is refused with 400, never silently ignored."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import FilterSet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

TRUE_VALUES = frozenset({"true", "True", "1"})
FALSE_VALUES = frozenset({"false", "False", "0"})


class StrictBooleanField(forms.Field):
    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if value in TRUE_VALUES:
            return True
        if value in FALSE_VALUES:
            return False
        raise ValidationError(_("Enter true or false."), code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    """``true``/``false`` (or 1/0); anything else is a 400 instead of a filter quietly dropped."""

    field_class = StrictBooleanField


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that an empty value of a typed filter (``?space=``) is a 400.

    django-filter drops empty values, which suits HTML forms; an API client sending ``space=`` has a bug that
    a silently unfiltered list would hide. Text filters (a search box) still take an empty string.
    """

    def get_filterset(self, request: Request, queryset: QuerySet, view: APIView) -> FilterSet | None:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        empty = [
            name
            for name, declared in filterset.filters.items()
            if "" in request.query_params.getlist(name) and type(declared) is not django_filters.CharFilter
        ]
        if empty:
            raise serializers.ValidationError({name: [_("This value may not be empty.")] for name in empty})
        return filterset
