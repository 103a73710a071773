"""The partner accounts' notification kinds: a request to join an organisation, and its decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from apps.notifications.kinds import Kind, register
from apps.organisations.permissions import can_manage_organisations

if TYPE_CHECKING:
    from apps.accounts.models import User


def _decides_on_memberships(user: User) -> bool:
    return user.is_partner or can_manage_organisations(user)


def _is_partner(user: User) -> bool:
    return user.is_partner


MEMBERSHIP_REQUESTED = register(
    Kind(
        code="partners.membership_requested",
        label=_("Requests to join an organisation"),
        help_text=_("Someone asks to join your organisation (or, for the city, any organisation) in Silta."),
        template="partners/notifications/membership_requested",
        offered_to=_decides_on_memberships,
    )
)
MEMBERSHIP_DECIDED = register(
    Kind(
        code="partners.membership_decided",
        label=_("Decisions on your membership"),
        help_text=_("Your request to join an organisation was approved or refused, or your membership ended."),
        template="partners/notifications/membership_decided",
        offered_to=_is_partner,
    )
)
