"""API authentication: DRF's token authentication, with the callers it does not authenticate throttled."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions
from rest_framework.request import Request

from apps.core.throttling import throttle_address


class TokenAuthentication(authentication.TokenAuthentication):
    """Token authentication that counts unauthenticated callers by address (429 past the "anon" rate).

    DRF authenticates before it checks permissions and throttles, so a wrong token (AuthenticationFailed) or no
    credentials at all (then IsAuthenticated refuses) never reached a throttle: 300 wrong tokens got 300 × 403.
    This is the last authenticator (session authentication comes first), so a request it does not authenticate
    is anonymous.
    """

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        try:
            result = super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle_address(request)
            raise
        if result is None:
            throttle_address(request)
        return result
