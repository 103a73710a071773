"""API authentication by personal API tokens (``apps.accounts.tokens``), and the older DRF tokens beside them."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authtoken.models import Token

from apps.accounts import tokens
from apps.accounts.models import GRANT_SCOPE_FIELDS, User
from apps.core.authentication import TokenAuthentication

# A DRF token's user with the token, the user's role grants (as ``role_grants_of`` gives them) and the sector of
# their home unit (``User.home_unit_sector_id``, which a booking records), with the sector's kind and the unit's
# organisation kind (what the premises ask of an external booker: ``apps.premises.permissions.external_kind``).
DRF_TOKEN_SQL = f"""
SELECT u.*, t.key AS token_key, t.created AS token_created, hu.sector_id AS home_unit_sector_id,
       hs.kind AS home_unit_sector_kind, ho.kind AS home_unit_organisation_kind,
       ARRAY(SELECT jsonb_build_object('role', r.role, {", ".join(f"'{f}', r.{f}" for f in GRANT_SCOPE_FIELDS)})
             FROM accounts_roleassignment r WHERE r.user_id = u.id) AS role_grant_list
FROM authtoken_token t
JOIN accounts_user u ON u.id = t.user_id
LEFT JOIN sectors_unit hu ON hu.id = u.home_unit_id
LEFT JOIN sectors_sector hs ON hs.id = hu.sector_id
LEFT JOIN organisations_organisation ho ON ho.unit_id = hu.id
WHERE t.key = %s
"""


class ApiTokenAuthentication(TokenAuthentication):
    """``Authorization: Token silta_…`` is a personal API token; any other key is a DRF token (drf_create_token).

    Both are refused, and the refusals throttled by address, by the core authenticator this builds on. The DRF
    tokens keep working so scripts and deployments that use them do not break; the page makes new ones.
    """

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        if not key.startswith(tokens.TOKEN_PREFIX):
            user, token = self._drf_token(key)
        else:
            try:
                user, token = tokens.api_token_authenticate(key)
            except tokens.TokenRefusal as exc:
                raise exceptions.AuthenticationFailed(str(exc)) from exc
        if user.is_partner:  # a token made for a partner account by any means opens nothing
            raise exceptions.AuthenticationFailed(_("Partner accounts do not use the API."))
        return user, token

    def _drf_token(self, key: str) -> tuple[Any, Any]:
        """DRF's own check (same refusals), with the user's roles and home unit's sector read in the token's
        query, in SQL written out: a booking needs both, and through the ORM the query cost more to compile than
        two more round trips."""
        user = next(iter(User.objects.raw(DRF_TOKEN_SQL, [key])), None)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        user.remember_role_grants([json.loads(row) if isinstance(row, str) else row for row in user.role_grant_list])
        return user, Token(key=user.token_key, user=user, created=user.token_created)
