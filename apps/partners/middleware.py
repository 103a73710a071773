"""The partner area: a partner account reaches only the partner pages, its own account, its notifications and the
public pages; every other page answers 403 (the API in JSON), and the staff home page leads to the partner home.

The pages' own policies refuse partners as well; this is the second wall, so that a staff page added tomorrow is
closed to partners until it says otherwise here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.middleware import API_PREFIX

PUBLIC_API_PREFIX = f"{API_PREFIX}public/"
# "Partner wanted" (apps/partner_requests): partners post and answer too, without the directory's suggestions.
PARTNER_NAMESPACES = frozenset({"partners", "public", "notifications", "partner_requests"})
PARTNER_URL_NAMES = frozenset({"logout", "set_language", "privacy", "accessibility", "healthz", "favicon"})
# allauth's pages (sign-in, sign-up, verification, password, e-mail addresses, strong identification).
ALLAUTH_PREFIXES = ("account_", "socialaccount_", "openid_connect_")
# allauth's pages for a signed-in account: a partner's own; the staff keep their account with the city's login.
ALLAUTH_ACCOUNT_PAGES = frozenset(
    {
        "account_email",
        "account_change_password",
        "account_set_password",
        "account_reauthenticate",
        "socialaccount_connections",
    }
)


class PartnerAreaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        api = request.path_info.startswith(API_PREFIX)
        if api and request.path_info.startswith(PUBLIC_API_PREFIX):
            return None  # the public API, which reads no session
        if not api and not getattr(view_func, "login_required", True):
            # Open to everyone (the public pages, sign-in, sign-up): decided without reading the session. (The API
            # says it needs no login because it authenticates itself: its session callers are checked below.)
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        match = request.resolver_match
        url_name = match.url_name if match else ""
        if not user.is_partner:
            if url_name in ALLAUTH_ACCOUNT_PAGES:
                raise PermissionDenied(_("City staff keep their account with the city's login."))
            return None
        if match and (PARTNER_NAMESPACES.intersection(match.namespaces) or url_name in PARTNER_URL_NAMES):
            return None
        if url_name and url_name.startswith(ALLAUTH_PREFIXES):
            return None
        if url_name == "home":
            return HttpResponseRedirect(reverse("partners:home"))
        message = _("This page is for the city's staff. Your pages are under “Partner”.")
        if api:
            return HttpResponse(json.dumps({"detail": message}), status=403, content_type="application/json")
        raise PermissionDenied(message)
