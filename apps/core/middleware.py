from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.response import Response

API_PREFIX = "/api/"
# DRF's own (translated) words for the statuses Django answers by itself; the others use the HTTP reason phrase.
API_ERROR_MESSAGES = {
    403: exceptions.PermissionDenied.default_detail,
    404: exceptions.NotFound.default_detail,
    500: exceptions.APIException.default_detail,
    # apps.core.views.server_error: a database time limit, or the database unreachable.
    503: _("The service is temporarily unavailable. Please try again in a moment."),
}


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's login requirement for pages; the API authenticates itself (session or token) and answers in JSON.

    A view open to everyone is let through before the user is read: reading it loads the session, and an answer
    that read the session varies by cookie, which no shared cache (a CDN in front of the public pages) may keep.
    """

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path_info.startswith(API_PREFIX) or not getattr(view_func, "login_required", True):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class ApiErrorMiddleware:
    """Every error under /api/ is JSON with a message, whichever layer answered.

    DRF answers its own refusals in JSON (apps/core/api.py); what Django answers by itself — a refused host name,
    a view that failed (after handler500 has logged it), a body Django refused to read — arrives here as an HTML
    page and leaves as ``{"detail": ...}`` with the same status and headers. It stands first in MIDDLEWARE, so
    it sees the answers of every other middleware too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and isinstance(response, HttpResponse)
            and not isinstance(response, Response)  # DRF negotiated the format (JSON, or the browsable API)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            message = API_ERROR_MESSAGES.get(response.status_code, response.reason_phrase)
            response.content = json.dumps({"detail": str(message)})
            response["Content-Type"] = "application/json"
            if response.has_header("Content-Length"):  # CommonMiddleware counted the HTML page
                response["Content-Length"] = str(len(response.content))
        return response


class PrivateCacheMiddleware:
    """Pages of a logged-in user and every API answer carry personal data: no shared or browser cache keeps them.

    ``Cache-Control: private, no-store`` (with Django's ``add_never_cache_headers``), unless the view chose its own
    caching. Public answers (the login page, static files, a space's calendar feed) are left as they are; the
    dashboards cache on the server only, keyed by the computation, so they lose nothing.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):  # first: the 503 of a database outage must not load the user
            return response
        user = getattr(request, "user", None)
        personal = request.path_info.startswith(API_PREFIX) or bool(user and user.is_authenticated)
        if personal:
            add_never_cache_headers(response)
        return response


class HealthCheckMiddleware:
    """Answers ``/healthz`` before anything reads the Host header, so a probe by address (the container's own
    health check, a load balancer) gets the health whatever DJANGO_ALLOWED_HOSTS holds.

    It stands before CommonMiddleware (which refuses unknown hosts) and after SecurityMiddleware and the
    permissions policy, whose headers the answer still carries. The check reveals no data and changes nothing.
    """

    path = "/healthz"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info == self.path:
            from apps.core.views import healthz

            return healthz(request)
        return self.get_response(request)


class LanguageParameterMiddleware:
    """``?lang=sv`` answers in Swedish, whatever the browser or the session says: an API client, a shared link or an
    iCal feed picks its language in the address. An unknown code is ignored (the negotiated language stays).

    After LocaleMiddleware, which has chosen from the cookie and ``Accept-Language`` and later writes
    ``Content-Language`` from the active language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _label in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        language = request.GET.get("lang", "")
        if language in self.languages:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
