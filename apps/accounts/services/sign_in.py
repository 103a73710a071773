"""Writes of the accounts app: accounts made and kept up to date by the city's single sign-on.

The acting party of a sign-in is the identity provider, whose ID token has been checked (apps/accounts/oidc.py)
before these run, so they take the provider's ``issuer`` and verified ``claims`` instead of a ``by`` user.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import LoginGroupRole, User
from apps.accounts.services.roles import role_login_sync
from apps.core.exceptions import NotAllowed
from apps.core.services import validated_save
from apps.sectors.models import Person, Unit

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length


@transaction.atomic
def user_sign_in_from_claims(*, issuer: str, claims: dict[str, Any]) -> User:
    """The user of a checked sign-in: made at the first one, and at every one given the name, e-mail, language and
    home unit the provider says, linked to their directory entry, their roles from the groups claim.

    A user is found by the provider's subject; a user made before single sign-on (same e-mail, no subject yet) is
    taken over, unless the provider says the address is unverified. A deactivated user is refused, unchanged.
    """
    subject = f"{issuer} {claims['sub']}"
    email = str(claims.get("email") or "").strip()
    user = User.objects.select_for_update(no_key=True).filter(oidc_subject=subject).first()
    if user is None and email and claims.get("email_verified") is not False:
        user = (
            User.objects.select_for_update(no_key=True)
            # Never a partner account: the city's login signs in staff, and an e-mail is no proof of being staff.
            .filter(oidc_subject="", email__iexact=email, kind=User.Kind.STAFF)
            .order_by("pk")
            .first()
        )
    if user is not None and not user.is_active:
        raise NotAllowed(_("This account is switched off in Silta. Ask your Silta administrator."))
    if user is None:
        user = User(username=_free_username(claims, subject), oidc_subject=subject)
        user.set_unusable_password()
    user.oidc_subject = subject
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.email = email or user.email
    user.language = _language(claims.get("locale")) or user.language
    unit_claim = settings.SILTA_OIDC_UNIT_CLAIM
    if unit_claim in claims:
        user.home_unit = _unit_from_claim(claims[unit_claim])
    validated_save(user)
    _person_link(user=user)
    groups = claims.get(settings.SILTA_OIDC_GROUPS_CLAIM) or []
    user_roles_from_groups(user=user, groups=[groups] if isinstance(groups, str) else list(groups))
    return user


def user_roles_from_groups(*, user: User, groups: Iterable[str]) -> None:
    """The roles the login's directory groups give (``LoginGroupRole``, kept by administrators): the user holds
    exactly those from the login, each grant and removal in the history; roles granted by hand stay as they are."""
    names = [str(group) for group in groups][:1000]  # a claim is the provider's text: bounded, compared as text
    mapped = LoginGroupRole.objects.filter(group__in=names).select_related("unit", "venue", "programme", "sector")
    role_login_sync(user=user, grants=[(row.role, row.scope) for row in mapped])


def _free_username(claims: dict[str, Any], subject: str) -> str:
    """The provider's user name (or e-mail) where no one holds it yet, else made unique by the subject's hash."""
    wanted = str(claims.get("preferred_username") or claims.get("email") or claims["sub"])[:USERNAME_MAX_LENGTH]
    if not User.objects.filter(username__iexact=wanted).exists():
        return wanted
    suffix = "-" + hashlib.sha256(subject.encode()).hexdigest()[:10]
    return wanted[: USERNAME_MAX_LENGTH - len(suffix)] + suffix


def _language(locale: object) -> str:
    """Silta's language for an OpenID ``locale`` claim (BCP 47: "fi-FI", "sv_SE"), blank for one it does not speak."""
    primary = str(locale or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in dict(settings.LANGUAGES) else ""


def _unit_from_claim(value: object) -> Unit | None:
    """The unit whose external code the claim names (the first known one of a list); none for an unknown code."""
    codes = [str(code) for code in value] if isinstance(value, list | tuple) else [str(value or "")]
    units = {unit.external_code: unit for unit in Unit.objects.filter(external_code__in=[c for c in codes if c])}
    return next((units[code] for code in codes if code in units), None)


def _person_link(*, user: User) -> None:
    """The directory entry with the user's e-mail becomes theirs, so a person is never listed twice."""
    if not user.email or Person.objects.filter(user=user).exists():
        return
    person = Person.objects.filter(user=None, email__iexact=user.email).order_by("pk").first()
    if person is not None:
        person.user = user
        validated_save(person)
