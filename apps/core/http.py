"""Where a request goes next, read the safe way for every app."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, fallback: str, *, field: str = "next") -> str:
    """``next`` from the form or query when it stays on this site, else ``fallback`` (a URL or a URL name).

    The same check Django's login view makes: another host, another scheme or ``//host`` would turn the form
    into an open redirect for phishing.
    """
    candidate = request.POST.get(field) or request.GET.get(field) or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(fallback)
