"""What a request says about where it came from and where it goes next, read the safe way for every app."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from ipware import get_client_ip


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


def client_ip(request: HttpRequest) -> str | None:
    """The address of whoever sent the request, for lock-outs, throttles and logs.

    With ``SILTA_PROXY_COUNT`` reverse proxies in front of the app, the outermost one appended the client's
    address to ``X-Forwarded-For`` and each further proxy the one before it, so the client is the
    ``SILTA_PROXY_COUNT``-th entry from the right; entries further left are the client's own claims and are
    ignored. Without proxies (or without the header) it is the connection's address.
    """
    proxies = settings.SILTA_PROXY_COUNT
    if proxies:
        # python-ipware counts the hops listed after the client in the header: one less than the proxies,
        # because the innermost proxy's own address is the connection's, not a header entry.
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR")
