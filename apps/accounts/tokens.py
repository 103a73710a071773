"""Personal API tokens: their policy, services and selectors, and the check the API's authentication calls.

A token is ``silta_`` and 43 random URL-safe characters (256 bits). Only its SHA-256 is stored: a token this random
needs no slow password hash, and a copy of the database gives no one a working token. The secret is shown once,
at creation. Every API call reads the token from the database, so a revoked or expired token is refused at once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import ApiToken, User, role_grants_of
from apps.accounts.roles import is_admin
from apps.core.exceptions import Invalid
from apps.core.policy import require
from apps.core.services import validated_save

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

TOKEN_PREFIX = "silta_"
SHOWN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
DEFAULT_LIFETIME = timedelta(days=90)
MAX_LIFETIME = timedelta(days=365)
# The last use is written at most this often per token: an integrator's busy minute costs one UPDATE, not hundreds.
LAST_USE_PRECISION = timedelta(minutes=1)


class TokenRefusal(Exception):
    """The token is unknown, revoked or expired, or its user may no longer log in; the message says which."""


# --- policy -------------------------------------------------------------------------------------------------------


def can_manage_api_tokens(user: User | AnonymousUser) -> bool:
    """Every active logged-in member of staff may hold tokens: a token does only what its user may do. Partner
    accounts use only the partner pages (apps/partners), never the API."""
    return user.is_authenticated and user.is_active and not user.is_partner


def can_revoke_api_token(user: User | AnonymousUser, token: ApiToken) -> bool:
    """A user revokes their own tokens; an administrator anyone's (a leaked token, a person who left)."""
    return user.is_authenticated and (token.user_id == user.pk or is_admin(user))


# --- selectors ----------------------------------------------------------------------------------------------------


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's tokens, newest first, revoked and expired ones included."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def default_expiry(today: date | None = None) -> date:
    return (today or timezone.localdate()) + DEFAULT_LIFETIME


def latest_expiry(today: date | None = None) -> date:
    return (today or timezone.localdate()) + MAX_LIFETIME


# --- services -----------------------------------------------------------------------------------------------------


def digest_of(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, by: User, name: str, expires_on: date) -> tuple[ApiToken, str]:
    """A new token for ``by``, and its secret: the only time anyone sees it."""
    require(can_manage_api_tokens(by), _("You may not create API tokens."))
    today = timezone.localdate()
    if expires_on <= today:
        raise Invalid({"expires_on": _("Choose a date after today.")})
    if expires_on > latest_expiry(today):
        raise Invalid(
            {
                "expires_on": _("A token is valid for at most a year: choose %(date)s or earlier.")
                % {"date": date_format(latest_expiry(today), "SHORT_DATE_FORMAT")}
            }
        )
    name = name.strip()
    if name and api_tokens_of(by).filter(name=name, revoked_at__isnull=True).exists():  # the constraint, kindly
        raise Invalid({"name": _("You already have a token with this name.")})
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=by,
        name=name,
        prefix=plaintext[:SHOWN_PREFIX_LENGTH],
        digest=digest_of(plaintext),
        expires_on=expires_on,
    )
    validated_save(token)
    return token, plaintext


@transaction.atomic
def api_token_revoke(*, by: User, token: ApiToken) -> ApiToken:
    """Revoke ``token``: the next API call with it is refused. Revoking a revoked token changes nothing."""
    require(can_revoke_api_token(by, token), _("You may revoke only your own API tokens."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# --- authentication -----------------------------------------------------------------------------------------------


def api_token_authenticate(plaintext: str) -> tuple[User, ApiToken]:
    """The user and token a request's secret names, with the user's roles read in the same query.

    Raises :class:`TokenRefusal`. Records the use at most once per ``LAST_USE_PRECISION``, with a conditional
    UPDATE, so simultaneous calls write once between them.
    """
    token = (
        ApiToken.objects.select_related("user__home_unit")
        .annotate(role_grant_list=role_grants_of("user_id"))
        .filter(digest=digest_of(plaintext))
        .first()
    )
    if token is None:
        raise TokenRefusal(_("Invalid token."))
    if token.revoked_at is not None:
        raise TokenRefusal(_("This token has been revoked."))
    if not token.is_usable():
        raise TokenRefusal(_("This token has expired."))
    if not token.user.is_active:
        raise TokenRefusal(_("User inactive or deleted."))
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at <= now - LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USE_PRECISION)
        ).update(last_used_at=now)
        token.last_used_at = now
    token.user.remember_role_grants(token.role_grant_list)
    return token.user, token
