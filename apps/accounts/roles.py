"""The roles of Silta. Each is a Django group, created by a data migration."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import User


class Role(StrEnum):
    OFFICIAL = "official"
    PROGRAMME_LEAD = "programme_lead"
    PREMISES_MANAGER = "premises_manager"
    MANAGER = "manager"
    ADMIN = "admin"


def is_admin(user: User | AnonymousUser) -> bool:
    """The admin role, or a superuser (who holds every role): the one test every app's policy starts from."""
    return user.is_authenticated and user.has_role(Role.ADMIN)
