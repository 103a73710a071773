"""Filters and pagination of the API: a query value that cannot be read is refused, never silently ignored."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import FilterSet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import pagination, serializers
from rest_framework.exceptions import NotFound
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
    """django-filter's backend, except that an empty value of a typed filter (``?space=``) and a repeated value of a
    single-valued one (``?space=1&space=2``) are a 400.

    django-filter drops empty values and takes the last of repeated ones, which suits HTML forms; an API client
    sending either has a bug that a silently unfiltered list would hide. Text filters (a search box) still take
    an empty string.
    """

    def get_filterset(self, request: Request, queryset: QuerySet, view: APIView) -> FilterSet | None:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        for name, declared in filterset.filters.items():
            values = request.query_params.getlist(name)
            if len(values) > 1 and not isinstance(declared, django_filters.MultipleChoiceFilter):
                errors[name] = [_("Give one value.")]
            elif "" in values and type(declared) is not django_filters.CharFilter:
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
