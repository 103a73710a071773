"""The sign-up's extra fields (ACCOUNT_SIGNUP_FORM_CLASS): a module of its own, because allauth's forms import it
while they are being defined, so it may not import them (https://docs.allauth.org/en/latest/account/forms.html)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User


class PartnerSignupForm(forms.Form):
    """What allauth's sign-up asks besides the e-mail and password (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    def signup(self, request: HttpRequest, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
