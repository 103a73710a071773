"""Reads of users and their roles that pages and the API need."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from apps.accounts.models import RoleAssignment, User


def unit_people(unit_ids: Iterable[int]) -> QuerySet[User]:
    """The active users whose home unit is one of these, by name."""
    return User.objects.filter(home_unit_id__in=list(unit_ids), is_active=True).order_by("last_name", "first_name")


def unit_role_assignments(unit_ids: Iterable[int]) -> QuerySet[RoleAssignment]:
    """The roles held by the people of these units, wherever they hold them, person by person."""
    return (
        RoleAssignment.objects.filter(user__home_unit_id__in=list(unit_ids))
        .select_related("user", "unit", "venue", "programme", "sector", "granted_by")
        .order_by("user__last_name", "user__first_name", "role")
    )
