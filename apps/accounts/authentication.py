"""API authentication by personal API tokens (``apps.accounts.tokens``), and the older DRF tokens beside them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authtoken.models import Token

from apps.accounts import tokens
from apps.accounts.models import role_grants_of
from apps.core.authentication import TokenAuthentication


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token silta_…`` is a personal API token; any other key is a DRF token (drf_create_token).

    Both are refused, and the refusals throttled by address, by the core authenticator this builds on. The DRF
    tokens keep working so scripts and deployments that use them do not break; the page makes new ones.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        if not key.startswith(tokens.TOKEN_PREFIX):
            return self._drf_token(key)
        try:
            return tokens.api_token_authenticate(key)
        except tokens.TokenRefusal as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from exc

    def _drf_token(self, key: str) -> tuple[Any, Any]:
        """DRF's own check (same refusals), with the user's home unit and roles read in the token's query: a
        booking needs both, and otherwise asked two more queries for them on every request."""
        token = (
            Token.objects.select_related("user__home_unit")
            .annotate(role_grant_list=role_grants_of("user_id"))
            .filter(key=key)
            .first()
        )
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token.user.remember_role_grants(token.role_grant_list)
        return token.user, token
