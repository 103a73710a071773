"""Form pieces shared by the pages: dates a person could really mean, also when read from a query string."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
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

    Rendering a filter form's selects (hundreds of units) is most of a list page's time, while reading the choices
    is a few small queries: a page keyed by this digest never shows a stale choice, whichever process renamed it.
    """
    digest = hashlib.blake2b(digest_size=16)
    for name, field in form.fields.items():
        for value, label in getattr(field, "choices", ()):
            digest.update(f"{name}\0{value}\0{label}\0".encode())
    return digest.hexdigest()
