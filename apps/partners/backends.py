"""The partner accounts' authentication backend: allauth's (e-mail and password), for partner accounts only.

A partner's session is worth something only once the e-mail is verified (or the person identified strongly through
the city's OpenID Connect provider): allauth's sign-in asks for the verification first, and ``get_user`` refuses a
session of an unverified account however it came about. Staff accounts never sign in here (nor partners on the
staff login, ``apps.accounts.backends``).
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from apps.accounts.backends import user_with_roles
from apps.accounts.models import User


def verified_partner(user: str = "pk") -> Exists:
    """On ``User``: the outer user's e-mail is verified, or a strong identification is linked to the account."""
    return Exists(EmailAddress.objects.filter(user=OuterRef(user), verified=True)) | Exists(
        SocialAccount.objects.filter(user=OuterRef(user))
    )


class PartnerBackend(AuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> User | None:  # type: ignore[override]
        """Only allauth's sign-in, which names the e-mail: Django's login form (the staff's) sends a "username",
        which allauth would take for an e-mail too and so let a partner in past the partner sign-in's checks."""
        if "email" not in credentials:
            return None
        return super().authenticate(request, **credentials)

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and getattr(user, "kind", None) == User.Kind.PARTNER

    def get_user(self, user_id: int) -> User | None:
        user = user_with_roles(user_id, verified=verified_partner("pk"))
        if user is None or not self.user_can_authenticate(user) or not user.verified:
            return None
        return user
