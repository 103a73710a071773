"""Who may grant and remove roles: the one policy the services, the admin and any page ask.

- Administrators (the admin role, or a superuser) grant and remove any role with any scope.
- A unit administrator grants and removes roles only inside the units they administer: to people whose home unit
  is one of them, and only roles that stay inside it (city-wide official, programme lead or premises manager,
  whose rules follow the home unit; a premises manager or unit administrator of that unit). Never ``admin`` or
  ``manager`` (the city-wide readers), never a venue, programme or sector scope (those reach beyond a unit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.roles import Role, ScopeKind, is_admin

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from apps.accounts.models import RoleAssignment, User

# The roles a unit administrator may hand out city-wide: their rules already follow the holder's home unit.
UNIT_ADMIN_UNSCOPED_ROLES = (Role.OFFICIAL, Role.PROGRAMME_LEAD, Role.PREMISES_MANAGER)
# ... and the roles they may hand out for their own unit.
UNIT_ADMIN_UNIT_ROLES = (Role.PREMISES_MANAGER, Role.UNIT_ADMIN)


def administered_unit_ids(user: User | AnonymousUser) -> frozenset[int]:
    """The units whose roles this user administers (as a unit administrator): their units and the sub-units."""
    if not user.is_authenticated:
        return frozenset()
    return user.units_within(user.scope_ids(Role.UNIT_ADMIN, ScopeKind.UNIT))


def administers_roles(user: User | AnonymousUser) -> bool:
    """May grant some role at all: administrators and unit administrators."""
    return is_admin(user) or bool(administered_unit_ids(user))


def can_grant(user: User | AnonymousUser, assignment: RoleAssignment) -> bool:
    """May ``user`` grant (or, the same rule, remove) ``assignment``, a role for someone where it says?"""
    if not (user.is_authenticated and user.is_active):
        return False
    if is_admin(user):
        return True
    units = administered_unit_ids(user)
    if not units or assignment.user.home_unit_id not in units:
        return False
    kind = assignment.scope_kind
    if kind is None:
        return assignment.role in UNIT_ADMIN_UNSCOPED_ROLES
    return kind == ScopeKind.UNIT and assignment.role in UNIT_ADMIN_UNIT_ROLES and assignment.unit_id in units


def can_revoke(user: User | AnonymousUser, assignment: RoleAssignment) -> bool:
    return can_grant(user, assignment)


def administers_unit_roles(user: User | AnonymousUser) -> bool:
    """Opens the unit administrator's roles page: holds the unit administrator role for some unit."""
    return bool(administered_unit_ids(user))
