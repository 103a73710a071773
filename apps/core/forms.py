from __future__ import annotations

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _


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
