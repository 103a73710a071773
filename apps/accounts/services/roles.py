"""Granting and removing roles: every change goes through here, so the policy is asked and history is kept."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction
from django.utils.translation import gettext as _

from apps.accounts import permissions
from apps.accounts.models import RoleAssignment, User
from apps.accounts.roles import Role, ScopeKind, scope_kind_of
from apps.core import policy
from apps.core.services import validated_save


def _scope_fields(scope: models.Model | None) -> dict[str, models.Model | None]:
    kind = scope_kind_of(scope) if scope is not None else None
    return {str(each): (scope if each == kind else None) for each in ScopeKind}


@transaction.atomic
def role_grant(
    *,
    by: User | None,
    user: User,
    role: Role | str,
    scope: models.Model | None = None,
    source: str = RoleAssignment.Source.HAND,
) -> RoleAssignment:
    """``user`` holds ``role`` city-wide (no ``scope``) or for a unit, venue, programme or sector.

    ``by`` is the acting user, or None for the system itself (the login's group mapping, the demo, the tests'
    fixtures), which the policy does not ask. Granting a role already held changes nothing and returns it.
    """
    scope_fields = _scope_fields(scope)
    assignment = RoleAssignment(user=user, role=role, source=source, granted_by=by, **scope_fields)
    if by is not None:
        policy.require(permissions.can_grant(by, assignment), _("You may not grant this role here."))
    existing = RoleAssignment.objects.filter(user=user, role=role, **scope_fields).first()
    if existing is not None:
        return existing
    assignment._history_user = by  # type: ignore[attr-defined]  # simple-history: who granted it
    validated_save(assignment)
    user.forget_role_grants()
    return assignment


@transaction.atomic
def role_revoke(*, by: User | None, assignment: RoleAssignment) -> None:
    """Take a held role away; the history keeps who removed it and when (``by`` None: the system)."""
    if by is not None:
        policy.require(permissions.can_revoke(by, assignment), _("You may not remove this role."))
    assignment._history_user = by  # type: ignore[attr-defined]
    assignment.delete()
    assignment.user.forget_role_grants()


@transaction.atomic
def role_login_sync(*, user: User, grants: Iterable[tuple[Role | str, models.Model | None]]) -> list[RoleAssignment]:
    """At sign-in: the user holds exactly these roles from the login (role, scope or None), as the group claims map.

    Roles from the login that the claims no longer give are removed, new ones granted (``source=login``), each in the
    history; roles granted by hand stay as they are (a role held by hand is not granted again from the login).
    """
    wanted = {(str(role), *_scope_key(scope)) for role, scope in grants}
    scopes = {(str(role), *_scope_key(scope)): scope for role, scope in grants}
    held = {assignment.key: assignment for assignment in user.role_assignments.all()}
    for key, assignment in held.items():
        if assignment.source == RoleAssignment.Source.LOGIN and key not in wanted:
            role_revoke(by=None, assignment=assignment)
    for key in wanted - held.keys():
        role_grant(by=None, user=user, role=key[0], scope=scopes[key], source=RoleAssignment.Source.LOGIN)
    user.forget_role_grants()
    return list(user.role_assignments.filter(source=RoleAssignment.Source.LOGIN))


def _scope_key(scope: models.Model | None) -> tuple[str | None, int | None]:
    return (scope_kind_of(scope), scope.pk) if scope is not None else (None, None)
