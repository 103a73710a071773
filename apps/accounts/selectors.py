"""Reads of users and their roles that pages and the API need."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from apps.accounts.models import RoleAssignment, User
from apps.core.history import HISTORY_LIMIT, HistoryEntry, history_entries


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


def unit_role_history(unit_ids: Iterable[int], *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Which roles the people of these units were given or lost, by whom and when (removed ones too); newest first."""
    grants = RoleAssignment.history.filter(user__home_unit_id__in=list(unit_ids))
    return history_entries([grants.select_related("user", "unit", "venue", "programme", "sector")], limit=limit)
