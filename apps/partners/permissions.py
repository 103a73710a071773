"""Who may do what with partner accounts and memberships: the one place the pages, the services and the gate ask.

- A partner account (``User.kind`` partner) uses only the partner pages; until a membership is approved, it can
  only ask to join an organisation.
- A membership is approved or refused by an approved member of the same organisation, or by the city: those who
  keep the register of organisations (administrators). Nobody decides on their own request.
- An approved membership ends when the person leaves, or when a member or the city removes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.organisations.permissions import can_manage_organisations
from apps.partners.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User
    from apps.organisations.models import Organisation


def is_partner(user: User | AnonymousUser) -> bool:
    """A signed-in partner account (verified: an unverified one never gets a session, apps/partners/backends.py)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_partner)


def member_organisation_id(user: User | AnonymousUser) -> int | None:
    """The organisation whose approved member ``user`` is, or None (one query, cached on the user)."""
    if not is_partner(user):
        return None
    if not hasattr(user, "_partner_organisation_id"):
        user._partner_organisation_id = (  # type: ignore[union-attr]
            Membership.objects.filter(user=user, status=Membership.Status.APPROVED)
            .values_list("organisation_id", flat=True)
            .first()
        )
    return user._partner_organisation_id  # type: ignore[union-attr]


def is_member(user: User | AnonymousUser) -> bool:
    return member_organisation_id(user) is not None


def can_request_membership(user: User | AnonymousUser) -> bool:
    return (
        is_partner(user)
        and not Membership.objects.filter(
            user=user, status__in=[Membership.Status.PENDING, Membership.Status.APPROVED]
        ).exists()
    )


def decides_for(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """Approves and removes members of ``organisation``: its approved members and the city's administrators."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_partner:
        return member_organisation_id(user) == organisation.pk
    return can_manage_organisations(user)


def can_decide(user: User | AnonymousUser, membership: Membership) -> bool:
    return (
        membership.status == Membership.Status.PENDING
        and membership.user_id != getattr(user, "pk", None)
        and decides_for(user, membership.organisation)
    )


def can_end(user: User | AnonymousUser, membership: Membership) -> bool:
    if membership.status != Membership.Status.APPROVED:
        return False
    return membership.user_id == getattr(user, "pk", None) or decides_for(user, membership.organisation)


def sees_membership_queue(user: User | AnonymousUser) -> bool:
    """The page of requests to decide: approved members (their organisation's) and the city's administrators."""
    if is_partner(user):
        return is_member(user)
    return bool(user and user.is_authenticated and can_manage_organisations(user))
