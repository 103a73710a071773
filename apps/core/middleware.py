from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's login requirement for pages; the API authenticates itself (session or token) and answers in JSON."""

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


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
        user = getattr(request, "user", None)
        personal = request.path_info.startswith("/api/") or bool(user and user.is_authenticated)
        if personal and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
