"""API authentication by personal API tokens (``apps.accounts.tokens``), and the older DRF tokens beside them."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions

from apps.accounts import tokens
from apps.core.authentication import TokenAuthentication


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token silta_…`` is a personal API token; any other key is a DRF token (drf_create_token).

    Both are refused, and the refusals throttled by address, by the core authenticator this builds on. The DRF
    tokens keep working so scripts and deployments that use them do not break; the page makes new ones.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        if not key.startswith(tokens.TOKEN_PREFIX):
            return super().authenticate_credentials(key)
        try:
            return tokens.api_token_authenticate(key)
        except tokens.TokenRefusal as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from exc
