"""django-allauth's adapters for partner accounts: who a new account is, where it goes, how its mail leaves.

https://docs.allauth.org/en/latest/account/advanced.html#custom-redirects (the adapter's hooks).
"""

from __future__ import annotations

import uuid
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from disposable_email_domains import blocklist
from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.services import email_queue

BACKEND = "apps.partners.backends.PartnerBackend"


def _as_partner(user: User) -> None:
    """Every account made here is a partner account, in the language the person signed up in."""
    user.kind = User.Kind.PARTNER
    language = translation.get_language() or ""
    if language in dict(settings.LANGUAGES):
        user.language = language


class PartnerAccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: Any, form: forms.Form, commit: bool = True) -> Any:
        _as_partner(user)
        return super().save_user(request, user, form, commit)

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        domain = email.rpartition("@")[2].lower()
        if settings.SILTA_PARTNER_REFUSE_DISPOSABLE_EMAIL and domain in blocklist:
            raise forms.ValidationError(
                _("Addresses of throw-away mail services cannot sign up. Use your organisation's or your own address.")
            )
        return email

    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        """Partner accounts only: allauth also takes a user whose password matched but whom the backend refused (to
        show them "account inactive"), and a staff account must get no further here than a wrong password."""
        user = super().authenticate(request, **credentials)
        return user if user is not None and user.kind == User.Kind.PARTNER else None

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return reverse("partners:home")

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        return reverse("partners:home")

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        return reverse("partners:home")

    def login(self, request: HttpRequest, user: Any) -> None:
        user.backend = BACKEND
        super().login(request, user)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Queued (``email_queue``): a worker sends it after the commit, so a slow mail server never holds the page."""
        request = allauth_context.request
        page = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, page)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        email_queue(
            key=f"partners:{template_prefix}:{uuid.uuid4()}",
            subject=str(message.subject),
            body=str(message.body),
            html_body=str(html),
            to=message.to,
        )


class PartnerSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Strong identification (the city's OpenID Connect provider for partners) makes partner accounts too."""

    def save_user(self, request: HttpRequest, sociallogin: Any, form: forms.Form | None = None) -> Any:
        _as_partner(sociallogin.user)
        return super().save_user(request, sociallogin, form)

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return bool(settings.SILTA_PARTNER_OIDC_ISSUER)
