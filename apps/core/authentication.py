"""API authentication: DRF's token authentication, with the callers it does not authenticate throttled."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions, status
from rest_framework.request import Request

from apps.core.throttling import throttle_address


class TokenRefused(exceptions.APIException):
    """A token that was sent and is wrong: 401 with a ``WWW-Authenticate: Token`` challenge and a JSON message.

    Not DRF's ``AuthenticationFailed``: DRF turns that into a 403 when the first authenticator (session
    authentication) has no challenge, and an integrator needs to tell "your token is no good" from "your token may
    not do this". Requests without credentials stay 403, as the permission matrix says.
    """

    status_code = status.HTTP_401_UNAUTHORIZED
    default_code = "authentication_failed"
    auth_header = "Token"


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
        except exceptions.AuthenticationFailed as exc:
            throttle_address(request)
            raise TokenRefused(exc.detail) from exc
        if result is None:
            throttle_address(request)
        return result
