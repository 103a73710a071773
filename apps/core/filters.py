"""Filters shared by the API: a query value that cannot be read is refused with 400, never silently ignored."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
