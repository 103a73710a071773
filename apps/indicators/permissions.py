"""Who may see indicators and start their computation: managers and administrators."""

from __future__ import annotations

from apps.accounts.models import User
from apps.accounts.roles import Role, ScopeKind


def can_view_indicators(user: User) -> bool:
    return user.is_authenticated and (user.has_role(Role.MANAGER) or user.has_role(Role.ADMIN))


def can_recompute_indicators(user: User) -> bool:
    return can_view_indicators(user)


def manager_sectors(user: User) -> frozenset[int] | None:
    """The sectors whose detail a manager is for: None for every sector (a city-wide manager, an administrator).

    The city overview stays visible to every manager; the dashboards' sector detail may narrow to these.
    """
    if not user.is_authenticated:
        return frozenset()
    if user.holds_city_wide(Role.MANAGER) or user.has_role(Role.ADMIN):
        return None
    return user.scope_ids(Role.MANAGER, ScopeKind.SECTOR)


def can_set_target(user: User, scope: str, scope_id: int) -> bool:
    """City-wide managers and administrators set targets for any scope; a manager of some sectors, for those
    sectors only (the city's own targets are the city-wide managers')."""
    if not can_view_indicators(user):
        return False
    sectors = manager_sectors(user)
    if sectors is None:
        return True
    return scope == "sector" and scope_id in sectors
