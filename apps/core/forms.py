"""Form pieces shared by the pages: dates a person could really mean, also when read from a query string."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connections
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.dates import validate_plausible

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
"""The browser's date picker, fed ISO dates so it shows the bound value whatever the language."""


class PlausibleDateField(forms.DateField):
    """Django's date field, in the years the city's records can cover (apps/core/dates.py)."""

    default_validators = [validate_plausible]


class PlausibleDateTimeField(forms.DateTimeField):
    """Django's datetime field (naive values in the city's time zone), in the same plausible years."""

    default_validators = [validate_plausible]


def read_date(value: str | None) -> date | None:
    """A query string's date for a page that falls back to a default: None if empty, unreadable or implausible."""
    try:
        return PlausibleDateField(required=False).clean(value)
    except ValidationError:
        return None


def read_datetime(value: str | None) -> datetime | None:
    """A query string's moment (aware) for a page that falls back to a default: None if it cannot be used."""
    try:
        return PlausibleDateTimeField(required=False).clean(value)
    except ValidationError:
        return None


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(label=_("Your feedback"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    email = forms.EmailField(label=_("Your email (if you want an answer)"), required=False)


def choices_fingerprint(form: forms.Form) -> str:
    """A digest of every choice ``form`` offers, in the active language: a cache key for its rendering.

    Rendering a filter form's selects (hundreds of units) was most of a list page's time, and reading the choices as
    model instances most of the rest. So fixed choices are digested here, and the rows of a model choice field
    (``label_sources``: its queryset, or what the field names) are digested by PostgreSQL in one statement for the
    whole form: every column a label can be made of is in the digest, so a page keyed by it never shows a stale
    choice, whichever process renamed it.
    """
    digest = hashlib.blake2b(digest_size=16)
    statements: list[str] = []
    params: list[Any] = []
    database = None
    for name, field in form.fields.items():
        sources = label_sources(field)
        if sources is None:
            for value, label in getattr(field, "choices", ()):
                digest.update(f"{name}\0{value}\0{label}\0".encode())
            continue
        digest.update(f"{name}\0{getattr(field, 'empty_label', None)}\0".encode())
        for queryset in sources:
            try:
                sql, query_params = queryset.query.sql_with_params()
            except EmptyResultSet:  # ``.none()``: nothing to choose from
                digest.update(b"\0none\0")
                continue
            statements.append(f"(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM ({sql}) t)")
            params.extend(query_params)
            database = queryset.db
    if statements:
        with connections[database].cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(statements)}", params)
            digest.update("\0".join(cursor.fetchone()).encode())
    return digest.hexdigest()


def label_sources(field: forms.Field) -> list[QuerySet] | None:
    """The querysets whose rows make up a model choice field's labels (None for fixed choices): its own queryset,
    unless the field names more with a ``label_sources()`` method (a unit's label is its path of parent units)."""
    named = getattr(field, "label_sources", None)
    if named is not None:
        return named()
    queryset = getattr(field, "queryset", None)
    return None if queryset is None else [queryset]


class AutocompleteMixin:
    """A select that static/js/autocomplete.js turns into a Tom Select typeahead fed by the JSON of ``url_name``
    (see apps/core/options.py); without JavaScript it stays the plain select, every choice in it."""

    def __init__(self, url_name: str, attrs: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(attrs, **kwargs)  # type: ignore[call-arg]
        self.url_name = url_name

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["widget"]["attrs"].update(
            {
                "data-autocomplete": reverse(self.url_name),
                "data-autocomplete-none": gettext("No matches. Type another part of the name."),
                "data-autocomplete-remove": gettext("Remove"),
            }
        )
        return context


class AutocompleteSelect(AutocompleteMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteMixin, forms.SelectMultiple):
    pass
