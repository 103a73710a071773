"""Who may do what with the register of organisations: the one place the pages, the API and the services ask."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from apps.sectors.permissions import can_manage_units

if TYPE_CHECKING:
    from apps.accounts.models import User


def can_see_register(user: User | AnonymousUser) -> bool:
    """Every signed-in member of staff finds partners in the register (the person directory's audience)."""
    return bool(user and user.is_authenticated and user.is_active)


def can_manage_organisations(user: User | AnonymousUser) -> bool:
    """An organisation is a unit in an external sector, so those who manage units enter and change them."""
    return can_manage_units(user)
